/* kernel/signal.c — signals: queueing, default actions, and the frame a
 * handler runs on (Linux's x86-64 rt_sigframe), undone by rt_sigreturn.
 *
 * The user stack when a handler starts:
 *
 *	higher	... the interrupted program's stack, then a 128-byte red zone
 *		fxsave area (512 bytes, 64-aligned): the x87/SSE registers
 *		struct rt_sigframe { pretcode; ucontext (registers, mask); siginfo }
 *	rsp ->	pretcode = sa_restorer, which calls rt_sigreturn
 *
 * The handler is called as handler(sig, &frame->info, &frame->uc). */
#include "kernel/signal.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/traps.h"
#include "kernel/uaccess.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/gdt.h"
#include "kernel/printk.h"
#include "kernel/x86.h"
#include "kernel/irq.h"


struct sigcontext {			/* Linux's struct sigcontext_64 */
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;			/* user address of the fxsave area */
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	u64 uc_link;
	struct { u64 ss_sp; int ss_flags; int _pad; u64 ss_size; } uc_stack;
	struct sigcontext uc_mcontext;
	u64 uc_sigmask;
};

struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	siginfo_t info;
};

/* Signals whose default action is to be ignored. */
#define SIG_DFL_IGNORE	(sigmask(SIGCHLD) | sigmask(SIGCONT) | sigmask(28) /* SIGWINCH */ | \
			 sigmask(23) /* SIGURG */)
#define SIG_UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))
/* The flags a program may set itself (Linux's FIX_EFLAGS): CF PF AF ZF SF
 * TF DF OF, RF and AC.  TF was left out: a handler that set it in its
 * context returned without the single-step trap Linux gives. */
#define USER_RFLAGS	0x50dd5UL

/* A signal t ignores (SIG_IGN, or a default action of "ignore") is dropped
 * when sent, as Linux's sig_ignored — unless blocked: a handler may be set
 * before it is unblocked. */
static bool sig_ignored(struct task_struct *t, int sig)
{
	void *h = t->sig.action[sig].handler;
	if (t->sig.blocked & sigmask(sig))
		return false;
	return h == SIG_IGN || (h == SIG_DFL && (sigmask(sig) & SIG_DFL_IGNORE));
}

/* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: their default action stops. */
#define SIG_STOP_MASK	(sigmask(SIGSTOP) | sigmask(20) | sigmask(21) | sigmask(22))

static void queue_signal(struct task_struct *t, int sig, const siginfo_t *info)
{
	/* As Linux's prepare_signal, whatever the disposition: SIGCONT
	 * cancels pending stops and resumes a stopped task, a stop cancels a
	 * pending SIGCONT, SIGKILL wakes a stopped task to die. */
	if (sig == SIGCONT || sig == SIGKILL) {
		if (sig == SIGCONT)
			t->sig.pending &= ~SIG_STOP_MASK;
		if (t->state == TASK_STOPPED) {
			wake_up_process(t);
			if (sig == SIGCONT)
				notify_parent_cldstop(t, false, SIGCONT);
		}
	} else if (sigmask(sig) & SIG_STOP_MASK) {
		t->sig.pending &= ~sigmask(SIGCONT);
	}
	if (sig_ignored(t, sig) && !(sigmask(sig) & SIG_UNBLOCKABLE))
		return;
	t->sig.pending |= sigmask(sig);
	t->sig.info[sig] = *info;
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);		/* wait4 and friends return -EINTR */
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	siginfo_t info = { .si_signo = sig, .si_code = code };
	info.fault.addr = (void *)addr;
	/* blocked or ignored, a fault would only repeat: back to the default */
	struct k_sigaction *ka = &current->sig.action[sig];
	if ((current->sig.blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		current->sig.blocked &= ~sigmask(sig);
	}
	queue_signal(current, sig, &info);
}

void force_sig(int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };
	queue_signal(current, sig, &info);
}

