/* tests/user/mem_brk.c — the program break: brk(addr) moves the end of the
 * heap and returns the new break, or the old one unchanged when it cannot
 * (below the heap's start, into another mapping, out of user space).  Pages
 * the break uncovers are fresh zero pages; pages it gives back are unmapped.
 *
 * Our libc's malloc uses mmap, so the break is the program's own here.  The
 * checks use the raw system call (raw_brk) and libc's sbrk on top of it. */
#include "mem_lib.h"

/* The break as the program started, rounded up to a page (it is one both
 * on Linux and on faultline, but a test need not rely on it). */
static unsigned long heap_page(void)
{
	return (raw_brk(0) + PAGE - 1) & ~(PAGE - 1);
}

static int brk_zero_is_the_break(void)
{
	unsigned long b = raw_brk(0);
	return expect(b != 0 && b < TASK_SIZE, "brk(0) = %#lx", b) &
	       expect_eq((long)sbrk(0), b, "sbrk(0)");
}

static int sbrk_grows(void)
{
	unsigned long b = raw_brk(0);
	char *old = sbrk(3 * PAGE);
	return expect_eq((long)old, b, "sbrk returns the old break") &
	       expect_eq(raw_brk(0), b + 3 * PAGE, "the new break");
}

static int grown_memory_zero_and_usable(void)
{
	char *p = sbrk(3 * PAGE);
	if (!expect(p != (void *)-1, "sbrk: errno %d", errno))
		return 0;
	int zero = all_zero(p, 3 * PAGE, "the 3 pages sbrk added");
	memset(p, 0xab, 3 * PAGE);
	return zero & expect_eq((unsigned char)p[3 * PAGE - 1], 0xab, "the last byte written");
}

/* The break itself need not be page aligned: the page it ends in is
 * mapped whole, the next one is not. */
static int unaligned_break(void)
{
	unsigned long h = heap_page();
	return expect_eq(raw_brk(h + 100), h + 100, "brk(heap + 100)") &&
	       expect_eq(raw_brk(0), h + 100, "brk(0) after it") &
	       expect_access(h + PAGE - 1, WRITE) & expect_segv(h + PAGE, READ, SEGV_MAPERR);
}

static int shrink_unmaps(void)
{
	unsigned long h = heap_page();
	if (!expect_eq(raw_brk(h + 4 * PAGE), h + 4 * PAGE, "brk up 4 pages"))
		return 0;
	memset((void *)h, 'h', 4 * PAGE);
	return expect_eq(raw_brk(h + PAGE), h + PAGE, "brk down to 1 page") &&
	       expect_segv(h + PAGE, READ, SEGV_MAPERR) &
	       expect_segv(h + 4 * PAGE - 1, WRITE, SEGV_MAPERR) &
	       expect_eq(*(char *)(h + PAGE - 1), 'h', "the page kept");
}

static int regrow_is_zero(void)
{
	unsigned long h = heap_page();
	if (!expect_eq(raw_brk(h + 4 * PAGE), h + 4 * PAGE, "brk up 4 pages"))
		return 0;
	memset((void *)h, 'h', 4 * PAGE);
	raw_brk(h + PAGE);
	return expect_eq(raw_brk(h + 4 * PAGE), h + 4 * PAGE, "brk up again") &&
	       all_zero((char *)h + PAGE, 3 * PAGE, "the pages grown again");
}

static int below_start_fails(void)
{
	unsigned long b = raw_brk(0);
	return expect_eq(raw_brk(b - PAGE), b, "brk one page below the start") &
	       expect_eq(raw_brk(0x10000), b, "brk far below the start") &
	       expect_eq(raw_brk(0), b, "the break afterwards");
}

static int out_of_user_space_fails(void)
{
	unsigned long b = raw_brk(0);
	return expect_eq(raw_brk(KERNEL_TEXT), b, "brk into the kernel half") &
	       expect_eq(raw_brk(TASK_SIZE + PAGE), b, "brk past the end of user space") &
	       expect_eq(raw_brk(0), b, "the break afterwards");
}

/* Linux's brk leaves at least one free page between the heap and the next
 * mapping above it (newbrk + PAGE_SIZE must not pass its start). */
/* One step of more memory than the machine has (1 TiB) is refused at once
 * (heuristic overcommit, as mmap): the break stays. */
static int more_than_ram_fails(void)
{
	unsigned long b = raw_brk(0);
	return expect_eq(raw_brk(b + (1UL << 40)), b, "brk 1 TiB up") &
	       expect_eq(raw_brk(0), b, "the break after");
}

static int stops_below_a_mapping(void)
{
	unsigned long h = heap_page(), m = h + 16 * PAGE;
	if (!expect_eq(raw_mmap(m, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
				MAP_FIXED_NOREPLACE, -1, 0), m, "mmap 16 pages above the heap"))
		return 0;
	return expect_eq(raw_brk(m - PAGE), m - PAGE, "brk to one page below the mapping") &&
	       expect_eq(raw_brk(m - PAGE + 1), m - PAGE, "brk into the last page before it") &
	       expect_eq(raw_brk(m + PAGE), m - PAGE, "brk over the mapping") &
	       expect_access(m - PAGE - 1, WRITE);
}

static const struct check checks[] = {
	CHECK("brk(0) returns the break; sbrk(0) agrees", brk_zero_is_the_break),
	CHECK("sbrk grows the break and returns the old one", sbrk_grows),
	CHECK("memory sbrk adds is zero and usable", grown_memory_zero_and_usable),
	CHECK("an unaligned break: its page is mapped whole, the next is not", unaligned_break),
	CHECK("brk down: the pages above the break fault, the rest is kept", shrink_unmaps),
	CHECK("brk down and up again: the pages come back zero", regrow_is_zero),
	CHECK("brk below the heap's start fails: the break stays", below_start_fails),
	CHECK("brk out of user space fails: the break stays", out_of_user_space_fails),
	CHECK("brk stops one page short of a mapping above the heap", stops_below_a_mapping),
	CHECK("brk up by more than RAM (1 TiB) fails: the break stays", more_than_ram_fails),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
