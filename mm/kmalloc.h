/* mm/kmalloc.h — the kernel's general-purpose allocator (design: kmalloc.c).
 *
 * Up to KMALLOC_MAX_SMALL bytes an object comes from a power-of-two size
 * class (16, 32, ... 2048 bytes), aligned to its class size; above that it
 * is a block of whole pages from the buddy allocator, page-aligned.  No
 * initialisation is needed: the size-class table is static.
 *
 * Contract, as Linux's <linux/slab.h> where it can be:
 *   kmalloc(0) returns NULL (Linux returns ZERO_SIZE_PTR, a non-NULL pointer
 *   that faults when used; here there is nothing to use, so NULL).
 *   Out of memory, or a size above KMALLOC_MAX_SIZE: NULL, never a panic.
 *   kfree(NULL) does nothing.  kfree or ksize of anything kmalloc did not
 *   return (or already took back) panics, naming the pointer. */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include "kernel/types.h"
#include "mm/page_alloc.h"

#define KMALLOC_MIN_SIZE	16				/* smallest class */
#define KMALLOC_MAX_SMALL	2048				/* largest class */
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << MAX_ORDER)	/* 4 MiB */

void *kmalloc(size_t size);
void *kzalloc(size_t size);		/* kmalloc, then zeroed (all of ksize) */
void kfree(const void *p);
/* The bytes the caller may use at p: its size class, or its pages. */
size_t ksize(const void *p);

/* Bytes handed out and not freed, counted as ksize() of each object. */
unsigned long kmalloc_bytes_in_use(void);
/* Pages the size classes hold now (not counting large allocations). */
unsigned long kmalloc_slab_pages(void);

#endif
