# tests/gdb/kmain.gdb — gdb stops in kmain across the 32-to-64-bit switch.
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.
hbreak kmain
continue
# expect: Breakpoint 1, kmain \(magic=920085129, mbi_phys=\d+\) at kernel/main\.c:\d+
backtrace
# expect: ^#0\s+kmain \(magic=
# expect: ^#1\s+0x[0-9a-f]+ in higher_half_entry \(\)
info source
# expect: Current source file is kernel/main\.c
list kmain
# expect: __noreturn void kmain\(u32 magic, u32 mbi_phys\)
print/x magic
# expect: \$1 = 0x36d76289
delete
continue
# expect: Remote connection closed|exited
