/* kernel/sched.c — round robin, the context switch and kernel stacks.
 *
 * Every runnable task gets a turn of one tick (1/HZ s) in user mode.  The
 * kernel is not preemptible: a task gives up the CPU only on its way back
 * to user mode (after a tick asked for it) or when it waits.  Task 0 runs
 * the idle loop when nobody else can run. */
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/proc.h"
#include "kernel/traps.h"
#include "kernel/gdt.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "kernel/irq.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/fs/fs.h"
#include "mm/mm.h"
#include "mm/kpgtable.h"

struct percpu percpu;
bool need_resched;

extern void __switch_to_asm(unsigned long *prev_rsp, unsigned long next_rsp);
extern char ret_from_fork[];

/* Kernel stacks live at KSTACK_BASE + slot * KSTACK_STRIDE: a guard page,
 * then KSTACK_PAGES mapped pages (Linux: vmalloc'ed stacks).
 *
 *   KSTACK_BASE  | guard | stack 0 (16 KiB) | guard | stack 1 | ... | stack max_tasks-1 |
 *                  slot 0: 20 KiB            slot 1
 *
 * How many slots: as Linux's max_threads (kernel/fork.c, set_max_threads),
 * the kernel stacks may take at most an eighth of RAM: max_tasks =
 * managed frames / (8 * KSTACK_PAGES), 1930 tasks with 256 MiB.  A slot
 * costs no memory until a task takes it (four frames), so the limit only
 * says when fork answers EAGAIN instead of running the machine out of
 * memory for stacks; it is bounded below by MIN_TASKS (a small machine
 * still runs a shell and its tests) and above by the area's size.  The
 * page tables of the whole area are made at boot (one per 102 slots):
 * fork never fails for a page table of its stack, and a reaped task gives
 * back exactly the frames it took. */
#define KSTACK_BASE	0xffffc90100000000UL
#define KSTACK_STRIDE	((KSTACK_PAGES + 1) * PAGE_SIZE)
#define MIN_TASKS	64		/* the limit before it depended on memory */
#define MAX_TASKS	16384		/* 320 MiB of the 4 GiB below the framebuffer's mapping */

static unsigned long kstack_used[MAX_TASKS / 64];	/* a bit per slot */
static int max_tasks;
static int nr_kstacks;				/* slots in use */

static unsigned long kstack_base(int slot)
{
	return KSTACK_BASE + (unsigned long)slot * KSTACK_STRIDE + PAGE_SIZE;
}

/* The limit, and the page tables under every slot it allows. */
static void kstack_init(void)
{
	unsigned long n = nr_managed_pages() / (8 * KSTACK_PAGES);
	max_tasks = n < MIN_TASKS ? MIN_TASKS : n > MAX_TASKS ? MAX_TASKS : (int)n;
	unsigned long end = KSTACK_BASE + (unsigned long)max_tasks * KSTACK_STRIDE;
	for (unsigned long a = KSTACK_BASE; a < end; a += PMD_SIZE)
		if (!pte_alloc(init_pml4, a))
			panic("kstack_init: no memory for the kernel-stack page tables");
	printk("tasks: at most %d (kernel stacks: an eighth of RAM, as Linux's max_threads)\n",
	       max_tasks);
}

int kstack_max_tasks(void)
{
	return max_tasks;
}

/* The lowest free slot, marked used; -1 if every one is taken. */
static int kstack_slot_get(void)
{
	for (int w = 0; w * 64 < max_tasks; w++) {
		if (kstack_used[w] == ~0UL)
			continue;
		int slot = w * 64 + __builtin_ctzl(~kstack_used[w]);
		if (slot >= max_tasks)
			return -1;
		kstack_used[w] |= 1UL << (slot % 64);
		nr_kstacks++;
		return slot;
	}
	return -1;
}

static void kstack_slot_put(int slot)
{
	kstack_used[slot / 64] &= ~(1UL << (slot % 64));
	nr_kstacks--;
}

/* Give t a kernel stack: 0, -EAGAIN when every slot is taken (Linux's
 * answer at max_threads), or -ENOMEM (nothing is left allocated). */
int kstack_alloc(struct task_struct *t)
{
	int slot = kstack_slot_get();
	if (slot < 0)
		return -EAGAIN;
	t->kstack_slot = slot;
	unsigned long base = kstack_base(slot);
	for (int i = 0; i < KSTACK_PAGES; i++) {
		struct page *p = alloc_page();
		/* (the page table is there since boot: map_range allocates nothing) */
		if (!p || map_range(init_pml4, base + i * PAGE_SIZE, page_to_phys(p), PAGE_SIZE,
				    PAGE_KERNEL) < 0) {
			if (p)
				__free_page(p);
			kstack_free(t);		/* the pages mapped so far */
			return -ENOMEM;
		}
		t->kstack[i] = p;
	}
	t->kstack_top = base + KSTACK_PAGES * PAGE_SIZE;
	return 0;
}

