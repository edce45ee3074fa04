/* tests/kernel/filemap_test.c — the page cache on real pages.
 *
 * Each case builds a struct address_space on its stack, fills it with
 * pages from alloc_page() and checks the reference rule of mm/filemap.c:
 * the creator's reference, the cache's, the finder's.  Frees are proven
 * with nr_free_pages(): a page whose last reference goes must be back in
 * the buddy allocator at once.  Radix-tree nodes are kmalloc objects, and
 * freeing one may give a kmalloc page back too; where a case frees nodes
 * and counts frames, it counts kmalloc_slab_pages() as well. */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "mm/filemap.h"
#include "mm/page_alloc.h"
#include "mm/kmalloc.h"

/* A new page cached at each index, the creator's reference dropped: the
 * cache holds the only one, as for a ramfs file.  Returns how many. */
static size_t cache_pages(struct address_space *m, const unsigned long *idx, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct page *page = alloc_page();

		if (!page)
			return i;
		if (add_to_page_cache(page, m, idx[i])) {
			put_page(page);
			return i;
		}
		put_page(page);
	}
	return n;
}

/* Indexes first, first+1, ... into idx[]. */
static void fill_range(unsigned long *idx, size_t n, unsigned long first)
{
	for (size_t i = 0; i < n; i++)
		idx[i] = first + i;
}

