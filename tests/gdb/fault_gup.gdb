# tests/gdb/fault_gup.gdb — the second way into the fault path, in gdb:
# /bin/faultpaths (user/bin/faultpaths.c), step 11, maps its scratch file
# private and read-only at 0x17000000, reads page 4 ('E's: mapped
# read-only from the page cache), then writes '!' there with pwrite on
# /proc/self/mem.  No instruction faults: the kernel's get_user_pages
# (mm/gup.c) finds the PTE read-only, and faultin_page calls
# handle_mm_fault itself, which copies the page (do_wp_page ->
# wp_page_copy) and leaves the copy read-only: the VMA has no VM_WRITE.
# The retry follows the copy (an anonymous page ours alone: may be
# written, can_follow_write_pte), never the file's page (Dirty COW).
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.

# --- 11. a forced write through /proc/self/mem ----------------------------------
break-fault gup 0x17004000
# expect: ^break-fault gup: breakpoint 1 in faultin_page if address == 0x17004000$
continue
# expect: ^Breakpoint 1, faultin_page \(vma=(vma@entry=)?0x[0-9a-f]+, address=(address@entry=)?385892352, flags=(flags@entry=)?\d+, unshare=(unshare@entry=)?false\) at mm/gup\.c:\d+
# the way here: a system call, not a trap
bt 8
# expect: ^#0\s+faultin_page \(
# expect: ^#1\s+0x[0-9a-f]+ in (__get_user_pages|get_user_pages_remote) \(
# expect: access_remote_vm \(mm=
# expect: mem_rw \(
# FOLL_WRITE | FOLL_FORCE | FOLL_TOUCH | FOLL_GET | FOLL_REMOTE
printf "gup: flags %#x write %d force %d\n", flags, (flags & 1) != 0, (flags & 0x10) != 0
# expect: ^gup: flags 0x2017 write 1 force 1$
# the VMA may not be written: only FOLL_FORCE lets this write through
vmas
# expect: ^  0000000017000000  0000000017008000 +32 KiB  r--p +0 +/tmp/faultpaths\.dat +ramfs_vm_ops
# before: the page cache's page ('E'), read-only
pt 0x17004000
# expect: ^  PT  \[  4\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
page 0x17004000
# expect: ^  a page-cache page: the file's page at index 4$
break wp_page_copy
continue
# expect: ^Breakpoint 2, wp_page_copy \(vmf=
bt 4
# expect: ^#0\s+wp_page_copy \(vmf=
# expect: ^#1\s+0x[0-9a-f]+ in do_wp_page \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#3\s+0x[0-9a-f]+ in handle_mm_fault \(
# FAULT_FLAG_WRITE | FAULT_FLAG_REMOTE: a write, for get_user_pages
printf "vmf: address %#lx flags %#x\n", vmf->address, vmf->flags
# expect: ^vmf: address 0x17004000 flags 0x9$
delete
frame function faultin_page
finish
# expect: ^Value returned is \$\d+ = 0$
# after: a new frame, still read-only (no VM_WRITE), dirty
pt 0x17004000
# expect: ^  PT  \[  4\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A D SD NX$
page 0x17004000
# expect: ^  an anonymous page, mapped 1 time\(s\)$
# the trace: no instruction (rip 0), the path it took, +gup
faults 1
# expect: ^fault: pid 1 rip 0 addr 17004000 err 2 vma 17000000-17008000 wp-copy\+gup result 8 around 0$
print fault_path_count[FAULT_PATH_GUP]
# expect: ^\$\d+ = 1$

break do_exit
continue
# expect: ^Breakpoint 3, do_exit \(status=0\)
delete
continue
# expect: Remote connection closed|exited
