/* kernel/rbtree.c — red-black tree insert, erase and walk (kernel/rbtree.h).
 *
 * The invariants, kept by every function here:
 *
 *   1. every node is red or black; the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node to a NULL link below it has the same number of
 *      black nodes (the node's black height).
 *
 *            B13             black height 2 on every path:
 *           /    \             13-8-1-nil, 13-8-11-nil, 13-17-15-nil, ...
 *         R8      R17          (NULL links count as black leaves)
 *        /  \     /  \
 *      B1  B11  B15  B25
 *
 * Insert hangs a red node at a leaf: (3) still holds, (2) may not (red
 * parent) and is repaired upwards.  Erase may take a black node off a path:
 * (3) breaks ("a path is short of one black") and is repaired upwards.  Both
 * repairs recolour, and rotate at most three times.
 *
 * The fix-ups are written once for both sides: `dir` is the side of a
 * child (RB_LEFT or RB_RIGHT), `!dir` the other side.  Linux's lib/rbtree.c
 * writes each case twice, mirrored; the cases and their numbers are the
 * same.  A rotation keeps each node's colour; the callers recolour.
 *
 * Augmented trees: every change of links goes through rotate() (which calls
 * augment->rotate) or through erase_unlink() (copy and propagate), so a
 * subtree value is never left stale (rbtree.h explains the callbacks). */
#include "kernel/rbtree.h"

enum { RB_LEFT = 0, RB_RIGHT = 1 };

static inline struct rb_node **rb_child(struct rb_node *n, int dir)
{
	return dir == RB_LEFT ? &n->rb_left : &n->rb_right;
}

/* The side of its parent that n hangs on. */
static inline int rb_side(const struct rb_node *n, const struct rb_node *parent)
{
	return parent->rb_left == n ? RB_LEFT : RB_RIGHT;
}

/* A NULL link counts as black. */
static inline bool node_is_red(const struct rb_node *n)
{
	return n && rb_is_red(n);
}

static inline void rb_set_parent(struct rb_node *n, struct rb_node *parent)
{
	n->__rb_parent_color = (unsigned long)parent | rb_color(n);
}

static inline void rb_set_color(struct rb_node *n, int color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | color;
}

/* Make the link that pointed to old (in parent, or the root) point to new. */
static void replace_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
			  struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else
		*rb_child(parent, rb_side(old, parent)) = new;
}

/* Rotate x down towards dir; its child on the other side, y, takes its place:
 *
 *	rotate(x, RB_LEFT):     x                y
 *	                       / \              / \
 *	                      a   y     ->     x   c
 *	                         / \          / \
 *	                        b   c        a   b
 *
 * The in-order sequence (a x b y c) is unchanged; colours are kept. */
static void rotate(struct rb_node *x, int dir, struct rb_root *root,
		   const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent = rb_parent(x);
	struct rb_node *y = *rb_child(x, !dir);
	struct rb_node *b = *rb_child(y, dir);

	*rb_child(x, !dir) = b;
	if (b)
		rb_set_parent(b, x);
	*rb_child(y, dir) = x;
	replace_child(x, y, parent, root);
	rb_set_parent(y, parent);
	rb_set_parent(x, y);
	augment->rotate(x, y);
}

static void dummy_propagate(struct rb_node *node, struct rb_node *stop) {}
static void dummy_copy(struct rb_node *old, struct rb_node *new) {}
static void dummy_rotate(struct rb_node *old, struct rb_node *new) {}

/* A plain tree is an augmented tree with nothing to maintain. */
static const struct rb_augment_callbacks dummy_callbacks = {
	dummy_propagate, dummy_copy, dummy_rotate
};

/* Insert fix-up.  node is red; while its parent is red too, (2) is broken
 * there.  The grandparent g is black (it has a red child, and (2) held
 * before).  u is the uncle, the parent's sibling:
 *
 *   case 1: u red: make p and u black, g red; the problem moves up to g.
 *   case 2: node is the inner grandchild (p's child on the side away from
 *           p's own side): rotate at p, so that it becomes the outer one.
 *   case 3: node is the outer grandchild: rotate at g, p takes g's place;
 *           p black, g red.  Black heights are as before: done. */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		struct rb_node *g = rb_parent(parent);	/* exists: the root is black */
		int side = rb_side(parent, g);
		struct rb_node *uncle = *rb_child(g, !side);

		if (node_is_red(uncle)) {			/* case 1 */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(g, RB_RED);
			node = g;
			continue;
		}
		if (node == *rb_child(parent, !side)) {		/* case 2 */
			rotate(parent, side, root, augment);
			node = parent;
			parent = rb_parent(node);
		}
		rotate(g, !side, root, augment);		/* case 3 */
		rb_set_color(parent, RB_BLACK);
		rb_set_color(g, RB_RED);
		break;
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	rb_insert_augmented(node, root, &dummy_callbacks);
}

/* Take node out of the tree, keeping the links and the augmented values
 * right.  Returns the parent of the place where a path lost a black node
 * (where erase_fixup must start), or NULL when all black heights held.
 *
 * A node with at most one child is replaced by that child.  A node with two
 * children is replaced by its successor s (the leftmost node of its right
 * subtree, which has no left child); s's own place is taken by s's right
 * child. */
