/* tests/user/sig_handler.c — catching signals: SA_SIGINFO and its
 * siginfo, delivery before kill() returns, the registers rt_sigreturn
 * gives back, the signal mask (blocking, pending, the mask while a
 * handler runs), SIG_IGN and SA_RESETHAND. */
#include "check.h"
#include <syscall.h>

static volatile int hits;		/* handler calls */
static volatile int last_sig, last_code, last_pid, last_uid;
static volatile unsigned long handler_mask;	/* the mask while the handler ran */

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = si->si_signo;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_uid = si->si_uid;
	if (sig != si->si_signo)
		last_sig = -sig;
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	handler_mask = now;
}

static void on_plain(int sig)
{
	(void)sig;
	hits++;
}

/* sigaction(sig) with handler and flags (SA_SIGINFO chooses on_info). */
static int catch(int sig, int flags, sigset_t mask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	if (flags & SA_SIGINFO)
		sa.sa_sigaction = on_info;
	else
		sa.sa_handler = on_plain;
	sa.sa_flags = flags;
	sa.sa_mask = mask;
	return sigaction(sig, &sa, NULL);
}

static sigset_t set_of(int sig)
{
	sigset_t s;
	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	return s;
}

static long sigpending_raw(sigset_t *set)
{
	return syscall(SYS_rt_sigpending, set, sizeof(*set));
}

/* ---- SA_SIGINFO ---------------------------------------------------------- */

static int siginfo_from_raise(void)
{
	EXPECT_EQ(catch(SIGUSR1, SA_SIGINFO, set_of(0)), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 1);			/* delivered before raise returned */
	EXPECT_EQ(last_sig, SIGUSR1);
	EXPECT_EQ(last_code, SI_USER);		/* kill(): SI_USER */
	EXPECT_EQ(last_pid, getpid());
	EXPECT_EQ(last_uid, getuid());
	return 1;
}

static int kill_self_delivers(void)
{
	EXPECT_EQ(catch(SIGUSR2, SA_SIGINFO, set_of(0)), 0);
	EXPECT_EQ(kill(getpid(), SIGUSR2), 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_sig, SIGUSR2);
	EXPECT_EQ(kill(getpid(), SIGUSR2), 0);
	EXPECT_EQ(hits, 2);			/* the handler stays installed */
	return 1;
}

/* Another process's kill: si_pid is the sender.  The signal stays blocked
 * until the sender is reaped, so it cannot interrupt the wait. */
static int siginfo_from_other_process(void)
{
	sigset_t usr1 = set_of(SIGUSR1);
	EXPECT_EQ(catch(SIGUSR1, SA_SIGINFO, set_of(0)), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	pid_t parent = getpid();
	tap_flush();
	pid_t pid = fork();
	if (pid == 0)
		_exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(hits, 0);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &usr1, NULL), 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(last_sig, SIGUSR1);
	EXPECT_EQ(last_code, SI_USER);
	EXPECT_EQ(last_pid, pid);
	return 1;
}

/* The handler's third argument: the ucontext, with the mask to restore. */
static volatile unsigned long uc_mask;
static volatile int uc_ok;

static void on_ucontext(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	(void)si;
	uc_mask = uc->uc_sigmask;
	uc_ok = uc->uc_mcontext.gregs[REG_RSP] != 0 && uc->uc_mcontext.gregs[REG_RIP] != 0;
}

static int ucontext_has_mask(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_ucontext;
	sa.sa_flags = SA_SIGINFO;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigset_t term = set_of(SIGTERM);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &term, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT(uc_ok);
	EXPECT_EQ(uc_mask, term);		/* the mask before the handler */
	return 1;
}

/* ---- registers -------------------------------------------------------------- */

/* Overwrites every register the ABI lets a function clobber, and xmm8. */
static void on_clobber(int sig)
{
	(void)sig;
	hits++;
	__asm__ volatile("mov $-1, %%rax; mov %%rax, %%rcx; mov %%rax, %%rdx;"
			 "mov %%rax, %%rsi; mov %%rax, %%rdi; mov %%rax, %%r8;"
			 "mov %%rax, %%r9; mov %%rax, %%r10; mov %%rax, %%r11;"
			 "pcmpeqd %%xmm8, %%xmm8; pcmpeqd %%xmm0, %%xmm0"
			 ::: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			     "xmm0", "xmm8", "cc");
}

