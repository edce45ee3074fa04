/* mm/pgtable.h — x86-64 4-level page tables: entry bits and helpers.
 *
 * A 48-bit virtual address splits into four 9-bit table indexes and a 12-bit offset:
 *   47..39 PML4 · 38..30 PDPT · 29..21 PD · 20..12 PT · 11..0 offset
 * Linux calls the levels pgd, pud, pmd and pte (with p4d folded away).  The
 * hot walks (a fault, fork) use a helper per level with Linux's names
 * (pud_alloc, pmd_offset, ...); the general walker loops over them by
 * number instead: level 4 = PML4 (pgd), 3 = PDPT (pud), 2 = PD (pmd), 1 = PT (pte).
 *
 * Every level's entry has the same format:
 *
 *   63  62..52  51..12               11..9  8  7   6  5  4   3   2  1  0
 *   NX  (avail) physical frame number avail G  PS  D  A  PCD PWT U  W  P
 *
 * The CPU ignores the "avail" bits: the kernel keeps its own there (bit 58,
 * soft-dirty, below).
 *
 * PS at level 2 (or 3) makes the entry map a 2 MiB (1 GiB) page itself. */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include "kernel/types.h"
#include "mm/layout.h"

#define _PAGE_PRESENT	BIT(0)		/* P: the entry is valid */
#define _PAGE_RW	BIT(1)		/* W: writes allowed */
#define _PAGE_USER	BIT(2)		/* U: ring 3 may access */
#define _PAGE_PWT	BIT(3)		/* write-through */
#define _PAGE_PCD	BIT(4)		/* cache disabled */
#define _PAGE_ACCESSED	BIT(5)		/* A: set by the CPU on any access ("young") */
#define _PAGE_DIRTY	BIT(6)		/* D: set by the CPU on a write (level 1, or PS) */
#define _PAGE_PSE	BIT(7)		/* PS: a large page (levels 2 and 3) */
#define _PAGE_GLOBAL	BIT(8)		/* G: kept in the TLB across CR3 loads */
#define _PAGE_NX	BIT(63)		/* no execute (EFER.NXE is on) */
/* Software: a user PTE of a PROT_NONE mapping keeps its frame with P clear
 * and this bit set (the CPU ignores G when P is clear), as Linux does. */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
/* Software: written since the last "echo 4 > /proc/PID/clear_refs" (Linux's
 * _PAGE_SOFT_DIRTY, bit 58 = _PAGE_BIT_SOFTW3).  Set with D by pte_mkdirty,
 * that is wherever the kernel maps a page for a write; never by the CPU,
 * whose D bit clear_refs leaves alone.  clear_refs write-protects the PTE
 * as it clears this bit, so the next write faults and sets it again. */
#define _PAGE_SOFT_DIRTY BIT(58)
#define PTE_PFN_MASK	0x000ffffffffff000UL	/* bits 51..12 */
#define PTE_FLAGS_MASK	(~PTE_PFN_MASK)

#define PT_LEVELS	4
#define PTRS_PER_TABLE	512
#define PMD_SIZE	(1UL << 21)		/* what a PD entry covers: 2 MiB */
#define PUD_SIZE	(1UL << 30)		/* what a PDPT entry covers: 1 GiB */
#define PGD_SIZE	(1UL << 39)		/* what a PML4 entry covers: 512 GiB */
#define USER_PGD_ENTRIES 256			/* PML4 slots of the lower half */

typedef struct { u64 pte; } pte_t;		/* an entry at any level */
typedef struct { u64 pgprot; } pgprot_t;	/* the flag bits of an entry */

#define __pte(x)	((pte_t){ (x) })
#define __pgprot(x)	((pgprot_t){ (x) })
#define pte_val(p)	((p).pte)
#define pgprot_val(p)	((p).pgprot)

/* Protections, as Linux names them. */
#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_KERNEL	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RX	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL_LARGE __pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_PSE)
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY_EXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_SHARED_EXEC __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
/* what a table entry (levels 4..2) pointing to the next table carries: the
 * leaf entries decide the real permissions */
#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

