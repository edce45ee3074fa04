/* mm/filemap.c — the page cache: a file's pages in a radix tree by index.
 *
 * Linux keeps the same thing in mm/filemap.c (lookup, insert, delete) and
 * mm/truncate.c; the names here are Linux's, each function says which one
 * it stands for.  What is left out: locking (uniprocessor, no preemption),
 * the LRU lists (nothing is ever reclaimed: ramfs pages live until
 * truncation), shadow entries and large folios.
 *
 * The reference rule, as in Linux:
 *
 *   alloc_page()             refcount 1   the creator's reference
 *   add_to_page_cache()      refcount 2   + the cache's reference
 *   find_get_page()          refcount 3   + the finder's, dropped with put_page
 *   delete_from_page_cache()              - the cache's
 *
 * so a page leaves memory only when neither the cache nor anyone who found
 * it (a PTE mapping it, a read in progress) still holds it. */
#include "mm/filemap.h"
#include "mm/page_alloc.h"
#include "kernel/panic.h"
#include "mm/mm.h"
#include "kernel/fs/fs.h"
#include "mm/memory.h"
#include "mm/rmap.h"
#include "kernel/fault_trace.h"

static unsigned long pagecache_pages;	/* pages in all caches (/proc/meminfo's Cached) */

unsigned long nr_pagecache_pages(void)
{
	return pagecache_pages;
}

/* An empty cache for `host` (Linux: inode_init_once/address_space_init_once). */
void address_space_init(struct address_space *m, struct inode *host)
{
	m->host = host;
	INIT_RADIX_TREE(&m->i_pages);
	m->nrpages = 0;
	INIT_LIST_HEAD(&m->i_mmap);
}

/* Linux's find_get_page: the fault path's ->fault and read() look a page up
 * and keep it while they use it, so the lookup takes a reference. */
struct page *find_get_page(struct address_space *m, pgoff_t index)
{
	struct page *page = radix_tree_lookup(&m->i_pages, index);

	if (page)
		get_page(page);
	return page;
}

/* Linux's add_to_page_cache_lru (without the LRU): a new page becomes the
 * file's page at `index`.  The cache takes its own reference, so the
 * caller still owns the one it had and drops it when done. */
int add_to_page_cache(struct page *page, struct address_space *m, pgoff_t index)
{
	int err;

	if (page->mapping)
		panic("add_to_page_cache: pfn %lx already cached at index %lx",
		      page_to_pfn(page), page->index);
	err = radix_tree_insert(&m->i_pages, index, page);
	if (err)
		return err;
	get_page(page);
	page->mapping = m;
	page->flags |= PG_uptodate;	/* RAM holds the data: nothing to read in */
	page->index = index;
	m->nrpages++;
	pagecache_pages++;
	return 0;
}

/* Linux's delete_from_page_cache: the page is no longer the file's.  The
 * cache's reference is dropped last, so the page is freed here unless
 * someone else still holds it.  The caller has unmapped it already
 * (truncation runs unmap_mapping_range first, as Linux's
 * truncate_pagecache does). */
void delete_from_page_cache(struct page *page)
{
	clear_page_dirty(page);		/* gone from the file: nothing left to write back */
	struct address_space *m = page->mapping;

	if (!m)
		panic("delete_from_page_cache: pfn %lx is not in a page cache", page_to_pfn(page));
	if (radix_tree_delete(&m->i_pages, page->index) != page)
		panic("delete_from_page_cache: pfn %lx is not at index %lx of its cache",
		      page_to_pfn(page), page->index);
	page->mapping = NULL;
	m->nrpages--;
	pagecache_pages--;
	put_page(page);
}

/* What Linux's find_get_pages_range finds, without the references: for
 * truncation and msync, which take the cache's pages a batch at a time
 * (filemap_map_pages scans the cache itself, with radix_tree_for_each).
 * struct page * and void * share a representation, so the radix tree
 * writes straight into pages[] (Linux did the same cast). */
unsigned int find_pages_range(struct address_space *m, pgoff_t start, pgoff_t end,
			      unsigned int nr, struct page **pages)
{
	return radix_tree_gang_lookup_range(&m->i_pages, (void **)pages, NULL, start, end, nr);
}

/* Linux's truncate_inode_pages_range(mapping, lstart, -1), with `start` a
 * page index where Linux takes a byte offset: the caller rounds the new
 * size up to a page and zeroes the tail of a partial last page itself.
 * Pages are taken a batch at a time (Linux's pagevec); each batch is
 * deleted, so the next lookup from the same `start` finds the following
 * ones. */
