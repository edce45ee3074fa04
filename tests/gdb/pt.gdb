# tests/gdb/pt.gdb — the `pt` helper (scripts/gdb/faultline.py) walks the
# kernel's own page tables (mm/kpgtable.c) and shows what they promise:
# text R X, rodata R NX, data and bss RW NX, the direct map in 2 MiB pages,
# a guard page absent, NULL unmapped.
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.  Each walk
# is preceded by an echoed marker, so no expectation can be met by the lines
# of another walk.
#
# ktest_run runs after kpgtable_init has loaded the kernel's own CR3.
hbreak ktest_run
continue
# expect: Breakpoint 1, ktest_run \(
echo pt-test: kernel text\n
pt kmain
# expect: ^pt-test: kernel text$
# expect: ^page-table walk for ffffffff8[0-9a-f]{7} \(CR3 [0-9a-f]+\):$
# expect: ^  PML4\[511\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W A$
# expect: ^  PDPT\[510\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W A$
# expect: ^  PD  \[  0\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W A$
# a leaf that is present, not writable, executable (bit 63 clear: no NX)
# expect: ^  PT  \[\s*\d+\] = [0-7][0-9a-f]{15}  pfn [0-9a-f]+  P( (?!(W|NX)\b)\S+)*$
# expect: ^  ffffffff8[0-9a-f]{7} -> phys 0000000000[0-9a-f]{6} \(a 4 KiB page\)$
echo pt-test: rodata\n
pt &_rodata
# expect: ^pt-test: rodata$
# expect: ^page-table walk for ffffffff8[0-9a-f]{7} \(CR3
# read-only, not executable
# expect: ^  PT  \[\s*\d+\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P( (?!(W|NX)\b)\S+)* NX$
# expect: -> phys 0000000000[0-9a-f]{6} \(a 4 KiB page\)$
echo pt-test: data\n
pt &console_loglevel
# expect: ^pt-test: data$
# expect: ^page-table walk for ffffffff8[0-9a-f]{7} \(CR3
# writable, not executable
# expect: ^  PT  \[\s*\d+\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W( \S+)* NX$
# expect: -> phys 0000000000[0-9a-f]{6} \(a 4 KiB page\)$
echo pt-test: bss\n
pt &boot_info
# expect: ^pt-test: bss$
# expect: ^page-table walk for ffffffff8[0-9a-f]{7} \(CR3
# expect: ^  PT  \[\s*\d+\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W( \S+)* NX$
# expect: -> phys 0000000000[0-9a-f]{6} \(a 4 KiB page\)$
echo pt-test: direct map\n
pt 0xffff888001000000 + 0x1234
# expect: ^pt-test: direct map$
# expect: ^page-table walk for ffff888001001234 \(CR3
# expect: ^  PML4\[273\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W A$
# expect: ^  PDPT\[  0\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W A$
# PD entry 8 (16 MiB / 2 MiB) maps a 2 MiB page itself: PS, pfn 0x1000
# expect: ^  PD  \[  8\] = 80000000010001e3  pfn 1000  P W A D PS G NX$
# expect: ^  \(a 2 MiB page: the walk ends here\)$
# expect: ^  ffff888001001234 -> phys 0000000001001234 \(a 2 MiB page\)$
echo pt-test: guard page\n
pt &boot_stack_guard
# expect: ^pt-test: guard page$
# expect: ^page-table walk for ffffffff8[0-9a-f]{7} \(CR3
# (its PD entry: 0 or 1, as the kernel's image is below or past 2 MiB)
# expect: ^  PD  \[\s*\d+\] = [0-9a-f]{16}  pfn [0-9a-f]+  P W A$
# expect: ^  PT  \[\s*\d+\] = 0{16}  pfn 0  -$
# expect: ^  \(not present: the walk stops here\)$
# expect: ^  ffffffff8[0-9a-f]{7} -> not mapped$
echo pt-test: NULL\n
pt 0
# expect: ^pt-test: NULL$
# expect: ^page-table walk for 0{16} \(CR3
# expect: ^  PML4\[  0\] = 0{16}  pfn 0  -$
# expect: ^  \(not present: the walk stops here\)$
# expect: ^  0{16} -> not mapped$
echo pt-test: done\n
# expect: ^pt-test: done$
delete
continue
# expect: Remote connection closed|exited