static long kill_args[2];		/* pid, signal */
static long regs_out[14];

/* kill() as a raw system call with known values in every register it does
 * not use: the handler runs on its way back, then rt_sigreturn must put
 * back exactly what was there (rcx and r11 are the syscall's own). */
static int registers_survive_handler(void)
{
	EXPECT(signal(SIGUSR1, on_clobber) != SIG_ERR);
	kill_args[0] = getpid();
	kill_args[1] = SIGUSR1;
	__asm__ volatile(
		"mov $0x1111111111111111, %%rbx\n\t"
		"mov $0x2222222222222222, %%rdx\n\t"
		"mov $0x3333333333333333, %%r8\n\t"
		"mov $0x4444444444444444, %%r9\n\t"
		"mov $0x5555555555555555, %%r10\n\t"
		"mov $0x6666666666666666, %%r12\n\t"
		"mov $0x7777777777777777, %%r13\n\t"
		"mov $0x8888888888888888, %%r14\n\t"
		"mov $0x9999999999999999, %%r15\n\t"
		"mov $0x0123456789abcdef, %%rax\n\t"
		"movq %%rax, %%xmm8\n\t"
		"mov %[args], %%rdi\n\t"
		"mov 8+%[args], %%rsi\n\t"
		"mov $62, %%eax\n\t"			/* SYS_kill */
		"syscall\n\t"
		"mov %%rax, %[out]\n\t"
		"mov %%rbx, 8+%[out]\n\t"
		"mov %%rdx, 16+%[out]\n\t"
		"mov %%r8, 24+%[out]\n\t"
		"mov %%r9, 32+%[out]\n\t"
		"mov %%r10, 40+%[out]\n\t"
		"mov %%r12, 48+%[out]\n\t"
		"mov %%r13, 56+%[out]\n\t"
		"mov %%r14, 64+%[out]\n\t"
		"mov %%r15, 72+%[out]\n\t"
		"mov %%rdi, 80+%[out]\n\t"
		"mov %%rsi, 88+%[out]\n\t"
		"movq %%xmm8, %%rax\n\t"
		"mov %%rax, 96+%[out]\n\t"
		: [out] "=m"(regs_out)
		: [args] "m"(kill_args)
		: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
		  "r13", "r14", "r15", "xmm8", "memory", "cc");
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(regs_out[0], 0);		/* kill's result */
	EXPECT_EQ(regs_out[1], 0x1111111111111111);
	EXPECT_EQ(regs_out[2], 0x2222222222222222);
	EXPECT_EQ(regs_out[3], 0x3333333333333333);
	EXPECT_EQ(regs_out[4], 0x4444444444444444);
	EXPECT_EQ(regs_out[5], 0x5555555555555555);
	EXPECT_EQ(regs_out[6], 0x6666666666666666);
	EXPECT_EQ(regs_out[7], 0x7777777777777777);
	EXPECT_EQ(regs_out[8], (long)0x8888888888888888);
	EXPECT_EQ(regs_out[9], (long)0x9999999999999999);
	EXPECT_EQ(regs_out[10], kill_args[0]);	/* rdi, rsi: the arguments */
	EXPECT_EQ(regs_out[11], SIGUSR1);
	EXPECT_EQ(regs_out[12], 0x0123456789abcdef);	/* xmm8 */
	return 1;
}

/* Plain C: a computation interleaved with signals whose handler changes a
 * global; the computation's locals (and floating point) keep their values. */
static volatile int handler_global;

static void on_count(int sig)
{
	(void)sig;
	handler_global += 1000;
	volatile double d = 1.0;
	for (int i = 0; i < 10; i++)
		d = d * 3.0 + 1.0;		/* the handler's own floating point */
}