/* Refcounts step by step: alloc 1, cached 2, found 3, and back down. */
static void add_find_refcounts(struct ktest *t)
{
	struct address_space m;
	unsigned long free0 = nr_free_pages();

	address_space_init(&m, NULL);
	struct page *page = alloc_page();
	KASSERT_NOT_NULL(t, page);
	KASSERT_EQ(t, add_to_page_cache(page, &m, 7), 0);
	KEXPECT_EQ(t, page_count(page), 2);
	KEXPECT_TRUE(t, page->mapping == &m);
	KEXPECT_EQ(t, page->index, 7UL);
	KEXPECT_EQ(t, m.nrpages, 1UL);
	KEXPECT_TRUE(t, find_get_page(&m, 7) == page);
	KEXPECT_EQ(t, page_count(page), 3);
	put_page(page);
	KEXPECT_EQ(t, page_count(page), 2);
	KEXPECT_NULL(t, find_get_page(&m, 6));
	KEXPECT_NULL(t, find_get_page(&m, 8));
	KEXPECT_EQ(t, page_count(page), 2);
	delete_from_page_cache(page);
	KEXPECT_EQ(t, page_count(page), 1);
	KEXPECT_NULL(t, page->mapping);
	KEXPECT_EQ(t, m.nrpages, 0UL);
	KEXPECT_NULL(t, find_get_page(&m, 7));
	put_page(page);
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

/* A taken index refuses a second page, which keeps only its own reference. */
static void add_taken_index(struct ktest *t)
{
	struct address_space m;
	unsigned long free0 = nr_free_pages();

	address_space_init(&m, NULL);
	struct page *a = alloc_page(), *b = alloc_page();
	KASSERT_TRUE(t, a && b);
	KASSERT_EQ(t, add_to_page_cache(a, &m, 3), 0);
	KEXPECT_EQ(t, add_to_page_cache(b, &m, 3), -EEXIST);
	KEXPECT_EQ(t, page_count(b), 1);
	KEXPECT_NULL(t, b->mapping);
	KEXPECT_EQ(t, m.nrpages, 1UL);
	KEXPECT_TRUE(t, find_get_page(&m, 3) == a);
	put_page(a);					/* the finder's */
	KASSERT_EQ(t, add_to_page_cache(b, &m, 4), 0);	/* elsewhere it fits */
	KEXPECT_EQ(t, m.nrpages, 2UL);
	put_page(a);					/* the creators' */
	put_page(b);
	truncate_inode_pages(&m, 0);
	KEXPECT_EQ(t, m.nrpages, 0UL);
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

/* Once the creator has let go, the cache's reference is the last: deleting
 * frees the page.  A finder's reference keeps it alive past the delete. */
static void delete_drops_cache_ref(struct ktest *t)
{
	struct address_space m;
	unsigned long free0 = nr_free_pages(), slabs0 = kmalloc_slab_pages();

	address_space_init(&m, NULL);
	struct page *page = alloc_page();
	KASSERT_NOT_NULL(t, page);
	KASSERT_EQ(t, add_to_page_cache(page, &m, 0), 0);
	put_page(page);
	KEXPECT_EQ(t, page_count(page), 1);
	/* still cached (a radix node may have taken a kmalloc page: not counted) */
	KEXPECT_EQ(t, nr_free_pages() + (kmalloc_slab_pages() - slabs0), free0 - 1);
	delete_from_page_cache(page);
	KEXPECT_EQ(t, nr_free_pages() + (kmalloc_slab_pages() - slabs0), free0);

	page = alloc_page();
	KASSERT_NOT_NULL(t, page);
	KASSERT_EQ(t, add_to_page_cache(page, &m, 1), 0);
	put_page(page);
	KASSERT_TRUE(t, find_get_page(&m, 1) == page);
	delete_from_page_cache(page);
	KEXPECT_EQ(t, page_count(page), 1);		/* the finder's */
	KEXPECT_EQ(t, nr_free_pages(), free0 - 1);
	KEXPECT_NULL(t, page->mapping);
	put_page(page);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_TRUE(t, radix_tree_empty(&m.i_pages));
}

/* In index order, within [start, end], at most nr, no references taken. */
static void find_pages_range_order(struct ktest *t)
{
	static const unsigned long idx[] = { 64, 0, 9, 200, 1, 5 };
	struct address_space m;
	struct page *pages[8];
	unsigned long free0 = nr_free_pages();

	address_space_init(&m, NULL);
	KASSERT_EQ(t, cache_pages(&m, idx, ARRAY_SIZE(idx)), ARRAY_SIZE(idx));
	KASSERT_EQ(t, find_pages_range(&m, 1, 64, 8, pages), 4u);
	KEXPECT_EQ(t, pages[0]->index, 1UL);
	KEXPECT_EQ(t, pages[1]->index, 5UL);
	KEXPECT_EQ(t, pages[2]->index, 9UL);
	KEXPECT_EQ(t, pages[3]->index, 64UL);
	for (int i = 0; i < 4; i++) {
		KEXPECT_EQ(t, page_count(pages[i]), 1);
		KEXPECT_TRUE(t, pages[i]->mapping == &m);
	}
	KASSERT_EQ(t, find_pages_range(&m, 2, ~0UL, 2, pages), 2u);
	KEXPECT_EQ(t, pages[0]->index, 5UL);
	KEXPECT_EQ(t, pages[1]->index, 9UL);
	KEXPECT_EQ(t, find_pages_range(&m, 65, 199, 8, pages), 0u);
	KEXPECT_EQ(t, find_pages_range(&m, 201, ~0UL, 8, pages), 0u);
	KASSERT_EQ(t, find_pages_range(&m, 200, 200, 8, pages), 1u);
	KEXPECT_EQ(t, pages[0]->index, 200UL);
	truncate_inode_pages(&m, 0);
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

/* Truncating 32 pages (one radix node) at 20 frees exactly pages 20..31;
 * 0..19 stay, with their references. */
static void truncate_from_middle(struct ktest *t)
{
	struct address_space m;
	unsigned long idx[32];
	unsigned long free0 = nr_free_pages(), nodes0 = radix_tree_nr_nodes();

	address_space_init(&m, NULL);
	fill_range(idx, 32, 0);
	KASSERT_EQ(t, cache_pages(&m, idx, 32), 32UL);
	unsigned long free_full = nr_free_pages();
	truncate_inode_pages(&m, 20);
	KEXPECT_EQ(t, nr_free_pages(), free_full + 12);
	KEXPECT_EQ(t, m.nrpages, 20UL);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes0 + 1);
	for (unsigned long i = 0; i < 32; i++) {
		struct page *page = find_get_page(&m, i);
		KEXPECT_EQ(t, page != NULL, i < 20);
		if (page) {
			KEXPECT_EQ(t, page_count(page), 2);
			put_page(page);
		}
	}
	truncate_inode_pages(&m, 20);			/* nothing there: no change */
	KEXPECT_EQ(t, m.nrpages, 20UL);
	truncate_inode_pages(&m, 0);
	KEXPECT_EQ(t, m.nrpages, 0UL);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes0);
}

/* Truncating at 0 empties a sparse cache (tall tree) and frees every node. */
static void truncate_all_frees_nodes(struct ktest *t)
{
	static const unsigned long idx[] = { 0, 100, 5000, 1UL << 20, 1UL << 40, ~0UL };
	struct address_space m;
	unsigned long free0 = nr_free_pages(), nodes0 = radix_tree_nr_nodes();

	address_space_init(&m, NULL);
	KASSERT_EQ(t, cache_pages(&m, idx, ARRAY_SIZE(idx)), ARRAY_SIZE(idx));
	KEXPECT_GT(t, radix_tree_nr_nodes(), nodes0 + 11);
	KEXPECT_EQ(t, m.nrpages, ARRAY_SIZE(idx));
	truncate_inode_pages(&m, 0);
	KEXPECT_EQ(t, m.nrpages, 0UL);
	KEXPECT_TRUE(t, radix_tree_empty(&m.i_pages));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes0);
	KEXPECT_EQ(t, nr_free_pages(), free0);
	KEXPECT_NULL(t, find_get_page(&m, ~0UL));
}

