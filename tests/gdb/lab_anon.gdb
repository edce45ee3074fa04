# tests/gdb/lab_anon.gdb — the gdb session of docs/labs/anon.md ("Seeing it
# in gdb"), replayed against make gdb's kernel with /bin/faultpaths as the
# first program.  tests/run.py checks that the handout's "(gdb) " commands
# are these, in order (a command after "# (not in the tour)" is not in the
# handout); the "# expect:" lines check what the handout's comments say.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break-fault anon 0x10000000
continue
# expect: ^Breakpoint 2, do_anonymous_page \(vmf=
p/x vmf->flags
# expect: ^\$1 = 0x2$
finish
# expect: in handle_pte_fault \(vmf=
# expect: ^Value returned is \$2 = 0$
pt 0x10000000
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
break-fault zero-cow 0x10002000
continue
# expect: ^Breakpoint 3, do_wp_page \(vmf=
pt vmf->address
# expect: ^  PT  \[  2\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
finish
# expect: ^Value returned is \$\d+ = 8$
pt 0x10002000
# expect: ^  PT  \[  2\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
faults 3
# expect: addr 10001000 err 6 .* anon-new-page result 0
# expect: addr 10002000 err 4 .* anon-zero-page result 0
# expect: addr 10002000 err 7 .* wp-zero-page-copy result 0
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
