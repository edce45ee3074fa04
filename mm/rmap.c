/* mm/rmap.c — the reverse map of file pages: a page's file, its index, and
 * the file's VMAs tell where it may be mapped (see rmap.h). */
#include "mm/rmap.h"
#include "mm/memory.h"
#include "kernel/fs/fs.h"

unsigned long vm_nr_dirty, vm_nr_written;

void set_page_dirty(struct page *page)
{
	if (!(page->flags & PG_dirty)) {
		page->flags |= PG_dirty;
		vm_nr_dirty++;
	}
}

bool clear_page_dirty(struct page *page)
{
	if (!(page->flags & PG_dirty))
		return false;
	page->flags &= ~PG_dirty;
	vm_nr_dirty--;
	return true;
}

/* The user address where vma maps file page `index`, or 0 if it does not. */
static unsigned long vma_address(struct vm_area_struct *vma, pgoff_t index)
{
	if (index < vma->vm_pgoff || index >= vma->vm_pgoff + vma_pages(vma))
		return 0;
	return vma->vm_start + ((index - vma->vm_pgoff) << PAGE_SHIFT);
}

int page_mkclean(struct page *page)
{
	/* LAB shared: BEGIN — write-protect and clean every shared PTE that maps this page
	 * hint: the file's VMAs are on page->mapping->i_mmap (field `shared`); vma_address
	 *       says where one maps the page's index, or 0.
	 * hint: private VMAs never write to the page cache: skip them.
	 * hint: walk with pgtable_walk(..., false, &level): only a level-1 present PTE with
	 *       this page's pfn counts; one already clean and read-only needs nothing.
	 * hint: flush_tlb_one(addr) when that mm's tables are loaded (current_pml4()). */
	struct vm_area_struct *vma;
	int cleaned = 0;
	if (!page->mapping)
		return 0;
	list_for_each_entry(vma, &page->mapping->i_mmap, shared) {
		unsigned long addr = vma_address(vma, page->index);
		int level;
		if (!addr || !(vma->vm_flags & VM_SHARED))
			continue;		/* private mappings never write to the page */
		pte_t *pte = pgtable_walk(vma->vm_mm->pgd, addr, false, &level);
		if (level != 1 || !pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
			continue;
		if (!pte_write(*pte) && !pte_dirty(*pte))
			continue;
		*pte = pte_mkclean(pte_wrprotect(*pte));
		if (vma->vm_mm->pgd == current_pml4())
			flush_tlb_one(addr);
		cleaned++;
	}
	return cleaned;
	/* LAB shared: STUB
	// Cleans nothing: after msync the next write is not noticed.
	return 0;
	   LAB shared: END */
}

/* Every VMA of the file, shared or private, loses its PTEs of the range:
 * a private mapping maps the page-cache page itself until it writes.
 * What a write copied (an anonymous page) goes only with even_cows, as
 * Linux's unmap_mapping_range: truncation takes everything past the end
 * (SIGBUS there next), a punched hole leaves private copies alone. */
void unmap_mapping_range(struct address_space *m, pgoff_t first, pgoff_t last, bool even_cows)
{
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &m->i_mmap, shared) {
		pgoff_t vfirst = vma->vm_pgoff, vlast = vma->vm_pgoff + vma_pages(vma) - 1;
		if (last < vfirst || first > vlast)
			continue;
		unsigned long start = vma_address(vma, MAX(first, vfirst));
		unsigned long end = vma_address(vma, MIN(last, vlast)) + PAGE_SIZE;
		if (even_cows)
			zap_page_range(vma, start, end);
		else
			zap_file_pages(vma, start, end);
	}
}
