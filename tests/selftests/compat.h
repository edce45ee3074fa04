/* tests/selftests/compat.h — included before every source file of Linux's
 * mm selftests (musl-gcc -include): what glibc's headers give the tests and
 * musl's (1.2.3) do not.  Definitions only, no code; each line says why
 * (docs/selftests.md, "What is adapted").
 *
 * The kernel's types (__u32, __u64): glibc's <signal.h> pulls in
 * <linux/types.h> through its <asm/sigcontext.h>; pkey-helpers.h relies on it. */
#include <linux/types.h>

/* glibc's type of struct statfs's f_type (gup_longterm's get_fs_type());
 * musl's f_type is an unsigned long of the same size. */
typedef long __fsword_t;

/* glibc's wrappers of the memory-protection-key calls (glibc 2.27), which
 * musl does not have: declared as glibc's <sys/mman.h> declares them,
 * defined in stubs.c as raw system calls, as glibc defines them. */
#include <stddef.h>
int pkey_alloc(unsigned int flags, unsigned int access_rights);
int pkey_free(int pkey);
int pkey_mprotect(void *addr, size_t len, int prot, int pkey);
