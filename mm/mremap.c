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
 * Two moves leave the old range mapped:
 *   - MREMAP_DONTUNMAP (same length, MREMAP_MAYMOVE): the PTEs move to a
 *     new VMA, a copy of the old one (copy_vma), and the old VMA stays,
 *     empty: its next touch faults afresh (a zero page, or the file's page
 *     again; what was private went with the PTEs).  Linux made it for
 *     userfaultfd (a page server watches the old range); here it shows a
 *     move that keeps the VMA and takes only the page tables;
 *   - old_len 0 (Linux's "duplicate shm area" case): no PTE moves; the
 *     copy maps the same file pages (new_len of them, from the old
 *     address's offset), so a shared mapping is seen twice.  A private one
 *     is refused (-EINVAL): its copy would share nothing with it.
 *
 *	old range	MREMAP_DONTUNMAP		old_len 0
 *	[aaaa]   ->	[....] (VMA kept, no PTEs)	[aaaa] (unchanged)
 *	new range	[aaaa] (PTEs moved here)	[aaaa..] (same file pages)
 *
 * Growth is charged as mmap's (RLIMIT_AS, heuristic overcommit; a
 * DONTUNMAP copy as a whole new mapping); a VM_PFNMAP or VM_DONTEXPAND
 * mapping may not grow (-EFAULT, as Linux) nor be moved with
 * MREMAP_DONTUNMAP (-EINVAL). */
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
 * running out of memory moves nothing.  A moved PTE becomes soft-dirty
 * (Linux's move_soft_dirty_pte): to a tracker the new address holds data
 * it has not seen there. */
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
		*dst = pte_present(*src) ? pte_mksoft_dirty(*src) : *src;
		*src = __pte(0);
		flush_tlb_one(old + off);	/* the old address must fault from now on */
	}
	return 0;
}

/* A VMA like vma for [addr, addr + len) at file offset pgoff (Linux's
 * copy_vma): its flags, protection, file (one more reference, and on the
 * file's list of mappings), ops (->open called) and private pages' flag;
 * put in mm, whose range there the caller found free.  NULL: no memory. */
static struct vm_area_struct *copy_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				       unsigned long addr, unsigned long len, unsigned long pgoff)
{
	struct vm_area_struct *new = vma_alloc(mm);
	if (!new)
		return NULL;
	new->vm_start = addr;
	new->vm_end = addr + len;
	new->vm_flags = vma->vm_flags;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_pgoff = pgoff;
	new->vm_ops = vma->vm_ops;
	new->vm_private_data = vma->vm_private_data;
	new->anon_vma = vma->anon_vma;
	vma_set_file(new, vma->vm_file);
	if (insert_vm_struct(mm, new) < 0)
		panic("copy_vma: %lx-%lx overlaps", addr, addr + len);
	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);
	return new;
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
	if (len && (vma->vm_flags & VM_LOCKED) && __mm_populate(start, len, false) == -ENOMEM)
		pagefault_out_of_memory();
}

/* MREMAP_DONTUNMAP: the PTEs of vma (exactly the old range) go to a copy
 * of it at dest; vma stays, with no page now (Linux's move_vma with the
 * flag: it also drops the old VMA's anon_vma, so its next write fault
 * starts afresh). */
static long move_vma_dontunmap(struct mm_struct *mm, struct vm_area_struct *vma,
			       unsigned long dest)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	struct vm_area_struct *new = copy_vma(mm, vma, dest, len, vma->vm_pgoff);
	if (!new)
		return -ENOMEM;
	int err = move_page_tables(mm, vma->vm_start, dest, len);
	if (err) {
		remove_vma(mm, new);
		return err;
	}
	vma->anon_vma = false;			/* its private pages went with the PTEs */
	if (vma->vm_flags & VM_LOCKED)		/* the lock went with them too, as Linux's */
		mm->locked_vm -= len >> PAGE_SHIFT;
	vma->vm_flags &= ~VM_LOCKED_MASK;
	free_pgtables(mm->pgd, vma->vm_start, len);
	return (long)dest;
}

/* Where a moved range goes: MREMAP_FIXED's new_addr (what is there is
 * unmapped), else, for MREMAP_DONTUNMAP, new_addr as a hint when it is
 * free (Linux's mremap_to passes it to get_unmapped_area; a plain move
 * passes 0), else a free range. */
static long mremap_dest(struct mm_struct *mm, unsigned long flags, unsigned long new_addr,
			unsigned long new_len)
{
	if (flags & MREMAP_FIXED) {
		long err = do_munmap(mm, new_addr, new_len);
		return err ? err : (long)new_addr;
	}
	if ((flags & MREMAP_DONTUNMAP) && new_addr >= MMAP_MIN_ADDR) {
		struct vm_area_struct *next = find_vma(mm, new_addr);
		if (!next || next->vm_start >= new_addr + new_len)
			return (long)new_addr;
	}
	return (long)get_unmapped_area(mm, new_len);
}

/* The checks of the arguments, in Linux's order (the system call, then
 * vma_to_resize and mremap_to), on the lengths rounded up to pages: the
 * VMA holding the old range, or an ERR_PTR. */
