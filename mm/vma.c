/* mm/vma.c — the VMAs of an address space: a tree for lookups, a list for
 * walks, and free gaps for placing new mappings (Linux's mm/mmap.c before
 * the maple tree).
 *
 * Every VMA of an mm is in two structures at once:
 *
 *   mm->mm_rb      red-black tree ordered by vm_start: find_vma in O(log n)
 *                  (O(1) for the VMA it found last: mm->mmap_cache)
 *   mm->mmap_list  list in address order: prev/next in O(1), walks
 *
 * and each tree node carries rb_subtree_gap, the largest free gap below any
 * VMA of its subtree.  The gap below a VMA runs from the end of the VMA
 * before it (0 for the first) to its start:
 *
 *   0        A           B              C                  mmap_base
 *   |--------[====)------[=====)--------[===)......free.......|
 *    gap(A)        gap(B)       gap(C)       (above the last VMA:
 *                                             not in any node)
 *
 *   tree:        B  rb_subtree_gap = max(gap(A), gap(B), gap(C))
 *               / \
 *              A   C   rb_subtree_gap = gap(A), gap(C)
 *
 * The values are kept through the augmented red-black tree's callbacks
 * (vma_gap_callbacks); a VMA's own gap depends on its list neighbour, so
 * whatever changes a VMA's start, or the end of the VMA before it, calls
 * vma_gap_update.  get_unmapped_area then finds the highest free range
 * below mmap_base by descending only into subtrees whose largest gap is
 * big enough (Linux's unmapped_area_topdown).
 *
 * Nothing here touches page tables, struct file or struct page: unmapping
 * and file reference counting belong to the callers (mm/mmap.c), except
 * where a VMA is copied or dropped here (split_vma, vma_merge): see the
 * file-reference hook below.
 *
 * To move a VMA's bounds, vma_unlink it, change them, insert_vm_struct it
 * again: the tree's order and gaps cannot follow a change made in place. */
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/kmalloc.h"
#include "kernel/fs/fs.h"
#include "kernel/err.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

/* What a VMA of npages adds to (sign 1) or takes from (-1) its mm's
 * counts: total_vm always, locked_vm when it is VM_LOCKED.  Linux adjusts
 * locked_vm by hand in mmap, munmap, mremap, stack growth and mlock; here
 * every VMA enters and leaves its mm, and changes size, through the three
 * functions that call this, so the count follows the VMAs by itself and
 * only a change of VM_LOCKED in place (mlock_fixup) adjusts it. */
static void vma_account(struct mm_struct *mm, const struct vm_area_struct *vma, long npages)
{
	mm->total_vm += npages;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += npages;
}

/* A VMA of a file holds one reference to it (get_file/fput): split_vma
 * takes one for the new VMA and vma_merge drops the ones of the VMAs it
 * frees; every other reference (mmap, munmap) is the caller's, as Linux. */

static inline struct vm_area_struct *rb_vma(struct rb_node *n)
{
	return rb_entry(n, struct vm_area_struct, vm_rb);
}

/* The VMA before (after) vma in its mm, or NULL. */
static struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	struct list_head *p = vma->vm_list.prev;
	return p == &vma->vm_mm->mmap_list ? NULL : list_entry(p, struct vm_area_struct, vm_list);
}

static struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	struct list_head *n = vma->vm_list.next;
	return n == &vma->vm_mm->mmap_list ? NULL : list_entry(n, struct vm_area_struct, vm_list);
}

/* Is the list node on a list (not self-linked, not cleared by list_del)? */
static inline bool on_list(const struct list_head *l)
{
	return l->next && l->next != l;
}

/* The free gap just below vma (Linux's vma_compute_gap, with no stack
 * guard gap): from the end of the VMA before it, or 0, to its start. */
static unsigned long vma_compute_gap(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma);
	return vma->vm_start - (prev ? prev->vm_end : 0);
}

RB_DECLARE_CALLBACKS_MAX(static, vma_gap_callbacks, struct vm_area_struct, vm_rb,
			 unsigned long, rb_subtree_gap, vma_compute_gap);

/* vma's own gap changed (its start moved, or the VMA before it changed):
 * recompute rb_subtree_gap from vma up, as far as anything changes. */
