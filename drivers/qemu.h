/* drivers/qemu.h — two QEMU devices the test harness uses.
 *
 * isa-debug-exit (I/O port 0xf4, added by the runner with
 *   -device isa-debug-exit,iobase=0xf4,iosize=0x04): writing v ends QEMU
 *   with exit status (v << 1) | 1.  Without the device the write does
 *   nothing, so `make run` just halts where a test boot would exit.
 * fw_cfg (I/O ports 0x510/0x511): QEMU's firmware configuration files;
 *   the runner passes extra command-line options in opt/faultline/cmdline. */
#ifndef DRIVERS_QEMU_H
#define DRIVERS_QEMU_H

#include "kernel/types.h"

#define QEMU_EXIT_OK	0	/* QEMU exits with status 1 */
#define QEMU_EXIT_PANIC	1	/* QEMU exits with status 3 */

void qemu_exit(int code);
/* Read fw_cfg file `name` into buf (NUL-terminated); its length, or -1. */
int fw_cfg_read_file(const char *name, char *buf, size_t size);

#endif
