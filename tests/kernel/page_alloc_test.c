/* tests/kernel/page_alloc_test.c — suite `page_alloc` (mm/page_alloc.c),
 * and the manual suite `page_alloc_misuse`, whose cases must panic.
 *
 * `page_alloc`: every order from 0 to MAX_ORDER (the free count drops by
 * 2^order and comes back), blocks aligned to their size, the fields of a
 * fresh block, a split when the order-0 list is empty and the merge back,
 * two buddies merging into one block of the next order, the refcount
 * (get_page/put_page free at zero only), the zero page, alloc_zeroed_page,
 * the pfn/page/address conversions, orders above MAX_ORDER, the per-order
 * counts adding up to nr_free_pages(), the reserved ranges (pfn 0 and the
 * first MiB, the kernel image, mem_map itself, the boot information and
 * modules), and allocating every free frame — nr_free_pages() is then 0,
 * and every frame handed out is usable RAM outside those ranges — then
 * freeing them all; and the free blocks read from mem_map itself (aligned,
 * not overlapping, merged) agreeing with the free lists' counts.
 *
 * The buddy allocator's free state is canonical: a set of free frames has
 * exactly one decomposition into maximal aligned blocks, because freeing
 * always merges.  So after a case gives back everything it took, every
 * per-order count (nr_free_blocks) is what it was, and the cases check
 * that, not just the total.  To make a split happen on demand, a case
 * first takes every free block of an order ("drains" it).
 *
 * `page_alloc_misuse` (one boot each, tests/boots.py): freeing a block
 * twice, freeing a reserved frame (the zero page), and freeing a block as
 * the wrong order. */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/multiboot.h"
#include "mm/page_alloc.h"

extern const char _boot_start[], _kernel_end_phys[];	/* linker.ld: physical */

struct free_blocks {
	unsigned long n[MAX_ORDER + 1];		/* nr_free_blocks(order) */
};

static void snapshot(struct free_blocks *s)
{
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		s->n[o] = nr_free_blocks(o);
}

/* Every per-order count as in the snapshot; a failure names the order. */
static void expect_blocks(struct ktest *t, const struct free_blocks *s)
{
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		if (nr_free_blocks(o) != s->n[o]) {
			printk("    # order %u:\n", o);
			KEXPECT_EQ(t, nr_free_blocks(o), s->n[o]);
		}
}

/* Blocks a case holds, on a list through page->lru (the owner's to use). */
static LIST_HEAD(held);

static void hold(struct page *p)
{
	list_add(&p->lru, &held);
}

static void release_all(void)
{
	struct page *p, *n;
	list_for_each_entry_safe(p, n, &held, lru) {
		list_del(&p->lru);
		__free_pages(p, p->order);
	}
}

/* Take every free block of this order, so the next request splits. */
static void drain_order(unsigned int order)
{
	while (nr_free_blocks(order))
		hold(alloc_pages(order));
}

static void each_order(struct ktest *t)
{
	for (unsigned int o = 0; o <= MAX_ORDER; o++) {
		unsigned long free0 = nr_free_pages();
		struct page *p = alloc_pages(o);
		KASSERT_NOT_NULL(t, p);
		KEXPECT_EQ(t, nr_free_pages(), free0 - (1UL << o));
		KEXPECT_EQ(t, p->order, o);
		KEXPECT_EQ(t, page_count(p), 1);
		memset(page_address(p), 0x5a, PAGE_SIZE << o);	/* all of it is RAM */
		__free_pages(p, o);
		KEXPECT_EQ(t, nr_free_pages(), free0);
	}
}

static void block_alignment(struct ktest *t)
{
	for (unsigned int o = 0; o <= MAX_ORDER; o++) {
		for (int i = 0; i < 3; i++) {
			struct page *p = alloc_pages(o);
			KASSERT_NOT_NULL(t, p);
			hold(p);
			KEXPECT_TRUE(t, IS_ALIGNED(page_to_pfn(p), 1UL << o));
			KEXPECT_TRUE(t, IS_ALIGNED(page_to_phys(p), PAGE_SIZE << o));
		}
		release_all();
	}
}