static void vma_gap_update(struct vm_area_struct *vma)
{
	vma_gap_callbacks_propagate(&vma->vm_rb, NULL);
}

/* The first VMA that ends above addr: the one holding addr, or the next
 * above it; NULL when none ends above addr.  O(log n), and O(1) when addr
 * is in the VMA found last: faults come in runs over one VMA (a program
 * filling a buffer), so most of them skip the tree.  The cache is Linux's
 * mm->mmap_cache (2.4 to 3.14; later a per-thread vmacache, and since 6.1
 * none: the maple tree is shallow).  vma_unlink forgets the VMA it takes
 * out; a cached VMA whose bounds change stays in the tree, and the check
 * below uses its bounds as they are now. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.rb_node;
	struct vm_area_struct *found = mm->mmap_cache;

	if (found && found->vm_start <= addr && addr < found->vm_end)
		return found;
	found = NULL;

	while (n) {
		struct vm_area_struct *vma = rb_vma(n);

		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	if (found)
		mm->mmap_cache = found;
	return found;
}

/* find_vma, and in *prev the VMA before the one found; when none is found,
 * *prev is the last VMA (NULL in an empty mm), as in Linux. */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **prev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma)
		*prev = vma_prev(vma);
	else if (list_empty(&mm->mmap_list))
		*prev = NULL;
	else
		*prev = list_entry(mm->mmap_list.prev, struct vm_area_struct, vm_list);
	return vma;
}

/* A zeroed VMA of mm, in no tree and on no list; NULL when out of memory. */
struct vm_area_struct *vma_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kzalloc(sizeof(*vma));

	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	RB_CLEAR_NODE(&vma->vm_rb);
	INIT_LIST_HEAD(&vma->vm_list);
	INIT_LIST_HEAD(&vma->shared);
	return vma;
}

/* Free a VMA from vma_alloc that is in no mm (vma_unlink first) and on no
 * file's list of mappings.  Its file reference and ->close are the
 * caller's.  Freeing a linked VMA would leave a dangling pointer: panic. */
void vma_free(struct vm_area_struct *vma)
{
	if (!vma)
		return;
	if (!RB_EMPTY_NODE(&vma->vm_rb) || on_list(&vma->vm_list))
		panic("vma_free: %lx-%lx is still in its mm (vma_unlink it first)",
		      vma->vm_start, vma->vm_end);
	if (on_list(&vma->shared))
		panic("vma_free: %lx-%lx is still on its file's list of mappings",
		      vma->vm_start, vma->vm_end);
	kfree(vma);
}

/* Link vma into the list after prev (NULL: first) and into the tree at
 * *link below parent (where a search for it ended), keeping the gaps. */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct vm_area_struct *prev, struct rb_node *parent, struct rb_node **link)
{
	struct vm_area_struct *next;

	list_add(&vma->vm_list, prev ? &prev->vm_list : &mm->mmap_list);
	next = vma_next(vma);
	if (next)
		vma_gap_update(next);		/* its gap now ends at vma */
	rb_link_node(&vma->vm_rb, parent, link);
	vma->rb_subtree_gap = 0;		/* so the update cannot stop at vma */
	vma_gap_update(vma);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
}

/* Add vma (vm_start/vm_end set, page-aligned, start < end) to mm:
 * 0; -ENOMEM if it overlaps a VMA of mm (as Linux's insert_vm_struct);
 * -EINVAL for an empty or unaligned range.  The overlap test looks only
 * at the search path: the VMAs just below and above the new one's place
 * are both on it, and any overlap would be with one of them. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
	struct vm_area_struct *prev = NULL;

	if (vma->vm_start >= vma->vm_end || !IS_ALIGNED(vma->vm_start | vma->vm_end, PAGE_SIZE))
		return -EINVAL;
	if (!RB_EMPTY_NODE(&vma->vm_rb))
		panic("insert_vm_struct: %lx-%lx is already in an mm (or not from vma_alloc)",
		      vma->vm_start, vma->vm_end);
	while (*link) {
		struct vm_area_struct *v = rb_vma(*link);

		parent = *link;
		if (vma->vm_end <= v->vm_start) {
			link = &parent->rb_left;
		} else if (vma->vm_start >= v->vm_end) {
			prev = v;
			link = &parent->rb_right;
		} else {
			return -ENOMEM;
		}
	}
	vma->vm_mm = mm;
	vma_link(mm, vma, prev, parent, link);
	mm->map_count++;
	vma_account(mm, vma, (long)vma_pages(vma));
	return 0;
}

/* Take vma out of mm's tree and list (it is not freed): map_count,
 * total_vm (and locked_vm) drop, the gap below the next VMA grows. */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next;

	if (RB_EMPTY_NODE(&vma->vm_rb) || vma->vm_mm != mm)
		panic("vma_unlink: %lx-%lx is not in this mm", vma->vm_start, vma->vm_end);
	next = vma_next(vma);
	/* while vma is still on the list, every node's own gap is as stored */
	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
	RB_CLEAR_NODE(&vma->vm_rb);
	if (mm->mmap_cache == vma)
		mm->mmap_cache = NULL;		/* it may be freed next */
	list_del(&vma->vm_list);
	INIT_LIST_HEAD(&vma->vm_list);
	if (next)
		vma_gap_update(next);
	mm->map_count--;
	vma_account(mm, vma, -(long)vma_pages(vma));
}

