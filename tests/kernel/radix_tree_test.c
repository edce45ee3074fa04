/* tests/kernel/radix_tree_test.c — the page cache's radix tree.
 *
 * Every case starts from an empty tree on its stack and ends with it empty
 * again; radix_tree_nr_nodes() must come back to where it started, which
 * proves that deletes free every node they empty.  The height (a field of
 * the root) shows growth and shrinking.  Items are odd fake pointers: the
 * tree never dereferences them, and an odd value is never NULL. */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "mm/radix_tree.h"

#define ITEM(i)		((void *)((unsigned long)(i) * 2 + 1))

/* Insert ITEM(index) at each index; false (and a failed check) on error. */
static bool insert_all(struct ktest *t, struct radix_tree_root *r, const unsigned long *idx,
		       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int err = radix_tree_insert(r, idx[i], ITEM(idx[i]));
		KEXPECT_EQ(t, err, 0);
		if (err)
			return false;
	}
	return true;
}

/* Delete each index, checking that the delete hands back its item. */
static void delete_all(struct ktest *t, struct radix_tree_root *r, const unsigned long *idx,
		       size_t n)
{
	for (size_t i = 0; i < n; i++)
		KEXPECT_EQ(t, radix_tree_delete(r, idx[i]), ITEM(idx[i]));
}

static void empty_lookups(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	void *res[4];

	KEXPECT_TRUE(t, radix_tree_empty(&r));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 0));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 63));
	KEXPECT_NULL(t, radix_tree_lookup(&r, ~0UL));
	KEXPECT_NULL(t, radix_tree_delete(&r, 0));
	KEXPECT_NULL(t, radix_tree_delete(&r, 1UL << 40));
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, NULL, 0, ~0UL, 4), 0u);
	KEXPECT_EQ(t, r.height, 0u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* Index 0 needs one node of height 1; deleting it frees the node. */
static void insert_lookup_zero(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();

	KASSERT_EQ(t, radix_tree_insert(&r, 0, ITEM(0)), 0);
	KEXPECT_FALSE(t, radix_tree_empty(&r));
	KEXPECT_EQ(t, r.height, 1u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 1);
	KEXPECT_EQ(t, radix_tree_lookup(&r, 0), ITEM(0));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 1));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 64));
	KEXPECT_EQ(t, radix_tree_delete(&r, 0), ITEM(0));
	KEXPECT_NULL(t, radix_tree_delete(&r, 0));
	KEXPECT_TRUE(t, radix_tree_empty(&r));
	KEXPECT_EQ(t, r.height, 0u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* 63 is the last index of one node; 64 adds a level on top. */
static void grow_at_63_and_64(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();

	KASSERT_EQ(t, radix_tree_insert(&r, 63, ITEM(63)), 0);
	KEXPECT_EQ(t, r.height, 1u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 1);
	KASSERT_EQ(t, radix_tree_insert(&r, 64, ITEM(64)), 0);
	KEXPECT_EQ(t, r.height, 2u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 3);	/* new root, old leaf, new leaf */
	KEXPECT_EQ(t, radix_tree_lookup(&r, 63), ITEM(63));
	KEXPECT_EQ(t, radix_tree_lookup(&r, 64), ITEM(64));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 62));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 65));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 64 * 64));	/* beyond the height */
	KEXPECT_EQ(t, radix_tree_delete(&r, 64), ITEM(64));
	KEXPECT_EQ(t, r.height, 1u);				/* only slot 0 was left */
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 1);
	KEXPECT_EQ(t, radix_tree_lookup(&r, 63), ITEM(63));
	KEXPECT_EQ(t, radix_tree_delete(&r, 63), ITEM(63));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
	KEXPECT_EQ(t, r.height, 0u);
}

