/* tests/selftests/stubs.c — the pieces of glibc that Linux's mm selftests
 * call and musl (1.2.3) lacks, each as glibc implements it: a raw system
 * call, its result and errno as the libc wrapper returns them.  Linked
 * into every test as an archive, so only what a test calls comes in
 * (docs/selftests.md, "What is adapted"). */
#include <unistd.h>
#include <sys/syscall.h>

int pkey_alloc(unsigned int flags, unsigned int access_rights)
{
	return syscall(SYS_pkey_alloc, flags, access_rights);
}

int pkey_free(int pkey)
{
	return syscall(SYS_pkey_free, pkey);
}

int pkey_mprotect(void *addr, size_t len, int prot, int pkey)
{
	return syscall(SYS_pkey_mprotect, addr, len, prot, pkey);
}
