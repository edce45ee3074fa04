/* kernel/panic.c — panic(), the register dump and the backtrace. */
#include "kernel/panic.h"
#include "kernel/traps.h"
#include "kernel/ksyms.h"
#include "kernel/x86.h"
#include "kernel/string.h"
#include "drivers/qemu.h"
#include "mm/pgtable.h"

bool oops_printed;
int panic_depth;

#define BACKTRACE_MAX	32
#define KERNEL_HALF	0xffff800000000000UL	/* lowest kernel address */

static void show_frames(unsigned long rbp);

void show_regs(const struct pt_regs *r)
{
	char sym[96];
	printk(KERN_EMERG "RIP: %04lx:%016lx %s\n", r->cs, r->rip, ksym_format(sym, sizeof(sym), r->rip));
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", r->ss, r->rsp, r->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->rbp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* Follow the frame-pointer chain: [rbp] is the caller's rbp, [rbp+8] the
 * return address.  Stops at rbp 0 (boot.asm's end), a frame that does not
 * go up the stack, or a non-kernel address: a broken chain must not fault. */
void show_backtrace(unsigned long rip, unsigned long rbp)
{
	char sym[96];
	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG " [<%016lx>] %s\n", rip, ksym_format(sym, sizeof(sym), rip));
	show_frames(rbp);
}

/* Does addr look like a return address: kernel text just after a call? */
static bool after_call(unsigned long addr)
{
	const u8 *p = (const u8 *)addr;
	if (!ksym_lookup(addr - 1, NULL, NULL) || !ksym_lookup(addr - 6, NULL, NULL))
		return false;
	return p[-5] == 0xe8 ||				/* call rel32 */
	       (p[-2] == 0xff && (p[-1] & 0x38) == 0x10) ||	/* call *%reg */
	       (p[-3] == 0xff && (p[-2] & 0x38) == 0x10) ||	/* call *disp8(%reg) */
	       (p[-6] == 0xff && (p[-5] & 0x38) == 0x10);	/* call *disp32(...) */
}

/* The trace of a trap.  A fault in a function that has not pushed its
 * frame yet (a leaf without one, or a fault in the prologue) leaves its
 * caller's return address at the top of the stack, not in the rbp chain:
 * such an entry is found by looking there and printed with "?", as Linux
 * marks what it is not sure of. */
void show_trap_backtrace(const struct pt_regs *regs)
{
	char sym[96];

	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG " [<%016lx>] %s\n", regs->rip, ksym_format(sym, sizeof(sym), regs->rip));
	if (!user_mode(regs) && regs->rsp >= KERNEL_HALF && regs->rbp >= KERNEL_HALF &&
	    kern_addr_valid(regs->rsp) && kern_addr_valid(regs->rsp + 8) &&
	    kern_addr_valid(regs->rbp + 8)) {
		unsigned long *top = (unsigned long *)regs->rsp;
		unsigned long chained = ((unsigned long *)regs->rbp)[1];
		for (int i = 0; i < 2; i++) {
			if (top[i] != chained && after_call(top[i])) {
				printk(KERN_EMERG " [<%016lx>] ? %s\n", top[i],
				       ksym_format(sym, sizeof(sym), top[i] - 1));
				break;
			}
		}
	}
	show_frames(regs->rbp);
}

/* Follow the chain from rbp (see show_backtrace). */
static void show_frames(unsigned long rbp)
{
	char sym[96];
	for (int i = 0; i < BACKTRACE_MAX; i++) {
		if (rbp < KERNEL_HALF || !IS_ALIGNED(rbp, 8) || !kern_addr_valid(rbp) ||
		    !kern_addr_valid(rbp + 8))
			return;
		unsigned long *frame = (unsigned long *)rbp;
		unsigned long ret = frame[1];
		if (ret < KERNEL_HALF)
			return;
		/* ret - 1 is inside the call, so a call at a function's end is named right */
		printk(KERN_EMERG " [<%016lx>] %s\n", ret, ksym_format(sym, sizeof(sym), ret - 1));
		if (frame[0] <= rbp)
			return;
		rbp = frame[0];
	}
	printk(KERN_EMERG " ... (more frames)\n");
}

__noreturn void machine_halt(int qemu_code)
{
	qemu_exit(qemu_code);
	for (;;) {
		cli();
		hlt();
	}
}

/* Capture the caller's registers so a plain panic() shows them too. */
static __noinline void capture_regs(struct pt_regs *r)
{
	memset(r, 0, sizeof(*r));		/* mov %cs stores only 16 bits */
	asm volatile("mov %%rax, %0; mov %%rbx, %1; mov %%rcx, %2; mov %%rdx, %3"
		     : "=m"(r->rax), "=m"(r->rbx), "=m"(r->rcx), "=m"(r->rdx));
	asm volatile("mov %%rsi, %0; mov %%rdi, %1; mov %%r8, %2; mov %%r9, %3"
		     : "=m"(r->rsi), "=m"(r->rdi), "=m"(r->r8), "=m"(r->r9));
	asm volatile("mov %%r10, %0; mov %%r11, %1; mov %%r12, %2; mov %%r13, %3"
		     : "=m"(r->r10), "=m"(r->r11), "=m"(r->r12), "=m"(r->r13));
	asm volatile("mov %%r14, %0; mov %%r15, %1; mov %%cs, %2; mov %%ss, %3"
		     : "=m"(r->r14), "=m"(r->r15), "=m"(r->cs), "=m"(r->ss));
	r->rflags = read_rflags();
	/* the frame of panic(): our caller's rbp and return address */
	unsigned long *self = __builtin_frame_address(0);
	unsigned long *fp = (unsigned long *)self[0];	/* panic()'s frame */
	r->rbp = fp[0];
	/* the last byte of the call to panic(): its return address may already
	 * be the next function (a noreturn call ends its function) */
	r->rip = fp[1] - 1;
	r->rsp = (unsigned long)(fp + 2);
	r->vector = r->error_code = 0;
}

__noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	struct pt_regs regs;

	cli();
	if (panic_depth++) {	/* a fault while panicking: say so, stop */
		printk(KERN_EMERG "Kernel panic: nested panic (a fault while printing the first)\n");
		machine_halt(QEMU_EXIT_PANIC);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	if (!oops_printed) {
		capture_regs(&regs);
		show_regs(&regs);
		show_backtrace(regs.rip, regs.rbp);
	}
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	machine_halt(QEMU_EXIT_PANIC);
}
