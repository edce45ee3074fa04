/* tests/user/mem_stack.c — the stack grows down on demand: a fault just
 * below the stack's VMA (VM_GROWSDOWN) extends it, as far as the stack
 * rlimit (ulimit -s, 8 MiB) measured from the stack's top; a fault further
 * down is SEGV_MAPERR, and a program whose stack runs out dies of SIGSEGV,
 * even with a handler (there is no stack left to run it on). */
#include <stdlib.h>
#include <sys/auxv.h>
#include "mem_lib.h"

#define MiB	(1UL << 20)
#define FRAME	4000	/* bytes of locals per level of recursion */

/* The top of the stack: execve puts the program's path (AT_EXECFN) and the
 * random bytes (AT_RANDOM) in its highest page, on Linux and here. */
static unsigned long stack_top(void)
{
	unsigned long a = getauxval(AT_EXECFN), b = getauxval(AT_RANDOM);
	return ((a > b ? a : b) + PAGE) & ~(PAGE - 1);
}

/* The stack rlimit in bytes: Linux's /proc/self/limits, or faultline's
 * fixed 8 MiB where that file does not exist; 0 when unlimited. */
static unsigned long stack_rlimit(void)
{
	static char buf[4096];
	int fd = open("/proc/self/limits", O_RDONLY);
	if (fd < 0)
		return 8 * MiB;
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	char *p = strstr(buf, "Max stack size");
	if (!p)
		return 8 * MiB;
	for (p += 14; *p == ' '; p++)
		;
	return strncmp(p, "unlimited", 9) ? strtoul(p, NULL, 10) : 0;
}

/* Each level fills its own frame, and checks it after the levels below
 * have run: the pages of the stack keep what was written in them. */
__attribute__((noinline)) static int recurse(int depth)
{
	volatile char frame[FRAME];
	int intact = 1;

	for (int i = 0; i < FRAME; i++)
		frame[i] = (char)depth;
	if (depth > 0)
		intact = recurse(depth - 1);
	for (int i = 0; i < FRAME; i++)
		intact &= frame[i] == (char)depth;
	return intact;
}

static int recursion_1mib(void)
{
	return expect(recurse(MiB / FRAME + 1), "a frame lost its data");
}

static int touch_1mib_below_sp(void)
{
	volatile char here;
	unsigned long a = ((unsigned long)&here - MiB) & ~(PAGE - 1);
	return expect_access(a, WRITE) & expect_access(a + PAGE - 1, READ);
}

static int grown_pages_read_zero(void)
{
	volatile char here;
	unsigned long a = ((unsigned long)&here - 2 * MiB) & ~(PAGE - 1);
	return all_zero((const volatile char *)a, 4 * PAGE, "the grown pages");
}

/* The limit counts from the top: the page at top - limit is the last one. */
static int grows_to_the_limit(void)
{
	unsigned long limit = stack_rlimit();
	if (!limit)
		return expect(1, "stack rlimit unlimited: nothing to check");
	return expect_access(stack_top() - limit, WRITE);
}

static int fault_past_the_limit(void)
{
	unsigned long limit = stack_rlimit();
	if (!limit)
		return expect(1, "stack rlimit unlimited: nothing to check");
	unsigned long a = stack_top() - limit - 1;
	return expect_segv(a, WRITE, SEGV_MAPERR) & expect_segv(a - 8 * MiB, READ, SEGV_MAPERR);
}

/* ---- running out of stack, in a child ---- */

static volatile unsigned long *lowest;	/* shared with the child: the deepest frame */

__attribute__((noinline)) static void dive(long levels)
{
	volatile char frame[FRAME];

	frame[0] = 1;				/* the frame's lowest byte */
	*lowest = (unsigned long)frame;
	if (levels > 0)
		dive(levels - 1);
	frame[1] = frame[0];			/* no tail call: the frame stays */
}

/* Down to 64 MiB at most: past any stack rlimit the checks accept.  0 (the
 * child's exit status) if it came back. */
static int dive_deep(void)
{
	dive(64 * MiB / FRAME);
	return 0;
}

static void never_called(int sig)
{
	(void)sig;
	_exit(3);
}

static int dive_with_handler(void)
{
	signal(SIGSEGV, never_called);
	return dive_deep();
}

static int overflow_dies(int (*fn)(void))
{
	unsigned long limit = stack_rlimit();
	if (!limit)
		return expect(1, "stack rlimit unlimited: nothing to check");
	lowest = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!expect(lowest != MAP_FAILED, "mmap MAP_SHARED: errno %d", errno))
		return 0;
	unsigned long floor = stack_top() - limit;
	return expect_killed_by(fn, SIGSEGV) &
	       expect(*lowest >= floor && *lowest < floor + 4 * FRAME,
		      "deepest frame at top - %#lx, want just above top - %#lx",
		      stack_top() - *lowest, limit);
}

static int overflow_kills(void)
{
	return overflow_dies(dive_deep);
}

static int overflow_kills_despite_handler(void)
{
	return overflow_dies(dive_with_handler);
}

static const struct check checks[] = {
	CHECK("recursion 1 MiB deep: every frame keeps its data", recursion_1mib),
	CHECK("a touch 1 MiB below the stack pointer grows the stack", touch_1mib_below_sp),
	CHECK("stack pages grown on demand read zero", grown_pages_read_zero),
	CHECK("the stack grows down to the rlimit (8 MiB) below its top", grows_to_the_limit),
	CHECK("a touch below the rlimit: SEGV_MAPERR at its address", fault_past_the_limit),
	CHECK("unbounded recursion: SIGSEGV at the rlimit", overflow_kills),
	CHECK("unbounded recursion with a SIGSEGV handler: still killed",
	      overflow_kills_despite_handler),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
