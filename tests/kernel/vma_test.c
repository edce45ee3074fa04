/* tests/kernel/vma_test.c — the VMA tree of an address space (mm/vma.c).
 *
 * Each case builds a bare mm_struct with kzalloc (no page tables: nothing
 * here touches a PTE), adds VMAs, and calls vma_tree_check (which panics,
 * naming the broken invariant) after every change.  Answers that have a
 * simple definition are compared with a brute-force scan of mm->mmap_list:
 * find_vma and get_unmapped_area over hundreds of VMAs.  Every case frees
 * its VMAs and its mm, which the suite's no_leak case checks.
 *
 * "Files" are dummy objects the VMA code never dereferences; the file-
 * reference hook of mm/vma.c is pointed at counters where a case needs it. */
#include "kernel/ktest.h"
#include "kernel/err.h"
#include "kernel/errno.h"
#include "mm/mm.h"
#include "kernel/fs/fs.h"
#include "mm/kmalloc.h"


#define P(n)		((unsigned long)(n) * PAGE_SIZE)
#define X		0x10000000UL		/* where most cases put their VMAs */
#define MMAP_BASE	0x40000000UL
#define RW		(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE)
#define RO		(VM_READ | VM_MAYREAD)
#define ENOMEM_ADDR	((unsigned long)-ENOMEM)

/* Files the VMAs point at: only their reference counts are used (high
 * enough that fput never releases them). */
static struct file file_a = { .f_count = 100 }, file_b = { .f_count = 100 };
#define FILE_A	(&file_a)
#define FILE_B	(&file_b)

static int nr_open, nr_close;
static void count_open(struct vm_area_struct *vma) { nr_open++; }
static void count_close(struct vm_area_struct *vma) { nr_close++; }
static const struct vm_operations_struct file_ops = { .open = count_open };
static const struct vm_operations_struct closing_ops = { .close = count_close };

static unsigned long lcg(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005UL + 1442695040888963407UL;
	return *seed >> 33;
}

static struct mm_struct *mm_new(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));

	if (mm) {
		mm->mm_rb = RB_ROOT;
		INIT_LIST_HEAD(&mm->mmap_list);
		mm->mmap_base = MMAP_BASE;
	}
	return mm;
}

/* Unlink and free every VMA (off any fake i_mmap list first), then mm. */
static void mm_free(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;

	list_for_each_entry_safe(vma, n, &mm->mmap_list, vm_list) {
		vma_unlink(mm, vma);
		vma_tree_check(mm);
		if (vma->shared.next != &vma->shared) {
			list_del(&vma->shared);
			INIT_LIST_HEAD(&vma->shared);
		}
		vma_free(vma);
	}
	kfree(mm);
}

/* A VMA [start, end) of file (NULL: anonymous) at pgoff, inserted; NULL
 * if insert_vm_struct refused it (it is freed then). */
static struct vm_area_struct *add_file(struct mm_struct *mm, unsigned long start, unsigned long end,
				       unsigned long flags, struct file *file, unsigned long pgoff,
				       const struct vm_operations_struct *ops)
{
	struct vm_area_struct *vma = vma_alloc(mm);

	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	vma->vm_page_prot = (flags & VM_WRITE) ? PAGE_SHARED : PAGE_READONLY;
	vma->vm_file = file;
	vma->vm_pgoff = pgoff;
	vma->vm_ops = ops;
	if (insert_vm_struct(mm, vma)) {
		vma_free(vma);
		return NULL;
	}
	vma_tree_check(mm);
	return vma;
}

static struct vm_area_struct *add(struct mm_struct *mm, unsigned long start, unsigned long end,
				  unsigned long flags)
{
	return add_file(mm, start, end, flags, NULL, start >> PAGE_SHIFT, NULL);
}

/* ---- find_vma ---- */

static void find_vma_empty(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *prev = (void *)1;
	KASSERT_NOT_NULL(t, mm);

	vma_tree_check(mm);
	KEXPECT_NULL(t, find_vma(mm, 0));
	KEXPECT_NULL(t, find_vma(mm, USER_START));
	KEXPECT_NULL(t, find_vma(mm, ~0UL));
	KEXPECT_NULL(t, find_vma_prev(mm, X, &prev));
	KEXPECT_NULL(t, prev);
	KEXPECT_EQ(t, mm->map_count, 0);
	mm_free(mm);
}

/* Three VMAs A, B, C with gaps: an address before, inside, at the end of,
 * between and after them. */
