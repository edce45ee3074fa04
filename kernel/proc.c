/* kernel/proc.c — processes: the task list, fork, exit and wait4.
 *
 * A process's life: do_fork copies its parent (address space, open files,
 * current directory, signal handlers) and puts it on the run list; it
 * runs, maybe execs (kernel/exec.c); do_exit frees what it holds and makes
 * it a zombie; the parent's wait4 collects its status and frees the rest.
 * Children whose parent dies are given to init (pid 1). */
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/traps.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/x86.h"
#include "kernel/time.h"
#include "drivers/qemu.h"
#include "mm/mmap.h"
#include "mm/kmalloc.h"
#include "mm/kpgtable.h"
#include "kernel/exec.h"
#include "kernel/gdt.h"
#include "kernel/fault_trace.h"
#include "kernel/printk.h"

static struct task_struct init_task = { .pid = 0, .comm = "kernel" };
struct task_struct *current = &init_task;
LIST_HEAD(task_list);
static LIST_HEAD(dead_tasks);		/* TASK_DEAD, linked by their sibling node */
static int next_pid = 1;

#define WNOHANG		1

void proc_init(void)
{
	init_task.files = files_alloc();
	if (!init_task.files)
		panic("proc_init: no memory for the fd table");
	init_task.fs.cwd = igrab(root_inode);
	INIT_LIST_HEAD(&init_task.children);
	list_add_tail(&init_task.tasks, &task_list);
	init_task.kstack_slot = -1;
}

struct task_struct *find_task(int pid)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid && t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
			return t;
	return NULL;
}

/* A new task, child of parent; ERR_PTR(-ENOMEM), or -EAGAIN at the limit
 * of tasks (kstack_alloc), as Linux's fork. */
static struct task_struct *task_alloc(struct task_struct *parent)
{
	struct task_struct *t = kzalloc(sizeof(*t));
	if (!t)
		return ERR_PTR(-ENOMEM);
	int err = kstack_alloc(t);
	if (err < 0) {
		kfree(t);
		return ERR_PTR(err);
	}
	t->pid = next_pid++;
	proc_pid_register(t->pid);
	t->parent = parent;
	INIT_LIST_HEAD(&t->children);
	list_add_tail(&t->sibling, &parent->children);
	list_add_tail(&t->tasks, &task_list);
	memcpy(t->comm, parent->comm, sizeof(t->comm));
	t->sig.action[0] = (struct k_sigaction){ 0 };
	for (int s = 1; s <= _NSIG; s++)
		t->sig.action[s] = parent->sig.action[s];
	t->sig.blocked = parent->sig.blocked;
	t->fs.cwd = igrab(parent->fs.cwd);
	t->thread.fs_base = parent == current ? rdmsr(MSR_FS_BASE) : parent->thread.fs_base;
	t->thread.gs_base = parent == current ? rdmsr(MSR_KERNEL_GS_BASE) : parent->thread.gs_base;
	return t;
}

static void task_free(struct task_struct *t)
{
	proc_pid_unregister(t->pid);
	list_del(&t->tasks);
	list_del(&t->sibling);
	kstack_free(t);
	kfree(t);
}

/* fork/vfork: a copy of the current process that returns 0 to the child.
 * vfork shares the address space, and the parent waits until the child
 * execs or exits. */
long do_fork(struct pt_regs *regs, bool vfork)
{
	struct task_struct *t = task_alloc(current);
	if (IS_ERR(t))
		return PTR_ERR(t);
	t->files = files_dup(current->files);
	if (vfork) {
		t->mm = current->mm;
		t->mm->users++;
	} else {
		t->mm = dup_mm(current->mm);
	}
	if (!t->files || !t->mm) {
		if (t->files) {
			files_close_all(t->files);
			kfree(t->files);
		}
		if (t->mm)
			mmput(t->mm);
		iput(t->fs.cwd);
		task_free(t);
		return -ENOMEM;
	}
	asm volatile("fxsave64 %0" : "=m"(t->thread.fpu));	/* the parent's FPU state */
	copy_thread(t, regs);
	task_pt_regs(t)->rax = 0;		/* fork returns 0 in the child */
	t->state = TASK_RUNNING;
	long pid = t->pid;
	if (vfork) {
		/* Until the child execs or exits; SIGKILL frees us, as Linux.
		 * The child says so in `done` (Linux: the vfork_done
		 * completion), on our stack: once it has, it may be freed at
		 * any time (a parent ignoring SIGCHLD reaps nothing), so we
		 * look at t again only if it has not. */
		bool done = false;
		t->vfork_parent = current;
		t->vfork_done = &done;
		while (!done && !(current->sig.pending & sigmask(SIGKILL))) {
			current->state = TASK_INTERRUPTIBLE;
			schedule();
		}
		current->state = TASK_RUNNING;
		if (!done) {			/* killed: the child must not wake us later */
			t->vfork_parent = NULL;
			t->vfork_done = NULL;
		}
	}
	return pid;
}

/* The vfork parent may go on: its child has its own mm now, or is gone. */
void vfork_release(struct task_struct *t)
{
	if (t->vfork_parent) {
		*t->vfork_done = true;
		wake_up_process(t->vfork_parent);
		t->vfork_parent = NULL;
		t->vfork_done = NULL;
	}
}

static void reparent_children(struct task_struct *t)
{
	struct task_struct *init = find_task(1), *c, *n;
	list_for_each_entry_safe(c, n, &t->children, sibling) {
		list_del(&c->sibling);
		c->parent = init ? init : &init_task;
		list_add_tail(&c->sibling, &c->parent->children);
		if (c->state == TASK_ZOMBIE && c->parent->state == TASK_INTERRUPTIBLE)
			wake_up_process(c->parent);
	}
}

