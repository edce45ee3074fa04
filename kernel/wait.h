/* kernel/wait.h — wait queues: where a task sleeps until something changes.
 *
 * As Linux's <linux/wait.h>, reduced to one CPU: a wait queue head is a list
 * of sleeping tasks; wait_event_interruptible(wq, cond) sleeps on it until
 * cond holds (0) or a signal arrives (-ERESTARTSYS: the signal code restarts
 * the call or makes it -EINTR); wait_event(wq, cond) sleeps until cond holds,
 * whatever signals come (TASK_UNINTERRUPTIBLE, "D" in ps: a disk request
 * the device will still complete into our buffer); wake_up(wq) makes every sleeper runnable,
 * each then checks its own condition again.  The kernel runs with interrupts
 * off and one task at a time, so nothing can change between testing cond
 * and going to sleep: Linux's prepare_to_wait ordering is not needed. */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/list.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/errno.h"

struct wait_queue_head {
	struct list_head head;			/* struct wait_queue_entry */
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

static inline void init_waitqueue_head(struct wait_queue_head *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

static inline void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;
	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
}

/* One sleep on wq: until a wake_up, or a signal (signal.c wakes a task in
 * TASK_INTERRUPTIBLE only: state TASK_UNINTERRUPTIBLE waits for wake_up). */
static inline void wait_on_state(struct wait_queue_head *wq, int state)
{
	struct wait_queue_entry w = { .task = current };
	list_add_tail(&w.entry, &wq->head);
	current->state = state;
	schedule();
	current->state = TASK_RUNNING;
	list_del(&w.entry);
}

static inline void wait_on(struct wait_queue_head *wq)
{
	wait_on_state(wq, TASK_INTERRUPTIBLE);
}

#define wait_event(wq, cond)							\
	do {									\
		while (!(cond))							\
			wait_on_state(wq, TASK_UNINTERRUPTIBLE);		\
	} while (0)

#define wait_event_interruptible(wq, cond)					\
	({									\
		int __ret = 0;							\
		while (!(cond)) {						\
			if (signal_pending(current)) {				\
				__ret = -ERESTARTSYS;				\
				break;						\
			}							\
			wait_on(wq);						\
		}								\
		__ret;								\
	})

#endif
