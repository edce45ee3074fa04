# tests/gdb/lab_cow.gdb — the gdb session of docs/labs/cow.md ("Seeing it in
# gdb"), replayed against make gdb's kernel (build/debug).  tests/run.py
# checks that the handout shows exactly these "(gdb) " commands, in order (a
# command after a "# (not in the tour)" line is not in the handout), and the
# "# expect:" lines check what the handout's comments say each one shows.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break-fault wp
continue
# expect: ^Breakpoint 2, do_wp_page \(vmf=
pt vmf->address
# expect: ^  PT  \[\s*\d+\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A D SD NX$
page vmf->address
# expect: ^  refcount  2$
# expect: ^  mapcount  2$
vmas
# expect: ^vmas of pid \d \(cow_basic\)
finish
# expect: ^Value returned is \$\d+ = 8$
pt vmf->address
# expect: ^  PT  \[\s*\d+\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
faults 3
# expect: ^fault: pid \d .* wp-copy result 0 around 0  <- in progress$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
