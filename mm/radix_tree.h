/* mm/radix_tree.h — a radix tree from unsigned long index to pointer.
 *
 * The page cache's index: a file's pages by page offset.  Like a page
 * table, each node splits the index into RADIX_TREE_MAP_SHIFT-bit digits
 * (64 slots a node, as Linux's radix tree and xarray); the tree grows in
 * height only as far as the largest index needs, so a small file is one
 * node.  Empty nodes are freed on delete.  Lookup and insert are
 * O(height) = O(log64 n); a range scan walks down once per leaf it
 * finds, skipping empty subtrees whole, and reads the leaf's slots in
 * order. */
#ifndef MM_RADIX_TREE_H
#define MM_RADIX_TREE_H

#include "kernel/types.h"

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)

struct radix_tree_node;

struct radix_tree_root {
	unsigned int height;		/* 0: empty; h: indexes < 64^h */
	struct radix_tree_node *rnode;
};

#define RADIX_TREE_INIT { 0, NULL }

static inline void INIT_RADIX_TREE(struct radix_tree_root *root)
{
	root->height = 0;
	root->rnode = NULL;
}

/* The item at index, or NULL. */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
/* Store item at index: 0, -EEXIST if taken, -ENOMEM (the tree is then as
 * it was), -EINVAL for a NULL item (NULL is what an empty slot holds). */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
/* Remove and return the item at index (NULL if none); frees empty nodes. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
/* Up to max items with index in [first, last], in index order; their
 * indexes go to indices[] when it is not NULL.  Returns how many. */
unsigned int radix_tree_gang_lookup_range(const struct radix_tree_root *root, void **results,
					  unsigned long *indices, unsigned long first,
					  unsigned long last, unsigned int max);

/* Where a range scan is (Linux's struct radix_tree_iter): the item found
 * last, and how far its leaf may be read on without a walk from the root.
 * It is passed and returned by value, so the compiler keeps it in
 * registers.  The tree must not change while a scan is under way. */
struct radix_tree_iter {
	unsigned long index;		/* the item's index */
	void **slot;			/* its slot in a level-0 node; NULL: no more items */
	unsigned long leaf_last;	/* this leaf is read up to here: its end, or last */
	unsigned long last;		/* the range's last index */
};

/* At the first item of [first, last] (slot NULL: none): a walk down from
 * the root to the item's leaf. */
struct radix_tree_iter radix_tree_iter_find(const struct radix_tree_root *root,
					    unsigned long first, unsigned long last);

/* At the item after iter's (slot NULL: the range has no more).  The next
 * used slot of the same leaf when there is one (no walk, as Linux's
 * xas_next_entry); past the leaf's end, radix_tree_iter_find from the next
 * leaf's first index.  At the range's last index the scan ends there,
 * which also keeps index + 1 from wrapping past ~0UL. */
static inline struct radix_tree_iter radix_tree_iter_next(const struct radix_tree_root *root,
							  struct radix_tree_iter iter)
{
	while (iter.index < iter.leaf_last) {
		iter.index++;
		iter.slot++;
		if (*iter.slot)
			return iter;
	}
	if (iter.index == iter.last) {
		iter.slot = NULL;
		return iter;
	}
	return radix_tree_iter_find(root, iter.index + 1, iter.last);
}

/* For each item of [first, last], in index order, with iter.index its
 * index: one walk down per leaf, then that leaf's slots one after the
 * other, skipping holes (Linux's radix_tree_for_each_slot, xas_for_each). */
#define radix_tree_for_each(item, root, iter, first, last)			\
	for (iter = radix_tree_iter_find(root, first, last);			\
	     iter.slot && ((item) = *iter.slot, true);				\
	     iter = radix_tree_iter_next(root, iter))

static inline bool radix_tree_empty(const struct radix_tree_root *root)
{
	return root->rnode == NULL;
}
unsigned long radix_tree_nr_nodes(void);	/* nodes allocated, all trees (tests) */

#endif
