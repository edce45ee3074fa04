/* mm/filemap.h — the page cache: a file's pages, found by index.
 *
 * struct address_space is the cache of one file (Linux's inode->i_mapping).
 * The cache holds one reference on each page it contains; find_get_page
 * gives the caller another.  page->mapping and page->index say where a
 * cached page belongs. */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/radix_tree.h"

struct inode;
struct page;
typedef unsigned long pgoff_t;
typedef long long loff_t;

struct address_space {
	struct inode *host;		/* the file */
	struct radix_tree_root i_pages;	/* pgoff -> struct page */
	unsigned long nrpages;		/* pages in the cache */
	struct list_head i_mmap;	/* VMAs mapping the file (vm_area_struct.shared) */
};

void address_space_init(struct address_space *m, struct inode *host);
/* The cached page at index with a new reference, or NULL. */
struct page *find_get_page(struct address_space *m, pgoff_t index);
/* Insert page at index (the cache takes a reference): 0, -EEXIST, -ENOMEM. */
int add_to_page_cache(struct page *page, struct address_space *m, pgoff_t index);
/* Remove page from its cache and drop the cache's reference. */
void delete_from_page_cache(struct page *page);
/* Up to nr cached pages with index in [start, end], in order, without new
 * references (the caller must not sleep or free in between: fault-around's
 * "what is already there"); returns how many. */
unsigned int find_pages_range(struct address_space *m, pgoff_t start, pgoff_t end,
			      unsigned int nr, struct page **pages);
unsigned long nr_pagecache_pages(void);		/* all files' cached pages */
struct vm_fault;
typedef unsigned int vm_fault_t;		/* VM_FAULT_* (mm/mm.h) */
/* ->fault of file mappings: the cached page at vmf->pgoff (mm/mm.h). */
vm_fault_t filemap_fault(struct vm_fault *vmf);
/* ->map_pages of file mappings: fault-around over the cached pages. */
vm_fault_t filemap_map_pages(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
/* Drop every cached page from index `start` on; of [start, end]. */
void truncate_inode_pages(struct address_space *m, pgoff_t start);
void truncate_inode_pages_range(struct address_space *m, pgoff_t start, pgoff_t end);

#endif
