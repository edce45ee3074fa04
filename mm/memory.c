/* mm/memory.c — the page-fault path, as Linux's mm/memory.c.
 *
 * Two ways in:
 *   a user instruction faults:  trap -> do_page_fault (mm/fault.c): find_vma,
 *                               access_error -> handle_mm_fault
 *   the kernel asks for pages:  get_user_pages (mm/gup.c: /proc/PID/mem, process_vm_*,
 *                               MAP_POPULATE, mlock, MADV_POPULATE_*) -> follow_page_pte;
 *                               missing or not writable -> faultin_page ->
 *                               handle_mm_fault (FAULT_FLAG_REMOTE; WRITE for
 *                               FOLL_WRITE, UNSHARE for a pin), then follow again
 *
 * handle_mm_fault(vma, address, flags)
 *   fill struct vm_fault; walk PML4 -> PDPT -> PD -> PT one level at a time
 *   (pgd_offset, pud_alloc, pmd_alloc, pte_alloc_map), allocating tables
 *   handle_pte_fault(vmf)
 *     PTE none:
 *       anonymous VMA  -> do_anonymous_page
 *                           read:  map the shared zero page, read-only
 *                           write: a new zeroed page, writable and dirty
 *       file VMA       -> do_fault
 *                           read            -> do_read_fault   (do_fault_around: ->map_pages
 *                                                               maps the cached pages around
 *                                                               it; else ->fault, map it)
 *                           write, private  -> do_cow_fault    (->fault, copy to a new page)
 *                           write, shared   -> do_shared_fault (->fault, ->page_mkwrite,
 *                                                               map writable and dirty)
 *                           VM_PFNMAP: ->fault calls vmf_insert_pfn itself
 *     PTE present, write (or a pin's unshare), PTE read-only:
 *                      -> do_wp_page
 *                           unshare: nothing unless an anonymous page fork shares
 *                                    -> wp_page_copy, the copy read-only
 *                           private: zero page or file page -> wp_page_copy
 *                                    a page only we map      -> wp_page_reuse
 *                                    (also the first write after "echo 4 >
 *                                    /proc/PID/clear_refs": it write-protected
 *                                    every PTE; the reuse sets soft-dirty again)
 *                                    (a forced write of GUP: the VMA has no
 *                                    VM_WRITE, so the copy stays read-only)
 *                           shared:   ->page_mkwrite, then  -> wp_page_reuse
 *                                    (soft-dirty as above: after clear_refs a
 *                                    shared writable VMA is write-notified)
 *                           shared pfn (device memory)      -> wp_pfn_shared
 *     PTE present otherwise (another path mapped it first): mark it young, flush
 *
 * Every PTE made dirty (pte_mkdirty: each "writable and dirty" above) is
 * also soft-dirty (_PAGE_SOFT_DIRTY, mm/pgtable.h); the CPU's own D bit
 * never is.  fork copies the bit with the PTE, mremap sets it on what it
 * moves.
 *
 * Each case is its own __noinline function, so gdb's backtrace shows the
 * path (do_page_fault -> handle_mm_fault -> handle_pte_fault -> ...) at -O2.
 * Every function returns VM_FAULT_* bits; only do_page_fault (mm/fault.c)
 * turns them into a signal (and faultin_page, mm/gup.c, into an errno).
 * The kernel is uniprocessor and never preempted inside the fault path,
 * so the "re-check the PTE under its lock" steps of Linux are not needed;
 * each place where Linux does one says so.
 */
#include "mm/memory.h"
#include "mm/kmalloc.h"
#include "kernel/proc.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/fault_trace.h"
#include "kernel/errno.h"
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/signal.h"

/* The PTE bits of a page of this VMA, as Linux's protection_map: private
 * writable mappings start read-only (a write faults and copies). */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	u64 prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
	if (!(vm_flags & VM_ACCESS_FLAGS))
		return PAGE_NONE;		/* PROT_NONE: any access faults */
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_SHARED))
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return __pgprot(prot);
}

/* Make the PTE writable if the VMA allows writes (Linux's maybe_mkwrite). */
static pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_WRITE ? pte_mkwrite(pte) : pte;
}