static struct rb_node *erase_unlink(struct rb_node *node, struct rb_root *root,
				    const struct rb_augment_callbacks *augment)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *left = node->rb_left, *right = node->rb_right;
	struct rb_node *s, *hole_parent, *s_child;
	bool s_was_black;

	if (!left || !right) {
		struct rb_node *child = left ? left : right;
		struct rb_node *rebalance = NULL;

		replace_child(node, child, parent, root);
		if (child)	/* by (2) and (3): node black, child red and alone */
			child->__rb_parent_color = node->__rb_parent_color;
		else if (rb_is_black(node))
			rebalance = parent;
		augment->propagate(parent, NULL);
		return rebalance;
	}

	s = right;
	while (s->rb_left)
		s = s->rb_left;
	s_child = s->rb_right;
	s_was_black = rb_is_black(s);
	if (s == right) {
		/*    node            s
		 *   /    \          / \
		 *  L      s   ->   L   s_child
		 *          \
		 *           s_child                                */
		hole_parent = s;
		augment->copy(node, s);
	} else {
		/* s is deeper: lift it out, its right child takes its place
		 * as the left child of hole_parent. */
		hole_parent = rb_parent(s);
		hole_parent->rb_left = s_child;
		s->rb_right = right;
		rb_set_parent(right, s);
		augment->copy(node, s);
		augment->propagate(hole_parent, s);
	}
	s->rb_left = left;
	rb_set_parent(left, s);
	replace_child(node, s, parent, root);
	s->__rb_parent_color = node->__rb_parent_color;	/* node's parent and colour */

	/* What left the tree is s's old place: a black s leaves its path short,
	 * unless its (red) child can turn black instead. */
	if (s_child) {
		s_child->__rb_parent_color = (unsigned long)hole_parent | RB_BLACK;
		s_was_black = false;
	}
	augment->propagate(s, NULL);
	return s_was_black ? hole_parent : NULL;
}

/* Erase fix-up.  The subtree at `node` (on side dir of parent; NULL when it
 * is an empty link) has one black node less than its sibling subtree.
 * node is black (a red node would just turn black).  s is the sibling:
 *
 *   case 1: s red: rotate at parent so that s takes its place (s black,
 *           parent red); node's new sibling is black: go on below.
 *   case 2: s black, both its children black: make s red, so both sides
 *           are short.  A red parent turns black and that repairs it; a
 *           black parent is now short itself: go up.
 *   case 3: s black, its far child black, near child red: rotate at s, so
 *           that the near child becomes the sibling, and s, made red, its
 *           far child.
 *   case 4: s black, far child red: rotate at parent, s takes parent's
 *           colour, parent and the far child turn black: done. */
static void erase_fixup(struct rb_node *parent, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *node = NULL;

	for (;;) {
		int dir = rb_side(node, parent);	/* node NULL: the NULL side */
		struct rb_node *s = *rb_child(parent, !dir);	/* not NULL, by (3) */
		struct rb_node *near, *far;

		if (rb_is_red(s)) {				/* case 1 */
			rotate(parent, dir, root, augment);
			rb_set_color(s, RB_BLACK);
			rb_set_color(parent, RB_RED);
			s = *rb_child(parent, !dir);
		}
		near = *rb_child(s, dir);
		far = *rb_child(s, !dir);
		if (!node_is_red(near) && !node_is_red(far)) {	/* case 2 */
			rb_set_color(s, RB_RED);
			if (rb_is_red(parent)) {
				rb_set_color(parent, RB_BLACK);
				return;
			}
			node = parent;
			parent = rb_parent(node);
			if (!parent)
				return;		/* the root: every path is short */
			continue;
		}
		if (!node_is_red(far)) {			/* case 3 */
			rotate(s, !dir, root, augment);
			rb_set_color(s, RB_RED);	/* near's colour: case 4 */
			far = s;
			s = near;
		}
		rotate(parent, dir, root, augment);		/* case 4 */
		rb_set_color(s, rb_color(parent));
		rb_set_color(parent, RB_BLACK);
		rb_set_color(far, RB_BLACK);
		return;
	}
}

void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	struct rb_node *rebalance = erase_unlink(node, root, augment);

	if (rebalance)
		erase_fixup(rebalance, root, augment);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, &dummy_callbacks);
}

/* The outermost node of the subtree at n on side dir. */
static struct rb_node *outermost(struct rb_node *n, int dir)
{
	if (n)
		while (*rb_child(n, dir))
			n = *rb_child(n, dir);
	return n;
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return outermost(root->rb_node, RB_LEFT);
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return outermost(root->rb_node, RB_RIGHT);
}

/* The neighbour of n on side dir: the outermost node the other way in the
 * subtree on that side; or, without one, the first ancestor that has n in
 * its subtree on the other side. */
static struct rb_node *neighbour(const struct rb_node *n, int dir)
{
	struct rb_node *parent;

	if (*rb_child((struct rb_node *)n, dir))
		return outermost(*rb_child((struct rb_node *)n, dir), !dir);
	while ((parent = rb_parent(n)) && *rb_child(parent, dir) == n)
		n = parent;
	return parent;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	return RB_EMPTY_NODE(node) ? NULL : neighbour(node, RB_RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return RB_EMPTY_NODE(node) ? NULL : neighbour(node, RB_LEFT);
}
