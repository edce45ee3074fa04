/* tests/kernel/kmalloc_test.c — suite `kmalloc` (mm/kmalloc.c), and the
 * manual suite `kmalloc_misuse`, whose cases must panic.
 *
 * `kmalloc`: every size class (the size it rounds to, PG_slab, the class
 * index in page->private), alignment to the class size, objects that do
 * not overlap (each filled with its own pattern, all checked afterwards),
 * the lowest free slot reused first, the number of objects a page holds
 * (the layout drawn at the top of kmalloc.c), a slab page going back to the
 * buddy allocator the moment its last object is freed, poisoning of freed
 * objects, large allocations (orders, sizes just above 2048, 4096 and
 * 8192), the largest size and sizes beyond it (NULL, no panic), large
 * allocations until memory runs out, kzalloc, ksize, kmalloc(0), the
 * byte counter, and 2000 objects of mixed sizes freed in another order.
 *
 * Other code may hold objects of some class already (partial pages we do
 * not know of), so the page-level cases first allocate until an object
 * lands on a page of their own (alloc_until_new_slab) and reason about
 * that page only.  Every case gives back all it took: the runner checks
 * the free-frame count after the suite.
 *
 * `kmalloc_misuse` (one boot each, tests/boots.py): a double free (caught
 * by the bitmap), a double free whose first free emptied the page (caught
 * because the page is free), a pointer into the kernel image, a pointer into the middle of an object,
 * a page from alloc_page() that kmalloc never owned, and a pointer past
 * the first page of a large allocation. */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define NR_CLASSES	8
#define NR_OBJS		2000

static const size_t class_size[NR_CLASSES] = { 16, 32, 64, 128, 256, 512, 1024, 2048 };
/* objects per slab page: the in-page bitmap takes 2 slots of class 16, 1 of class 32 */
static const unsigned int per_page[NR_CLASSES] = { 254, 127, 64, 32, 16, 8, 4, 2 };

static void *objs[NR_OBJS];		/* 16 KiB: not on the 16 KiB boot stack */
static size_t objs_size[NR_OBJS];

/* Allocate objects of `size` into objs[from..] until one lands on a slab
 * page that was not there before; returns how many were allocated (the
 * last one is the first object of the new page), or -1 if it never came. */
static int alloc_until_new_slab(size_t size, int from)
{
	for (int i = from; i < NR_OBJS; i++) {
		unsigned long pages = kmalloc_slab_pages();
		objs[i] = kmalloc(size);
		if (!objs[i])
			return -1;
		if (kmalloc_slab_pages() != pages)
			return i - from + 1;
	}
	return -1;
}

static void free_objs(int from, int to)
{
	for (int i = from; i < to; i++)
		kfree(objs[i]);
}

static void size_classes(struct ktest *t)
{
	for (int i = 0; i < NR_CLASSES; i++) {
		size_t sizes[] = { class_size[i] / 2 + 1, class_size[i] - 1, class_size[i] };
		for (int j = 0; j < 3; j++) {
			void *p = kmalloc(sizes[j]);
			KASSERT_NOT_NULL(t, p);
			struct page *page = virt_to_page(p);
			KEXPECT_EQ(t, ksize(p), class_size[i]);
			KEXPECT_TRUE(t, page->flags & PG_slab);
			KEXPECT_FALSE(t, page->flags & PG_large_kmalloc);
			KEXPECT_EQ(t, page->private, (unsigned int)i);
			kfree(p);
		}
	}
	void *p = kmalloc(1);			/* the smallest size: the smallest class */
	KASSERT_NOT_NULL(t, p);
	KEXPECT_EQ(t, ksize(p), 16UL);
	kfree(p);
}

static void alignment(struct ktest *t)
{
	for (int i = 0; i < NR_CLASSES; i++) {
		for (int n = 0; n < 40; n++) {
			objs[n] = kmalloc(class_size[i] - 3);
			KASSERT_NOT_NULL(t, objs[n]);
			KEXPECT_TRUE(t, IS_ALIGNED((unsigned long)objs[n], class_size[i]));
		}
		free_objs(0, 40);
	}
	void *p = kmalloc(3000);
	KASSERT_NOT_NULL(t, p);
	KEXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
	kfree(p);
}

/* Fill each object with its own byte, then check every one: two objects
 * that overlap would have overwritten each other. */
static void distinct_objects(struct ktest *t)
{
	for (int i = 0; i < NR_CLASSES; i++) {
		int n = 2 * per_page[i] + 1;		/* spans three pages at least */
		for (int k = 0; k < n; k++) {
			objs[k] = kmalloc(class_size[i]);
			KASSERT_NOT_NULL(t, objs[k]);
			memset(objs[k], k * 7 + 1, class_size[i]);
		}
		for (int k = 0; k < n; k++) {
			const u8 *b = objs[k];
			for (size_t off = 0; off < class_size[i]; off++)
				if (b[off] != (u8)(k * 7 + 1)) {
					KEXPECT_EQ(t, b[off], (u8)(k * 7 + 1));
					break;
				}
		}
		free_objs(0, n);
	}
}

