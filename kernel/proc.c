/* kernel/proc.c — processes: the task list, fork, exit and wait4.
 *
 * A process's life: kernel_clone copies its parent (address space, open files,
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
#include "kernel/uaccess.h"
#include "kernel/irq.h"

static struct task_struct init_task = { .pid = 0, .comm = "kernel" };
struct task_struct *current = &init_task;
LIST_HEAD(task_list);
static LIST_HEAD(dead_tasks);		/* TASK_DEAD, linked by their sibling node */
static int next_pid = 1;


void proc_init(void)
{
	init_task.files = files_alloc();
	if (!init_task.files)
		panic("proc_init: no memory for the fd table");
	init_task.fs.cwd = igrab(root_inode);
	init_task.fs.umask = 0022;		/* Linux's INIT_FS */
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

int next_pid_peek(void)
{
	return next_pid;
}

struct task_struct *find_task_or_zombie(int pid)
{
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid && t->state != TASK_DEAD)
			return t;
	return NULL;
}

/* The command line /proc/PID/cmdline shows: a kernel copy of argv, taken
 * at exec and at fork (the process's own memory may change it on Linux;
 * here it is what the program was started with).  Out of memory: none. */
void set_task_cmdline(struct task_struct *t, const char *args, size_t len)
{
	kfree(t->cmdline);
	len = MIN(len, PAGE_SIZE);
	t->cmdline = len ? kmalloc(len) : NULL;
	t->cmdline_len = t->cmdline ? len : 0;
	if (t->cmdline)
		memcpy(t->cmdline, args, len);
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
	t->pgid = parent->pgid;			/* the parent's process group and session */
	t->sid = parent->sid;
	memcpy(t->rlim, parent->rlim, sizeof(t->rlim));
	t->start_time = jiffies;
	set_task_cmdline(t, parent->cmdline, parent->cmdline_len);
	t->nice = parent->nice;
	t->sas_ss_sp = parent->sas_ss_sp;	/* fork keeps the alternate signal stack */
	t->sas_ss_size = parent->sas_ss_size;
	t->sas_ss_flags = parent->sas_ss_flags;
	t->sig.action[0] = (struct k_sigaction){ 0 };
	for (int s = 1; s <= _NSIG; s++)
		t->sig.action[s] = parent->sig.action[s];
	t->sig.blocked = parent->sig.blocked;
	t->fs.cwd = igrab(parent->fs.cwd);
	t->fs.umask = parent->fs.umask;
	t->thread.fs_base = parent == current ? rdmsr(MSR_FS_BASE) : parent->thread.fs_base;
	t->thread.gs_base = parent == current ? rdmsr(MSR_KERNEL_GS_BASE) : parent->thread.gs_base;
	return t;
}

static void task_free(struct task_struct *t)
{
	kfree(t->cmdline);
	proc_pid_unregister(t->pid);
	list_del(&t->tasks);
	list_del(&t->sibling);
	kstack_free(t);
	kfree(t);
}

/* fork, vfork and clone: a copy of the current process that returns 0 to
 * the child (Linux's kernel_clone).  The flags this kernel has (the ones
 * fork, vfork and posix_spawn use; sys_clone refuses the rest):
 *   CLONE_VM|CLONE_VFORK   share the address space, and the parent waits
 *                          until the child execs or exits (vfork; with a
 *                          new stack, posix_spawn);
 *   CLONE_VFORK alone      the parent waits, the child has its own copy;
 *   CLONE_SETTLS           the child's FS base (its TLS) is args->tls;
 *   CLONE_PARENT_SETTID    the child's pid is stored at args->parent_tid,
 *                          in the parent, before either runs on;
 *   CLONE_CHILD_SETTID     ... at args->child_tid, by the child, first
 *                          thing (schedule_tail), in its own memory;
 *   CLONE_CHILD_CLEARTID   0 is stored there when the child exits while
 *                          another task shares its memory (mm_release).
 * args->stack, if not 0, is the child's stack pointer. */