/* 2^40 needs 7 levels (its digit 6 is 16); ~0 needs all 11. */
static void huge_indexes(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long big = 1UL << 40;

	KASSERT_EQ(t, radix_tree_insert(&r, big, ITEM(big)), 0);
	KEXPECT_EQ(t, r.height, 7u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 7);
	KASSERT_EQ(t, radix_tree_insert(&r, ~0UL, ITEM(~0UL)), 0);
	KEXPECT_EQ(t, r.height, 11u);
	KEXPECT_EQ(t, radix_tree_lookup(&r, big), ITEM(big));
	KEXPECT_EQ(t, radix_tree_lookup(&r, ~0UL), ITEM(~0UL));
	KEXPECT_NULL(t, radix_tree_lookup(&r, big - 1));
	KEXPECT_NULL(t, radix_tree_lookup(&r, big + 1));
	KEXPECT_NULL(t, radix_tree_lookup(&r, ~0UL - 1));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 0));
	KEXPECT_EQ(t, radix_tree_delete(&r, ~0UL), ITEM(~0UL));
	KEXPECT_EQ(t, r.height, 7u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 7);
	KEXPECT_EQ(t, radix_tree_delete(&r, big), ITEM(big));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
	KEXPECT_TRUE(t, radix_tree_empty(&r));
}

/* A taken index is refused and keeps its item; NULL cannot be stored. */
static void insert_taken_or_null(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();

	KEXPECT_EQ(t, radix_tree_insert(&r, 5, NULL), -EINVAL);
	KEXPECT_TRUE(t, radix_tree_empty(&r));
	KEXPECT_EQ(t, r.height, 0u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
	KASSERT_EQ(t, radix_tree_insert(&r, 5, ITEM(5)), 0);
	KASSERT_EQ(t, radix_tree_insert(&r, ~0UL, ITEM(~0UL)), 0);
	unsigned long with_two = radix_tree_nr_nodes();
	KEXPECT_EQ(t, radix_tree_insert(&r, 5, ITEM(6)), -EEXIST);
	KEXPECT_EQ(t, radix_tree_insert(&r, ~0UL, ITEM(7)), -EEXIST);
	KEXPECT_EQ(t, radix_tree_insert(&r, 6, NULL), -EINVAL);
	KEXPECT_EQ(t, radix_tree_lookup(&r, 5), ITEM(5));
	KEXPECT_EQ(t, radix_tree_lookup(&r, ~0UL), ITEM(~0UL));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 6));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), with_two);
	KEXPECT_EQ(t, radix_tree_delete(&r, 5), ITEM(5));
	KEXPECT_EQ(t, radix_tree_delete(&r, ~0UL), ITEM(~0UL));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* Two items far apart in a height-3 tree: 5 nodes.  Deleting the far one
 * frees its leaf and its level-1 node and takes the height down to 1. */
static void delete_frees_nodes(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long far = 5 * 64 * 64 + 7;

	KASSERT_EQ(t, radix_tree_insert(&r, 0, ITEM(0)), 0);
	KASSERT_EQ(t, radix_tree_insert(&r, far, ITEM(far)), 0);
	KEXPECT_EQ(t, r.height, 3u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 5);
	KEXPECT_NULL(t, radix_tree_delete(&r, far + 1));	/* absent: nothing changes */
	KEXPECT_NULL(t, radix_tree_delete(&r, 64));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 5);
	KEXPECT_EQ(t, radix_tree_delete(&r, far), ITEM(far));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 1);
	KEXPECT_EQ(t, r.height, 1u);
	KEXPECT_EQ(t, radix_tree_lookup(&r, 0), ITEM(0));
	KEXPECT_EQ(t, radix_tree_delete(&r, 0), ITEM(0));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* The height comes down only while the root's sole used slot is slot 0. */