/* Why a #DB in user mode came, as si_code (Linux's get_si_code); DR6 is
 * cleared for the next one, as Linux's exc_debug_user does. */
static int debug_si_code(void)
{
	u64 dr6 = read_dr6();
	write_dr6(0);
	return dr6 & DR6_BS ? TRAP_TRACE : dr6 & DR6_TRAPS ? TRAP_HWBKPT : TRAP_BRKPT;
}

void force_sig_fault_trap(struct pt_regs *regs, int vector)
{
	switch (vector) {
	case X86_TRAP_DE: force_sig_fault(SIGFPE, FPE_INTDIV, regs->rip); break;
	case X86_TRAP_UD: force_sig_fault(SIGILL, ILL_ILLOPN, regs->rip); break;
	case X86_TRAP_BP: force_sig_fault(SIGTRAP, TRAP_BRKPT, regs->rip); break;
	case X86_TRAP_DB: force_sig_fault(SIGTRAP, debug_si_code(), regs->rip); break;
	case X86_TRAP_MF:
	case X86_TRAP_XF: force_sig_fault(SIGFPE, 0, regs->rip); break;
	default:			/* #GP and the rest: as Linux, SIGSEGV from the kernel */
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		break;
	}
}

void send_signal_info(struct task_struct *t, int sig, const siginfo_t *info)
{
	if (t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
		queue_signal(t, sig, info);
}

int send_signal(struct task_struct *t, int sig, int sender_pid)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	/* init gets only the signals it has a handler for, as Linux's
	 * SIGNAL_UNKILLABLE: its death would power the machine off */
	if (t->pid == 1 && sig && sender_pid && t->sig.action[sig].handler == SIG_DFL)
		return 0;
	if (sig == 0 || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
		return 0;			/* "does it exist?" */
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };
	info.kill.pid = sender_pid;
	queue_signal(t, sig, &info);
	return 0;
}

/* SIGCHLD for t's parent, as Linux's do_notify_parent: CLD_EXITED and the
 * exit code, or CLD_KILLED and the signal (status: t's wait status).
 * Sending it as a kill() from t gave the handler SI_USER and no status. */
void notify_parent(struct task_struct *t, int status)
{
	siginfo_t info = { .si_signo = SIGCHLD };
	info.chld.pid = t->pid;
	if (status & 0x7f) {
		info.si_code = CLD_KILLED;
		info.chld.status = status & 0x7f;
	} else {
		info.si_code = CLD_EXITED;
		info.chld.status = (status >> 8) & 0xff;
	}
	info.chld.utime = (long)t->utime;	/* clock ticks: HZ is USER_HZ, 100 */
	info.chld.stime = (long)t->stime;
	queue_signal(t->parent, SIGCHLD, &info);
}