static void find_vma_positions(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b, *c, *prev;
	KASSERT_NOT_NULL(t, mm);
	c = add(mm, X + P(32), X + P(48), RW);		/* out of order on purpose */
	a = add(mm, X, X + P(4), RW);
	b = add(mm, X + P(16), X + P(18), RO);
	KASSERT_TRUE(t, a && b && c);

	KEXPECT_TRUE(t, find_vma(mm, 0) == a);			/* before everything */
	KEXPECT_TRUE(t, find_vma(mm, X) == a);			/* first byte */
	KEXPECT_TRUE(t, find_vma(mm, X + P(4) - 1) == a);	/* last byte */
	KEXPECT_TRUE(t, find_vma(mm, X + P(4)) == b);		/* vm_end: not inside */
	KEXPECT_TRUE(t, find_vma(mm, X + P(10)) == b);		/* between */
	KEXPECT_TRUE(t, find_vma(mm, X + P(17)) == b);
	KEXPECT_TRUE(t, find_vma(mm, X + P(20)) == c);
	KEXPECT_TRUE(t, find_vma(mm, X + P(48) - 1) == c);
	KEXPECT_NULL(t, find_vma(mm, X + P(48)));		/* after everything */
	KEXPECT_NULL(t, find_vma(mm, ~0UL));

	KEXPECT_TRUE(t, find_vma_prev(mm, X + P(16), &prev) == b && prev == a);
	KEXPECT_TRUE(t, find_vma_prev(mm, X + P(1), &prev) == a && prev == NULL);
	KEXPECT_TRUE(t, find_vma_prev(mm, X + P(30), &prev) == c && prev == b);
	KEXPECT_TRUE(t, find_vma_prev(mm, X + P(60), &prev) == NULL && prev == c);
	mm_free(mm);
}

/* find_vma answers from the VMA it found last (mm->mmap_cache) only while
 * addr is inside it as it is now: after a split moved its end, and after
 * vma_unlink took it out (it may be freed), the tree answers. */
static void find_vma_cache(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b, *hi;
	KASSERT_NOT_NULL(t, mm);
	a = add(mm, X, X + P(4), RW);
	b = add(mm, X + P(8), X + P(12), RW);
	KASSERT_TRUE(t, a && b);

	KEXPECT_TRUE(t, find_vma(mm, X + P(3)) == a);
	KEXPECT_TRUE(t, mm->mmap_cache == a);
	KEXPECT_TRUE(t, find_vma(mm, X + P(1)) == a);		/* from the cache */
	KEXPECT_TRUE(t, find_vma(mm, X + P(5)) == b);		/* in no VMA: the next */

	KEXPECT_TRUE(t, find_vma(mm, X) == a);
	hi = split_vma(mm, a, X + P(2));			/* a is [X, X + 2 pages) now */
	KASSERT_TRUE(t, !IS_ERR(hi));
	KEXPECT_TRUE(t, find_vma(mm, X + P(3)) == hi);	/* not the cached a */
	KEXPECT_TRUE(t, find_vma(mm, X + P(1)) == a);

	vma_unlink(mm, a);
	KEXPECT_NULL(t, mm->mmap_cache);			/* a is forgotten */
	KEXPECT_TRUE(t, find_vma(mm, X + P(1)) == hi);
	vma_free(a);
	mm_free(mm);
}

/* The first VMA with vm_end > addr, by scanning the list. */
static struct vm_area_struct *brute_find(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap_list, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

/* 300 VMAs inserted in a scrambled order; find_vma at every edge and at
 * random addresses agrees with the scan. */
static void find_vma_many(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	unsigned long seed = 5, addr = X, starts[300];
	struct vm_area_struct *vma;
	KASSERT_NOT_NULL(t, mm);

	for (int i = 0; i < 300; i++) {
		addr += P(lcg(&seed) % 4);
		starts[i] = addr;
		addr += P(1 + lcg(&seed) % 3);
	}
	for (int i = 0; i < 300; i++) {
		int j = (i * 7) % 300;			/* 7 is prime to 300 */
		unsigned long end = j < 299 ? starts[j + 1] : addr;
		/* each VMA takes its slot up to at most 3 pages */
		KASSERT_NOT_NULL(t, add(mm, starts[j], MIN(end, starts[j] + P(1 + j % 3)), RW));
	}
	KEXPECT_EQ(t, mm->map_count, 300);
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		KEXPECT_TRUE(t, find_vma(mm, vma->vm_start) == vma);
		KEXPECT_TRUE(t, find_vma(mm, vma->vm_end - 1) == vma);
		KEXPECT_TRUE(t, find_vma(mm, vma->vm_end) == brute_find(mm, vma->vm_end));
	}
	for (int i = 0; i < 1000; i++) {
		unsigned long a = X - P(2) + lcg(&seed) % (addr - X + P(4));
		KEXPECT_TRUE(t, find_vma(mm, a) == brute_find(mm, a));
	}
	mm_free(mm);
}

