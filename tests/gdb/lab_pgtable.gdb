# tests/gdb/lab_pgtable.gdb — the gdb session of docs/labs/pgtable.md ("Seeing it in
# gdb"), replayed against make gdb's kernel (build/debug).  tests/run.py
# checks that the handout shows exactly these "(gdb) " commands, in order (a
# command after a "# (not in the tour)" line is not in the handout), and the
# "# expect:" lines check what the handout's comments say each one shows.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break free_empty_tables if level == 4
continue
# expect: ^Breakpoint 2, free_empty_tables \(table=0x[0-9a-f]+, level=4, va=268435456, end=268447744\)
bt 3
# expect: ^#1 .* in free_pgtables \(
# expect: ^#2 .* in do_munmap \(
pt va
# expect: ^  PD  \[128\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W U A$
# expect: ^  PT  \[  0\] = 0{16}  pfn 0  -$
finish
# expect: ^Value returned is \$\d+ = 1$
pt 0x10000000
# expect: ^  PD  \[128\] = 0{16}  pfn 0  -$
# expect: ^  \(not present: the walk stops here\)$
pt (long)do_page_fault
# expect: ^  PT  \[\s*\d+\] = 0{6}[0-9a-f]{10}  pfn [0-9a-f]+  P A G$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