/* Is sp on the alternate signal stack (sigaltstack)? */
static bool on_sig_stack(unsigned long sp)
{
	return current->sas_ss_size && sp > current->sas_ss_sp &&
	       sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* The stack a handler runs on: the alternate one for an SA_ONSTACK handler,
 * unless we already run on it; otherwise below the red zone of ours. */
static unsigned long sigframe_sp(struct k_sigaction *ka, struct pt_regs *regs)
{
	if ((ka->flags & SA_ONSTACK) && current->sas_ss_size && !on_sig_stack(regs->rsp))
		return current->sas_ss_sp + current->sas_ss_size;
	return regs->rsp - 128;
}

/* Build the frame described at the top and point regs at the handler. */
static bool setup_rt_frame(int sig, struct k_sigaction *ka, struct pt_regs *regs)
{
	static u8 fpu[512] __aligned(16);
	unsigned long sp = sigframe_sp(ka, regs);
	unsigned long fpstate = ALIGN_DOWN(sp - sizeof(fpu), 64);
	struct rt_sigframe *uframe = (void *)(ALIGN_DOWN(fpstate - sizeof(struct rt_sigframe), 16) - 8);
	struct rt_sigframe f = { 0 };

	asm volatile("fxsave64 %0" : "=m"(fpu));
	f.pretcode = (u64)ka->restorer;
	f.info = current->sig.info[sig];
	/* after rt_sigsuspend, the mask from before it: sigreturn restores it */
	f.uc.uc_sigmask = current->restore_sigmask ? current->saved_sigmask : current->sig.blocked;
	f.uc.uc_stack.ss_sp = current->sas_ss_sp;
	f.uc.uc_stack.ss_size = current->sas_ss_size;
	f.uc.uc_stack.ss_flags = !current->sas_ss_size ? SS_DISABLE :
				 on_sig_stack(sp) ? SS_ONSTACK | current->sas_ss_flags :
				 current->sas_ss_flags;
	struct sigcontext *sc = &f.uc.uc_mcontext;
	*sc = (struct sigcontext){
		regs->r8, regs->r9, regs->r10, regs->r11, regs->r12, regs->r13, regs->r14, regs->r15,
		regs->rdi, regs->rsi, regs->rbp, regs->rbx, regs->rdx, regs->rax, regs->rcx,
		regs->rsp, regs->rip, regs->rflags, (u16)regs->cs, 0, 0, (u16)regs->ss,
		regs->error_code, regs->vector, current->sig.blocked, 0, fpstate, { 0 },
	};
	if (sig == SIGSEGV || sig == SIGBUS)
		sc->cr2 = (u64)f.info.fault.addr;
	if (copy_to_user((void *)fpstate, fpu, sizeof(fpu)) ||
	    copy_to_user(uframe, &f, sizeof(f)))
		return false;
	current->restore_sigmask = false;
	if ((current->sas_ss_flags & SS_AUTODISARM) && on_sig_stack(sp))
		current->sas_ss_sp = current->sas_ss_size = 0;	/* sigreturn re-arms it */

	regs->rdi = sig;
	regs->rsi = (u64)&uframe->info;
	regs->rdx = (u64)&uframe->uc;
	regs->rax = 0;
	regs->rsp = (u64)uframe;
	regs->rip = (u64)ka->handler;
	regs->rflags &= ~(BIT(8) | BIT(10));	/* TF and DF off in the handler */
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	current->sig.blocked |= ka->mask & ~SIG_UNBLOCKABLE;
	if (!(ka->flags & SA_NODEFER))
		current->sig.blocked |= sigmask(sig);
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return true;
}

/* The FPU/SSE state a signal frame points to (Linux's fpu__restore_sig):
 * NULL starts afresh; an address fxrstor could not read from user mode
 * (the kernel half, unmapped, not 16-byte aligned) is -EFAULT: the caller
 * then kills, where a bogus pointer once restored nothing and went on. */
static int restore_fpstate(u64 fpstate)
{
	static u8 fpu[512] __aligned(16);

	if (!fpstate) {
		fpu_init_state(current);
		asm volatile("fxrstor64 %0" : : "m"(current->thread.fpu));
		return 0;
	}
	if (fpstate % 16 || !access_ok((void *)fpstate, sizeof(fpu)) ||
	    copy_from_user(fpu, (void *)fpstate, sizeof(fpu)))
		return -EFAULT;
	*(u32 *)(fpu + 24) &= 0xffff;		/* MXCSR: no reserved bits (#GP) */
	asm volatile("fxrstor64 %0" : : "m"(fpu));
	return 0;
}

long rt_sigreturn(struct pt_regs *regs)
{
	struct rt_sigframe f;
	unsigned long frame = regs->rsp - 8;	/* the handler's ret popped pretcode */

	if (copy_from_user(&f, (void *)frame, sizeof(f))) {
		force_sig(SIGSEGV);
		return 0;
	}
	struct sigcontext *sc = &f.uc.uc_mcontext;
	if (sc->rip >= TASK_SIZE) {		/* iretq there would fault in ring 0 */
		force_sig(SIGSEGV);
		return 0;
	}
	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->rdi = sc->rdi; regs->rsi = sc->rsi; regs->rbp = sc->rbp; regs->rbx = sc->rbx;
	regs->rdx = sc->rdx; regs->rax = sc->rax; regs->rcx = sc->rcx; regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~USER_RFLAGS) | (sc->eflags & USER_RFLAGS);
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->error_code = (u64)-1;		/* orig_rax: no call to restart (as Linux) */
	current->sig.blocked = f.uc.uc_sigmask & ~SIG_UNBLOCKABLE;
	if (f.uc.uc_stack.ss_flags & SS_AUTODISARM) {	/* Linux's restore_altstack */
		current->sas_ss_sp = f.uc.uc_stack.ss_sp;
		current->sas_ss_size = f.uc.uc_stack.ss_size;
	}
	if (restore_fpstate(sc->fpstate))
		force_sig(SIGSEGV);		/* Linux's badframe: the registers are back already */
	return (long)regs->rax;
}

