/* mm/gup.h — get_user_pages: the kernel faulting in pages of a user
 * address space (its own or another's) on the user's behalf (mm/gup.c,
 * docs/gup.md). */
#ifndef MM_GUP_H
#define MM_GUP_H

#include "mm/mm.h"

/* FOLL_*: how to follow a page, Linux's values (include/linux/mm.h). */
#define FOLL_WRITE	0x01	/* the caller will write the page */
#define FOLL_TOUCH	0x02	/* mark the page accessed (and dirty, for a write) */
#define FOLL_GET	0x04	/* take a reference on each page (put_page) */
#define FOLL_FORCE	0x10	/* as ptrace: past the VMA's protection (see gup.c) */
#define FOLL_NOFAULT	0x80	/* only what is mapped: never call the fault path */
#define FOLL_REMOTE	0x2000	/* the address space is not the caller's */
#define FOLL_PIN	0x40000	/* a pin (unpin_user_pages): a reference that also
				 * unshares COW-shared anonymous pages first */

/* Follow (faulting in what is missing) nr_pages pages of mm from start.
 * pages (may be NULL: populate only) gets each page with a reference (or
 * the zero page, without one: unpin/put it with gup_put_page); vmas (may
 * be NULL) the VMA of each.  The number of pages done, or, when none, an
 * error: -EFAULT (no VMA, the VMA forbids it, SIGBUS/SIGSEGV from the
 * fault path), -ENOMEM, -EINTR (a SIGKILL is pending). */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas);
/* ... of current's own mm (Linux's get_user_pages): each page with a
 * reference (FOLL_GET; the zero page without one). */
long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages);
/* Drop what get_user_pages_remote took on a page (nothing for the zero page). */
void gup_put_page(struct page *page);
/* Drop pins; dirty: the caller wrote them (set_page_dirty first). */
void unpin_user_pages_dirty(struct page **pages, unsigned long n, bool dirty);

/* Copy len bytes between buf and mm's addr, page by page through GUP
 * (FOLL_WRITE: into mm).  The bytes done (0 when the first page fails).
 * /proc/PID/mem's access (Linux's access_remote_vm). */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags);

/* Fault in [start, end) of vma as mlock and MAP_POPULATE do (Linux's
 * populate_vma_page_range; nothing for VM_LOCKONFAULT): pages done, or an
 * error. */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* Fault in [start, end) of vma as its own reads (or writes) would, the
 * VMA's protection enforced (Linux's faultin_vma_page_range, for
 * MADV_POPULATE_READ/WRITE): pages done, or -EINVAL (the VMA refuses the
 * access), -EFAULT (the fault path did: SIGBUS, SIGSEGV), -ENOMEM, -EINTR. */
long faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			    bool write);
/* ... for every VMA of current's address space in [start, start + len)
 * (Linux's __mm_populate): 0 or the first error, unless ignore_errors. */
int __mm_populate(unsigned long start, unsigned long len, bool ignore_errors);

#endif
