# tests/gdb/pagemap.gdb — /proc/self/pagemap and the `pt` helper agree on
# which frame a user page is: /tests/proc_pagemap (tests/user/proc_pagemap.c)
# runs as the first program with the argument `pt`: it writes a page at
# 0x10000000, only reads one at 0x10001000 (the zero page), reads both
# pages' entries from its pagemap into 0x10002000 and 0x10002008, and exits.
# At do_exit its page tables are still loaded: `pt` walks them, and the
# entries are read through the same walk (physical memory, no user access).
# tests/run.py connects (target remote) first, then runs this script; the
# "# expect:" lines are regexes its output must show, in order.
break do_exit
continue
# expect: ^Breakpoint 1, do_exit \(status=0\)
# the written page: present, writable, dirty, in a page of its own
pt 0x10000000
# expect: ^page-table walk for 0000000010000000 \(CR3
# expect: ^  PT  \[  0\] = 8[0-9a-f]{15}  pfn [0-9a-f]+  P W U A D SD NX$
python
import re

def pagemap_entry(addr):
    """The u64 the program left at user address addr, read through the walk."""
    return read_phys_u64(Walk(read_cr3(), addr).phys)

def pt_pfn(addr):
    """The pfn of the PT entry that `pt addr` prints."""
    out = gdb.execute('pt %#x' % addr, to_string=True)
    return int(re.search(r'^  PT  \[\s*\d+\] = [0-9a-f]{16}  pfn ([0-9a-f]+)', out, re.M).group(1), 16)

for what, addr, at in (('written', 0x10000000, 0x10002000), ('zero page', 0x10001000, 0x10002008)):
    e = pagemap_entry(at)
    pfn, walked = e & ((1 << 55) - 1), pt_pfn(addr)
    print('pagemap %s: present %d exclusive %d file %d pfn %x; pt pfn %x: %s'
          % (what, e >> 63, (e >> 56) & 1, (e >> 61) & 1, pfn, walked,
             'agree' if pfn == walked else 'DIFFER'))
# and the page only read is the kernel's zero page
print('zero page: pagemap pfn %x, zero_page_pfn %x'
      % (pagemap_entry(0x10002008) & ((1 << 55) - 1), int(gdb.parse_and_eval('zero_page_pfn'))))
end
# expect: ^pagemap written: present 1 exclusive 1 file 0 pfn ([0-9a-f]+); pt pfn \1: agree$
# expect: ^pagemap zero page: present 1 exclusive 0 file 0 pfn ([0-9a-f]+); pt pfn \1: agree$
# expect: ^zero page: pagemap pfn ([0-9a-f]+), zero_page_pfn \1$
delete
continue
# expect: Remote connection closed|exited