static int computation_survives(void)
{
	EXPECT(signal(SIGUSR1, on_count) != SIG_ERR);
	unsigned long sum = 0, prod = 1;
	double f = 0.5;
	for (int i = 1; i <= 50; i++) {
		sum += i;
		prod = prod * 31 + i;
		f = f * 1.5 + i;
		if (i % 5 == 0)
			raise(SIGUSR1);
	}
	unsigned long want_sum = 0, want_prod = 1;
	double want_f = 0.5;
	for (int i = 1; i <= 50; i++) {
		want_sum += i;
		want_prod = want_prod * 31 + i;
		want_f = want_f * 1.5 + i;
	}
	EXPECT_EQ(handler_global, 10000);
	EXPECT_EQ(sum, want_sum);
	EXPECT(prod == want_prod);
	EXPECT(f == want_f);
	return 1;
}

/* A handler may change the interrupted registers in its ucontext:
 * rt_sigreturn resumes with them.  Here kill's return value (rax). */
static void on_set_rax(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_RAX] = 1234;
}

static int handler_changes_registers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_set_rax;
	sa.sa_flags = SA_SIGINFO;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	long r = syscall2(SYS_kill, getpid(), SIGUSR1);	/* raw: no errno handling */
	EXPECT_EQ(r, 1234);
	return 1;
}

/* ---- what rt_sigreturn refuses, as Linux (issue 12) ---- */

#define EFLAGS_TF	0x100		/* trap flag: single-step */

static volatile int trap_count, trap_code;
static volatile unsigned long trap_addr;
static void *volatile bad_fpstate;

/* SIGUSR1: set TF in the context rt_sigreturn restores. */
static void on_set_tf(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	(void)si;
	uc->uc_mcontext.gregs[REG_EFL] |= EFLAGS_TF;
}

/* SIGTRAP: count it, and clear TF (it is in the saved flags too). */
static void on_trap(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	trap_count++;
	trap_code = si->si_code;
	trap_addr = (unsigned long)si->si_addr;
	uc->uc_mcontext.gregs[REG_EFL] &= ~EFLAGS_TF;
}

/* A handler that sets TF in its context single-steps the interrupted
 * code: the instruction after rt_sigreturn traps, SIGTRAP/TRAP_TRACE. */
static int sigreturn_trap_flag(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_flags = SA_SIGINFO;
	sa.sa_sigaction = on_trap;
	EXPECT_EQ(sigaction(SIGTRAP, &sa, NULL), 0);
	sa.sa_sigaction = on_set_tf;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	trap_count = 0;
	EXPECT_EQ(syscall2(SYS_kill, getpid(), SIGUSR1), 0);
	EXPECT_EQ(trap_count, 1);
	EXPECT_EQ(trap_code, TRAP_TRACE);
	EXPECT(trap_addr != 0 && trap_addr < 0x800000000000UL);
	return 1;
}

/* SIGUSR1: point the context's fpstate at bad_fpstate. */
static void on_bad_fpstate(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	(void)si;
	uc->uc_mcontext.fpregs = bad_fpstate;
}

/* rt_sigreturn with fpstate at `where`: the process dies of SIGSEGV. */
static int sigreturn_bad_fpstate(void *where)
{
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_flags = SA_SIGINFO;
		sa.sa_sigaction = on_bad_fpstate;
		bad_fpstate = where;
		if (sigaction(SIGUSR1, &sa, NULL))
			_exit(2);
		raise(SIGUSR1);
		_exit(0);			/* it went on */
	}
	int status = wait_status(pid);
	return expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		      "fpstate %p: wait status %#x, want death by SIGSEGV", where, status);
}

static int sigreturn_fpstate_kernel(void)
{
	return sigreturn_bad_fpstate((void *)0xffffffff80100000UL) &
	       sigreturn_bad_fpstate((void *)0xffff888000000000UL) &
	       sigreturn_bad_fpstate((void *)0x8000000000000000UL);	/* non-canonical */
}

static int sigreturn_fpstate_unmapped(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(p != MAP_FAILED);
	EXPECT_EQ(munmap(p, 4096), 0);
	static char misaligned[512 + 64] __attribute__((aligned(64)));
	return sigreturn_bad_fpstate(p) & sigreturn_bad_fpstate((void *)16) &
	       sigreturn_bad_fpstate(misaligned + 8);
}

/* SIGUSR1: no FPU state in the context (fpstate NULL). */
static void on_null_fpstate(int sig, siginfo_t *si, void *p)
{
	ucontext_t *uc = p;
	(void)sig;
	(void)si;
	uc->uc_mcontext.fpregs = NULL;
}

