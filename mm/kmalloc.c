/* mm/kmalloc.c — kmalloc: size classes on single pages, big sizes as whole
 * blocks of the buddy allocator (see kmalloc.h for the contract).
 *
 * Small objects (1..2048 bytes) round up to a power-of-two size class:
 * 16 32 64 128 256 512 1024 2048.  A class carves single pages from
 * alloc_page() into objects of its size at offsets that are multiples of
 * the size, so every object is aligned to its class.  Such a "slab" page has
 * PG_slab set and its class index in page->private.
 *
 * Which objects of a slab page are in use is an in-use bitmap, one bit per
 * slot, set while the object is allocated.  Where it lives depends on how
 * many slots the page has:
 *
 *   class 16: 256 slots, bitmap of 4 words at the start of the page
 *     0      32     48                                            4096
 *     +------+------+------+------+--                     --+------+
 *     |bitmap|  2   |  3   |  4   |  ...                    | 255  |  254 objects
 *     +------+------+------+------+--                     --+------+
 *      slots 0-1
 *   class 32: 128 slots, bitmap of 2 words = slot 0             127 objects
 *   class 64 .. 2048: at most 64 slots, bitmap = page->index    every slot used
 *     0            512          1024                   3584         4096
 *     +------------+------------+--                 --+------------+
 *     |     0      |     1      |  ...                |     7      |   (class 512)
 *     +------------+------------+--                 --+------------+
 *
 * One word of struct page holds the bitmap whenever it fits: a header in
 * the page would always take its first slot, and that is half of every
 * 2048 page and a quarter of every 1024 page.  There is no per-page count
 * of free objects: "full" and "empty" are read off the bitmap (at most four
 * words), so nothing can disagree with it.
 *
 * Each class keeps the slab pages that have a free slot on its `partial`
 * list, linked through page->lru; a full page is on no list.  kmalloc takes
 * the lowest free slot of the first partial page, or a new page when there
 * is none.  A page whose last object is freed goes back to the buddy
 * allocator at once, so the free-frame count returns exactly to where it
 * was (the test runner checks it after every suite).  The price is a page
 * allocation whenever a class goes from no objects to one; Linux keeps a
 * few empty slabs per cache to avoid that.
 *
 * Large objects (2049 bytes .. 4 MiB) are a block of 2^order pages from
 * alloc_pages(), the smallest that fits, with PG_large_kmalloc on its first
 * page and the order in page->order.
 *
 * kfree and ksize check what they are given and panic, naming the pointer:
 *   outside the direct map, or a page that is neither a slab nor a large
 *   allocation                              "kfree: foreign pointer %p (...)"
 *   not the start of an object              "kfree: %p is not at an object boundary"
 *   an object whose in-use bit is clear     "kfree: double free of %p"
 *   a page the buddy allocator has free     "kfree: %p is in a free page"
 * The last is how a double free shows when the first free emptied the
 * page and gave it back.
 * A freed small object is filled with POISON_FREE, so a use after free
 * shows up as 0x6b6b6b6b... in a register or a dump. */
#include "mm/kmalloc.h"
#include "kernel/panic.h"
#include "kernel/string.h"

#define BITS_PER_LONG		64
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define POISON_FREE		0x6b	/* a freed object's bytes, as Linux's slab debugging */

#define SLOTS(size)		(PAGE_SIZE / (size))
#define BITMAP_WORDS(size)	DIV_ROUND_UP(SLOTS(size), BITS_PER_LONG)
#define BITMAP_IN_PAGE(size)	(SLOTS(size) > BITS_PER_LONG)	/* too big for page->index */
/* slots taken by the bitmap at the start of the page (0 if it is in page->index) */
#define HEADER_SLOTS(size) \
	(BITMAP_IN_PAGE(size) ? DIV_ROUND_UP(BITMAP_WORDS(size) * sizeof(long), (size)) : 0)

struct kmalloc_class {
	unsigned int size;		/* object size, and its alignment */
	unsigned int first;		/* first object slot (those before hold the bitmap) */
	struct list_head partial;	/* slab pages with a free slot, through page->lru */
};

#define CLASS(i) { .size = KMALLOC_MIN_SIZE << (i),                               \
		   .first = HEADER_SLOTS(KMALLOC_MIN_SIZE << (i)),                   \
		   .partial = LIST_HEAD_INIT(classes[i].partial) }

static struct kmalloc_class classes[] = {
	CLASS(0), CLASS(1), CLASS(2), CLASS(3), CLASS(4), CLASS(5), CLASS(6), CLASS(7),
};
_Static_assert(KMALLOC_MIN_SIZE << (ARRAY_SIZE(classes) - 1) == KMALLOC_MAX_SMALL,
	       "the class table must end at KMALLOC_MAX_SMALL");

