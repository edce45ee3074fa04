/* mm/page_alloc.h — struct page and the buddy allocator.
 *
 * Every frame from physical 0 to the top of usable RAM has a struct page in
 * mem_map[] (FLATMEM, as Linux without sparse memory): pfn_to_page is an
 * index.  Frames that are not usable RAM, or that hold the kernel, the boot
 * information, the modules or mem_map itself, are PG_reserved forever.
 *
 * Free frames sit in the buddy allocator: a free list per order (a block of
 * 2^order frames, aligned to its size).  Freeing a block merges it with its
 * buddy (the block at pfn ^ (1 << order)) while that one is free too. */
#ifndef MM_PAGE_ALLOC_H
#define MM_PAGE_ALLOC_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/layout.h"

#define MAX_ORDER	10		/* largest block: 2^10 frames = 4 MiB */

/* page->flags */
#define PG_reserved	BIT(0)		/* never allocated: not RAM, or the kernel's */
#define PG_buddy	BIT(1)		/* free, the head of a block in a free list */
#define PG_slab		BIT(2)		/* a kmalloc size-class page */
#define PG_large_kmalloc BIT(3)		/* a kmalloc allocation of whole pages */
#define PG_dirty	BIT(4)		/* page-cache page written since last clean */
#define PG_uptodate	BIT(5)		/* page-cache page holds the file's data */
#define PG_pgtable	BIT(6)		/* a page-table page */
#define PG_walk_mark	BIT(7)		/* a walk's own mark, set and cleared within one
					 * call (nr_mlocked_pages: each page counted once) */

struct address_space;

struct page {
	unsigned long flags;		/* PG_* */
	int refcount;			/* references; freed when it drops to 0 */
	int mapcount;			/* PTEs mapping it (0: none; Linux counts from -1) */
	struct address_space *mapping;	/* page cache: the file it belongs to */
	unsigned long index;		/* page cache: offset in the file, in pages */
	struct list_head lru;		/* free list, or its owner's list */
	unsigned int order;		/* the block's order: when free, or for put_page */
	unsigned int private;		/* owner's use (kmalloc: size class) */
	unsigned long pad;		/* to 64 bytes, as Linux's: page_to_pfn (p - mem_map)
					 * is then a shift, not a division by 56 */
};
_Static_assert(sizeof(struct page) == 64, "struct page: a power of two, for page_to_pfn");

extern struct page *mem_map;
extern unsigned long max_pfn;		/* mem_map covers pfns [0, max_pfn) */

static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + pfn; }
static inline unsigned long page_to_pfn(const struct page *p) { return (unsigned long)(p - mem_map); }
static inline phys_addr_t page_to_phys(const struct page *p) { return page_to_pfn(p) << PAGE_SHIFT; }
static inline void *page_address(const struct page *p) { return phys_to_virt(page_to_phys(p)); }
static inline struct page *virt_to_page(const void *va) { return pfn_to_page(virt_to_phys(va) >> PAGE_SHIFT); }
static inline bool pfn_valid(unsigned long pfn) { return pfn < max_pfn; }

/* Blocks of 2^order frames, refcount 1, contents undefined; NULL when out. */
struct page *alloc_pages(unsigned int order);
struct page *alloc_page(void);
struct page *alloc_zeroed_page(void);		/* one frame, filled with zeros */
/* Drop a reference to a block from alloc_pages; it is freed at zero. */
void __free_pages(struct page *page, unsigned int order);
void __free_page(struct page *page);
void free_pages(void *addr, unsigned int order);	/* by direct-map address */

static inline void get_page(struct page *p) { p->refcount++; }
void put_page(struct page *p);			/* frees at zero, with p->order */
static inline int page_count(const struct page *p) { return p->refcount; }
static inline int page_mapcount(const struct page *p) { return p->mapcount; }

/* Zero or copy a whole page, 8 bytes at a time (rep stosq / rep movsq: 512
 * iterations, where the byte-wise memset would take 4096), as Linux's
 * clear_page / copy_page. */
static inline void clear_page(void *page)
{
	unsigned long n = PAGE_SIZE / 8;
	asm volatile("rep stosq" : "+D"(page), "+c"(n) : "a"(0UL) : "memory");
}

static inline void copy_page(void *to, const void *from)
{
	unsigned long n = PAGE_SIZE / 8;
	asm volatile("rep movsq" : "+D"(to), "+S"(from), "+c"(n) : : "memory");
}

/* The one shared page of zeros (mapped read-only for reads of anonymous memory). */
extern struct page *zero_page;
/* Its frame number, kept beside it as Linux keeps zero_pfn: the fault path
 * compares PTEs with it, and need not recompute it from the page each time. */
extern unsigned long zero_page_pfn;
static inline unsigned long zero_pfn(void) { return zero_page_pfn; }

unsigned long nr_free_pages(void);		/* free frames, all orders */
unsigned long nr_free_blocks(unsigned int order);
unsigned long nr_managed_pages(void);		/* frames the allocator was given */

struct boot_info;
/* Build mem_map, reserve what is in use, free the RAM below `limit`. */
void page_alloc_init(const struct boot_info *bi, phys_addr_t limit);
/* Free the rest of RAM (once the kernel's own direct map covers it). */
void page_alloc_init_late(void);
/* Is this pfn reserved (mem_map's flag)? */
static inline bool PageReserved(const struct page *p) { return p->flags & PG_reserved; }

#endif
