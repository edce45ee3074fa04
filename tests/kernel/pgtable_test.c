/* tests/kernel/pgtable_test.c — the page-table helpers and range operations.
 *
 * Entry helpers are checked bit by bit; map/unmap/protect run on a scratch
 * PML4 (user half) and on a scratch kernel range, and every case checks
 * that the table pages it made are freed again (nr_pgtable_pages). */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/pgtable.h"
#include "mm/kpgtable.h"
#include "mm/page_alloc.h"
#include "mm/mm.h"

#define USER_VA		0x400000UL		/* first user page */
#define SCRATCH_KVA	0xffffc90000000000UL	/* kernel half, unused (Linux's vmalloc base) */

static void pte_bits(struct ktest *t)
{
	pte_t p = pfn_pte(0x1234, PAGE_SHARED);
	KEXPECT_EQ(t, pte_pfn(p), 0x1234UL);
	KEXPECT_TRUE(t, pte_present(p));
	KEXPECT_TRUE(t, pte_write(p));
	KEXPECT_TRUE(t, pte_user(p));
	KEXPECT_FALSE(t, pte_exec(p));
	KEXPECT_FALSE(t, pte_dirty(p));
	KEXPECT_EQ(t, pte_val(p), 0x1234000UL | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
				     _PAGE_ACCESSED | _PAGE_NX);
}

static void pte_make_and_clear(struct ktest *t)
{
	pte_t p = pfn_pte(7, PAGE_READONLY);
	KEXPECT_FALSE(t, pte_write(p));
	KEXPECT_TRUE(t, pte_write(pte_mkwrite(p)));
	KEXPECT_FALSE(t, pte_write(pte_wrprotect(pte_mkwrite(p))));
	KEXPECT_TRUE(t, pte_dirty(pte_mkdirty(p)));
	KEXPECT_FALSE(t, pte_dirty(pte_mkclean(pte_mkdirty(p))));
	KEXPECT_TRUE(t, pte_young(p));			/* PAGE_READONLY carries A */
	KEXPECT_FALSE(t, pte_young(pte_mkold(p)));
	KEXPECT_TRUE(t, pte_young(pte_mkyoung(pte_mkold(p))));
	KEXPECT_TRUE(t, pte_exec(pte_mkexec(p)));
	KEXPECT_EQ(t, pte_pfn(pte_mkdirty(pte_mkwrite(p))), 7UL);	/* the frame never moves */
}

/* pte_modify changes the protection, keeps the frame and the CPU's A/D bits. */
static void pte_modify_keeps_pfn_and_dirty(struct ktest *t)
{
	pte_t p = pte_mkdirty(pfn_pte(0xabcde, PAGE_SHARED));
	pte_t q = pte_modify(p, PAGE_READONLY_EXEC);
	KEXPECT_EQ(t, pte_pfn(q), 0xabcdeUL);
	KEXPECT_TRUE(t, pte_dirty(q));
	KEXPECT_FALSE(t, pte_write(q));
	KEXPECT_TRUE(t, pte_exec(q));
	KEXPECT_TRUE(t, pte_none(__pte(0)));
	/* PROT_NONE: the CPU sees no P bit, the kernel still sees the frame */
	pte_t none = pte_modify(p, PAGE_NONE);
	KEXPECT_FALSE(t, pte_val(none) & _PAGE_PRESENT);
	KEXPECT_TRUE(t, pte_present(none));
	KEXPECT_EQ(t, pte_pfn(none), 0xabcdeUL);
	KEXPECT_TRUE(t, pte_present(pte_modify(none, PAGE_SHARED)));
	KEXPECT_TRUE(t, pte_val(pte_modify(none, PAGE_SHARED)) & _PAGE_PRESENT);
}

/* Soft-dirty (bit 58): pte_mkdirty sets it with D; pte_mkclean (msync)
 * leaves it, pte_modify (mprotect) keeps it; only pte_clear_soft_dirty
 * (clear_refs) clears it, and the frame stays. */
static void pte_soft_dirty_bit(struct ktest *t)
{
	pte_t p = pfn_pte(0xabcde, PAGE_READONLY);
	KEXPECT_FALSE(t, pte_soft_dirty(p));
	pte_t d = pte_mkdirty(p);
	KEXPECT_TRUE(t, pte_soft_dirty(d));
	KEXPECT_EQ(t, pte_val(d) & (_PAGE_DIRTY | _PAGE_SOFT_DIRTY), _PAGE_DIRTY | _PAGE_SOFT_DIRTY);
	KEXPECT_TRUE(t, pte_soft_dirty(pte_mkclean(d)));
	KEXPECT_TRUE(t, pte_soft_dirty(pte_modify(d, PAGE_SHARED)));
	KEXPECT_TRUE(t, pte_soft_dirty(pte_modify(d, PAGE_NONE)));
	pte_t c = pte_clear_soft_dirty(d);
	KEXPECT_FALSE(t, pte_soft_dirty(c));
	KEXPECT_TRUE(t, pte_dirty(c));
	KEXPECT_EQ(t, pte_pfn(c), 0xabcdeUL);
	KEXPECT_TRUE(t, pte_soft_dirty(pte_mksoft_dirty(c)));
}

