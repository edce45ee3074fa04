/* signal.c — sigaction, masks, kill. */
#include <errno.h>
#include <signal.h>
#include <setjmp.h>
#include <stdlib.h>
#include <unistd.h>
#include "libc.h"

void __restore_rt(void);	/* sigrestore.S */

/* struct sigaction is already the kernel's layout; we only add the
 * trampoline the handler returns through. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct sigaction k;

	if (act) {
		k = *act;
		k.sa_flags |= SA_RESTORER;
		k.sa_restorer = __restore_rt;
		act = &k;
	}
	return RET(syscall4(SYS_rt_sigaction, sig, L(act), L(old), sizeof(sigset_t)));
}

/* BSD semantics, as glibc's signal(): the handler stays, calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old;

	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return RET(syscall4(SYS_rt_sigprocmask, how, L(set), L(old), sizeof(sigset_t)));
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
	return RET(syscall2(SYS_sigaltstack, L(ss), L(old)));
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

static int sig_valid(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!sig_valid(sig))
		return -1;
	*set |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!sig_valid(sig))
		return -1;
	*set &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!sig_valid(sig))
		return -1;
	return (*set >> (sig - 1)) & 1;
}

int kill(pid_t pid, int sig)
{
	return RET(syscall2(SYS_kill, pid, sig));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

/* SIGABRT with the default action, even if it was caught or blocked. */
void abort(void)
{
	sigset_t set = 1UL << (SIGABRT - 1);

	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}

void siglongjmp(sigjmp_buf env, int val)
{
	if (env[8])
		sigprocmask(SIG_SETMASK, &env[9], NULL);
	longjmp(env, val);
}