static void inc_rss(struct mm_struct *mm, struct page *page)
{
	if (page->mapping)
		mm->rss_file++;
	else
		mm->rss_anon++;
}

/* Map page at vmf->address with entry: one more mapper of the page. */
static void set_pte_page(struct vm_fault *vmf, struct page *page, pte_t entry)
{
	BUG_ON(!pte_none(*vmf->pte));	/* Linux re-checks under the PTE lock here */
	page->mapcount++;
	inc_rss(vmf->vma->vm_mm, page);
	*vmf->pte = entry;
}

/* A PTE none, an anonymous VMA.  A read maps the shared zero page
 * read-only: memory nobody wrote costs no page.  A write gets a fresh
 * zeroed page, writable and dirty at once. */
static __noinline vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	/* LAB anon: BEGIN — a read maps the zero page read-only; a write maps a new zeroed page
	 * hint: zero_pfn() is the zero page's frame; pte_wrprotect keeps a later write faulting.
	 * hint: the zero page has no mapcount: nobody owns it (zap_one and copy_present_pte skip it).
	 * hint: a written page is dirty at once and writable if the VMA is (maybe_mkwrite).
	 * hint: count the path: trace_fault_path(FAULT_PATH_ANON_ZERO) or (FAULT_PATH_ANON). */
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		pte_t entry = pfn_pte(zero_pfn(), vma->vm_page_prot);
		BUG_ON(!pte_none(*vmf->pte));
		*vmf->pte = pte_wrprotect(entry);	/* no mapcount: the zero page is everyone's */
		trace_fault_path(FAULT_PATH_ANON_ZERO);
		return 0;
	}
	struct page *page = alloc_zeroed_page();
	if (!page)
		return VM_FAULT_OOM;
	pte_t entry = maybe_mkwrite(pte_mkdirty(pfn_pte(page_to_pfn(page), vma->vm_page_prot)), vma);
	vma->anon_vma = true;			/* Linux: anon_vma_prepare */
	set_pte_page(vmf, page, entry);		/* the mapping owns alloc's reference */
	trace_fault_path(FAULT_PATH_ANON);
	return 0;
	/* LAB anon: STUB
	// Every fault, read or write, gets a new zeroed page of its own, mapped
	// as if written: programs run, but memory only read costs a page each.
	struct page *page = alloc_zeroed_page();
	if (!page)
		return VM_FAULT_OOM;
	pte_t entry = maybe_mkwrite(pte_mkdirty(pfn_pte(page_to_pfn(page), vma->vm_page_prot)), vma);
	vma->anon_vma = true;
	set_pte_page(vmf, page, entry);
	return 0;
	   LAB anon: END */
}

/* Ask the file for the page at vmf->pgoff (->fault): it comes back in
 * vmf->page with a reference, or the fault's VM_FAULT_* bits. */
static __noinline vm_fault_t __do_fault(struct vm_fault *vmf)
{
	vmf->page = NULL;
	vm_fault_t ret = vmf->vma->vm_ops->fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	BUG_ON(!vmf->page);
	return ret;
}

/* Install vmf->page (or vmf->cow_page) at the fault address, as Linux's
 * finish_fault: writable only for a write to a shared mapping or to our
 * own copy. */
static __noinline vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	struct page *page = vmf->cow_page ? vmf->cow_page : vmf->page;

	/* Linux: another thread may have mapped it meanwhile; not here (UP) */
	pte_t entry = pfn_pte(page_to_pfn(page), vma->vm_page_prot);
	if (write && (vmf->cow_page || (vma->vm_flags & VM_SHARED)))
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	set_pte_page(vmf, page, entry);
	return 0;
}

/* fault_around_bytes: how much do_fault_around tries to map (Linux's
 * default 64 KiB; boot option fault_around_bytes=, a power of two from
 * 4096 (off) to 2 MiB). */
static unsigned long fault_around_pages = 65536 / PAGE_SIZE;

KPARAM(fault_around_bytes, "fault-around window: a power of two, 4096 (off) to 2097152; 65536");

