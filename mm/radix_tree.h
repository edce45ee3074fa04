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
static inline bool radix_tree_empty(const struct radix_tree_root *root)
{
	return root->rnode == NULL;
}
unsigned long radix_tree_nr_nodes(void);	/* nodes allocated, all trees (tests) */

#endif