static void height_shrinks(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();

	KASSERT_EQ(t, radix_tree_insert(&r, 1UL << 30, ITEM(1UL << 30)), 0);
	KEXPECT_EQ(t, r.height, 6u);
	KASSERT_EQ(t, radix_tree_insert(&r, 100, ITEM(100)), 0);
	KEXPECT_EQ(t, r.height, 6u);
	KEXPECT_EQ(t, radix_tree_delete(&r, 1UL << 30), ITEM(1UL << 30));
	KEXPECT_EQ(t, r.height, 2u);			/* 100 = 1·64 + 36 */
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 2);
	/* 5000 = 1·4096 + 14·64 + 8: its root slot is 1, so 100 keeps height 3 */
	KASSERT_EQ(t, radix_tree_insert(&r, 5000, ITEM(5000)), 0);
	KEXPECT_EQ(t, r.height, 3u);
	KEXPECT_EQ(t, radix_tree_delete(&r, 100), ITEM(100));
	KEXPECT_EQ(t, r.height, 3u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 3);
	KEXPECT_EQ(t, radix_tree_lookup(&r, 5000), ITEM(5000));
	KEXPECT_EQ(t, radix_tree_delete(&r, 5000), ITEM(5000));
	KEXPECT_EQ(t, r.height, 0u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* 0..4999: 79 leaves, 2 level-1 nodes, a root. */
static void dense_5000(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long i;

	for (i = 0; i < 5000; i++)
		KASSERT_EQ(t, radix_tree_insert(&r, i, ITEM(i)), 0);
	KEXPECT_EQ(t, r.height, 3u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes + 79 + 2 + 1);
	for (i = 0; i < 5000; i++)
		KASSERT_EQ(t, radix_tree_lookup(&r, i), ITEM(i));
	KEXPECT_NULL(t, radix_tree_lookup(&r, 5000));
	for (i = 0; i < 5000; i += 2)			/* evens first, then odds */
		KASSERT_EQ(t, radix_tree_delete(&r, i), ITEM(i));
	for (i = 1; i < 5000; i += 2)
		KASSERT_EQ(t, radix_tree_lookup(&r, i), ITEM(i));
	for (i = 1; i < 5000; i += 2)
		KASSERT_EQ(t, radix_tree_delete(&r, i), ITEM(i));
	KEXPECT_TRUE(t, radix_tree_empty(&r));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* Every 1000th index up to 10^6: one leaf per item, height 4. */
static void sparse_every_1000(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long i;

	for (i = 0; i <= 1000000; i += 1000)
		KASSERT_EQ(t, radix_tree_insert(&r, i, ITEM(i)), 0);
	KEXPECT_EQ(t, r.height, 4u);
	for (i = 0; i <= 1000000; i += 1000) {
		KASSERT_EQ(t, radix_tree_lookup(&r, i), ITEM(i));
		KASSERT_TRUE(t, radix_tree_lookup(&r, i + 1) == NULL);
		KASSERT_TRUE(t, radix_tree_lookup(&r, i + 500) == NULL);
	}
	for (i = 1000000;; i -= 1000) {			/* from the top down */
		KASSERT_EQ(t, radix_tree_delete(&r, i), ITEM(i));
		if (i == 0)
			break;
	}
	KEXPECT_TRUE(t, radix_tree_empty(&r));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* 0 and every power of two: each height from 1 to 11 is crossed. */
static void powers_of_two(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long idx[65], got[65];
	void *res[65];

	idx[0] = 0;
	for (unsigned int k = 0; k < 64; k++)
		idx[k + 1] = 1UL << k;
	KASSERT_TRUE(t, insert_all(t, &r, idx, 65));
	KEXPECT_EQ(t, r.height, 11u);
	for (unsigned int k = 0; k < 65; k++) {
		KEXPECT_EQ(t, radix_tree_lookup(&r, idx[k]), ITEM(idx[k]));
		if (idx[k] > 2)
			KEXPECT_NULL(t, radix_tree_lookup(&r, idx[k] - 1));
	}
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, ~0UL, 65), 65u);
	for (unsigned int k = 0; k < 65; k++) {
		KEXPECT_EQ(t, got[k], idx[k]);
		KEXPECT_EQ(t, res[k], ITEM(idx[k]));
	}
	delete_all(t, &r, idx, 65);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* Items come back in index order, with their indexes, cut at `last` and at max. */
static void range_in_order(struct ktest *t)
{
	static const unsigned long idx[] = { 4096, 3, 70000, 64, 10, 4095, 100 };
	static const unsigned long sorted[] = { 3, 10, 64, 100, 4095, 4096, 70000 };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[8];
	void *res[8];

	KASSERT_TRUE(t, insert_all(t, &r, idx, ARRAY_SIZE(idx)));
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, ~0UL, 8), 7u);
	for (unsigned int i = 0; i < 7; i++) {
		KEXPECT_EQ(t, got[i], sorted[i]);
		KEXPECT_EQ(t, res[i], ITEM(sorted[i]));
	}
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 10, 4095, 8), 4u);
	KEXPECT_EQ(t, got[0], 10UL);
	KEXPECT_EQ(t, got[3], 4095UL);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 4, 5000, 2), 2u);
	KEXPECT_EQ(t, got[0], 10UL);
	KEXPECT_EQ(t, got[1], 64UL);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, NULL, 101, 70000, 8), 3u);
	KEXPECT_EQ(t, res[0], ITEM(4095));
	KEXPECT_EQ(t, res[2], ITEM(70000));
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, ~0UL, 0), 0u);
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* An empty stretch, even of 2^64 - 2 indexes, is skipped, not probed. */
static void range_over_empty_middle(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[16];
	void *res[16];
	unsigned long i;

	for (i = 0; i < 10; i++) {
		KASSERT_EQ(t, radix_tree_insert(&r, i, ITEM(i)), 0);
		KASSERT_EQ(t, radix_tree_insert(&r, 1000000 + i, ITEM(1000000 + i)), 0);
	}
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 10, 999999, 16), 0u);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 5, 1000004, 16), 10u);
	for (i = 0; i < 5; i++) {
		KEXPECT_EQ(t, got[i], 5 + i);
		KEXPECT_EQ(t, got[5 + i], 1000000 + i);
		KEXPECT_EQ(t, res[5 + i], ITEM(1000000 + i));
	}
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 10, ~0UL, 1), 1u);
	KEXPECT_EQ(t, got[0], 1000000UL);
	for (i = 0; i < 10; i++) {
		KEXPECT_EQ(t, radix_tree_delete(&r, i), ITEM(i));
		KEXPECT_EQ(t, radix_tree_delete(&r, 1000000 + i), ITEM(1000000 + i));
	}
	/* the two ends of the index space and nothing in between */
	KASSERT_EQ(t, radix_tree_insert(&r, 0, ITEM(0)), 0);
	KASSERT_EQ(t, radix_tree_insert(&r, ~0UL, ITEM(~0UL)), 0);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, ~0UL, 16), 2u);
	KEXPECT_EQ(t, got[0], 0UL);
	KEXPECT_EQ(t, got[1], ~0UL);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 1, ~0UL - 1, 16), 0u);
	KEXPECT_EQ(t, radix_tree_delete(&r, 0), ITEM(0));
	KEXPECT_EQ(t, radix_tree_delete(&r, ~0UL), ITEM(~0UL));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* first == last finds one item or none; first > last finds none; a range
 * ending at ~0 stops there instead of wrapping to 0. */
