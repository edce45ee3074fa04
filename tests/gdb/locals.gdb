# tests/gdb/locals.gdb — against make gdb's kernel (-O0, build/debug;
# tests/boots.py: kernel='debug'): at a stop in each path of the fault path,
# the locals a student looks at first have values, none <optimized out>
# (at -Og, `entry` in do_anonymous_page and wp_page_copy was, and `mm` in
# do_page_fault, `file`/`size` in filemap_fault, `pte` in filemap_map_pages,
# `page`/`pfn` in do_wp_page, `flags` in a backtrace, at many lines).
# /bin/faultpaths is the first program.  Stops are found by function name
# only (no line numbers): a stop in a callee, then `up`, shows the locals
# of the caller at the line that called it, every one assigned by then.

# --- do_page_fault and handle_mm_fault: the anonymous read of 0x10000000 ----
break handle_mm_fault if address == 0x10000000
continue
# expect: ^Breakpoint 1, handle_mm_fault \(vma=0xffff888[0-9a-f]+, address=268435456, flags=2\)
bt 2
# expect: ^#0\s+handle_mm_fault \(vma=0xffff888[0-9a-f]+, address=268435456, flags=2\)
# expect: ^#1\s+0x[0-9a-f]+ in do_page_fault \(regs=0xffff[0-9a-f]+\)
up
info locals
# expect: ^addr = 268435456$
# expect: ^err = 4$
# expect: ^mm = 0xffff888[0-9a-f]+$
# expect: ^vma = 0xffff888[0-9a-f]+$
delete

# --- handle_mm_fault: the walk down, an entry of each level -----------------
tbreak handle_pte_fault
continue
up
info locals
# expect: ^#1\s+0x[0-9a-f]+ in handle_mm_fault \(vma=0xffff888[0-9a-f]+, address=268435456, flags=2\)
# expect: ^pgd = 0xffff888[0-9a-f]+$
# expect: ^pud = 0xffff888[0-9a-f]+$
# expect: ^pmd = 0xffff888[0-9a-f]+$

# --- do_anonymous_page, read: entry, the zero page's PTE ---------------------
tbreak pte_wrprotect
continue
up
# expect: ^#1\s+0x[0-9a-f]+ in do_anonymous_page \(vmf=0xffff[0-9a-f]+\) at mm/memory\.c:\d+
printf "anon-read: vma %#lx entry %#lx\n", vma, entry.pte
# expect: ^anon-read: vma 0xffff888[0-9a-f]+ entry 0x8000000[0-9a-f]{6}025$

# --- do_anonymous_page, write: page and entry, a new page -------------------
break-fault anon 0x10001000
continue
tbreak set_pte_page
continue
up
info locals
# expect: ^#1\s+0x[0-9a-f]+ in do_anonymous_page \(vmf=0xffff[0-9a-f]+\)
# expect: ^vma = 0xffff888[0-9a-f]+$
# expect: ^page = 0xffff888[0-9a-f]+$
# expect: ^entry = \{pte = \d+\}$
printf "anon-write: entry %#lx\n", entry.pte
# expect: ^anon-write: entry 0x8[0-9a-f]+67$
delete

# --- wp_page_copy and do_wp_page: the write after a read, at 0x10002000 -----
break-fault zero-cow 0x10002000
continue
tbreak flush_tlb_one
continue
up
info locals
# expect: ^#1\s+0x[0-9a-f]+ in wp_page_copy \(vmf=0xffff[0-9a-f]+\)
# expect: ^vma = 0xffff888[0-9a-f]+$
# expect: ^old_pfn = \d+$
# expect: ^old = 0xffff888[0-9a-f]+$
# expect: ^new_page = 0xffff888[0-9a-f]+$
# expect: ^entry = \{pte = \d+\}$
printf "wp-copy: old is the zero page: %d, entry %#lx\n", old == zero_page, entry.pte
# expect: ^wp-copy: old is the zero page: 1, entry 0x8[0-9a-f]+67$
up
printf "do_wp_page: pfn %#lx is the zero page's: %d\n", pfn, pfn == zero_page - mem_map
# expect: ^#2\s+0x[0-9a-f]+ in do_wp_page \(vmf=0xffff[0-9a-f]+\)
# expect: ^do_wp_page: pfn 0x[0-9a-f]+ is the zero page's: 1$
delete