void fault_around_init(void)
{
	unsigned long bytes;
	const char *v = cmdline_get("fault_around_bytes");
	if (!v)
		return;
	if (kstrtoul(v, 0, &bytes) || bytes < PAGE_SIZE || bytes > PMD_SIZE || (bytes & (bytes - 1)))
		printk(KERN_WARNING "fault_around_bytes=%s: want a power of two from 4096 to "
		       "2097152; keeping %lu\n", v, fault_around_pages * PAGE_SIZE);
	else
		fault_around_pages = bytes / PAGE_SIZE;
}

/* Before a read fault asks the file for its page, map the pages around it
 * that are already in the page cache (->map_pages): one fault, up to
 * fault_around_pages mapped.  The window is aligned to its size, starts
 * no lower than the VMA, and never crosses the VMA's end or the page
 * table (2 MiB) that holds the fault: exactly Linux 6.1's arithmetic. */
static __noinline vm_fault_t do_fault_around(struct vm_fault *vmf)
{
	/* LAB filemap: BEGIN — the window around the fault, then ->map_pages(vmf, start, end)
	 * hint: the window is fault_around_pages long, aligned to its size, and starts no
	 *       lower than vm_start; start_pgoff is vmf->pgoff minus the pages before it.
	 * hint: end_pgoff is the least of: this page table's last entry (PTRS_PER_TABLE),
	 *       the VMA's last page (vma_pages + vm_pgoff - 1), and start + window - 1.
	 * hint: docs/fault-path.md section 3 works two windows through, number by number. */
	struct vm_area_struct *vma = vmf->vma;
	unsigned long nr_pages = fault_around_pages;
	unsigned long mask = ~(nr_pages * PAGE_SIZE - 1) & PAGE_MASK;
	unsigned long address = MAX(vmf->address & mask, vma->vm_start);
	unsigned long off = ((vmf->address - address) >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1);
	pgoff_t start_pgoff = vmf->pgoff - off;
	/* the end: this page table's last entry, the VMA's end, or nr_pages on */
	pgoff_t end_pgoff = start_pgoff - ((address >> PAGE_SHIFT) & (PTRS_PER_TABLE - 1)) +
			    PTRS_PER_TABLE - 1;
	end_pgoff = MIN(end_pgoff, vma_pages(vma) + vma->vm_pgoff - 1);
	end_pgoff = MIN(end_pgoff, start_pgoff + nr_pages - 1);
	return vma->vm_ops->map_pages(vmf, start_pgoff, end_pgoff);
	/* LAB filemap: STUB
	// No fault-around: do_read_fault asks ->fault for the one page.
	return 0;
	   LAB filemap: END */
}

/* A read of a file page not yet mapped: map the page-cache page itself
 * (read-only in a private mapping, so a later write copies it), and with
 * it, by fault-around, its neighbours already in the cache. */
static __noinline vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	if (vmf->vma->vm_ops->map_pages && fault_around_pages > 1) {
		vm_fault_t around = do_fault_around(vmf);
		if (around) {			/* the faulting page was cached: done */
			trace_fault_path(FAULT_PATH_FILE_AROUND);
			return around;
		}
	}
	vm_fault_t ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	ret |= finish_fault(vmf);		/* the PTE keeps ->fault's reference */
	trace_fault_path(FAULT_PATH_FILE_READ);
	return ret;
}

/* Copy a page's bytes for copy-on-write (the zero page: just zeroes). */
static void copy_user_page(struct page *dst, struct page *src)
{
	if (src == zero_page)
		clear_page(page_address(dst));
	else
		copy_page(page_address(dst), page_address(src));
}

/* A write to a file page not yet mapped, in a private mapping: copy the
 * page-cache page into a new anonymous page and map that, writable.  The
 * page cache is untouched. */
static __noinline vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	vmf->cow_page = alloc_page();
	if (!vmf->cow_page)
		return VM_FAULT_OOM;
	vm_fault_t ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		put_page(vmf->cow_page);
		return ret;
	}
	copy_user_page(vmf->cow_page, vmf->page);
	put_page(vmf->page);			/* ->fault's reference: we keep the copy */
	vmf->vma->anon_vma = true;
	ret |= finish_fault(vmf);
	trace_fault_path(FAULT_PATH_FILE_COW);
	return ret;
}

/* A write to a file page not yet mapped, in a shared mapping: map the
 * page-cache page writable and dirty. */