static void range_edges(struct ktest *t)
{
	static const unsigned long idx[] = { 0, 63, 64, ~0UL - 1, ~0UL };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[8];
	void *res[8];

	KASSERT_TRUE(t, insert_all(t, &r, idx, ARRAY_SIZE(idx)));
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 63, 63, 8), 1u);
	KEXPECT_EQ(t, got[0], 63UL);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, 0, 8), 1u);
	KEXPECT_EQ(t, got[0], 0UL);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 62, 62, 8), 0u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 64, 63, 8), 0u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, ~0UL, ~0UL, 8), 1u);
	KEXPECT_EQ(t, res[0], ITEM(~0UL));
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 64, ~0UL, 8), 3u);
	KEXPECT_EQ(t, got[0], 64UL);
	KEXPECT_EQ(t, got[1], ~0UL - 1);
	KEXPECT_EQ(t, got[2], ~0UL);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 63, 64, 8), 2u);
	KEXPECT_EQ(t, got[1], 64UL);
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* Skipping an empty node must not carry the index past what the tree's
 * height reaches: with 0 and 4032 in a tree of height 2, the walk from
 * 4033 skips to 4096, which only a third level holds; reading digits of
 * 4096 in a 2-level tree found slot 0, and item 0 came back as index 4096
 * (fault-around then mapped file page 0 in the wrong place and looped
 * forever: the fuzzer's seed 8).  Nothing lies at or after 4033. */
static void range_skip_past_height(struct ktest *t)
{
	static const unsigned long idx[] = { 0, 4032 };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[8];
	void *res[8];

	KASSERT_TRUE(t, insert_all(t, &r, idx, ARRAY_SIZE(idx)));
	KEXPECT_EQ(t, r.height, 2u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 4033, 4101, 8), 0u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 4033, ~0UL, 8), 0u);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 1, ~0UL, 8), 1u);
	KEXPECT_EQ(t, got[0], 4032UL);
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* A range scan reads a leaf's slots in order and walks down again only
 * for the next leaf: 60..70 without 65 (a hole) and 127, 128 cross the
 * leaf boundaries 63|64 and 127|128; a scan stops at max or at `last`
 * inside a leaf, and may start in a hole or end at a leaf's last slot. */