/* ---- insert ---- */

/* Every way of overlapping [X+4p, X+8p) is refused and changes nothing;
 * touching it from either side is fine; an empty or unaligned range is
 * -EINVAL. */
static void insert_overlap_rejected(struct ktest *t)
{
	static const struct { unsigned long s, e; } bad[] = {
		{ 4, 8 }, { 5, 7 }, { 2, 5 }, { 7, 10 }, { 0, 12 }, { 4, 5 }, { 7, 8 },
	};
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *vma;
	KASSERT_NOT_NULL(t, mm);
	KASSERT_NOT_NULL(t, add(mm, X + P(4), X + P(8), RW));

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		vma = vma_alloc(mm);
		KASSERT_NOT_NULL(t, vma);
		vma->vm_start = X + P(bad[i].s);
		vma->vm_end = X + P(bad[i].e);
		KEXPECT_EQ(t, insert_vm_struct(mm, vma), -ENOMEM);
		vma_free(vma);
		vma_tree_check(mm);
	}
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, mm->total_vm, 4UL);

	vma = vma_alloc(mm);
	KASSERT_NOT_NULL(t, vma);
	vma->vm_start = vma->vm_end = X + P(20);
	KEXPECT_EQ(t, insert_vm_struct(mm, vma), -EINVAL);
	vma->vm_end = X + P(21) + 1;
	KEXPECT_EQ(t, insert_vm_struct(mm, vma), -EINVAL);
	vma_free(vma);

	KEXPECT_TRUE(t, add(mm, X, X + P(4), RW) != NULL);		/* touches below */
	KEXPECT_TRUE(t, add(mm, X + P(8), X + P(9), RW) != NULL);	/* touches above */
	KEXPECT_EQ(t, mm->map_count, 3);
	KEXPECT_EQ(t, mm->total_vm, 9UL);
	mm_free(mm);
}

/* map_count and total_vm follow inserts and unlinks; an unlinked VMA is
 * out of both the tree and the list. */
static void counts_follow_insert_unlink(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b;
	KASSERT_NOT_NULL(t, mm);
	a = add(mm, X, X + P(3), RW);
	b = add(mm, X + P(10), X + P(15), RW);
	KASSERT_TRUE(t, a && b);
	KEXPECT_EQ(t, mm->map_count, 2);
	KEXPECT_EQ(t, mm->total_vm, 8UL);

	vma_unlink(mm, a);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, mm->total_vm, 5UL);
	KEXPECT_TRUE(t, find_vma(mm, X) == b);
	KEXPECT_TRUE(t, list_empty(&a->vm_list));
	KEXPECT_TRUE(t, RB_EMPTY_NODE(&a->vm_rb));
	/* the gap below b now runs from 0 */
	KEXPECT_EQ(t, b->rb_subtree_gap, X + P(10));
	KEXPECT_EQ(t, insert_vm_struct(mm, a), 0);		/* it can go back */
	vma_tree_check(mm);
	/* the largest gap is below a again, whichever node is the root */
	KEXPECT_EQ(t, rb_entry(mm->mm_rb.rb_node, struct vm_area_struct, vm_rb)->rb_subtree_gap, X);
	KEXPECT_EQ(t, mm->total_vm, 8UL);
	mm_free(mm);
}

/* ---- split ---- */

/* Splitting a file VMA in the middle: the upper part's pgoff moves on by
 * the pages below the cut; everything else is copied. */
