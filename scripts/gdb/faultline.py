"""scripts/gdb/faultline.py — gdb helpers for the faultline kernel.

Loaded by scripts/gdb/init.gdb (`source scripts/gdb/faultline.py`), so
`make gdb` and the gdb tests (tests/gdb/*.gdb) both have them.  Python 3
standard library and gdb's own API only.

The file has three parts:

  1. helpers   the kernel's constants and small functions, named as in the
               C sources (PAGE_OFFSET, pt_index, pte_flags_str ...), plus
               the few things every command needs: evaluating an address
               argument, reading physical memory through the direct map;
  2. commands  one gdb.Command class per command; its docstring is what
               `help NAME` prints.  Each derives from FaultlineCommand,
               which turns any expected failure (FaultlineError, a memory
               read that fails) into a one-line gdb error, not a traceback;
  3. register  the COMMANDS list.  A new command (vmas, page, faults, ps)
               is a class in part 2 and one more name in that list.

Commands:
  pt ADDR      walk the 4-level page tables of the current CR3 for ADDR,
               in the same format as the kernel's dump_pagetable()
               (mm/pgtable.c) prints in an oops.
"""
import gdb

# --- 1. helpers ---------------------------------------------------------------

# mm/layout.h
PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
PAGE_OFFSET = 0xffff888000000000    # direct map of all RAM: virtual = PAGE_OFFSET + phys
KERNEL_VMA = 0xffffffff80000000     # the image: virtual = KERNEL_VMA + phys

# mm/pgtable.h: the bits of an entry (the same at every level)
_PAGE_PRESENT = 1 << 0      # P: the entry is valid
_PAGE_RW = 1 << 1           # W: writes allowed
_PAGE_USER = 1 << 2         # U: ring 3 may access
_PAGE_PWT = 1 << 3          # write-through
_PAGE_PCD = 1 << 4          # cache disabled
_PAGE_ACCESSED = 1 << 5     # A: set by the CPU on any access
_PAGE_DIRTY = 1 << 6        # D: set by the CPU on a write
_PAGE_PSE = 1 << 7          # PS: a large page (levels 2 and 3)
_PAGE_GLOBAL = 1 << 8       # G: kept in the TLB across CR3 loads
_PAGE_NX = 1 << 63          # no execute
PTE_PFN_MASK = 0x000ffffffffff000   # bits 51..12

PT_LEVELS = 4
PTRS_PER_TABLE = 512
U64_MASK = (1 << 64) - 1

# pte_flags_str()'s order and names
PTE_FLAG_NAMES = (
    (_PAGE_PRESENT, 'P'), (_PAGE_RW, 'W'), (_PAGE_USER, 'U'),
    (_PAGE_PWT, 'PWT'), (_PAGE_PCD, 'PCD'), (_PAGE_ACCESSED, 'A'),
    (_PAGE_DIRTY, 'D'), (_PAGE_PSE, 'PS'), (_PAGE_GLOBAL, 'G'),
    (_PAGE_NX, 'NX'),
)


class FaultlineError(Exception):
    """A failure to report to the user as one line (gdb.GdbError)."""


def pt_level_name(level):
    """'PML4', 'PDPT', 'PD', 'PT' for levels 4..1 (mm/pgtable.c)."""
    return {4: 'PML4', 3: 'PDPT', 2: 'PD', 1: 'PT'}.get(level, '?')


def pt_index(addr, level):
    """The 9-bit index of addr in a table of `level`:
    47..39 PML4 · 38..30 PDPT · 29..21 PD · 20..12 PT · 11..0 offset."""
    return (addr >> (PAGE_SHIFT + 9 * (level - 1))) & (PTRS_PER_TABLE - 1)


def pt_level_size(level):
    """Bytes one entry of `level` covers: 4 KiB, 2 MiB, 1 GiB, 512 GiB."""
    return 1 << (PAGE_SHIFT + 9 * (level - 1))


