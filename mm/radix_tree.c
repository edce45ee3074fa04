/* mm/radix_tree.c — the page cache's index: unsigned long -> pointer.
 *
 * A tree of height h reads an index as h digits of RADIX_TREE_MAP_SHIFT (6)
 * bits, most significant first, exactly as the page walker reads a virtual
 * address as 9-bit table indexes.  A 64-bit index has 11 digits; the top one
 * has only 4 bits:
 *
 *    63..60  · 59..54  · 53..48  · ... · 17..12  · 11..6   · 5..0
 *   level 10   level 9   level 8         level 2   level 1   level 0
 *
 * The node at level L uses digit L of the index to choose one of its 64
 * slots; a slot of a level-0 node holds the item itself, a slot higher up
 * holds the node one level down (NULL: nothing below).  The root node is at
 * level height-1, so a tree of height h holds the indexes < 64^h:
 *
 *   height 2, index 200 = 3·64 + 8:
 *
 *   root->rnode ──> [ 0 | 1 | 2 | 3 | ... | 63 ]     level 1, digit 3
 *                                 │
 *                                 v
 *                   [ 0 | ... | 8 | ... | 63 ]       level 0, digit 8
 *                               │
 *                               v
 *                             item
 *
 * The height follows the largest index, as in Linux's radix tree before
 * the xarray: an insert beyond the reach adds levels on top (the old root
 * becomes slot 0 of a new root), a delete frees the nodes it empties and
 * then removes root levels whose only used slot is slot 0.  So an empty
 * tree has no node at all, indexes 0..63 need one node, and a sparse tree
 * costs one node per level per occupied 64-slot group.
 *
 * A node is 64 pointers and a count (520 bytes, a kmalloc-1024 object).
 * The count of used slots is what lets a delete see at once that a node
 * has become empty. */
#include "mm/radix_tree.h"
#include "mm/kmalloc.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

#define RADIX_TREE_INDEX_BITS	(8 * sizeof(unsigned long))
/* levels a 64-bit index needs: 11 */
#define RADIX_TREE_MAX_HEIGHT \
	((RADIX_TREE_INDEX_BITS + RADIX_TREE_MAP_SHIFT - 1) / RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)

struct radix_tree_node {
	unsigned int count;			/* slots that are not NULL */
	void *slots[RADIX_TREE_MAP_SIZE];	/* nodes one level down, or items (level 0) */
};

static unsigned long nr_nodes;		/* allocated, in every tree */

/* Tests prove that a sequence of operations gives every node back. */
unsigned long radix_tree_nr_nodes(void)
{
	return nr_nodes;
}

/* Digit `level` of index: the slot to take in the node at that level. */
static unsigned int radix_tree_digit(unsigned long index, unsigned int level)
{
	return (index >> (level * RADIX_TREE_MAP_SHIFT)) & RADIX_TREE_MAP_MASK;
}

/* The smallest height that reaches index: one more level for every further
 * non-zero 6-bit digit.  Stops at 11, where the shift would leave the word. */
static unsigned int radix_tree_height_for(unsigned long index)
{
	unsigned int height = 1;

	while (height < RADIX_TREE_MAX_HEIGHT && (index >> (height * RADIX_TREE_MAP_SHIFT)))
		height++;
	return height;
}

/* The largest index a tree of this height holds: 64^height - 1 (at 11
 * levels, every index).  Comparing with it is how a walk knows the index
 * is beyond the tree, without counting the index's digits. */
static unsigned long radix_tree_maxindex(unsigned int height)
{
	unsigned int shift = height * RADIX_TREE_MAP_SHIFT;

	return shift < RADIX_TREE_INDEX_BITS ? (1UL << shift) - 1 : ~0UL;
}

/* A new empty node, counted (nr_nodes is how the tests see leaks). */
static struct radix_tree_node *radix_tree_node_alloc(void)
{
	struct radix_tree_node *node = kzalloc(sizeof(*node));

	if (node)
		nr_nodes++;
	return node;
}

/* Give back a node nothing points to any more. */
static void radix_tree_node_free(struct radix_tree_node *node)
{
	BUG_ON(node->count != 0);
	nr_nodes--;
	kfree(node);
}

/* Walk from the root towards index and note the node met at each level in
 * path[level] (NULL below the point where the walk falls off the tree, and
 * everywhere when index is beyond the tree's height).  Returns path[0], the
 * level-0 node whose slot would hold index, or NULL.  Lookup, delete and
 * the clean-up after a failed insert all need this same walk. */
