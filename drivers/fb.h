/* drivers/fb.h — the framebuffer GRUB set up: a text console on it, and
 * /dev/fb0, whose mmap is device memory mapped pfn by pfn (drivers/fb.c). */
#ifndef DRIVERS_FB_H
#define DRIVERS_FB_H

#include "kernel/types.h"

struct boot_info;
void fb_init(const struct boot_info *bi);	/* map it, start the console */
void fb_dev_init(void);				/* /dev/fb0 (after the VFS is up) */

/* Linux's fbdev ioctls, and two of faultline's own (documented in docs/devices.md). */
#define FBIOGET_VSCREENINFO	0x4600
#define FBIOGET_FSCREENINFO	0x4602
#define FBIO_FAULTLINE_DAMAGE	0x46f0	/* pages written since the last flush */
#define FBIO_FAULTLINE_FLUSH	0x46f1	/* flush: as fsync(fd); returns the pages flushed */

#endif
