/* kernel/traps.c — the IDT and the default exception handlers.
 *
 * Every one of the 32 exceptions has a gate; by default each prints an
 * oops (its name, error code, symbolised RIP, CR2 for #PF and #DF, the
 * registers and the call trace) and panics.  Later code takes vectors
 * over with set_trap_handler() (the page fault, user-mode traps). */
#include "kernel/traps.h"
#include "kernel/gdt.h"
#include "kernel/panic.h"
#include "kernel/ksyms.h"
#include "kernel/x86.h"
#include "drivers/qemu.h"
#include "kernel/irq.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/proc.h"

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;			/* 0, or the IST stack to switch to */
	u8 type_attr;		/* P, DPL, type */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

#define GATE_INTERRUPT	0x8e	/* P, DPL 0, 64-bit interrupt gate (IF cleared) */
#define GATE_USER	0x60	/* DPL 3: int3 may be used from user mode */

static struct idt_gate idt[256] __aligned(16);
static trap_handler_t trap_handlers[X86_NR_EXCEPTIONS];
extern const u64 trap_stubs[NR_TRAP_STUBS];	/* kernel/entry.asm */

static const char *const trap_names[X86_NR_EXCEPTIONS] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[9] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "SIMD coprocessor error",
	[20] = "virtualization exception",
	[21] = "control protection",
	[29] = "VMM communication",
	[30] = "security exception",
};

const char *trap_name(int vector)
{
	if (vector >= 0 && vector < X86_NR_EXCEPTIONS && trap_names[vector])
		return trap_names[vector];
	return "reserved exception";
}

static void set_gate(int vec, u64 handler, u8 ist, u8 attr)
{
	struct idt_gate *g = &idt[vec];
	g->offset_low = handler & 0xffff;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr = attr;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

/* An NMI (a watchdog, a QEMU "nmi" monitor command) is reported and
 * otherwise ignored, wherever it arrived; a machine check is fatal.
 * Neither is the interrupted program's doing: no signal. */
static void nmi_handler(struct pt_regs *regs)
{
	printk(KERN_WARNING "NMI received (ignored)\n");
}

static void machine_check(struct pt_regs *regs)
{
	die("machine check", regs);
}

void trap_init(void)
{
	struct { u16 limit; u64 base; } __packed p = { sizeof(idt) - 1, (u64)idt };

	for (int v = 0; v < NR_TRAP_STUBS; v++)
		set_gate(v, trap_stubs[v], 0, GATE_INTERRUPT);
	set_gate(X86_TRAP_DF, trap_stubs[X86_TRAP_DF], IST_DOUBLE_FAULT, GATE_INTERRUPT);
	set_gate(X86_TRAP_NMI, trap_stubs[X86_TRAP_NMI], IST_NMI, GATE_INTERRUPT);
	set_gate(X86_TRAP_MC, trap_stubs[X86_TRAP_MC], IST_MACHINE_CHECK, GATE_INTERRUPT);
	set_gate(X86_TRAP_BP, trap_stubs[X86_TRAP_BP], 0, GATE_INTERRUPT | GATE_USER);
	trap_handlers[X86_TRAP_NMI] = nmi_handler;
	trap_handlers[X86_TRAP_MC] = machine_check;
	asm volatile("lidt %0" : : "m"(p));
}

void set_trap_handler(int vector, trap_handler_t fn)
{
	trap_handlers[vector] = fn;
}

__noreturn void die(const char *what, struct pt_regs *regs)
{
	static bool in_die;
	char sym[96];

	cli();
	if (panic_depth || in_die) {	/* a fault while reporting one: do not recurse */
		printk(KERN_EMERG "%s at %s while panicking\n", what,
		       ksym_format(sym, sizeof(sym), regs->rip));
		machine_halt(QEMU_EXIT_PANIC);
	}
	in_die = true;
	printk(KERN_EMERG "Oops: %s: error code 0x%lx (vector %lu)\n", what, regs->error_code,
	       regs->vector);
	printk(KERN_EMERG "RIP: %s\n", ksym_format(sym, sizeof(sym), regs->rip));
	if (regs->vector == X86_TRAP_PF || regs->vector == X86_TRAP_DF) {
		unsigned long cr2 = read_cr2();
		const char *guard = stack_guard_name(cr2);
		printk(KERN_EMERG "CR2: %016lx%s%s\n", cr2, guard ? " in " : "", guard ? guard : "");
		if (guard)
			printk(KERN_EMERG "kernel stack overflow: the stack ran into %s\n", guard);
	}
	show_regs(regs);
	show_trap_backtrace(regs);
	oops_printed = true;
	panic("Fatal exception: %s", what);
}

/* Is there anything for exit_to_user_mode to do after a trap?  (Linux
 * tests one word, its thread flags, for the same purpose: the call costs
 * a fault 20 instructions when, as nearly always, there is nothing.)  A
 * signal pending but blocked says yes: exit_to_user_mode then finds
 * nothing.  Not for system calls: their return also restarts them. */
static inline bool exit_to_user_mode_work(void)
{
	return need_resched || current->sig.pending || current->restore_sigmask;
}

/* Called by trap_common (entry.asm) for every exception and interrupt.
 * On the way back to user mode: signals and rescheduling (kernel/signal.c). */
void trap_dispatch(struct pt_regs *regs)
{
	int v = (int)regs->vector;
	if (v >= IRQ_BASE && v < NR_TRAP_STUBS)
		irq_dispatch(regs, v - IRQ_BASE);
	else if (v < X86_NR_EXCEPTIONS && trap_handlers[v])
		trap_handlers[v](regs);
	else if (user_mode(regs))
		force_sig_fault_trap(regs, v);	/* e.g. #UD in a program: SIGILL */
	else
		die(trap_name(v), regs);
	if (user_mode(regs) && exit_to_user_mode_work())
		exit_to_user_mode(regs);
}