/* Move the end of vma (in mm) to end; nothing may lie in between.  The
 * gap above it changes: that is the next VMA's. */
static void vma_set_end(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long end)
{
	struct vm_area_struct *next = vma_next(vma);

	vma_account(mm, vma, -(long)vma_pages(vma));
	vma->vm_end = end;
	vma_account(mm, vma, (long)vma_pages(vma));
	if (next)
		vma_gap_update(next);
}

/* Cut vma (in mm) at addr: vma keeps [vm_start, addr), a new VMA gets
 * [addr, vm_end) with the same flags, protection, file, ops and private
 * data, and vm_pgoff advanced by the pages below addr.  The new VMA is
 * put on the file's list of mappings next to vma, its file reference is
 * taken (get_file), and vm_ops->open is called
 * for it, as Linux's __split_vma does.
 *
 * Returns the new VMA, or ERR_PTR(-EINVAL) when addr is not a page
 * boundary strictly inside vma (a user can ask for that: munmap or
 * mprotect of a range ending at a VMA's edge needs no split, so callers
 * check for it first; a user-caused case is never a panic), or
 * ERR_PTR(-ENOMEM).  On error vma is unchanged. */
struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				 unsigned long addr)
{
	struct vm_area_struct *new;

	if (addr <= vma->vm_start || addr >= vma->vm_end || !IS_ALIGNED(addr, PAGE_SIZE))
		return ERR_PTR(-EINVAL);
	new = vma_alloc(mm);
	if (!new)
		return ERR_PTR(-ENOMEM);
	new->vm_start = addr;
	new->vm_end = vma->vm_end;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_flags = vma->vm_flags;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	new->vm_file = vma->vm_file;
	new->vm_ops = vma->vm_ops;
	new->vm_private_data = vma->vm_private_data;
	new->anon_vma = vma->anon_vma;

	vma_set_end(mm, vma, addr);
	if (insert_vm_struct(mm, new))		/* the range was vma's a moment ago */
		panic("split_vma: %lx-%lx does not fit back", new->vm_start, new->vm_end);

	if (on_list(&vma->shared))
		list_add(&new->shared, &vma->shared);
	if (new->vm_file)
		get_file(new->vm_file);		/* the new VMA holds the file too */
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return new;
}

/* Can b, starting where a ends, be one VMA with a?  Linux's rules
 * (is_mergeable_vma): same flags, protection, file, ops; nothing special
 * (VM_SPECIAL) and no ->close (it would not be called for the VMA that
 * goes); a file or device VMA also needs b's pgoff to follow a's.  An
 * anonymous VMA (no file, no ops) has no offset to keep.  VM_SOFTDIRTY
 * does not count (Linux: "VM_SOFTDIRTY should not prevent from VMA
 * merging"), nor the write bit of the protection, which differs only by
 * it once flags and ops are the same: soft-dirty's write-notify of a
 * shared mapping (vma_set_page_prot).  vma_merge settles both. */
