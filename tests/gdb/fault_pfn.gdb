# tests/gdb/fault_pfn.gdb — device memory in gdb, and the helpers' own
# answers: /bin/faultpaths (user/bin/faultpaths.c) maps one page of
# /dev/fb0 shared at 0x16000000, reads a pixel (->fault puts the pfn in the
# PTE itself: vmf_insert_pfn) and writes it back (the PTE is read-only for
# write-notify: do_wp_page -> wp_pfn_shared -> ->pfn_mkwrite).  A raw pfn
# has no struct page, and `page` says so.  Then ps, break-fault list and
# the errors of the helpers (each a one-line message, never a traceback).
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.
#
# (The kernel is built at -O2: fb_fault ends in a call to vmf_insert_pfn,
# which gcc makes a jump, so fb_fault is missing from the backtrace; the
# #1 line accepts both.  -fno-optimize-sibling-calls would keep it.)

break-fault list
# expect: ^KIND +STOPS IN +WHEN$
# expect: ^anon +do_anonymous_page +a PTE none in an anonymous VMA
# expect: ^zero-cow +do_wp_page +a write to the zero page
# expect: ^file-read +do_read_fault +
# expect: ^fault-around +do_fault_around +
# expect: ^private-cow +do_cow_fault +
# expect: ^shared-mkwrite +do_shared_fault, do_wp_page +
# expect: ^pfn +vmf_insert_pfn +
# expect: ^pfn-mkwrite +wp_pfn_shared +
# expect: ^sigsegv +force_sig_fault +
# expect: ^sigbus +force_sig_fault +
# expect: ^gup +faultin_page +a fault the kernel takes for a user

# --- 10. a read of a raw-pfn mapping: ->fault -> vmf_insert_pfn ---------------
break-fault pfn 0x16000000
# expect: ^break-fault pfn: breakpoint 1 in vmf_insert_pfn if addr == 0x16000000$
continue
# expect: ^Breakpoint 1, vmf_insert_pfn \(vma=0x[0-9a-f]+, addr=369098752, pfn=\d+\) at mm/memory\.c:\d+
bt 8
# expect: ^#0\s+vmf_insert_pfn \(vma=
# expect: ^#1\s+0x[0-9a-f]+ in fb_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in __do_fault \(vmf=
# expect: ^#\d\s+0x[0-9a-f]+ in do_read_fault \(vmf=
# expect: ^#\d\s+0x[0-9a-f]+ in do_fault \(vmf=
# expect: ^#\d\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#\d\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=369098752
# expect: ^#\d\s+0x[0-9a-f]+ in do_page_fault \(regs=
# the framebuffer's first pfn: far above RAM (256 MiB here)
printf "pfn: addr %#lx pfn %#lx max_pfn %#lx\n", addr, pfn, max_pfn
# expect: ^pfn: addr 0x16000000 pfn 0x[0-9a-f]+ max_pfn 0x[0-9a-f]+$
vmas
# expect: ^  0000000016000000  0000000016001000 +4 KiB  rw-s PFNMAP IO +0 +/dev/fb0 +fb_vm_ops \(->name fb_vma_name\)$
finish
# VM_FAULT_NOPAGE: the PTE is in place, there is no page to hand back
# expect: ^Value returned is \$\d+ = 256$
pt 0x16000000
# expect: ^page-table walk for 0000000016000000 \(CR3
# read-only (write-notify), user, not executable
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U PWT A NX$
python
try:
    gdb.execute('page 0x16000000')
except gdb.error as e:
    print('error: %s' % e)
end
# expect: ^user address 0000000016000000 -> phys
# expect: ^error: page: pfn 0x[0-9a-f]+ is beyond mem_map \(max_pfn 0x[0-9a-f]+\): no struct page, device memory
delete

# --- the write: do_wp_page -> wp_pfn_shared -> ->pfn_mkwrite ------------------
break-fault pfn-mkwrite 0x16000000
continue
# expect: ^Breakpoint 2, wp_pfn_shared \(vmf=
bt 5
# expect: ^#0\s+wp_pfn_shared \(vmf=
# expect: ^#1\s+0x[0-9a-f]+ in do_wp_page \(
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(
# expect: ^#3\s+0x[0-9a-f]+ in handle_mm_fault \(
# expect: ^#4\s+0x[0-9a-f]+ in do_page_fault \(
printf "pfn-mkwrite: vmf->address %#lx flags %#x\n", vmf->address, vmf->flags
# expect: ^pfn-mkwrite: vmf->address 0x16000000 flags 0x3$
break fb_pfn_mkwrite
continue
# expect: ^Breakpoint 3, fb_pfn_mkwrite \(vmf=
bt 2
# expect: ^#1\s+0x[0-9a-f]+ in wp_pfn_shared \(vmf=
delete
frame function handle_mm_fault
finish
# expect: ^(0x[0-9a-f]+ in )?do_page_fault \(regs=
# expect: ^Value returned is \$\d+ = 0$
pt 0x16000000
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U PWT A D SD NX$
faults 2
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 16000000 err 4 vma 16000000-16001000 pfn-insert result 100 around 0$
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 16000000 err 7 vma 16000000-16001000 pfn-mkwrite result 0 around 0  <- in progress$

# --- ps, and the helpers' errors ----------------------------------------------
ps
# expect: ^ +PID +STATE +COMM +MM +PPID$
# expect: ^ +0  R \(running\)  kernel +- +-$
# expect: ^  \* +1  R \(running\)  faultpaths  0xffff888[0-9a-f]+  0$
vmas 1
# expect: ^vmas of pid 1 \(faultpaths\): mm 0xffff888[0-9a-f]+, 13 VMAs$
page zero_page
# expect: ^page pfn 0x[0-9a-f]+ \(phys 0x[0-9a-f]+\), struct page at 0xffff888[0-9a-f]+:$
# expect: ^  the shared zero page
python
for cmd in ('vmas 0', 'vmas 99', 'page 0x7000000', 'page', 'faults 0', 'ps 1',
            'break-fault', 'break-fault nope', 'pt 0x800000000000'):
    try:
        gdb.execute(cmd)
        print('no error: %s' % cmd)
    except gdb.error as e:
        print('error: %s' % e)
end
# expect: ^error: vmas: pid 0 \(kernel\) has no address space \(mm is NULL\): a kernel task$
# expect: ^error: vmas: no task with pid 99 \(ps lists them\)$
# expect: ^error: page: user address 0000000007000000 is not mapped \(CR3 [0-9a-f]+\): `pt 0x7000000` shows where the walk stops$
# expect: ^error: page: a pfn, an address or a struct page \* is needed$
# expect: ^error: faults: N must be positive$
# expect: ^error: ps: takes no argument$
# expect: ^error: break-fault: a KIND is needed: break-fault list shows them$
# expect: ^error: break-fault: unknown kind "nope"; the kinds: anon, zero-cow, wp, file-read, fault-around, private-cow, shared-mkwrite, pfn, pfn-mkwrite, sigsegv, sigbus, gup$
# expect: ^error: pt: 0000800000000000 is not canonical
info breakpoints
# expect: ^No breakpoints or watchpoints\.$

break do_exit
continue
# expect: ^Breakpoint 4, do_exit \(status=0\)
delete
continue
# expect: Remote connection closed|exited
