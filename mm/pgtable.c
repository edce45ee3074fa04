/* mm/pgtable.c — walking, filling and freeing 4-level page tables.
 *
 * Two kinds of walk.  The hot ones (a fault: handle_mm_fault; fork:
 * copy_page_range) go straight down with one helper per level, as Linux's
 * (pud_alloc, pmd_alloc, pte_alloc_map in mm/pgtable.h; pte_alloc here).
 * Every other walk is one loop over the levels (pgtable_walk_to), which
 * stops at large pages and holes; range operations visit the level-1
 * entries of a range with for_each_pte, skipping tables that are not there.
 * Both allocate a missing table in one place (__pgtable_alloc). */
#include "mm/pgtable.h"
#include "mm/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "kernel/errno.h"


static unsigned long pgtable_pages;

const char *pt_level_name(int level)
{
	static const char *const names[] = { "?", "PT", "PD", "PDPT", "PML4" };
	return level >= 1 && level <= 4 ? names[level] : "?";
}

pte_t *alloc_pgtable(void)
{
	struct page *p = alloc_zeroed_page();
	if (!p)
		return NULL;
	p->flags |= PG_pgtable;
	pgtable_pages++;
	return page_address(p);
}

void free_pgtable(pte_t *table)
{
	struct page *p = virt_to_page(table);
	if (!(p->flags & PG_pgtable))
		panic("free_pgtable: %p (pfn %lx) is not a page table", table, page_to_pfn(p));
	p->flags &= ~PG_pgtable;
	pgtable_pages--;
	__free_page(p);
}

unsigned long nr_pgtable_pages(void)
{
	return pgtable_pages;
}

/* New tables under the user half carry _PAGE_USER: the leaf decides. */
int __pgtable_alloc(pte_t *entry, unsigned long addr)
{
	pte_t *table = alloc_pgtable();
	if (!table)
		return -ENOMEM;
	*entry = __pte(virt_to_phys(table) | (addr < USER_HALF_END ? _PAGE_TABLE : _KERNPG_TABLE));
	return 0;
}

/* Descend from the PML4 towards `target` level.  Stops early at a large
 * page or (without alloc) at an entry that is not present. */
static pte_t *pgtable_walk_to(pte_t *pml4, unsigned long addr, int target, bool alloc, int *level)
{
	pte_t *table = pml4;
	for (int l = PT_LEVELS;; l--) {
		pte_t *e = &table[pt_index(addr, l)];
		if (l == target || (pte_present(*e) && pte_huge(*e))) {
			*level = l;
			return e;
		}
		if (!pte_present(*e)) {
			if (!alloc) {
				*level = l;
				return e;
			}
			if (__pgtable_alloc(e, addr))
				return NULL;
		}
		table = pte_table(*e);
	}
}

pte_t *pgtable_walk(pte_t *pml4, unsigned long addr, bool alloc, int *level)
{
	return pgtable_walk_to(pml4, addr, 1, alloc, level);
}

pte_t *pgtable_walk_level(pte_t *pml4, unsigned long addr, int target, bool alloc, int *level)
{
	return pgtable_walk_to(pml4, addr, target, alloc, level);
}

/* The walk of handle_mm_fault, for callers outside the fault path (kernel
 * stacks, map_range, vmf_insert_pfn): they may ask in the kernel half,
 * where the direct map has large pages, so each level checks for one. */
pte_t *pte_alloc(pte_t *pml4, unsigned long addr)
{
	pte_t *pgd = pgd_offset_pgd(pml4, addr);
	pte_t *pud = pud_alloc(pgd, addr);
	if (!pud)
		return NULL;
	if (pte_huge(*pud))
		panic("pte_alloc: %lx is inside a PDPT-level large page", addr);
	pte_t *pmd = pmd_alloc(pud, addr);
	if (!pmd)
		return NULL;
	if (pte_huge(*pmd))
		panic("pte_alloc: %lx is inside a PD-level large page", addr);
	return pte_alloc_map(pmd, addr);
}

/* Call fn on every present level-1 entry of [va, va + len).  A missing
 * table skips the whole span it would cover; a page table found is read
 * entry by entry, without walking down from the PML4 again (Linux's
 * zap_pte_range, copy_pte_range: once per table).  Walking down for each
 * of its 512 entries made the exit of a process with 60 000 sparse page
 * tables take seconds. */
