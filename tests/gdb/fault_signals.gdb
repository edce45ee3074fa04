# tests/gdb/fault_signals.gdb — faults that end in a signal, in gdb:
# /bin/faultpaths (user/bin/faultpaths.c) writes to a read-only anonymous
# page at 0x14000000 (SIGSEGV, SEGV_ACCERR: do_page_fault's access_error)
# and reads the page past the end of its 8-page scratch file, mapped 9
# pages long at 0x15000000 (SIGBUS, BUS_ADRERR: ->fault has no page), and
# catches both.  Only do_page_fault turns VM_FAULT_* into a signal, through
# force_sig_fault(sig, code, addr).
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.
#
# (The kernel is built with -fno-optimize-sibling-calls, so the calls at
# the ends of do_page_fault and bad_area stay calls: every frame shows.)

# --- 8. a write to a read-only page: SIGSEGV ----------------------------------
break-fault sigsegv 0x14000000
# expect: ^break-fault sigsegv: breakpoint 1 in force_sig_fault if \(sig == 11\) && \(addr == 0x14000000\)$
continue
# SEGV_ACCERR is 2
# expect: ^Breakpoint 1, force_sig_fault \(sig=(sig@entry=)?11, code=(code@entry=)?2, addr=(addr@entry=)?335544320\) at kernel/signal\.c:\d+
bt 3
# expect: ^#0\s+force_sig_fault \(sig=(sig@entry=)?11, code=(code@entry=)?2, addr=(addr@entry=)?335544320\)
# expect: ^#1\s+0x[0-9a-f]+ in bad_area \(regs=
# expect: ^#2\s+0x[0-9a-f]+ in do_page_fault \(regs=
printf "sigsegv: addr %#lx\n", addr
# expect: ^sigsegv: addr 0x14000000$
# readable, not writable: access_error refused the write before any handler
vmas
# expect: ^  0000000014000000  0000000014001000 +4 KiB  r--p +0 +\[anon\]$
pt addr
# expect: ^page-table walk for 0000000014000000 \(CR3
# expect: ^  0000000014000000 -> not mapped$
# the record is complete: err 6 (a user write to a page not present)
faults 1
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 14000000 err 6 vma 14000000-14001000 sigsegv-accerr result 0 around 0$
delete

# --- 9. a read past the end of the file: SIGBUS -------------------------------
# where VM_FAULT_SIGBUS comes from: ->fault (filemap_fault) finds no page
# at index 8 (fault-around mapped pages 0-7 first)
break-fault file-read 0x15008000
continue
# expect: ^Breakpoint 2, do_read_fault \(vmf=
printf "sigbus: vmf->address %#lx flags %#x pgoff %lu\n", vmf->address, vmf->flags, vmf->pgoff
# expect: ^sigbus: vmf->address 0x15008000 flags 0x2 pgoff 8$
break filemap_fault
continue
# expect: ^Breakpoint 3, filemap_fault \(vmf=
finish
# VM_FAULT_SIGBUS
# expect: ^Value returned is \$\d+ = 2$
pt 0x15007000
# expect: ^page-table walk for 0000000015007000 \(CR3
# expect: ^  PT  \[  7\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
delete
break-fault sigbus 0x15008000
# expect: ^break-fault sigbus: breakpoint 4 in force_sig_fault if \(sig == 7\) && \(addr == 0x15008000\)$
continue
# BUS_ADRERR is 2
# expect: ^Breakpoint 4, force_sig_fault \(sig=(sig@entry=)?7, code=(code@entry=)?2, addr=(addr@entry=)?352354304\) at kernel/signal\.c:\d+
bt 4
# expect: ^#0\s+force_sig_fault \(sig=(sig@entry=)?7, code=(code@entry=)?2, addr=(addr@entry=)?352354304\)
# expect: ^#1\s+0x[0-9a-f]+ in bad_area \(regs=
# expect: ^#2\s+0x[0-9a-f]+ in mm_fault_error \(
# expect: ^#3\s+0x[0-9a-f]+ in do_page_fault \(regs=
faults 1
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 15008000 err 4 vma 15000000-15009000 sigbus result 2 around 8$
vmas
# expect: ^  0000000015000000  0000000015009000 +36 KiB  r--p +0 +/tmp/faultpaths\.dat +ramfs_vm_ops
delete

break do_exit
continue
# expect: ^Breakpoint 5, do_exit \(status=0\)
delete
continue
# expect: Remote connection closed|exited