/* A block comes back clean, whatever its last owner left in struct page. */
static void fresh_block_fields(struct ktest *t)
{
	struct page *p = alloc_pages(2);
	KASSERT_NOT_NULL(t, p);
	p->index = 1234;
	p->private = 7;
	p->flags |= PG_dirty;
	__free_pages(p, 2);
	p = alloc_pages(2);			/* LIFO free lists: very likely the same block */
	KASSERT_NOT_NULL(t, p);
	KEXPECT_EQ(t, p->flags, 0UL);
	KEXPECT_EQ(t, page_count(p), 1);
	KEXPECT_EQ(t, page_mapcount(p), 0);
	KEXPECT_NULL(t, p->mapping);
	KEXPECT_EQ(t, p->index, 0UL);
	KEXPECT_EQ(t, p->private, 0U);
	KEXPECT_EQ(t, p->order, 2U);
	__free_pages(p, 2);
}

/* With no order-0 block free, one frame splits the smallest bigger block:
 * one fewer of order k, one more of every order below it; freeing it
 * merges all the way back. */
static void split_and_merge(struct ktest *t)
{
	struct free_blocks before, drained;
	snapshot(&before);
	drain_order(0);
	snapshot(&drained);
	unsigned int k = 1;
	while (k <= MAX_ORDER && !drained.n[k])
		k++;
	KASSERT_LT(t, k, MAX_ORDER + 1U);

	struct page *p = alloc_page();
	KASSERT_NOT_NULL(t, p);
	KEXPECT_EQ(t, nr_free_blocks(k), drained.n[k] - 1);
	for (unsigned int o = 0; o < k; o++)
		KEXPECT_EQ(t, nr_free_blocks(o), drained.n[o] + 1);
	__free_page(p);
	expect_blocks(t, &drained);
	release_all();
	expect_blocks(t, &before);
}

/* Two buddies of order o, both freed, are one block of order o+1 again.
 * After the drain, the second request gets the first one's buddy: the
 * split put it at the head of the order-o list. */
static void buddy_merge(struct ktest *t)
{
	static const unsigned int orders[] = { 0, 1, 4, MAX_ORDER - 1 };
	for (size_t i = 0; i < ARRAY_SIZE(orders); i++) {
		unsigned int o = orders[i];
		struct free_blocks s;
		drain_order(o);
		snapshot(&s);
		struct page *a = alloc_pages(o), *b = alloc_pages(o);
		KASSERT_NOT_NULL(t, a);
		KASSERT_NOT_NULL(t, b);
		KEXPECT_EQ(t, page_to_pfn(b), page_to_pfn(a) ^ (1UL << o));
		__free_pages(a, o);			/* its buddy is in use: no merge */
		KEXPECT_EQ(t, nr_free_blocks(o), 1UL);
		KEXPECT_TRUE(t, a->flags & PG_buddy);
		KEXPECT_EQ(t, a->order, o);
		__free_pages(b, o);			/* now they merge */
		KEXPECT_EQ(t, nr_free_blocks(o), 0UL);
		KEXPECT_EQ(t, nr_free_blocks(o + 1), s.n[o + 1]);
		expect_blocks(t, &s);
		release_all();
	}
}

/* get_page/put_page: a block is freed when its last reference goes, and
 * not before. */
static void refcount(struct ktest *t)
{
	struct page *p = alloc_pages(3);
	KASSERT_NOT_NULL(t, p);
	unsigned long free0 = nr_free_pages();
	get_page(p);
	get_page(p);
	KEXPECT_EQ(t, page_count(p), 3);
	put_page(p);
	__free_pages(p, 3);			/* the same as put_page */
	KEXPECT_EQ(t, page_count(p), 1);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_FALSE(t, p->flags & PG_buddy);
	put_page(p);				/* the last one: freed, with p->order */
	KEXPECT_EQ(t, page_count(p), 0);
	KEXPECT_EQ(t, nr_free_pages(), free0 + 8);
}

