# tests/gdb/fault_shared.gdb — a shared file mapping in gdb: /bin/faultpaths
# (user/bin/faultpaths.c) maps its scratch file /tmp/faultpaths.dat shared
# and writable at 0x13000000, writes page 0 first (do_shared_fault, which
# calls ->page_mkwrite before it maps the page writable), then reads page 1
# and writes it (the read maps it read-only, for write-notify, so the
# write faults again: do_wp_page -> ->page_mkwrite -> wp_page_reuse).
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.
#
# (The kernel is built at -O2: a call that ends a function becomes a jump,
# and where gdb cannot rebuild the frame from the call-site information, the
# function that jumped is missing from the backtrace; those lines accept
# both.  -fno-optimize-sibling-calls in CFLAGS would keep every frame.)

# --- 6. a first write to a shared file page: do_shared_fault ------------------
break-fault shared-mkwrite 0x13000000
# one breakpoint per way: a PTE none, or a PTE mapped read-only by a read
# expect: ^break-fault shared-mkwrite: breakpoint 1 in do_shared_fault if vmf->address == 0x13000000$
# expect: ^break-fault shared-mkwrite: breakpoint 2 in do_wp_page if \(\(vmf->vma->vm_flags & 0x408\) == 0x8\) && \(vmf->address == 0x13000000\)$
continue
# expect: ^Breakpoint 1, do_shared_fault \(vmf=(vmf@entry=)?0x[0-9a-f]+\) at mm/memory\.c:\d+
bt 5
# expect: ^#0\s+do_shared_fault \(vmf=
# expect: ^#1\s+0x[0-9a-f]+ in do_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#3\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=318767104
# expect: ^#4\s+0x[0-9a-f]+ in do_page_fault \(regs=
printf "shared-write: vmf->address %#lx flags %#x pgoff %lu\n", vmf->address, vmf->flags, vmf->pgoff
# expect: ^shared-write: vmf->address 0x13000000 flags 0x3 pgoff 0$
vmas
# s: a shared mapping
# expect: ^  0000000013000000  0000000013008000 +32 KiB  rw-s +0 +/tmp/faultpaths\.dat +ramfs_vm_ops \(->name ramfs_vma_name\)$
# the file system hears of the write before the page is mapped writable
break ramfs_page_mkwrite
continue
# expect: ^Breakpoint 3, ramfs_page_mkwrite \(vmf=
bt 6
# expect: ^#0\s+ramfs_page_mkwrite \(vmf=0x[0-9a-f]+\) at kernel/fs/ramfs\.c
# expect: ^#1\s+0x[0-9a-f]+ in do_shared_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in do_fault \(vmf=
# expect: ^#3\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#4\s+0x[0-9a-f]+ in handle_mm_fault \(
# expect: ^#5\s+0x[0-9a-f]+ in do_page_fault \(
delete
# run to the end of the generic fault path: handle_mm_fault returns to do_page_fault
frame function handle_mm_fault
finish
# expect: ^#4\s+0x[0-9a-f]+ in handle_mm_fault \(
# expect: ^(0x[0-9a-f]+ in )?do_page_fault \(regs=
# expect: ^Value returned is \$\d+ = 0$
# the page-cache page itself, writable and dirty in this mapping
pt 0x13000000
# expect: ^page-table walk for 0000000013000000 \(CR3
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
# mapped twice: here and (by step 4) at 0x11000000; the file's page 0
page 0x13000000
# expect: ^  flags     0x[0-9a-f]+ .*PG_dirty
# expect: ^  mapcount  2$
# expect: ^  mapping   0xffff888[0-9a-f]+ \(inode \d+, /tmp/faultpaths\.dat, 8 pages cached\)$
# expect: ^  index     0$
delete

# --- 7. a read, then a write: do_wp_page -> ->page_mkwrite -> wp_page_reuse ---
break-fault shared-mkwrite 0x13001000
continue
# the read went through do_read_fault; the write stops here
# expect: ^Breakpoint \d+, do_wp_page \(vmf=
bt 4
# expect: ^#0\s+do_wp_page \(vmf=0x[0-9a-f]+\) at mm/memory\.c
# expect: ^#1\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=318771200
# expect: ^#3\s+0x[0-9a-f]+ in do_page_fault \(regs=
printf "shared-mkwrite: vmf->address %#lx flags %#x\n", vmf->address, vmf->flags
# expect: ^shared-mkwrite: vmf->address 0x13001000 flags 0x3$
# present, read-only: the read mapped it so (a shared writable VMA wants write-notify)
pt vmf->address
# expect: ^page-table walk for 0000000013001000 \(CR3
# expect: ^  PT  \[  1\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
faults 2
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 13001000 err 4 vma 13000000-13008000 file-read-around result 100 around 6$
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 13001000 err 7 vma 13000000-13008000 none result 0 around 0  <- in progress$
break ramfs_page_mkwrite
break wp_page_reuse
continue
# expect: ^Breakpoint \d+, ramfs_page_mkwrite \(vmf=
bt 3
# expect: ^#0\s+ramfs_page_mkwrite \(vmf=
# expect: ^#1\s+0x[0-9a-f]+ in do_wp_page \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
continue
# expect: ^Breakpoint \d+, wp_page_reuse \(vmf=
bt 3
# expect: ^#0\s+wp_page_reuse \(vmf=
# expect: ^#1\s+0x[0-9a-f]+ in do_wp_page \(vmf=
finish
# expect: ^Value returned is \$\d+ = 0$
# the same page, now writable: no copy in a shared mapping
pt 0x13001000
# expect: ^page-table walk for 0000000013001000 \(CR3
# expect: ^  PT  \[  1\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
page 0x13001000
# expect: ^  index     1$
# expect: ^  a page-cache page: the file's page at index 1$
delete

break do_exit
continue
# expect: ^Breakpoint \d+, do_exit \(status=0\)
delete
continue
# expect: Remote connection closed|exited
