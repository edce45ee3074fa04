/* tests/user/proc_clone.c — clone(2) with the flags fork, vfork and
 * posix_spawn use, gettid, tkill and tgkill.  Threads are not in faultline
 * (a later issue): the flags that make one are refused there with EINVAL,
 * checks marked FAULTLINE_ONLY (on Linux they would make a thread). */
#include "check.h"
#include <sys/syscall.h>
#include <syscall.h>
#include <asm/prctl.h>

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

/* clone as fork does it: no new stack, the child returns here too. */
static long clone_fork(unsigned long flags, int *ptid, int *ctid, unsigned long tls)
{
	tap_flush();
	return syscall(SYS_clone, flags, 0, ptid, ctid, tls);
}

/* clone with a stack of the child's own, as posix_spawn does: the child
 * calls fn on that stack and exits with what it returns (it cannot return
 * into our frame, which the parent still owns). */
static long clone_on_stack(unsigned long flags, void *stack_top, int *ptid, int *ctid,
			   int (*fn)(void))
{
	long ret;
	tap_flush();			/* before the register variables: a call clobbers them */
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = 0;
	register long r9 __asm__("r9") = (long)fn;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t"		/* the child: a fresh stack */
			 "call *%%r9\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov $60, %%eax\n\t"		/* exit(fn()) */
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"((long)SYS_clone), "D"(flags), "S"(stack_top), "d"(ptid), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret < 0 && ret > -4096 ? (errno = (int)-ret, -1) : ret;
}

static char child_stack[65536] __attribute__((aligned(16)));
#define STACK_TOP	(child_stack + sizeof(child_stack))

/* clone(SIGCHLD) is fork: the pid to the parent, 0 to the child, which
 * has its own copy of memory. */
static int clone_is_fork(void)
{
	static int seen = 1;
	long pid = clone_fork(SIGCHLD, NULL, NULL, 0);
	if (pid == 0) {
		seen = 2;
		_exit(getppid() > 0 ? 0 : 1);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(wait_status((pid_t)pid), 0);
	EXPECT_EQ(seen, 1);
	return 1;
}

/* glibc's fork: CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD.  The
 * child finds its tid at ctid in its own memory; the parent's copy is
 * untouched.  CLONE_PARENT_SETTID stores it in the parent before clone
 * returns. */
static int settid_flags(void)
{
	static int ctid, ptid;
	long pid = clone_fork(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID |
			      SIGCHLD, &ptid, &ctid, 0);
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 1);
	EXPECT(pid > 0);
	EXPECT_EQ(ptid, pid);
	EXPECT_EQ(ctid, 0);
	EXPECT_EQ(wait_status((pid_t)pid), 0);
	return 1;
}

static volatile int spawned_ran;
static int spawned_child(void)
{
	spawned_ran = getpid();			/* the parent's memory: shared */
	return 7;
}

/* posix_spawn's clone: CLONE_VM|CLONE_VFORK on a stack of the child's
 * own.  The parent sleeps until the child exits, then sees what the child
 * wrote into the memory they share; CLONE_CHILD_CLEARTID zeroes ctid at
 * the child's exit, since the parent still uses that memory. */
static int vm_vfork_on_new_stack(void)
{
	static int ctid = 12345;
	spawned_ran = 0;
	long pid = clone_on_stack(CLONE_VM | CLONE_VFORK | CLONE_CHILD_CLEARTID | SIGCHLD,
				  STACK_TOP, NULL, &ctid, spawned_child);
	EXPECT(pid > 0);
	int ran = spawned_ran;
	int status = wait_status((pid_t)pid);
	explain_status("the child", status, 7);
	EXPECT(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 7);
	EXPECT_EQ(ran, pid);			/* it ran, and exited, before clone returned */
	EXPECT_EQ(ctid, 0);
	return 1;
}

/* CLONE_SETTLS: the child's FS base is the given address. */
static int settls(void)
{
	static char tls[64];
	long pid = clone_fork(CLONE_SETTLS | SIGCHLD, NULL, NULL, (unsigned long)tls);
	if (pid == 0) {
		unsigned long fs = 0;
		_exit(arch_prctl(ARCH_GET_FS, (unsigned long)&fs) == 0 &&
		      fs == (unsigned long)tls ? 0 : 1);
	}
	EXPECT(pid > 0);
	EXPECT_EQ(wait_status((pid_t)pid), 0);
	EXPECT_ERRNO(clone_fork(CLONE_SETTLS | SIGCHLD, NULL, NULL, 0xffff800000000000UL), EPERM);
	return 1;
}

