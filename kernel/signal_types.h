/* kernel/signal_types.h — signal numbers and the per-task signal state,
 * with Linux's x86-64 layouts where user space sees them. */
#ifndef KERNEL_SIGNAL_TYPES_H
#define KERNEL_SIGNAL_TYPES_H

#include "kernel/types.h"

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define _NSIG		64

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002	/* children are not zombies */
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
/* sigaltstack's ss_flags */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	2048
#define SA_RESTORER	0x04000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_RESTART	0x10000000

#define SIG_DFL		((void *)0)
#define SIG_IGN		((void *)1)

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SEGV_MAPERR	1	/* address not mapped */
#define SEGV_ACCERR	2	/* access not allowed */
#define BUS_ADRERR	2	/* no such physical address (past a file's end) */
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define TRAP_BRKPT	1	/* int3 */
#define TRAP_TRACE	2	/* a single step (TF) */
#define TRAP_HWBKPT	4	/* a hardware breakpoint */
#define CLD_EXITED	1	/* SIGCHLD: the child called exit */
#define CLD_KILLED	2	/* SIGCHLD: a signal ended the child */
#define CLD_STOPPED	5	/* SIGCHLD: a signal stopped the child */
#define CLD_CONTINUED	6	/* SIGCHLD: SIGCONT continued the stopped child */

#define sigmask(sig)	(1UL << ((sig) - 1))

/* struct sigaction as the rt_sigaction system call takes it (x86-64). */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	u64 mask;
};

/* siginfo_t as user space sees it: 128 bytes; the fields we fill. */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int _pad0;
	union {
		struct { int pid; unsigned int uid; } kill;	/* SI_USER */
		struct { void *addr; } fault;			/* SIGSEGV, SIGBUS */
		struct { int pid; unsigned int uid; int status; int _p; long utime, stime; } chld;
		char _pad[128 - 16];
	};
} siginfo_t;

struct signal_state {
	u64 pending;				/* bit sig-1 */
	u64 blocked;
	struct k_sigaction action[_NSIG + 1];	/* by signal number */
	siginfo_t info[_NSIG + 1];		/* what a pending signal carries */
};

#endif
