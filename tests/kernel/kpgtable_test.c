/* tests/kernel/kpgtable_test.c — the kernel's own page tables, read back.
 *
 * W^X is checked on the real entries the MMU uses (the walk of init_pml4),
 * not on what kpgtable.c meant to write: text R+X, rodata R+NX, data and
 * bss RW+NX, no image page both writable and executable, guard pages and
 * the boot identity map absent, the direct map RW+NX in 2 MiB pages. */
#include "kernel/ktest.h"
#include "kernel/x86.h"
#include "kernel/gdt.h"
#include "mm/kpgtable.h"
#include "mm/page_alloc.h"

extern const char _text[], _etext[], _rodata[], _erodata[], _data[], _kernel_end[];
extern char __bss_start[], boot_stack_guard[], boot_stack_bottom[];
extern void kmain(void);

static int data_word = 1;		/* something in .data */

/* The level-1 (or large-page) entry that maps addr in the live tables. */
static pte_t leaf(unsigned long addr, int *level)
{
	return *pgtable_walk(current_pml4(), addr, false, level);
}

static void cr3_is_init_pml4(struct ktest *t)
{
	KEXPECT_EQ(t, read_cr3() & PTE_PFN_MASK, virt_to_phys(init_pml4));
}

static void text_is_rx(struct ktest *t)
{
	int level;
	pte_t p = leaf((unsigned long)kmain, &level);
	KEXPECT_EQ(t, level, 1);
	KEXPECT_TRUE(t, pte_present(p));
	KEXPECT_FALSE(t, pte_write(p));
	KEXPECT_TRUE(t, pte_exec(p));
	KEXPECT_FALSE(t, pte_user(p));
	KEXPECT_EQ(t, pte_pfn(p), ((unsigned long)kmain - KERNEL_VMA) >> PAGE_SHIFT);
}

static void rodata_is_ro_nx(struct ktest *t)
{
	int level;
	for (const char *a = _rodata; a < _erodata; a += PAGE_SIZE) {
		pte_t p = leaf((unsigned long)a, &level);
		KEXPECT_TRUE(t, pte_present(p));
		KEXPECT_FALSE(t, pte_write(p));
		KEXPECT_FALSE(t, pte_exec(p));
	}
}

static void data_and_bss_are_rw_nx(struct ktest *t)
{
	int level;
	unsigned long addrs[] = { (unsigned long)&data_word, (unsigned long)__bss_start,
				  (unsigned long)boot_stack_bottom };
	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
		pte_t p = leaf(addrs[i], &level);
		KEXPECT_EQ(t, level, 1);
		KEXPECT_TRUE(t, pte_present(p));
		KEXPECT_TRUE(t, pte_write(p));
		KEXPECT_FALSE(t, pte_exec(p));
	}
}

/* Every page of the image: never writable and executable at once. */
static void image_is_w_xor_x(struct ktest *t)
{
	int level, mapped = 0, both = 0;
	for (const char *a = _text; a < _kernel_end; a += PAGE_SIZE) {
		pte_t p = leaf((unsigned long)a, &level);
		if (!pte_present(p))
			continue;
		mapped++;
		both += pte_write(p) && pte_exec(p);
	}
	KEXPECT_EQ(t, both, 0);
	KEXPECT_GT(t, mapped, 8);
}

static void guard_pages_unmapped(struct ktest *t)
{
	int level;
	KEXPECT_FALSE(t, pte_present(leaf((unsigned long)boot_stack_guard, &level)));
	KEXPECT_FALSE(t, kern_addr_valid((unsigned long)boot_stack_guard + PAGE_SIZE - 8));
	KEXPECT_TRUE(t, kern_addr_valid((unsigned long)boot_stack_bottom));
	KEXPECT_TRUE(t, stack_guard_name((unsigned long)boot_stack_guard) != NULL);
}

/* The boot identity map is gone: low addresses, NULL included, fault. */
static void identity_map_gone(struct ktest *t)
{
	int level;
	KEXPECT_FALSE(t, pte_present(leaf(0, &level)));
	KEXPECT_EQ(t, level, 4);
	KEXPECT_FALSE(t, pte_present(leaf(0x100000, &level)));
	for (int i = 0; i < USER_PGD_ENTRIES; i++)
		KEXPECT_TRUE(t, pte_none(init_pml4[i]));
}

static void direct_map_large_nx(struct ktest *t)
{
	int level;
	pte_t p = leaf((unsigned long)phys_to_virt(0x200000), &level);
	KEXPECT_EQ(t, level, 2);
	KEXPECT_TRUE(t, pte_huge(p));
	KEXPECT_TRUE(t, pte_write(p));
	KEXPECT_FALSE(t, pte_exec(p));
	KEXPECT_TRUE(t, pte_global(p));
	/* the last usable frame is mapped too */
	KEXPECT_TRUE(t, kern_addr_valid((unsigned long)phys_to_virt((max_pfn - 1) << PAGE_SHIFT)));
}

static void control_registers(struct ktest *t)
{
	KEXPECT_TRUE(t, read_cr0() & X86_CR0_WP);
	KEXPECT_TRUE(t, rdmsr(MSR_EFER) & BIT(11));		/* NXE */
	KEXPECT_TRUE(t, read_cr4() & X86_CR4_PGE);
}

/* SMEP/SMAP are on exactly when CPUID has them (tests/boots.py also boots
 * this suite with -cpu max, where both must be on). */
static void smep_smap_follow_cpuid(struct ktest *t)
{
	KEXPECT_EQ(t, !!(read_cr4() & X86_CR4_SMEP), cpu_has_smep());
	KEXPECT_EQ(t, !!(read_cr4() & X86_CR4_SMAP), cpu_has_smap());
}

KTEST_SUITE(kpgtable,
	KTEST_CASE(cr3_is_init_pml4),
	KTEST_CASE(text_is_rx),
	KTEST_CASE(rodata_is_ro_nx),
	KTEST_CASE(data_and_bss_are_rw_nx),
	KTEST_CASE(image_is_w_xor_x),
	KTEST_CASE(guard_pages_unmapped),
	KTEST_CASE(identity_map_gone),
	KTEST_CASE(direct_map_large_nx),
	KTEST_CASE(control_registers),
	KTEST_CASE(smep_smap_follow_cpuid));
