/* kernel/irq.h — hardware interrupts: the 8259 PIC and the PIT timer. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/types.h"

#define HZ		100		/* timer interrupts per second */
#define IRQ_TIMER	0
#define NR_IRQS		16		/* the two PICs' lines */

typedef void (*irq_handler_t)(void);

struct pt_regs;
void irq_init(void);			/* remap the PIC, start the PIT at HZ */
void irq_dispatch(struct pt_regs *regs, int irq);
/* A driver's handler for line irq (not the timer's), and the line unmasked:
 * 0, -EBUSY when the line has one already, -EINVAL for no such line (or
 * the timer's).  The handler runs with
 * interrupts off, on whatever the interrupt came in on (user mode or the
 * idle loop: the kernel itself runs with interrupts off). */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
extern volatile u64 jiffies;		/* timer ticks since boot */

#endif