static void split_middle(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *vma, *upper;
	KASSERT_NOT_NULL(t, mm);
	vma = add_file(mm, X, X + P(8), RO | VM_EXEC, FILE_A, 10, NULL);
	KASSERT_NOT_NULL(t, vma);

	upper = split_vma(mm, vma, X + P(3));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(upper));
	vma_tree_check(mm);
	KEXPECT_EQ(t, vma->vm_start, X);
	KEXPECT_EQ(t, vma->vm_end, X + P(3));
	KEXPECT_EQ(t, vma->vm_pgoff, 10UL);
	KEXPECT_EQ(t, upper->vm_start, X + P(3));
	KEXPECT_EQ(t, upper->vm_end, X + P(8));
	KEXPECT_EQ(t, upper->vm_pgoff, 13UL);
	KEXPECT_EQ(t, upper->vm_flags, vma->vm_flags);
	KEXPECT_EQ(t, pgprot_val(upper->vm_page_prot), pgprot_val(vma->vm_page_prot));
	KEXPECT_TRUE(t, upper->vm_file == FILE_A);
	KEXPECT_TRUE(t, upper->vm_mm == mm);
	KEXPECT_EQ(t, mm->map_count, 2);
	KEXPECT_EQ(t, mm->total_vm, 8UL);			/* the same pages */
	KEXPECT_TRUE(t, find_vma(mm, X + P(3)) == upper);
	KEXPECT_TRUE(t, find_vma(mm, X + P(3) - 1) == vma);

	/* an anonymous VMA splits the same way */
	KASSERT_NOT_NULL(t, add(mm, X + P(20), X + P(22), RW));
	upper = split_vma(mm, find_vma(mm, X + P(20)), X + P(21));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(upper));
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 4);
	mm_free(mm);
}

/* A cut at either edge, off a page boundary or outside the VMA is not a
 * split: ERR_PTR(-EINVAL), the VMA untouched (never a panic: a user can ask
 * for it through munmap or mprotect). */
static void split_bad_address_rejected(struct ktest *t)
{
	static const unsigned long offs[] = { 0, P(4), P(1) + 8, P(5), -P(1) };
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *vma;
	KASSERT_NOT_NULL(t, mm);
	vma = add(mm, X, X + P(4), RW);
	KASSERT_NOT_NULL(t, vma);

	for (size_t i = 0; i < ARRAY_SIZE(offs); i++) {
		struct vm_area_struct *r = split_vma(mm, vma, X + offs[i]);
		KEXPECT_TRUE(t, IS_ERR(r));
		KEXPECT_EQ(t, PTR_ERR(r), (long)-EINVAL);
		vma_tree_check(mm);
	}
	KEXPECT_EQ(t, vma->vm_start, X);
	KEXPECT_EQ(t, vma->vm_end, X + P(4));
	KEXPECT_EQ(t, mm->map_count, 1);
	mm_free(mm);
}

/* A file VMA's split takes a file reference through the hook, calls
 * ->open for the new VMA, and puts it on the file's list of mappings. */
static void split_file_hooks(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *vma, *upper, *v;
	LIST_HEAD(i_mmap);			/* the file's list of mappings */
	int on_list = 0;
	KASSERT_NOT_NULL(t, mm);
	vma = add_file(mm, X, X + P(6), RO, FILE_A, 0, &file_ops);
	KASSERT_NOT_NULL(t, vma);
	list_add(&vma->shared, &i_mmap);

	nr_open = 0;
	int refs = file_a.f_count;
	upper = split_vma(mm, vma, X + P(2));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(upper));
	vma_tree_check(mm);
	KEXPECT_EQ(t, file_a.f_count, refs + 1);	/* the new VMA holds the file */
	KEXPECT_EQ(t, nr_open, 1);
	KEXPECT_TRUE(t, upper->vm_ops == &file_ops);
	list_for_each_entry(v, &i_mmap, shared)
		on_list += v == vma || v == upper;
	KEXPECT_EQ(t, on_list, 2);
	mm_free(mm);				/* takes them off i_mmap */
	KEXPECT_TRUE(t, list_empty(&i_mmap));
}

/* ---- merge ---- */

static void merge_with_prev(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b;
	KASSERT_NOT_NULL(t, mm);
	a = add(mm, X, X + P(2), RW);
	b = add(mm, X + P(2), X + P(5), RW);
	KASSERT_TRUE(t, a && b);

	KEXPECT_TRUE(t, vma_merge(mm, b) == a);
	vma_tree_check(mm);
	KEXPECT_EQ(t, a->vm_start, X);
	KEXPECT_EQ(t, a->vm_end, X + P(5));
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, mm->total_vm, 5UL);
	KEXPECT_TRUE(t, find_vma(mm, X + P(4)) == a);
	mm_free(mm);
}

static void merge_with_next(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b;
	KASSERT_NOT_NULL(t, mm);
	b = add(mm, X + P(2), X + P(5), RW);
	a = add(mm, X, X + P(2), RW);
	KASSERT_TRUE(t, a && b);

	KEXPECT_TRUE(t, vma_merge(mm, a) == a);		/* the lowest survives */
	vma_tree_check(mm);
	KEXPECT_EQ(t, a->vm_end, X + P(5));
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, mm->total_vm, 5UL);
	mm_free(mm);
}