/* fpstate NULL: the FPU/SSE registers start afresh (Linux's
 * fpu__clear_user_states): xmm0 reads 0 and MXCSR its default 0x1f80. */
static int sigreturn_null_fpstate(void)
{
	struct sigaction sa;
	unsigned long xmm0 = 0;
	unsigned int mxcsr = 0, fresh = 0x1f80 | 0x8000;	/* with flush-to-zero set */
	memset(&sa, 0, sizeof(sa));
	sa.sa_flags = SA_SIGINFO;
	sa.sa_sigaction = on_null_fpstate;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	long pid = getpid();
	asm volatile("ldmxcsr %[fresh]\n\t"
		     "mov $0x1234, %%eax\n\t"
		     "movq %%rax, %%xmm0\n\t"
		     "mov $62, %%eax\n\t"		/* kill(pid, SIGUSR1) */
		     "mov %[pid], %%rdi\n\t"
		     "mov $10, %%esi\n\t"
		     "syscall\n\t"
		     "movq %%xmm0, %[x]\n\t"
		     "stmxcsr %[m]"
		     : [x] "=r"(xmm0), [m] "=m"(mxcsr)
		     : [fresh] "m"(fresh), [pid] "r"(pid)
		     : "rax", "rdi", "rsi", "rcx", "r11", "xmm0", "memory");
	EXPECT_EQ(xmm0, 0);
	EXPECT_EQ(mxcsr, 0x1f80);
	return 1;
}

/* The handler is entered as if called: rsp + 8 is 16-byte aligned (so
 * with a frame pointer, rbp is), which SSE spills to the stack rely on. */
static volatile unsigned long handler_rbp;

static void on_align(int sig)
{
	(void)sig;
	handler_rbp = (unsigned long)__builtin_frame_address(0);
}

static int handler_stack_aligned(void)
{
	EXPECT(signal(SIGUSR1, on_align) != SIG_ERR);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT(handler_rbp != 0);
	EXPECT_EQ(handler_rbp % 16, 0);
	return 1;
}

/* The 128 bytes below rsp (the red zone) belong to the interrupted code:
 * the signal frame goes below them. */
static long red_zone_out[16];

static int red_zone_survives(void)
{
	EXPECT(signal(SIGUSR1, on_clobber) != SIG_ERR);
	kill_args[0] = getpid();
	kill_args[1] = SIGUSR1;
	__asm__ volatile(
		"mov $16, %%ecx\n\t"
		"1: mov %%rcx, %%rax\n\t"		/* -8*i(%rsp) = 0x5a00 + i */
		"add $0x5a00, %%rax\n\t"
		"neg %%rcx\n\t"
		"mov %%rax, (%%rsp,%%rcx,8)\n\t"
		"neg %%rcx\n\t"
		"loop 1b\n\t"
		"mov %[args], %%rdi\n\t"
		"mov 8+%[args], %%rsi\n\t"
		"mov $62, %%eax\n\t"			/* SYS_kill */
		"syscall\n\t"
		"lea %[out], %%rdx\n\t"
		"mov $16, %%ecx\n\t"
		"2: mov %%rcx, %%rax\n\t"
		"neg %%rax\n\t"
		"mov (%%rsp,%%rax,8), %%rax\n\t"
		"mov %%rax, -8(%%rdx,%%rcx,8)\n\t"
		"loop 2b\n\t"
		: [out] "=m"(red_zone_out)
		: [args] "m"(kill_args)
		: "rax", "rcx", "rdx", "rsi", "rdi", "r11", "memory", "cc");
	EXPECT_EQ(hits, 1);
	for (int i = 1; i <= 16; i++)
		EXPECT_EQ(red_zone_out[i - 1], 0x5a00 + i);
	return 1;
}

/* ---- the mask ---------------------------------------------------------------- */