static unsigned long bytes_in_use;	/* ksize() of every live object */
static unsigned long slab_pages;	/* pages the classes hold */

/* The class a small size rounds up to: the first that holds it. */
static struct kmalloc_class *class_for(size_t size)
{
	struct kmalloc_class *c = classes;
	while (c->size < size)
		c++;
	return c;
}

/* A slab page knows its class by index (page->private). */
static struct kmalloc_class *class_of(const struct page *page)
{
	return &classes[page->private];
}

/* Where this slab page's in-use bitmap is (see the diagram above). */
static unsigned long *slab_bitmap(struct page *page)
{
	unsigned int size = class_of(page)->size;
	return BITMAP_IN_PAGE(size) ? page_address(page) : &page->index;
}

/* Bit `slot` of the bitmap: is that object allocated? */
static bool slot_in_use(struct page *page, unsigned int slot)
{
	return slab_bitmap(page)[slot / BITS_PER_LONG] & BIT(slot % BITS_PER_LONG);
}

/* Mark the object in `slot` allocated or free. */
static void slot_set(struct page *page, unsigned int slot, bool in_use)
{
	unsigned long *word = &slab_bitmap(page)[slot / BITS_PER_LONG];
	*word = in_use ? *word | BIT(slot % BITS_PER_LONG) : *word & ~BIT(slot % BITS_PER_LONG);
}

/* The lowest free object slot, or SLOTS(size) when the page is full.  The
 * bitmap's own slots count as used; bits past the last slot are zero, so a
 * hit there means full too. */
static unsigned int slab_find_free(struct page *page)
{
	const struct kmalloc_class *c = class_of(page);
	unsigned long *map = slab_bitmap(page);

	for (unsigned int w = 0; w < BITMAP_WORDS(c->size); w++) {
		unsigned long used = map[w] | (w == 0 ? BIT(c->first) - 1 : 0);
		if (~used) {
			unsigned int slot = w * BITS_PER_LONG + __builtin_ctzl(~used);
			return MIN(slot, SLOTS(c->size));
		}
	}
	return SLOTS(c->size);
}

/* No object of this page is allocated: every bitmap word is zero (the
 * bitmap's own slots never have their bits set). */
static bool slab_empty(struct page *page)
{
	unsigned long *map = slab_bitmap(page);
	for (unsigned int w = 0; w < BITMAP_WORDS(class_of(page)->size); w++)
		if (map[w])
			return false;
	return true;
}

/* A fresh page for class c, all slots free, at the head of its partial
 * list; NULL when the buddy allocator is out of frames. */
static struct page *slab_new(struct kmalloc_class *c)
{
	struct page *page = alloc_page();
	if (!page)
		return NULL;
	page->flags |= PG_slab;
	page->private = c - classes;
	memset(slab_bitmap(page), 0, BITMAP_WORDS(c->size) * sizeof(long));
	list_add(&page->lru, &c->partial);
	slab_pages++;
	return page;
}

/* The last object is gone: the page goes back to the buddy allocator now
 * (it is on the partial list, since it has free slots).  __free_page
 * clears PG_slab with the other flags. */
static void slab_release(struct page *page)
{
	list_del(&page->lru);
	page->index = 0;
	slab_pages--;
	__free_page(page);
}

/* One object of class c from its first partial page; the page leaves the
 * list when this fills it. */
static void *slab_alloc(struct kmalloc_class *c)
{
	struct page *page = list_empty(&c->partial)
		? slab_new(c) : list_first_entry(&c->partial, struct page, lru);
	if (!page)
		return NULL;
	unsigned int slot = slab_find_free(page);
	slot_set(page, slot, true);
	if (slab_find_free(page) == SLOTS(c->size))
		list_del(&page->lru);
	bytes_in_use += c->size;
	return (char *)page_address(page) + slot * c->size;
}

/* The slot p starts in this slab page; panics (as `who`) if p is not the
 * start of an object slot. */
static unsigned int slab_slot(struct page *page, const void *p, const char *who)
{
	const struct kmalloc_class *c = class_of(page);
	unsigned long offset = (const char *)p - (const char *)page_address(page);

	if (offset % c->size || offset / c->size < c->first)
		panic("%s: %p is not at an object boundary (size class %u, offset 0x%lx)", who, p,
		      c->size, offset);
	return offset / c->size;
}

/* Give the object at p back to its page: a full page rejoins the partial
 * list, an empty one goes back to the buddy allocator. */
static void slab_free(struct page *page, const void *p)
{
	struct kmalloc_class *c = class_of(page);
	unsigned int slot = slab_slot(page, p, "kfree");

	if (!slot_in_use(page, slot))
		panic("kfree: double free of %p (size class %u)", p, c->size);
	bool was_full = slab_find_free(page) == SLOTS(c->size);
	slot_set(page, slot, false);
	memset((void *)p, POISON_FREE, c->size);
	bytes_in_use -= c->size;
	if (was_full)
		list_add(&page->lru, &c->partial);
	if (slab_empty(page))
		slab_release(page);
}