static void range_leaf_scan(struct ktest *t)
{
	static const unsigned long idx[] = { 60, 61, 62, 63, 64, 66, 67, 68, 69, 70, 127, 128 };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[16];
	void *res[16];

	KASSERT_TRUE(t, insert_all(t, &r, idx, ARRAY_SIZE(idx)));
	KEXPECT_EQ(t, r.height, 2u);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 58, 200, 16), 12u);
	for (unsigned int i = 0; i < ARRAY_SIZE(idx); i++) {
		KEXPECT_EQ(t, got[i], idx[i]);
		KEXPECT_EQ(t, res[i], ITEM(idx[i]));
	}
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, ~0UL, 3), 3u);	/* max */
	KEXPECT_EQ(t, got[2], 62UL);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 61, ~0UL, 5), 5u);	/* across 63|64 */
	KEXPECT_EQ(t, got[0], 61UL);
	KEXPECT_EQ(t, got[3], 64UL);
	KEXPECT_EQ(t, got[4], 66UL);					/* over the hole */
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 62, 66, 16), 4u);	/* last */
	KEXPECT_EQ(t, got[3], 66UL);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 65, 65, 16), 0u);	/* the hole */
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 65, 66, 16), 1u);
	KEXPECT_EQ(t, got[0], 66UL);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 64, 127, 16), 7u);	/* to 127 */
	KEXPECT_EQ(t, got[6], 127UL);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 71, 128, 16), 2u);
	KEXPECT_EQ(t, got[0], 127UL);
	KEXPECT_EQ(t, got[1], 128UL);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 71, 126, 16), 0u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 129, ~0UL, 16), 0u);
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* The last leaf of the index space: its scan ends with the index wrapping
 * to 0, which must end the lookup, not restart it at index 0 (where item
 * 0 would come back a second time). */
static void range_leaf_of_max_index(struct ktest *t)
{
	static const unsigned long idx[] = { 0, ~0UL - 63, ~0UL - 5, ~0UL };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[8];
	void *res[8];

	KASSERT_TRUE(t, insert_all(t, &r, idx, 3));			/* not ~0 yet */
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 1, ~0UL, 8), 2u);
	KEXPECT_EQ(t, got[0], ~0UL - 63);
	KEXPECT_EQ(t, got[1], ~0UL - 5);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, ~0UL - 4, ~0UL, 8), 0u);
	KASSERT_EQ(t, radix_tree_insert(&r, ~0UL, ITEM(~0UL)), 0);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 0, ~0UL, 8), 4u);
	for (unsigned int i = 0; i < 4; i++)
		KEXPECT_EQ(t, got[i], idx[i]);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, ~0UL - 64, ~0UL - 1, 8), 2u);
	KEXPECT_EQ(t, got[1], ~0UL - 5);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, ~0UL - 4, ~0UL, 8), 1u);
	KEXPECT_EQ(t, res[0], ITEM(~0UL));
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* A range that starts beyond what the tree's height holds finds nothing;
 * one that starts inside and ends far beyond stops at the last item. */