static int blocked_until_unblocked(void)
{
	sigset_t usr1 = set_of(SIGUSR1), pending;
	EXPECT_EQ(catch(SIGUSR1, SA_SIGINFO, set_of(0)), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 0);
	EXPECT_EQ(sigpending_raw(&pending), 0);
	EXPECT_EQ(pending, usr1);
	EXPECT_EQ(raise(SIGUSR1), 0);		/* standard signals do not queue */
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &usr1, NULL), 0);
	EXPECT_EQ(hits, 1);			/* delivered before sigprocmask returned */
	EXPECT_EQ(last_sig, SIGUSR1);
	EXPECT_EQ(sigpending_raw(&pending), 0);
	EXPECT_EQ(pending, 0);
	return 1;
}

/* While a handler runs, its own signal and sa_mask are blocked; the
 * old mask is back after it returns. */
static int mask_during_handler(void)
{
	sigset_t before;
	EXPECT_EQ(catch(SIGUSR1, SA_SIGINFO, set_of(SIGUSR2)), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(hits, 1);
	EXPECT(handler_mask & (1UL << (SIGUSR1 - 1)));
	EXPECT(handler_mask & (1UL << (SIGUSR2 - 1)));
	EXPECT_EQ(sigprocmask(SIG_BLOCK, NULL, &before), 0);
	EXPECT_EQ(before, 0);
	return 1;
}

/* A signal raised inside a handler, blocked by its sa_mask, runs after it. */
static volatile int order[4], norder;

static void on_outer(int sig)
{
	order[norder++] = sig;
	raise(SIGUSR2);
	order[norder++] = -sig;			/* SIGUSR2 has not run yet */
}

static void on_inner(int sig)
{
	order[norder++] = sig;
}

static int sa_mask_defers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_outer;
	sa.sa_mask = set_of(SIGUSR2);
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	EXPECT(signal(SIGUSR2, on_inner) != SIG_ERR);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(norder, 3);
	EXPECT_EQ(order[0], SIGUSR1);
	EXPECT_EQ(order[1], -SIGUSR1);
	EXPECT_EQ(order[2], SIGUSR2);
	return 1;
}

static int sigkill_not_blockable(void)
{
	sigset_t all, now;
	sigfillset(&all);
	EXPECT_EQ(sigprocmask(SIG_SETMASK, &all, NULL), 0);
	EXPECT_EQ(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	EXPECT(!sigismember(&now, SIGKILL));
	EXPECT(!sigismember(&now, SIGSTOP));
	EXPECT(sigismember(&now, SIGUSR1));
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	return 1;
}

/* SA_NODEFER: the signal is not blocked in its own handler, which can be
 * entered again from inside itself. */
static volatile int depth, max_depth, raised;

static void on_nested(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (!raised++)				/* once: the first call raises it again */
		raise(sig);
	depth--;
}

static int sa_nodefer(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_nested;
	sa.sa_flags = SA_NODEFER;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(max_depth, 2);		/* nested */
	sa.sa_flags = 0;
	max_depth = raised = 0;
	EXPECT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(max_depth, 1);		/* the second one waited */
	EXPECT_EQ(raised, 2);			/* and ran after the first */
	return 1;
}

/* fork: the child has the parent's handlers and mask, but none of its
 * pending signals. */
static int fork_pending_not_inherited(void)
{
	sigset_t usr1 = set_of(SIGUSR1), pending;
	EXPECT_EQ(catch(SIGUSR1, 0, set_of(0)), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	tap_flush();
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t mask;
		if (sigpending_raw(&pending) || pending != 0)
			_exit(1);
		if (sigprocmask(SIG_UNBLOCK, &usr1, &mask) || mask != usr1)
			_exit(2);
		if (hits != 0)
			_exit(3);
		raise(SIGUSR1);			/* the handler is ours too */
		_exit(hits == 1 ? 0 : 4);
	}
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &usr1, NULL), 0);
	EXPECT_EQ(hits, 1);			/* the parent's own, still pending */
	return 1;
}

/* ---- SIG_IGN, SA_RESETHAND -------------------------------------------------- */

