/* kernel/irq.h — hardware interrupts: the 8259 PIC and the PIT timer. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/types.h"

#define HZ		100		/* timer interrupts per second */
#define IRQ_TIMER	0

struct pt_regs;
void irq_init(void);			/* remap the PIC, start the PIT at HZ */
void irq_dispatch(struct pt_regs *regs, int irq);
extern volatile u64 jiffies;		/* timer ticks since boot */

#endif
