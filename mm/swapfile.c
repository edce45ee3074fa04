/* mm/swapfile.c — swap areas (issue 16): for now, the check of a swap
 * header, as Linux's read_swap_header, for swapon to call.
 *
 * The area's first page is the header mkswap wrote (mm/swap.h draws it).
 * The checks, in Linux 6.1's order, and what each refusal prints; swapon
 * turns any refusal into -EINVAL, as Linux's:
 *
 *	magic is not "SWAPSPACE2"           "Unable to find swap-space signature"
 *	version byte-swapped (written on a big-endian machine): swap the fields back;
 *	  nr_badpages > MAX_SWAP_BADPAGES   (silent)
 *	version != 1                        "Unable to handle swap header version N"
 *	last_page == 0                      "Empty swap-file"
 *	last_page > the most a swap entry can address: truncated, not refused
 *	                                    "Truncating oversized swap area, only using Xk out of Yk"
 *	last_page + 1 > the device's pages  "Swap area shorter than signature indicates"
 *	nr_badpages > MAX_SWAP_BADPAGES     (silent)
 *
 * Linux also refuses bad pages in a swap *file* (a regular file): here an
 * area is a block device (ramfs files have no backing store to swap to),
 * so that case does not arise. */
#include "mm/swap.h"
#include "kernel/printk.h"
#include "kernel/string.h"

/* x86-64's swap PTE keeps a 50-bit offset (Linux's __swp_offset: 64 bits
 * less 5 of type and 9 below them); the L1TF limit Linux may add is not. */
unsigned long swapfile_maximum_size = 1UL << 50;

/* mkswap on a big-endian machine wrote the three fields the other way
 * round: a version that reads 1 once swapped means so (Linux's "swap
 * partition endianness hack").  false: too many bad pages to swap them. */
static bool swap_header_unswab(union swap_header *h)
{
	if (__builtin_bswap32(h->info.version) != 1)
		return true;
	h->info.version = __builtin_bswap32(h->info.version);
	h->info.last_page = __builtin_bswap32(h->info.last_page);
	h->info.nr_badpages = __builtin_bswap32(h->info.nr_badpages);
	if (h->info.nr_badpages > MAX_SWAP_BADPAGES)
		return false;
	for (u32 i = 0; i < h->info.nr_badpages; i++)
		h->info.badpages[i] = __builtin_bswap32(h->info.badpages[i]);
	return true;
}

unsigned long read_swap_header(struct swap_info_struct *p, union swap_header *h,
			       unsigned long dev_pages)
{
	unsigned long maxpages = swapfile_maximum_size, last_page;

	if (memcmp("SWAPSPACE2", h->magic.magic, 10)) {
		pr_err("Unable to find swap-space signature\n");
		return 0;
	}
	if (!swap_header_unswab(h))
		return 0;
	if (h->info.version != 1) {
		pr_warn("Unable to handle swap header version %u\n", h->info.version);
		return 0;
	}
	p->lowest_bit = 1;			/* page 0 is the header */
	last_page = h->info.last_page;
	if (!last_page) {
		pr_warn("Empty swap-file\n");
		return 0;
	}
	if (last_page > maxpages)
		pr_warn("Truncating oversized swap area, only using %luk out of %luk\n",
			maxpages << (PAGE_SHIFT - 10), last_page << (PAGE_SHIFT - 10));
	if (maxpages > last_page) {
		maxpages = last_page + 1;
		if ((unsigned int)maxpages == 0)	/* highest_bit is an unsigned int */
			maxpages = 0xffffffffUL;	/* UINT_MAX */
	}
	p->highest_bit = (unsigned int)(maxpages - 1);
	if (dev_pages && maxpages > dev_pages) {
		pr_warn("Swap area shorter than signature indicates\n");
		return 0;
	}
	if (h->info.nr_badpages > MAX_SWAP_BADPAGES)
		return 0;
	return maxpages;
}