/* Unmap and free t's stack pages (those it got) and its slot. */
void kstack_free(struct task_struct *t)
{
	unsigned long base = kstack_base(t->kstack_slot);
	for (int i = 0; i < KSTACK_PAGES && t->kstack[i]; i++) {
		unmap_range(init_pml4, base + i * PAGE_SIZE, PAGE_SIZE);
		__free_page(t->kstack[i]);
		t->kstack[i] = NULL;
	}
	kstack_slot_put(t->kstack_slot);
	t->kstack_slot = -1;
}

const char *kstack_guard_name(unsigned long addr)
{
	if (addr < KSTACK_BASE || addr >= KSTACK_BASE + (unsigned long)max_tasks * KSTACK_STRIDE)
		return NULL;
	return (addr - KSTACK_BASE) % KSTACK_STRIDE < PAGE_SIZE ? "a task's kernel-stack guard page"
								 : NULL;
}

struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)t->kstack_top - 1;
}

/* The new task's stack, from the top: its pt_regs, then the frame
 * __switch_to_asm pops (six callee-saved registers, then ret_from_fork). */
void copy_thread(struct task_struct *t, const struct pt_regs *regs)
{
	copy_thread_fn(t, regs, NULL);
}

/* The same, with fn (if not NULL) called by ret_from_fork first, in the
 * new task (how the first program is exec'ed: kernel/proc.c). */
void copy_thread_fn(struct task_struct *t, const struct pt_regs *regs, void (*fn)(void))
{
	struct pt_regs *child = task_pt_regs(t);
	*child = *regs;
	unsigned long *sp = (unsigned long *)child;
	*--sp = (unsigned long)ret_from_fork;
	*--sp = 0;				/* rbp */
	*--sp = (unsigned long)fn;		/* rbx: ret_from_fork calls it */
	for (int i = 0; i < 4; i++)
		*--sp = 0;			/* r12 r13 r14 r15 */
	t->thread.rsp = (unsigned long)sp;
}

/* Called by ret_from_fork on a new task's first run: a CLONE_CHILD_SETTID
 * child stores its pid in its own memory now, as Linux's schedule_tail. */
void schedule_tail(void)
{
	free_dead_tasks();
	if (current->set_child_tid)
		copy_to_user(current->set_child_tid, &current->pid, sizeof(current->pid));
}

static u8 fpu_initial[512] __aligned(16);

/* SSE on for user programs (the kernel itself never uses it: it is built
 * with -mgeneral-regs-only), and the state every new program starts with. */
static void fpu_init(void)
{
	u32 mxcsr = 0x1f80;			/* all exceptions masked, as Linux */
	write_cr0((read_cr0() & ~BIT(2)) | BIT(1));	/* EM off, MP on */
	write_cr4(read_cr4() | BIT(9) | BIT(10));	/* OSFXSR, OSXMMEXCPT */
	asm volatile("fninit; ldmxcsr %0; fxsave64 %1" : : "m"(mxcsr), "m"(fpu_initial));
}

void fpu_init_state(struct task_struct *t)
{
	memcpy(t->thread.fpu, fpu_initial, sizeof(fpu_initial));
}

void sched_init(void)
{
	kstack_init();
	fpu_init();
	wrmsr(MSR_GS_BASE, (u64)&percpu);	/* kernel GS: the per-CPU area */
	wrmsr(MSR_KERNEL_GS_BASE, 0);		/* user GS, swapped in by swapgs */
}

/* Switch from prev to next: address space, kernel stack, FS, FPU. */
static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (prev->mm)
		asm volatile("fxsave64 %0" : "=m"(prev->thread.fpu));
	if (next->mm)
		asm volatile("fxrstor64 %0" : : "m"(next->thread.fpu));
	prev->thread.fs_base = rdmsr(MSR_FS_BASE);
	wrmsr(MSR_FS_BASE, next->thread.fs_base);
	prev->thread.gs_base = rdmsr(MSR_KERNEL_GS_BASE);	/* swapgs put the user's here */
	wrmsr(MSR_KERNEL_GS_BASE, next->thread.gs_base);
	pte_t *pgd = next->mm ? next->mm->pgd : init_pml4;	/* task 0: the kernel's own */
	if (pgd != current_pml4())
		load_cr3(pgd);
	tss_set_rsp0(next->kstack_top);
	percpu.kernel_rsp = next->kstack_top;
	current = next;
	__switch_to_asm(&prev->thread.rsp, next->thread.rsp);
	free_dead_tasks();			/* (we are prev again: a task that exited is off its stack) */
}