static __noinline vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		return ret;
	/* LAB shared: BEGIN — tell the file before its page is written: ->page_mkwrite
	 * hint: not every file has one (vm_ops->page_mkwrite may be NULL).
	 * hint: an error from it (VM_FAULT_SIGBUS: a read-only or truncated file) ends the
	 *       fault: drop ->fault's reference on vmf->page first (put_page). */
	if (vmf->vma->vm_ops->page_mkwrite) {	/* tell the file before it is written */
		vm_fault_t tmp = vmf->vma->vm_ops->page_mkwrite(vmf);
		if (tmp & VM_FAULT_ERROR) {
			put_page(vmf->page);
			return tmp;
		}
	}
	/* LAB shared: STUB
	// The file is never told: its pages are written without being marked dirty.
	   LAB shared: END */
	ret |= finish_fault(vmf);
	trace_fault_path(FAULT_PATH_FILE_SHARED);
	return ret;
}

/* A PTE none in a VMA with vm_ops: which of the three file cases. */
static __noinline vm_fault_t do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	if (!vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/* The write can go to the page already mapped: make the PTE writable. */
static __noinline vm_fault_t wp_page_reuse(struct vm_fault *vmf)
{
	pte_t entry = pte_mkyoung(pte_mkdirty(vmf->orig_pte));
	*vmf->pte = maybe_mkwrite(entry, vmf->vma);
	flush_tlb_one(vmf->address);
	trace_fault_path(FAULT_PATH_WP_REUSE);
	return 0;
}

/* Break copy-on-write: copy the mapped page (the zero page: zeroes) into a
 * new page, map that writable, and drop our hold on the old one. */
static __noinline vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long old_pfn = pte_pfn(vmf->orig_pte);
	struct page *old = old_pfn == zero_pfn() ? zero_page : pfn_to_page(old_pfn);
	struct page *new_page = alloc_page();
	if (!new_page)
		return VM_FAULT_OOM;
	copy_user_page(new_page, old);

	/* Linux re-checks that the PTE did not change while copying; not here (UP) */
	pte_t entry = pfn_pte(page_to_pfn(new_page), vma->vm_page_prot);
	if (!(vmf->flags & FAULT_FLAG_UNSHARE))	/* unshare: a copy, still read-only, */
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	else if (pte_soft_dirty(vmf->orig_pte))	/* as soft-dirty as it was (nobody wrote) */
		entry = pte_mksoft_dirty(entry);
	new_page->mapcount++;
	vma->vm_mm->rss_anon++;
	vma->anon_vma = true;
	*vmf->pte = entry;
	flush_tlb_one(vmf->address);
	if (old != zero_page) {			/* the old page loses one mapper */
		old->mapcount--;
		if (old->mapping)
			vma->vm_mm->rss_file--;
		else
			vma->vm_mm->rss_anon--;
		put_page(old);
	}
	trace_fault_path(old == zero_page ? FAULT_PATH_WP_ZERO : FAULT_PATH_WP_COPY);
	return VM_FAULT_WRITE;
}

/* A write to a read-only PTE of a shared raw-pfn mapping (device memory,
 * no struct page): tell the driver (->pfn_mkwrite: the framebuffer marks
 * the page damaged), then make the PTE writable.  Linux's wp_pfn_shared. */
static __noinline vm_fault_t wp_pfn_shared(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	/* LAB pfn: BEGIN — tell the driver about the write (->pfn_mkwrite) before allowing it
	 * hint: vm_ops or its pfn_mkwrite may be NULL; its error or NOPAGE ends the fault. */
	if (vma->vm_ops && vma->vm_ops->pfn_mkwrite) {
		vm_fault_t ret = vma->vm_ops->pfn_mkwrite(vmf);
		if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
			return ret;
	}
	/* LAB pfn: STUB
	// The driver is not told: the framebuffer never learns which pages changed.
	   LAB pfn: END */
	/* Linux re-checks the PTE here (finish_mkwrite_fault): ->pfn_mkwrite
	 * may have slept.  Ours cannot, and nothing else runs: no re-check. */
	pte_t entry = pte_mkyoung(pte_mkdirty(vmf->orig_pte));
	*vmf->pte = maybe_mkwrite(entry, vma);
	flush_tlb_one(vmf->address);
	trace_fault_path(FAULT_PATH_PFN_MKWRITE);
	return 0;
}

