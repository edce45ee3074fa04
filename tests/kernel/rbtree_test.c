/* tests/kernel/rbtree_test.c — the red-black tree (kernel/rbtree.c).
 *
 * Nodes come from one kzalloc'd pool per case, keys from an LCG.  After
 * every change the tree goes through rb_check(), which verifies each rule
 * of kernel/rbtree.h on every node (a recursive walk: parent links, no red
 * child of a red node, equal black heights, search order, and for the
 * augmented tree each node's subtree maximum recomputed from scratch),
 * then walks it with rb_first/rb_next and rb_last/rb_prev.  It returns
 * "ok" or what broke, so a failure names the rule. */
#include "kernel/ktest.h"
#include "kernel/rbtree.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define NODES	400

struct tnode {
	struct rb_node rb;
	unsigned long key;
	unsigned long val;	/* augmented tree: the node's value ... */
	unsigned long max;	/* ... and the largest value in its subtree */
	bool in;		/* in the tree now (the brute-force truth) */
};

static inline unsigned long tnode_val(struct tnode *n)
{
	return n->val;
}

RB_DECLARE_CALLBACKS_MAX(static, tmax_callbacks, struct tnode, rb, unsigned long, max, tnode_val);

static unsigned long lcg(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

static struct tnode *tn(struct rb_node *n)
{
	return rb_entry_safe(n, struct tnode, rb);
}

static struct tnode *pool_alloc(void)
{
	return kzalloc(NODES * sizeof(struct tnode));
}

/* Insert by key (equal keys go right).  aug: the augmented tree, whose
 * maxima on the search path are raised on the way down, as the contract
 * of rb_insert_augmented asks. */
static void tree_insert(struct rb_root *root, struct tnode *x, bool aug)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct tnode *p = tn(*link);

		parent = *link;
		if (aug && p->max < x->val)
			p->max = x->val;
		link = x->key < p->key ? &parent->rb_left : &parent->rb_right;
	}
	x->max = x->val;
	x->in = true;
	rb_link_node(&x->rb, parent, link);
	if (aug)
		rb_insert_augmented(&x->rb, root, &tmax_callbacks);
	else
		rb_insert_color(&x->rb, root);
}

static void tree_erase(struct rb_root *root, struct tnode *x, bool aug)
{
	if (aug)
		rb_erase_augmented(&x->rb, root, &tmax_callbacks);
	else
		rb_erase(&x->rb, root);
	x->in = false;
}

/* Black height of the subtree at n, or -1 with *why set. */
static int check_node(struct rb_node *n, struct rb_node *parent, bool aug, int *count,
		      const char **why)
{
	struct tnode *x = tn(n);
	int lh, rh;

	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		return *why = "a parent link is wrong", -1;
	if (rb_is_red(n) && parent && rb_is_red(parent))
		return *why = "a red node has a red parent", -1;
	if (!x->in)
		return *why = "an erased node is still in the tree", -1;
	if ((n->rb_left && tn(n->rb_left)->key > x->key) ||
	    (n->rb_right && tn(n->rb_right)->key < x->key))
		return *why = "a child is on the wrong side", -1;
	lh = check_node(n->rb_left, n, aug, count, why);
	rh = check_node(n->rb_right, n, aug, count, why);
	if (lh < 0 || rh < 0)
		return -1;
	if (lh != rh)
		return *why = "black heights differ", -1;
	if (aug) {
		unsigned long m = x->val;
		if (n->rb_left)
			m = MAX(m, tn(n->rb_left)->max);
		if (n->rb_right)
			m = MAX(m, tn(n->rb_right)->max);
		if (x->max != m)
			return *why = "an augmented maximum is stale", -1;
	}
	(*count)++;
	return lh + rb_is_black(n);
}

/* "ok", or the rule the tree breaks.  pool[0..n) are all the nodes there
 * are; those with ->in set must be exactly the tree's. */
static const char *rb_check(struct rb_root *root, struct tnode *pool, int n, bool aug)
{
	const char *why = "ok";
	int count = 0, fwd = 0, back = 0, expected = 0;
	unsigned long brute_max = 0;
	struct rb_node *r;

	for (int i = 0; i < n; i++) {
		if (pool[i].in) {
			expected++;
			brute_max = MAX(brute_max, pool[i].val);
		}
	}
	if (root->rb_node && rb_is_red(root->rb_node))
		return "the root is red";
	if (check_node(root->rb_node, NULL, aug, &count, &why) < 0)
		return why;
	if (count != expected)
		return "the tree does not hold the nodes inserted and not erased";
	for (r = rb_first(root); r; r = rb_next(r), fwd++)
		if (rb_next(r) && tn(rb_next(r))->key < tn(r)->key)
			return "rb_next goes down";
	for (r = rb_last(root); r; r = rb_prev(r), back++)
		if (rb_prev(r) && tn(rb_prev(r))->key > tn(r)->key)
			return "rb_prev goes up";
	if (fwd != count || back != count)
		return "the in-order walks miss nodes";
	if (aug && root->rb_node && tn(root->rb_node)->max != brute_max)
		return "the root's maximum is not the largest value";
	return "ok";
}

