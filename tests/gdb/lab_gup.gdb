# tests/gdb/lab_gup.gdb — the gdb session of docs/labs/gup.md ("Seeing it in
# gdb"), replayed against make gdb's kernel with /bin/faultpaths as the
# first program: its step 11 writes '!' through /proc/self/mem into page 4
# of a private, read-only mapping of its scratch file.  tests/run.py
# checks that the handout's "(gdb) " commands are these, in order (a
# command after "# (not in the tour)" is not in the handout); the
# "# expect:" lines check what the handout's comments say.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break-fault gup 0x17004000
continue
# expect: ^Breakpoint 2, faultin_page \(vma=0x[0-9a-f]+, address=385892352, flags=8215, unshare=false\)
bt 5
# expect: ^#0\s+faultin_page \(
# expect: ^#1\s+0x[0-9a-f]+ in __get_user_pages \(
# expect: ^#2\s+0x[0-9a-f]+ in get_user_pages_remote \(
# expect: ^#3\s+0x[0-9a-f]+ in access_remote_vm \(
# expect: ^#4\s+0x[0-9a-f]+ in mem_rw \(
p/x flags
# expect: ^\$\d+ = 0x2017$
vmas
# expect: ^  0000000017000000  0000000017008000 +32 KiB  r--p +0 +/tmp/faultpaths\.dat +ramfs_vm_ops
page 0x17004000
# expect: ^  a page-cache page: the file's page at index 4$
break can_follow_write_pte
continue
# expect: ^Breakpoint 3, can_follow_write_pte \(
bt 3
# expect: ^#0\s+can_follow_write_pte \(
# expect: ^#1\s+0x[0-9a-f]+ in follow_page_pte \(
# expect: ^#2\s+0x[0-9a-f]+ in __get_user_pages \(
page 0x17004000
# expect: ^  an anonymous page, mapped 1 time\(s\)$
finish
# expect: ^Value returned is \$\d+ = true$
pt 0x17004000
# expect: ^  PT  \[  4\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A D SD NX$
faults 1
# expect: ^fault: pid 1 rip 0 addr 17004000 err 2 vma 17000000-17008000 wp-copy\+gup result 8 around 0$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
