/* mm/page_alloc.c — mem_map and the buddy allocator (see page_alloc.h).
 *
 * A block of order k is 2^k frames whose first pfn is a multiple of 2^k.
 * Its buddy is the other half of the order-(k+1) block that contains it:
 *
 *	pfn:     0   1   2   3   4   5   6   7
 *	order 0 [a] [b] [c] [d] [e] [f] [g] [h]   buddy of pfn p: p ^ 1
 *	order 1 [a b] [c d] [e f] [g h]           buddy of pfn p: p ^ 2
 *	order 2 [a b c d] [e f g h]               buddy of pfn p: p ^ 4
 *
 * Allocation takes the smallest free block that fits and splits it, putting
 * the unused halves back; freeing merges with the buddy while it is free. */
#include "mm/page_alloc.h"
#include "kernel/multiboot.h"
#include "kernel/panic.h"
#include "kernel/string.h"

struct page *mem_map;
unsigned long max_pfn;
struct page *zero_page;
unsigned long zero_page_pfn;

static struct free_area {
	struct list_head free_list;	/* heads of free blocks of this order */
	unsigned long nr_free;		/* blocks in the list */
} free_area[MAX_ORDER + 1];

static unsigned long free_count;	/* free frames, all orders */
static unsigned long managed_count;	/* frames given to the allocator */

/* Physical ranges in use before the allocator exists: never freed. */
struct phys_range {
	phys_addr_t start, end;
};
static struct phys_range reserved[4 + BOOT_MAX_MODULES];
static int nr_reserved;
static const struct boot_info *boot;
static phys_addr_t early_limit;		/* RAM above it is freed late */

#define LOW_MEMORY_END	0x100000UL	/* below 1 MiB: BIOS data, EBDA, ROMs */

extern const char _boot_start[], _kernel_end_phys[];

static void reserve(phys_addr_t start, phys_addr_t end)
{
	if (nr_reserved == ARRAY_SIZE(reserved))
		panic("page_alloc: too many reserved ranges");
	reserved[nr_reserved++] = (struct phys_range){ ALIGN_DOWN(start, PAGE_SIZE),
						       ALIGN_UP(end, PAGE_SIZE) };
}

static bool overlaps_reserved(phys_addr_t start, phys_addr_t end)
{
	for (int i = 0; i < nr_reserved; i++)
		if (start < reserved[i].end && reserved[i].start < end)
			return true;
	return false;
}

/* The lowest page-aligned place of `size` bytes in usable RAM below limit
 * that touches no reserved range: where mem_map goes. */
static phys_addr_t find_free_range(const struct boot_info *bi, size_t size, phys_addr_t limit)
{
	for (int pass = 0; pass <= nr_reserved; pass++) {
		/* candidates: the end of each reserved range, or 1 MiB */
		phys_addr_t c = pass < nr_reserved ? reserved[pass].end : LOW_MEMORY_END;
		for (int i = 0; i < bi->nr_regions; i++) {
			const struct mem_region *r = &bi->region[i];
			if (r->type != MB2_MEMORY_AVAILABLE)
				continue;
			if (c >= r->base && c + size <= r->base + r->len && c + size <= limit &&
			    !overlaps_reserved(c, c + size))
				return c;
		}
	}
	panic("page_alloc: no room for mem_map (%zu bytes) below %lx", size, limit);
}

/* Put the block at pfn on its free list, merging with free buddies. */
static void free_block(unsigned long pfn, unsigned int order)
{
	while (order < MAX_ORDER) {
		unsigned long buddy = pfn ^ (1UL << order);
		struct page *b = pfn_to_page(buddy);
		if (buddy >= max_pfn || !(b->flags & PG_buddy) || b->order != order)
			break;
		list_del(&b->lru);
		b->flags &= ~PG_buddy;
		free_area[order].nr_free--;
		pfn &= ~(1UL << order);		/* the merged block starts at the lower half */
		order++;
	}
	struct page *p = pfn_to_page(pfn);
	p->flags |= PG_buddy;
	p->order = order;
	list_add(&p->lru, &free_area[order].free_list);
	free_area[order].nr_free++;
}

struct page *alloc_pages(unsigned int order)
{
	unsigned int o = order;

	if (order > MAX_ORDER)
		return NULL;
	while (o <= MAX_ORDER && list_empty(&free_area[o].free_list))
		o++;
	if (o > MAX_ORDER)
		return NULL;			/* out of memory: the caller decides */
	struct page *page = list_first_entry(&free_area[o].free_list, struct page, lru);
	list_del(&page->lru);
	free_area[o].nr_free--;
	while (o > order) {			/* split: the upper half goes back */
		o--;
		struct page *half = page + (1UL << o);
		half->flags = PG_buddy;
		half->order = o;
		list_add(&half->lru, &free_area[o].free_list);
		free_area[o].nr_free++;
	}
	page->flags = 0;
	page->refcount = 1;
	page->mapcount = 0;
	page->mapping = NULL;
	page->index = 0;
	page->order = order;
	page->private = 0;
	free_count -= 1UL << order;
	return page;
}

struct page *alloc_page(void)
{
	return alloc_pages(0);
}

