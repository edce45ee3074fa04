/* kernel/proc.h — processes: struct task_struct, fork, exit, wait.
 *
 * A process is one thread with its own address space (mm), kernel stack,
 * fd table, current directory and signal state.  Task 0 is the kernel's
 * own context (kmain on the boot stack): it becomes the idle loop once it
 * has started the first program. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/fs/fs.h"
#include "kernel/signal_types.h"

#define KSTACK_PAGES	4		/* 16 KiB of kernel stack each */
#define TASK_COMM_LEN	16

/* Resource limits (Linux's numbers and struct rlimit64). */
#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIM_NLIMITS		16
#define RLIM_INFINITY		(~0UL)
struct rlimit {
	unsigned long rlim_cur, rlim_max;
};
void rlimit_init(struct rlimit *rlim);	/* the first program's: Linux's INIT_RLIMITS */

enum task_state {
	TASK_RUNNING,			/* running or ready to run */
	TASK_INTERRUPTIBLE,		/* waiting (wait4, vfork) */
	TASK_ZOMBIE,			/* exited; its parent has not waited yet */
	TASK_STOPPED,			/* by SIGSTOP & co., until SIGCONT or SIGKILL */
	TASK_DEAD,			/* exited, nobody will wait: freed by the next task to run */
	TASK_UNINTERRUPTIBLE,		/* waiting for a disk (wait_event): signals wait too */
};

struct mm_struct;
struct pt_regs;
struct page;

/* What switch_to saves: the kernel stack pointer (callee-saved registers
 * are on that stack), the user's FS base and the x87/SSE state. */
struct thread_struct {
	unsigned long rsp;
	unsigned long fs_base;
	unsigned long gs_base;		/* the user's (MSR_KERNEL_GS_BASE while in the kernel) */
	u8 fpu[512] __aligned(16);	/* fxsave area */
};

struct task_struct {
	struct thread_struct thread;	/* first: its 16-byte alignment */
	int pid;
	int pgid, sid;			/* its process group and session (job control) */
	char comm[TASK_COMM_LEN];
	enum task_state state;
	int exit_code;			/* wait status, as wait4 returns it */
	struct task_struct *parent;
	struct list_head children;	/* our children, alive or zombie */
	struct list_head sibling;	/* in parent->children */
	struct list_head tasks;		/* all tasks */
	struct mm_struct *mm;		/* NULL for the kernel's task */
	int kstack_slot;		/* which kernel-stack slot (sched.c) */
	unsigned long kstack_top;
	struct page *kstack[KSTACK_PAGES];	/* its frames, bottom first */
	struct files_struct *files;
	struct fs_struct fs;
	struct signal_state sig;
	struct task_struct *vfork_parent;	/* waiting until we exec or exit */
	bool *vfork_done;			/* set then: on the parent's stack */
	/* accounting, as getrusage reports it */
	unsigned long min_flt, maj_flt;	/* faults without and with I/O */
	unsigned long utime, stime;	/* ticks in user and kernel mode */
	unsigned long nvcsw, nivcsw;	/* voluntary / forced context switches */
	unsigned long nr_syscalls;	/* system calls made (the fault-storm check) */
	u64 alarm_at;			/* alarm(2): SIGALRM at this jiffy (0: none) */
	int *set_child_tid;	/* CLONE_CHILD_SETTID: our pid goes there first */
	int *clear_child_tid;	/* CLONE_CHILD_CLEARTID, set_tid_address: 0 at exit */
	struct rlimit rlim[RLIM_NLIMITS];	/* getrlimit/setrlimit: inherited, kept by exec */
	int nice;
	int pdeath_signal;
	unsigned long robust_list;	/* set_robust_list's head (no threads: never walked) */		/* prctl(PR_SET_PDEATHSIG): sent when our parent exits */			/* -20..19: getpriority/setpriority (no effect on scheduling) */
	unsigned long sas_ss_sp, sas_ss_size;	/* sigaltstack (0 size: none) */
	unsigned int sas_ss_flags;		/* SS_AUTODISARM */
	u64 saved_sigmask;		/* rt_sigsuspend's mask to restore ... */
	bool restore_sigmask;		/* ... after the handler it waited for */
	u64 itimer_value[3], itimer_interval[3];	/* ITIMER_VIRTUAL/PROF: ticks; REAL: alarm_at */
	u64 timeout_at;
	u64 start_time;			/* jiffies at fork: /proc/PID/stat's starttime */
	char *cmdline;			/* argv, NUL-separated (at most a page): /proc/PID/cmdline */
	size_t cmdline_len;			/* schedule_timeout_until: the tick wakes us then */
	int stop_report;		/* the signal that stopped it, until wait4(WUNTRACED) says so */
	bool cont_report;		/* continued, until wait4(WCONTINUED) says so */
	/* the children's, added when they are waited for (RUSAGE_CHILDREN) */
	unsigned long c_min_flt, c_maj_flt, c_utime, c_stime;
};

