/* tests/kernel/crash_test.c — cases whose expected result is a panic.
 *
 * A manual suite: `test=all` skips it; tests/boots.py boots each case
 * alone (test=crash.NAME) and checks the oops that the kernel prints:
 * the exception's name, its error code, CR2, a symbolised RIP and a call
 * trace back through the test runner.  Each fault happens in its own
 * noinline function so the trace names it. */
#include "kernel/ktest.h"
#include "kernel/panic.h"

#define UNMAPPED_KERNEL_ADDR 0xffffffffc0000000UL	/* above the image: never mapped */

static volatile int crash_sink;			/* results nobody may optimise away */

static __noinline void crash_divide_error_fn(void)
{
	volatile int zero = 0;				/* volatile: no constant folding */
	crash_sink = 42 / zero;				/* #DE */
}

static __noinline void crash_invalid_opcode_fn(void)
{
	asm volatile("ud2");				/* #UD */
}

static __noinline void crash_breakpoint_fn(void)
{
	asm volatile("int3");				/* #BP: no debugger: an oops */
}

static __noinline void crash_unmapped_read_fn(void)
{
	crash_sink = *(volatile int *)UNMAPPED_KERNEL_ADDR;	/* #PF, not present */
}

static __noinline void crash_null_deref_fn(int *p)
{
	crash_sink = *(volatile int *)p;		/* #PF at address 0 */
}

extern char kmain[];

static __noinline void crash_write_kernel_text_fn(void)
{
	*(volatile char *)kmain = (char)0xc3;		/* #PF: text is read-only (W^X) */
}

static u8 crash_data_page[16] = { 0xc3 };		/* `ret`, in .data: NX */

static __noinline void crash_exec_data_fn(void)
{
	((void (*)(void))crash_data_page)();		/* #PF: instruction fetch from NX */
}

/* 1 KiB a frame: the 16 KiB boot stack overflows after about 15 calls, into
 * its guard page.  The #PF cannot push its frame there, so it becomes a #DF,
 * delivered on the IST stack: an oops, not a triple fault. */
static __noinline int crash_recurse(int depth)
{
	volatile char frame[1024];
	frame[0] = (char)depth;
	if (depth > (1 << 20))		/* never: the stack is gone long before */
		return 0;
	return crash_recurse(depth + 1) + frame[0];
}

static void divide_error(struct ktest *t)
{
	crash_divide_error_fn();
	KEXPECT_TRUE(t, !"survived a divide error");
}

static void invalid_opcode(struct ktest *t)
{
	crash_invalid_opcode_fn();
	KEXPECT_TRUE(t, !"survived ud2");
}

static void breakpoint(struct ktest *t)
{
	crash_breakpoint_fn();
	KEXPECT_TRUE(t, !"survived int3");
}

static void unmapped_read(struct ktest *t)
{
	crash_unmapped_read_fn();
	KEXPECT_TRUE(t, !"survived a read of an unmapped kernel address");
}

static void stack_overflow(struct ktest *t)
{
	crash_recurse(0);
	KEXPECT_TRUE(t, !"survived a kernel stack overflow");
}

static void null_deref(struct ktest *t)
{
	crash_null_deref_fn(NULL);
	KEXPECT_TRUE(t, !"survived a NULL dereference");
}

static void write_kernel_text(struct ktest *t)
{
	crash_write_kernel_text_fn();
	KEXPECT_TRUE(t, !"wrote to kernel text");
}

static void exec_data(struct ktest *t)
{
	crash_exec_data_fn();
	KEXPECT_TRUE(t, !"executed kernel data");
}

static void panic_message(struct ktest *t)
{
	panic("crash test: %d is the answer", 42);
}

KTEST_MANUAL_SUITE(crash,
	KTEST_CASE(divide_error),
	KTEST_CASE(invalid_opcode),
	KTEST_CASE(breakpoint),
	KTEST_CASE(unmapped_read),
	KTEST_CASE(stack_overflow),
	KTEST_CASE(null_deref),
	KTEST_CASE(write_kernel_text),
	KTEST_CASE(exec_data),
	KTEST_CASE(panic_message));
