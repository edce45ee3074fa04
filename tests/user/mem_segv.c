/* tests/user/mem_segv.c — the SIGSEGV a bad access gets: si_code says why
 * (SEGV_MAPERR: nothing mapped there; SEGV_ACCERR: mapped, but not for this
 * access) and si_addr is the very byte.  A SA_SIGINFO handler catches each
 * one and siglongjmps back (probe() in check.h), so the program goes on;
 * without a usable handler the process dies of SIGSEGV. */
#include "mem_lib.h"

#define RW	(PROT_READ | PROT_WRITE)

/* A page with nothing mapped around it, mapped with prot (0: left free). */
static unsigned long lone_page(int prot, int mapped)
{
	unsigned long a = free_range(3);
	if (!a)
		return 0;
	a += PAGE;
	if (mapped && mmap((void *)a, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
		      == MAP_FAILED)
		return expect(0, "mmap at %#lx: errno %d", a, errno);
	return a;
}

static int read_unmapped(void)
{
	unsigned long a = lone_page(0, 0);
	return a && expect_segv(a + 0x123, READ, SEGV_MAPERR);
}

static int write_unmapped(void)
{
	unsigned long a = lone_page(0, 0);
	return a && expect_segv(a + PAGE - 1, WRITE, SEGV_MAPERR);
}

static int past_the_end(void)
{
	unsigned long a = lone_page(RW, 1);
	return a && expect_access(a + PAGE - 1, WRITE) & expect_segv(a + PAGE, READ, SEGV_MAPERR) &
		    expect_segv(a - 1, WRITE, SEGV_MAPERR);
}

static int read_prot_none(void)
{
	unsigned long a = lone_page(PROT_NONE, 1);
	return a && expect_segv(a + 0x456, READ, SEGV_ACCERR);
}

static int write_prot_none(void)
{
	unsigned long a = lone_page(PROT_NONE, 1);
	return a && expect_segv(a + 8, WRITE, SEGV_ACCERR);
}

static int write_read_only(void)
{
	unsigned long a = lone_page(PROT_READ, 1);
	return a && expect_access(a + 9, READ) & expect_segv(a + 9, WRITE, SEGV_ACCERR);
}

/* The program's own code: a private file mapping, read and execute only. */
static int write_text(void)
{
	unsigned long a = (unsigned long)lone_page + 3;
	return expect_access(a, READ) & expect_segv(a, WRITE, SEGV_ACCERR);
}

/* A `ret` in a page mapped without PROT_EXEC: calling it faults at its
 * first byte (NX), whether the page was present or not. */
static int exec_no_exec(void)
{
	unsigned long a = lone_page(RW, 1);
	if (!a)
		return 0;
	*(volatile unsigned char *)(a + 16) = 0xc3;		/* ret */
	return expect_segv(a + 16, EXEC, SEGV_ACCERR);
}

/* The same page made executable: the call returns. */
static int exec_after_mprotect(void)
{
	unsigned long a = lone_page(RW, 1);
	if (!a)
		return 0;
	*(volatile unsigned char *)(a + 16) = 0xc3;		/* ret */
	return expect_eq(mprotect((void *)a, PAGE, PROT_READ | PROT_EXEC), 0, "mprotect R|X") &&
	       expect_access(a + 16, EXEC);
}

/* A user access to the kernel half is a page fault on Linux too, answered
 * with SEGV_MAPERR (whether the kernel maps that address or not). */
static int read_kernel_text(void)
{
	return expect_segv(KERNEL_TEXT + 0x1234, READ, SEGV_MAPERR);
}

static int write_kernel_direct_map(void)
{
	return expect_segv(KERNEL_DIRECT + 0x5678, WRITE, SEGV_MAPERR);
}

/* Linux reports any user fault on a kernel address as a protection fault
 * in the handler's error code (bit 0, P), mapped there or not: the error
 * code does not tell a program which kernel addresses are mapped. */
static int kernel_half_error_code(void)
{
	return expect_eq(probe(KERNEL_TEXT + 0x1234, READ).err, 5, "read of the image") &
	       expect_eq(probe(KERNEL_DIRECT + 0x5678, WRITE).err, 7, "write to the direct map") &
	       expect_eq(probe(0xffffc90000000000UL, READ).err, 5, "read at 0xffffc90000000000") &
	       expect_eq(probe(0xfffffe0000000000UL, WRITE).err, 7, "write at 0xfffffe0000000000");
}

/* A non-canonical address is not a page fault but a general protection
 * fault: the CPU gives no address, so si_code is SI_KERNEL, si_addr 0. */
static int read_non_canonical(void)
{
	struct fault f = probe(0x8000000000000000UL, READ);
	return expect_eq(f.sig, SIGSEGV, "signal") & expect_eq(f.code, SI_KERNEL, "si_code") &
	       expect_eq(f.addr, 0, "si_addr");
}

static int read_null(void)
{
	return expect_segv(0, READ, SEGV_MAPERR);
}

static int write_null(void)
{
	return expect_segv(0, WRITE, SEGV_MAPERR);
}

/* siglongjmp restores the mask sigsetjmp saved, so SIGSEGV is not left
 * blocked by the handler: the next fault is caught the same way. */
static int faults_in_a_row(void)
{
	unsigned long a = lone_page(PROT_READ, 1);
	int all = a != 0;
	for (int i = 0; a && i < 3; i++)
		all &= expect_segv(a + i, WRITE, SEGV_ACCERR) & expect_segv(0, READ, SEGV_MAPERR);
	return all;
}

/* A handler that makes the page writable and returns: the write is done
 * again and succeeds (a fault restarts the instruction). */
static void unprotect_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	mprotect((void *)((unsigned long)si->si_addr & ~(PAGE - 1)), PAGE, RW);
}