__noreturn void do_exit(int status)
{
	struct task_struct *t = current;
	if (t == &init_task)
		panic("do_exit: the kernel's own task cannot exit");
	if (t->pid == 1) {
		/* status is a wait status: a signal says so, by name, with the
		 * last fault init took (the one that killed it, often) */
		const struct fault_record *last = fault_ring_last_of(1);
		if (status & 0x7f) {
			printk("init killed by signal %d (%s): powering off\n", status & 0x7f,
			       signal_name(status & 0x7f));
			if (last) {
				char line[160];
				format_fault_record(last, line, sizeof(line));
				printk("init's last %s", line);
			}
		} else {
			printk("init exited with status %d: powering off\n", (status >> 8) & 0xff);
		}
		machine_halt(QEMU_EXIT_OK);
	}
	files_close_all(t->files);
	kfree(t->files);
	t->files = NULL;
	iput(t->fs.cwd);
	t->fs.cwd = NULL;
	vfork_release(t);
	struct mm_struct *mm = t->mm;
	t->mm = NULL;
	load_cr3(init_pml4);			/* never run on tables we are freeing */
	mmput(mm);
	reparent_children(t);
	t->exit_code = status;
	struct k_sigaction *chld = &t->parent->sig.action[SIGCHLD];
	if (chld->handler == SIG_IGN || (chld->flags & SA_NOCLDWAIT)) {
		/* the parent will never wait (Linux: SIGCHLD ignored, or
		 * SA_NOCLDWAIT): no zombie; whoever runs next frees us, as we
		 * cannot free the stack we are running on */
		t->state = TASK_DEAD;
		list_del(&t->sibling);
		list_add_tail(&t->sibling, &dead_tasks);
	} else {
		t->state = TASK_ZOMBIE;
		notify_parent(t, status);
	}
	if (t->parent->state == TASK_INTERRUPTIBLE)
		wake_up_process(t->parent);	/* a wait4 may now find no child: ECHILD */
	schedule();
	panic("do_exit: a dead task ran again");
}

void free_dead_tasks(void)
{
	struct task_struct *t, *n;
	list_for_each_entry_safe(t, n, &dead_tasks, sibling)
		if (t != current)
			task_free(t);
}

/* A zombie child matching pid (-1: any), or NULL; *any: is there a child at all. */
static struct task_struct *find_zombie(int pid, bool *any)
{
	struct task_struct *c;
	*any = false;
	list_for_each_entry(c, &current->children, sibling) {
		if (pid > 0 && c->pid != pid)
			continue;
		*any = true;
		if (c->state == TASK_ZOMBIE)
			return c;
	}
	return NULL;
}

long do_wait4(int pid, int *status, int options, struct child_usage *ru)
{
	bool any;
	if (options & ~WNOHANG)
		return -EINVAL;
	if (pid < -1 || pid == 0)
		pid = -1;			/* process groups: one group here */
	for (;;) {
		struct task_struct *z = find_zombie(pid, &any);
		if (z) {
			long zpid = z->pid;
			*status = z->exit_code;
			current->c_min_flt += z->min_flt + z->c_min_flt;
			current->c_maj_flt += z->maj_flt + z->c_maj_flt;
			current->c_utime += z->utime + z->c_utime;
			current->c_stime += z->stime + z->c_stime;
			if (ru)
				*ru = (struct child_usage){ z->min_flt + z->c_min_flt,
							    z->maj_flt + z->c_maj_flt,
							    z->utime + z->c_utime,
							    z->stime + z->c_stime, z->nvcsw, z->nivcsw };
			task_free(z);
			return zpid;
		}
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		current->state = TASK_INTERRUPTIBLE;
		schedule();
		current->state = TASK_RUNNING;
		if (current->sig.pending & ~current->sig.blocked & ~sigmask(SIGCHLD))
			return -ERESTARTSYS;	/* -EINTR, or restarted (SA_RESTART) */
	}
}

static const char *const *init_argv;
static const char *init_path;

/* The first code task 1 runs, in the kernel on its own stack: exec the
 * first program; ret_from_fork then enters it. */
static void init_entry(void)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin:/tests", "TERM=linux", NULL };
	long err = kernel_execve(init_path, init_argv, envp);
	if (err || signal_pending(current)) {	/* (a failure past exec's point of no return) */
		printk(KERN_ERR "cannot run %s: error %ld\n", init_path, err);
		machine_halt(QEMU_EXIT_PANIC);
	}
	boot_tsc_user = rdtsc();	/* init's first instruction is next (/proc/boot) */
}

int start_init(const char *path, const char *const argv[])
{
	struct task_struct *t = task_alloc(&init_task);
	if (IS_ERR(t))
		return PTR_ERR(t);
	init_path = path;
	init_argv = argv;
	t->files = files_alloc();
	if (!t->files)
		return -ENOMEM;
	struct task_struct *saved = current;
	current = t;				/* open the console as t's fds 0, 1, 2 */
	for (int fd = 0; fd < 3; fd++)
		if (fd != (fd == 0 ? vfs_open("/dev/console", O_RDWR, 0) : vfs_dup(0)))
			panic("start_init: cannot open /dev/console as fd %d", fd);
	current = saved;
	struct pt_regs regs = { .cs = USER_CS, .ss = USER_DS };
	copy_thread_fn(t, &regs, init_entry);
	fpu_init_state(t);
	t->state = TASK_RUNNING;
	return t->pid;
}
