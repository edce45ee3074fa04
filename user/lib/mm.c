/* mm.c — memory-mapping calls and the program break. */
#include <stdarg.h>
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include "libc.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)RET(syscall6(SYS_mmap, L(addr), L(len), prot, flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return RET(syscall2(SYS_munmap, L(addr), L(len)));
}

int mprotect(void *addr, size_t len, int prot)
{
	return RET(syscall3(SYS_mprotect, L(addr), L(len), prot));
}

int msync(void *addr, size_t len, int flags)
{
	return RET(syscall3(SYS_msync, L(addr), L(len), flags));
}

int madvise(void *addr, size_t len, int advice)
{
	return RET(syscall3(SYS_madvise, L(addr), L(len), advice));
}

int mincore(void *addr, size_t len, unsigned char *vec)
{
	return RET(syscall3(SYS_mincore, L(addr), L(len), L(vec)));
}

int mlock(const void *addr, size_t len)
{
	return RET(syscall2(SYS_mlock, L(addr), L(len)));
}

int mlock2(const void *addr, size_t len, unsigned int flags)
{
	return RET(syscall3(SYS_mlock2, L(addr), L(len), flags));
}

int munlock(const void *addr, size_t len)
{
	return RET(syscall2(SYS_munlock, L(addr), L(len)));
}

int mlockall(int flags)
{
	return RET(syscall1(SYS_mlockall, flags));
}

int munlockall(void)
{
	return RET(syscall0(SYS_munlockall));
}

/* With MREMAP_FIXED a fifth argument gives the new address. */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;

	if (flags & MREMAP_FIXED) {
		va_list ap;
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)RET(syscall5(SYS_mremap, L(old), L(old_len), L(new_len), flags,
				    L(new_addr)));
}

int memfd_create(const char *name, unsigned int flags)
{
	return RET(syscall2(SYS_memfd_create, L(name), flags));
}

int getpagesize(void)
{
	return 4096;
}

/* The brk system call always returns the break: the new one on success, the
 * unchanged one on failure (so brk(0) asks for the current break). */
static unsigned long cur_brk;

int brk(void *addr)
{
	cur_brk = syscall1(SYS_brk, L(addr));
	if (cur_brk < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Move the break by increment; returns the old break, or (void *)-1. */
void *sbrk(long increment)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = syscall1(SYS_brk, 0);
	old = cur_brk;
	if (increment && brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}
