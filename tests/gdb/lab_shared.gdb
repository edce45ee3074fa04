# tests/gdb/lab_shared.gdb — the gdb session of docs/labs/shared.md ("Seeing it in
# gdb"), replayed against make gdb's kernel (build/debug).  tests/run.py
# checks that the handout shows exactly these "(gdb) " commands, in order (a
# command after a "# (not in the tour)" line is not in the handout), and the
# "# expect:" lines check what the handout's comments say each one shows.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break-fault shared-mkwrite 0x13000000
continue
# expect: ^Breakpoint 2, do_shared_fault \(vmf=
bt 4
# expect: ^#1 .* in do_fault \(
finish
# expect: ^Value returned is \$\d+ = 0$
page 0x13000000
# expect: ^  flags     0x[0-9a-f]+ .*PG_dirty
pt 0x13000000
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
break page_mkclean
continue
# expect: ^Breakpoint 4, page_mkclean \(
finish
# expect: ^Value returned is \$\d+ = 1$
pt 0x13000000
# clean and read-only again; still soft-dirty (only clear_refs clears SD)
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A SD NX$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