static void address_split(struct ktest *t)
{
	unsigned long a = 0x00007f1234567abcUL;
	KEXPECT_EQ(t, pt_index(a, 4), (unsigned)((a >> 39) & 511));
	KEXPECT_EQ(t, pt_index(a, 3), (unsigned)((a >> 30) & 511));
	KEXPECT_EQ(t, pt_index(a, 2), (unsigned)((a >> 21) & 511));
	KEXPECT_EQ(t, pt_index(a, 1), (unsigned)((a >> 12) & 511));
	KEXPECT_EQ(t, pt_level_size(1), PAGE_SIZE);
	KEXPECT_EQ(t, pt_level_size(2), PMD_SIZE);
	KEXPECT_EQ(t, pt_level_size(3), PUD_SIZE);
	KEXPECT_EQ(t, pt_index(PAGE_OFFSET, 4), 273u);
	KEXPECT_EQ(t, pt_index(KERNEL_VMA, 4), 511u);
	KEXPECT_EQ(t, pt_index(KERNEL_VMA, 3), 510u);
}

/* The per-level walk (pud_alloc, pmd_alloc, pte_alloc_map) makes each
 * missing table once and lands on the entry the loop walker finds;
 * pt_addr_end stops at a level's boundary, at end, and at a wrap to 0. */
static void level_helpers(struct ktest *t)
{
	unsigned long tables = nr_pgtable_pages(), va = USER_VA + 5 * PAGE_SIZE;
	pte_t *pml4 = alloc_pgtable();
	int level;
	KASSERT_NOT_NULL(t, pml4);

	pte_t *pgd = pgd_offset_pgd(pml4, va);
	KEXPECT_TRUE(t, pgd == &pml4[pt_index(va, 4)]);
	pte_t *pud = pud_alloc(pgd, va);
	pte_t *pmd = pud ? pmd_alloc(pud, va) : NULL;
	pte_t *pte = pmd ? pte_alloc_map(pmd, va) : NULL;
	KASSERT_NOT_NULL(t, pte);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 4);		/* PML4 + PDPT + PD + PT */
	KEXPECT_TRUE(t, pte_user(*pgd) && pte_user(*pud) && pte_user(*pmd));
	KEXPECT_TRUE(t, pte == pgtable_walk(pml4, va, false, &level) && level == 1);
	KEXPECT_TRUE(t, pte_alloc(pml4, va + PAGE_SIZE) == pte + 1);	/* no new table */
	KEXPECT_TRUE(t, pte_alloc_map(pmd, va) == pte);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 4);

	KEXPECT_EQ(t, pmd_addr_end(USER_VA, USER_VA + PUD_SIZE), ALIGN_DOWN(USER_VA, PMD_SIZE) + PMD_SIZE);
	KEXPECT_EQ(t, pmd_addr_end(USER_VA, USER_VA + PAGE_SIZE), USER_VA + PAGE_SIZE);
	KEXPECT_EQ(t, pud_addr_end(0, PGD_SIZE), PUD_SIZE);
	KEXPECT_EQ(t, pgd_addr_end(~0UL - PAGE_SIZE + 1, 0), 0UL);	/* the last entry ends at 0 */
	free_user_pgtables(pml4);
	free_pgtable(pml4);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables);
}

static void flags_string(struct ktest *t)
{
	char buf[48];
	KEXPECT_STREQ(t, pte_flags_str(buf, sizeof(buf), pfn_pte(1, PAGE_KERNEL)), "P W A D G NX");
	KEXPECT_STREQ(t, pte_flags_str(buf, sizeof(buf), pfn_pte(1, PAGE_KERNEL_RX)), "P A G");
	KEXPECT_STREQ(t, pte_flags_str(buf, sizeof(buf), __pte(0)), "-");
	KEXPECT_STREQ(t, pte_flags_str(buf, sizeof(buf), pte_mkdirty(pfn_pte(1, PAGE_SHARED))),
		      "P W U A D SD NX");
}