static bool vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start)
		return false;
	if (((a->vm_flags ^ b->vm_flags) & ~VM_SOFTDIRTY) || (a->vm_flags & VM_SPECIAL))
		return false;
	if ((pgprot_val(a->vm_page_prot) ^ pgprot_val(b->vm_page_prot)) & ~_PAGE_RW)
		return false;
	if (a->vm_file != b->vm_file || a->vm_ops != b->vm_ops ||
	    a->vm_private_data != b->vm_private_data)
		return false;
	if (a->vm_ops && a->vm_ops->close)
		return false;
	if (!a->vm_file && !a->vm_ops)
		return true;
	return a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

/* Drop a VMA that a merge has absorbed into keep: out of the mm and the
 * file's list of mappings, its file reference dropped (the hook), freed.
 * What keep takes from it: its private pages' flag, and VM_SOFTDIRTY (a
 * VMA soft-dirty as a whole stays so when it grows: new memory reads as
 * written, and a page that was soft-dirty never reads clean), with the
 * protection that follows (no soft-dirty write-notify any more). */
static void vma_drop_merged(struct mm_struct *mm, struct vm_area_struct *keep,
			    struct vm_area_struct *vma)
{
	keep->anon_vma |= vma->anon_vma;
	if ((vma->vm_flags & VM_SOFTDIRTY) && !(keep->vm_flags & VM_SOFTDIRTY)) {
		keep->vm_flags |= VM_SOFTDIRTY;
		vma_set_page_prot(keep);
	}
	vma_unlink(mm, vma);
	if (on_list(&vma->shared)) {
		list_del(&vma->shared);
		INIT_LIST_HEAD(&vma->shared);
	}
	if (vma->vm_file)
		fput(vma->vm_file);		/* its hold on the file goes with it */
	vma_free(vma);
}

/* Merge vma (in mm) with the VMA just above and/or just below it when
 * they touch and are compatible (vma_mergeable).  The lowest of the
 * merged VMAs survives and grows (so its vm_pgoff stays right); the
 * others are freed.  Returns the surviving VMA: vma itself, or the one
 * before it.  (Linux's vma_merge keeps `next` when only it merges; here
 * it is always the lowest, which is one rule instead of two.) */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma), *next = vma_next(vma);

	if (next && vma_mergeable(vma, next)) {
		unsigned long end = next->vm_end;

		vma_drop_merged(mm, vma, next);		/* its private pages are vma's now */
		vma_set_end(mm, vma, end);
	}
	if (prev && vma_mergeable(prev, vma)) {
		unsigned long end = vma->vm_end;

		vma_drop_merged(mm, prev, vma);
		vma_set_end(mm, prev, end);
		vma = prev;
	}
	return vma;
}

/* The highest start for len bytes in [low, high) within the gap below a
 * VMA of the subtree at n; 0 when there is none.  Right (higher) first,
 * then the node's own gap, then left; a subtree whose largest gap is
 * smaller than len is never entered, so apart from the at most two gaps
 * that straddle low or high, the walk goes down one path: O(log n). */
static unsigned long gap_search(struct rb_node *n, unsigned long low, unsigned long high,
				unsigned long len)
{
	struct vm_area_struct *vma;
	unsigned long gap_start, gap_end, addr;

	if (!n || rb_vma(n)->rb_subtree_gap < len)
		return 0;
	vma = rb_vma(n);
	gap_start = vma->vm_start - vma_compute_gap(vma);
	gap_end = MIN(vma->vm_start, high);
	if (gap_start + len <= high) {	/* else this gap and all right of it are too high */
		addr = gap_search(n->rb_right, low, high, len);
		if (addr)
			return addr;
		if (gap_end >= MAX(gap_start, low) + len)
			return gap_end - len;
	}
	if (gap_end < low + len)	/* the gaps to the left end lower still */
		return 0;
	return gap_search(n->rb_left, low, high, len);
}

/* A free range of len bytes (rounded up to pages) for a new mapping: the
 * highest one that ends at or below mm->mmap_base and starts at or above
 * USER_START (top-down, as Linux's unmapped_area_topdown).  Returns its
 * start, -ENOMEM when no gap is big enough, -EINVAL for len 0 (as mmap). */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long low = USER_START, high = ALIGN_DOWN(mm->mmap_base, PAGE_SIZE);
	unsigned long top_start = 0, addr;

	if (!len)
		return -EINVAL;
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (high < low || len > high - low)
		return -ENOMEM;

	/* The gap above the last VMA is below no VMA: no node holds it. */
	if (!list_empty(&mm->mmap_list))
		top_start = list_entry(mm->mmap_list.prev, struct vm_area_struct, vm_list)->vm_end;
	if (MAX(top_start, low) + len <= high)
		return high - len;

	addr = gap_search(mm->mm_rb.rb_node, low, high, len);
	return addr ? addr : (unsigned long)-ENOMEM;
}