static struct vm_area_struct *mremap_check(struct mm_struct *mm, unsigned long addr,
					   unsigned long old_len, unsigned long new_len,
					   unsigned long flags, unsigned long new_addr)
{
	if (!new_len)
		return ERR_PTR(-EINVAL);
	if (old_len > TASK_SIZE || addr > TASK_SIZE - old_len || new_len > TASK_SIZE)
		return ERR_PTR(-EINVAL);
	/* the old range must lie in one VMA */
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);	/* duplicating a private mapping */
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len > old_len && (vma->vm_flags & (VM_PFNMAP | VM_DONTEXPAND)))
		return ERR_PTR(-EFAULT);
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		if ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE - new_addr)
			return ERR_PTR(-EINVAL);
		if ((flags & MREMAP_FIXED) && new_addr < MMAP_MIN_ADDR)
			return ERR_PTR(-EINVAL);
		if (new_addr < addr + old_len && addr < new_addr + new_len)
			return ERR_PTR(-EINVAL);	/* the two ranges overlap */
	}
	return vma;
}

/* Grow vma (which ends with the old range) by grow bytes where it is, if
 * the room after it is free, and merge it with a compatible VMA it now
 * touches (Linux's vma_merge of the extension: growing into a hole up to
 * the next VMA of the same kind leaves one VMA, as if the hole had never
 * been); the VMA that holds the range then, or NULL if there is no room. */
static struct vm_area_struct *mremap_grow_in_place(struct mm_struct *mm,
						   struct vm_area_struct *vma, unsigned long grow)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_end);
	if (vma->vm_end + grow > TASK_SIZE || (next && next->vm_start < vma->vm_end + grow))
		return NULL;
	vma_unlink(mm, vma);
	vma->vm_end += grow;
	if (insert_vm_struct(mm, vma) < 0)
		panic("mremap: %lx-%lx overlaps", vma->vm_start, vma->vm_end);
	return vma_merge(mm, vma);
}

/* old_len 0: a second VMA on the pages of the shared mapping at addr, at
 * dest (the VMA is looked up again: MREMAP_FIXED's unmap may have cut it,
 * or, from addr on, taken it: -EFAULT, as Linux's vma_to_resize after
 * mremap_to's unmap). */
static long mremap_duplicate(struct mm_struct *mm, unsigned long addr, unsigned long dest,
			     unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	unsigned long pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	return copy_vma(mm, vma, dest, len, pgoff) ? (long)dest : -ENOMEM;
}

/* The dispatcher: checks, then shrink, grow in place, or move (with or
 * without unmapping the old range), or duplicate. */
long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* DONTUNMAP is a move and does not resize (the lengths as given) */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	struct vm_area_struct *vma = mremap_check(mm, addr, old_len, new_len, flags, new_addr);
	if (IS_ERR(vma))
		return PTR_ERR(vma);

	/* shrinking, or the same length: the tail goes, the rest stays where it
	 * is (unless it is to move: MREMAP_FIXED, MREMAP_DONTUNMAP) */
	if (new_len <= old_len && !(flags & MREMAP_DONTUNMAP)) {
		if (new_len < old_len) {
			long err = do_munmap(mm, addr + new_len, old_len - new_len);
			if (err)
				return err;
			old_len = new_len;
		}
		if (!(flags & MREMAP_FIXED))
			return (long)addr;
	}

	/* growth is charged as mmap charges a private writable mapping; a
	 * DONTUNMAP copy is all new (the old range stays mapped) */
	unsigned long grow = flags & MREMAP_DONTUNMAP ? new_len : new_len - old_len;
	bool charged = (vma->vm_flags & (VM_SHARED | VM_WRITE | VM_NORESERVE)) == VM_WRITE;
	if (new_len > old_len && mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return -EAGAIN;			/* RLIMIT_MEMLOCK, as Linux's vma_to_resize */
	if (grow && (!may_expand_vm(mm, grow >> PAGE_SHIFT) ||
		     (charged && vm_enough_memory(grow >> PAGE_SHIFT))))
		return -ENOMEM;

	/* growing in place: the VMA ends with the old range, the room after it is free */
	if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && addr + old_len == vma->vm_end) {
		if (!grow)
			return (long)addr;
		struct vm_area_struct *grown = mremap_grow_in_place(mm, vma, grow);
		if (grown) {
			mremap_populate(grown, addr + old_len, grow);
			return (long)addr;
		}
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;

	long dest = mremap_dest(mm, flags, new_addr, new_len);
	if (dest < 0)
		return dest;			/* -ENOMEM: no room */
	if (!old_len)
		return mremap_duplicate(mm, addr, (unsigned long)dest, new_len);
	/* the old range becomes a VMA of its own, then moves; what it grows by
	 * is added at its new end */
	if (split_at_addr(mm, addr) || split_at_addr(mm, addr + old_len))
		return -ENOMEM;
	vma = find_vma(mm, addr);
	if (flags & MREMAP_DONTUNMAP)
		return move_vma_dontunmap(mm, vma, (unsigned long)dest);
	long moved = move_vma(mm, vma, (unsigned long)dest);
	if (moved > 0 && grow) {
		struct vm_area_struct *grown = mremap_grow_in_place(mm, vma, grow);
		if (!grown)
			panic("mremap: %lx-%lx has no room to grow", vma->vm_start, vma->vm_end);
		mremap_populate(grown, (unsigned long)moved + old_len, grow);
	}
	return moved;
}
