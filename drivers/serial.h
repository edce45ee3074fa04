/* drivers/serial.h — the 16550 UART on COM1, the kernel's first console. */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include "kernel/types.h"

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
int serial_getc_nonblock(void);		/* a received byte, or -1 */
bool serial_data_ready(void);		/* is a received byte waiting? */

#endif