/* Combinations Linux refuses too. */
static int invalid_combinations(void)
{
	EXPECT_ERRNO(clone_fork(CLONE_SIGHAND | SIGCHLD, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(clone_fork(CLONE_THREAD | SIGCHLD, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(clone_fork(CLONE_NEWNS | CLONE_FS | SIGCHLD, NULL, NULL, 0), EINVAL);
	return 1;
}

/* What only Linux does: threads, shared fd tables and other exit signals. */
static int threads_refused(void)
{
	EXPECT_ERRNO(clone_on_stack(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
				    CLONE_THREAD, STACK_TOP, NULL, NULL, spawned_child), EINVAL);
	EXPECT_ERRNO(clone_on_stack(CLONE_VM | SIGCHLD, STACK_TOP, NULL, NULL, spawned_child),
		     EINVAL);
	EXPECT_ERRNO(clone_fork(CLONE_FILES | SIGCHLD, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(clone_fork(SIGUSR1, NULL, NULL, 0), EINVAL);
	return 1;
}

static volatile int usr1;
static void on_usr1(int sig) { (void)sig; usr1++; }

/* One thread per process: gettid is getpid; tkill and tgkill signal it. */
static int gettid_tkill_tgkill(void)
{
	pid_t me = getpid();
	EXPECT_EQ(syscall(SYS_gettid), me);
	signal(SIGUSR1, on_usr1);
	EXPECT_EQ(syscall(SYS_tkill, me, SIGUSR1), 0);
	EXPECT_EQ(usr1, 1);
	EXPECT_EQ(syscall(SYS_tgkill, me, me, SIGUSR1), 0);
	EXPECT_EQ(usr1, 2);
	EXPECT_EQ(syscall(SYS_tkill, me, 0), 0);	/* signal 0: it exists */
	EXPECT_ERRNO(syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_tkill, -1, SIGUSR1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_tgkill, 0, me, SIGUSR1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_tkill, me, 99), EINVAL);
	EXPECT_ERRNO(syscall(SYS_tkill, 0x3ffffff0, SIGUSR1), ESRCH);
	/* a child's tid in our thread group: no such thread */
	pid_t pid = fork_flushed();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	EXPECT_ERRNO(syscall(SYS_tgkill, me, pid, SIGKILL), ESRCH);
	EXPECT_EQ(syscall(SYS_tgkill, pid, pid, SIGKILL), 0);
	int status = wait_status(pid);
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return 1;
}

/* abort() raises SIGABRT with tkill (as glibc and musl do): the wait
 * status says SIGABRT, not "Segmentation fault". */
static int abort_is_sigabrt(void)
{
	pid_t pid = fork_flushed();
	if (pid == 0)
		abort();
	int status = wait_status(pid);
	EXPECT(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGABRT);
	return 1;
}

static const struct check checks[] = {
	CHECK("clone(SIGCHLD) is fork", clone_is_fork),
	CHECK("CLONE_CHILD_SETTID, CLONE_PARENT_SETTID store the child's tid", settid_flags),
	CHECK("CLONE_VM|CLONE_VFORK on a new stack (posix_spawn): the parent waits, "
	      "CLONE_CHILD_CLEARTID zeroes", vm_vfork_on_new_stack),
	CHECK("CLONE_SETTLS sets the child's FS base; a kernel address is EPERM", settls),
	CHECK("CLONE_SIGHAND without CLONE_VM, CLONE_THREAD without CLONE_SIGHAND: EINVAL",
	      invalid_combinations),
	FAULTLINE_ONLY("threads, CLONE_VM alone, CLONE_FILES, exit signals but SIGCHLD: EINVAL",
		       threads_refused, "Linux makes threads; faultline has none yet"),
	CHECK("gettid is getpid; tkill and tgkill signal one thread", gettid_tkill_tgkill),
	CHECK("abort() kills with SIGABRT", abort_is_sigabrt),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