# --- filemap_map_pages: fault-around at 0x11000000 ---------------------------
break-fault file-read 0x11000000
continue
tbreak map_page_at
continue
up
# (end_pgoff: clipped to the file's last page, 7, by the time pages are mapped)
printf "fault-around: pgoff %lu-%lu, page %lu (iter.index %lu), pte %#lx is the fault's: %d\n", start_pgoff, end_pgoff, page->index, iter.index, pte, pte == vmf->pte
# expect: ^#1\s+0x[0-9a-f]+ in filemap_map_pages \(vmf=0xffff[0-9a-f]+, start_pgoff=0, end_pgoff=7\)
# expect: ^fault-around: pgoff 0-7, page 0 \(iter.index 0\), pte 0xffff888[0-9a-f]+ is the fault's: 1$
info locals
# expect: ^pte = 0xffff888[0-9a-f]+$
# expect: ^inode = 0xffff888[0-9a-f]+$
# expect: ^iter = \{index = 0, slot = 0xffff888[0-9a-f]+, leaf_last = 7, last = 7\}$
delete

# --- filemap_fault: the private write at 0x12000000 (do_cow_fault) ----------
break filemap_fault if vmf->address == 0x12000000
continue
tbreak find_get_page
continue
up
printf "filemap_fault: file %#lx, size %lu pages, m %#lx\n", file, size, m
# expect: ^#1\s+0x[0-9a-f]+ in filemap_fault \(vmf=0xffff[0-9a-f]+\) at mm/filemap\.c:\d+
# expect: ^filemap_fault: file 0xffff888[0-9a-f]+, size 8 pages, m 0xffff888[0-9a-f]+$
bt 5
# expect: ^#3\s+0x[0-9a-f]+ in do_cow_fault \(vmf=
delete

# --- do_shared_fault: the shared write at 0x13000000 -------------------------
break-fault shared-mkwrite 0x13000000
continue
tbreak finish_fault
continue
up
printf "shared: ret %#x, page %#lx\n", ret, vmf->page
# expect: ^#1\s+0x[0-9a-f]+ in do_shared_fault \(vmf=0xffff[0-9a-f]+\)
# expect: ^shared: ret 0, page 0xffff888[0-9a-f]+$
delete

# --- do_wp_page, shared: the write after a read at 0x13001000 ----------------
break ramfs_page_mkwrite if vmf->address == 0x13001000
continue
up
info locals
# gdb lists the inner block's locals first: the shared case's page (assigned
# here), then vma, pfn and the private case's page (not yet: stack garbage)
# expect: ^#1\s+0x[0-9a-f]+ in do_wp_page \(vmf=0xffff[0-9a-f]+\)
# expect: ^page = 0xffff888[0-9a-f]+$
# expect: ^vma = 0xffff888[0-9a-f]+$
# expect: ^pfn = \d+$
printf "do_wp_page: page is pfn's: %d\n", page - mem_map == pfn
# expect: ^do_wp_page: page is pfn's: 1$
delete

# --- vmf_insert_pfn: the framebuffer at 0x16000000 ---------------------------
break-fault pfn 0x16000000
continue
tbreak pfn_pte
continue
up
printf "pfn: addr %#lx pfn %#lx pte %#lx\n", addr, pfn, pte
# expect: ^#1\s+0x[0-9a-f]+ in vmf_insert_pfn \(vma=0xffff888[0-9a-f]+, addr=369098752
# expect: ^pfn: addr 0x16000000 pfn 0xfd000 pte 0xffff888[0-9a-f]+$
delete

continue
# expect: Remote connection closed|exited