static bool page_is_zero(const struct page *p)
{
	const u64 *w = page_address(p);
	for (size_t i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		if (w[i])
			return false;
	return true;
}

static void zero_page_is_zero_and_reserved(struct ktest *t)
{
	KASSERT_NOT_NULL(t, zero_page);
	KEXPECT_TRUE(t, PageReserved(zero_page));
	KEXPECT_FALSE(t, zero_page->flags & PG_buddy);
	KEXPECT_GE(t, page_count(zero_page), 1);
	KEXPECT_EQ(t, zero_pfn(), page_to_pfn(zero_page));
	KEXPECT_TRUE(t, page_is_zero(zero_page));
}

/* Dirty some frames, free them, and ask for zeroed ones: the LIFO free
 * list hands the same frames back, which must now be zeros. */
static void alloc_zeroed(struct ktest *t)
{
	for (int i = 0; i < 8; i++) {
		struct page *p = alloc_page();
		KASSERT_NOT_NULL(t, p);
		memset(page_address(p), 0xff, PAGE_SIZE);
		hold(p);
	}
	release_all();
	for (int i = 0; i < 8; i++) {
		struct page *p = alloc_zeroed_page();
		KASSERT_NOT_NULL(t, p);
		hold(p);
		KEXPECT_TRUE(t, page_is_zero(p));
		KEXPECT_EQ(t, p->order, 0U);
	}
	release_all();
}

static void address_round_trips(struct ktest *t)
{
	struct page *p = alloc_pages(3);
	KASSERT_NOT_NULL(t, p);
	unsigned long pfn = page_to_pfn(p);
	char *va = page_address(p);

	KEXPECT_EQ(t, pfn_to_page(pfn), p);
	KEXPECT_TRUE(t, pfn_valid(pfn));
	KEXPECT_EQ(t, page_to_phys(p), pfn << PAGE_SHIFT);
	KEXPECT_EQ(t, (unsigned long)va, PAGE_OFFSET + (pfn << PAGE_SHIFT));
	KEXPECT_EQ(t, virt_to_phys(va), page_to_phys(p));
	KEXPECT_EQ(t, phys_to_virt(page_to_phys(p)), va);
	KEXPECT_EQ(t, virt_to_page(va), p);
	KEXPECT_EQ(t, virt_to_page(va + PAGE_SIZE - 1), p);	/* any byte of the frame */
	KEXPECT_EQ(t, virt_to_page(va + 5 * PAGE_SIZE + 17), p + 5);
	KEXPECT_EQ(t, page_address(p + 7), va + 7 * PAGE_SIZE);
	KEXPECT_FALSE(t, pfn_valid(max_pfn));
	__free_pages(p, 3);

	/* an address in the kernel image: its frame is the image's, reserved */
	struct page *img = virt_to_page(&held);
	KEXPECT_GE(t, page_to_phys(img), (phys_addr_t)_boot_start);
	KEXPECT_LT(t, page_to_phys(img), (phys_addr_t)_kernel_end_phys);
	KEXPECT_TRUE(t, PageReserved(img));
}

static void order_too_big(struct ktest *t)
{
	unsigned long free0 = nr_free_pages();
	KEXPECT_NULL(t, alloc_pages(MAX_ORDER + 1));
	KEXPECT_NULL(t, alloc_pages(31));
	KEXPECT_NULL(t, alloc_pages(~0u));
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

static unsigned long frames_in_free_lists(void)
{
	unsigned long sum = 0;
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		sum += nr_free_blocks(o) << o;
	return sum;
}

/* nr_free_pages() is the frames in the free lists, before and while
 * blocks of several orders are out. */
static void free_counts_agree(struct ktest *t)
{
	KEXPECT_EQ(t, frames_in_free_lists(), nr_free_pages());
	KEXPECT_LE(t, nr_free_pages(), nr_managed_pages());
	for (unsigned int o = 0; o <= MAX_ORDER; o += 3) {
		struct page *p = alloc_pages(o);
		KASSERT_NOT_NULL(t, p);
		hold(p);
		KEXPECT_EQ(t, frames_in_free_lists(), nr_free_pages());
	}
	release_all();
	KEXPECT_EQ(t, frames_in_free_lists(), nr_free_pages());
}

/* Physical memory in use before the allocator existed, which it must
 * never hand out: pfn 0 and the rest of the first MiB (BIOS data, ROMs),
 * the kernel image, mem_map itself, the multiboot2 block, the modules. */
struct phys_range {
	phys_addr_t start, end;
	const char *what;
};
static struct phys_range keep_out[4 + BOOT_MAX_MODULES];

static int keep_out_ranges(void)
{
	int n = 0;
	keep_out[n++] = (struct phys_range){ 0, 0x100000, "the first MiB" };
	keep_out[n++] = (struct phys_range){ (phys_addr_t)_boot_start,
					     (phys_addr_t)_kernel_end_phys, "the kernel image" };
	keep_out[n++] = (struct phys_range){ virt_to_phys(mem_map),
					     virt_to_phys(mem_map + max_pfn), "mem_map" };
	keep_out[n++] = (struct phys_range){ boot_info.mbi_phys,
					     boot_info.mbi_phys + boot_info.mbi_size, "multiboot2 info" };
	for (int i = 0; i < boot_info.nr_modules; i++)
		keep_out[n++] = (struct phys_range){ boot_info.module[i].start,
						     boot_info.module[i].end, "a module" };
	return n;
}

/* The frames of the ranges above are PG_reserved, and so is the zero
 * page.  Every other frame that is RAM is managed: the unreserved frames
 * are exactly nr_managed_pages(). */
static void reserved_ranges(struct ktest *t)
{
	int n = keep_out_ranges();
	for (int i = 0; i < n; i++) {
		unsigned long bad = 0;
		for (phys_addr_t a = ALIGN_DOWN(keep_out[i].start, PAGE_SIZE); a < keep_out[i].end;
		     a += PAGE_SIZE)
			bad += !PageReserved(pfn_to_page(a >> PAGE_SHIFT));
		if (bad)
			printk("    # %lu frames of %s are not reserved\n", bad, keep_out[i].what);
		KEXPECT_EQ(t, bad, 0UL);
	}
	KEXPECT_TRUE(t, PageReserved(pfn_to_page(0)));
	KEXPECT_TRUE(t, PageReserved(zero_page));

	unsigned long unreserved = 0;
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++)
		unreserved += !PageReserved(pfn_to_page(pfn));
	KEXPECT_EQ(t, unreserved, nr_managed_pages());
}

/* Is the frame at pa usable RAM in the boot memory map? */
static bool usable_ram(phys_addr_t pa)
{
	for (int i = 0; i < boot_info.nr_regions; i++) {
		const struct mem_region *r = &boot_info.region[i];
		if (r->type == MB2_MEMORY_AVAILABLE && pa >= r->base && pa + PAGE_SIZE <= r->base + r->len)
			return true;
	}
	return false;
}

/* May an allocation return this frame?  Only RAM, outside keep_out[]
 * (filled by keep_out_ranges), and never the zero page. */
static bool allowed_pfn(unsigned long pfn, int nr_keep_out)
{
	phys_addr_t pa = pfn << PAGE_SHIFT;
	for (int i = 0; i < nr_keep_out; i++)
		if (pa + PAGE_SIZE > keep_out[i].start && pa < keep_out[i].end)
			return false;
	return pfn != zero_pfn() && usable_ram(pa);
}

/* Take every free frame, biggest blocks first (a few hundred calls, not
 * 60000), until even order 0 says NULL; nothing taken may be reserved.
 * Then give it all back: every per-order count returns. */
static void exhaustion_and_recovery(struct ktest *t)
{
	unsigned long free0 = nr_free_pages(), taken = 0, bad = 0;
	int nr_keep_out = keep_out_ranges();
	struct free_blocks before;
	snapshot(&before);

	for (int o = MAX_ORDER; o >= 0; o--) {
		struct page *p;
		while ((p = alloc_pages(o)) != NULL) {
			hold(p);
			taken += 1UL << o;
			for (unsigned long i = 0; i < (1UL << o); i++)
				bad += !allowed_pfn(page_to_pfn(p) + i, nr_keep_out);
		}
	}
	KEXPECT_EQ(t, nr_free_pages(), 0UL);
	KEXPECT_EQ(t, taken, free0);
	KEXPECT_EQ(t, bad, 0UL);
	KEXPECT_NULL(t, alloc_page());
	KEXPECT_NULL(t, alloc_zeroed_page());
	KEXPECT_NULL(t, alloc_pages(MAX_ORDER));
	release_all();
	KEXPECT_EQ(t, nr_free_pages(), free0);
	expect_blocks(t, &before);
}

static void free_by_address(struct ktest *t)
{
	unsigned long free0 = nr_free_pages();
	struct page *p = alloc_pages(2);
	KASSERT_NOT_NULL(t, p);
	free_pages(page_address(p), 2);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, page_count(p), 0);
}

