/* mm/gup.c — get_user_pages: the second way into the fault path.
 *
 * Every other fault is taken by a user instruction: the CPU traps, and
 * do_page_fault finds the VMA, checks the access and calls
 * handle_mm_fault.  Here the kernel itself wants pages of a user address
 * space, often not its caller's: /proc/PID/mem, process_vm_readv/writev,
 * MAP_POPULATE, mlock.  It cannot just touch the address (the address
 * space may not be the one loaded in CR3, and the access may be one the
 * VMA forbids: ptrace writes breakpoints into read-only text), so it
 * walks the page tables itself and, where the page is missing or does
 * not allow the access, calls handle_mm_fault as the CPU's fault would,
 * then looks again (Linux 6.1's mm/gup.c, this shape exactly):
 *
 *   __get_user_pages(mm, start, nr, flags)
 *     for each page:  vma_lookup, check_vma_flags (once per VMA)
 *       retry: follow_page_pte ------------- the page, with a reference
 *                | NULL: not mapped, or not writable for FOLL_WRITE
 *                | -EMLINK: a pin of a COW-shared page (FOLL_PIN)
 *                v
 *              faultin_page -> handle_mm_fault(FAULT_FLAG_REMOTE |
 *                                WRITE or UNSHARE) -> goto retry
 *
 * FOLL_FORCE and Dirty COW.  A forced write (ptrace, /proc/PID/mem) may
 * write where the VMA says read-only, but only into a private copy: a
 * read-only private mapping of a file gets its page copied by the write
 * fault (do_cow_fault or do_wp_page -> wp_page_copy), and the PTE stays
 * read-only, because the VMA has no VM_WRITE.  So after the fault the
 * PTE is still not writable, and follow_page_pte must decide whether
 * what it maps now is that private copy (then the write may go there) or
 * still the file's page (then it must not).  CVE-2016-5195 ("Dirty COW")
 * was a race in exactly this decision: after the write fault Linux
 * followed the page as for a read ("COW is broken now"), while
 * madvise(MADV_DONTNEED) could zap the copy in between, so the retry
 * mapped the page cache's page again and the write went to the file.
 * Since 6.0 Linux looks at the page itself: the write may go only to an
 * anonymous page this mapping holds exclusively (can_follow_write_pte).  A forced write to a shared mapping is refused
 * outright (check_vma_flags): it would write the file. */
#include "mm/gup.h"
#include "mm/memory.h"
#include "mm/pgtable.h"
#include "mm/page_alloc.h"
#include "mm/rmap.h"
#include "mm/fault.h"
#include "kernel/proc.h"
#include "kernel/err.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/fault_trace.h"

/* May flags (FOLL_*) reach this VMA at all?  -EFAULT if not (Linux's
 * check_vma_flags): device memory has no pages to give; a write needs
 * VM_WRITE, or FOLL_FORCE in a private mapping that could be made
 * writable (a copy-on-write mapping); a read needs VM_READ, or FOLL_FORCE
 * in a mapping that may be read (x86: any PROT_NONE one). */