/* ---- vma_tree_check: every invariant, or a panic naming what broke ---- */

struct tree_walk {
	struct mm_struct *mm;
	struct list_head *cursor;	/* the list entry the walk has reached */
};

/* Check the subtree at n (the child of parent) against the red-black
 * rules, the list order and the gaps; returns its black height. */
static int check_subtree(struct tree_walk *w, struct rb_node *n, struct rb_node *parent)
{
	struct vm_area_struct *vma;
	unsigned long gap;
	int lh, rh;

	if (!n)
		return 1;
	vma = rb_vma(n);
	if (rb_parent(n) != parent)
		panic("vma_tree_check: %lx-%lx: its parent link is wrong", vma->vm_start, vma->vm_end);
	if (rb_is_red(n) && parent && rb_is_red(parent))
		panic("vma_tree_check: %lx-%lx: red node with a red parent", vma->vm_start, vma->vm_end);

	lh = check_subtree(w, n->rb_left, n);
	w->cursor = w->cursor->next;		/* in order: the next VMA of the list */
	if (w->cursor != &vma->vm_list)
		panic("vma_tree_check: %lx-%lx: the tree's order is not the list's",
		      vma->vm_start, vma->vm_end);
	rh = check_subtree(w, n->rb_right, n);
	if (lh != rh)
		panic("vma_tree_check: %lx-%lx: black heights %d (left) and %d (right)",
		      vma->vm_start, vma->vm_end, lh, rh);

	gap = vma_compute_gap(vma);
	if (n->rb_left)
		gap = MAX(gap, rb_vma(n->rb_left)->rb_subtree_gap);
	if (n->rb_right)
		gap = MAX(gap, rb_vma(n->rb_right)->rb_subtree_gap);
	if (vma->rb_subtree_gap != gap)
		panic("vma_tree_check: %lx-%lx: rb_subtree_gap is %#lx, should be %#lx",
		      vma->vm_start, vma->vm_end, vma->rb_subtree_gap, gap);
	return lh + rb_is_black(n);
}

/* The list first (order, no overlap, the counts), then the tree against it. */
void vma_tree_check(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long end = 0, pages = 0, locked = 0;
	int count = 0;
	struct tree_walk w = { mm, &mm->mmap_list };

	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (vma->vm_mm != mm)
			panic("vma_tree_check: %lx-%lx belongs to another mm", vma->vm_start, vma->vm_end);
		if (vma->vm_start >= vma->vm_end ||
		    !IS_ALIGNED(vma->vm_start | vma->vm_end, PAGE_SIZE))
			panic("vma_tree_check: bad range %lx-%lx", vma->vm_start, vma->vm_end);
		if (vma->vm_start < end)
			panic("vma_tree_check: %lx-%lx overlaps or precedes the VMA ending at %lx",
			      vma->vm_start, vma->vm_end, end);
		end = vma->vm_end;
		pages += vma_pages(vma);
		if (vma->vm_flags & VM_LOCKED)
			locked += vma_pages(vma);
		count++;
	}
	if (count != mm->map_count)
		panic("vma_tree_check: map_count is %d, the list has %d VMAs", mm->map_count, count);
	if (pages != mm->total_vm)
		panic("vma_tree_check: total_vm is %lu pages, the VMAs have %lu",
		      mm->total_vm, pages);
	if (locked != mm->locked_vm)
		panic("vma_tree_check: locked_vm is %lu pages, the VM_LOCKED VMAs have %lu",
		      mm->locked_vm, locked);

	if (mm->mm_rb.rb_node && rb_is_red(mm->mm_rb.rb_node))
		panic("vma_tree_check: the root is red");
	check_subtree(&w, mm->mm_rb.rb_node, NULL);
	if (w.cursor->next != &mm->mmap_list)
		panic("vma_tree_check: the list has VMAs the tree does not");
}
