/* mm/memory.h — the page-fault path and what tears mappings down or copies
 * them (mm/memory.c). */
#ifndef MM_MEMORY_H
#define MM_MEMORY_H

#include "mm/mm.h"

/* Unmap [start, end) of vma: every page loses a mapper and a reference. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* The same, but private copies of file pages (anonymous pages) stay. */
void zap_file_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* fork: dst's copy of vma maps the same pages, private ones write-protected
 * in both (copy-on-write).  0 or -ENOMEM. */
int copy_page_range(struct mm_struct *dst, struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma);
void pagefault_out_of_memory(void);	/* the OOM killer: SIGKILL to current */

/* An anonymous page that one PTE maps and nobody else holds: a write
 * fault reuses it (do_wp_page), a forced write of get_user_pages may go
 * to it.  Linux keeps this as a flag (PageAnonExclusive); here the counts
 * say it. */
static inline bool page_anon_exclusive(const struct page *page)
{
	return !page->mapping && page->mapcount == 1 && page->refcount == 1;
}

/* Check every mapped page's mapcount against the PTEs that map it;
 * writes a report to buf, returns the number of mismatches. */
int mm_audit(char *buf, size_t size, size_t *len);
void mm_audit_init(void);			/* its counts, at boot (no allocation later) */
void fault_around_init(void);		/* the fault_around_bytes= boot option */
/* The struct page behind a present PTE, or NULL: the zero page, a raw pfn
 * (VM_PFNMAP), a pfn past mem_map (Linux's vm_normal_page). */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte);
/* For a VM_PFNMAP ->fault: map pfn at addr; VM_FAULT_NOPAGE (or an error). */
vm_fault_t vmf_insert_pfn(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn);
/* Fault-around (->map_pages) maps a page-cache page read-only as
 * vm_page_prot says, at a PTE that is none: the PTE takes a reference, the
 * page one more mapper, the process one more file page.  Inline, as it
 * runs for each page of the window (16 a fault): as a call it cost half
 * again as much as its work.  In gdb (-O0) it is still a frame to stop in. */
static inline void map_page_at(struct vm_area_struct *vma, pte_t *pte, struct page *page)
{
	get_page(page);
	page->mapcount++;
	vma->vm_mm->rss_file++;
	*pte = pfn_pte(page_to_pfn(page), vma->vm_page_prot);
}

#endif