static struct radix_tree_node *radix_tree_descend(const struct radix_tree_root *root,
						  unsigned long index,
						  struct radix_tree_node **path)
{
	struct radix_tree_node *node = NULL;

	if (index <= radix_tree_maxindex(root->height))
		node = root->rnode;
	for (int level = (int)root->height - 1; level >= 0; level--) {
		path[level] = node;
		if (node && level > 0)
			node = node->slots[radix_tree_digit(index, level)];
	}
	return root->height ? path[0] : NULL;
}

/* Lookup is one slot per level, down to the item: O(height).  It needs no
 * path (the page-cache lookup of every file fault: radix_tree_descend's
 * bookkeeping for delete cost it 50 instructions a fault). */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	if (!root->height || index > radix_tree_maxindex(root->height))
		return NULL;
	struct radix_tree_node *node = root->rnode;
	for (int level = (int)root->height - 1; node && level > 0; level--)
		node = node->slots[radix_tree_digit(index, level)];
	return node ? node->slots[radix_tree_digit(index, 0)] : NULL;
}

/* Take off root levels that are no longer needed: while the root node's
 * only used slot is slot 0, everything lives below 64^(height-1) and slot 0
 * can be the root (Linux's radix_tree_shrink).  An empty tree has height 0. */
static void radix_tree_shrink(struct radix_tree_root *root)
{
	while (root->height > 1) {
		struct radix_tree_node *node = root->rnode;

		if (!node || node->count != 1 || !node->slots[0])
			break;
		root->rnode = node->slots[0];
		root->height--;
		node->slots[0] = NULL;
		node->count = 0;
		radix_tree_node_free(node);
	}
	if (!root->rnode)
		root->height = 0;
}

/* After a slot on the way to index was emptied (delete, or an insert that
 * ran out of memory half-way), free the nodes of that path that are empty
 * now, bottom up: freeing one empties a slot of its parent, which may then
 * be empty too.  Then shrink the height. */
static void radix_tree_free_empty(struct radix_tree_root *root, unsigned long index,
				  struct radix_tree_node **path)
{
	for (unsigned int level = 0; level < root->height; level++) {
		struct radix_tree_node *node = path[level];

		if (!node)
			continue;	/* the walk did not reach this low */
		if (node->count)
			break;
		if (level + 1 < root->height) {
			path[level + 1]->slots[radix_tree_digit(index, level + 1)] = NULL;
			path[level + 1]->count--;
		} else {
			root->rnode = NULL;
		}
		radix_tree_node_free(node);
	}
	radix_tree_shrink(root);
}

/* Make the tree tall enough for `height` levels.  An empty tree just takes
 * the height (its nodes come with the insert); otherwise each new level is
 * a root node whose slot 0 is the old root, since the indexes already
 * stored all have a zero digit at the new level. */
static int radix_tree_extend(struct radix_tree_root *root, unsigned int height)
{
	if (!root->rnode) {
		root->height = MAX(root->height, height);
		return 0;
	}
	while (root->height < height) {
		struct radix_tree_node *node = radix_tree_node_alloc();

		if (!node) {
			radix_tree_shrink(root);	/* undo the levels added so far */
			return -ENOMEM;
		}
		node->slots[0] = root->rnode;
		node->count = 1;
		root->rnode = node;
		root->height++;
	}
	return 0;
}

/* Grow if needed, then walk down creating the missing nodes of the path,
 * and fill the level-0 slot.  Out of memory half-way, the nodes made for
 * this insert are freed again, so a failed insert leaves the tree as it
 * was.  NULL is what an empty slot holds, so it cannot be stored: -EINVAL. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *path[RADIX_TREE_MAX_HEIGHT];
	struct radix_tree_node *node;
	void **slot;

	if (!item)
		return -EINVAL;
	if (radix_tree_extend(root, radix_tree_height_for(index)))
		return -ENOMEM;
	if (!root->rnode && !(root->rnode = radix_tree_node_alloc()))
		goto nomem;
	node = root->rnode;
	for (unsigned int level = root->height - 1; level > 0; level--) {
		slot = &node->slots[radix_tree_digit(index, level)];
		if (!*slot) {
			if (!(*slot = radix_tree_node_alloc()))
				goto nomem;
			node->count++;
		}
		node = *slot;
	}
	slot = &node->slots[radix_tree_digit(index, 0)];
	if (*slot)
		return -EEXIST;	/* the path existed: nothing was allocated */
	*slot = item;
	node->count++;
	return 0;

