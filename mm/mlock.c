/* mm/mlock.c — mlock, mlock2, munlock, mlockall, munlockall: memory that
 * stays resident (Linux 6.1's mm/mlock.c, the same functions and order).
 *
 * A lock is a flag on VMAs, VM_LOCKED, and the call that sets it faults
 * the whole range in at once through get_user_pages (mm/gup.c), so that
 * the program takes no page fault there afterwards:
 *
 *   mlock(start, len)       mlock2(..., MLOCK_ONFAULT)     munlock
 *     do_mlock                do_mlock(VM_LOCKONFAULT)       apply_vma_lock_flags(0)
 *       RLIMIT_MEMLOCK          |
 *       apply_vma_lock_flags ---+--- VMA by VMA, a hole: -ENOMEM
 *         mlock_fixup           split the VMAs at start and end (as mprotect),
 *                               set the flags, merge with the neighbours,
 *                               mm->locked_vm += pages
 *       __mm_populate           GUP, write faults for private writable memory
 *                               (COW broken now); nothing for VM_LOCKONFAULT
 *       __mlock_posix_error_return   GUP's -EFAULT -> -ENOMEM, -ENOMEM -> -EAGAIN
 *
 *   mlockall(MCL_CURRENT)   every VMA, then __mm_populate(0, TASK_SIZE), errors ignored
 *   mlockall(MCL_FUTURE)    mm->def_flags |= VM_LOCKED: mmap and brk lock and populate
 *                           what they map from now on (mm/mmap.c)
 *   munlockall              both undone
 *
 * In Linux the flag does a second thing: the pages go on the unevictable
 * list, and reclaim never swaps them out.  There is no reclaim or swap
 * here yet, so every page is as resident as a locked one; when swap
 * lands, its reclaim must skip any page a VM_LOCKED VMA maps (Linux's
 * try_to_unmap checks the same flag), and /proc/meminfo's Mlocked already
 * counts exactly those pages (nr_mlocked_pages, below).
 *
 * Locks are not inherited by fork (dup_mm clears VM_LOCKED in the child),
 * and exec starts from an empty mm (def_flags 0): as Linux.
 *
 * RLIMIT_MEMLOCK.  Linux refuses to lock more than RLIMIT_MEMLOCK bytes
 * (mlock: -ENOMEM, mmap(MAP_LOCKED): -EAGAIN), except for a process with
 * CAP_IPC_LOCK.  Every process here is root, and root has CAP_IPC_LOCK, so
 * the checks below are Linux's, and capable_ipc_lock() lets them all
 * through, as Linux lets root through.  The limit is still kept, inherited
 * and reported (getrlimit/prlimit64: 8 MiB, Linux's default). */
#include "mm/mmap.h"
#include "mm/gup.h"
#include "kernel/proc.h"
#include "kernel/errno.h"
#include "kernel/err.h"

#define MLOCK_ONFAULT	0x01		/* mlock2: lock pages as they fault in */
#define MCL_CURRENT	1		/* mlockall: what is mapped now */
#define MCL_FUTURE	2		/* ... and what will be mapped */
#define MCL_ONFAULT	4		/* ... as it faults in */

/* Does current have CAP_IPC_LOCK?  Root has every capability, and every
 * process here is root. */
static bool capable_ipc_lock(void)
{
	return true;
}

/* RLIMIT_MEMLOCK in pages. */
static unsigned long memlock_limit(void)
{
	return current->rlim[RLIMIT_MEMLOCK].rlim_cur >> PAGE_SHIFT;
}

/* A limit of 0 without CAP_IPC_LOCK: no locking at all, -EPERM (Linux's
 * can_do_mlock). */
bool can_do_mlock(void)
{
	return current->rlim[RLIMIT_MEMLOCK].rlim_cur != 0 || capable_ipc_lock();
}

int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len)
{
	if (!(vm_flags & VM_LOCKED))
		return 0;
	if (mm->locked_vm + (len >> PAGE_SHIFT) > memlock_limit() && !capable_ipc_lock())
		return -EAGAIN;
	return 0;
}

