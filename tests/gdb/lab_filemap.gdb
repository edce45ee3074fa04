# tests/gdb/lab_filemap.gdb — the gdb session of docs/labs/filemap.md ("Seeing it in
# gdb"), replayed against make gdb's kernel (build/debug).  tests/run.py
# checks that the handout shows exactly these "(gdb) " commands, in order (a
# command after a "# (not in the tour)" line is not in the handout), and the
# "# expect:" lines check what the handout's comments say each one shows.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain
break-fault fault-around 0x11000000
continue
# expect: ^Breakpoint 2, do_fault_around \(vmf=
p *vmf
# expect: address = 285212672, .*pgoff = 0, .*orig_pte = {pte = 0}
finish
# expect: in do_read_fault \(vmf=
# expect: ^Value returned is \$\d+ = 256$
pt 0x11001000
# expect: ^  PT  \[  1\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
page 0x11001000
# expect: ^  refcount  2$
# expect: ^  mapcount  1$
# expect: ^  a page-cache page: the file's page at index 1$
faults 2
# expect: addr 11000000 err 4 .* around 7  <- in progress$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
