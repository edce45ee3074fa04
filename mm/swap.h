/* mm/swap.h — swap areas: the on-disk header (mm/swapfile.c).
 *
 * As Linux's <linux/swap.h>: union swap_header is the first page of every
 * swap area, as the host's mkswap (util-linux) writes it; swapon (issue 16,
 * not yet here) reads it with read_swap_header. */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "kernel/types.h"
#include "mm/layout.h"

/* The first page of a swap area: the magic in its last 10 bytes, the
 * version-1 fields after 1 KiB left for a disk label or boot code:
 *
 *	0      1024        1028        1032          1036    1052      1068   1536          4086        4096
 *	| boot | version=1 | last_page | nr_badpages | uuid | volume | pad  | badpages[] .. | SWAPSPACE2 |
 */
union swap_header {
	struct {
		char reserved[PAGE_SIZE - 10];
		char magic[10];			/* "SWAPSPACE2" (v0's "SWAP-SPACE": refused) */
	} magic;
	struct {
		char bootbits[1024];		/* space for a disk label etc. */
		u32 version;			/* 1 */
		u32 last_page;			/* the last usable page: the area is last_page + 1 pages */
		u32 nr_badpages;		/* entries in badpages[] */
		unsigned char sws_uuid[16];
		unsigned char sws_volume[16];
		u32 padding[117];
		u32 badpages[1];		/* page numbers not to use, up to the magic */
	} info;
};

/* How many bad pages fit between badpages[] and the magic: 637 */
#define MAX_SWAP_BADPAGES \
	((offsetof(union swap_header, magic.magic) - offsetof(union swap_header, info.badpages)) / sizeof(int))

/* What swapon will keep of an area; read_swap_header fills the bounds. */
struct swap_info_struct {
	unsigned int lowest_bit;		/* first page slots may use (0 is the header) */
	unsigned int highest_bit;		/* last one */
};

/* The most pages a swap area may have (Linux's swapfile_maximum_size:
 * what a swap PTE's offset field holds); the ktest lowers it. */
extern unsigned long swapfile_maximum_size;

/* Check the header page h of an area of dev_pages pages (0: size unknown);
 * the number of pages it may use (the header's included), or 0, with
 * Linux's console line, when the header is refused: swapon then fails
 * with -EINVAL, as Linux's.  Sets p's bounds. */
unsigned long read_swap_header(struct swap_info_struct *p, union swap_header *h,
			       unsigned long dev_pages);

#endif