/* Give [start, end) of vma (which holds it) the flags newflags, which
 * differ from its own in VM_LOCKED/VM_LOCKONFAULT only: split the VMA at
 * start and end, change the middle, merge it with its neighbours (the
 * same split/merge as mprotect), and count the pages that became locked
 * or unlocked in locked_vm.  Device memory (VM_SPECIAL) is left as it is,
 * neither locked nor counted, and so is a VMA that already has the flags.
 * Returns the VMA now holding [start, end) (after a merge it may hold
 * more), or ERR_PTR(-ENOMEM) when a split found no memory.  (Linux's
 * mlock_fixup: it merges first and splits only what did not merge; the
 * VMAs that come out are the same.) */
static struct vm_area_struct *mlock_fixup(struct vm_area_struct *vma, unsigned long start,
					  unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;

	if (newflags == oldflags || (oldflags & VM_SPECIAL))
		return vma;
	if (start > vma->vm_start) {
		struct vm_area_struct *upper = split_vma(mm, vma, start);
		if (IS_ERR(upper))
			return upper;
		vma = upper;
	}
	if (end < vma->vm_end) {
		struct vm_area_struct *upper = split_vma(mm, vma, end);
		if (IS_ERR(upper))
			return upper;
	}
	long npages = (long)((end - start) >> PAGE_SHIFT);
	if (!(newflags & VM_LOCKED))
		mm->locked_vm -= npages;
	else if (!(oldflags & VM_LOCKED))
		mm->locked_vm += npages;
	/* the PTEs do not change: a lock is no protection */
	vma->vm_flags = newflags;
	return vma_merge(mm, vma);
}

/* Set (flags VM_LOCKED, perhaps with VM_LOCKONFAULT) or clear (0) the lock
 * on every VMA of [start, start + len), page-aligned.  A hole anywhere is
 * -ENOMEM, the VMAs before it already changed, as Linux's
 * apply_vma_lock_flags; a range that wraps -EINVAL. */
static int apply_vma_lock_flags(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart = start;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	struct vm_area_struct *vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (;;) {
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;
		unsigned long tmp = MIN(end, vma->vm_end);
		vma = mlock_fixup(vma, nstart, tmp, newflags);
		if (IS_ERR(vma))
			return (int)PTR_ERR(vma);
		nstart = MAX(tmp, vma->vm_end);		/* a merge may reach past tmp */
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}

/* The pages of [start, start + len) that VM_LOCKED VMAs already hold:
 * locking them again costs no more of RLIMIT_MEMLOCK (Linux's
 * count_mm_mlocked_page_nr). */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long len)
{
	unsigned long end = len > ~0UL - start ? ~0UL : start + len, count = 0;
	struct vm_area_struct *vma = find_vma(mm, start);

	for (; vma && vma->vm_start < end;
	     vma = vma->vm_list.next == &mm->mmap_list ? NULL :
		   list_entry(vma->vm_list.next, struct vm_area_struct, vm_list))
		if (vma->vm_flags & VM_LOCKED)
			count += MIN(end, vma->vm_end) - MAX(start, vma->vm_start);
	return count >> PAGE_SHIFT;
}

/* What mlock tells the user when populating failed: GUP's -EFAULT (a page
 * the fault path refused: SIGBUS past a file's end, or a VMA GUP may not
 * read, PROT_NONE) is -ENOMEM, its -ENOMEM is -EAGAIN, as POSIX has them
 * (Linux's __mlock_posix_error_return).  The VMAs stay locked. */
static long __mlock_posix_error_return(long err)
{
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/* mlock and mlock2: flags VM_LOCKED, or VM_LOCKED | VM_LOCKONFAULT.  The
 * range is widened to whole pages (an unaligned start is fine, as Linux). */
static long do_mlock(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	if (!can_do_mlock())
		return -EPERM;
	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	unsigned long locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > memlock_limit() && !capable_ipc_lock())
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked > memlock_limit() && !capable_ipc_lock())
		return -ENOMEM;
	int err = apply_vma_lock_flags(start, len, flags);
	if (err)
		return err;
	err = __mm_populate(start, len, false);
	return err ? __mlock_posix_error_return(err) : 0;
}