static int sig_ign_ignores(void)
{
	EXPECT(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	EXPECT(signal(SIGTERM, SIG_IGN) != SIG_ERR);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT_EQ(kill(getpid(), SIGTERM), 0);
	return 1;				/* still alive */
}

/* Setting SIG_IGN discards a pending signal: it is not delivered later. */
static int sig_ign_discards_pending(void)
{
	sigset_t usr1 = set_of(SIGUSR1), pending;
	EXPECT_EQ(catch(SIGUSR1, 0, set_of(0)), 0);
	EXPECT_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	EXPECT_EQ(raise(SIGUSR1), 0);
	EXPECT(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	EXPECT_EQ(sigpending_raw(&pending), 0);
	EXPECT_EQ(pending, 0);
	EXPECT_EQ(catch(SIGUSR1, 0, set_of(0)), 0);
	EXPECT_EQ(sigprocmask(SIG_UNBLOCK, &usr1, NULL), 0);
	EXPECT_EQ(hits, 0);
	return 1;
}

/* SA_RESETHAND: the first signal runs the handler, which is then SIG_DFL:
 * the second one kills. */
static int resethand_child(void)
{
	if (catch(SIGUSR1, SA_RESETHAND, set_of(0)))
		return 1;
	raise(SIGUSR1);
	if (hits != 1)
		return 2;
	struct sigaction old;
	if (sigaction(SIGUSR1, NULL, &old) || old.sa_handler != SIG_DFL)
		return 3;
	raise(SIGUSR1);
	return 4;				/* not reached */
}

static int sa_resethand(void)
{
	EXPECT_EQ(run_in_child(resethand_child), SIGUSR1);
	return 1;
}

/* sigaction reports the previous action. */
static int sigaction_old(void)
{
	struct sigaction old;
	EXPECT_EQ(catch(SIGUSR1, SA_SIGINFO, set_of(SIGUSR2)), 0);
	memset(&old, 0, sizeof(old));
	EXPECT_EQ(sigaction(SIGUSR1, NULL, &old), 0);
	EXPECT(old.sa_sigaction == on_info);
	EXPECT(old.sa_flags & SA_SIGINFO);
	EXPECT_EQ(old.sa_mask, set_of(SIGUSR2));
	return 1;
}

static const struct check checks[] = {
	CHECK("SA_SIGINFO: raise gives si_signo, SI_USER, si_pid, si_uid", siginfo_from_raise),
	CHECK("kill(getpid()) runs the handler before kill returns", kill_self_delivers),
	CHECK("kill from another process: si_pid is the sender", siginfo_from_other_process),
	CHECK("the ucontext holds the interrupted mask and registers", ucontext_has_mask),
	CHECK("rt_sigreturn gives back every register (and xmm8)", registers_survive_handler),
	CHECK("a computation around handler calls keeps its values", computation_survives),
	CHECK("a handler's change to the ucontext's rax is resumed", handler_changes_registers),
	CHECK("the handler starts with rsp + 8 16-byte aligned", handler_stack_aligned),
	CHECK("the 128-byte red zone below rsp survives a handler", red_zone_survives),
	CHECK("sigprocmask: blocked, pending, delivered on unblock", blocked_until_unblocked),
	CHECK("the handler runs with its signal and sa_mask blocked", mask_during_handler),
	CHECK("a signal in sa_mask raised by a handler runs after it", sa_mask_defers),
	CHECK("SIGKILL and SIGSTOP cannot be blocked or caught", sigkill_not_blockable),
	CHECK("SA_NODEFER: the handler can be entered again from itself", sa_nodefer),
	CHECK("fork: handlers and mask inherited, pending signals not", fork_pending_not_inherited),
	CHECK("SIG_IGN: raise and kill are ignored", sig_ign_ignores),
	CHECK("SIG_IGN discards a pending signal", sig_ign_discards_pending),
	CHECK("SA_RESETHAND: handled once, then the default kills", sa_resethand),
	CHECK("sigaction reports the installed action", sigaction_old),
	CHECK("a handler that sets TF: the next instruction traps, SIGTRAP/TRAP_TRACE",
	      sigreturn_trap_flag),
	CHECK("rt_sigreturn with fpstate in the kernel half or non-canonical: SIGSEGV",
	      sigreturn_fpstate_kernel),
	CHECK("rt_sigreturn with fpstate unmapped or misaligned: SIGSEGV",
	      sigreturn_fpstate_unmapped),
	CHECK("rt_sigreturn with fpstate NULL: the FPU and SSE state start afresh",
	      sigreturn_null_fpstate),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