/* Filling the hole between two compatible VMAs makes one of all three. */
static void merge_with_both(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b, *c, *far;
	KASSERT_NOT_NULL(t, mm);
	a = add(mm, X, X + P(2), RW);
	c = add(mm, X + P(3), X + P(6), RW);
	far = add(mm, X + P(10), X + P(11), RW);	/* not adjacent: stays */
	b = add(mm, X + P(2), X + P(3), RW);
	KASSERT_TRUE(t, a && b && c && far);

	KEXPECT_TRUE(t, vma_merge(mm, b) == a);
	vma_tree_check(mm);
	KEXPECT_EQ(t, a->vm_start, X);
	KEXPECT_EQ(t, a->vm_end, X + P(6));
	KEXPECT_EQ(t, mm->map_count, 2);
	KEXPECT_EQ(t, mm->total_vm, 7UL);
	KEXPECT_TRUE(t, find_vma(mm, X + P(6)) == far);
	mm_free(mm);
}

/* Neighbours that differ in flags or protection, or do not touch, stay apart. */
static void no_merge_flags_or_gap(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b, *c, *d;
	KASSERT_NOT_NULL(t, mm);
	a = add(mm, X, X + P(2), RW);
	b = add(mm, X + P(2), X + P(4), RO);			/* other flags */
	c = add(mm, X + P(5), X + P(6), RO);			/* a page away */
	d = add(mm, X + P(6), X + P(7), RO);
	KASSERT_TRUE(t, a && b && c && d);
	d->vm_page_prot = PAGE_READONLY_EXEC;			/* other protection */

	KEXPECT_TRUE(t, vma_merge(mm, b) == b);
	KEXPECT_TRUE(t, vma_merge(mm, c) == c);
	KEXPECT_TRUE(t, vma_merge(mm, d) == d);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 4);
	/* device memory never merges, even with its twin */
	a = add(mm, X + P(20), X + P(21), RW | VM_PFNMAP | VM_IO);
	b = add(mm, X + P(21), X + P(22), RW | VM_PFNMAP | VM_IO);
	KASSERT_TRUE(t, a && b);
	KEXPECT_TRUE(t, vma_merge(mm, b) == b);
	KEXPECT_EQ(t, mm->map_count, 6);
	mm_free(mm);
}

/* File VMAs: another file, file next to anonymous, or ops with ->close
 * never merge. */
static void no_merge_files_differ(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b, *c, *d, *e;
	KASSERT_NOT_NULL(t, mm);
	a = add_file(mm, X, X + P(2), RO, FILE_A, 0, &file_ops);
	b = add_file(mm, X + P(2), X + P(4), RO, FILE_B, 2, &file_ops);	/* pgoff fits */
	c = add(mm, X + P(4), X + P(6), RO);					/* anonymous */
	d = add_file(mm, X + P(10), X + P(12), RO, FILE_A, 0, &closing_ops);
	e = add_file(mm, X + P(12), X + P(14), RO, FILE_A, 2, &closing_ops);
	KASSERT_TRUE(t, a && b && c && d && e);

	KEXPECT_TRUE(t, vma_merge(mm, b) == b);
	KEXPECT_TRUE(t, vma_merge(mm, c) == c);
	KEXPECT_TRUE(t, vma_merge(mm, e) == e);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 5);
	KEXPECT_EQ(t, nr_close, 0);
	mm_free(mm);
}

/* Two pieces of the same file merge only where the file offsets follow
 * each other; the merge drops the freed VMA's file reference (the hook)
 * and takes it off the file's list of mappings. */
static void file_merge_needs_contiguous_pgoff(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *a, *b;
	LIST_HEAD(i_mmap);
	KASSERT_NOT_NULL(t, mm);
	a = add_file(mm, X, X + P(2), RO, FILE_A, 7, &file_ops);
	b = add_file(mm, X + P(2), X + P(4), RO, FILE_A, 10, &file_ops);	/* 9 would fit */
	KASSERT_TRUE(t, a && b);
	list_add(&a->shared, &i_mmap);
	list_add(&b->shared, &i_mmap);

	int refs = file_a.f_count;
	KEXPECT_TRUE(t, vma_merge(mm, b) == b);
	KEXPECT_EQ(t, mm->map_count, 2);
	b->vm_pgoff = 9;		/* (not in the tree's keys: safe in place) */
	KEXPECT_TRUE(t, vma_merge(mm, b) == a);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, a->vm_end, X + P(4));
	KEXPECT_EQ(t, a->vm_pgoff, 7UL);
	KEXPECT_EQ(t, file_a.f_count, refs - 1);	/* the merged-away VMA let go */
	KEXPECT_TRUE(t, i_mmap.next == &a->shared && i_mmap.prev == &a->shared);
	mm_free(mm);
}

