/* linux/fb.h — the fbdev interface of /dev/fb0: Linux's structs and
 * ioctls (include/uapi/linux/fb.h), plus faultline's two (drivers/fb.h,
 * docs/devices.md). */
#ifndef _LINUX_FB_H
#define _LINUX_FB_H

#define FBIOGET_VSCREENINFO	0x4600
#define FBIOGET_FSCREENINFO	0x4602
#define FBIO_FAULTLINE_DAMAGE	0x46f0	/* faultline: pages written since the last flush */
#define FBIO_FAULTLINE_FLUSH	0x46f1	/* faultline: flush as fsync; returns pages flushed */
#define FB_TYPE_PACKED_PIXELS	0
#define FB_VISUAL_TRUECOLOR	2
#define FB_MAJOR		29	/* Linux's devices.txt: 29 char, frame buffer */

struct fb_bitfield {
	unsigned int offset, length, msb_right;
};

struct fb_var_screeninfo {
	unsigned int xres, yres, xres_virtual, yres_virtual, xoffset, yoffset;
	unsigned int bits_per_pixel, grayscale;
	struct fb_bitfield red, green, blue, transp;
	unsigned int nonstd, activate, height, width, accel_flags;
	unsigned int pixclock, left_margin, right_margin, upper_margin, lower_margin;
	unsigned int hsync_len, vsync_len, sync, vmode, rotate, colorspace;
	unsigned int reserved[4];
};

struct fb_fix_screeninfo {
	char id[16];
	unsigned long smem_start;
	unsigned int smem_len, type, type_aux, visual;
	unsigned short xpanstep, ypanstep, ywrapstep;
	unsigned int line_length;
	unsigned long mmio_start;
	unsigned int mmio_len, accel;
	unsigned short capabilities, reserved[2];
};

_Static_assert(sizeof(struct fb_var_screeninfo) == 160, "Linux's fb_var_screeninfo");
_Static_assert(sizeof(struct fb_fix_screeninfo) == 80, "Linux's fb_fix_screeninfo");

#endif
