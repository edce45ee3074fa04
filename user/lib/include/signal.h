/* signal.h — Linux's x86-64 signals: numbers, struct sigaction as the
 * rt_sigaction system call takes it, and siginfo_t as the kernel delivers it. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <sys/ucontext.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		SIGABRT
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define NSIG		65	/* signals are 1..64 */
#define _NSIG		NSIG

/* A set of signals 1..64: bit (sig - 1). The kernel's sigset, 8 bytes. */
typedef unsigned long sigset_t;

#define SIG_BLOCK	0	/* sigprocmask: add to the mask */
#define SIG_UNBLOCK	1	/* remove from the mask */
#define SIG_SETMASK	2	/* replace the mask */

typedef void (*sighandler_t)(int);
#define SIG_DFL		((sighandler_t)0)
#define SIG_IGN		((sighandler_t)1)
#define SIG_ERR		((sighandler_t)-1)

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004	/* three-argument handler: (sig, info, ucontext) */
#define SA_RESTORER	0x04000000	/* sa_restorer is set (x86-64 requires it) */
#define SA_ONSTACK	0x08000000	/* run on the sigaltstack */
#define SA_RESTART	0x10000000	/* restart interrupted system calls */
#define SA_NODEFER	0x40000000	/* do not block the signal in its handler */
#define SA_RESETHAND	0x80000000	/* back to SIG_DFL once delivered */

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* siginfo_t: 128 bytes; si_signo, si_errno, si_code, then a union at offset 16. */
typedef struct {
	int si_signo;			/*  0 */
	int si_errno;			/*  4 */
	int si_code;			/*  8: SI_USER, SEGV_MAPERR, ... */
	int __pad0;			/* 12 */
	union {				/* 16 */
		char __pad[128 - 16];
		struct {		/* kill(), sigqueue() */
			pid_t pid;
			uid_t uid;
			union sigval value;
		} __kill;
		struct {		/* SIGCHLD */
			pid_t pid;
			uid_t uid;
			int status;
			long utime, stime;
		} __chld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			void *addr;	/* 16: the faulting address */
			short addr_lsb;	/* 24 */
		} __fault;
	} __si;
} siginfo_t;
#define si_pid		__si.__kill.pid
#define si_uid		__si.__kill.uid
#define si_value	__si.__kill.value
#define si_status	__si.__chld.status
#define si_addr		__si.__fault.addr
#define si_addr_lsb	__si.__fault.addr_lsb

/* si_code values */
#define SI_USER		0	/* kill() */
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1	/* no mapping at the address */
#define SEGV_ACCERR	2	/* mapped, but the access is not allowed */
#define SEGV_BNDERR	3
#define SEGV_PKUERR	4
#define BUS_ADRALN	1
#define BUS_ADRERR	2	/* e.g. a file mapping past end of file */
#define BUS_OBJERR	3
#define BUS_MCEERR_AR	4
#define BUS_MCEERR_AO	5
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4
#define ILL_PRVOPC	5
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/* The layout rt_sigaction reads and writes on x86-64 (not glibc's larger one). */
struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	unsigned long sa_flags;
	void (*sa_restorer)(void);	/* set by sigaction(): calls rt_sigreturn */
	sigset_t sa_mask;		/* blocked while the handler runs */
};

#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192
#define SS_ONSTACK	1
#define SS_DISABLE	2

int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigaltstack(const stack_t *ss, stack_t *old);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int kill(pid_t pid, int sig);
int raise(int sig);
char *strsignal(int sig);

#endif