static int check_vma_flags(struct vm_area_struct *vma, unsigned int gup_flags)
{
	unsigned long vm_flags = vma->vm_flags;

	if (vm_flags & (VM_IO | VM_PFNMAP))
		return -EFAULT;
	if (gup_flags & FOLL_WRITE) {
		if (!(vm_flags & VM_WRITE)) {
			if (!(gup_flags & FOLL_FORCE))
				return -EFAULT;
			if (!is_cow_mapping(vm_flags))	/* shared, or never writable */
				return -EFAULT;
		}
	} else if (!(vm_flags & VM_READ)) {
		if (!(gup_flags & FOLL_FORCE))
			return -EFAULT;
		if (!(vm_flags & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/* May a FOLL_WRITE caller write this present PTE's page?  Yes if the PTE
 * is writable.  For FOLL_FORCE, also when the page is the private copy a
 * forced write fault left behind, read-only because the VMA is: the
 * mapping is private, may be written (VM_MAYWRITE), is not writable now
 * (else a write fault would have made the PTE writable), and the page is
 * an anonymous one ours alone.  Never a file's page: see the top.
 * (Linux's can_follow_write_pte.) */
static bool can_follow_write_pte(pte_t pte, struct page *page, struct vm_area_struct *vma,
				 unsigned int flags)
{
	/* Never a read-only PTE soft-dirty tracking waits on: the write must
	 * take the fault that sets its bit (Linux's last test, "a write-fault
	 * isn't required for other reasons"; clear_refs made it read-only). */
	if (!pte_write(pte) && vma_soft_dirty_enabled(vma) && !pte_soft_dirty(pte))
		return false;
	/* LAB gup: BEGIN — a forced write may follow a read-only PTE only to a private copy of ours
	 * hint: a writable PTE may be written by any FOLL_WRITE caller; without FOLL_FORCE a
	 *       read-only one never (GUP faults and looks again: faultin_page).
	 * hint: through a read-only PTE a forced write may go only in a private mapping
	 *       (neither VM_SHARED nor VM_MAYSHARE) that may be written (VM_MAYWRITE) but is
	 *       not writable now (no VM_WRITE: there the write fault made the PTE writable).
	 * hint: and only into an anonymous page that only this PTE maps and nobody else holds
	 *       (page_anon_exclusive, mm/memory.h): the copy the write fault just made.  Never
	 *       the zero page (everyone's), never a page-cache page (the file's).
	 * hint: false is safe while the fault that follows makes progress: GUP faults in the
	 *       page (a copy) and asks again; after GUP_MAX_FAULTS_PER_PAGE it gives up. */
	if (pte_write(pte))
		return true;
	if (!(flags & FOLL_FORCE))
		return false;
	if (vma->vm_flags & (VM_MAYSHARE | VM_SHARED))
		return false;
	if (!(vma->vm_flags & VM_MAYWRITE))
		return false;
	if (vma->vm_flags & VM_WRITE)
		return false;
	return page && page != zero_page && page_anon_exclusive(page);
	/* LAB gup: STUB
	// Force means force: with FOLL_FORCE any read-only PTE will do, whatever
	// it maps (only the zero page is kept out: a write there would change
	// every process's zeroes).  A forced write to a read-only private file
	// mapping then goes into the page cache's page without a fault: the
	// file changes, as Dirty COW's race made it; and one into a page fork
	// shares reaches both processes.
	return pte_write(pte) || ((flags & FOLL_FORCE) && page && page != zero_page);
	   LAB gup: END */
}

/* A pin (FOLL_PIN) that only reads must not hold a page fork shared
 * copy-on-write: the first write by either process would copy it and the
 * pin would see one side only.  Such a page is unshared first (a fault
 * with FAULT_FLAG_UNSHARE copies it, read-only).  Linux's gup_must_unshare. */
static bool gup_must_unshare(unsigned int flags, struct page *page)
{
	if ((flags & (FOLL_WRITE | FOLL_PIN)) != FOLL_PIN)
		return false;
	if (page == zero_page || page->mapping)
		return false;			/* not anonymous: nothing to unshare */
	return !page_anon_exclusive(page);
}

/* The PTE of address, or NULL where a level has no table: the walk down
 * with the per-level helpers, allocating nothing (Linux's
 * follow_page_mask -> follow_pud_mask -> follow_pmd_mask).  The user half
 * has no large pages: every walk ends at a PTE or a hole. */
static pte_t *follow_page_mask(struct mm_struct *mm, unsigned long address)
{
	pte_t *pgd = pgd_offset(mm, address);
	if (pte_none(*pgd))
		return NULL;
	pte_t *pud = pud_offset(pgd, address);
	if (pte_none(*pud))
		return NULL;
	pte_t *pmd = pmd_offset(pud, address);
	if (pte_none(*pmd))
		return NULL;
	return pte_offset_map(pmd, address);
}

/* The page mapped at address, taken (FOLL_GET/FOLL_PIN: a reference; the
 * zero page: none), or NULL when a fault is needed (not mapped, or not
 * writable for FOLL_WRITE), or ERR_PTR(-EMLINK) when a pin must unshare
 * it first.  It never changes the page tables (Linux's follow_page_pte). */
static struct page *follow_page_pte(struct vm_area_struct *vma, unsigned long address,
				    unsigned int flags)
{
	pte_t *ptep = follow_page_mask(vma->vm_mm, address);
	if (!ptep || !pte_present(*ptep))
		return NULL;
	pte_t pte = *ptep;
	/* a PROT_NONE PTE: only FOLL_FORCE may follow it (gup_can_follow_protnone) */
	if (!(pte_val(pte) & _PAGE_PRESENT) && !(flags & FOLL_FORCE))
		return NULL;
	unsigned long pfn = pte_pfn(pte);
	struct page *page = pfn == zero_pfn() ? zero_page : pfn_to_page(pfn);

	if ((flags & FOLL_WRITE) && !can_follow_write_pte(pte, page, vma, flags))
		return NULL;
	if (!pte_write(pte) && gup_must_unshare(flags, page))
		return ERR_PTR(-EMLINK);
	if ((flags & (FOLL_GET | FOLL_PIN)) && page != zero_page)
		get_page(page);
	if (flags & FOLL_TOUCH) {
		if ((flags & FOLL_WRITE) && page->mapping)
			set_page_dirty(page);	/* a shared file page written behind the PTE */
		*ptep = pte_mkyoung(pte);
	}
	return page;
}

/* The fault GUP asks for: as a user's access would take it, with
 * FAULT_FLAG_REMOTE (the mm may not be current's), FAULT_FLAG_WRITE for
 * FOLL_WRITE, FAULT_FLAG_UNSHARE for a pin of a COW-shared page.  0, or
 * the error GUP returns: -ENOMEM, -EFAULT (SIGBUS, SIGSEGV).  It is traced
 * as a fault of its own: /proc/faults shows it with "+gup" and rip 0 (no
 * instruction took it), /proc/vmstat counts it as fault_gup, and gdb's
 * `break-fault gup` stops here.  (Linux's faultin_page.) */
static __noinline int faultin_page(struct vm_area_struct *vma, unsigned long address,
				   unsigned int flags, bool unshare)
{
	unsigned int fault_flags = FAULT_FLAG_REMOTE;

	if (flags & FOLL_NOFAULT)
		return -EFAULT;
	if (flags & FOLL_WRITE)
		fault_flags |= FAULT_FLAG_WRITE;
	if (unshare)
		fault_flags |= FAULT_FLAG_UNSHARE;
	trace_fault_begin(0, address, (flags & FOLL_WRITE) ? X86_PF_WRITE : 0);
	trace_fault_vma(vma->vm_start, vma->vm_end);
	trace_fault_path(FAULT_PATH_GUP);
	vm_fault_t ret = handle_mm_fault(vma, address, fault_flags);
	trace_fault_end(ret);
	if (ret & VM_FAULT_OOM)
		return -ENOMEM;
	if (ret & VM_FAULT_ERROR)
		return -EFAULT;
	return 0;
}

/* How many times one page may be faulted in and still not be followable
 * before GUP gives up: each fault must make progress (map the page, copy
 * it, make it writable), so a second retry already means a kernel bug;
 * a message and -EFAULT beat a kernel that hangs in this loop. */
#define GUP_MAX_FAULTS_PER_PAGE	4

/* How often a walk of current's own mm lets others run: every 64 pages
 * (256 KiB, some 200 microseconds of populating under QEMU). */
#define GUP_RESCHED_PAGES	64

/* See the top.  Returns the pages done, or an error if none was. */
static long __get_user_pages(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			     unsigned int gup_flags, struct page **pages,
			     struct vm_area_struct **vmas)
{
	struct vm_area_struct *vma = NULL;
	long done = 0, ret = 0;

	start &= PAGE_MASK;
	while (nr_pages) {
		/* A long populate (mlock of a gigabyte) lets others run every
		 * GUP_RESCHED_PAGES pages, as Linux's cond_resched here (every
		 * page there; here a check per page cost MAP_POPULATE 3%); then
		 * a SIGKILL can reach it (-EINTR below).  Not for another
		 * process's mm: nothing holds that one while we sleep (remote
		 * callers go a page at a time anyway).  Only tasks sharing this
		 * mm could change its VMAs meanwhile, and the one that can
		 * (vfork's parent) waits; the VMA is looked up again all the
		 * same, as Linux does after it drops mmap_lock. */
		if (!(start & (GUP_RESCHED_PAGES * PAGE_SIZE - 1)) && mm == current->mm &&
		    cond_resched())
			vma = NULL;
		if (!vma || start >= vma->vm_end) {
			vma = find_vma(mm, start);
			if (!vma || vma->vm_start > start) {	/* Linux's vma_lookup: no stack growth */
				ret = -EFAULT;
				break;
			}
			ret = check_vma_flags(vma, gup_flags);
			if (ret)
				break;
		}
		struct page *page;
		int faults = 0;
		for (;;) {
			if (fatal_signal_pending(current)) {
				ret = -EINTR;
				goto out;
			}
			page = follow_page_pte(vma, start, gup_flags);
			if (page && !IS_ERR(page))
				break;
			if (++faults > GUP_MAX_FAULTS_PER_PAGE) {
				printk(KERN_ERR "gup: %lx in pid %d's mm still not followable after %d "
				       "faults (flags %x): a fault path that does not map what it "
				       "should\n", start, current->pid, GUP_MAX_FAULTS_PER_PAGE,
				       gup_flags);
				ret = -EFAULT;
				goto out;
			}
			ret = faultin_page(vma, start, gup_flags, page == ERR_PTR(-EMLINK));
			if (ret)
				goto out;
		}
		if (pages)
			pages[done] = page;
		else if (gup_flags & (FOLL_GET | FOLL_PIN))
			gup_put_page(page);
		if (vmas)
			vmas[done] = vma;
		done++;
		start += PAGE_SIZE;
		nr_pages--;
	}
out:
	return done ? done : ret;
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas)
{
	if (gup_flags & FOLL_PIN)
		return -EINVAL;			/* pins go through pin_user_pages_remote */
	if (pages)
		gup_flags |= FOLL_GET;
	return __get_user_pages(mm, start, nr_pages, gup_flags | FOLL_TOUCH | FOLL_REMOTE,
				pages, vmas);
}

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	if (gup_flags & FOLL_PIN)
		return -EINVAL;
	return __get_user_pages(current->mm, start, nr_pages, gup_flags | FOLL_GET | FOLL_TOUCH,
				pages, NULL);
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages)
{
	if (gup_flags & FOLL_GET)
		return -EINVAL;
	return __get_user_pages(mm, start, nr_pages,
				gup_flags | FOLL_PIN | FOLL_TOUCH | FOLL_REMOTE, pages, NULL);
}

void gup_put_page(struct page *page)
{
	if (page != zero_page)			/* followed without a reference */
		put_page(page);
}

/* A pin is a reference here (Linux counts pins apart, in the refcount's
 * high bits, to tell DMA pins from short references: nothing here needs
 * that distinction). */
void unpin_user_pages_dirty(struct page **pages, unsigned long n, bool dirty)
{
	for (unsigned long i = 0; i < n; i++) {
		if (dirty && pages[i] != zero_page && pages[i]->mapping)
			set_page_dirty(pages[i]);
		gup_put_page(pages[i]);
	}
}

/* Linux's __access_remote_vm: one page at a time, through the direct map
 * (every frame is in it: nothing to kmap).  A page GUP refuses ends the
 * copy; what was done before it counts. */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	char *p = buf;
	bool write = gup_flags & FOLL_WRITE;

	while (len > 0) {
		struct page *page;
		if (get_user_pages_remote(mm, addr, 1, gup_flags, &page, NULL) <= 0)
			break;
		unsigned int offset = addr & ~PAGE_MASK;
		int bytes = MIN((unsigned long)len, PAGE_SIZE - offset);
		char *kaddr = (char *)page_address(page) + offset;
		if (write) {
			memcpy(kaddr, p, bytes);
			if (page->mapping)
				set_page_dirty(page);
		} else {
			memcpy(p, kaddr, bytes);
		}
		gup_put_page(page);
		len -= bytes;
		p += bytes;
		addr += bytes;
	}
	return (int)(p - (char *)buf);
}

/* Fault in [start, end) of vma, which contains it: a write fault where a
 * write would copy (private writable memory: its COW is broken now, as
 * Linux's), a read fault elsewhere (shared memory is not dirtied for
 * nothing); FOLL_FORCE so that any accessible mapping works, even one
 * mlock'ed read-only (PROT_NONE is not accessible: check_vma_flags
 * refuses it, -EFAULT, which mlock reports as -ENOMEM, as Linux's).
 * A VM_LOCKONFAULT VMA (mlock2(MLOCK_ONFAULT), mlockall(MCL_ONFAULT)) is
 * not populated at all: its pages are locked as they fault in, and the
 * whole range counts as done.  No pages are taken.  (Linux's
 * populate_vma_page_range.) */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned int gup_flags = FOLL_TOUCH;

	if (vma->vm_flags & VM_LOCKONFAULT)
		return (long)((end - start) >> PAGE_SHIFT);
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags |= FOLL_WRITE;
	if (vma->vm_flags & VM_ACCESS_FLAGS)
		gup_flags |= FOLL_FORCE;
	return __get_user_pages(vma->vm_mm, start, (end - start) >> PAGE_SHIFT, gup_flags,
				NULL, NULL);
}

/* Fault in [start, end) of vma, which contains it, as the process's own
 * accesses would: read faults, or write faults for write (private memory
 * gets its own copies: COW broken, the PTEs writable), without FOLL_FORCE,
 * so the VMA's protection holds.  A VMA the access may not reach at all
 * (device memory, PROT_NONE, a write to a read-only mapping) is -EINVAL,
 * not GUP's -EFAULT: that one is kept for a fault the fault path refused
 * (SIGBUS past a file's end, SIGSEGV).  Pages done, or an error when none
 * was (GUP's: -EFAULT, -ENOMEM, -EINTR).  MADV_POPULATE_READ/WRITE's
 * work (Linux's faultin_vma_page_range; its FOLL_HWPOISON has nothing to
 * do here: no memory is ever poisoned). */
long faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			    bool write)
{
	unsigned int gup_flags = FOLL_TOUCH;

	if (write)
		gup_flags |= FOLL_WRITE;
	if (check_vma_flags(vma, gup_flags))
		return -EINVAL;
	return __get_user_pages(vma->vm_mm, start, (end - start) >> PAGE_SHIFT, gup_flags,
				NULL, NULL);
}

/* Populate every VMA met in [start, start + len) of current's address
 * space, skipping device memory; a hole ends it.  (Linux's __mm_populate.) */
int __mm_populate(unsigned long start, unsigned long len, bool ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart, nend;
	long ret = 0;

	for (nstart = start; nstart < end; nstart = nend) {
		struct vm_area_struct *vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start >= end)
			break;
		nend = MIN(end, vma->vm_end);
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue;	/* the next VMA */
			}
			break;
		}
		nend = nstart + ret * PAGE_SIZE;	/* fewer than asked: stopped there */
		ret = 0;
	}
	return (int)ret;
}