void truncate_inode_pages(struct address_space *m, pgoff_t start)
{
	truncate_inode_pages_range(m, start, ~0UL);
}

/* The same for the pages [start, end] only (a punched hole, fallocate's
 * undo): Linux's truncate_inode_pages_range with whole pages. */
void truncate_inode_pages_range(struct address_space *m, pgoff_t start, pgoff_t end)
{
	struct page *batch[16];
	unsigned int n;

	while (start <= end && (n = find_pages_range(m, start, end, ARRAY_SIZE(batch), batch)) > 0)
		for (unsigned int i = 0; i < n; i++)
			delete_from_page_cache(batch[i]);
}

/* ---- mapping a file: the ->fault of the page cache ---- */

/* ->fault for a file mapping (Linux's filemap_fault): the page-cache page
 * at vmf->pgoff, with a reference.  A hole inside the file gets a zeroed
 * page put in the cache; an index at or past the end of the file is
 * VM_FAULT_SIGBUS (the partial last page maps: its tail reads as zeros). */
vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct file *file = vmf->vma->vm_file;
	struct address_space *m = &file->f_inode->i_data;
	pgoff_t size = ALIGN_UP((u64)file->f_inode->i_size, PAGE_SIZE) >> PAGE_SHIFT;

	if (vmf->pgoff >= size)
		return VM_FAULT_SIGBUS;
	struct page *page = find_get_page(m, vmf->pgoff);
	if (!page) {
		page = alloc_zeroed_page();
		if (!page)
			return VM_FAULT_OOM;
		if (add_to_page_cache(page, m, vmf->pgoff) < 0) {
			put_page(page);
			return VM_FAULT_OOM;
		}
	}
	vmf->page = page;
	return 0;
}

/* ->map_pages for file mappings (Linux's filemap_map_pages): map the pages
 * of [start_pgoff, end_pgoff] that are already in the page cache and
 * inside the file, skipping any PTE already set.  Never blocks, never
 * allocates a page.  VM_FAULT_NOPAGE when it mapped the faulting page.
 *
 * One scan of the cache (radix_tree_for_each: a walk down per leaf, then
 * its slots in order) gives the cached pages in index order.  The window
 * lies inside the fault's page table (do_fault_around makes it so), so
 * the PTE of page `index` is vmf->pte moved by index - vmf->pgoff entries:
 *
 *   pgoff   start_pgoff ... vmf->pgoff ... iter.index ... end_pgoff
 *   PTE                     vmf->pte       vmf->pte + (iter.index - vmf->pgoff) */
vm_fault_t filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff)
{
	/* LAB filemap: BEGIN — map the cached pages of [start_pgoff, end_pgoff] that have no PTE
	 * hint: stop at the file's last page: (i_size - 1) >> PAGE_SHIFT (an empty file: none).
	 * hint: radix_tree_for_each(page, &inode->i_data.i_pages, iter, start, end) visits
	 *       the cached pages in order (holes are skipped); iter.index is the page's index.
	 * hint: the window is inside the fault's page table: page index's PTE is
	 *       vmf->pte + (index - vmf->pgoff).  Skip any PTE already set (pte_none),
	 *       and map each page with map_page_at (read-only, counted).
	 * hint: the fault's own PTE (vmf->pte) makes the result VM_FAULT_NOPAGE;
	 *       report the others with trace_fault_around(mapped). */
	struct vm_area_struct *vma = vmf->vma;
	struct inode *inode = vma->vm_file->f_inode;
	struct radix_tree_iter iter;
	unsigned int mapped = 0;
	vm_fault_t ret = 0;
	struct page *page;

	if (!inode->i_size)
		return 0;
	end_pgoff = MIN(end_pgoff, (pgoff_t)((inode->i_size - 1) >> PAGE_SHIFT));
	radix_tree_for_each(page, &inode->i_data.i_pages, iter, start_pgoff, end_pgoff) {
		pte_t *pte = vmf->pte + (long)(iter.index - vmf->pgoff);

		if (!pte_none(*pte))
			continue;	/* never over a PTE already set */
		map_page_at(vma, pte, page);
		if (pte == vmf->pte)
			ret = VM_FAULT_NOPAGE;	/* the faulting page itself */
		else
			mapped++;
	}
	trace_fault_around(mapped);
	return ret;
	/* LAB filemap: STUB
	// Maps nothing: the fault goes on to ->fault (filemap_fault).
	return 0;
	   LAB filemap: END */
}
