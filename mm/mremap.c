/* mm/mremap.c — mremap(2): resize a mapping, or move it elsewhere.
 *
 * Why it matters to the fault path: a moved mapping keeps its pages.  As
 * Linux's move_vma and move_page_tables, the PTEs themselves move to the
 * new addresses (the frames, their mapcounts and their dirty and accessed
 * bits with them); the VMA moves in the tree; then the old range holds no
 * PTE and no VMA.  So nothing is copied and nothing faults again: a page
 * the program had touched is still mapped at its new address, and one it
 * had not touched faults there as it would have at the old one (the VMA
 * keeps its vm_pgoff, so a file page is the same page of the file).
 *
 * The cases, in Linux's order (mm/mremap.c):
 *   - shrinking: the tail is unmapped, the mapping stays (or moves, with
 *     MREMAP_FIXED);
 *   - growing in place, when the VMA ends where the old range ends and the
 *     room after it is free: vm_end moves, the new pages fault as usual;
 *   - otherwise, with MREMAP_MAYMOVE, a move to a free range (or to
 *     new_addr with MREMAP_FIXED, which unmaps what was there first);
 *     without it, -ENOMEM.
 * Growth is charged as mmap's (RLIMIT_AS, heuristic overcommit); a
 * VM_PFNMAP or VM_DONTEXPAND mapping may not grow (-EFAULT, as Linux). */
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/gup.h"
#include "mm/memory.h"
#include "kernel/proc.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/panic.h"

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* Cut the VMA holding addr at addr (nothing to do at a VMA's start). */
static int split_at_addr(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start >= addr)
		return 0;
	struct vm_area_struct *upper = split_vma(mm, vma, addr);
	return IS_ERR(upper) ? (int)PTR_ERR(upper) : 0;
}

/* Move the PTEs of [old, old + len) to [new, new + len) (Linux's
 * move_page_tables).  The destination's tables are made first, so that
 * running out of memory moves nothing. */
static int move_page_tables(struct mm_struct *mm, unsigned long old, unsigned long new,
			    unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		if (!pte_alloc(mm->pgd, new + off))
			return -ENOMEM;
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		int level;
		pte_t *src = pgtable_walk(mm->pgd, old + off, false, &level);
		if (!src || level != 1 || pte_none(*src))
			continue;		/* never touched: nothing to move */
		pte_t *dst = pte_alloc(mm->pgd, new + off);
		*dst = *src;
		*src = __pte(0);
		flush_tlb_one(old + off);	/* the old address must fault from now on */
	}
	return 0;
}

/* Move the VMA that is exactly [old, old + len) to new (Linux's move_vma):
 * its PTEs, then the VMA itself, keeping vm_pgoff. */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long new)
{
	unsigned long old = vma->vm_start, len = vma->vm_end - vma->vm_start;
	int err = move_page_tables(mm, old, new, len);
	if (err)
		return err;
	vma_unlink(mm, vma);			/* its start is the tree's key */
	vma->vm_start = new;
	vma->vm_end = new + len;
	if (insert_vm_struct(mm, vma) < 0)	/* the range was free: checked by the caller */
		panic("move_vma: %lx-%lx overlaps", new, new + len);
	free_pgtables(mm->pgd, old, len);	/* the old range's tables may be empty now */
	return (long)new;
}

/* A locked mapping that grew: the new part is populated, as the rest was
 * (Linux's mremap: mm_populate of the growth when VM_LOCKED).  locked_vm
 * follows the VMA's size by itself (mm/vma.c). */
static void mremap_populate(struct vm_area_struct *vma, unsigned long start, unsigned long len)
{
	if ((vma->vm_flags & VM_LOCKED) && __mm_populate(start, len, false) == -ENOMEM)
		pagefault_out_of_memory();
}

long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;			/* not in this kernel (docs/syscalls.md) */
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || !old_len)
		return -EINVAL;			/* (Linux duplicates a shared mapping for old_len 0) */
	if (old_len > TASK_SIZE || addr > TASK_SIZE - old_len || new_len > TASK_SIZE)
		return -EINVAL;

	/* the old range must lie in one VMA (Linux's vma_to_resize) */
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return -EFAULT;
	if (new_len > old_len && (vma->vm_flags & (VM_PFNMAP | VM_DONTEXPAND)))
		return -EFAULT;

	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || new_addr < MMAP_MIN_ADDR ||
		    new_len > TASK_SIZE - new_addr)
			return -EINVAL;
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return -EINVAL;		/* the two ranges overlap */
	}

	/* shrinking: the tail goes */
	if (new_len < old_len) {
		long err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
		if (!(flags & MREMAP_FIXED))
			return (long)addr;
	}

	/* growth is charged as mmap charges a private writable mapping */
	unsigned long grow = new_len - old_len;
	bool charged = (vma->vm_flags & (VM_SHARED | VM_WRITE | VM_NORESERVE)) == VM_WRITE;
	if (grow && mlock_future_check(mm, vma->vm_flags, grow))
		return -EAGAIN;			/* RLIMIT_MEMLOCK, as Linux's vma_to_resize */
	if (grow && (!may_expand_vm(mm, grow >> PAGE_SHIFT) ||
		     (charged && vm_enough_memory(grow >> PAGE_SHIFT))))
		return -ENOMEM;

	/* growing in place: the VMA ends with the old range, the room after it is free */
	if (!(flags & MREMAP_FIXED) && addr + old_len == vma->vm_end) {
		struct vm_area_struct *next = find_vma(mm, vma->vm_end);
		if (!grow)
			return (long)addr;
		if (vma->vm_end + grow <= TASK_SIZE && (!next || next->vm_start >= vma->vm_end + grow)) {
			vma_unlink(mm, vma);
			vma->vm_end += grow;
			if (insert_vm_struct(mm, vma) < 0)
				panic("mremap: %lx-%lx overlaps", vma->vm_start, vma->vm_end);
			mremap_populate(vma, addr + old_len, grow);
			return (long)addr;
		}
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;

	/* a move: where to */
	unsigned long dest;
	if (flags & MREMAP_FIXED) {
		long err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
		dest = new_addr;
	} else {
		dest = get_unmapped_area(mm, new_len);
		if ((long)dest < 0)
			return (long)dest;		/* -ENOMEM: no room */
	}
	/* the old range becomes a VMA of its own, then moves; what it grows by
	 * is added at its new end */
	if (split_at_addr(mm, addr) || split_at_addr(mm, addr + old_len))
		return -ENOMEM;
	vma = find_vma(mm, addr);
	long moved = move_vma(mm, vma, dest);
	if (moved < 0)
		return moved;
	if (grow) {
		vma_unlink(mm, vma);
		vma->vm_end += grow;
		if (insert_vm_struct(mm, vma) < 0)
			panic("mremap: %lx-%lx overlaps", vma->vm_start, vma->vm_end);
		mremap_populate(vma, moved + old_len, grow);
	}
	return moved;
}