void for_each_pte(pte_t *pml4, unsigned long va, size_t len,
			 void (*fn)(pte_t *pte, unsigned long addr, void *arg), void *arg)
{
	unsigned long end = va + len;
	while (va < end) {
		int level;
		pte_t *e = pgtable_walk_to(pml4, va, 1, false, &level);
		if (level > 1 && pte_present(*e))
			panic("for_each_pte: %lx is inside a large page", va);
		/* what the entry we stopped at covers: a whole page table's span
		 * when we reached one, else the hole of a missing table */
		unsigned long span = pt_level_size(level == 1 ? 2 : level);
		unsigned long next = ALIGN_DOWN(va, span) + span;	/* 0: wrapped past the top */
		if (level == 1) {
			unsigned long stop = next && next < end ? next : end;
			for (unsigned long a = va; a < stop; a += PAGE_SIZE, e++)
				if (pte_present(*e))
					fn(e, a, arg);
		}
		if (!next)
			break;
		va = next;
	}
}

static bool is_current(pte_t *pml4)
{
	return pml4 == current_pml4();
}

/* May this CPU's TLB hold a translation of addr through pml4?  When pml4
 * is loaded; and always for the kernel half, whose tables every address
 * space shares (and whose entries are global: loading CR3 drops none).
 * Kernel stacks are unmapped from init_pml4 while a process's tables are
 * loaded: without the flush, the next task given that stack slot wrote its
 * first frame through the stale entry into the freed page (issue 12). */
static bool tlb_may_cache(pte_t *pml4, unsigned long addr)
{
	return addr >= USER_HALF_END || is_current(pml4);
}

int map_range(pte_t *pml4, unsigned long va, phys_addr_t pa, size_t len, pgprot_t prot)
{
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		pte_t *pte = pte_alloc(pml4, va + off);
		if (!pte)
			return -ENOMEM;
		if (pte_present(*pte))
			panic("map_range: %lx is already mapped (%lx)", va + off, pte_val(*pte));
		/* none -> present needs no TLB flush: the CPU caches no non-present entry */
		*pte = pfn_pte((pa + off) >> PAGE_SHIFT, prot);
	}
	return 0;
}

static void unmap_one(pte_t *pte, unsigned long addr, void *pml4)
{
	*pte = __pte(0);
	if (tlb_may_cache(pml4, addr))
		flush_tlb_one(addr);
}

void unmap_range(pte_t *pml4, unsigned long va, size_t len)
{
	for_each_pte(pml4, va, len, unmap_one, pml4);
}

struct protect_arg {
	pte_t *pml4;
	pgprot_t prot;
};

static void protect_one(pte_t *pte, unsigned long addr, void *arg)
{
	struct protect_arg *p = arg;
	*pte = pte_modify(*pte, p->prot);
	if (tlb_may_cache(p->pml4, addr))
		flush_tlb_one(addr);
}

void protect_range(pte_t *pml4, unsigned long va, size_t len, pgprot_t prot)
{
	struct protect_arg arg = { pml4, prot };
	for_each_pte(pml4, va, len, protect_one, &arg);
}

static __maybe_unused bool table_empty(const pte_t *t)
{
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (!pte_none(t[i]))
			return false;
	return true;
}

/* Free the tables below `table` (of `level`) that map nothing in
 * [va, end); returns how many were freed. */
static int free_empty_tables(pte_t *table, int level, unsigned long va, unsigned long end)
{
	/* LAB pgtable: BEGIN — recursively free the tables under [va, end) that map nothing now
	 * hint: loop over this table's entries that cover [va, end), pt_level_size(level)
	 *       bytes each; descend into a present, non-huge entry (pte_table) first.
	 * hint: a child left empty (table_empty) is unlinked (*e = 0) and free_pgtable'd —
	 *       except the kernel half's PDPTs (PML4 entries >= USER_HALF_END): all share them.
	 * hint: mind the wrap at the top of the address space (next <= a). */
	int freed = 0;
	unsigned long size = pt_level_size(level);
	for (unsigned long a = va; a < end;) {
		pte_t *e = &table[pt_index(a, level)];
		unsigned long next = ALIGN_DOWN(a, size) + size;
		if (level > 1 && pte_present(*e) && !pte_huge(*e)) {
			pte_t *child = pte_table(*e);
			freed += free_empty_tables(child, level - 1, a, MIN(end, next));
			/* the kernel half's PDPTs are shared by every address space: kept */
			bool shared = level == PT_LEVELS && a >= USER_HALF_END;
			if (!shared && table_empty(child)) {
				*e = __pte(0);
				free_pgtable(child);
				freed++;
			}
		}
		if (next <= a)
			break;
		a = next;
	}
	return freed;
	/* LAB pgtable: STUB
	// Frees nothing: empty tables stay until the address space goes.
	return 0;
	   LAB pgtable: END */
}

void free_pgtables(pte_t *pml4, unsigned long va, size_t len)
{
	if (free_empty_tables(pml4, PT_LEVELS, va, va + len) && tlb_may_cache(pml4, va))
		flush_tlb_all();	/* the CPU may cache upper-level entries too */
}