/* ->fault of a raw-pfn mapping puts the pfn in the PTE itself (Linux's
 * vmf_insert_pfn), with the VMA's protection: read-only when the driver
 * wants write-notify.  Refuses copy-on-write mappings (a pfn has no page
 * to copy or count) and addresses outside the VMA; an entry already there
 * is left alone — the re-check Linux does because another thread may have
 * mapped it meanwhile (here nobody can: the fault path is not preempted). */
vm_fault_t vmf_insert_pfn(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn)
{
	/* LAB pfn: BEGIN — put the pfn in the PTE with the VMA's protection; refuse what cannot be
	 * hint: refuse (VM_FAULT_SIGBUS) a copy-on-write mapping (is_cow_mapping), a VMA
	 *       without VM_PFNMAP, and an address outside the VMA.
	 * hint: vm_page_prot is read-only when the driver wants write-notify: use it as is.
	 * hint: a frame of device memory has no struct page: no refcount, no mapcount.
	 * hint: leave a PTE already set alone; count the path (FAULT_PATH_PFN). */
	if (is_cow_mapping(vma->vm_flags) || !(vma->vm_flags & VM_PFNMAP))
		return VM_FAULT_SIGBUS;
	if (addr < vma->vm_start || addr >= vma->vm_end)
		return VM_FAULT_SIGBUS;
	pte_t *pte = pte_alloc(vma->vm_mm->pgd, addr);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		*pte = pfn_pte(pfn, vma->vm_page_prot);	/* no refcount, no mapcount */
	trace_fault_path(FAULT_PATH_PFN);
	return VM_FAULT_NOPAGE;
	/* LAB pfn: STUB
	// Map the frame writable at once (if the VMA may be written): no write-notify.
	pte_t *pte = pte_alloc(vma->vm_mm->pgd, addr);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		*pte = maybe_mkwrite(pte_mkdirty(pfn_pte(pfn, vma->vm_page_prot)), vma);
	return VM_FAULT_NOPAGE;
	   LAB pfn: END */
}

/* Does a pin's unshare (FAULT_FLAG_UNSHARE) have anything to do here?
 * Only for an anonymous page of a private mapping that others share
 * (fork): that one is copied, read-only, so the pin holds a page no
 * other process can change.  The zero page, file pages, shared and
 * device memory are left as they are (Linux's do_wp_page, unshare). */
static bool wp_must_unshare(struct vm_area_struct *vma, unsigned long pfn)
{
	if (!is_cow_mapping(vma->vm_flags) || (vma->vm_flags & VM_PFNMAP) || pfn == zero_pfn())
		return false;
	struct page *page = pfn_to_page(pfn);
	return !page->mapping && !page_anon_exclusive(page);
}

/* A write to a present, read-only PTE: in a VMA that allows writing, or a
 * forced write of get_user_pages (mm/gup.c) to a private one (whose copy
 * stays read-only: maybe_mkwrite); or a pin's unshare (see above). */
static __noinline vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long pfn = pte_pfn(vmf->orig_pte);

	if ((vmf->flags & FAULT_FLAG_UNSHARE) && !wp_must_unshare(vma, pfn))
		return 0;				/* nothing shared copy-on-write */

	if (vma->vm_flags & VM_PFNMAP)			/* device memory: no struct page */
		return wp_pfn_shared(vmf);
	if (vma->vm_flags & VM_SHARED) {		/* shared: write-notify, then reuse */
		/* LAB shared: BEGIN — a write to a clean shared page: ->page_mkwrite, then reuse it
		 * hint: the PTE maps the page-cache page itself: pfn_to_page(pfn) goes in vmf->page.
		 * hint: an error from ->page_mkwrite ends the fault; else wp_page_reuse. */
		struct page *page = pfn_to_page(pfn);
		if (vma->vm_ops && vma->vm_ops->page_mkwrite) {
			vmf->page = page;
			vm_fault_t ret = vma->vm_ops->page_mkwrite(vmf);
			if (ret & VM_FAULT_ERROR)
				return ret;
		}
		return wp_page_reuse(vmf);
		/* LAB shared: STUB
		// Reuse at once: the file is not told that its page is written again.
		return wp_page_reuse(vmf);
		   LAB shared: END */
	}
	/* LAB cow: BEGIN — private mapping: reuse the page if only we hold it, else copy it
	 * hint: the zero page (zero_pfn()) is everyone's: always copied (wp_page_copy).
	 * hint: a page is ours alone when it has no ->mapping (not the page cache's),
	 *       one mapper (mapcount) and one reference (page_count): wp_page_reuse.
	 * hint: anything else (a file page, a page fork shared) gets wp_page_copy. */
	if (pfn == zero_pfn())
		return wp_page_copy(vmf);
	struct page *page = pfn_to_page(pfn);
	/* an anonymous page only this PTE maps (and only we hold): reuse it */
	if (!page->mapping && page->mapcount == 1 && page_count(page) == 1)
		return wp_page_reuse(vmf);
	return wp_page_copy(vmf);			/* a file page, or shared with others */
	/* LAB cow: STUB
	// Always copy: correct, but a page only we hold is copied for nothing.
	return wp_page_copy(vmf);
	   LAB cow: END */
}