/* Split then merge gives back the VMA it started from. */
static void split_then_merge_round_trip(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *vma, *mid, *top;
	KASSERT_NOT_NULL(t, mm);
	vma = add_file(mm, X, X + P(9), RO, FILE_A, 100, NULL);
	KASSERT_NOT_NULL(t, vma);
	mid = split_vma(mm, vma, X + P(3));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(mid));
	top = split_vma(mm, mid, X + P(6));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(top));
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 3);
	KEXPECT_EQ(t, top->vm_pgoff, 106UL);

	KEXPECT_TRUE(t, vma_merge(mm, mid) == vma);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, vma->vm_end, X + P(9));
	KEXPECT_EQ(t, vma->vm_pgoff, 100UL);
	KEXPECT_EQ(t, mm->total_vm, 9UL);
	mm_free(mm);
}

/* locked_vm counts the pages of VM_LOCKED VMAs through every insert,
 * split, merge and unlink, as total_vm counts all (mm/mlock.c relies on
 * it; vma_tree_check checks it after every step). */
static void locked_vm_follows_vmas(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *lo, *mid, *top;
	KASSERT_NOT_NULL(t, mm);
	lo = add(mm, X, X + P(9), RW | VM_LOCKED);
	KASSERT_NOT_NULL(t, add(mm, X + P(20), X + P(22), RW));
	KASSERT_NOT_NULL(t, lo);
	KEXPECT_EQ(t, mm->locked_vm, 9UL);
	mid = split_vma(mm, lo, X + P(3));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(mid));
	top = split_vma(mm, mid, X + P(6));
	KASSERT_TRUE(t, !IS_ERR_OR_NULL(top));
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->locked_vm, 9UL);
	/* the middle unlocked in place (mlock_fixup), then merged back */
	mid->vm_flags &= ~VM_LOCKED;
	mm->locked_vm -= 3;
	vma_tree_check(mm);
	mid->vm_flags |= VM_LOCKED;
	mm->locked_vm += 3;
	KEXPECT_TRUE(t, vma_merge(mm, mid) == lo);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->locked_vm, 9UL);
	vma_unlink(mm, lo);
	vma_tree_check(mm);
	KEXPECT_EQ(t, mm->locked_vm, 0UL);
	KEXPECT_EQ(t, mm->total_vm, 2UL);
	vma_free(lo);
	mm_free(mm);
}

/* ---- get_unmapped_area ---- */

/* The highest start of len bytes in the gap [gs, ge), clipped to
 * [USER_START, base); 0 when it does not fit. */
static unsigned long fit(unsigned long gs, unsigned long ge, unsigned long base, unsigned long len)
{
	unsigned long s = MAX(gs, USER_START), e = MIN(ge, base);
	return e > s && e - s >= len ? e - len : 0;
}

/* The answer by definition: the highest fit over every gap of the list. */
static unsigned long brute_unmapped(struct mm_struct *mm, unsigned long len)
{
	unsigned long best = 0, prev_end = 0;
	struct vm_area_struct *vma;

	len = ALIGN_UP(len, PAGE_SIZE);
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		best = MAX(best, fit(prev_end, vma->vm_start, mm->mmap_base, len));
		prev_end = vma->vm_end;
	}
	best = MAX(best, fit(prev_end, ~0UL, mm->mmap_base, len));
	return best ? best : ENOMEM_ADDR;
}

static void unmapped_empty_mm(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	KASSERT_NOT_NULL(t, mm);

	KEXPECT_EQ(t, get_unmapped_area(mm, P(1)), MMAP_BASE - P(1));
	KEXPECT_EQ(t, get_unmapped_area(mm, 1), MMAP_BASE - P(1));	/* whole pages */
	KEXPECT_EQ(t, get_unmapped_area(mm, P(3) + 5), MMAP_BASE - P(4));
	KEXPECT_EQ(t, get_unmapped_area(mm, 0), (unsigned long)-EINVAL);
	/* the whole of [USER_START, mmap_base), and a page more */
	KEXPECT_EQ(t, get_unmapped_area(mm, MMAP_BASE - USER_START), USER_START);
	KEXPECT_EQ(t, get_unmapped_area(mm, MMAP_BASE - USER_START + 1), ENOMEM_ADDR);
	KEXPECT_EQ(t, get_unmapped_area(mm, ~0UL), ENOMEM_ADDR);
	mm_free(mm);
}

