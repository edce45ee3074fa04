/* kernel/sched.h — the round-robin scheduler and the context switch. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "kernel/types.h"

struct task_struct;
struct pt_regs;

void sched_init(void);
void schedule(void);			/* run someone else if anyone can */
void scheduler_tick(struct pt_regs *regs);	/* the timer, HZ times a second */
void wake_up_process(struct task_struct *t);
/* Sleep (TASK_INTERRUPTIBLE) until jiffy `until`, a wake_up_process or a
 * signal; the ticks left (0: the time came).  until ~0: no time limit. */
u64 schedule_timeout_until(u64 until);
__noreturn void cpu_idle(void);		/* task 0 after boot */
/* In a long loop of a system call: let a tick that fell due in, and give
 * the CPU to others if it asked for that (Linux's cond_resched).  true if
 * others ran: anything the caller looked at before may have changed. */
bool cond_resched(void);
extern bool need_resched;
/* Load averages (Linux's avenrun: fixed point, FSHIFT bits of fraction)
 * and the idle task's ticks, for /proc/loadavg and /proc/uptime. */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
extern unsigned long avenrun[3];
extern u64 idle_ticks;

/* Kernel stacks: kstack_max_tasks() slots of KSTACK_PAGES pages in their
 * own area, each above an unmapped guard page; the number of slots is the
 * limit of tasks (an eighth of RAM for stacks, as Linux's max_threads). */
int kstack_alloc(struct task_struct *t);	/* 0, -EAGAIN (no slot) or -ENOMEM */
int kstack_max_tasks(void);
void kstack_free(struct task_struct *t);
const char *kstack_guard_name(unsigned long addr);

/* The per-CPU area GS points to in the kernel (entry.asm's offsets). */
struct percpu {
	unsigned long kernel_rsp;	/* top of the current task's kernel stack */
	unsigned long user_rsp;		/* syscall_entry parks the user's rsp here */
};
extern struct percpu percpu;

/* Prepare t's kernel stack so that its first switch_to lands in
 * ret_from_fork and returns to user mode with regs. */
void copy_thread(struct task_struct *t, const struct pt_regs *regs);
void copy_thread_fn(struct task_struct *t, const struct pt_regs *regs, void (*fn)(void));
void fpu_init_state(struct task_struct *t);

#endif
