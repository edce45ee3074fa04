/* tests/kernel/swapfile_test.c — suite `swapfile`: read_swap_header
 * (mm/swapfile.c) on headers built in memory.
 *
 * A good header is what mkswap writes for a 64 MiB area (version 1,
 * last_page 16383, no bad pages, "SWAPSPACE2" at 4086); each case changes
 * one thing and expects Linux 6.1's answer: the pages the area may use, or
 * 0 (a refusal, which swapon makes -EINVAL), and the bounds set.  The
 * refusals print Linux's lines on the console, as they would at swapon. */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/swap.h"

#define AREA_PAGES	16384UL		/* 64 MiB */

static union swap_header hdr;		/* a page: not on the stack */
static struct swap_info_struct si;

/* mkswap's header for an area of pages pages. */
static union swap_header *mkswap(unsigned long pages)
{
	memset(&hdr, 0, sizeof(hdr));
	memcpy(hdr.magic.magic, "SWAPSPACE2", 10);
	hdr.info.version = 1;
	hdr.info.last_page = (u32)(pages - 1);
	si = (struct swap_info_struct){ 0 };
	return &hdr;
}

static void layout_is_linux(struct ktest *t)
{
	KEXPECT_EQ(t, sizeof(union swap_header), PAGE_SIZE);
	KEXPECT_EQ(t, offsetof(union swap_header, info.version), 1024UL);
	KEXPECT_EQ(t, offsetof(union swap_header, info.badpages), 1536UL);
	KEXPECT_EQ(t, offsetof(union swap_header, magic.magic), 4086UL);
	KEXPECT_EQ(t, MAX_SWAP_BADPAGES, 637UL);
}

static void good_header(struct ktest *t)
{
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(AREA_PAGES), AREA_PAGES), AREA_PAGES);
	KEXPECT_EQ(t, si.lowest_bit, 1U);		/* page 0 is the header */
	KEXPECT_EQ(t, si.highest_bit, AREA_PAGES - 1);
	/* a device larger than the area, or of unknown size: the header's size */
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(AREA_PAGES), AREA_PAGES + 100), AREA_PAGES);
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(AREA_PAGES), 0), AREA_PAGES);
}

static void wrong_magic(struct ktest *t)
{
	memcpy(mkswap(AREA_PAGES)->magic.magic, "SWAP-SPACE", 10);	/* version 0's */
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
	memset(&hdr, 0, sizeof(hdr));					/* a blank disk */
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
}

static void wrong_version(struct ktest *t)
{
	mkswap(AREA_PAGES)->info.version = 2;
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
	mkswap(AREA_PAGES)->info.version = 0;
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
}

static void empty_area(struct ktest *t)
{
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(1), AREA_PAGES), 0UL);	/* last_page 0 */
}

/* The header promises more pages than the device has. */
static void area_too_small(struct ktest *t)
{
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(AREA_PAGES), AREA_PAGES - 1), 0UL);
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(AREA_PAGES + 1), AREA_PAGES), 0UL);
}

static void bad_pages_count(struct ktest *t)
{
	mkswap(AREA_PAGES)->info.nr_badpages = MAX_SWAP_BADPAGES;	/* the most that fit */
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), AREA_PAGES);
	mkswap(AREA_PAGES)->info.nr_badpages = MAX_SWAP_BADPAGES + 1;
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
	mkswap(AREA_PAGES)->info.nr_badpages = 0xffffffff;
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
}

/* Written by mkswap on a big-endian machine: taken, the fields swapped. */
static void byte_swapped(struct ktest *t)
{
	mkswap(AREA_PAGES);
	hdr.info.version = __builtin_bswap32(1);
	hdr.info.last_page = __builtin_bswap32(AREA_PAGES - 1);
	hdr.info.nr_badpages = __builtin_bswap32(2);
	hdr.info.badpages[0] = __builtin_bswap32(7);
	hdr.info.badpages[1] = __builtin_bswap32(9);
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), AREA_PAGES);
	KEXPECT_EQ(t, hdr.info.version, 1U);
	KEXPECT_EQ(t, hdr.info.nr_badpages, 2U);
	KEXPECT_EQ(t, hdr.info.badpages[0], 7U);
	KEXPECT_EQ(t, hdr.info.badpages[1], 9U);
	mkswap(AREA_PAGES);
	hdr.info.version = __builtin_bswap32(1);
	hdr.info.nr_badpages = __builtin_bswap32(MAX_SWAP_BADPAGES + 1);
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, AREA_PAGES), 0UL);
}

/* More pages than a swap entry can address: the area is cut, not refused. */
static void oversized_truncated(struct ktest *t)
{
	unsigned long saved = swapfile_maximum_size;
	swapfile_maximum_size = 1000;
	KEXPECT_EQ(t, read_swap_header(&si, mkswap(AREA_PAGES), AREA_PAGES), 1000UL);
	KEXPECT_EQ(t, si.highest_bit, 999U);
	swapfile_maximum_size = saved;
	/* last_page 2^32 - 1: 2^32 pages would wrap highest_bit; UINT_MAX */
	mkswap(AREA_PAGES)->info.last_page = 0xffffffff;
	KEXPECT_EQ(t, read_swap_header(&si, &hdr, 0), 0xffffffffUL);
	KEXPECT_EQ(t, si.highest_bit, 0xfffffffeU);
}

KTEST_SUITE(swapfile,
	    KTEST_CASE(layout_is_linux),
	    KTEST_CASE(good_header),
	    KTEST_CASE(wrong_magic),
	    KTEST_CASE(wrong_version),
	    KTEST_CASE(empty_area),
	    KTEST_CASE(area_too_small),
	    KTEST_CASE(bad_pages_count),
	    KTEST_CASE(byte_swapped),
	    KTEST_CASE(oversized_truncated));