static void range_past_height(struct ktest *t)
{
	static const unsigned long idx[] = { 0, 5, 9 };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[8];
	void *res[8];

	KASSERT_TRUE(t, insert_all(t, &r, idx, ARRAY_SIZE(idx)));
	KEXPECT_EQ(t, r.height, 1u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 64, 1000, 8), 0u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 1UL << 40, ~0UL, 8), 0u);
	KEXPECT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 10, ~0UL, 8), 0u);
	KASSERT_EQ(t, radix_tree_gang_lookup_range(&r, res, got, 1, 1UL << 40, 8), 2u);
	KEXPECT_EQ(t, got[0], 5UL);
	KEXPECT_EQ(t, got[1], 9UL);
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* Fault-around's pattern: a dense file read in windows of 16 from every
 * start, so windows begin and end at every slot of a leaf and straddle
 * every leaf boundary of a 3-level tree. */
static void range_windows_of_16(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long got[16];
	void *res[16];
	bool ok = true;

	for (unsigned long i = 0; i < 5000; i++)
		KASSERT_EQ(t, radix_tree_insert(&r, i, ITEM(i)), 0);
	for (unsigned long start = 0; start < 5000; start++) {
		unsigned int want = start + 16 <= 5000 ? 16 : 5000 - start;
		unsigned int n = radix_tree_gang_lookup_range(&r, res, got, start, start + 15, 16);

		if (n != want)
			ok = false;
		for (unsigned int i = 0; i < n; i++)
			if (got[i] != start + i || res[i] != ITEM(start + i))
				ok = false;
	}
	KEXPECT_TRUE(t, ok);
	for (unsigned long i = 0; i < 5000; i++)
		KASSERT_EQ(t, radix_tree_delete(&r, i), ITEM(i));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* radix_tree_for_each, as filemap_map_pages uses it: iter.index is each
 * item's index, holes are skipped, the scan crosses leaves (63|64, and an
 * empty leaf between 130 and 300) and ends at `last`, also when `last` is
 * ~0UL (no wrap to index 0).  An empty range or tree visits nothing. */
