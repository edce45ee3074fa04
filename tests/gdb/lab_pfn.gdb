# tests/gdb/lab_pfn.gdb — the gdb session of docs/labs/pfn.md ("Seeing it in
# gdb"), replayed against make gdb's kernel (build/debug).  tests/run.py
# checks that the handout shows exactly these "(gdb) " commands, in order (a
# command after a "# (not in the tour)" line is not in the handout), and the
# "# expect:" lines check what the handout's comments say each one shows.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break-fault pfn
continue
# expect: ^Breakpoint 2, vmf_insert_pfn \(
vmas
# expect: ^  0000000016000000  0000000016001000 +4 KiB  rw-s PFNMAP IO +0 +/dev/fb0 +fb_vm_ops
finish
# expect: fb_fault \(vmf=
# expect: ^Value returned is \$\d+ = 256$
pt 0x16000000
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U PWT A NX$
break-fault pfn-mkwrite
continue
# expect: ^Breakpoint 3, wp_pfn_shared \(
finish
# expect: in do_wp_page \(vmf=
# expect: ^Value returned is \$\d+ = 0$
pt 0x16000000
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U PWT A D SD NX$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