/* The default action: ignore, stop until SIGCONT or SIGKILL (which wake
 * us: queue_signal), or end the process with the signal.  A stop and the
 * continue after it are the parent's to hear of (SIGCHLD, wait4's
 * WUNTRACED and WCONTINUED). */
static void default_action(int sig)
{
	if (sigmask(sig) & SIG_DFL_IGNORE)
		return;
	if (sigmask(sig) & SIG_STOP_MASK) {
		current->state = TASK_STOPPED;
		notify_parent_cldstop(current, true, sig);
		schedule();			/* the caller then looks at what is pending */
		return;
	}
	do_exit(sig);				/* wait status: the signal number */
}

/* A system call interrupted by a signal returns -ERESTARTSYS (do_wait4).
 * On the way out it starts again (rip back over the 2-byte syscall, rax
 * its number, kept by kernel/entry.asm in error_code) when no handler
 * runs or the handler has SA_RESTART; otherwise it fails with -EINTR.
 * Before this, wait4 returned -EINTR even to an SA_RESTART handler. */
static void syscall_restart(struct pt_regs *regs, bool restart)
{
	if (regs->vector != (u64)-1 || regs->error_code == (u64)-1 ||
	    regs->rax != (u64)-ERESTARTSYS)
		return;
	if (restart) {
		regs->rax = regs->error_code;
		regs->rip -= 2;
	} else {
		regs->rax = (u64)-EINTR;
	}
}

static void deliver_one(struct pt_regs *regs)
{
	u64 ready = current->sig.pending & ~(current->sig.blocked & ~SIG_UNBLOCKABLE);
	int sig = __builtin_ctzll(ready) + 1;
	struct k_sigaction *ka = &current->sig.action[sig];

	current->sig.pending &= ~sigmask(sig);
	if (ka->handler == SIG_IGN && !(sigmask(sig) & SIG_UNBLOCKABLE))
		return;
	if (ka->handler == SIG_DFL || (sigmask(sig) & SIG_UNBLOCKABLE)) {
		default_action(sig);
		return;
	}
	syscall_restart(regs, ka->flags & SA_RESTART);	/* before regs are saved */
	if (!setup_rt_frame(sig, ka, regs))
		do_exit(SIGSEGV);		/* the stack is unusable: as Linux, kill */
}