static int handler_returns_retry(void)
{
	struct sigaction sa = { .sa_sigaction = unprotect_handler, .sa_flags = SA_SIGINFO };
	unsigned long a = lone_page(PROT_READ, 1);
	if (!a)
		return 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	*(volatile char *)(a + 100) = 42;
	return expect_eq(*(volatile char *)(a + 100), 42, "the byte written after the handler");
}

/* Each returns 0 (the child's exit status) if it is still alive. */
static int touch_null(void)
{
	*(volatile char *)0 = 1;
	return 0;
}

static int touch_null_blocked(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGSEGV);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return touch_null();
}

static int touch_null_ignored(void)
{
	signal(SIGSEGV, SIG_IGN);
	return touch_null();
}

static int dies_without_handler(void)
{
	return expect_killed_by(touch_null, SIGSEGV);
}

/* A fault cannot wait while SIGSEGV is blocked, nor be ignored: the kernel
 * delivers it with the default action anyway (Linux's force_sig_fault). */
static int dies_when_blocked(void)
{
	return expect_killed_by(touch_null_blocked, SIGSEGV);
}

static int dies_when_ignored(void)
{
	return expect_killed_by(touch_null_ignored, SIGSEGV);
}

static const struct check checks[] = {
	CHECK("read of an unmapped page: SEGV_MAPERR at its address", read_unmapped),
	CHECK("write to an unmapped page: SEGV_MAPERR at its address", write_unmapped),
	CHECK("a byte past either end of a mapping: SEGV_MAPERR", past_the_end),
	CHECK("read of PROT_NONE memory: SEGV_ACCERR at its address", read_prot_none),
	CHECK("write to PROT_NONE memory: SEGV_ACCERR at its address", write_prot_none),
	CHECK("write to read-only memory: SEGV_ACCERR at its address", write_read_only),
	CHECK("write to the program's own code: SEGV_ACCERR", write_text),
	CHECK("a call into a page without PROT_EXEC: SEGV_ACCERR at it", exec_no_exec),
	CHECK("a call into the same page made PROT_EXEC: it runs", exec_after_mprotect),
	CHECK("read of the kernel image: SEGV_MAPERR at its address", read_kernel_text),
	CHECK("write to the kernel's direct map: SEGV_MAPERR at its address",
	      write_kernel_direct_map),
	CHECK("a kernel-half fault's error code says protection (5 read, 7 write)",
	      kernel_half_error_code),
	CHECK("read of a non-canonical address: SI_KERNEL, si_addr 0", read_non_canonical),
	CHECK("read of NULL: SEGV_MAPERR, si_addr 0", read_null),
	CHECK("write to NULL: SEGV_MAPERR, si_addr 0", write_null),
	CHECK("faults in a row: each one caught (siglongjmp restores the mask)", faults_in_a_row),
	CHECK("a handler that mprotects and returns: the write is retried", handler_returns_retry),
	CHECK("no handler: the process dies of SIGSEGV", dies_without_handler),
	CHECK("SIGSEGV blocked: the process dies of SIGSEGV", dies_when_blocked),
	CHECK("SIGSEGV ignored: the process dies of SIGSEGV", dies_when_ignored),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
