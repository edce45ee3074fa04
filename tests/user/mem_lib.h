/* tests/user/mem_lib.h — what the mem_* tests (anonymous memory, brk, the
 * stack, SIGSEGV) share, beside check.h: raw system calls, a free stretch
 * of address space, and counting the faults of touching pages.
 *
 *	static const struct check checks[] = {
 *		CHECK("fresh anonymous pages read zero", anon_reads_zero),
 *		...
 *	};
 *	int main(void) { return run_checks(checks, NCHECKS(checks)); }
 *
 * The checks are mostly expressions joined with & (check.h's expect_eq,
 * expect_segv, expect_access, all_zero), so one that fails reports every
 * expectation it missed, not only the first. */
#ifndef MEM_LIB_H
#define MEM_LIB_H

#include "check.h"
#include <stdint.h>
#include <syscall.h>

#define PAGE		4096UL
#define MEM_UNUSED	__attribute__((unused))

/* Canonical addresses of the kernel half: the kernel image (Linux's and
 * faultline's -mcmodel=kernel base) and the direct map of RAM (PAGE_OFFSET).
 * A user access to either is a page fault the kernel answers with SIGSEGV. */
#define KERNEL_TEXT	0xffffffff80000000UL
#define KERNEL_DIRECT	0xffff888000000000UL
#define TASK_SIZE	0x00007ffffffff000UL	/* the end of user space (x86-64, 4 levels) */

/* ---- raw system calls: the kernel's result, -errno on failure ------------ */

/* (libc's mmap would turn -EINVAL into -1 and errno; the tests compare the
 * kernel's own answer, and can pass what libc would refuse.) */
static MEM_UNUSED long raw_mmap(unsigned long addr, unsigned long len, int prot, int flags,
				int fd, long off)
{
	return syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

static MEM_UNUSED long raw_munmap(unsigned long addr, unsigned long len)
{
	return syscall2(SYS_munmap, (long)addr, (long)len);
}

static MEM_UNUSED long raw_mprotect(unsigned long addr, unsigned long len, int prot)
{
	return syscall3(SYS_mprotect, (long)addr, (long)len, prot);
}

static MEM_UNUSED unsigned long raw_brk(unsigned long addr)
{
	return (unsigned long)syscall1(SYS_brk, (long)addr);
}

/* The start of npages of address space with nothing mapped: mapped, then
 * unmapped again (one thread: nothing else can take it meanwhile).  A test
 * that needs to know what is around a mapping places it there. */
static MEM_UNUSED unsigned long free_range(unsigned long npages)
{
	char *p = map_anon(npages, PROT_NONE);
	if (!p)
		return 0;
	munmap(p, npages * PAGE);
	return (unsigned long)p;
}

/* ---- counting faults ----------------------------------------------------- */

typedef void (*page_op)(volatile char *p, long npages);

/* Touch one byte per page. */
static MEM_UNUSED void read_pages(volatile char *p, long n)
{
	for (long i = 0; i < n; i++)
		(void)p[i * PAGE];
}

static MEM_UNUSED void write_pages(volatile char *p, long n)
{
	for (long i = 0; i < n; i++)
		p[i * PAGE] = (char)(i + 1);
}

/* The minor faults op(p, n) takes.  op(p, 0) and minflt() run once before,
 * touching nothing of p: the code, the stack and getrusage's buffer are then
 * mapped (in a child of fork, Linux maps even those only when touched). */
static MEM_UNUSED long faults_of(page_op op, volatile char *p, long n)
{
	op(p, 0);
	minflt();
	long before = minflt();
	op(p, n);
	return minflt() - before;
}

#endif
