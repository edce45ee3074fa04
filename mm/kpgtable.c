/* mm/kpgtable.c — the kernel's page tables, built by the kernel itself.
 *
 * What boot.asm mapped (an identity GiB, a direct GiB, the image RWX) is
 * replaced by:
 *
 *   0xffff888000000000 + phys   every usable RAM range: RW, NX, global;
 *                               2 MiB pages where a range allows, else 4 KiB
 *   0xffffffff80000000 + phys   the image, section by section (linker.ld):
 *                                 .text            R X
 *                                 .rodata .ksyms   R   NX
 *                                 .data .bss       RW  NX
 *                                 .kstacks         RW  NX, guard pages absent
 *   everything else, including the low identity map: not present, so a
 *   NULL dereference faults.
 */
#include "mm/kpgtable.h"
#include "mm/page_alloc.h"
#include "kernel/multiboot.h"
#include "kernel/gdt.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "kernel/uaccess.h"


pte_t *init_pml4;

extern const char _text[], _etext[], _rodata[], _erodata[], _data[], _kernel_end[];

static void kmap_or_die(unsigned long va, phys_addr_t pa, size_t len, pgprot_t prot)
{
	if (map_range(init_pml4, va, pa, len, prot) < 0)
		panic("kpgtable: out of memory mapping %lx", va);
}

/* Map [start, end) of physical RAM at PAGE_OFFSET + phys, with 2 MiB pages
 * for every aligned 2 MiB inside the range and 4 KiB pages at its edges. */
static void map_direct_range(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t pa = ALIGN_UP(start, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	while (pa < end) {
		if (IS_ALIGNED(pa, PMD_SIZE) && pa + PMD_SIZE <= end) {
			int level;
			pte_t *pmd = pgtable_walk_level(init_pml4, (unsigned long)phys_to_virt(pa), 2,
							true, &level);
			if (!pmd || level != 2)
				panic("kpgtable: cannot map the direct map at %lx", pa);
			*pmd = __pte(pa | pgprot_val(PAGE_KERNEL_LARGE));
			pa += PMD_SIZE;
		} else {
			kmap_or_die((unsigned long)phys_to_virt(pa), pa, PAGE_SIZE, PAGE_KERNEL);
			pa += PAGE_SIZE;
		}
	}
}

/* Map [start, end) of the image with prot, leaving out stack guard pages. */
static void map_image_range(const char *start, const char *end, pgprot_t prot)
{
	for (unsigned long va = ALIGN_DOWN((unsigned long)start, PAGE_SIZE);
	     va < ALIGN_UP((unsigned long)end, PAGE_SIZE); va += PAGE_SIZE) {
		if (stack_guard_name(va))
			continue;		/* an overflow must fault here */
		kmap_or_die(va, va - KERNEL_VMA, PAGE_SIZE, prot);
	}
}

/* CPUID leaf 7 (structured extended features), EBX; 0 if the CPU has no leaf 7. */
static u32 cpuid7_ebx(void)
{
	u32 a, b, c, d;
	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return 0;
	cpuid(7, 0, &a, &b, &c, &d);
	return b;
}

bool cpu_has_smep(void)
{
	return cpuid7_ebx() & BIT(7);
}

bool cpu_has_smap(void)
{
	return cpuid7_ebx() & BIT(20);
}

void kpgtable_init(void)
{
	init_pml4 = alloc_pgtable();
	if (!init_pml4)
		panic("kpgtable: no memory for the PML4");

	/* Preallocate the upper half's PDPTs: every process's PML4 copies
	 * slots 256..511, so they must never change after this. */
	for (int i = USER_PGD_ENTRIES; i < PTRS_PER_TABLE; i++) {
		pte_t *pdpt = alloc_pgtable();
		if (!pdpt)
			panic("kpgtable: no memory for the kernel's PDPTs");
		init_pml4[i] = __pte(virt_to_phys(pdpt) | _KERNPG_TABLE);
	}

	for (int i = 0; i < boot_info.nr_regions; i++) {
		const struct mem_region *r = &boot_info.region[i];
		if (r->type == MB2_MEMORY_AVAILABLE)
			map_direct_range(r->base, r->base + r->len);
	}
	map_image_range(_text, _etext, PAGE_KERNEL_RX);
	map_image_range(_rodata, _erodata, PAGE_KERNEL_RO);
	map_image_range(_data, _kernel_end, PAGE_KERNEL);

	load_cr3(init_pml4);
	u64 cr4 = read_cr4() | X86_CR4_PGE;
	if (cpu_has_smep())
		cr4 |= X86_CR4_SMEP;	/* the kernel never runs user code */
	if (cpu_has_smap())
		cr4 |= X86_CR4_SMAP;	/* ... nor touches user data, but through uaccess */
	smap_enabled = cr4 & X86_CR4_SMAP;

	write_cr4(cr4);
	write_cr0(read_cr0() | X86_CR0_WP);	/* boot.asm set it; say so here too */
	flush_tlb_all();
}