/* The limits the first program starts with: Linux's INIT_RLIMITS, with
 * RLIMIT_NOFILE at this kernel's fd table (64 fds, fixed) and RLIMIT_NPROC
 * at max_tasks. */
void rlimit_init(struct rlimit *rlim)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_STACK].rlim_cur = DEFAULT_STACK_RLIMIT;
	rlim[RLIMIT_NOFILE] = (struct rlimit){ NR_OPEN, NR_OPEN };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8UL << 20, 8UL << 20 };
	rlim[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
	rlim[RLIMIT_NICE] = rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
	rlim[RLIMIT_SIGPENDING] = (struct rlimit){ 1024, 1024 };
	rlim[RLIMIT_NPROC] = (struct rlimit){ (unsigned long)kstack_max_tasks(),
					       (unsigned long)kstack_max_tasks() };
}

long kernel_clone(struct pt_regs *regs, const struct kernel_clone_args *args)
{
	struct task_struct *t = task_alloc(current);
	if (IS_ERR(t))
		return PTR_ERR(t);
	t->files = files_dup(current->files);
	if (args->flags & CLONE_VM) {
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
	if (args->stack)
		task_pt_regs(t)->rsp = args->stack;
	if (args->flags & CLONE_SETTLS)
		t->thread.fs_base = args->tls;
	if (args->flags & CLONE_CHILD_SETTID)
		t->set_child_tid = args->child_tid;
	if (args->flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = args->child_tid;
	long pid = t->pid;
	if (args->flags & CLONE_PARENT_SETTID)
		copy_to_user(args->parent_tid, &t->pid, sizeof(t->pid));	/* a fault: ignored, as Linux */
	t->state = TASK_RUNNING;
	if (args->flags & CLONE_VFORK) {
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

/* A task leaves its address space (exit; Linux's mm_release): a
 * CLONE_CHILD_CLEARTID word is zeroed if anyone else still sees that
 * memory, then a vfork parent goes on. */
static void mm_release(struct task_struct *t)
{
	if (t->clear_child_tid && t->mm && t->mm->users > 1) {
		int zero = 0;
		copy_to_user(t->clear_child_tid, &zero, sizeof(zero));	/* no futex to wake */
	}
	t->clear_child_tid = NULL;
	vfork_release(t);
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
		if (c->pdeath_signal)		/* prctl(PR_SET_PDEATHSIG) */
			send_signal(c, c->pdeath_signal, 0);
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
	mm_release(t);
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

/* Does child c match wait4's pid: > 0 that process, -1 any child, 0 any
 * in our process group, < -1 any in process group -pid. */
static bool wait_matches(const struct task_struct *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? current->pgid : -pid);
}

/* What wait4 can report now of a child matching pid: a zombie, or with
 * WUNTRACED a stop, with WCONTINUED a continue, not yet reported; NULL if
 * none.  *any: is there a matching child at all. */
static struct task_struct *find_reportable(int pid, int options, bool *any)
{
	struct task_struct *c;
	*any = false;
	list_for_each_entry(c, &current->children, sibling) {
		if (!wait_matches(c, pid))
			continue;
		*any = true;
		if (c->state == TASK_ZOMBIE)
			return c;
		if (((options & WUNTRACED) && c->stop_report) ||
		    ((options & WCONTINUED) && c->cont_report))
			return c;
	}
	return NULL;
}

/* A zombie's status and usage go to its parent, then the task is freed. */
static long reap_zombie(struct task_struct *z, int *status, struct child_usage *ru)
{
	long zpid = z->pid;
	*status = z->exit_code;
	current->c_min_flt += z->min_flt + z->c_min_flt;
	current->c_maj_flt += z->maj_flt + z->c_maj_flt;
	current->c_utime += z->utime + z->c_utime;
	current->c_stime += z->stime + z->c_stime;
	if (ru)
		*ru = (struct child_usage){ z->min_flt + z->c_min_flt, z->maj_flt + z->c_maj_flt,
					    z->utime + z->c_utime, z->stime + z->c_stime,
					    z->nvcsw, z->nivcsw };
	task_free(z);
	return zpid;
}

/* wait4: a child that exited (reaped), or with WUNTRACED one that stopped
 * (status 0x7f | sig << 8), with WCONTINUED one that continued (0xffff),
 * each reported once, as Linux's wait_task_stopped/continued. */
long do_wait4(int pid, int *status, int options, struct child_usage *ru)
{
	bool any;
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == (int)0x80000000)
		return -ESRCH;			/* -INT_MIN is no process group: Linux */
	/* __WCLONE alone waits for children whose exit signal is not SIGCHLD:
	 * every child's is SIGCHLD here (clone refuses others) */
	if ((options & (__WCLONE | __WALL)) == __WCLONE)
		return -ECHILD;
	for (;;) {
		struct task_struct *c = find_reportable(pid, options, &any);
		if (c && c->state == TASK_ZOMBIE)
			return reap_zombie(c, status, ru);
		if (c) {
			*status = c->stop_report ? 0x7f | c->stop_report << 8 : 0xffff;
			c->stop_report = 0;
			c->cont_report = false;
			if (ru)
				*ru = (struct child_usage){ c->min_flt, c->maj_flt, c->utime, c->stime,
							    c->nvcsw, c->nivcsw };
			return c->pid;
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

/* A stop or a continue of t: SIGCHLD to its parent (CLD_STOPPED or
 * CLD_CONTINUED, unless the parent asked SA_NOCLDSTOP), and a waiting
 * parent wakes to report it (Linux's do_notify_parent_cldstop). */
void notify_parent_cldstop(struct task_struct *t, bool stopped, int sig)
{
	struct task_struct *parent = t->parent;
	t->stop_report = stopped ? sig : 0;
	t->cont_report = !stopped;
	if (!parent)
		return;
	if (!(parent->sig.action[SIGCHLD].flags & SA_NOCLDSTOP)) {
		siginfo_t info = { .si_signo = SIGCHLD, .si_code = stopped ? CLD_STOPPED : CLD_CONTINUED };
		info.chld.pid = t->pid;
		info.chld.status = sig;
		info.chld.utime = (long)t->utime;
		info.chld.stime = (long)t->stime;
		send_signal_info(parent, SIGCHLD, &info);
	}
	if (parent->state == TASK_INTERRUPTIBLE)
		wake_up_process(parent);
}

/* setpgid(pid, pgid): move pid (0: us; ourselves or a child that has not
 * exec'ed... here: any child) into process group pgid (0: its own pid),
 * which must exist in the same session, as Linux's rules:
 *   -ESRCH  pid is neither us nor our child;
 *   -EPERM  pid leads a session, or is in another session, or no group
 *           pgid exists in our session (and pgid is not pid itself);
 *   -EINVAL pgid < 0.
 * (Linux also refuses a child that has exec'ed, -EACCES: not tracked here.) */
long do_setpgid(int pid, int pgid)
{
	if (pgid < 0)
		return -EINVAL;
	struct task_struct *t = pid ? find_task(pid) : current;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (!pgid)
		pgid = t->pid;
	if (t->sid != current->sid || t->pid == t->sid)
		return -EPERM;
	if (pgid != t->pid) {
		bool exists = false;
		struct task_struct *o;
		list_for_each_entry(o, &task_list, tasks)
			if (o->pgid == pgid && o->sid == current->sid && o->state != TASK_DEAD)
				exists = true;
		if (!exists)
			return -EPERM;
	}
	t->pgid = pgid;
	return 0;
}

/* setsid: a new session and process group, both our pid; -EPERM if we
 * already lead a process group (someone could be in it). */
long do_setsid(void)
{
	struct task_struct *o;
	list_for_each_entry(o, &task_list, tasks)
		if (o->pgid == current->pid && o->state != TASK_DEAD)
			return -EPERM;
	current->pgid = current->sid = current->pid;
	return current->sid;
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
	rlimit_init(init_task.rlim);		/* inherited by init, and so by everyone */
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