static inline bool pte_none(pte_t p)    { return pte_val(p) == 0; }
/* Present for the kernel's bookkeeping: mapped, or PROT_NONE (see above). */
static inline bool pte_present(pte_t p) { return pte_val(p) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline bool pte_write(pte_t p)   { return pte_val(p) & _PAGE_RW; }
static inline bool pte_user(pte_t p)    { return pte_val(p) & _PAGE_USER; }
static inline bool pte_dirty(pte_t p)   { return pte_val(p) & _PAGE_DIRTY; }
static inline bool pte_young(pte_t p)   { return pte_val(p) & _PAGE_ACCESSED; }
static inline bool pte_exec(pte_t p)    { return !(pte_val(p) & _PAGE_NX); }
static inline bool pte_huge(pte_t p)    { return pte_val(p) & _PAGE_PSE; }
static inline bool pte_global(pte_t p)  { return pte_val(p) & _PAGE_GLOBAL; }
static inline bool pte_soft_dirty(pte_t p) { return pte_val(p) & _PAGE_SOFT_DIRTY; }
static inline unsigned long pte_pfn(pte_t p) { return (pte_val(p) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline pgprot_t pte_pgprot(pte_t p) { return __pgprot(pte_val(p) & PTE_FLAGS_MASK); }

static inline pte_t pte_set_flags(pte_t p, u64 f)   { return __pte(pte_val(p) | f); }
static inline pte_t pte_clear_flags(pte_t p, u64 f) { return __pte(pte_val(p) & ~f); }
static inline pte_t pte_mkwrite(pte_t p)   { return pte_set_flags(p, _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t p) { return pte_clear_flags(p, _PAGE_RW); }
/* The kernel's "this PTE is written": D and soft-dirty, as Linux's x86
 * pte_mkdirty.  pte_mkclean (msync: the file has the data) leaves
 * soft-dirty alone: only clear_refs clears it. */
static inline pte_t pte_mkdirty(pte_t p)   { return pte_set_flags(p, _PAGE_DIRTY | _PAGE_SOFT_DIRTY); }
static inline pte_t pte_mkclean(pte_t p)   { return pte_clear_flags(p, _PAGE_DIRTY); }
static inline pte_t pte_mksoft_dirty(pte_t p)     { return pte_set_flags(p, _PAGE_SOFT_DIRTY); }
static inline pte_t pte_clear_soft_dirty(pte_t p) { return pte_clear_flags(p, _PAGE_SOFT_DIRTY); }
static inline pte_t pte_mkyoung(pte_t p)   { return pte_set_flags(p, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t p)     { return pte_clear_flags(p, _PAGE_ACCESSED); }
static inline pte_t pte_mkexec(pte_t p)    { return pte_clear_flags(p, _PAGE_NX); }

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((u64)pfn << PAGE_SHIFT & PTE_PFN_MASK) | pgprot_val(prot));
}

/* What a new protection does not change: the frame, the CPU's A and D
 * bits, and soft-dirty (Linux's _PAGE_CHG_MASK). */
#define _PAGE_CHG_MASK	(PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_SOFT_DIRTY)

/* New protection bits, same frame (and the bits of _PAGE_CHG_MASK). */
static inline pte_t pte_modify(pte_t p, pgprot_t prot)
{
	return __pte((pte_val(p) & _PAGE_CHG_MASK) | (pgprot_val(prot) & ~_PAGE_CHG_MASK));
}

/* The table an upper-level entry points to, through the direct map. */
static inline pte_t *pte_table(pte_t p)
{
	return phys_to_virt(pte_val(p) & PTE_PFN_MASK);
}

/* Index of addr in a table of `level` (4 = PML4 ... 1 = PT). */
static inline unsigned int pt_index(unsigned long addr, int level)
{
	return (addr >> (PAGE_SHIFT + 9 * (level - 1))) & (PTRS_PER_TABLE - 1);
}

/* Bytes one entry of `level` covers: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
static inline unsigned long pt_level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * (level - 1));
}

const char *pt_level_name(int level);	/* "PML4", "PDPT", "PD", "PT" */

/* The end of the entry of `level` that covers addr, or end if that comes
 * first (Linux's pgd_addr_end, pud_addr_end, pmd_addr_end); the "- 1"s
 * keep it right where the last entry's end wraps to 0. */
static inline unsigned long pt_addr_end(unsigned long addr, unsigned long end, int level)
{
	unsigned long boundary = (addr + pt_level_size(level)) & ~(pt_level_size(level) - 1);
	return boundary - 1 < end - 1 ? boundary : end;
}
#define pgd_addr_end(addr, end)	pt_addr_end(addr, end, 4)
#define pud_addr_end(addr, end)	pt_addr_end(addr, end, 3)
#define pmd_addr_end(addr, end)	pt_addr_end(addr, end, 2)

/* ---- One helper per level, as Linux's (straight-line walks) ----
 * The fault path and fork walk down with these: pgd_offset, then pud_alloc,
 * pmd_alloc and pte_alloc_map, each a few instructions when the table is
 * there (the loop in pgtable_walk costs twice as much per fault).  Linux's
 * p4d level is folded away with 4-level tables: there is none here.
 * There are no large pages in the user half, so these never meet one;
 * pgtable_walk (below) is the walk that stops at large pages and holes. */

/* The entry of each level that covers addr, in the table the entry above
 * points to (Linux's pgd_offset_pgd, pud_offset, pmd_offset, and
 * pte_offset_map: every table is in the direct map, nothing to map). */
static inline pte_t *pgd_offset_pgd(pte_t *pml4, unsigned long addr)
{
	return &pml4[pt_index(addr, 4)];
}
#define pgd_offset(mm, addr)	pgd_offset_pgd((mm)->pgd, addr)
static inline pte_t *pt_entry(pte_t *upper, unsigned long addr, int level)
{
	pte_t *entry = &pte_table(*upper)[pt_index(addr, level)];
	/* Never NULL (the direct map starts at PAGE_OFFSET): saying so lets the
	 * compiler drop pud_alloc's and its siblings' "out of memory?" test
	 * when the table was already there (3 instructions a fault). */
	if (!entry)
		__builtin_unreachable();
	return entry;
}
static inline pte_t *pud_offset(pte_t *pgd, unsigned long addr) { return pt_entry(pgd, addr, 3); }
static inline pte_t *pmd_offset(pte_t *pud, unsigned long addr) { return pt_entry(pud, addr, 2); }
static inline pte_t *pte_offset_map(pte_t *pmd, unsigned long addr) { return pt_entry(pmd, addr, 1); }

/* Put a new zeroed table under the empty entry (of any level) that covers
 * addr: the one allocate-zero-link block of every walk.  -ENOMEM when out
 * of memory.  Linux's __pud_alloc, __pmd_alloc and __pte_alloc. */
int __pgtable_alloc(pte_t *entry, unsigned long addr);

/* The entry of the next level down for addr, creating its table when the
 * entry above is empty; NULL when out of memory (Linux's pud_alloc,
 * pmd_alloc, and pte_alloc followed by pte_offset_map). */
static inline pte_t *pud_alloc(pte_t *pgd, unsigned long addr)
{
	return pte_none(*pgd) && __pgtable_alloc(pgd, addr) ? NULL : pud_offset(pgd, addr);
}
static inline pte_t *pmd_alloc(pte_t *pud, unsigned long addr)
{
	return pte_none(*pud) && __pgtable_alloc(pud, addr) ? NULL : pmd_offset(pud, addr);
}
static inline pte_t *pte_alloc_map(pte_t *pmd, unsigned long addr)
{
	return pte_none(*pmd) && __pgtable_alloc(pmd, addr) ? NULL : pte_offset_map(pmd, addr);
}

/* The entry that maps addr: descend from the PML4 until level 1 or a large
 * page; with alloc, create missing tables (NULL when out of memory), else
 * stop at the first entry that is not present.  *level says where it stopped. */
pte_t *pgtable_walk(pte_t *pml4, unsigned long addr, bool alloc, int *level);
/* The same, stopping at `target` level (for large pages: 2 = a PD entry). */
pte_t *pgtable_walk_level(pte_t *pml4, unsigned long addr, int target, bool alloc, int *level);
/* The level-1 PTE for addr, creating tables: NULL when out of memory
 * (the per-level helpers above, one after the other; panics at a large page). */
pte_t *pte_alloc(pte_t *pml4, unsigned long addr);

/* Ranges of 4 KiB pages: [va, va + len), page-aligned. */
int map_range(pte_t *pml4, unsigned long va, phys_addr_t pa, size_t len, pgprot_t prot);
void unmap_range(pte_t *pml4, unsigned long va, size_t len);
void protect_range(pte_t *pml4, unsigned long va, size_t len, pgprot_t prot);
/* Call fn on each present level-1 entry of [va, va + len), skipping
 * missing tables (user ranges: no large pages there). */
void for_each_pte(pte_t *pml4, unsigned long va, size_t len,
		  void (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg);
/* Free the page-table pages under [va, va+len) that map nothing any more. */
void free_pgtables(pte_t *pml4, unsigned long va, size_t len);
/* Free every page-table page of the user half (not the pages mapped). */
void free_user_pgtables(pte_t *pml4);
unsigned long nr_pgtable_pages(void);		/* page-table pages in use */

pte_t *alloc_pgtable(void);			/* a zeroed table page */
void free_pgtable(pte_t *table);

static inline void flush_tlb_one(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}
void flush_tlb_all(void);			/* global entries too */
bool kern_addr_valid(unsigned long addr);	/* mapped now (no fault to read it) */
void load_cr3(pte_t *pml4);
pte_t *current_pml4(void);

/* Print the walk of addr (each level's entry and flags), for oopses. */
void dump_pagetable(pte_t *pml4, unsigned long addr);
/* "P W U A D G NX ..." for an entry; returns buf. */
char *pte_flags_str(char *buf, size_t n, pte_t p);

#endif
