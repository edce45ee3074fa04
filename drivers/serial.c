/* drivers/serial.c — 16550 UART on COM1 (0x3f8), polled.
 *
 * 115200 baud, 8 data bits, no parity, one stop bit.  Output waits for the
 * transmit holding register; "\n" goes out as "\r\n" for terminals. */
#include "drivers/serial.h"
#include "kernel/x86.h"
#include "kernel/printk.h"

#define COM1		0x3f8
#define UART_DATA	0	/* receive/transmit buffer (DLAB=0) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LCR_8N1	0x03	/* 8 bits, no parity, 1 stop */
#define UART_LCR_DLAB	0x80	/* divisor latch access */
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

static void serial_console_write(const char *s, size_t n)
{
	serial_write(s, n);
}

static struct console serial_console = { .name = "ttyS0", .write = serial_console_write };

/* The FIFO control register is left alone: switching the FIFOs on clears
 * the receiver, losing what was typed before the kernel started; with the
 * one-byte receiver, QEMU holds further input until it is read. */
void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);			/* polled: no interrupts */
	outb(COM1 + UART_LCR, UART_LCR_DLAB);
	outb(COM1 + UART_DLL, 1);			/* divisor 1 = 115200 baud */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, UART_LCR_8N1);
	outb(COM1 + UART_MCR, 0x03);			/* DTR, RTS */
	register_console(&serial_console);
}

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1 + UART_DATA, (u8)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

bool serial_data_ready(void)
{
	return inb(COM1 + UART_LSR) & UART_LSR_DR;
}

int serial_getc_nonblock(void)
{
	if (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1 + UART_DATA);
}
