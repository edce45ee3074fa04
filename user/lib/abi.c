/* abi.c — compile-time checks that our structs have Linux's x86-64 layout.
 *
 * These are the numbers the kernel's side of each system call must match
 * (they were checked against glibc and the Linux uapi headers). The file
 * produces no code. */
#include <stddef.h>
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/ucontext.h>
#include <sys/utsname.h>
#include <time.h>

#define CHECK(cond) _Static_assert(cond, #cond)

/* stat, fstat, lstat, newfstatat */
CHECK(sizeof(struct stat) == 144);
CHECK(offsetof(struct stat, st_ino) == 8);
CHECK(offsetof(struct stat, st_nlink) == 16);
CHECK(offsetof(struct stat, st_mode) == 24);
CHECK(offsetof(struct stat, st_uid) == 28);
CHECK(offsetof(struct stat, st_rdev) == 40);
CHECK(offsetof(struct stat, st_size) == 48);
CHECK(offsetof(struct stat, st_blksize) == 56);
CHECK(offsetof(struct stat, st_blocks) == 64);
CHECK(offsetof(struct stat, st_atim) == 72);
CHECK(offsetof(struct stat, st_mtim) == 88);
CHECK(offsetof(struct stat, st_ctim) == 104);
CHECK(sizeof(struct timespec) == 16);

/* rt_sigaction: handler, flags, restorer, mask */
CHECK(sizeof(struct sigaction) == 32);
CHECK(offsetof(struct sigaction, sa_flags) == 8);
CHECK(offsetof(struct sigaction, sa_restorer) == 16);
CHECK(offsetof(struct sigaction, sa_mask) == 24);
CHECK(sizeof(sigset_t) == 8);

/* siginfo_t as the kernel writes it into the signal frame */
CHECK(sizeof(siginfo_t) == 128);
CHECK(offsetof(siginfo_t, si_code) == 8);
CHECK(offsetof(siginfo_t, si_addr) == 16);
CHECK(offsetof(siginfo_t, si_pid) == 16);
CHECK(offsetof(siginfo_t, si_uid) == 20);
CHECK(offsetof(siginfo_t, si_status) == 24);

/* the ucontext of the signal frame (struct ucontext + struct sigcontext) */
CHECK(sizeof(stack_t) == 24);
CHECK(offsetof(ucontext_t, uc_stack) == 16);
CHECK(offsetof(ucontext_t, uc_mcontext) == 40);
CHECK(offsetof(ucontext_t, uc_mcontext.gregs[REG_RIP]) == 40 + 16 * 8);
CHECK(offsetof(ucontext_t, uc_mcontext.gregs[REG_ERR]) == 40 + 19 * 8);
CHECK(offsetof(ucontext_t, uc_mcontext.gregs[REG_TRAPNO]) == 40 + 20 * 8);
CHECK(offsetof(ucontext_t, uc_mcontext.gregs[REG_CR2]) == 40 + 22 * 8);
CHECK(offsetof(ucontext_t, uc_mcontext.fpregs) == 224);
CHECK(sizeof(mcontext_t) == 256);
CHECK(offsetof(ucontext_t, uc_sigmask) == 296);

/* getrusage, wait4 */
CHECK(sizeof(struct rusage) == 144);
CHECK(offsetof(struct rusage, ru_minflt) == 64);
CHECK(offsetof(struct rusage, ru_majflt) == 72);

/* uname, getdents64, readv/writev */
CHECK(sizeof(struct utsname) == 6 * 65);
CHECK(offsetof(struct dirent64, d_off) == 8);
CHECK(offsetof(struct dirent64, d_reclen) == 16);
CHECK(offsetof(struct dirent64, d_type) == 18);
CHECK(offsetof(struct dirent64, d_name) == 19);
CHECK(sizeof(struct iovec) == 16);
