# tests/gdb/tour.gdb — the gdb session of docs/tour.md, section 3, replayed
# against make gdb's kernel (-O0, build/debug) with /bin/faultpaths as the
# first program.  tests/run.py checks the tour against this session
# (check_transcript): every "(gdb) " command the tour shows is, in order, a
# command below, and every output line it shows is a line of this session's
# output, in order (pointers, pfns and addresses of 5+ hex digits may
# differ; line numbers may not).  A command after a "# (not in the tour)"
# line is left out of that comparison.  Change the code, and this test
# says which line of the tour to update.

# (not in the tour)
hbreak kmain
# (not in the tour)
continue
# expect: ^Breakpoint 1, kmain \(magic=920085129, mbi_phys=\d+\) at kernel/main\.c:\d+
break do_page_fault if $cr2 == 0x10000000
continue
# expect: ^Breakpoint 2, do_page_fault \(regs=0x[0-9a-f]+\) at mm/fault\.c:\d+
p/x regs->error_code
# expect: ^\$1 = 0x4$
p/x regs->rip
next
next
next
# expect: ^\d+\s+trace_fault_begin\(regs->rip, addr, err\);
info locals
# expect: ^addr = 268435456$
# expect: ^mm = 0xffff888[0-9a-f]+$
advance handle_mm_fault
# expect: ^handle_mm_fault \(vma=0xffff888[0-9a-f]+, address=268435456, flags=2\) at mm/memory\.c:\d+
bt
# expect: ^#1\s+0x[0-9a-f]+ in do_page_fault \(regs=
advance handle_pte_fault
# expect: ^handle_pte_fault \(vmf=0x[0-9a-f]+\) at mm/memory\.c:\d+
next
step
# expect: ^pte_none \(p=\.\.\.\) at \./mm/pgtable\.h:\d+
finish
# expect: ^Value returned is \$\d+ = true$
step
step
# expect: ^vma_is_anonymous \(vma=0x[0-9a-f]+\) at \./mm/mm\.h:\d+
finish
step
# expect: ^do_anonymous_page \(vmf=0x[0-9a-f]+\) at mm/memory\.c:\d+
bt
# expect: ^#0\s+do_anonymous_page \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_mm_fault \(vma=0x[0-9a-f]+, address=268435456, flags=2\)
p/x *vmf
# expect: ^\$\d+ = \{vma = 0x[0-9a-f]+, address = 0x10000000, real_address = 0x10000000, flags = 0x2,
pt vmf->address
# expect: ^  0000000010000000 -> not mapped$
next
next
next
# expect: ^\d+\s+BUG_ON\(!pte_none\(\*vmf->pte\)\);
p/x entry
# expect: ^\$\d+ = \{pte = 0x8000000[0-9a-f]{6}025\}$
finish
# expect: ^Value returned is \$\d+ = 0$
pt 0x10000000
# expect: ^  PT  \[  0\] = 8000000[0-9a-f]{6}025  pfn [0-9a-f]+  P U A NX$
page 0x10000000
# expect: ^  the shared zero page
vmas
# expect: ^  0000000010000000  0000000010003000 +12 KiB  rw-p +0 +\[anon\]$
faults 3
# expect: anon-zero-page result 0 around 0  <- in progress$
break-fault anon 0x10001000
continue
# expect: ^Breakpoint 3, do_anonymous_page \(vmf=
p/x vmf->flags
# expect: ^\$\d+ = 0x3$
finish
pt 0x10001000
# expect: ^  PT  \[  1\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
page 0x10001000
# expect: ^  mapcount  1$
break-fault zero-cow 0x10002000
continue
# expect: ^Breakpoint 4, do_wp_page \(vmf=
p/x vmf->orig_pte
break wp_page_copy
continue
# expect: ^Breakpoint 5, wp_page_copy \(vmf=
finish
# expect: ^Value returned is \$\d+ = 8$
pt 0x10002000
# expect: ^  PT  \[  2\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
break-fault file-read 0x11000000
continue
# expect: ^Breakpoint 6, do_read_fault \(vmf=
pt 0x11003000
finish
# expect: ^Value returned is \$\d+ = 256$
pt 0x11003000
# expect: ^  PT  \[  3\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
page 0x11003000
# expect: ^  refcount  2$
faults 1
# expect: file-read-around result 0 around 7  <- in progress$
# (not in the tour)
delete
# (not in the tour)
continue
# expect: Remote connection closed|exited