/* The next runnable task after current in the task list, or task 0. */
static struct task_struct *pick_next_task(void)
{
	struct list_head *pos = &current->tasks;
	struct task_struct *idle = list_first_entry(&task_list, struct task_struct, tasks);
	for (;;) {
		pos = pos->next;
		if (pos == &task_list)
			continue;		/* the list head: wrap around */
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);
		if (t->state == TASK_RUNNING && t != idle)
			return t;
		if (t == current)
			return current->state == TASK_RUNNING && current != idle ? current : idle;
	}
}

void schedule(void)
{
	need_resched = false;
	struct task_struct *next = pick_next_task();
	if (next == current)
		return;
	if (current->state == TASK_RUNNING)
		current->nivcsw++;
	else
		current->nvcsw++;
	context_switch(current, next);
}

/* The kernel runs with interrupts off and never preempts itself, so a
 * system call that loops over millions of pages (populating a terabyte
 * for mlock or MAP_POPULATE) would hold the CPU for a minute, with every
 * other task, the fuzzer's watchdog included, frozen, and no SIGKILL able
 * to reach it.  Such a loop calls this between two steps, where it holds
 * nothing half done: the timer interrupt that fell due meanwhile is let in
 * (sti; nop; cli: an interrupt is taken once the instruction after sti has
 * run), and if it asked for a reschedule, others run.  The loop then
 * checks fatal_signal_pending, as Linux's do after cond_resched, a
 * voluntary preemption point of a kernel built without preemption
 * (CONFIG_PREEMPT_NONE), which this is. */
bool cond_resched(void)
{
	asm volatile("sti; nop; cli" ::: "memory");
	if (!need_resched)
		return false;
	schedule();
	return true;
}

void wake_up_process(struct task_struct *t)
{
	t->state = TASK_RUNNING;
}

/* The earliest timeout of any sleeper (~0: none): the tick looks no further. */
static u64 timeout_next = ~0ULL;

u64 schedule_timeout_until(u64 until)
{
	if (until <= jiffies)
		return 0;
	current->timeout_at = until;
	if (until < timeout_next)
		timeout_next = until;
	current->state = TASK_INTERRUPTIBLE;
	schedule();
	current->state = TASK_RUNNING;
	current->timeout_at = 0;
	return until > jiffies ? until - jiffies : 0;
}

/* From the tick: wake the sleepers whose time has come. */
static void wake_timeouts(void)
{
	if (jiffies < timeout_next)
		return;
	u64 next = ~0ULL;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->timeout_at)
			continue;
		if (t->timeout_at <= jiffies && t->state == TASK_INTERRUPTIBLE)
			wake_up_process(t);
		else if (t->timeout_at > jiffies)
			next = MIN(next, t->timeout_at);
	}
	timeout_next = next;
}

/* ---- load averages, as Linux's calc_global_load: every 5 s, an
 * exponentially decaying average of the runnable tasks over 1, 5 and 15
 * minutes, in fixed point (FSHIFT bits of fraction). */
#define LOAD_FREQ	(5 * HZ + 1)
#define EXP_1		1884		/* 1/exp(5s/1min) in fixed point */
#define EXP_5		2014
#define EXP_15		2037

unsigned long avenrun[3];
u64 idle_ticks;				/* ticks the idle task had: /proc/uptime */

static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);
	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

static void calc_global_load(void)
{
	static u64 next = LOAD_FREQ;
	if (jiffies < next)
		return;
	next = jiffies + LOAD_FREQ;
	unsigned long active = 0;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)	/* Linux counts disk waits too */
		active += t->pid && (t->state == TASK_RUNNING || t->state == TASK_UNINTERRUPTIBLE);
	active *= FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

void scheduler_tick(struct pt_regs *regs)
{
	if (!current->pid)
		idle_ticks++;
	calc_global_load();
	wake_timeouts();
	tty_tick();			/* the console's input: Ctrl-C even when nobody reads */
	poll_tick();
	if (user_mode(regs))
		current->utime++;
	else
		current->stime++;
	run_alarms();
	run_cpu_timers(user_mode(regs));
	need_resched = true;			/* one tick each, round robin */
}

/* Task 0 after boot: run whoever can run; sleep until the next interrupt. */
__noreturn void cpu_idle(void)
{
	for (;;) {
		schedule();
		asm volatile("sti; hlt; cli" ::: "memory");
	}
}