/* The PTE for the address is found (or made); decide what kind of fault. */
static __noinline vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	vmf->orig_pte = *vmf->pte;
	if (pte_none(vmf->orig_pte))
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf) : do_fault(vmf);
	if ((vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) && !pte_write(vmf->orig_pte))
		return do_wp_page(vmf);
	/* present and allowed: someone mapped it between the fault and now
	 * (Linux: another thread; here: fault-around or a spurious TLB fault) */
	*vmf->pte = pte_mkyoung(vmf->orig_pte);
	flush_tlb_one(vmf->address);
	trace_fault_path(FAULT_PATH_SPURIOUS);
	return 0;
}

/* A fault that did not fail counts for the process that took it, whoever
 * asked (the CPU, or MAP_POPULATE on its behalf): Linux's mm_account_fault.
 * None here does I/O, so none is major (a RAM file system never reads). */
static void mm_account_fault(vm_fault_t ret)
{
	if (ret & VM_FAULT_ERROR)
		return;
	if (ret & VM_FAULT_MAJOR) {
		current->maj_flt++;
		vm_event_pgmajfault++;
	} else {
		current->min_flt++;
	}
}

/* The entry point of the generic fault path (see the diagram above).
 * Called with a VMA that contains address and allows the access.  It walks
 * down to the PTE as Linux's __handle_mm_fault does, one level at a time,
 * creating the tables that are missing (p4d is folded away; user VMAs have
 * no large pages, so no PUD or PMD case: every fault is a PTE's). */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.real_address = address,
		.flags = flags,
		.pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff,
		/* named, not left to the initializer: four stores instead of the
		 * block clear (rep stosq) gcc picks for the rest of the struct */
		.pte = NULL, .orig_pte = __pte(0), .page = NULL, .cow_page = NULL,
	};
	vm_event_pgfault++;			/* as Linux's count_vm_event(PGFAULT) */
	pte_t *pgd = pgd_offset(vma->vm_mm, vmf.address);
	pte_t *pud = pud_alloc(pgd, vmf.address);
	if (!pud)
		return VM_FAULT_OOM;
	pte_t *pmd = pmd_alloc(pud, vmf.address);
	if (!pmd)
		return VM_FAULT_OOM;
	vmf.pte = pte_alloc_map(pmd, vmf.address);
	if (!vmf.pte)
		return VM_FAULT_OOM;
	vm_fault_t ret = handle_pte_fault(&vmf);
	mm_account_fault(ret);
	return ret;
}

/* ---- tearing down and copying (not the fault path, but its inverse) ---- */

struct zap_arg {
	struct vm_area_struct *vma;
	bool keep_cows;			/* leave private copies (Linux: !details->even_cows) */
};

/* Drop one PTE: the page loses a mapper and the reference the PTE held.
 * With keep_cows, a PTE mapping an anonymous page (a private copy a
 * write made of a file page) stays: Linux's should_zap_page. */
