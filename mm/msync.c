/* mm/msync.c — msync and mincore.
 *
 * msync "writes back" the dirty page-cache pages of the shared file
 * mappings in a range: each is cleaned and write-protected in every
 * mapping (page_mkclean), so the next write through any of them faults
 * again and calls ->page_mkwrite — what a disk file system does.  (There
 * is no disk: "writing" is just the cleaning, counted in /proc/vmstat's
 * nr_written.)  Linux 6.1 does this for MS_SYNC only (MS_ASYNC is a no-op
 * there); here both write back, so a student can watch either. */
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "kernel/proc.h"
#include "kernel/fs/fs.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/* Write back the dirty cached pages of file pages [first, last]: each is
 * cleaned and write-protected wherever it is mapped shared. */
void writeback_range(struct address_space *m, pgoff_t first, pgoff_t last)
{
	struct page *pages[16];
	unsigned int n;
	while (first <= last && (n = find_pages_range(m, first, last, 16, pages))) {
		for (unsigned int i = 0; i < n; i++) {
			if (!clear_page_dirty(pages[i]))
				continue;
			page_mkclean(pages[i]);
			vm_nr_written++;
		}
		first = pages[n - 1]->index + 1;
	}
}

long do_msync(unsigned long start, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	bool unmapped = false;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	unsigned long end = start + len;
	if (end < start)
		return -ENOMEM;
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *v = find_vma(mm, a);
		if (!v || v->vm_start >= end)
			return -ENOMEM;
		if (v->vm_start > a)
			unmapped = true;		/* a hole: Linux goes on, then -ENOMEM */
		unsigned long s = MAX(a, v->vm_start), e = MIN(end, v->vm_end);
		if (v->vm_file && (v->vm_flags & VM_SHARED))
			writeback_range(&v->vm_file->f_inode->i_data,
					v->vm_pgoff + ((s - v->vm_start) >> PAGE_SHIFT),
					v->vm_pgoff + ((e - v->vm_start) >> PAGE_SHIFT) - 1);
		a = e;
	}
	return unmapped ? -ENOMEM : 0;
}

/* Is the page at addr of vma resident?  File mappings: in the page cache
 * (mapped or not, as Linux's mincore); anonymous: a PTE maps it. */
static u8 page_resident(struct vm_area_struct *v, unsigned long addr)
{
	int level;
	pte_t *pte = pgtable_walk(v->vm_mm->pgd, addr, false, &level);
	if (level == 1 && pte_present(*pte))
		return 1;
	if (!v->vm_file)
		return 0;
	pgoff_t index = v->vm_pgoff + ((addr - v->vm_start) >> PAGE_SHIFT);
	struct page *p = find_get_page(&v->vm_file->f_inode->i_data, index);
	if (p)
		put_page(p);
	return p != NULL;
}

long do_mincore(unsigned long start, unsigned long len, u8 *uvec)
{
	struct mm_struct *mm = current->mm;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE || start > TASK_SIZE - len)
		return -ENOMEM;			/* before rounding: ~0UL must not wrap to 0 */
	unsigned long pages = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	for (unsigned long i = 0; i < pages; i++) {
		unsigned long addr = start + (i << PAGE_SHIFT);
		struct vm_area_struct *v = find_vma(mm, addr);
		if (!v || v->vm_start > addr)
			return -ENOMEM;
		u8 r = page_resident(v, addr);
		if (copy_to_user(uvec + i, &r, 1))
			return -EFAULT;
	}
	return 0;
}
