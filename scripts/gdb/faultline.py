"""scripts/gdb/faultline.py — gdb helpers for the faultline kernel.

Loaded by scripts/gdb/init.gdb (`source scripts/gdb/faultline.py`), so
`make gdb` and the gdb tests (tests/gdb/*.gdb) both have them.  Python 3
standard library and gdb's own API only.

The file has three parts:

  1. helpers   the kernel's constants and small functions, named as in the
               C sources (PAGE_OFFSET, pt_index, pte_flags_str ...), plus
               the few things every command needs: evaluating an address
               argument, reading physical memory through the direct map,
               walking a struct list_head, finding a task;
  2. commands  one gdb.Command class per command; its docstring is what
               `help NAME` prints.  Each derives from FaultlineCommand,
               which turns any expected failure (FaultlineError, a memory
               read that fails) into a one-line gdb error, not a traceback;
  3. register  the COMMANDS list.  A new command is a class in part 2 and
               one more name in that list.

Commands (`help NAME` for each):
  pt ADDR               walk the 4-level page tables of the current CR3 for
                        ADDR, as the kernel's dump_pagetable() prints in an oops
  vmas [PID]            a process's VMAs (default: current), as /proc/PID/maps
                        with pgoff, markers and the vm_ops
  page PFN|ADDR         a frame's struct page: flags, counts, mapping, index
  faults [N]            the last N records of the fault-trace ring
  ps                    the tasks on task_list
  break-fault KIND [ADDR]  a breakpoint where one case of the fault path is
                        handled (break-fault list: the kinds)
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
_PAGE_SOFT_DIRTY = 1 << 58  # SD: software, written since clear_refs (pte_mkdirty)
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
    (_PAGE_SOFT_DIRTY, 'SD'), (_PAGE_NX, 'NX'),
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


# --- kernel data structures, read through the symbols -------------------------

# mm/mm.h: vm_flags
VM_READ = 0x1
VM_WRITE = 0x2
VM_EXEC = 0x4
VM_SHARED = 0x8
VM_MAYSHARE = 0x80          # MAP_SHARED, even if not writable: /proc/PID/maps's 's'
VM_GROWSDOWN = 0x100
VM_PFNMAP = 0x400
VM_IO = 0x4000
VM_MARKERS = ((VM_GROWSDOWN, 'GROWSDOWN'), (VM_PFNMAP, 'PFNMAP'), (VM_IO, 'IO'))

# mm/page_alloc.h: page->flags (PG_* = BIT(n))
PG_FLAG_NAMES = ((1 << 0, 'PG_reserved'), (1 << 1, 'PG_buddy'), (1 << 2, 'PG_slab'),
                 (1 << 3, 'PG_large_kmalloc'), (1 << 4, 'PG_dirty'), (1 << 5, 'PG_uptodate'),
                 (1 << 6, 'PG_pgtable'))

# kernel/proc.h: enum task_state, as Linux's /proc/PID/status shows a state
TASK_STATE_NAMES = {'TASK_RUNNING': 'R (running)', 'TASK_INTERRUPTIBLE': 'S (sleeping)',
                    'TASK_ZOMBIE': 'Z (zombie)', 'TASK_UNINTERRUPTIBLE': 'D (disk sleep)'}

USER_HALF_END = 0x0000800000000000  # mm/fault.c: user addresses lie below
LIST_LIMIT = 100000                 # a list longer than this is a broken list


def flag_names(value, names):
    """The names of the bits set in value, '|'-joined ('PG_dirty|PG_uptodate'); bits
    without a name in hex; '' when none is set."""
    out = [name for bit, name in names if value & bit]
    rest = value & ~sum(bit for bit, _ in names)
    if rest:
        out.append('%#x' % rest)
    return '|'.join(out)


def lookup_type(name):
    try:
        return gdb.lookup_type(name)
    except gdb.error:
        raise FaultlineError('no type "%s" in the symbols: is the file gdb loaded '
                             'build/kernel.elf (or kernel-test.elf)?' % name)


def kernel_var(name, source=None):
    """A kernel variable by name; a file's static variable as 'source'::name,
    so that no other file's static of the same name is taken instead."""
    expr = "'%s'::%s" % (source, name) if source else name
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error as e:
        raise FaultlineError('cannot read %s: %s' % (expr, e))