static void zap_one(pte_t *pte, unsigned long addr, void *arg)
{
	struct zap_arg *za = arg;
	struct vm_area_struct *vma = za->vma;
	unsigned long pfn = pte_pfn(*pte);
	if (za->keep_cows && pfn != zero_pfn() && !(vma->vm_flags & VM_PFNMAP) &&
	    !pfn_to_page(pfn)->mapping)
		return;
	*pte = __pte(0);
	flush_tlb_one(addr);
	if (pfn == zero_pfn() || (vma->vm_flags & VM_PFNMAP))
		return;				/* no struct page, or nobody's own */
	struct page *page = pfn_to_page(pfn);
	page->mapcount--;
	if (page->mapping)
		vma->vm_mm->rss_file--;
	else
		vma->vm_mm->rss_anon--;
	put_page(page);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct zap_arg arg = { vma, false };
	for_each_pte(vma->vm_mm->pgd, start, end - start, zap_one, &arg);
}

void zap_file_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct zap_arg arg = { vma, true };
	for_each_pte(vma->vm_mm->pgd, start, end - start, zap_one, &arg);
}

/* One present PTE of the parent into the child (Linux's copy_present_pte).
 * Both then map the same page: a private page becomes read-only in both,
 * so whoever writes first takes a fault and gets its own copy (do_wp_page);
 * the page gains a mapper and the reference that goes with it.  addr is
 * the page's address (for gdb: pt addr).  Returns 0, or -ENOMEM (only a
 * copy at fork allocates). */
static int copy_present_pte(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			    pte_t *dst_pte, pte_t *src_pte, unsigned long addr)
{
	unsigned long pfn = pte_pfn(*src_pte);
	/* LAB cow: BEGIN — share the page with the child, read-only in both if it is private
	 * hint: is_cow_mapping(vm_flags) says the mapping is private and may be written.
	 * hint: write-protect the parent's PTE too (pte_wrprotect): dup_mm flushes the
	 *       parent's TLB afterwards.
	 * hint: the zero page and VM_PFNMAP frames have no struct page: nothing to count.
	 * hint: the child's PTE is one more mapper and one more reference: mapcount,
	 *       get_page, and the child's rss (inc_rss(dst_vma->vm_mm, page)). */
	if (is_cow_mapping(src_vma->vm_flags) && pte_write(*src_pte))
		*src_pte = pte_wrprotect(*src_pte);	/* the parent's too: flushed by dup_mm */
	*dst_pte = *src_pte;
	if (pfn == zero_pfn() || (src_vma->vm_flags & VM_PFNMAP))
		return 0;			/* no struct page to count */
	struct page *page = pfn_to_page(pfn);
	get_page(page);
	page->mapcount++;
	inc_rss(dst_vma->vm_mm, page);
	return 0;
	/* LAB cow: STUB
	// Copy at fork: the child gets its own copy of every private page we
	// wrote, at once; the rest (zero page, file and device pages) is shared.
	struct page *page = pfn == zero_pfn() || (src_vma->vm_flags & VM_PFNMAP) ? NULL
			    : pfn_to_page(pfn);
	if (page && !page->mapping && is_cow_mapping(src_vma->vm_flags)) {
		struct page *copy = alloc_page();
		if (!copy)
			return -ENOMEM;
		copy_page(page_address(copy), page_address(page));
		page = copy;			// the child's own: alloc's reference is the PTE's
		*dst_pte = pfn_pte(page_to_pfn(copy), pte_pgprot(*src_pte));
	} else {
		*dst_pte = *src_pte;
		if (page)
			get_page(page);
	}
	if (page) {
		page->mapcount++;
		inc_rss(dst_vma->vm_mm, page);
	}
	return 0;
	   LAB cow: END */
}

/* fork copies the parent's tables as Linux does, one function per level
 * (copy_page_range -> copy_pud_range -> copy_pmd_range -> copy_pte_range;
 * Linux's copy_p4d_range is folded away): each walks the parent's table of
 * its level once, entry by entry, skips the empty entries (a whole 512 GiB,
 * 1 GiB or 2 MiB with nothing mapped), and makes the child's table below
 * where the parent has one.  [addr, end) is the part of the VMA that the
 * entry above covers. */

/* One page table of the parent: each present PTE in [addr, end) into the
 * child's table for the same range, made here (Linux's copy_pte_range). */