/* The highest gap below mmap_base that fits: a VMA straddling mmap_base
 * (the gap above it does not count), gaps too small near the top are
 * skipped, a bigger one lower down is taken at its top. */
static void unmapped_highest_fit_skips_small(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	unsigned long top = MMAP_BASE - P(64);
	KASSERT_NOT_NULL(t, mm);
	KASSERT_NOT_NULL(t, add(mm, MMAP_BASE - P(2), MMAP_BASE + P(100), RW));	/* straddles */
	KASSERT_NOT_NULL(t, add(mm, MMAP_BASE + P(200), MMAP_BASE + P(201), RW)); /* above: "stack" */
	/* 1-page gaps from top down to top - 20 pages ... */
	for (int i = 0; i < 10; i++)
		KASSERT_NOT_NULL(t, add(mm, top - P(2 * i + 1), top - P(2 * i), RW));
	/* ... then a 5-page gap [top - 24p, top - 19p), then solid down to X */
	KASSERT_NOT_NULL(t, add(mm, X, top - P(24), RW));
	/* solid from top up to a 3-page gap below the straddler */
	KASSERT_NOT_NULL(t, add(mm, top, MMAP_BASE - P(2) - P(3), RW));

	KEXPECT_EQ(t, get_unmapped_area(mm, P(3)), MMAP_BASE - P(2) - P(3));	/* exactly the 3 */
	KEXPECT_EQ(t, get_unmapped_area(mm, P(2)), MMAP_BASE - P(2) - P(2));	/* top of the 3 */
	KEXPECT_EQ(t, get_unmapped_area(mm, P(1)), MMAP_BASE - P(2) - P(1));
	KEXPECT_EQ(t, get_unmapped_area(mm, P(4)), top - P(19) - P(4));		/* the 5-page gap */
	KEXPECT_EQ(t, get_unmapped_area(mm, P(5)), top - P(24));		/* exact fit */
	KEXPECT_EQ(t, get_unmapped_area(mm, P(6)), X - P(6));			/* below everything */
	for (unsigned long len = P(1); len <= P(8); len += P(1))
		KEXPECT_EQ(t, get_unmapped_area(mm, len), brute_unmapped(mm, len));
	mm_free(mm);
}

/* Nothing free between USER_START and mmap_base: -ENOMEM.  A gap below
 * USER_START is never handed out; one just at USER_START is. */
static void unmapped_full_and_low_limit(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	struct vm_area_struct *low;
	KASSERT_NOT_NULL(t, mm);
	KASSERT_NOT_NULL(t, add(mm, P(16), P(17), RW));			/* below USER_START */
	low = add(mm, USER_START + P(1), USER_START + P(8), RW);
	KASSERT_NOT_NULL(t, low);
	KASSERT_NOT_NULL(t, add(mm, USER_START + P(8), MMAP_BASE, RW));

	KEXPECT_EQ(t, get_unmapped_area(mm, P(1)), USER_START);	/* the last page free */
	KEXPECT_EQ(t, get_unmapped_area(mm, P(2)), ENOMEM_ADDR);	/* the low gap is bigger, but below */
	vma_unlink(mm, low);
	vma_free(low);
	vma_tree_check(mm);
	KEXPECT_EQ(t, get_unmapped_area(mm, P(8)), USER_START);
	KEXPECT_EQ(t, get_unmapped_area(mm, P(9)), ENOMEM_ADDR);
	KASSERT_NOT_NULL(t, add(mm, USER_START, USER_START + P(8), RW));
	KEXPECT_EQ(t, get_unmapped_area(mm, P(1)), ENOMEM_ADDR);	/* full */
	mm_free(mm);
}

/* Hundreds of VMAs with random sizes and gaps, mmap_base in their midst:
 * every length from 1 to 40 pages agrees with the brute-force scan, before
 * and after a random half of the VMAs goes (the gaps merge). */