/* kmalloc hands out the lowest free slot of the first partial page, and a
 * page with a freed slot is that page. */
static void reuse_after_free(struct ktest *t)
{
	void *keep = kmalloc(64);		/* keeps the page from going back */
	void *p = kmalloc(64);
	KASSERT_NOT_NULL(t, keep);
	KASSERT_NOT_NULL(t, p);
	kfree(p);
	void *q = kmalloc(64);
	KEXPECT_EQ(t, q, p);
	void *r = kmalloc(64);
	KEXPECT_NE(t, r, q);
	kfree(q);
	kfree(r);
	kfree(keep);
}

/* The layout at the top of kmalloc.c: how many objects one page holds. */
static void objects_per_page(struct ktest *t)
{
	for (int i = 0; i < NR_CLASSES; i++) {
		int before = alloc_until_new_slab(class_size[i], 0);
		KASSERT_GE(t, before, 1);
		int more = alloc_until_new_slab(class_size[i], before);
		KASSERT_GE(t, more, 1);
		/* the first page's objects: the last of `before` and all of `more` but one */
		KEXPECT_EQ(t, more, (int)per_page[i]);
		free_objs(0, before + more);
	}
}

/* A page whose last object is freed goes back to the buddy allocator at
 * once, and not a moment before. */
static void slab_page_returned(struct ktest *t)
{
	unsigned long free0 = nr_free_pages(), slabs0 = kmalloc_slab_pages();
	unsigned long bytes0 = kmalloc_bytes_in_use();

	int before = alloc_until_new_slab(256, 0);	/* objs[before - 1] is on page P */
	KASSERT_GE(t, before, 1);
	KEXPECT_EQ(t, nr_free_pages(), free0 - 1);
	KEXPECT_EQ(t, kmalloc_slab_pages(), slabs0 + 1);
	int more = alloc_until_new_slab(256, before);	/* fills P; the last is on page Q */
	KASSERT_EQ(t, more, 16);
	KEXPECT_EQ(t, nr_free_pages(), free0 - 2);
	kfree(objs[before + more - 1]);			/* Q's only object: Q goes back */
	KEXPECT_EQ(t, nr_free_pages(), free0 - 1);
	KEXPECT_EQ(t, kmalloc_slab_pages(), slabs0 + 1);
	for (int k = before - 1; k < before + more - 1; k++) {	/* P's 16 objects */
		kfree(objs[k]);
		unsigned long want = k < before + more - 2 ? free0 - 1 : free0;
		KEXPECT_EQ(t, nr_free_pages(), want);
	}
	KEXPECT_EQ(t, kmalloc_slab_pages(), slabs0);
	free_objs(0, before - 1);			/* on pages that were there before */
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0);
}

/* A freed object is filled with 0x6b (POISON_FREE), so a use after free
 * is easy to spot.  Reading freed memory is this test's job only. */
static void freed_object_poisoned(struct ktest *t)
{
	void *keep = kmalloc(128);		/* the page stays, so p's bytes can be read */
	u8 *p = kmalloc(128);
	KASSERT_NOT_NULL(t, keep);
	KASSERT_NOT_NULL(t, p);
	memset(p, 0, 128);
	kfree(p);
	for (int i = 0; i < 128; i++)
		if (p[i] != 0x6b) {
			KEXPECT_EQ(t, p[i], 0x6b);
			break;
		}
	kfree(keep);
}

static void large_sizes(struct ktest *t)
{
	static const struct { size_t size; unsigned int order; } cases[] = {
		{ 2049, 0 }, { 4095, 0 }, { 4096, 0 }, { 4097, 1 }, { 8192, 1 }, { 8193, 2 },
		{ 100000, 5 }, { (PAGE_SIZE << 7) + 1, 8 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long free0 = nr_free_pages();
		u8 *p = kmalloc(cases[i].size);
		KASSERT_NOT_NULL(t, p);
		struct page *page = virt_to_page(p);
		KEXPECT_TRUE(t, page->flags & PG_large_kmalloc);
		KEXPECT_FALSE(t, page->flags & PG_slab);
		KEXPECT_EQ(t, page->order, cases[i].order);
		KEXPECT_TRUE(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
		KEXPECT_EQ(t, ksize(p), PAGE_SIZE << cases[i].order);
		KEXPECT_EQ(t, nr_free_pages(), free0 - (1UL << cases[i].order));
		memset(p, 0xa5, ksize(p));		/* every byte is there */
		KEXPECT_EQ(t, p[ksize(p) - 1], 0xa5);
		kfree(p);
		KEXPECT_EQ(t, nr_free_pages(), free0);
	}
}

/* KMALLOC_MAX_SIZE is one MAX_ORDER block; anything bigger is NULL. */
static void largest_and_beyond(struct ktest *t)
{
	unsigned long free0 = nr_free_pages(), bytes0 = kmalloc_bytes_in_use();
	void *p = kmalloc(KMALLOC_MAX_SIZE);
	KASSERT_NOT_NULL(t, p);
	KEXPECT_EQ(t, virt_to_page(p)->order, (unsigned int)MAX_ORDER);
	KEXPECT_EQ(t, ksize(p), KMALLOC_MAX_SIZE);
	kfree(p);
	KEXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE + 1));
	KEXPECT_NULL(t, kmalloc(1UL << 40));
	KEXPECT_NULL(t, kmalloc(SIZE_MAX));
	KEXPECT_NULL(t, kzalloc(SIZE_MAX));
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0);
}

