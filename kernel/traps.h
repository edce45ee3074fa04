/* kernel/traps.h — the IDT, the register frame of a trap, trap handlers. */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include "kernel/types.h"

/* The registers saved on entry to the kernel, lowest address first: what
 * kernel/entry.asm pushes (r15 last), then the vector and error code, then
 * what the CPU pushed (rip, cs, rflags, rsp, ss). */
struct pt_regs {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;		/* exception number, pushed by the stub */
	u64 error_code;		/* the CPU's, or 0 for vectors without one */
	u64 rip, cs, rflags, rsp, ss;
};

enum {
	X86_TRAP_DE = 0,	/* divide error */
	X86_TRAP_DB = 1,	/* debug */
	X86_TRAP_NMI = 2,	/* non-maskable interrupt */
	X86_TRAP_BP = 3,	/* breakpoint (int3) */
	X86_TRAP_OF = 4,	/* overflow */
	X86_TRAP_BR = 5,	/* bound range exceeded */
	X86_TRAP_UD = 6,	/* invalid opcode */
	X86_TRAP_NM = 7,	/* device not available */
	X86_TRAP_DF = 8,	/* double fault */
	X86_TRAP_TS = 10,	/* invalid TSS */
	X86_TRAP_NP = 11,	/* segment not present */
	X86_TRAP_SS = 12,	/* stack-segment fault */
	X86_TRAP_GP = 13,	/* general protection */
	X86_TRAP_PF = 14,	/* page fault */
	X86_TRAP_MF = 16,	/* x87 floating point */
	X86_TRAP_AC = 17,	/* alignment check */
	X86_TRAP_MC = 18,	/* machine check */
	X86_TRAP_XF = 19,	/* SIMD floating point */
	X86_NR_EXCEPTIONS = 32,
	IRQ_BASE = 32,		/* the PIC's IRQ 0-15 arrive as vectors 32-47 */
	NR_TRAP_STUBS = 48,
};

/* A handler for one vector; the default prints the oops and panics. */
typedef void (*trap_handler_t)(struct pt_regs *regs);
void set_trap_handler(int vector, trap_handler_t fn);
void trap_init(void);
const char *trap_name(int vector);

/* Print the oops for regs (name, error code, RIP, registers, call trace)
 * and panic.  Used by the default handler and by the kernel #PF path. */
__noreturn void die(const char *what, struct pt_regs *regs);

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

#endif