static const char *const signal_names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",
	[SIGUSR2] = "SIGUSR2", [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
	[SIGTERM] = "SIGTERM", [16] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [20] = "SIGTSTP", [21] = "SIGTTIN", [22] = "SIGTTOU",
	[23] = "SIGURG", [24] = "SIGXCPU", [25] = "SIGXFSZ", [26] = "SIGVTALRM",
	[27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO", [30] = "SIGPWR", [31] = "SIGSYS",
};

const char *signal_name(int sig)
{
	if (sig > 0 && (size_t)sig < ARRAY_SIZE(signal_names) && signal_names[sig])
		return signal_names[sig];
	return "?";
}

/* The earliest alarm of any task (~0: none): the tick looks no further. */
static u64 alarm_next = ~0ULL;

/* alarm(2): SIGALRM to us in `seconds` (0: cancel); returns the seconds the
 * alarm before had left (rounded up, at least 1), or 0.  As Linux's, an
 * alarm survives execve and is not inherited by fork (the child's task is
 * zeroed). */
long sys_alarm(unsigned long seconds)
{
	u64 now = jiffies, at = current->alarm_at;
	long left = at ? (long)MAX((at > now ? at - now : 0) + HZ - 1, (u64)HZ) / HZ : 0;
	current->alarm_at = seconds ? now + MIN(seconds, 1UL << 32) * HZ : 0;
	current->itimer_interval[0] = 0;	/* the alarm is ITIMER_REAL, without interval */
	if (current->alarm_at && current->alarm_at < alarm_next)
		alarm_next = current->alarm_at;
	return left;
}

/* From the timer tick, which interrupts only user mode and the idle or
 * console waits (kernel/irq.c), never a change of a task's signals.  init
 * gets SIGALRM only with a handler, as every signal (send_signal). */
void run_alarms(void)
{
	if (jiffies < alarm_next)
		return;
	u64 next = ~0ULL;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->alarm_at || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		if (t->alarm_at > jiffies) {
			next = MIN(next, t->alarm_at);
			continue;
		}
		t->alarm_at = t->itimer_interval[0] ? jiffies + t->itimer_interval[0] : 0;
		if (t->alarm_at)
			next = MIN(next, t->alarm_at);	/* setitimer's interval: again */
		if (t->pid == 1 && t->sig.action[SIGALRM].handler == SIG_DFL)
			continue;
		siginfo_t info = { .si_signo = SIGALRM, .si_code = SI_KERNEL };
		queue_signal(t, SIGALRM, &info);
	}
	alarm_next = next;
}

bool signal_pending(struct task_struct *t)
{
	return t->sig.pending & ~(t->sig.blocked & ~SIG_UNBLOCKABLE);
}

bool fatal_signal_pending(struct task_struct *t)
{
	return t->sig.pending & sigmask(SIGKILL);
}

void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched)
			schedule();
		u64 ready = current->sig.pending & ~(current->sig.blocked & ~SIG_UNBLOCKABLE);
		if (!ready) {
			syscall_restart(regs, true);	/* no handler ran */
			if (current->restore_sigmask) {	/* rt_sigsuspend woke for no handler */
				current->sig.blocked = current->saved_sigmask;
				current->restore_sigmask = false;
			}
			return;
		}
		deliver_one(regs);
	}
}

