/* mm/rmap.h — from a file's page back to the PTEs that map it, through
 * the file's list of VMAs (address_space.i_mmap), as Linux's rmap for
 * file pages.  Used by msync (page_mkclean) and truncate
 * (unmap_mapping_range). */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include "mm/mm.h"

/* Write-protect and clean every shared PTE of page, so the next write
 * through any mapping calls ->page_mkwrite again.  Returns how many PTEs
 * were cleaned. */
int page_mkclean(struct page *page);
/* Zap the PTEs of file pages [first, last] in every mapping of m, shared
 * and private; with even_cows, the private copies of them too (truncate:
 * nothing may remain; a punched hole keeps them). */
void unmap_mapping_range(struct address_space *m, pgoff_t first, pgoff_t last, bool even_cows);
/* Mark a page-cache page dirty (written since it was last "written back"). */
void set_page_dirty(struct page *page);
bool clear_page_dirty(struct page *page);	/* true if it was dirty */
extern unsigned long vm_nr_dirty, vm_nr_written;	/* /proc/vmstat's nr_dirty, nr_written */
/* "Write back" the dirty cached pages of [first, last] (mm/msync.c). */
void writeback_range(struct address_space *m, pgoff_t first, pgoff_t last);

#endif