extern struct task_struct *current;
extern struct list_head task_list;

void proc_init(void);			/* task 0: the kernel, pid 0 */
void free_dead_tasks(void);		/* after a switch: the tasks that exited unwaited */
struct task_struct *find_task(int pid);
struct task_struct *find_task_or_zombie(int pid);	/* /proc shows zombies too */
int next_pid_peek(void);			/* the pid the next fork gets */
void set_task_cmdline(struct task_struct *t, const char *args, size_t len);
struct pt_regs *task_pt_regs(struct task_struct *t);	/* its user registers */

/* clone(2)'s flags (Linux's values); kernel_clone says which it does. */
#define CSIGNAL			0x000000ffUL	/* the signal the parent gets at exit */
#define CLONE_VM		0x00000100UL
#define CLONE_FS		0x00000200UL
#define CLONE_FILES		0x00000400UL
#define CLONE_SIGHAND		0x00000800UL
#define CLONE_PIDFD		0x00001000UL
#define CLONE_PTRACE		0x00002000UL
#define CLONE_VFORK		0x00004000UL
#define CLONE_PARENT		0x00008000UL
#define CLONE_THREAD		0x00010000UL
#define CLONE_SETTLS		0x00080000UL
#define CLONE_PARENT_SETTID	0x00100000UL
#define CLONE_CHILD_CLEARTID	0x00200000UL
#define CLONE_DETACHED		0x00400000UL	/* ignored, as Linux */
#define CLONE_UNTRACED		0x00800000UL	/* nothing traces here: nothing to do */
#define CLONE_CHILD_SETTID	0x01000000UL

struct kernel_clone_args {
	unsigned long flags;		/* CLONE_*, without CSIGNAL */
	int exit_signal;		/* SIGCHLD (the only one this kernel has) */
	unsigned long stack;		/* the child's rsp; 0: the parent's */
	int *parent_tid, *child_tid;	/* user pointers */
	unsigned long tls;		/* CLONE_SETTLS: the child's FS base */
};
long kernel_clone(struct pt_regs *regs, const struct kernel_clone_args *args);
void vfork_release(struct task_struct *t);	/* exec or exit: the vfork parent goes on */
__noreturn void do_exit(int status);	/* status: a wait status (code << 8 or signal) */
/* What a reaped child used, for wait4's rusage. */
struct child_usage {
	unsigned long min_flt, maj_flt, utime, stime, nvcsw, nivcsw;
};
long do_wait4(int pid, int *status, int options, struct child_usage *ru);
/* wait4's options (Linux's values) */
#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000
/* Process groups and sessions (kernel/proc.c): setpgid, setsid. */
long do_setpgid(int pid, int pgid);
long do_setsid(void);
/* A child stopped or continued: its parent's wait4 may report it. */
void notify_parent_cldstop(struct task_struct *t, bool stopped, int sig);
/* Start the first program: a task running `path` with argv; its pid. */
int start_init(const char *path, const char *const argv[]);

#endif