/* The free blocks as mem_map shows them, not as the free lists count them:
 * walking the frames, each PG_buddy head starts a block aligned to its
 * order, none of whose other frames is a head (a frame freed twice, or two
 * blocks overlapping), reserved or referenced; no block's buddy is a free
 * block of its order (freeing merges); the blocks per order are
 * nr_free_blocks, in all nr_free_pages.  The boot frees RAM in whole
 * MAX_ORDER blocks (free_pfn_range), so there are some of those. */
static void free_blocks_match_mem_map(struct ktest *t)
{
	struct free_blocks seen = { 0 };
	unsigned long frames = 0, misaligned = 0, inside = 0, unmerged = 0;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *p = pfn_to_page(pfn);
		if (!(p->flags & PG_buddy))
			continue;
		unsigned long n = 1UL << p->order;
		if (p->order > MAX_ORDER || pfn % n || pfn + n > max_pfn) {
			misaligned++;
			continue;
		}
		seen.n[p->order]++;
		frames += n;
		for (unsigned long i = 1; i < n; i++) {
			const struct page *q = p + i;
			inside += (q->flags & (PG_buddy | PG_reserved)) || q->refcount;
		}
		unsigned long buddy = pfn ^ n;
		if (p->order < MAX_ORDER && buddy < max_pfn &&
		    (pfn_to_page(buddy)->flags & PG_buddy) && pfn_to_page(buddy)->order == p->order)
			unmerged++;
		pfn += n - 1;			/* the next frame after the block */
	}
	KEXPECT_EQ(t, misaligned, 0UL);
	KEXPECT_EQ(t, inside, 0UL);
	KEXPECT_EQ(t, unmerged, 0UL);
	KEXPECT_EQ(t, frames, nr_free_pages());
	expect_blocks(t, &seen);
	KEXPECT_TRUE(t, nr_free_blocks(MAX_ORDER) > 0);
}

