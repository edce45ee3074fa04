/* kernel/rbtree.h — red-black trees, as Linux's <linux/rbtree.h> and
 * <linux/rbtree_augmented.h> (both in one header here).
 *
 * The tree is intrusive: a struct rb_node sits inside the object, and
 * rb_entry() gets back from the node to the object.  The tree does not
 * know the keys.  The user searches, finds where the new node hangs, links
 * it there with rb_link_node(), then lets rb_insert_color() rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, rb)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->rb, parent, link);
 *	rb_insert_color(&new->rb, root);
 *
 * Augmented trees keep a value in every node that summarises its subtree
 * (the VMA tree: the largest free gap below any VMA of the subtree).  The
 * user supplies three callbacks (struct rb_augment_callbacks), and keeps
 * the values on the path to a new node right before rb_insert_augmented();
 * rotations and erases then keep every value right.  RB_DECLARE_CALLBACKS
 * and RB_DECLARE_CALLBACKS_MAX write the callbacks for the usual cases.
 *
 * The invariants (kernel/rbtree.c keeps them):
 *   1. every node is red or black; the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to a NULL link passes the same number
 *      of black nodes (its black height).
 * So the longest root-to-leaf path (red and black alternating) is at most
 * twice the shortest (all black), and the height is <= 2 log2(n + 1). */
#ifndef KERNEL_RBTREE_H
#define KERNEL_RBTREE_H

#include "kernel/types.h"

/* The parent pointer and the colour share a word: nodes are at least
 * 4-byte aligned, so bit 0 of the parent's address is free for the colour. */
struct rb_node {
	unsigned long __rb_parent_color;	/* parent | colour (bit 0) */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED		0
#define RB_BLACK	1

#define RB_ROOT		((struct rb_root){ NULL })
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) \
	({ __typeof__(ptr) ____ptr = (ptr); ____ptr ? rb_entry(____ptr, type, member) : NULL; })

static inline struct rb_node *rb_parent(const struct rb_node *n)
{
	return (struct rb_node *)(n->__rb_parent_color & ~3UL);
}

static inline int rb_color(const struct rb_node *n)  { return n->__rb_parent_color & 1; }
static inline bool rb_is_red(const struct rb_node *n)   { return rb_color(n) == RB_RED; }
static inline bool rb_is_black(const struct rb_node *n) { return rb_color(n) == RB_BLACK; }

#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)
/* A node that is in no tree points to itself (RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

/* Hang node at *link, below parent (NULL for the root), red and childless.
 * The tree is not balanced until rb_insert_color (or _augmented). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **link)
{
	node->__rb_parent_color = (unsigned long)parent;	/* colour bit 0: red */
	node->rb_left = node->rb_right = NULL;
	*link = node;
}

/* Rebalance after rb_link_node. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Take node out of the tree and rebalance.  The node itself is left as it
 * was (RB_CLEAR_NODE it to mark it as unlinked). */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order walk: the smallest, the largest, the next and the previous
 * node; NULL past either end or in an empty tree.  O(log n) each, O(1)
 * amortised over a full walk. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* ---- augmented trees (Linux: <linux/rbtree_augmented.h>) ---------------
 *
 * propagate(node, stop): node's own data changed: recompute the value of
 *	node and of its ancestors, up to (not including) stop, or to the root
 *	when stop is NULL; it may stop early where a value did not change.
 * copy(old, new): new takes old's place in the tree (erase of a node with
 *	two children): new->value = old->value.
 * rotate(old, new): a rotation made new the parent of old, in the place
 *	old had: new now has old's subtree (new->value = old->value), and
 *	old's value must be recomputed from its new children.
 * Both the insert and the erase call them with the tree's links already
 * updated. */
struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

/* rb_insert_color for an augmented tree: the caller has set the new node's
 * value and propagated it to its ancestors (rb_link_node, then propagate). */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
/* rb_erase for an augmented tree: every value stays right. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/* The three callbacks, for a value RBAUGMENTED in RBSTRUCT (whose rb_node
 * is RBFIELD) that RBCOMPUTE(node, exit) recomputes from the node and its
 * children.  RBCOMPUTE returns true when exit is set and the value did not
 * change (propagate then stops: the ancestors are already right). */
#define RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBAUGMENTED, RBCOMPUTE) \
static void RBNAME##_propagate(struct rb_node *rb, struct rb_node *stop)          \
{                                                                                   \
	for (; rb != stop; rb = rb_parent(rb)) {                                    \
		RBSTRUCT *n = rb_entry(rb, RBSTRUCT, RBFIELD);                      \
		if (RBCOMPUTE(n, true))                                             \
			break;                                                      \
	}                                                                           \
}                                                                                   \
static void RBNAME##_copy(struct rb_node *rb_old, struct rb_node *rb_new)         \
{                                                                                   \
	rb_entry(rb_new, RBSTRUCT, RBFIELD)->RBAUGMENTED =                          \
		rb_entry(rb_old, RBSTRUCT, RBFIELD)->RBAUGMENTED;                   \
}                                                                                   \
static void RBNAME##_rotate(struct rb_node *rb_old, struct rb_node *rb_new)       \
{                                                                                   \
	RBSTRUCT *o = rb_entry(rb_old, RBSTRUCT, RBFIELD);                          \
	rb_entry(rb_new, RBSTRUCT, RBFIELD)->RBAUGMENTED = o->RBAUGMENTED;          \
	RBCOMPUTE(o, false);                                                        \
}                                                                                   \
RBSTATIC const struct rb_augment_callbacks RBNAME = {                               \
	RBNAME##_propagate, RBNAME##_copy, RBNAME##_rotate                          \
}

/* The common case: the value is the maximum of RBCOMPUTE(node) (a scalar
 * of type RBTYPE from the node alone) over the subtree.  Also defines
 * RBNAME##_compute_max(node, exit), for the user's own propagation. */
#define RB_DECLARE_CALLBACKS_MAX(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBTYPE,           \
				 RBAUGMENTED, RBCOMPUTE)                                \
static inline bool RBNAME##_compute_max(RBSTRUCT *node, bool exit)                  \
{                                                                                   \
	RBTYPE max = RBCOMPUTE(node);                                               \
	struct rb_node *kids[2] = { node->RBFIELD.rb_left, node->RBFIELD.rb_right }; \
	for (int i = 0; i < 2; i++) {                                               \
		if (kids[i] && rb_entry(kids[i], RBSTRUCT, RBFIELD)->RBAUGMENTED > max) \
			max = rb_entry(kids[i], RBSTRUCT, RBFIELD)->RBAUGMENTED;    \
	}                                                                           \
	if (exit && node->RBAUGMENTED == max)                                       \
		return true;                                                        \
	node->RBAUGMENTED = max;                                                    \
	return false;                                                               \
}                                                                                   \
RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD, RBAUGMENTED, RBNAME##_compute_max)

#endif