/* A fresh PML4; one page at USER_VA makes a PDPT, a PD and a PT. */
static void map_walk_unmap_user(struct ktest *t)
{
	unsigned long tables = nr_pgtable_pages(), frames = nr_free_pages();
	pte_t *pml4 = alloc_pgtable();
	struct page *pg = alloc_page();
	int level;
	KASSERT_NOT_NULL(t, pml4);
	KASSERT_NOT_NULL(t, pg);

	KEXPECT_EQ(t, map_range(pml4, USER_VA, page_to_phys(pg), PAGE_SIZE, PAGE_SHARED), 0);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 4);		/* PML4 + PDPT + PD + PT */
	pte_t *pte = pgtable_walk(pml4, USER_VA, false, &level);
	KEXPECT_EQ(t, level, 1);
	KEXPECT_EQ(t, pte_pfn(*pte), page_to_pfn(pg));
	KEXPECT_TRUE(t, pte_user(pml4[0]));			/* upper levels: U for user */
	pte = pgtable_walk(pml4, USER_VA + PUD_SIZE, false, &level);
	KEXPECT_EQ(t, level, 3);				/* stops where nothing is */
	KEXPECT_TRUE(t, pte_none(*pte));

	unmap_range(pml4, USER_VA, PAGE_SIZE);
	pte = pgtable_walk(pml4, USER_VA, false, &level);
	KEXPECT_EQ(t, level, 1);
	KEXPECT_TRUE(t, pte_none(*pte));
	free_user_pgtables(pml4);
	free_pgtable(pml4);
	__free_page(pg);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables);
	KEXPECT_EQ(t, nr_free_pages(), frames);
}

/* 3 pages straddling a 2 MiB boundary need two page tables. */
static void map_across_pmd_boundary(struct ktest *t)
{
	unsigned long tables = nr_pgtable_pages();
	pte_t *pml4 = alloc_pgtable();
	unsigned long va = USER_VA + PMD_SIZE - PAGE_SIZE * 2 + PMD_SIZE;
	KASSERT_NOT_NULL(t, pml4);
	KEXPECT_EQ(t, map_range(pml4, va, 0x5000, 3 * PAGE_SIZE, PAGE_READONLY), 0);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 5);		/* PML4, PDPT, PD, 2 PTs */
	for (int i = 0; i < 3; i++) {
		int level;
		pte_t *pte = pgtable_walk(pml4, va + i * PAGE_SIZE, false, &level);
		KEXPECT_EQ(t, pte_pfn(*pte), 5UL + i);
	}
	unmap_range(pml4, va, 3 * PAGE_SIZE);
	free_pgtables(pml4, va, 3 * PAGE_SIZE);			/* empty tables go */
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 1);		/* only the PML4 is left */
	KEXPECT_TRUE(t, pte_none(pml4[0]));
	free_pgtable(pml4);
}

/* protect_range changes exactly the pages asked for. */
static void protect_round_trip(struct ktest *t)
{
	pte_t *pml4 = alloc_pgtable();
	int level;
	KASSERT_NOT_NULL(t, pml4);
	KEXPECT_EQ(t, map_range(pml4, USER_VA, 0x10000, 4 * PAGE_SIZE, PAGE_SHARED), 0);
	protect_range(pml4, USER_VA + PAGE_SIZE, 2 * PAGE_SIZE, PAGE_READONLY);
	for (int i = 0; i < 4; i++) {
		pte_t *pte = pgtable_walk(pml4, USER_VA + i * PAGE_SIZE, false, &level);
		KEXPECT_EQ(t, pte_write(*pte), i == 0 || i == 3);
		KEXPECT_EQ(t, pte_pfn(*pte), 0x10UL + i);
	}
	protect_range(pml4, USER_VA, 4 * PAGE_SIZE, PAGE_SHARED);
	for (int i = 0; i < 4; i++)
		KEXPECT_TRUE(t, pte_write(*pgtable_walk(pml4, USER_VA + i * PAGE_SIZE, false, &level)));
	free_user_pgtables(pml4);
	free_pgtable(pml4);
}

/* A range with holes: unmap and protect skip what is not there. */
static void sparse_range_ops(struct ktest *t)
{
	unsigned long tables = nr_pgtable_pages();
	pte_t *pml4 = alloc_pgtable();
	int level;
	KASSERT_NOT_NULL(t, pml4);
	KEXPECT_EQ(t, map_range(pml4, USER_VA, 0x1000, PAGE_SIZE, PAGE_SHARED), 0);
	KEXPECT_EQ(t, map_range(pml4, USER_VA + 5 * PUD_SIZE, 0x2000, PAGE_SIZE, PAGE_SHARED), 0);
	protect_range(pml4, 0, 8 * PUD_SIZE, PAGE_READONLY);
	KEXPECT_FALSE(t, pte_write(*pgtable_walk(pml4, USER_VA + 5 * PUD_SIZE, false, &level)));
	unmap_range(pml4, 0, 8 * PUD_SIZE);
	KEXPECT_TRUE(t, pte_none(*pgtable_walk(pml4, USER_VA, false, &level)));
	free_pgtables(pml4, 0, 8 * PUD_SIZE);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 1);
	free_pgtable(pml4);
}