/* Take 4 MiB blocks until there are none: kmalloc says NULL and the
 * kernel goes on; giving them back restores everything. */
static void large_until_null(struct ktest *t)
{
	unsigned long free0 = nr_free_pages();
	int n = 0;
	while (n < NR_OBJS && (objs[n] = kmalloc(KMALLOC_MAX_SIZE)) != NULL)
		n++;
	KEXPECT_GE(t, n, 1);
	KASSERT_LT(t, n, NR_OBJS);			/* more than 8 GiB of RAM? */
	KEXPECT_EQ(t, nr_free_blocks(MAX_ORDER), 0UL);
	KEXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE));
	KEXPECT_EQ(t, nr_free_pages(), free0 - ((unsigned long)n << MAX_ORDER));
	unsigned long left = nr_free_pages();		/* in blocks below MAX_ORDER */
	void *small = kmalloc(100);
	if (left)
		KEXPECT_TRUE(t, small != NULL);
	kfree(small);
	free_objs(0, n);
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

static bool all_zero(const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* kzalloc zeroes all of ksize(), even where the last owner left bytes. */
static void kzalloc_zeroes(struct ktest *t)
{
	void *keep = kmalloc(200);
	u8 *p = kmalloc(200);
	KASSERT_NOT_NULL(t, keep);
	KASSERT_NOT_NULL(t, p);
	memset(p, 0xa5, ksize(p));
	kfree(p);
	u8 *q = kzalloc(200);
	KASSERT_NOT_NULL(t, q);
	KEXPECT_EQ(t, q, p);				/* the same slot: the test means something */
	KEXPECT_TRUE(t, all_zero(q, ksize(q)));
	kfree(q);
	kfree(keep);

	u8 *big = kmalloc(3 * PAGE_SIZE);
	KASSERT_NOT_NULL(t, big);
	memset(big, 0xa5, ksize(big));
	kfree(big);
	big = kzalloc(3 * PAGE_SIZE);
	KASSERT_NOT_NULL(t, big);
	KEXPECT_EQ(t, ksize(big), 4 * PAGE_SIZE);
	KEXPECT_TRUE(t, all_zero(big, ksize(big)));
	kfree(big);
}

static void ksize_rounding(struct ktest *t)
{
	static const struct { size_t size, ksize; } cases[] = {
		{ 1, 16 }, { 15, 16 }, { 16, 16 }, { 17, 32 }, { 100, 128 }, { 129, 256 },
		{ 1000, 1024 }, { 2047, 2048 }, { 2048, 2048 }, { 2049, 4096 },
		{ 4096, 4096 }, { 4097, 8192 }, { 65536, 65536 }, { 65537, 131072 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		void *p = kmalloc(cases[i].size);
		KASSERT_NOT_NULL(t, p);
		KEXPECT_EQ(t, ksize(p), cases[i].ksize);
		kfree(p);
	}
	KEXPECT_EQ(t, ksize(NULL), 0UL);
}

/* kmalloc(0) is NULL here (Linux: ZERO_SIZE_PTR); kfree(NULL) is nothing. */
static void zero_size_and_null(struct ktest *t)
{
	unsigned long free0 = nr_free_pages(), bytes0 = kmalloc_bytes_in_use();
	KEXPECT_NULL(t, kmalloc(0));
	KEXPECT_NULL(t, kzalloc(0));
	kfree(NULL);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0);
}

static void bytes_in_use(struct ktest *t)
{
	unsigned long bytes0 = kmalloc_bytes_in_use();
	void *a = kmalloc(100);				/* class 128 */
	void *b = kmalloc(5000);			/* two pages */
	KASSERT_NOT_NULL(t, a);
	KASSERT_NOT_NULL(t, b);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0 + 128 + 8192);
	kfree(a);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0 + 8192);
	kfree(b);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0);
}

