/* kernel/irq.c — the 8259 PIC pair and the 8253/8254 PIT.
 *
 * The PICs are moved to vectors 32-47 (0-31 are the CPU's exceptions) and
 * every line but the timer is masked until a driver asks for it with
 * request_irq (the keyboard, IRQ 1: drivers/keyboard.c).  The PIT's
 * channel 0 ticks HZ times a second.  The kernel itself runs with
 * interrupts off (it is not preemptible); they are on in user mode, in the
 * idle loop and while a task waits for the console (hlt), so a tick
 * interrupts only those.  A long system call therefore holds the clock:
 * jiffies, and the times counted from it, do not advance during it. */
#include "kernel/irq.h"
#include "kernel/traps.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "kernel/time.h"
#include "kernel/errno.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_HZ		1193182		/* the PIT's input clock */

volatile u64 jiffies;

static struct {
	irq_handler_t handler;
	const char *name;
} irq_desc[NR_IRQS];

void irq_init(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: initialise, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);	/* ICW2: vector offsets */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 4);		/* ICW3: the slave is on line 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 1);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 1);
	outb(PIC1_DATA, (u8)~BIT(IRQ_TIMER));	/* only the timer */
	outb(PIC2_DATA, 0xff);

	u16 divisor = PIT_HZ / HZ;
	outb(PIT_CMD, 0x36);		/* channel 0, lobyte/hibyte, mode 3 */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name)
{
	if (irq >= NR_IRQS || irq == IRQ_TIMER || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq].handler = handler;
	irq_desc[irq].name = name;
	if (irq >= 8) {
		outb(PIC2_DATA, inb(PIC2_DATA) & (u8)~BIT(irq - 8));
		irq = 2;		/* the slave's cascade line on the master */
	}
	outb(PIC1_DATA, inb(PIC1_DATA) & (u8)~BIT(irq));
	return 0;
}

/* The end of interrupt goes first: the PIC's lines are edge-triggered, so
 * an edge that comes while the handler runs (the keyboard's next byte,
 * once the handler has read this one) is latched, not lost. */
void irq_dispatch(struct pt_regs *regs, int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
	if (irq == IRQ_TIMER) {
		jiffies++;
		tsc_tick();		/* the fine clock: this tick's TSC, the rate */
		scheduler_tick(regs);
	} else if (irq_desc[irq].handler) {
		irq_desc[irq].handler();
	}
}