static int tree_height(struct rb_node *n)
{
	return n ? 1 + MAX(tree_height(n->rb_left), tree_height(n->rb_right)) : 0;
}

static void empty_tree(struct ktest *t)
{
	struct rb_root root = RB_ROOT;
	struct tnode x = { .key = 1 };

	KEXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
	KEXPECT_NULL(t, rb_first(&root));
	KEXPECT_NULL(t, rb_last(&root));
	/* one node: it is the root, black, first and last */
	tree_insert(&root, &x, false);
	KEXPECT_TRUE(t, root.rb_node == &x.rb);
	KEXPECT_TRUE(t, rb_is_black(&x.rb));
	KEXPECT_TRUE(t, rb_first(&root) == &x.rb && rb_last(&root) == &x.rb);
	KEXPECT_NULL(t, rb_next(&x.rb));
	KEXPECT_NULL(t, rb_prev(&x.rb));
	rb_erase(&x.rb, &root);
	KEXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
	/* a cleared node is in no tree and has no neighbours */
	RB_CLEAR_NODE(&x.rb);
	KEXPECT_TRUE(t, RB_EMPTY_NODE(&x.rb));
	KEXPECT_NULL(t, rb_next(&x.rb));
}

/* Sorted input is the worst case of a plain BST (a list): the tree must
 * stay within 2 log2(n + 1) levels. */
static void insert_sorted_stays_balanced(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root up = RB_ROOT, down = RB_ROOT;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES / 2; i++) {
		pool[i].key = i;
		tree_insert(&up, &pool[i], false);
		KEXPECT_STREQ(t, rb_check(&up, pool, NODES / 2, false), "ok");
	}
	for (int i = NODES / 2; i < NODES; i++) {
		pool[i].key = NODES - i;
		tree_insert(&down, &pool[i], false);
	}
	KEXPECT_STREQ(t, rb_check(&down, pool + NODES / 2, NODES / 2, false), "ok");
	/* 200 nodes: log2(201) < 7.7, so at most 15 levels */
	KEXPECT_LE(t, tree_height(up.rb_node), 15);
	KEXPECT_LE(t, tree_height(down.rb_node), 15);
	KEXPECT_EQ(t, tn(rb_first(&up))->key, 0UL);
	KEXPECT_EQ(t, tn(rb_last(&down))->key, (unsigned long)NODES / 2);
	kfree(pool);
}

/* Random keys, duplicates included; the invariants after every insert. */
static void insert_random_in_order(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 1, prev = 0;
	int n = 0;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = lcg(&seed) % 1000;
		tree_insert(&root, &pool[i], false);
		KEXPECT_STREQ(t, rb_check(&root, pool, NODES, false), "ok");
	}
	for (struct rb_node *r = rb_first(&root); r; r = rb_next(r), n++) {
		KEXPECT_GE(t, tn(r)->key, prev);
		prev = tn(r)->key;
	}
	KEXPECT_EQ(t, n, NODES);
	kfree(pool);
}

/* Keys 0..n-1 in a scrambled order: first, last, next and prev land on
 * exactly the neighbouring keys, and stop at the ends. */
static void first_last_next_prev(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	struct rb_node *r;
	unsigned long k = 0;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = (i * 137UL) % NODES;	/* 137 is prime to 400: a permutation */
		tree_insert(&root, &pool[i], false);
	}
	KEXPECT_STREQ(t, rb_check(&root, pool, NODES, false), "ok");
	KEXPECT_EQ(t, tn(rb_first(&root))->key, 0UL);
	KEXPECT_EQ(t, tn(rb_last(&root))->key, (unsigned long)NODES - 1);
	for (r = rb_first(&root); r; r = rb_next(r), k++) {
		KEXPECT_EQ(t, tn(r)->key, k);
		if (rb_prev(r))
			KEXPECT_EQ(t, tn(rb_prev(r))->key, k - 1);
	}
	KEXPECT_EQ(t, k, (unsigned long)NODES);
	KEXPECT_NULL(t, rb_prev(rb_first(&root)));
	KEXPECT_NULL(t, rb_next(rb_last(&root)));
	for (r = rb_last(&root); r; r = rb_prev(r))
		k--;
	KEXPECT_EQ(t, k, 0UL);
	kfree(pool);
}

/* Erase a random half; the invariants after every erase, and exactly the
 * nodes left by the brute-force record are still there (rb_check). */
static void erase_random_half(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 7;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = lcg(&seed) % 5000;
		tree_insert(&root, &pool[i], false);
	}
	for (int i = 0; i < NODES; i++) {
		if (lcg(&seed) & 1) {
			tree_erase(&root, &pool[i], false);
			KEXPECT_STREQ(t, rb_check(&root, pool, NODES, false), "ok");
		}
	}
	for (int i = 0; i < NODES; i++)
		if (pool[i].in)
			tree_erase(&root, &pool[i], false);
	KEXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
	kfree(pool);
}