def ptr(v):
    """A pointer (or integer) gdb.Value as an unsigned 64-bit Python int."""
    return int(v.cast(ulong_type())) & U64_MASK


def eval_int(expr, what):
    """A gdb expression that must be an integer: `1`, `$pid`, `current->pid`."""
    try:
        return int(gdb.parse_and_eval(expr))
    except (gdb.error, ValueError) as e:
        raise FaultlineError('%s: cannot evaluate "%s": %s' % (what, expr, e))


def field_offset(struct_type, member):
    """offsetof(struct_type, member), for container_of."""
    for f in struct_type.strip_typedefs().fields():
        if f.name == member:
            return f.bitpos // 8
    raise FaultlineError('%s has no member %s' % (struct_type, member))


def list_entries(head, type_name, member):
    """The structs on a struct list_head ring, as list_for_each_entry does:
    head is the list_head itself (a gdb.Value, not a pointer to it), member
    the name of the list_head inside each entry.  A NULL link or a ring
    that never comes back to its head is an error, not an endless loop."""
    t = lookup_type(type_name)
    off = field_offset(t, member)
    head_addr = ptr(head.address)
    node = head['next']
    for _ in range(LIST_LIMIT):
        addr = ptr(node)
        if addr == head_addr:
            return
        if addr == 0:
            raise FaultlineError('a NULL link in the list at %#x: not initialised yet?'
                                 % head_addr)
        entry = gdb.Value(addr - off).cast(t.pointer()).dereference()
        yield entry
        node = entry[member]['next']
    raise FaultlineError('the list at %#x does not come back to its head after %d entries'
                         % (head_addr, LIST_LIMIT))


def c_string(v, limit=200):
    """A char * or char[] as a Python string; '' for NULL, '?' if unreadable."""
    try:
        if v.type.strip_typedefs().code == gdb.TYPE_CODE_PTR and ptr(v) == 0:
            return ''
        return v.string(errors='replace')[:limit]
    except (gdb.error, gdb.MemoryError):
        return '?'


def symbol_at(addr):
    """The symbol gdb knows at addr ('ramfs_vm_ops', 'kmain + 16'), or None."""
    if not addr:
        return None
    try:
        out = gdb.execute('info symbol %#x' % addr, to_string=True).strip()
    except gdb.error:
        return None
    if not out or out.startswith('No symbol'):
        return None
    return out.split(' in section ')[0]


def tasks():
    """Every task on task_list (kernel/proc.c), task 0 first."""
    return list_entries(kernel_var('task_list'), 'struct task_struct', 'tasks')


def current_task():
    cur = kernel_var('current')
    if ptr(cur) == 0:
        raise FaultlineError('current is NULL: no task yet (before proc_init)')
    return cur.dereference()


def find_task(pid):
    """The task with this pid (kernel/proc.c's find_task, walked from gdb)."""
    for t in tasks():
        if int(t['pid']) == pid:
            return t
    raise FaultlineError('no task with pid %d (ps lists them)' % pid)


def task_desc(t):
    """'pid 1 (faultpaths)'."""
    return 'pid %d (%s)' % (int(t['pid']), c_string(t['comm']))


def nr_pfns():
    """max_pfn: mem_map covers pfns [0, max_pfn)."""
    n = int(kernel_var('max_pfn'))
    if n == 0 or ptr(kernel_var('mem_map')) == 0:
        raise FaultlineError('mem_map is not set up yet (before page_alloc_init)')
    return n