long rt_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact,
		      size_t sigsetsize)
{
	struct k_sigaction k;
	if (sigsetsize != sizeof(u64) || sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (act && copy_from_user(&k, act, sizeof(k)))
		return -EFAULT;
	if (oact && copy_to_user(oact, &current->sig.action[sig], sizeof(k)))
		return -EFAULT;
	if (act) {
		k.mask &= ~SIG_UNBLOCKABLE;
		current->sig.action[sig] = k;
		if (k.handler == SIG_IGN)	/* ignoring drops what is pending */
			current->sig.pending &= ~sigmask(sig);
	}
	return 0;
}

long rt_sigprocmask(int how, const u64 *set, u64 *oset, size_t sigsetsize)
{
	u64 s, old = current->sig.blocked;
	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (set) {
		if (copy_from_user(&s, set, sizeof(s)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK: current->sig.blocked |= s; break;
		case SIG_UNBLOCK: current->sig.blocked &= ~s; break;
		case SIG_SETMASK: current->sig.blocked = s; break;
		default: return -EINVAL;
		}
		current->sig.blocked &= ~SIG_UNBLOCKABLE;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* sigpending(): the signals waiting because they are blocked (Linux
 * reports pending & blocked; a sigsetsize up to 8 bytes is accepted). */
long rt_sigpending(u64 *uset, size_t sigsetsize)
{
	u64 set = current->sig.pending & current->sig.blocked;
	if (sigsetsize > sizeof(set))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

void signals_exec_reset(struct task_struct *t)
{
	for (int sig = 1; sig <= _NSIG; sig++)
		if (t->sig.action[sig].handler != SIG_IGN)
			t->sig.action[sig] = (struct k_sigaction){ 0 };
}

/* sigaltstack(ss, old_ss): the stack SA_ONSTACK handlers run on.  As
 * Linux: old_ss says SS_ONSTACK while we run on it (and then ss may not
 * change it: -EPERM), SS_DISABLE when there is none; a size below
 * MINSIGSTKSZ is -ENOMEM; flags other than SS_DISABLE, SS_ONSTACK (an old
 * spelling of 0) and SS_AUTODISARM are -EINVAL. */
struct user_stack {
	u64 ss_sp;
	int ss_flags;
	int pad;
	u64 ss_size;
};

long sys_sigaltstack(unsigned long uss, unsigned long uoss)
{
	struct user_stack old = { current->sas_ss_sp, 0, 0, current->sas_ss_size }, ss;
	unsigned long sp = task_pt_regs(current)->rsp;
	old.ss_flags = !current->sas_ss_size ? SS_DISABLE :
		       (on_sig_stack(sp) ? SS_ONSTACK : 0) | (int)current->sas_ss_flags;
	if (uss) {
		if (copy_from_user(&ss, (void *)uss, sizeof(ss)))
			return -EFAULT;
		if (on_sig_stack(sp))
			return -EPERM;
		unsigned int mode = (unsigned int)ss.ss_flags & ~SS_AUTODISARM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			ss.ss_sp = ss.ss_size = 0;
		} else if (ss.ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		current->sas_ss_sp = ss.ss_sp;
		current->sas_ss_size = ss.ss_size;
		current->sas_ss_flags = (unsigned int)ss.ss_flags & SS_AUTODISARM;
	}
	if (uoss && copy_to_user((void *)uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigsuspend(mask): wait with mask as the blocked set until a signal
 * comes that runs a handler or ends us.  The handler's frame keeps the
 * mask from before (sigreturn puts it back); -EINTR, as Linux's
 * -ERESTARTNOHAND after a handler. */
long sys_rt_sigsuspend(unsigned long umask, unsigned long sigsetsize)
{
	u64 mask;
	if (sigsetsize != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, (void *)umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->sig.blocked;
	current->restore_sigmask = true;
	current->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
		current->state = TASK_RUNNING;
	}
	return -EINTR;
}

/* ---- interval timers: ITIMER_REAL (SIGALRM, the alarm's timer), ---------
 * ITIMER_VIRTUAL (SIGVTALRM, user time), ITIMER_PROF (SIGPROF, user and
 * system time), all counted in ticks of 1/HZ s. */
#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct user_timeval {
	long tv_sec, tv_usec;
};
struct user_itimerval {
	struct user_timeval it_interval, it_value;
};

static u64 timeval_to_ticks(const struct user_timeval *tv)
{
	u64 us = (u64)tv->tv_sec * 1000000 + (u64)tv->tv_usec;
	return (us + 1000000 / HZ - 1) / (1000000 / HZ);	/* rounded up: never early */
}

static struct user_timeval ticks_to_timeval(u64 ticks)
{
	return (struct user_timeval){ (long)(ticks / HZ), (long)(ticks % HZ * (1000000 / HZ)) };
}

static void arm_real_timer(u64 at)
{
	current->alarm_at = at;
	if (at && at < alarm_next)
		alarm_next = at;
}

static struct user_itimerval itimer_get(int which)
{
	u64 left;
	if (which == ITIMER_REAL)
		left = current->alarm_at ? (current->alarm_at > jiffies ? current->alarm_at - jiffies : 1) : 0;
	else
		left = current->itimer_value[which];
	return (struct user_itimerval){ ticks_to_timeval(current->itimer_interval[which]),
					ticks_to_timeval(left) };
}

long sys_getitimer(unsigned long which, unsigned long ucur)
{
	if (which > ITIMER_PROF)
		return -EINVAL;
	struct user_itimerval cur = itimer_get((int)which);
	return copy_to_user((void *)ucur, &cur, sizeof(cur)) ? -EFAULT : 0;
}

long sys_setitimer(unsigned long which, unsigned long unew, unsigned long uold)
{
	struct user_itimerval new = { 0 }, old;
	if (which > ITIMER_PROF)
		return -EINVAL;
	if (unew && copy_from_user(&new, (void *)unew, sizeof(new)))
		return -EFAULT;			/* (NULL: disarm, as Linux 6.1) */
	if ((unsigned long)new.it_value.tv_usec >= 1000000 ||
	    (unsigned long)new.it_interval.tv_usec >= 1000000 ||
	    new.it_value.tv_sec < 0 || new.it_interval.tv_sec < 0)
		return -EINVAL;
	old = itimer_get((int)which);
	u64 value = timeval_to_ticks(&new.it_value), interval = timeval_to_ticks(&new.it_interval);
	current->itimer_interval[which] = value ? interval : 0;
	if (which == ITIMER_REAL)
		arm_real_timer(value ? jiffies + value : 0);
	else
		current->itimer_value[which] = value;
	if (uold && copy_to_user((void *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* From the tick: the CPU-time timers of the task that was running. */
void run_cpu_timers(bool user)
{
	static const int sigs[3] = { 0, 26 /* SIGVTALRM */, 27 /* SIGPROF */ };
	for (int which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
		if (!current->itimer_value[which] || (which == ITIMER_VIRTUAL && !user))
			continue;
		if (--current->itimer_value[which])
			continue;
		current->itimer_value[which] = current->itimer_interval[which];
		siginfo_t info = { .si_signo = sigs[which], .si_code = SI_KERNEL };
		queue_signal(current, sigs[which], &info);
	}
}

/* rt_sigtimedwait(set, info, timeout): take a pending signal of set (the
 * lowest), without running its handler; wait for one if none is pending
 * (set's signals are normally blocked, so they stay pending until taken
 * here), until the timeout (-EAGAIN) or another signal that would run a
 * handler or end us (-EINTR).  As Linux's do_sigtimedwait; SIGKILL and
 * SIGSTOP are never taken. */
long sys_rt_sigtimedwait(unsigned long uset, unsigned long uinfo, unsigned long uts,
			 unsigned long sigsetsize)
{
	u64 set;
	struct { long tv_sec, tv_nsec; } ts;
	u64 until = ~0ULL;
	if (sigsetsize != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, (void *)uset, sizeof(set)))
		return -EFAULT;
	set &= ~SIG_UNBLOCKABLE;
	if (uts) {
		if (copy_from_user(&ts, (void *)uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
		u64 ns = (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
		until = ns ? jiffies + (ns + 1000000000ULL / HZ - 1) / (1000000000ULL / HZ) + 1 : jiffies;
	}
	for (;;) {
		u64 ready = current->sig.pending & set;
		if (ready) {
			int sig = __builtin_ctzll(ready) + 1;
			current->sig.pending &= ~sigmask(sig);
			if (uinfo && copy_to_user((void *)uinfo, &current->sig.info[sig],
						  sizeof(siginfo_t)))
				return -EFAULT;
			return sig;
		}
		if (signal_pending(current))
			return -EINTR;
		if (jiffies >= until)
			return -EAGAIN;
		schedule_timeout_until(until);
	}
}

/* pause: sleep until a signal runs a handler or ends us; -EINTR (Linux's
 * -ERESTARTNOHAND after a handler).  It was -ENOSYS: a child that paused
 * went on at once. */
long sys_pause(void)
{
	while (!signal_pending(current)) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
		current->state = TASK_RUNNING;
	}
	return -EINTR;
}