/* A small linear congruential generator: the same "random" sizes each boot. */
static unsigned long lcg_next(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return *state >> 33;
}

static bool holds_pattern(const void *p, size_t n, u8 byte)
{
	const u8 *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != byte)
			return false;
	return true;
}

/* 2000 objects of mixed sizes (one in ten large), each filled with its own
 * byte, freed in a scrambled order (k * 7919 mod 2000 visits every index:
 * 7919 is prime), the survivors checked halfway; everything comes back. */
static void many_mixed(struct ktest *t)
{
	unsigned long free0 = nr_free_pages(), bytes0 = kmalloc_bytes_in_use();
	unsigned long slabs0 = kmalloc_slab_pages(), seed = 1;

	for (int i = 0; i < NR_OBJS; i++) {
		unsigned long r = lcg_next(&seed);
		objs_size[i] = r % 10 ? 1 + r / 10 % KMALLOC_MAX_SMALL : 1 + r / 10 % 20000;
		objs[i] = kmalloc(objs_size[i]);
		KASSERT_NOT_NULL(t, objs[i]);
		memset(objs[i], (u8)i, objs_size[i]);
	}
	for (int k = 0; k < NR_OBJS; k++) {
		int i = k * 7919 % NR_OBJS;
		KEXPECT_TRUE(t, holds_pattern(objs[i], objs_size[i], (u8)i));
		kfree(objs[i]);
		objs[i] = NULL;
		if (k == NR_OBJS / 2)
			for (int j = 0; j < NR_OBJS; j++)
				if (objs[j] && !holds_pattern(objs[j], objs_size[j], (u8)j))
					KEXPECT_TRUE(t, !"a live object was overwritten");
	}
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, kmalloc_bytes_in_use(), bytes0);
	KEXPECT_EQ(t, kmalloc_slab_pages(), slabs0);
}

KTEST_SUITE(kmalloc,
	KTEST_CASE(size_classes),
	KTEST_CASE(alignment),
	KTEST_CASE(distinct_objects),
	KTEST_CASE(reuse_after_free),
	KTEST_CASE(objects_per_page),
	KTEST_CASE(slab_page_returned),
	KTEST_CASE(freed_object_poisoned),
	KTEST_CASE(large_sizes),
	KTEST_CASE(largest_and_beyond),
	KTEST_CASE(large_until_null),
	KTEST_CASE(kzalloc_zeroes),
	KTEST_CASE(ksize_rounding),
	KTEST_CASE(zero_size_and_null),
	KTEST_CASE(bytes_in_use),
	KTEST_CASE(many_mixed));

/* --- kmalloc_misuse: each case must end in a panic that names the pointer.
 * The check after the misuse keeps the call from being a tail call, so
 * the backtrace names the case. */

static int not_from_kmalloc;		/* in the kernel image, not the direct map */

/* p is the first object of a page of its own; a second object keeps that
 * page, so the bitmap sees the second free. */
static void double_free(struct ktest *t)
{
	int n = alloc_until_new_slab(64, 0);
	void *p = objs[n - 1], *keep = kmalloc(64);
	kfree(p);
	kfree(p);
	KEXPECT_TRUE(t, !"survived a double free");
	kfree(keep);
}

/* p is alone on its page: the first free gives the page back, and the
 * second finds it in the buddy allocator's free lists. */
static void double_free_last(struct ktest *t)
{
	int n = alloc_until_new_slab(64, 0);
	void *p = objs[n - 1];
	kfree(p);
	kfree(p);
	KEXPECT_TRUE(t, !"survived a double free of an emptied page's object");
}

static void foreign_pointer(struct ktest *t)
{
	kfree(&not_from_kmalloc);
	KEXPECT_TRUE(t, !"survived kfree of a kernel-image address");
}

static void misaligned_free(struct ktest *t)
{
	char *p = kmalloc(64);
	kfree(p + 8);
	KEXPECT_TRUE(t, !"survived kfree of a pointer into an object");
}

static void foreign_page(struct ktest *t)
{
	kfree(page_address(alloc_page()));
	KEXPECT_TRUE(t, !"survived kfree of a page from alloc_page()");
}

static void large_interior(struct ktest *t)
{
	char *p = kmalloc(3 * PAGE_SIZE);
	kfree(p + PAGE_SIZE);
	KEXPECT_TRUE(t, !"survived kfree of a pointer past a large allocation's first page");
}

KTEST_MANUAL_SUITE(kmalloc_misuse,
	KTEST_CASE(double_free),
	KTEST_CASE(double_free_last),
	KTEST_CASE(foreign_pointer),
	KTEST_CASE(misaligned_free),
	KTEST_CASE(foreign_page),
	KTEST_CASE(large_interior));