def zero_pfn():
    """The pfn of the shared zero page, or None before it exists."""
    zp = ptr(kernel_var('zero_page'))
    if zp == 0:
        return None
    return (zp - ptr(kernel_var('mem_map'))) // lookup_type('struct page').sizeof


def page_of_pfn(pfn):
    """mem_map[pfn] (pfn_to_page), the struct page as a gdb.Value."""
    if not 0 <= pfn < nr_pfns():
        raise FaultlineError('pfn %#x is beyond mem_map (max_pfn %#x): no struct page, '
                             'device memory (a VM_PFNMAP mapping) or not RAM' % (pfn, nr_pfns()))
    return kernel_var('mem_map')[pfn]


def vma_flags_str(flags):
    """rwxs/p as /proc/PID/maps (s: VM_MAYSHARE), then the markers of a
    special mapping: 'rw-s PFNMAP IO', 'rw-p GROWSDOWN'."""
    s = ''.join(c if flags & bit else '-' for bit, c in ((VM_READ, 'r'), (VM_WRITE, 'w'),
                                                          (VM_EXEC, 'x')))
    s += 's' if flags & VM_MAYSHARE else 'p'
    return ' '.join([s] + [name for bit, name in VM_MARKERS if flags & bit])


def vm_ops_str(ops_ptr):
    """'ramfs_vm_ops (->name ramfs_vma_name)': the ops struct's symbol and
    its ->name function's, or '' for an anonymous VMA."""
    addr = ptr(ops_ptr)
    if addr == 0:
        return ''
    out = symbol_at(addr) or '%#x' % addr
    try:
        name_fn = ptr(ops_ptr.dereference()['name'])
    except (gdb.error, gdb.MemoryError):
        return out
    if name_fn:
        out += ' (->name %s)' % (symbol_at(name_fn) or '%#x' % name_fn)
    return out


def vma_name(vma, mm):
    """What /proc/PID/maps calls the mapping: the file's path, [heap],
    [stack], or [anon] (Linux leaves it blank)."""
    f = ptr(vma['vm_file'])
    if f:
        path = c_string(vma['vm_file']['f_path'])
        return path or '(a file with no path)'
    start, end = ptr(vma['vm_start']), ptr(vma['vm_end'])
    if start <= ptr(mm['brk']) and end >= ptr(mm['start_brk']) and ptr(mm['start_brk']):
        return '[heap]'
    if start <= ptr(mm['start_stack']) < end:
        return '[stack]'
    return '[anon]'


def format_table(rows, indent='  '):
    """Rows of strings in left-aligned columns (the last one not padded)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c.ljust(w) for c, w in zip(r[:-1], widths)] + [r[-1]]
        out.append((indent + '  '.join(cells)).rstrip())
    return out


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


class Ps(FaultlineCommand):
    """List the tasks: ps

