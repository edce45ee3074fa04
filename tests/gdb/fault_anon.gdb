# tests/gdb/fault_anon.gdb — anonymous memory in gdb: /bin/faultpaths
# (user/bin/faultpaths.c, the first program of this boot) reads a fresh
# page at 0x10000000 (the zero page), writes one at 0x10001000 (a new
# page), and reads then writes one at 0x10002000 (copy of the zero page).
# Each stop checks the way down from do_page_fault, the struct vm_fault,
# and what vmas, pt and page show before and after the handler runs.
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.
#
# (The kernel is built at -O2: where a function ends in a call, gcc jumps
# instead, and gdb rebuilds the frame from the call-site information, so the
# backtrace is complete; `finish` returns to the caller's caller then.)

# --- 1. a read of untouched anonymous memory: the zero page ------------------
break-fault anon 0x10000000
# expect: ^break-fault anon: breakpoint 1 in do_anonymous_page if vmf->address == 0x10000000$
continue
# expect: ^Breakpoint 1, do_anonymous_page \(vmf=0x[0-9a-f]+\) at mm/memory\.c:\d+
bt 4
# expect: ^#0\s+do_anonymous_page \(vmf=0x[0-9a-f]+\) at mm/memory\.c
# expect: ^#1\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=268435456
# expect: ^#3\s+0x[0-9a-f]+ in do_page_fault \(regs=
# a read from user mode: FAULT_FLAG_USER (2), not FAULT_FLAG_WRITE (1)
printf "anon-read: vmf->address %#lx flags %#x pgoff %lu pte %#lx\n", vmf->address, vmf->flags, vmf->pgoff, vmf->orig_pte.pte
# expect: ^anon-read: vmf->address 0x10000000 flags 0x2 pgoff 0 pte 0$
vmas
# expect: ^vmas of pid 1 \(faultpaths\): mm 0xffff888[0-9a-f]+, \d+ VMAs$
# expect: ^  START +END +SIZE +FLAGS +PGOFF +FILE +VM_OPS$
# expect: ^  0000000000401000  0000000000406000 +\d+ KiB  r-xp +1 +/bin/faultpaths +ramfs_vm_ops \(->name ramfs_vma_name\)$
# expect: ^  0000000010000000  0000000010003000 +12 KiB  rw-p +0 +\[anon\]$
# expect: ^  00007ffff[0-9a-f]{7}  00007ffffffff000 +\d+ KiB  rw-p GROWSDOWN +0 +\[stack\]$
# the tables down to the PT exist (handle_mm_fault made them); the PTE is none
pt vmf->address
# expect: ^page-table walk for 0000000010000000 \(CR3
# expect: ^  PD  \[128\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W U A$
# expect: ^  PT  \[  0\] = 0{16}  pfn 0  -$
# expect: ^  0000000010000000 -> not mapped$
finish
# expect: ^Value returned is \$\d+ = 0$
# now the zero page, read-only (no W), not executable
pt 0x10000000
# expect: ^page-table walk for 0000000010000000 \(CR3
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
page 0x10000000
# expect: ^user address 0000000010000000 -> phys [0-9a-f]{16} \(CR3
# expect: ^page pfn 0x[0-9a-f]+ \(phys 0x[0-9a-f]+\), struct page at 0xffff888[0-9a-f]+:$
# expect: ^  flags     0x1 PG_reserved$
# expect: ^  mapcount  0$
# expect: ^  the shared zero page
delete

# --- 2. a write to untouched anonymous memory: a new page ---------------------
break-fault anon 0x10001000
continue
# expect: ^Breakpoint 2, do_anonymous_page \(vmf=
printf "anon-write: vmf->address %#lx flags %#x\n", vmf->address, vmf->flags
# FAULT_FLAG_WRITE | FAULT_FLAG_USER
# expect: ^anon-write: vmf->address 0x10001000 flags 0x3$
finish
# expect: ^Value returned is \$\d+ = 0$
# writable and dirty at once
pt 0x10001000
# expect: ^page-table walk for 0000000010001000 \(CR3
# expect: ^  PT  \[  1\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
page 0x10001000
# expect: ^page pfn 0x[0-9a-f]+ \(phys
# expect: ^  flags     0x0$
# expect: ^  refcount  1$
# expect: ^  mapcount  1$
# expect: ^  mapping   NULL$
# expect: ^  an anonymous page, mapped 1 time\(s\)$
delete

# --- 3. a write after a read: do_wp_page copies the zero page -----------------
# (the read before it went through do_anonymous_page, as in 1.)
break-fault zero-cow 0x10002000
# expect: ^break-fault zero-cow: breakpoint 3 in do_wp_page if .*zero_page - mem_map.* && \(vmf->address == 0x10002000\)$
continue
# expect: ^Breakpoint 3, do_wp_page \(vmf=
bt 4
# expect: ^#0\s+do_wp_page \(vmf=0x[0-9a-f]+\) at mm/memory\.c
# expect: ^#1\s+0x[0-9a-f]+ in handle_pte_fault \(vmf=
# expect: ^#2\s+0x[0-9a-f]+ in handle_mm_fault \(vma=.*address=address@entry=268443648
# expect: ^#3\s+0x[0-9a-f]+ in do_page_fault \(regs=
printf "zero-cow: vmf->address %#lx flags %#x\n", vmf->address, vmf->flags
# expect: ^zero-cow: vmf->address 0x10002000 flags 0x3$
# what the PTE maps now: the zero page, read-only
page vmf->address
# expect: ^  the shared zero page
pt vmf->address
# expect: ^  PT  \[  2\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P U A NX$
break wp_page_copy
continue
# expect: ^Breakpoint 4, wp_page_copy \(vmf=
bt 5
# expect: ^#0\s+wp_page_copy \(vmf=
# expect: ^#1\s+0x[0-9a-f]+ in do_wp_page \(
# expect: ^#2\s+0x[0-9a-f]+ in handle_pte_fault \(
# expect: ^#3\s+0x[0-9a-f]+ in handle_mm_fault \(
# expect: ^#4\s+0x[0-9a-f]+ in do_page_fault \(
finish
# VM_FAULT_WRITE: a copy-on-write break happened
# expect: ^Value returned is \$\d+ = 8$
# a page of its own, writable
pt 0x10002000
# expect: ^  PT  \[  2\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
page 0x10002000
# expect: ^  mapcount  1$
# expect: ^  an anonymous page, mapped 1 time\(s\)$
# the fault ring: this fault is still being handled (its path is set, the
# result not yet); the read before it took the zero page
faults 3
# expect: ^fault trace: \d+ faults so far, the ring keeps 64; the last 3:$
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 10001000 err 6 vma 10000000-10003000 anon-new-page result 0 around 0$
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 10002000 err 4 vma 10000000-10003000 anon-zero-page result 0 around 0$
# expect: ^fault: pid 1 rip [0-9a-f]+ addr 10002000 err 7 vma 10000000-10003000 wp-zero-page-copy result 0 around 0  <- in progress$
delete

# --- the program checks every step itself and exits 0 -------------------------
break do_exit
continue
# expect: ^Breakpoint 5, do_exit \(status=0\)
delete
continue
# expect: Remote connection closed|exited