static int copy_pte_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pte_t *dst_pmd, pte_t *src_pmd, unsigned long addr, unsigned long end)
{
	pte_t *src_pte = pte_offset_map(src_pmd, addr);
	pte_t *dst_pte = pte_alloc_map(dst_pmd, addr);
	if (!dst_pte)
		return -ENOMEM;
	for (; addr < end; addr += PAGE_SIZE, src_pte++, dst_pte++) {
		if (!pte_present(*src_pte))	/* PROT_NONE PTEs are present: copied */
			continue;
		int err = copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
		if (err)
			return err;
	}
	return 0;
}

/* One page directory of the parent: each page table in [addr, end). */
static int copy_pmd_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pte_t *dst_pud, pte_t *src_pud, unsigned long addr, unsigned long end)
{
	pte_t *src_pmd = pmd_offset(src_pud, addr);
	pte_t *dst_pmd = pmd_alloc(dst_pud, addr);
	if (!dst_pmd)
		return -ENOMEM;
	for (unsigned long next; addr < end; addr = next, src_pmd++, dst_pmd++) {
		next = pmd_addr_end(addr, end);
		if (pte_none(*src_pmd))
			continue;
		int err = copy_pte_range(dst_vma, src_vma, dst_pmd, src_pmd, addr, next);
		if (err)
			return err;
	}
	return 0;
}

/* One PDPT of the parent: each page directory in [addr, end). */
static int copy_pud_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pte_t *dst_pgd, pte_t *src_pgd, unsigned long addr, unsigned long end)
{
	pte_t *src_pud = pud_offset(src_pgd, addr);
	pte_t *dst_pud = pud_alloc(dst_pgd, addr);
	if (!dst_pud)
		return -ENOMEM;
	for (unsigned long next; addr < end; addr = next, src_pud++, dst_pud++) {
		next = pud_addr_end(addr, end);
		if (pte_none(*src_pud))
			continue;
		int err = copy_pmd_range(dst_vma, src_vma, dst_pud, src_pud, addr, next);
		if (err)
			return err;
	}
	return 0;
}

/* fork: the child's copy of src_vma maps the same pages (copy-on-write).
 * As Linux (vma_needs_copy), only what a fault could not rebuild is
 * copied: a VMA with private anonymous pages (anon_vma), and raw pfn
 * mappings.  Everything else — shared mappings, program text, memory only
 * read (the zero page) — the child faults in again when it touches it.
 * Called by dup_mm, which flushes the parent's TLB afterwards. */
int copy_page_range(struct mm_struct *dst, struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma)
{
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end;
	if (!src_vma->anon_vma && !(src_vma->vm_flags & VM_PFNMAP))
		return 0;
	pte_t *src_pgd = pgd_offset(src_vma->vm_mm, addr);
	pte_t *dst_pgd = pgd_offset(dst, addr);
	for (unsigned long next; addr < end; addr = next, src_pgd++, dst_pgd++) {
		next = pgd_addr_end(addr, end);
		if (pte_none(*src_pgd))
			continue;
		int err = copy_pud_range(dst_vma, src_vma, dst_pgd, src_pgd, addr, next);
		if (err)
			return err;
	}
	return 0;
}

/* Out of memory for a fault: the OOM killer.  Linux's chooses the process
 * with the most memory (oom_badness); here it is the one whose allocation
 * failed, which in a teaching kernel's tests is the one filling memory. */
void pagefault_out_of_memory(void)
{
	printk(KERN_ERR "Out of memory: killed process %d (%s)\n", current->pid, current->comm);
	force_sig(SIGKILL);
}

/* The struct page a present PTE of vma maps, for those who count pages by
 * their PTEs (/proc/PID/smaps and pagemap), or NULL where there is none to
 * count: the shared zero page (everyone's, nobody's to count), a raw pfn of
 * a VM_PFNMAP mapping (device memory: no struct page), or a pfn past
 * mem_map.  Linux's vm_normal_page, which finds the first two by the PTE's
 * software "special" bit; here the pfn and the VMA tell (a VM_PFNMAP VMA is
 * never copy-on-write: vmf_insert_pfn refuses those, so every pfn in it is raw). */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);
	if ((vma->vm_flags & VM_PFNMAP) || pfn == zero_pfn() || !pfn_valid(pfn))
		return NULL;
	return pfn_to_page(pfn);
}