static void for_each_iter(struct ktest *t)
{
	static const unsigned long idx[] = { 0, 62, 63, 64, 66, 130, 300, ~0UL - 1, ~0UL };
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	struct radix_tree_iter iter;
	unsigned int n = 0;
	void *item;

	radix_tree_for_each(item, &r, iter, 0, ~0UL)
		n++;
	KEXPECT_EQ(t, n, 0u);
	KASSERT_TRUE(t, insert_all(t, &r, idx, ARRAY_SIZE(idx)));
	radix_tree_for_each(item, &r, iter, 0, ~0UL) {
		KASSERT_TRUE(t, n < ARRAY_SIZE(idx));
		KEXPECT_EQ(t, iter.index, idx[n]);
		KEXPECT_EQ(t, item, ITEM(idx[n]));
		n++;
	}
	KEXPECT_EQ(t, n, (unsigned int)ARRAY_SIZE(idx));
	n = 0;
	radix_tree_for_each(item, &r, iter, 63, 299) {	/* 63, 64, 66, 130 */
		KEXPECT_EQ(t, iter.index, idx[2 + n]);
		n++;
	}
	KEXPECT_EQ(t, n, 4u);
	n = 0;
	radix_tree_for_each(item, &r, iter, 1, 61)
		n++;
	KEXPECT_EQ(t, n, 0u);
	radix_tree_for_each(item, &r, iter, 70, 60)	/* first > last */
		n++;
	KEXPECT_EQ(t, n, 0u);
	delete_all(t, &r, idx, ARRAY_SIZE(idx));
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

/* A linear congruential generator (Knuth's MMIX constants): the same
 * "random" sequence on every boot, so a failure repeats. */
static unsigned long lcg_next(unsigned long *state)
{
	*state = *state * 6364136223846793005UL + 1442695040888963407UL;
	return *state >> 33;
}

#define NKEYS	200

/* Key k's index: small keys are dense near 0, the others spread over the
 * whole 64-bit space (so the height moves between 1 and 11). */
static unsigned long key_index(unsigned int k)
{
	return k < NKEYS / 2 ? k : (k * 0x9e3779b97f4a7c15UL) ^ (k << 3);
}

/* Check the tree against the reference: every key by lookup, all of them
 * in order by one range lookup. */
static bool tree_matches(struct ktest *t, struct radix_tree_root *r, const bool *present)
{
	static void *res[NKEYS + 1];
	static unsigned long got[NKEYS + 1];
	unsigned int n = 0, found;
	bool ok = true;

	for (unsigned int k = 0; k < NKEYS; k++) {
		void *want = present[k] ? ITEM(key_index(k)) : NULL;
		if (radix_tree_lookup(r, key_index(k)) != want)
			ok = false;
		n += present[k];
	}
	found = radix_tree_gang_lookup_range(r, res, got, 0, ~0UL, NKEYS + 1);
	KEXPECT_EQ(t, found, n);
	for (unsigned int i = 0; i < found; i++)
		if (res[i] != ITEM(got[i]) || (i > 0 && got[i] <= got[i - 1]))
			ok = false;
	KEXPECT_TRUE(t, ok);
	return ok && found == n;
}

static void random_vs_reference(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT;
	unsigned long nodes = radix_tree_nr_nodes();
	unsigned long seed = 12345;
	bool present[NKEYS] = { false };

	for (unsigned int step = 0; step < 20000; step++) {
		unsigned int k = lcg_next(&seed) % NKEYS;
		unsigned long index = key_index(k);

		if (!present[k]) {
			KASSERT_EQ(t, radix_tree_insert(&r, index, ITEM(index)), 0);
			present[k] = true;
		} else if (lcg_next(&seed) % 4 == 0) {
			KASSERT_EQ(t, radix_tree_insert(&r, index, ITEM(index + 1)), -EEXIST);
		} else {
			KASSERT_EQ(t, radix_tree_delete(&r, index), ITEM(index));
			present[k] = false;
		}
		if (step % 1000 == 999)
			KASSERT_TRUE(t, tree_matches(t, &r, present));
	}
	for (unsigned int k = 0; k < NKEYS; k++)
		if (present[k])
			KEXPECT_EQ(t, radix_tree_delete(&r, key_index(k)), ITEM(key_index(k)));
	KEXPECT_TRUE(t, radix_tree_empty(&r));
	KEXPECT_EQ(t, r.height, 0u);
	KEXPECT_EQ(t, radix_tree_nr_nodes(), nodes);
}

KTEST_SUITE(radix_tree,
	    KTEST_CASE(empty_lookups),
	    KTEST_CASE(insert_lookup_zero),
	    KTEST_CASE(grow_at_63_and_64),
	    KTEST_CASE(huge_indexes),
	    KTEST_CASE(insert_taken_or_null),
	    KTEST_CASE(delete_frees_nodes),
	    KTEST_CASE(height_shrinks),
	    KTEST_CASE(dense_5000),
	    KTEST_CASE(sparse_every_1000),
	    KTEST_CASE(powers_of_two),
	    KTEST_CASE(range_in_order),
	    KTEST_CASE(range_over_empty_middle),
	    KTEST_CASE(range_edges),
	    KTEST_CASE(range_skip_past_height),
	    KTEST_CASE(range_leaf_scan),
	    KTEST_CASE(range_leaf_of_max_index),
	    KTEST_CASE(range_past_height),
	    KTEST_CASE(range_windows_of_16),
	    KTEST_CASE(for_each_iter),
	    KTEST_CASE(random_vs_reference));