/* Mapping in the kernel half, live in CR3: write through the new address,
 * read through the direct map; unmap and the tables it made are freed. */
static void kernel_range_live(struct ktest *t)
{
	unsigned long tables = nr_pgtable_pages(), frames = nr_free_pages();
	struct page *pg = alloc_zeroed_page();
	KASSERT_NOT_NULL(t, pg);
	KEXPECT_EQ(t, map_range(init_pml4, SCRATCH_KVA, page_to_phys(pg), PAGE_SIZE, PAGE_KERNEL), 0);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables + 2);		/* a PD and a PT: PDPTs exist */
	KEXPECT_TRUE(t, kern_addr_valid(SCRATCH_KVA));
	*(volatile u64 *)SCRATCH_KVA = 0x5eedf00dUL;
	KEXPECT_EQ(t, *(u64 *)page_address(pg), 0x5eedf00dUL);
	unmap_range(init_pml4, SCRATCH_KVA, PAGE_SIZE);
	KEXPECT_FALSE(t, kern_addr_valid(SCRATCH_KVA));
	free_pgtables(init_pml4, SCRATCH_KVA, PAGE_SIZE);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables);
	KEXPECT_TRUE(t, pte_present(init_pml4[pt_index(SCRATCH_KVA, 4)]));	/* PDPT kept */
	__free_page(pg);
	KEXPECT_EQ(t, nr_free_pages(), frames);
}

/* The kernel half is shared by every address space and its entries are
 * global: a kernel page unmapped from init_pml4 while a process's tables
 * are loaded must leave this CPU's TLB too.  Remapped to another frame,
 * the address reads the new frame, not the freed one (issue 12: kernel
 * stacks reused this way, and a new task's first frame went astray). */
static void kernel_remap_under_user_cr3(struct ktest *t)
{
	unsigned long tables = nr_pgtable_pages(), frames = nr_free_pages();
	struct page *a = alloc_zeroed_page(), *b = alloc_zeroed_page();
	struct mm_struct *mm = mm_alloc();
	KASSERT_TRUE(t, a && b && mm);
	*(u64 *)page_address(a) = 0xaaaa;
	*(u64 *)page_address(b) = 0xbbbb;
	KEXPECT_EQ(t, map_range(init_pml4, SCRATCH_KVA, page_to_phys(a), PAGE_SIZE, PAGE_KERNEL), 0);
	KEXPECT_EQ(t, *(volatile u64 *)SCRATCH_KVA, 0xaaaaUL);	/* in the TLB now */
	load_cr3(mm->pgd);
	KEXPECT_EQ(t, *(volatile u64 *)SCRATCH_KVA, 0xaaaaUL);	/* the same, shared */
	unmap_range(init_pml4, SCRATCH_KVA, PAGE_SIZE);
	KEXPECT_EQ(t, map_range(init_pml4, SCRATCH_KVA, page_to_phys(b), PAGE_SIZE, PAGE_KERNEL), 0);
	KEXPECT_EQ(t, *(volatile u64 *)SCRATCH_KVA, 0xbbbbUL);
	load_cr3(init_pml4);
	unmap_range(init_pml4, SCRATCH_KVA, PAGE_SIZE);
	free_pgtables(init_pml4, SCRATCH_KVA, PAGE_SIZE);
	mmput(mm);
	__free_page(a);
	__free_page(b);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables);
	KEXPECT_EQ(t, nr_free_pages(), frames);
}

/* A walk without alloc stops at the first missing level and allocates nothing. */
static void walk_without_alloc(struct ktest *t)
{
	int level;
	pte_t *pml4 = alloc_pgtable();
	KASSERT_NOT_NULL(t, pml4);
	unsigned long tables = nr_pgtable_pages();
	pte_t *e = pgtable_walk(pml4, 0x7fff00000000UL, false, &level);
	KEXPECT_EQ(t, level, 4);
	KEXPECT_TRUE(t, e == &pml4[pt_index(0x7fff00000000UL, 4)]);
	KEXPECT_EQ(t, nr_pgtable_pages(), tables);
	free_pgtable(pml4);
}

KTEST_SUITE(pgtable,
	KTEST_CASE(pte_bits),
	KTEST_CASE(pte_make_and_clear),
	KTEST_CASE(pte_modify_keeps_pfn_and_dirty),
	KTEST_CASE(pte_soft_dirty_bit),
	KTEST_CASE(address_split),
	KTEST_CASE(level_helpers),
	KTEST_CASE(flags_string),
	KTEST_CASE(map_walk_unmap_user),
	KTEST_CASE(map_across_pmd_boundary),
	KTEST_CASE(protect_round_trip),
	KTEST_CASE(sparse_range_ops),
	KTEST_CASE(kernel_range_live),
	KTEST_CASE(kernel_remap_under_user_cr3),
	KTEST_CASE(walk_without_alloc));