/* Whole pages for a size above the largest class: the smallest block of
 * 2^order pages that holds it. */
static void *large_alloc(size_t size)
{
	unsigned int order = 0;
	while ((PAGE_SIZE << order) < size)
		order++;
	struct page *page = alloc_pages(order);
	if (!page)
		return NULL;
	page->flags |= PG_large_kmalloc;
	bytes_in_use += PAGE_SIZE << order;
	return page_address(page);
}

/* Panic (as `who`) unless p is the start of the large allocation at page. */
static void large_check(struct page *page, const void *p, const char *who)
{
	if (p != page_address(page))
		panic("%s: %p is not at an object boundary (inside the %lu-byte allocation at %p)",
		      who, p, PAGE_SIZE << page->order, page_address(page));
}

/* The block goes back whole; __free_pages checks its order against ours. */
static void large_free(struct page *page, const void *p)
{
	large_check(page, p, "kfree");
	page->flags &= ~PG_large_kmalloc;
	bytes_in_use -= PAGE_SIZE << page->order;
	__free_pages(page, page->order);
}

/* The first page of the block that covers `page` and has `flag` on its
 * first page — a large allocation (PG_large_kmalloc) or a free block of the
 * buddy allocator (PG_buddy) — or NULL.  Only a block's first page carries
 * these flags, so a pointer further in needs this search to be named. */
static struct page *block_head(struct page *page, unsigned long flag)
{
	unsigned long pfn = page_to_pfn(page);
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct page *head = pfn_to_page(ALIGN_DOWN(pfn, 1UL << order));
		if ((head->flags & flag) && pfn < page_to_pfn(head) + (1UL << head->order))
			return head;
	}
	return NULL;
}

/* The page of a pointer kfree or ksize (`who`) was given: a slab page or
 * the first page of a large allocation.  Anything else panics, saying as
 * well as it can what p is.  A page in the free lists is most likely a
 * double free whose slab page (or large block) already went back. */
static struct page *kmalloc_page(const void *p, const char *who)
{
	unsigned long addr = (unsigned long)p;

	if (addr < PAGE_OFFSET || addr >= PAGE_OFFSET + (max_pfn << PAGE_SHIFT))
		panic("%s: foreign pointer %p (not in the direct map)", who, p);
	struct page *page = virt_to_page(p);
	if (page->flags & (PG_slab | PG_large_kmalloc))
		return page;
	struct page *head = block_head(page, PG_large_kmalloc);
	if (head)
		large_check(head, p, who);		/* panics: p is past its first page */
	if (block_head(page, PG_buddy))
		panic("%s: %p is in a free page (pfn 0x%lx): freed twice, or used after free", who,
		      p, page_to_pfn(page));
	panic("%s: foreign pointer %p (pfn 0x%lx is not a kmalloc page)", who, p, page_to_pfn(page));
}

/* A small size takes a slot of its class, a larger one whole pages; 0 and
 * sizes above KMALLOC_MAX_SIZE have no allocation (NULL). */
void *kmalloc(size_t size)
{
	if (size == 0 || size > KMALLOC_MAX_SIZE)
		return NULL;
	return size <= KMALLOC_MAX_SMALL ? slab_alloc(class_for(size)) : large_alloc(size);
}

/* All of ksize() is zeroed, not just `size`: the caller may use all of it. */
void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, ksize(p));
	return p;
}

/* Check p (see the top of the file), then give its slot or pages back. */
void kfree(const void *p)
{
	if (!p)
		return;
	struct page *page = kmalloc_page(p, "kfree");
	if (page->flags & PG_slab)
		slab_free(page, p);
	else
		large_free(page, p);
}

/* The same checks as kfree, so asking about a freed object panics too. */
size_t ksize(const void *p)
{
	if (!p)
		return 0;
	struct page *page = kmalloc_page(p, "ksize");
	if (page->flags & PG_large_kmalloc) {
		large_check(page, p, "ksize");
		return PAGE_SIZE << page->order;
	}
	if (!slot_in_use(page, slab_slot(page, p, "ksize")))
		panic("ksize: %p is not allocated (size class %u)", p, class_of(page)->size);
	return class_of(page)->size;
}

/* For tests and statistics: what kmalloc's users hold now. */
unsigned long kmalloc_bytes_in_use(void)
{
	return bytes_in_use;
}

/* For tests: a suite can see a slab page come and go. */
unsigned long kmalloc_slab_pages(void)
{
	return slab_pages;
}