def size_str(n):
    """4096 -> '4 KiB', 2097152 -> '2 MiB', 1073741824 -> '1 GiB'."""
    for unit, shift in (('GiB', 30), ('MiB', 20), ('KiB', 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return '%d %s' % (n >> shift, unit)
    return '%d bytes' % n


def pte_pfn(entry):
    return (entry & PTE_PFN_MASK) >> PAGE_SHIFT


def pte_present(entry):
    return bool(entry & _PAGE_PRESENT)


def pte_huge(entry):
    return bool(entry & _PAGE_PSE)


def pte_flags_str(entry):
    """'P W A G NX', or '-' when no flag is set: as the kernel's pte_flags_str()."""
    names = [name for bit, name in PTE_FLAG_NAMES if entry & bit]
    return ' '.join(names) if names else '-'


def is_canonical(addr):
    """Bits 63..48 must all equal bit 47, or the CPU raises #GP before any walk."""
    top = addr >> 47
    return top == 0 or top == (1 << 17) - 1


def phys_to_virt(pa):
    return (pa + PAGE_OFFSET) & U64_MASK


def read_u64(vaddr):
    """Read 8 bytes at a virtual address (translated by QEMU with the current CR3)."""
    try:
        data = gdb.selected_inferior().read_memory(vaddr, 8)
    except gdb.MemoryError:
        raise FaultlineError('cannot read memory at 0x%x' % vaddr)
    return int.from_bytes(bytes(data), 'little')


def read_phys_u64(pa):
    """Read 8 bytes of physical memory through the direct map.  Every usable
    RAM frame is mapped there once kpgtable_init has run (before it, boot.asm's
    early tables map the first GiB there)."""
    try:
        return read_u64(phys_to_virt(pa))
    except FaultlineError:
        raise FaultlineError('cannot read physical 0x%x through the direct map (0x%x): '
                             'not RAM, or the direct map is not set up yet'
                             % (pa, phys_to_virt(pa)))


def ulong_type():
    return gdb.lookup_type('unsigned long')


def eval_address(expr):
    """Any gdb expression as a 64-bit address: `$rip`, `kmain` (a function),
    `&boot_info`, `boot_stack_guard` (an array), `0`, `mem_map + 3` ..."""
    if not expr.strip():
        raise FaultlineError('an address is needed (any expression: $rip, &boot_info, 0)')
    try:
        v = gdb.parse_and_eval(expr)
        code = v.type.strip_typedefs().code
        if code in (gdb.TYPE_CODE_FUNC, gdb.TYPE_CODE_ARRAY):
            v = v.address               # what the name stands for is where it is
        try:
            return int(v.cast(ulong_type())) & U64_MASK
        except gdb.error:
            return int(v) & U64_MASK    # what has no cast to unsigned long: $eflags
    except gdb.error as e:
        raise FaultlineError('cannot evaluate "%s": %s' % (expr, e))


def read_cr3():
    """CR3 from QEMU's gdbstub (the x86-64 target description has it)."""
    try:
        v = gdb.parse_and_eval('$cr3')
        if v.type.strip_typedefs().code == gdb.TYPE_CODE_VOID:
            raise gdb.error('no such register')
        return int(v.cast(ulong_type())) & U64_MASK
    except gdb.error:
        raise FaultlineError('cannot read $cr3: is gdb connected to QEMU (target remote :1234)?')


class WalkStep:
    """One level of a walk: the entry read and where it was."""

    def __init__(self, level, index, table_phys, entry):
        self.level, self.index, self.table_phys, self.entry = level, index, table_phys, entry


class Walk:
    """The walk of one address from a PML4, as the MMU does it.

    steps   the WalkSteps, PML4 first
    end     why it stopped: 'page' (level 1), 'large' (PS set at level 3 or
            2), 'not-present', or 'unreadable' (a table outside RAM)
    phys    the physical address addr translates to, or None
    error   for 'unreadable': the message
    """

    def __init__(self, cr3, addr):
        self.cr3, self.addr = cr3, addr
        self.steps, self.end, self.phys, self.error = [], None, None, None
        table = cr3 & PTE_PFN_MASK
        for level in range(PT_LEVELS, 0, -1):
            i = pt_index(addr, level)
            try:
                entry = read_phys_u64(table + 8 * i)
            except FaultlineError as e:
                self.end, self.error = 'unreadable', str(e)
                return
            self.steps.append(WalkStep(level, i, table, entry))
            if not pte_present(entry):
                self.end = 'not-present'
                return
            if level == 1 or pte_huge(entry):
                size = pt_level_size(level)
                self.end = 'page' if level == 1 else 'large'
                self.phys = (entry & PTE_PFN_MASK & ~(size - 1)) | (addr & (size - 1))
                return
            table = entry & PTE_PFN_MASK

    @property
    def last(self):
        return self.steps[-1] if self.steps else None

    @property
    def page_size(self):
        return pt_level_size(self.last.level) if self.phys is not None else None


# --- 2. commands --------------------------------------------------------------

class FaultlineCommand(gdb.Command):
    """Base of the faultline commands: NAME is the command, run(arg) does it.
    A FaultlineError becomes a gdb error with the command's name in front."""

    NAME = None
    COMMAND_CLASS = gdb.COMMAND_DATA

    def __init__(self):
        super().__init__(self.NAME, self.COMMAND_CLASS)

    def invoke(self, arg, from_tty):
        try:
            self.run(arg)
        except FaultlineError as e:
            raise gdb.GdbError('%s: %s' % (self.NAME, e))
        except gdb.MemoryError as e:
            raise gdb.GdbError('%s: memory not readable: %s' % (self.NAME, e))

    def run(self, arg):
        raise NotImplementedError


class Pt(FaultlineCommand):
    """Walk the page tables for an address: pt ADDR

ADDR is any gdb expression: pt $rip, pt kmain, pt &boot_info, pt 0.
The walk starts at the current CR3 and reads every table through the
direct map (0xffff888000000000 + phys).  Each level prints its name,
the index ADDR selects in it, the raw entry, the pfn it holds and its
flags (P W U PWT PCD A D PS G NX), as the kernel's dump_pagetable()
does in an oops:

  (gdb) pt kmain
  page-table walk for ffffffff80118050 (CR3 196000):
    PML4[511] = 000000000056f023  pfn 56f  P W A
    PDPT[510] = 0000000000573023  pfn 573  P W A
    PD  [  0] = 0000000000574023  pfn 574  P W A
    PT  [280] = 0000000000118121  pfn 118  P A G
    ffffffff80118050 -> phys 0000000000118050 (a 4 KiB page)

The walk stops at an entry that is not present (the address is not
mapped: an access faults) or at a large page (PS at the PD level: a
2 MiB page; at the PDPT level: 1 GiB).  The last line says which
physical address ADDR translates to.  A write needs W at every level,
a user access U at every level; NX at any level forbids execution.
docs/memory.md explains the map and how to read this output."""

    NAME = 'pt'

    def run(self, arg):
        addr = eval_address(arg)
        if not is_canonical(addr):
            raise FaultlineError('%016x is not canonical (bits 63..48 must copy bit 47): '
                                 'any access raises #GP, no walk happens' % addr)
        walk = Walk(read_cr3(), addr)
        self.show(walk)
        if walk.end == 'unreadable':
            raise FaultlineError(walk.error)

    @staticmethod
    def show(walk):
        out = ['page-table walk for %016x (CR3 %x):' % (walk.addr, walk.cr3)]
        for s in walk.steps:
            out.append('  %-4s[%3u] = %016x  pfn %x  %s' % (pt_level_name(s.level), s.index,
                                                           s.entry, pte_pfn(s.entry),
                                                           pte_flags_str(s.entry)))
        if walk.end == 'not-present':
            out.append('  (not present: the walk stops here)')
            out.append('  %016x -> not mapped' % walk.addr)
        elif walk.end == 'large':
            out.append('  (a %s page: the walk ends here)' % size_str(walk.page_size))
        if walk.phys is not None:
            out.append('  %016x -> phys %016x (a %s page)'
                       % (walk.addr, walk.phys, size_str(walk.page_size)))
        gdb.write('\n'.join(out) + '\n')


# --- 3. register --------------------------------------------------------------

COMMANDS = [Pt]

for _cmd in COMMANDS:
    _cmd()