struct page *alloc_zeroed_page(void)
{
	struct page *p = alloc_pages(0);
	if (p)
		clear_page(page_address(p));
	return p;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (!pfn_valid(pfn))
		panic("free_pages: pfn %lx is not RAM (max_pfn %lx)", pfn, max_pfn);
	if (page->flags & PG_reserved)
		panic("free_pages: pfn %lx is reserved", pfn);
	if ((page->flags & PG_buddy) || page->refcount <= 0)
		panic("free_pages: double free of pfn %lx (order %u, refcount %d)", pfn, order,
		      page->refcount);
	if (--page->refcount)
		return;
	if (order != page->order)
		panic("free_pages: pfn %lx freed as order %u, allocated as order %u", pfn, order,
		      page->order);
	if (page->mapcount)
		panic("free_pages: pfn %lx freed while mapped (mapcount %d)", pfn, page->mapcount);
	page->flags = 0;
	page->mapping = NULL;
	free_count += 1UL << order;
	free_block(pfn, order);
}

void __free_page(struct page *page)
{
	__free_pages(page, 0);
}

void free_pages(void *addr, unsigned int order)
{
	__free_pages(virt_to_page(addr), order);
}

void put_page(struct page *p)
{
	__free_pages(p, p->order);
}

unsigned long nr_free_pages(void)
{
	return free_count;
}

unsigned long nr_free_blocks(unsigned int order)
{
	return order <= MAX_ORDER ? free_area[order].nr_free : 0;
}

unsigned long nr_managed_pages(void)
{
	return managed_count;
}

/* The reserved range overlapping [start, end) that starts lowest, or NULL. */
static const struct phys_range *first_reserved_in(phys_addr_t start, phys_addr_t end)
{
	const struct phys_range *first = NULL;
	for (int i = 0; i < nr_reserved; i++)
		if (start < reserved[i].end && reserved[i].start < end &&
		    (!first || reserved[i].start < first->start))
			first = &reserved[i];
	return first;
}

/* Give the frames [start, end) (usable RAM, none reserved) to the buddy
 * allocator in the largest aligned blocks that fit, as Linux's
 * memblock_free_all -> __free_pages_core does at MAX_ORDER: a 256 MiB
 * machine is 64 blocks of 4 MiB, not 65536 frees of one page that merge
 * up ten levels each (7.9 M instructions of the boot). */
static void free_pfn_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		/* the largest order start is aligned to, then small enough to fit */
		unsigned int order = start ? MIN((unsigned int)__builtin_ctzl(start), MAX_ORDER)
					   : MAX_ORDER;
		while (start + (1UL << order) > end)
			order--;
		for (unsigned long pfn = start; pfn < start + (1UL << order); pfn++) {
			mem_map[pfn].flags = 0;		/* not PG_reserved any more */
			mem_map[pfn].refcount = 0;
		}
		managed_count += 1UL << order;
		free_count += 1UL << order;
		free_block(start, order);	/* merges with a free buddy, if any */
		start += 1UL << order;
	}
}

/* Give the usable, unreserved frames of [lo, hi) to the buddy allocator:
 * each usable region, cut around the reserved ranges inside it. */
static void free_usable_range(phys_addr_t lo, phys_addr_t hi)
{
	for (int i = 0; i < boot->nr_regions; i++) {
		const struct mem_region *r = &boot->region[i];
		if (r->type != MB2_MEMORY_AVAILABLE)
			continue;
		phys_addr_t s = MAX(ALIGN_UP(r->base, PAGE_SIZE), lo);
		phys_addr_t e = MIN(ALIGN_DOWN(r->base + r->len, PAGE_SIZE), hi);
		while (s < e) {
			const struct phys_range *res = first_reserved_in(s, e);
			phys_addr_t stop = res ? MAX(res->start, s) : e;	/* free up to it */
			free_pfn_range(s >> PAGE_SHIFT, stop >> PAGE_SHIFT);
			if (!res)
				break;
			s = res->end;		/* page-aligned (reserve()) */
		}
	}
}

void page_alloc_init(const struct boot_info *bi, phys_addr_t limit)
{
	boot = bi;
	early_limit = MIN(limit, bi->mem_top);
	max_pfn = bi->mem_top >> PAGE_SHIFT;
	for (int o = 0; o <= MAX_ORDER; o++)
		INIT_LIST_HEAD(&free_area[o].free_list);

	reserve(0, LOW_MEMORY_END);
	reserve((phys_addr_t)_boot_start, (phys_addr_t)_kernel_end_phys);	/* both physical */
	reserve(bi->mbi_phys, bi->mbi_phys + bi->mbi_size);
	for (int i = 0; i < bi->nr_modules; i++)
		reserve(bi->module[i].start, bi->module[i].end);

	size_t size = ALIGN_UP(max_pfn * sizeof(struct page), PAGE_SIZE);
	phys_addr_t at = find_free_range(bi, size, early_limit);
	reserve(at, at + size);
	mem_map = phys_to_virt(at);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)	/* all reserved ... */
		mem_map[pfn] = (struct page){ .flags = PG_reserved, .refcount = 1 };
	free_usable_range(0, early_limit);			/* ... but free RAM */

	zero_page = alloc_zeroed_page();
	if (!zero_page)
		panic("page_alloc: no memory for the zero page");
	zero_page->flags |= PG_reserved;	/* shared by everyone, never freed */
	zero_page_pfn = page_to_pfn(zero_page);
	managed_count--;
}

void page_alloc_init_late(void)
{
	if (early_limit < boot->mem_top)
		free_usable_range(early_limit, boot->mem_top);
	early_limit = boot->mem_top;
}