nomem:
	radix_tree_descend(root, index, path);
	radix_tree_free_empty(root, index, path);
	return -ENOMEM;
}

/* Empty the slot, then free what that emptied (see radix_tree_free_empty). */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *path[RADIX_TREE_MAX_HEIGHT];
	struct radix_tree_node *leaf = radix_tree_descend(root, index, path);
	unsigned int i = radix_tree_digit(index, 0);
	void *item = leaf ? leaf->slots[i] : NULL;

	if (!item)
		return NULL;
	leaf->slots[i] = NULL;
	leaf->count--;
	radix_tree_free_empty(root, index, path);
	return item;
}

/* The leaf (level-0 node) holding the first item at an index >= *indexp;
 * *indexp becomes that item's index.  At each level the walk takes the
 * first used slot at or after the index's digit (moving right zeroes the
 * digits below); a node with none is skipped whole: the index moves to the
 * start of the next subtree of that node's span and the walk starts again
 * from the root.  So the work is O(height) per leaf found or per empty
 * subtree skipped, never per index.  NULL when there is nothing further
 * (or the index would wrap past ~0). */
static struct radix_tree_node *radix_tree_next_leaf(const struct radix_tree_root *root,
						    unsigned long *indexp)
{
	unsigned long index = *indexp;

	if (!root->rnode || index > radix_tree_maxindex(root->height))
		return NULL;
	for (;;) {
		struct radix_tree_node *node = root->rnode;
		int level;

		for (level = (int)root->height - 1; level >= 0; level--) {
			unsigned int shift = level * RADIX_TREE_MAP_SHIFT;
			unsigned int i = radix_tree_digit(index, level);

			while (i < RADIX_TREE_MAP_SIZE && !node->slots[i])
				i++;
			if (i == RADIX_TREE_MAP_SIZE)
				break;
			if (i != radix_tree_digit(index, level))
				index = (((index >> shift) & ~RADIX_TREE_MAP_MASK) | i) << shift;
			if (level == 0) {
				*indexp = index;
				return node;	/* its slot i is the item */
			}
			node = node->slots[i];
		}
		if (level + 1 == (int)root->height)
			return NULL;	/* nothing right of index in the whole tree */
		/* past the node at `level`: it spans 64^(level+1) indexes */
		unsigned int span_shift = (level + 1) * RADIX_TREE_MAP_SHIFT;
		index = ((index >> span_shift) + 1) << span_shift;
		/* wrapped past ~0UL, or carried into a digit above the root's
		 * level (64^height): nothing there, and walking the root with
		 * that index would read its digits as a smaller index's */
		if (!index || index > radix_tree_maxindex(root->height))
			return NULL;
	}
}

/* At the first item at an index in [first, last] (slot NULL: none): one
 * walk down to its leaf (radix_tree_next_leaf).  The iterator then holds
 * the item's index and slot, and how far in this leaf radix_tree_iter_next
 * may read on without walking again: to the leaf's last slot, or to `last`
 * if that comes first (a leaf's last index, base + 63, never wraps: base
 * is a multiple of 64). */
struct radix_tree_iter radix_tree_iter_find(const struct radix_tree_root *root,
					    unsigned long first, unsigned long last)
{
	struct radix_tree_iter iter = { .slot = NULL };
	struct radix_tree_node *leaf;
	unsigned long index = first;

	if (first > last || !(leaf = radix_tree_next_leaf(root, &index)) || index > last)
		return iter;
	unsigned long base = index - radix_tree_digit(index, 0);	/* slot 0's index */

	iter.index = index;
	iter.slot = &leaf->slots[radix_tree_digit(index, 0)];
	iter.leaf_last = MIN(last, base + RADIX_TREE_MAP_MASK);
	iter.last = last;
	return iter;
}

/* The page cache's "what is there in this range" (find_pages_range,
 * truncation): up to max items of [first, last] in index order, by the
 * same scan as fault-around's (radix_tree_for_each). */
unsigned int radix_tree_gang_lookup_range(const struct radix_tree_root *root, void **results,
					  unsigned long *indices, unsigned long first,
					  unsigned long last, unsigned int max)
{
	struct radix_tree_iter iter;
	unsigned int n = 0;
	void *item;

	if (!max)
		return 0;
	radix_tree_for_each(item, root, iter, first, last) {
		results[n] = item;
		if (indices)
			indices[n] = iter.index;
		if (++n == max)
			break;
	}
	return n;
}
