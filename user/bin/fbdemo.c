/* fbdemo — draw the Mandelbrot set on /dev/fb0 through a shared mapping,
 * and show what the pfn-mapping fault path did for it.
 *
 *     fbdemo            draw, print the counts, exit
 *     fbdemo --wait     ... then "fbdemo: done, press Enter" and wait for a line
 *
 * Every page of the mapping is first written by the drawing loop, so each
 * costs two minor faults on faultline (docs/devices.md):
 *
 *	write, PTE none      -> do_shared_fault -> fb_fault -> vmf_insert_pfn
 *	                        (the PTE goes in read-only: the mapping wants
 *	                        write-notify), the write is retried and
 *	write, PTE read-only -> do_wp_page -> wp_pfn_shared -> fb_pfn_mkwrite
 *	                        (the page is marked damaged, the PTE made writable)
 *
 * Then fsync(fd) flushes: the damaged pages are reported, write-protected
 * again and the set cleared, so redrawing the calibration marks costs one
 * fault per page (pfn_mkwrite only) and damages just those pages.
 *
 * The picture is deterministic, for tests/run.py's screenshot boot: the
 * view is fixed (x from -2.5 to 1.0 across the screen, y centred), the
 * palette is fixed, points of the set are black, and three 64x64 marks sit
 * at (16,16) red 0xff0000, (96,16) green 0x00ff00, (176,16) blue 0x0000ff.
 * The kernel's text console draws on the same framebuffer: boot with
 * fbcon=0 to keep the picture clean (the serial console stays).
 *
 * On a Linux host without /dev/fb0 it says so and exits 0; with a real
 * /dev/fb0 it draws there, and the two faultline ioctls are reported as
 * missing (Linux's fbdev has no damage count). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <linux/fb.h>

#define PAGE		4096UL
#define MAX_ITER	128		/* iterations before a point counts as in the set */
#define MARK		64		/* calibration marks: 64x64 pixels */

/* The escape-time palette (n % 16): dark blue through white to orange. */
static const unsigned char palette[16][3] = {
	{ 66, 30, 15 }, { 25, 7, 26 }, { 9, 1, 47 }, { 4, 4, 73 },
	{ 0, 7, 100 }, { 12, 44, 138 }, { 24, 82, 177 }, { 57, 125, 209 },
	{ 134, 181, 229 }, { 211, 236, 248 }, { 241, 233, 191 }, { 248, 201, 95 },
	{ 255, 170, 0 }, { 204, 128, 0 }, { 153, 87, 0 }, { 106, 52, 3 },
};

static struct fb_var_screeninfo var;
static struct fb_fix_screeninfo fix;

/* One colour channel into its place in a pixel, as the bitfield says. */
static unsigned int channel(unsigned int v, const struct fb_bitfield *f)
{
	return f->length ? (v >> (8 - (f->length > 8 ? 8 : f->length))) << f->offset : 0;
}

static unsigned int pixel(unsigned int r, unsigned int g, unsigned int b)
{
	return channel(r, &var.red) | channel(g, &var.green) | channel(b, &var.blue);
}

/* Escape time of pixel (x, y): MAX_ITER for a point of the set.  The view
 * is 3.5 wide from x = -2.5, centred on y = 0, square pixels.  The main
 * cardioid and the period-2 bulb are answered without iterating (most of
 * the set: much faster under QEMU's emulated SSE).  tests/run.py repeats
 * this arithmetic in Python, operation for operation, so no contraction
 * into fused multiply-adds: the results must be bit-for-bit IEEE doubles. */
__attribute__((optimize("fp-contract=off")))
static int escape_time(unsigned int x, unsigned int y)
{
	double scale = 3.5 / (double)var.xres;
	double cx = -2.5 + ((double)x + 0.5) * scale;
	double cy = ((double)y + 0.5 - (double)var.yres / 2.0) * scale;
	double q = (cx - 0.25) * (cx - 0.25) + cy * cy;
	if (q * (q + (cx - 0.25)) <= 0.25 * cy * cy)
		return MAX_ITER;			/* main cardioid */
	if ((cx + 1.0) * (cx + 1.0) + cy * cy <= 0.0625)
		return MAX_ITER;			/* period-2 bulb */
	double zx = 0.0, zy = 0.0, x2 = 0.0, y2 = 0.0;
	int n = 0;
	while (n < MAX_ITER && x2 + y2 <= 4.0) {
		zy = 2.0 * zx * zy + cy;
		zx = x2 - y2 + cx;
		x2 = zx * zx;
		y2 = zy * zy;
		n++;
	}
	return n;
}

static unsigned int colour_at(unsigned int x, unsigned int y)
{
	int n = escape_time(x, y);
	if (n >= MAX_ITER)
		return pixel(0, 0, 0);
	return pixel(palette[n % 16][0], palette[n % 16][1], palette[n % 16][2]);
}

static unsigned int *row(unsigned char *fb, unsigned int y)
{
	return (unsigned int *)(fb + (size_t)y * fix.line_length);
}