/* Erase everything in a random order; the tree ends empty. */
static void erase_everything(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 99;
	int left = NODES;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = i;
		tree_insert(&root, &pool[i], false);
	}
	while (left) {
		int i = lcg(&seed) % NODES;
		if (!pool[i].in)
			continue;
		tree_erase(&root, &pool[i], false);
		left--;
		KEXPECT_STREQ(t, rb_check(&root, pool, NODES, false), "ok");
	}
	KEXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
	KEXPECT_NULL(t, rb_first(&root));
	KEXPECT_NULL(t, rb_last(&root));
	kfree(pool);
}

/* The root always has two children (until the end), so every erase takes
 * the successor path, at every depth of the successor. */
static void erase_root_repeatedly(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 3;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = lcg(&seed) % 100000;
		tree_insert(&root, &pool[i], false);
	}
	while (!RB_EMPTY_ROOT(&root)) {
		tree_erase(&root, tn(root.rb_node), false);
		KEXPECT_STREQ(t, rb_check(&root, pool, NODES, false), "ok");
	}
	kfree(pool);
}

/* Augmented: the subtree maximum of every node, recomputed from scratch by
 * rb_check, holds after each insert (with its rotations) ... */
static void augmented_insert(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 11;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = i < NODES / 2 ? (unsigned long)i : lcg(&seed) % 3000;	/* sorted: many rotations */
		pool[i].val = lcg(&seed) % 100000;
		tree_insert(&root, &pool[i], true);
		KEXPECT_STREQ(t, rb_check(&root, pool, NODES, true), "ok");
	}
	for (int i = 0; i < NODES; i++)
		tree_erase(&root, &pool[i], true);
	kfree(pool);
}

/* ... after each erase (successor copies, propagation and rebalancing) ... */
static void augmented_erase(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 12;
	int left = NODES;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < NODES; i++) {
		pool[i].key = lcg(&seed) % 3000;
		pool[i].val = lcg(&seed) % 100000;
		tree_insert(&root, &pool[i], true);
	}
	while (left) {
		int i = lcg(&seed) % NODES;
		if (!pool[i].in)
			continue;
		tree_erase(&root, &pool[i], true);
		left--;
		KEXPECT_STREQ(t, rb_check(&root, pool, NODES, true), "ok");
	}
	KEXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
	kfree(pool);
}

/* ... and after a node's own value changes and propagate runs; with
 * inserts and erases interleaved at random. */
static void augmented_mixed(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	unsigned long seed = 13;
	KASSERT_NOT_NULL(t, pool);

	for (int step = 0; step < 3 * NODES; step++) {
		struct tnode *x = &pool[lcg(&seed) % NODES];
		unsigned long op = lcg(&seed) % 3;

		if (!x->in) {
			x->key = lcg(&seed) % 500;
			x->val = lcg(&seed) % 100000;
			tree_insert(&root, x, true);
		} else if (op == 0) {
			tree_erase(&root, x, true);
		} else {
			x->val = lcg(&seed) % 100000;	/* up or down */
			tmax_callbacks.propagate(&x->rb, NULL);
		}
		KEXPECT_STREQ(t, rb_check(&root, pool, NODES, true), "ok");
	}
	for (int i = 0; i < NODES; i++)
		if (pool[i].in)
			tree_erase(&root, &pool[i], true);
	KEXPECT_TRUE(t, RB_EMPTY_ROOT(&root));
	kfree(pool);
}

/* The checker itself must catch broken trees, or every "ok" above means
 * nothing: a red-red pair, a wrong black height, a stale maximum. */
static void checker_catches_breakage(struct ktest *t)
{
	struct tnode *pool = pool_alloc();
	struct rb_root root = RB_ROOT;
	struct rb_node *r;
	KASSERT_NOT_NULL(t, pool);

	for (int i = 0; i < 15; i++) {
		pool[i].key = i;
		pool[i].val = i;
		tree_insert(&root, &pool[i], true);
	}
	KEXPECT_STREQ(t, rb_check(&root, pool, 15, true), "ok");
	r = rb_last(&root);				/* a leaf */
	r->__rb_parent_color ^= 1;			/* flip its colour */
	KEXPECT_FALSE(t, strcmp(rb_check(&root, pool, 15, true), "ok") == 0);
	r->__rb_parent_color ^= 1;
	tn(r)->val = 1000;				/* without propagate */
	KEXPECT_STREQ(t, rb_check(&root, pool, 15, true), "an augmented maximum is stale");
	tmax_callbacks.propagate(r, NULL);
	KEXPECT_STREQ(t, rb_check(&root, pool, 15, true), "ok");
	KEXPECT_EQ(t, tn(root.rb_node)->max, 1000UL);
	kfree(pool);
}

KTEST_SUITE(rbtree,
	KTEST_CASE(empty_tree),
	KTEST_CASE(insert_sorted_stays_balanced),
	KTEST_CASE(insert_random_in_order),
	KTEST_CASE(first_last_next_prev),
	KTEST_CASE(erase_random_half),
	KTEST_CASE(erase_everything),
	KTEST_CASE(erase_root_repeatedly),
	KTEST_CASE(augmented_insert),
	KTEST_CASE(augmented_erase),
	KTEST_CASE(augmented_mixed),
	KTEST_CASE(checker_catches_breakage));