long sys_mlock(unsigned long start, unsigned long len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, unsigned long len, unsigned long flags_arg)
{
	int flags = (int)flags_arg;		/* an int in Linux's prototype */
	unsigned long vm_flags = VM_LOCKED;

	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	if (flags & MLOCK_ONFAULT)
		vm_flags |= VM_LOCKONFAULT;
	return do_mlock(start, len, vm_flags);
}

/* No limit and no populating: only the flags go (Linux's munlock). */
long sys_munlock(unsigned long start, unsigned long len)
{
	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	return apply_vma_lock_flags(start, len, 0);
}

/* mlockall's flags (0: munlockall's) on def_flags and on every VMA
 * (Linux's apply_mlockall_flags).  Calls do not stack: mlockall without
 * MCL_FUTURE after one with it clears def_flags again. */
static void apply_mlockall_flags(int flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long to_add = 0;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	/* Whole VMAs: nothing is split, but a VMA may merge with the one
	 * before it (freed) or after it (which then has the flags already),
	 * so the walk goes on from the VMA mlock_fixup returns. */
	struct list_head *l = mm->mmap_list.next;
	while (l != &mm->mmap_list) {
		struct vm_area_struct *vma = list_entry(l, struct vm_area_struct, vm_list);
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | to_add;
		struct vm_area_struct *done = mlock_fixup(vma, vma->vm_start, vma->vm_end, newflags);
		if (IS_ERR(done))
			done = vma;		/* ignored, as Linux (no split: cannot happen) */
		l = done->vm_list.next;
	}
}

long sys_mlockall(unsigned long flags_arg)
{
	int flags = (int)flags_arg;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if ((flags & MCL_CURRENT) && current->mm->total_vm > memlock_limit() && !capable_ipc_lock())
		return -ENOMEM;
	apply_mlockall_flags(flags);
	if (flags & MCL_CURRENT)
		__mm_populate(0, TASK_SIZE, true);	/* what cannot be populated is skipped */
	return 0;
}

long sys_munlockall(void)
{
	apply_mlockall_flags(0);
	return 0;
}

/* ---- /proc/meminfo's Mlocked ---------------------------------------------- */

static void mark_mlocked(pte_t *pte, unsigned long addr, void *arg)
{
	unsigned long *count = arg, pfn = pte_pfn(*pte);
	if (pfn == zero_pfn() || !pfn_valid(pfn))
		return;
	struct page *page = pfn_to_page(pfn);
	if (!(page->flags & PG_walk_mark)) {
		page->flags |= PG_walk_mark;
		(*count)++;
	}
}

static void unmark_mlocked(pte_t *pte, unsigned long addr, void *arg)
{
	unsigned long pfn = pte_pfn(*pte);
	if (pfn_valid(pfn))
		pfn_to_page(pfn)->flags &= ~PG_walk_mark;
}

/* Call fn on every PTE of every VM_LOCKED VMA of every address space. */
static void for_each_mlocked_pte(void (*fn)(pte_t *pte, unsigned long addr, void *arg),
				 void *arg)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		struct vm_area_struct *v;
		if (!t->mm)
			continue;
		list_for_each_entry(v, &t->mm->mmap_list, vm_list)
			if (v->vm_flags & VM_LOCKED)
				for_each_pte(t->mm->pgd, v->vm_start, v->vm_end - v->vm_start, fn, arg);
	}
}

/* Pages mapped by at least one VM_LOCKED VMA of any process, each counted
 * once however many locked VMAs map it; the zero page (shared by all, never
 * reclaimable anyway) and frames without a struct page are not counted.
 * That is the set Linux's Mlocked counts (its PG_mlocked pages: a page is
 * mlocked when a locked VMA maps it, and munlocked when the last one lets
 * go); Linux keeps the count as pages are mapped and unmapped, here it is
 * counted when /proc/meminfo is read, so the fault path pays nothing.  Two
 * walks: the first marks each page it counts (a page mapped twice is met
 * twice), the second clears the marks.  Nothing runs in between (one CPU,
 * the kernel does not preempt itself), so both see the same PTEs. */
unsigned long nr_mlocked_pages(void)
{
	unsigned long count = 0;
	for_each_mlocked_pte(mark_mlocked, &count);
	for_each_mlocked_pte(unmark_mlocked, NULL);
	return count;
}