/* Free a whole table tree below `table` (the pages it maps are not ours). */
static void free_tree(pte_t *table, int level)
{
	for (int i = 0; i < PTRS_PER_TABLE && level > 1; i++)
		if (pte_present(table[i]) && !pte_huge(table[i]))
			free_tree(pte_table(table[i]), level - 1);
	free_pgtable(table);
}

void free_user_pgtables(pte_t *pml4)
{
	for (int i = 0; i < USER_PGD_ENTRIES; i++) {
		if (pte_present(pml4[i]))
			free_tree(pte_table(pml4[i]), PT_LEVELS - 1);
		pml4[i] = __pte(0);
	}
	if (is_current(pml4))
		flush_tlb_all();
}

/* Is addr mapped in the current tables?  For code that must not fault
 * while reporting a fault (backtraces). */
bool kern_addr_valid(unsigned long addr)
{
	int level;
	pte_t *e = pgtable_walk_to(current_pml4(), addr, 1, false, &level);
	return pte_val(*e) & _PAGE_PRESENT;	/* what the CPU sees */
}

void flush_tlb_all(void)
{
	u64 cr4 = read_cr4();
	if (cr4 & X86_CR4_PGE) {	/* toggling PGE drops global entries too */
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
}

void load_cr3(pte_t *pml4)
{
	write_cr3(virt_to_phys(pml4));
}

pte_t *current_pml4(void)
{
	return phys_to_virt(read_cr3() & PTE_PFN_MASK);
}

char *pte_flags_str(char *buf, size_t n, pte_t p)
{
	static const struct { u64 bit; const char *name; } bits[] = {
		{ _PAGE_PRESENT, "P" }, { _PAGE_RW, "W" }, { _PAGE_USER, "U" },
		{ _PAGE_PWT, "PWT" }, { _PAGE_PCD, "PCD" }, { _PAGE_ACCESSED, "A" },
		{ _PAGE_DIRTY, "D" }, { _PAGE_PSE, "PS" }, { _PAGE_GLOBAL, "G" },
		{ _PAGE_SOFT_DIRTY, "SD" }, { _PAGE_NX, "NX" },
	};
	size_t len = 0;
	buf[0] = 0;
	for (size_t i = 0; i < ARRAY_SIZE(bits); i++)
		if ((pte_val(p) & bits[i].bit) && len < n)
			len += snprintf(buf + len, n - len, "%s%s", len ? " " : "", bits[i].name);
	if (!len)
		snprintf(buf, n, "-");
	return buf;
}

void dump_pagetable(pte_t *pml4, unsigned long addr)
{
	/* LAB pgtable: BEGIN — print the walk for addr, one line per level, as the oops shows it
	 * hint: one loop from PT_LEVELS down to 1 (pt_index, pt_level_name, pte_flags_str).
	 * hint: stop, saying why, at an entry not present, at a huge page (pte_huge), and
	 *       at a table outside RAM (max_pfn && !pfn_valid): never follow it.
	 * hint: the expected lines are in tests/boots.py (crash.null_deref, crash.write_kernel_text). */
	char flags[48];
	pte_t *table = pml4;
	printk(KERN_EMERG "page-table walk for %016lx (CR3 %lx):\n", addr, virt_to_phys(pml4));
	for (int l = PT_LEVELS; l >= 1; l--) {
		unsigned int i = pt_index(addr, l);
		pte_t e = table[i];
		printk(KERN_EMERG "  %-4s[%3u] = %016lx  pfn %lx  %s\n", pt_level_name(l), i,
		       pte_val(e), pte_pfn(e), pte_flags_str(flags, sizeof(flags), e));
		if (!(pte_val(e) & _PAGE_PRESENT)) {
			printk(KERN_EMERG "  (not present: the walk stops here)\n");
			return;
		}
		if (l > 1 && pte_huge(e)) {
			unsigned long sz = pt_level_size(l);
			printk(KERN_EMERG "  (a %lu %s page: the walk ends here)\n",
			       sz >= PUD_SIZE ? sz >> 30 : sz >> 20, sz >= PUD_SIZE ? "GiB" : "MiB");
			return;
		}
		if (l > 1 && max_pfn && !pfn_valid(pte_pfn(e))) {
			printk(KERN_EMERG "  (points outside RAM: cannot follow)\n");
			return;
		}
		table = pte_table(e);
	}
	/* LAB pgtable: STUB
	printk(KERN_EMERG "page-table walk for %016lx (CR3 %lx): not written (TODO(lab pgtable))\n",
	       addr, virt_to_phys(pml4));
	   LAB pgtable: END */
}