One line per task on task_list (kernel/proc.c), in creation order: pid,
state (R running or ready, S sleeping in wait4 or vfork, Z zombie:
exited, not yet waited for), comm, the struct mm_struct (none for the
kernel's task 0) and the parent's pid.  The current task is marked *:

  (gdb) ps
       PID   STATE        COMM        MM                  PPID
          0  R (running)  kernel      -                   -
    *     1  R (running)  faultpaths  0xffff88800fc8ef00  0

`vmas PID` shows one task's address space."""

    NAME = 'ps'

    def run(self, arg):
        if arg.strip():
            raise FaultlineError('takes no argument')
        cur = ptr(kernel_var('current'))
        rows = [['', 'PID', 'STATE', 'COMM', 'MM', 'PPID']]
        for t in tasks():
            state = str(t['state'])
            parent = ptr(t['parent'])
            mm = ptr(t['mm'])
            rows.append(['*' if ptr(t.address) == cur else '', '%4d' % int(t['pid']),
                         TASK_STATE_NAMES.get(state, state), c_string(t['comm']) or '?',
                         '%#x' % mm if mm else '-',
                         str(int(t['parent']['pid'])) if parent else '-'])
        if len(rows) == 1:
            raise FaultlineError('task_list is empty: no task yet (before proc_init)')
        gdb.write('\n'.join(format_table(rows)) + '\n')


class Vmas(FaultlineCommand):
    """List a process's VMAs: vmas [PID]

Without PID: the current task's (the one whose fault you are stopped in).
PID is any gdb expression.  One line per struct vm_area_struct on
mm->mmap_list, in address order, as /proc/PID/maps shows them, plus what
the fault path looks at:

  (gdb) vmas
  vmas of pid 1 (faultpaths): mm 0xffff88800fc8ef00, 13 VMAs
    START             END               SIZE      FLAGS           PGOFF  FILE                 VM_OPS
    0000000000401000  0000000000406000    20 KiB  r-xp            1      /bin/faultpaths      ramfs_vm_ops (->name ramfs_vma_name)
    ...
    0000000010000000  0000000010003000    12 KiB  rw-p            0      [anon]
    0000000013000000  0000000013008000    32 KiB  rw-s            0      /tmp/faultpaths.dat  ramfs_vm_ops (->name ramfs_vma_name)
    0000000016000000  0000000016001000     4 KiB  rw-s PFNMAP IO  0      /dev/fb0             fb_vm_ops (->name fb_vma_name)
    00007ffffffdf000  00007ffffffff000   128 KiB  rw-p GROWSDOWN  0      [stack]

FLAGS: r w x (VM_READ/WRITE/EXEC: what is allowed now), then s for a
shared mapping (VM_MAYSHARE) or p for a private one (copy-on-write), then
the kind of a special mapping: GROWSDOWN (a stack: a fault just below
extends it), PFNMAP (raw pfns, no struct page: device memory), IO.
PGOFF is vm_pgoff, the file offset of START in pages.  FILE is the
path the file was opened by, or [heap], [stack], [anon].  VM_OPS is the
vm_operations_struct (none: anonymous memory, do_anonymous_page) and its
->name function: handle_pte_fault sends a fault in a VMA with vm_ops to
do_fault, which calls ->fault, ->map_pages, ->page_mkwrite."""

    NAME = 'vmas'

    def run(self, arg):
        if arg.strip():
            task = find_task(eval_int(arg, 'PID'))
        else:
            task = current_task()
        if ptr(task['mm']) == 0:
            raise FaultlineError('%s has no address space (mm is NULL): a kernel task'
                                 % task_desc(task))
        mm = task['mm'].dereference()
        rows = [['START', 'END', 'SIZE', 'FLAGS', 'PGOFF', 'FILE', 'VM_OPS']]
        for vma in list_entries(mm['mmap_list'], 'struct vm_area_struct', 'vm_list'):
            start, end = ptr(vma['vm_start']), ptr(vma['vm_end'])
            rows.append(['%016x' % start, '%016x' % end, size_str(end - start).rjust(8),
                         vma_flags_str(int(vma['vm_flags'])), '%x' % ptr(vma['vm_pgoff']),
                         vma_name(vma, mm), vm_ops_str(vma['vm_ops'])])
        gdb.write('vmas of %s: mm %#x, %d VMAs\n' % (task_desc(task), ptr(task['mm']),
                                                     len(rows) - 1))
        if len(rows) > 1:
            gdb.write('\n'.join(format_table(rows, '  ')) + '\n')


class Page(FaultlineCommand):
    """Show a frame's struct page: page PFN|ADDR

The argument is any gdb expression:
  a struct page *     that page:               page vmf->page, page zero_page
  below max_pfn       a pfn:                   page 0x1234
  a user address      translated through the current CR3, as `pt` walks
                      it:                      page 0x10000000, page vmf->address
  a kernel address    the direct map (0xffff888000000000 + phys) or the
                      image (0xffffffff80000000 + phys): page vmf->pte

  (gdb) page 0x11007000
  user address 0000000011007000 -> phys 000000000f894000 (CR3 f880000)
  page pfn 0xf894 (phys 0xf894000), struct page at 0xffff888000d76060:
    flags     0x10 PG_dirty
    refcount  2
    mapcount  1
    mapping   0xffff88800f881660 (inode 64, /tmp/faultpaths.dat, 8 pages cached)
    index     7
    a page-cache page: the file's page at index 7

refcount counts references (the page cache's, each PTE's, a fault's own
while it works); mapcount counts the PTEs that map the page.  mapping
and index say which file page it is (NULL: anonymous memory).  The
shared zero page (what a read of untouched anonymous memory maps) is
named as such: nobody counts its mappings."""

    NAME = 'page'

    def run(self, arg):
        if not arg.strip():
            raise FaultlineError('a pfn, an address or a struct page * is needed')
        pfn = self.resolve(arg)
        self.show(pfn, page_of_pfn(pfn))

    @staticmethod
    def resolve(arg):
        """The pfn the argument names (see the docstring), printing how a
        user address was translated."""
        try:
            v = gdb.parse_and_eval(arg)
        except gdb.error as e:
            raise FaultlineError('cannot evaluate "%s": %s' % (arg, e))
        t = v.type.strip_typedefs()
        page_t = lookup_type('struct page')
        if t.code == gdb.TYPE_CODE_PTR and t.target().strip_typedefs() == page_t:
            off = ptr(v) - ptr(kernel_var('mem_map'))
            if off < 0 or off % page_t.sizeof:
                raise FaultlineError('%#x is not a struct page in mem_map' % ptr(v))
            return off // page_t.sizeof
        value = eval_address(arg)
        if value < nr_pfns():
            return value
        if value < USER_HALF_END:
            walk = Walk(read_cr3(), value)
            if walk.phys is None:
                raise FaultlineError('user address %016x is not mapped (CR3 %x%s): `pt %#x` '
                                     'shows where the walk stops'
                                     % (value, walk.cr3, ', ' + walk.error if walk.error else '',
                                        value))
            gdb.write('user address %016x -> phys %016x (CR3 %x)\n'
                      % (value, walk.phys, walk.cr3))
            return walk.phys >> PAGE_SHIFT
        if PAGE_OFFSET <= value < PAGE_OFFSET + (nr_pfns() << PAGE_SHIFT):
            return (value - PAGE_OFFSET) >> PAGE_SHIFT
        if value >= KERNEL_VMA:
            return (value - KERNEL_VMA) >> PAGE_SHIFT
        raise FaultlineError('%#x is neither a pfn (below max_pfn %#x), a user address, nor '
                             'in the direct map or the kernel image' % (value, nr_pfns()))

    @staticmethod
    def show(pfn, page):
        flags = ptr(page['flags'])
        mapping = ptr(page['mapping'])
        out = ['page pfn %#x (phys %#x), struct page at %#x:'
               % (pfn, pfn << PAGE_SHIFT, ptr(page.address)),
               ('  flags     %#x %s' % (flags, flag_names(flags, PG_FLAG_NAMES))).rstrip(),
               '  refcount  %d' % int(page['refcount']),
               '  mapcount  %d' % int(page['mapcount']),
               '  mapping   %s' % (Page.mapping_str(page['mapping']) if mapping else 'NULL'),
               '  index     %d' % ptr(page['index'])]
        if flags & (1 << 1):                    # PG_buddy: a free block's head
            out.append('  order     %d' % int(page['order']))
        out.append('  ' + Page.what(pfn, page, flags, mapping))
        gdb.write('\n'.join(out) + '\n')

    @staticmethod
    def what(pfn, page, flags, mapping):
        """What the frame is used for, in words."""
        if pfn == zero_pfn():
            return ('the shared zero page: mapped read-only wherever anonymous memory was '
                    'read before written')
        for bit, words in ((1 << 0, 'reserved: not RAM, or the kernel\'s own'),
                           (1 << 1, 'free: the head of a free block in the buddy allocator'),
                           (1 << 2, 'a kmalloc page (one size class)'),
                           (1 << 3, 'a large kmalloc allocation'),
                           (1 << 6, 'a page table')):
            if flags & bit:
                return words
        if mapping:
            return 'a page-cache page: the file\'s page at index %d' % ptr(page['index'])
        if int(page['refcount']) == 0:
            return 'free (inside a free block)'
        if int(page['mapcount']) > 0:
            return 'an anonymous page, mapped %d time(s)' % int(page['mapcount'])
        return 'allocated, not mapped by any process'


    @staticmethod
    def mapping_str(mapping):
        """'0x... (inode 27, /tmp/f, 8 pages cached)': the address_space, its
        inode and a path some mapping of it was opened by."""
        out = '%#x' % ptr(mapping)
        try:
            m = mapping.dereference()
            detail = ['inode %d' % ptr(m['host']['i_ino'])]
            for vma in list_entries(m['i_mmap'], 'struct vm_area_struct', 'shared'):
                if ptr(vma['vm_file']):
                    detail.append(c_string(vma['vm_file']['f_path']))
                    break
            detail.append('%d pages cached' % ptr(m['nrpages']))
            return '%s (%s)' % (out, ', '.join(detail))
        except (gdb.error, gdb.MemoryError, FaultlineError):
            return out


class Faults(FaultlineCommand):
    """Show the last faults recorded: faults [N]

With fault_trace=ring (or =1) the kernel keeps its last 64 page faults in
a ring (kernel/fault_trace.c: ring, ring_next; make gdb
CMDLINE=fault_trace=ring); this prints the last N of them (default 10), oldest
first, in the kernel's own format (format_fault_record, as fault_trace=1
prints them on the console):

  (gdb) faults 2
  fault trace: 24 faults so far, the ring keeps 64; the last 2:
  fault: pid 1 rip 4012fe addr 13001000 err 4 vma 13000000-13008000 file-read-around result 100 around 6
  fault: pid 1 rip 40132e addr 13001000 err 7 vma 13000000-13008000 none result 0 around 0  <- in progress

err is the x86 error code (bit 0 present, 1 write, 2 user, 4 instruction
fetch); the path is how mm/memory.c handled the fault; result its
VM_FAULT_* bits; around the pages fault-around mapped besides it.  The
fault the kernel is handling now, if you are stopped inside one, is
marked "in progress": its result is not written yet (its path may be)."""

    NAME = 'faults'
    SOURCE = 'kernel/fault_trace.c'

    def run(self, arg):
        n = eval_int(arg, 'N') if arg.strip() else 10
        if n <= 0:
            raise FaultlineError('N must be positive')
        ring = kernel_var('ring', self.SOURCE)
        size = ring.type.strip_typedefs().range()[1] + 1
        total = ptr(kernel_var('ring_next', self.SOURCE))
        cur = ptr(kernel_var('cur', self.SOURCE))
        names = kernel_var('path_names', self.SOURCE)
        n = min(n, total, size)
        if n == 0 and not bool(kernel_var('fault_trace_enabled', self.SOURCE)):
            gdb.write('fault trace: off, the ring records nothing (boot with '
                      'CMDLINE=fault_trace=ring, or fault_trace=1)\n')
            return
        if n == 0:
            gdb.write('fault trace: no page fault yet\n')
            return
        out = ['fault trace: %d faults so far, the ring keeps %d; the last %d:' % (total, size, n)]
        for i in range(n - 1, -1, -1):          # oldest first
            r = ring[(total - 1 - i) % size]
            out.append(self.format_record(r, names) +
                       ('  <- in progress' if ptr(r.address) == cur else ''))
        gdb.write('\n'.join(out) + '\n')

    @staticmethod
    def format_record(r, names):
        """The line of format_fault_record (kernel/fault_trace.c)."""
        path = int(r['path'])
        nr = names.type.strip_typedefs().range()[1] + 1
        name = c_string(names[path]) if 0 <= path < nr else '?'
        if bool(r['stack_grew']):
            name += '+stack-grow'
        if bool(r['gup']):
            name += '+gup'
        return ('fault: pid %d rip %x addr %x err %x vma %x-%x %s result %x around %d'
                % (int(r['pid']), ptr(r['rip']), ptr(r['address']), ptr(r['error_code']),
                   ptr(r['vm_start']), ptr(r['vm_end']), name, int(r['result']),
                   int(r['around'])))


# break-fault's table: KIND -> what it catches, and where.  Each place is
# (function alternatives, condition): the first function of the
# alternatives this kernel has gets a breakpoint, with the condition (a C
# expression gdb evaluates at the function's entry) if any.  ADDR (the
# optional second argument) adds a condition on the fault's address: a
# vm_fault's (page-aligned) or an argument's.
ZERO_PAGE_COND = ('((vmf->orig_pte.pte & %#x) >> %d) == zero_page - mem_map'  # pte_pfn == zero_pfn
                  % (PTE_PFN_MASK, PAGE_SHIFT))
SHARED_PAGE_COND = ('(vmf->vma->vm_flags & %#x) == %#x'      # VM_SHARED, not VM_PFNMAP
                    % (VM_SHARED | VM_PFNMAP, VM_SHARED))
FAULT_KINDS = [
    ('anon', 'a PTE none in an anonymous VMA: read -> the zero page, write -> a new page',
     [(('do_anonymous_page',), None)], 'vmf->address'),
    ('zero-cow', 'a write to the zero page, mapped read-only by an earlier read: '
     'wp_page_copy gives a zeroed page', [(('do_wp_page',), ZERO_PAGE_COND)], 'vmf->address'),
    ('wp', 'any write to a present read-only PTE: copy-on-write or write-notify',
     [(('do_wp_page',), None)], 'vmf->address'),
    ('file-read', 'a read of a file page not mapped yet: fault-around, then ->fault',
     [(('do_read_fault',), None)], 'vmf->address'),
    ('fault-around', 'a read fault maps the neighbours already in the page cache',
     [(('do_fault_around', 'filemap_map_pages'), None)], 'vmf->address'),
    ('private-cow', 'a first write to a private file mapping: ->fault, then a copy',
     [(('do_cow_fault',), None)], 'vmf->address'),
    ('shared-mkwrite', 'a write to a shared file mapping: do_shared_fault (PTE none), or '
     'do_wp_page -> ->page_mkwrite (mapped read-only by a read)',
     [(('do_shared_fault',), None), (('do_wp_page',), SHARED_PAGE_COND)], 'vmf->address'),
    ('pfn', 'a raw-pfn mapping\'s ->fault puts the pfn in place (device memory)',
     [(('vmf_insert_pfn',), None)], 'addr'),
    ('pfn-mkwrite', 'a write to a shared raw-pfn page mapped read-only: ->pfn_mkwrite',
     [(('wp_pfn_shared',), None)], 'vmf->address'),
    ('sigsegv', 'a fault that ends in SIGSEGV (no VMA, or the VMA forbids the access)',
     [(('force_sig_fault',), 'sig == 11')], 'addr'),
    ('sigbus', 'a fault that ends in SIGBUS (no page: past the end of a file)',
     [(('force_sig_fault',), 'sig == 7')], 'addr'),
    ('gup', 'a fault the kernel takes for a user (get_user_pages: /proc/PID/mem, '
     'process_vm_*, MAP_POPULATE)', [(('faultin_page',), None)], 'address'),
]


def function_exists(name):
    """Does this kernel have the function (with debug info)?"""
    try:
        sym = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    except gdb.error:
        return False
    return bool(sym) and sym.type is not None and sym.type.code == gdb.TYPE_CODE_FUNC


class BreakFault(FaultlineCommand):
    """Stop where one case of the fault path is handled: break-fault [-hw] KIND [ADDR]

  break-fault list            the kinds, and where each one stops
  break-fault anon            stop in do_anonymous_page, whatever the address
  break-fault anon 0x10000000 only for a fault on that page

KIND is one of: anon, zero-cow, wp, file-read, fault-around, private-cow,
shared-mkwrite, pfn, pfn-mkwrite, sigsegv, sigbus, gup (`break-fault list`).
ADDR (any gdb expression) makes the breakpoint conditional on the fault's
address: vmf->address, page-aligned, for the fault-path functions; the
exact address for sigsegv and sigbus (force_sig_fault's addr: CR2).
Without it, the kernel's own faults stop too: a program's first faults
are its text, data and stack, and copy_from_user faults in the kernel.

The breakpoints are ordinary gdb breakpoints (`info breakpoints`,
`delete N`, `condition N ...`).  Under QEMU's TCG the gdbstub handles
`break` itself, so they work from the first instruction on, in every
address space.  -hw makes hardware breakpoints instead (`hbreak`: four at
most), for a QEMU with KVM, where a software breakpoint is written into
memory and needs the kernel mapped first.

At the stop, `bt` shows the way down from do_page_fault, `print *vmf` the
fault, `vmas`, `pt vmf->address` and `page vmf->address` what it works on;
`finish` runs the handler to its end, and `pt` shows what it mapped."""

    NAME = 'break-fault'
    COMMAND_CLASS = gdb.COMMAND_BREAKPOINTS

    def run(self, arg):
        words = arg.split(None, 1)
        hw = bool(words) and words[0] in ('-hw', '-h')
        if hw:
            words = words[1].split(None, 1) if len(words) > 1 else []
        if not words:
            raise FaultlineError('a KIND is needed: break-fault list shows them')
        kind = words[0]
        if kind == 'list':
            self.show_list()
            return
        for name, what, places, addr_var in FAULT_KINDS:
            if name == kind:
                break
        else:
            raise FaultlineError('unknown kind "%s"; the kinds: %s' %
                                 (kind, ', '.join(k[0] for k in FAULT_KINDS)))
        addr_cond = None
        if len(words) > 1:
            addr = eval_address(words[1])
            if addr_var == 'vmf->address':
                addr &= ~(PAGE_SIZE - 1)
            addr_cond = '%s == %#x' % (addr_var, addr)
        todo = []
        for alternatives, cond in places:
            fn = next((f for f in alternatives if function_exists(f)), None)
            if fn is None:
                raise FaultlineError('%s: %s is not in this kernel (yet): no breakpoint set'
                                     % (kind, ' or '.join(alternatives)))
            conds = [c for c in (cond, addr_cond) if c]
            todo.append((fn, ' && '.join('(%s)' % c for c in conds) if len(conds) > 1
                         else conds[0] if conds else None))
        for fn, cond in todo:
            bp = gdb.Breakpoint(fn, type=gdb.BP_HARDWARE_BREAKPOINT if hw else gdb.BP_BREAKPOINT)
            if cond:
                try:
                    bp.condition = cond
                except gdb.error as e:
                    bp.delete()
                    raise FaultlineError('%s: the condition "%s" does not work here: %s'
                                         % (fn, cond, e))
            gdb.write('break-fault %s: breakpoint %d in %s%s\n'
                      % (kind, bp.number, fn, ' if ' + cond if cond else ''))

    @staticmethod
    def show_list():
        rows = [['KIND', 'STOPS IN', 'WHEN']]
        for name, what, places, _ in FAULT_KINDS:
            where = []
            for alternatives, cond in places:
                have = [f for f in alternatives if function_exists(f)]
                where.append(have[0] if have else
                             '(%s: not in this kernel yet)' % ' or '.join(alternatives))
            rows.append([name, ', '.join(where), what])
        gdb.write('\n'.join(format_table(rows, '')) + '\n')


# --- 3. register --------------------------------------------------------------

COMMANDS = [Pt, Vmas, Page, Faults, Ps, BreakFault]

for _cmd in COMMANDS:
    _cmd()
