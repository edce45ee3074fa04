# tests/gdb/fault_file.gdb — private file mappings in gdb: /bin/faultpaths
# (user/bin/faultpaths.c) writes an 8-page scratch file, /tmp/faultpaths.dat
# (page i full of 'A' + i: all of it in the page cache), maps it privately
# read-only at 0x11000000 and reads page 0 (do_read_fault: fault-around maps
# all 8 pages), then maps it privately writable at 0x12000000 and writes
# page 0 (do_cow_fault: a copy; the file stays as it was).
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.

# --- 4. a read of a file page: do_read_fault, do_fault_around -----------------
break-fault file-read 0x11000000
# expect: ^break-fault file-read: breakpoint 1 in do_read_fault if vmf->address == 0x11000000$
break-fault fault-around 0x11000000
# expect: ^break-fault fault-around: breakpoint 2 in do_fault_around if vmf->address == 0x11000000$
continue
# expect: ^Breakpoint 1, do_read_fault \(vmf=0x[0-9a-f]+\) at mm/memory\.c:\d+
bt 5
# expect: ^#0\s+do_read_fault \(vmf=0x[0-9a-f]+\) at mm/memory\.c
# expect: ^#1\s+0x[0-9a-f]+ in do_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#3\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=285212672
# expect: ^#4\s+0x[0-9a-f]+ in do_page_fault \(regs=
printf "file-read: vmf->address %#lx flags %#x pgoff %lu\n", vmf->address, vmf->flags, vmf->pgoff
# expect: ^file-read: vmf->address 0x11000000 flags 0x2 pgoff 0$
vmas
# expect: ^vmas of pid 1 \(faultpaths\): mm 0xffff888[0-9a-f]+, \d+ VMAs$
# expect: ^  0000000011000000  0000000011008000 +32 KiB  r--p +0 +/tmp/faultpaths\.dat +ramfs_vm_ops \(->name ramfs_vma_name\)$
# nothing of the file is mapped yet
pt 0x11007000
# expect: ^page-table walk for 0000000011007000 \(CR3
# expect: ^  PT  \[  7\] = 0{16}  pfn 0  -$
continue
# expect: ^Breakpoint 2, do_fault_around \(vmf=
bt 6
# expect: ^#0\s+do_fault_around \(vmf=0x[0-9a-f]+\) at mm/memory\.c
# expect: ^#1\s+0x[0-9a-f]+ in do_read_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in do_fault \(vmf=
# expect: ^#3\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#4\s+0x[0-9a-f]+ in handle_mm_fault \(
# expect: ^#5\s+0x[0-9a-f]+ in do_page_fault \(regs=
# ->map_pages is asked for the whole file: pages 0 to 7 (the VMA's end)
break filemap_map_pages
continue
# expect: ^Breakpoint 3, filemap_map_pages \(vmf=0x[0-9a-f]+, start_pgoff=0, end_pgoff=7\) at mm/filemap\.c
finish
# VM_FAULT_NOPAGE: the faulting page was in the cache and is mapped; do_read_fault is done
# expect: ^Value returned is \$\d+ = 256$
# every page of the file is mapped now, read-only (a write will copy), as
# page 7, which nobody has touched, shows
pt 0x11007000
# expect: ^page-table walk for 0000000011007000 \(CR3
# expect: ^  PT  \[  7\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
page 0x11007000
# expect: ^user address 0000000011007000 -> phys
# expect: ^  refcount  2$
# expect: ^  mapcount  1$
# expect: ^  mapping   0xffff888[0-9a-f]+ \(inode \d+, /tmp/faultpaths\.dat, 8 pages cached\)$
# expect: ^  index     7$
# expect: ^  a page-cache page: the file's page at index 7$
# the fault's record: ->map_pages counted the 7 pages mapped besides the
# faulting one; do_read_fault names the path when it returns
faults 1
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 11000000 err 4 vma 11000000-11008000 none result 0 around 7  <- in progress$
delete

# --- 5. a first write to a private file mapping: do_cow_fault -----------------
break-fault private-cow 0x12000000
continue
# expect: ^Breakpoint 4, do_cow_fault \(vmf=
bt 5
# expect: ^#0\s+do_cow_fault \(vmf=0x[0-9a-f]+\) at mm/memory\.c
# expect: ^#1\s+0x[0-9a-f]+ in do_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#3\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=301989888
# expect: ^#4\s+0x[0-9a-f]+ in do_page_fault \(regs=
printf "private-cow: vmf->address %#lx flags %#x pgoff %lu\n", vmf->address, vmf->flags, vmf->pgoff
# expect: ^private-cow: vmf->address 0x12000000 flags 0x3 pgoff 0$
vmas
# expect: ^  0000000011000000  0000000011008000 +32 KiB  r--p +0 +/tmp/faultpaths\.dat
# expect: ^  0000000012000000  0000000012008000 +32 KiB  rw-p +0 +/tmp/faultpaths\.dat +ramfs_vm_ops
finish
# expect: ^Value returned is \$\d+ = 0$
# the copy: anonymous, writable, dirty
pt 0x12000000
# expect: ^page-table walk for 0000000012000000 \(CR3
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
page 0x12000000
# expect: ^  mapping   NULL$
# expect: ^  an anonymous page, mapped 1 time\(s\)$
# the file's own page 0 is mapped only where it was read (0x11000000)
page 0x11000000
# expect: ^  mapcount  1$
# expect: ^  a page-cache page: the file's page at index 0$
faults 1
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 12000000 err 6 vma 12000000-12008000 file-private-cow result 0 around 0  <- in progress$
delete

break do_exit
continue
# expect: ^Breakpoint 5, do_exit \(status=0\)
delete
continue
# expect: Remote connection closed|exited
