/* kernel/panic.h — stopping the kernel with everything a debugger wants. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "kernel/types.h"
#include "kernel/printk.h"

struct pt_regs;

/* Print the message, the registers and a symbolised backtrace; then end
 * QEMU (test boots) or halt (make run).  Never returns. */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

void show_regs(const struct pt_regs *regs);
void show_backtrace(unsigned long rip, unsigned long rbp);
void show_trap_backtrace(const struct pt_regs *regs);
/* Stop the machine: QEMU exit (when the debug-exit device is there), then hlt. */
__noreturn void machine_halt(int qemu_code);

extern bool oops_printed;	/* die() already printed regs and trace */
extern int panic_depth;		/* >0 while panicking */

#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (unlikely(cond))                                            \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)
#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

#endif