/* Truncation drops only the cache's reference: a page someone still holds
 * (a mapping, a read) outlives it, out of the cache. */
static void truncate_keeps_held_page(struct ktest *t)
{
	struct address_space m;
	unsigned long idx[4];
	unsigned long free0 = nr_free_pages();

	address_space_init(&m, NULL);
	fill_range(idx, 4, 10);
	KASSERT_EQ(t, cache_pages(&m, idx, 4), 4UL);
	struct page *held = find_get_page(&m, 12);
	KASSERT_NOT_NULL(t, held);
	truncate_inode_pages(&m, 11);
	KEXPECT_EQ(t, m.nrpages, 1UL);
	KEXPECT_EQ(t, page_count(held), 1);
	KEXPECT_NULL(t, held->mapping);
	KEXPECT_NULL(t, find_get_page(&m, 12));
	put_page(held);
	truncate_inode_pages(&m, 0);
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

/* A 4 MiB file: 1024 pages, 16 leaves under one root.  Truncating half
 * frees 512 pages and 8 leaves (which may free kmalloc pages too). */
static void four_mib_file(struct ktest *t)
{
	static unsigned long idx[1024];
	static struct page *pages[1024];
	struct address_space m;
	unsigned long free0 = nr_free_pages(), nodes0 = radix_tree_nr_nodes();

	address_space_init(&m, NULL);
	fill_range(idx, 1024, 0);
	KASSERT_EQ(t, cache_pages(&m, idx, 1024), 1024UL);
	KEXPECT_EQ(t, m.nrpages, 1024UL);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes0 + 17);
	KASSERT_EQ(t, find_pages_range(&m, 0, ~0UL, 1024, pages), 1024u);
	for (unsigned long i = 0; i < 1024; i++)
		KASSERT_EQ(t, pages[i]->index, i);
	KEXPECT_EQ(t, find_pages_range(&m, 1000, 1100, 1024, pages), 24u);

	unsigned long free_full = nr_free_pages(), slab_full = kmalloc_slab_pages();
	truncate_inode_pages(&m, 512);
	KEXPECT_EQ(t, m.nrpages, 512UL);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes0 + 9);
	KEXPECT_EQ(t, nr_free_pages() - free_full, 512 + (slab_full - kmalloc_slab_pages()));
	KEXPECT_NULL(t, find_get_page(&m, 512));
	struct page *last = find_get_page(&m, 511);
	KEXPECT_TRUE(t, last != NULL);
	if (last)
		put_page(last);
	truncate_inode_pages(&m, 0);
	KEXPECT_EQ(t, m.nrpages, 0UL);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes0);
	KEXPECT_EQ(t, nr_free_pages(), free0);
}

KTEST_SUITE(filemap,
	    KTEST_CASE(add_find_refcounts),
	    KTEST_CASE(add_taken_index),
	    KTEST_CASE(delete_drops_cache_ref),
	    KTEST_CASE(find_pages_range_order),
	    KTEST_CASE(truncate_from_middle),
	    KTEST_CASE(truncate_all_frees_nodes),
	    KTEST_CASE(truncate_keeps_held_page),
	    KTEST_CASE(four_mib_file));