static void unmapped_many_vs_brute_force(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	unsigned long seed = 21, addr = USER_START + P(3), starts[400], ends[400];
	KASSERT_NOT_NULL(t, mm);

	for (int i = 0; i < 400; i++) {
		starts[i] = addr;
		ends[i] = addr + P(1 + lcg(&seed) % 6);
		addr = ends[i] + P(lcg(&seed) % 4 ? lcg(&seed) % 6 : 6 + lcg(&seed) % 30);
	}
	mm->mmap_base = starts[300] + P(2);			/* among the VMAs */
	for (int i = 0; i < 400; i++) {
		int j = (i * 11) % 400;				/* scrambled order */
		KASSERT_NOT_NULL(t, add(mm, starts[j], ends[j], RW));
	}
	for (unsigned long len = 1; len <= 40; len++)
		KEXPECT_EQ(t, get_unmapped_area(mm, P(len)), brute_unmapped(mm, P(len)));

	for (int i = 0; i < 400; i++) {
		struct vm_area_struct *v = find_vma(mm, starts[i]);
		if (lcg(&seed) & 1)
			continue;
		vma_unlink(mm, v);
		vma_free(v);
		vma_tree_check(mm);
	}
	for (unsigned long len = 1; len <= 80; len++)
		KEXPECT_EQ(t, get_unmapped_area(mm, P(len)), brute_unmapped(mm, P(len)));
	/* what it returns is free, and is taken without complaint */
	for (int i = 0; i < 50; i++) {
		unsigned long len = P(1 + lcg(&seed) % 10), a = get_unmapped_area(mm, len);
		if (a == ENOMEM_ADDR)
			break;
		KEXPECT_EQ(t, a, brute_unmapped(mm, len));
		KASSERT_NOT_NULL(t, add(mm, a, a + len, RW));
	}
	mm_free(mm);
}

/* ---- everything at once ---- */

/* Random inserts, unlinks, splits and merges in a small window, checked
 * after each step (vma_tree_check, and find_vma against the scan). */
static void random_operations(struct ktest *t)
{
	struct mm_struct *mm = mm_new();
	unsigned long seed = 77;
	KASSERT_NOT_NULL(t, mm);

	for (int step = 0; step < 1500; step++) {
		unsigned long op = lcg(&seed) % 4, s = X + P(lcg(&seed) % 256);
		struct vm_area_struct *v = find_vma(mm, s);

		if (op == 0 || !v) {
			unsigned long e = s + P(1 + lcg(&seed) % 8);
			bool is_free = !v || v->vm_start >= e;
			struct vm_area_struct *n = add(mm, s, e, lcg(&seed) & 1 ? RW : RO);
			KEXPECT_EQ(t, n != NULL, is_free);
		} else if (op == 1) {
			vma_unlink(mm, v);
			vma_free(v);
		} else if (op == 2) {
			unsigned long at = v->vm_start + P(lcg(&seed) % vma_pages(v));
			struct vm_area_struct *n = split_vma(mm, v, at);
			KEXPECT_EQ(t, IS_ERR(n), at == v->vm_start);
		} else {
			vma_merge(mm, v);
		}
		vma_tree_check(mm);
		for (int i = 0; i < 4; i++) {
			unsigned long a = X - P(1) + lcg(&seed) % P(270);
			KEXPECT_TRUE(t, find_vma(mm, a) == brute_find(mm, a));
		}
		if (lcg(&seed) % 16 == 0) {
			unsigned long len = P(1 + lcg(&seed) % 12);
			KEXPECT_EQ(t, get_unmapped_area(mm, len), brute_unmapped(mm, len));
		}
	}
	mm_free(mm);
}

KTEST_SUITE(vma,
	KTEST_CASE(find_vma_empty),
	KTEST_CASE(find_vma_positions),
	KTEST_CASE(find_vma_cache),
	KTEST_CASE(find_vma_many),
	KTEST_CASE(insert_overlap_rejected),
	KTEST_CASE(counts_follow_insert_unlink),
	KTEST_CASE(split_middle),
	KTEST_CASE(split_bad_address_rejected),
	KTEST_CASE(split_file_hooks),
	KTEST_CASE(merge_with_prev),
	KTEST_CASE(merge_with_next),
	KTEST_CASE(merge_with_both),
	KTEST_CASE(no_merge_flags_or_gap),
	KTEST_CASE(no_merge_files_differ),
	KTEST_CASE(file_merge_needs_contiguous_pgoff),
	KTEST_CASE(split_then_merge_round_trip),
	KTEST_CASE(locked_vm_follows_vmas),
	KTEST_CASE(unmapped_empty_mm),
	KTEST_CASE(unmapped_highest_fit_skips_small),
	KTEST_CASE(unmapped_full_and_low_limit),
	KTEST_CASE(unmapped_many_vs_brute_force),
	KTEST_CASE(random_operations));
