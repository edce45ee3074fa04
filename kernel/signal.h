/* kernel/signal.h — sending and delivering signals (Linux's semantics). */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/signal_types.h"

struct pt_regs;
struct task_struct;

/* A fault of the current task (SIGSEGV, SIGBUS, ...): delivered even when
 * blocked or ignored, as Linux's force_sig_fault. */
void force_sig_fault(int sig, int code, unsigned long addr);
void force_sig(int sig);
/* A CPU exception in user mode (not #PF) becomes its signal. */
void force_sig_fault_trap(struct pt_regs *regs, int vector);
/* kill(): queue sig for t (from sender pid). */
int send_signal(struct task_struct *t, int sig, int sender_pid);
/* The kernel's own signal with its siginfo (SIGCHLD's CLD_*), as queued. */
void send_signal_info(struct task_struct *t, int sig, const siginfo_t *info);
/* SIGCHLD with CLD_EXITED/CLD_KILLED for the parent of t, which ends
 * with the wait status status. */
void notify_parent(struct task_struct *t, int status);
/* On every return to user mode: reschedule if asked, deliver signals. */
void exit_to_user_mode(struct pt_regs *regs);
/* System calls. */
long rt_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact,
		      size_t sigsetsize);
long rt_sigprocmask(int how, const u64 *set, u64 *oset, size_t sigsetsize);
long rt_sigreturn(struct pt_regs *regs);
long rt_sigpending(u64 *uset, size_t sigsetsize);
/* fork copies the dispositions; exec resets handlers to SIG_DFL. */
void signals_exec_reset(struct task_struct *t);
/* Is a signal waiting that t has not blocked? */
bool signal_pending(struct task_struct *t);
/* A SIGKILL is on its way: long kernel loops (GUP) stop early, as Linux's. */
bool fatal_signal_pending(struct task_struct *t);
/* Linux's name of a signal ("SIGBUS"), or "?". */
const char *signal_name(int sig);
/* alarm(2); and, from the timer tick, SIGALRM to the tasks whose alarm is due. */
long sys_alarm(unsigned long seconds);
long sys_getitimer(unsigned long which, unsigned long ucur);
long sys_setitimer(unsigned long which, unsigned long unew, unsigned long uold);
void run_cpu_timers(bool user);		/* the tick: ITIMER_VIRTUAL, ITIMER_PROF */
long sys_sigaltstack(unsigned long uss, unsigned long uoss);
long sys_rt_sigsuspend(unsigned long umask, unsigned long sigsetsize);
long sys_pause(void);
long sys_rt_sigtimedwait(unsigned long uset, unsigned long uinfo, unsigned long uts,
			 unsigned long sigsetsize);
void run_alarms(void);

#endif