static void draw_mandelbrot(unsigned char *fb)
{
	for (unsigned int y = 0; y < var.yres; y++) {
		unsigned int *p = row(fb, y);
		for (unsigned int x = 0; x < var.xres; x++)
			p[x] = colour_at(x, y);
	}
}

/* The calibration marks: red, green, blue squares in the top-left corner. */
static void draw_marks(unsigned char *fb)
{
	static const unsigned int rgb[3][3] = { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 } };
	for (int m = 0; m < 3; m++) {
		unsigned int x0 = 16 + 80 * m, c = pixel(rgb[m][0], rgb[m][1], rgb[m][2]);
		for (unsigned int y = 16; y < 16 + MARK && y < var.yres; y++)
			for (unsigned int x = x0; x < x0 + MARK && x < var.xres; x++)
				row(fb, y)[x] = c;
	}
}

static long minflt(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) < 0 ? -1 : ru.ru_minflt;
}

/* Pages of the mapping holding rows y0 .. y1-1. */
static unsigned long pages_of_rows(unsigned int y0, unsigned int y1)
{
	unsigned long first = (unsigned long)y0 * fix.line_length / PAGE;
	unsigned long last = ((unsigned long)y1 * fix.line_length - 1) / PAGE;
	return last - first + 1;
}

static void wait_for_enter(void)
{
	char c;
	printf("fbdemo: done, press Enter\n");
	while (read(0, &c, 1) == 1 && c != '\n')
		;
}

int main(int argc, char **argv)
{
	int wait = argc > 1 && strcmp(argv[1], "--wait") == 0;
	int fd = open("/dev/fb0", O_RDWR);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENODEV || errno == ENXIO) {
			printf("fbdemo: no framebuffer here (/dev/fb0: %s): nothing to draw\n",
			       strerror(errno));
			return 0;
		}
		printf("fbdemo: /dev/fb0: %s\n", strerror(errno));
		return 1;
	}
	if (ioctl(fd, FBIOGET_VSCREENINFO, &var) < 0 || ioctl(fd, FBIOGET_FSCREENINFO, &fix) < 0) {
		printf("fbdemo: FBIOGET_[VF]SCREENINFO: %s\n", strerror(errno));
		return 1;
	}
	printf("fbdemo: %ux%u, %u bits per pixel, %u bytes per line, %u bytes (%s)\n", var.xres,
	       var.yres, var.bits_per_pixel, fix.line_length, fix.smem_len, fix.id);
	if (var.bits_per_pixel != 32) {
		printf("fbdemo: only 32 bits per pixel is drawn here\n");
		return 1;
	}
	size_t len = ((size_t)fix.line_length * var.yres + PAGE - 1) & ~(PAGE - 1);
	unsigned char *fb = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fb == MAP_FAILED) {
		printf("fbdemo: mmap of %zu bytes: %s\n", len, strerror(errno));
		return 1;
	}
	/* Damage left by an earlier program is not ours: start from none.  On
	 * Linux this is -1 (ENOTTY): no damage tracking there. */
	int tracking = ioctl(fd, FBIO_FAULTLINE_FLUSH) >= 0, why = errno;

	/* Run the drawing code once before counting, so that its own pages
	 * of program text are already mapped: the count is the framebuffer's. */
	volatile unsigned int warm = colour_at(0, 0);
	(void)warm;
	unsigned long pages = len / PAGE;
	long before = minflt();
	draw_mandelbrot(fb);
	long faults = minflt() - before;
	draw_marks(fb);				/* pages already writable: no faults */
	printf("fbdemo: drew the Mandelbrot set: %ld minor faults for %lu pages "
	       "(%ld.%ld per page)\n", faults, pages, faults / (long)pages,
	       faults % (long)pages * 10 / (long)pages);
	if (tracking) {
		long damaged = ioctl(fd, FBIO_FAULTLINE_DAMAGE);
		printf("fbdemo: pfn_mkwrite marked %ld pages damaged\n", damaged);
		if (fsync(fd) < 0)
			printf("fbdemo: fsync: %s\n", strerror(errno));
		long left = ioctl(fd, FBIO_FAULTLINE_DAMAGE);
		printf("fbdemo: fsync flushed %ld pages (%ld damaged now)\n", damaged - left, left);

		/* Flushed pages are read-only again: the next write to each
		 * costs one fault (pfn_mkwrite, nothing to insert). */
		unsigned long mark_pages = pages_of_rows(16, 16 + MARK);
		before = minflt();
		draw_marks(fb);
		faults = minflt() - before;
		long flushed = ioctl(fd, FBIO_FAULTLINE_FLUSH);
		printf("fbdemo: redrew the marks: %ld minor faults for %lu pages, "
		       "FBIO_FAULTLINE_FLUSH flushed %ld\n", faults, mark_pages, flushed);
	} else {
		printf("fbdemo: no damage count here (%s): not faultline's /dev/fb0\n",
		       strerror(why));
		fsync(fd);
	}
	if (wait)
		wait_for_enter();
	munmap(fb, len);
	close(fd);
	return 0;
}
