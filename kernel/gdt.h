/* kernel/gdt.h — segments and the TSS.
 *
 * Selector layout (the order sysret needs: user data just below user code):
 *   0x08 kernel code · 0x10 kernel data · 0x18 (unused 32-bit user code)
 *   0x20 user data (0x23 with RPL 3) · 0x28 user code (0x2b) · 0x30 TSS */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include "kernel/types.h"

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define USER_DS		(0x20 | 3)
#define USER_CS		(0x28 | 3)
#define TSS_SEL		0x30

/* Interrupt stack tables: exceptions that must run on a known-good stack. */
#define IST_DOUBLE_FAULT 1	/* #DF: the kernel stack may be what failed */
#define IST_NMI		2	/* NMI: may arrive anywhere */
#define IST_MACHINE_CHECK 3	/* #MC */
#define IST_STACK_SIZE	16384

void gdt_init(void);
void tss_set_rsp0(u64 rsp0);	/* the stack a trap from user mode starts on */
/* Is addr inside one of the IST stacks' guard pages or the boot stack's? */
const char *stack_guard_name(unsigned long addr);

#endif