KTEST_SUITE(page_alloc,
	KTEST_CASE(each_order),
	KTEST_CASE(block_alignment),
	KTEST_CASE(fresh_block_fields),
	KTEST_CASE(split_and_merge),
	KTEST_CASE(buddy_merge),
	KTEST_CASE(refcount),
	KTEST_CASE(zero_page_is_zero_and_reserved),
	KTEST_CASE(alloc_zeroed),
	KTEST_CASE(address_round_trips),
	KTEST_CASE(order_too_big),
	KTEST_CASE(free_counts_agree),
	KTEST_CASE(reserved_ranges),
	KTEST_CASE(exhaustion_and_recovery),
	KTEST_CASE(free_by_address),
	KTEST_CASE(free_blocks_match_mem_map));

/* --- page_alloc_misuse: each case must end in the allocator's panic.  The
 * check after the misuse keeps the call from being a tail call, so the
 * backtrace names the case. */

static void double_free(struct ktest *t)
{
	struct page *p = alloc_page();
	__free_page(p);
	__free_page(p);
	KEXPECT_TRUE(t, !"survived a double free");
}

static void free_reserved(struct ktest *t)
{
	put_page(zero_page);
	KEXPECT_TRUE(t, !"survived freeing the zero page");
}

static void wrong_order(struct ktest *t)
{
	struct page *p = alloc_pages(2);
	__free_pages(p, 1);
	KEXPECT_TRUE(t, !"survived freeing an order-2 block as order 1");
}

KTEST_MANUAL_SUITE(page_alloc_misuse,
	KTEST_CASE(double_free),
	KTEST_CASE(free_reserved),
	KTEST_CASE(wrong_order));
