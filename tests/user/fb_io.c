/* fb_io — /dev/fb0 as a file: Linux's fbdev ioctls, and read()/write()/
 * lseek() over the pixels agreeing with a mapping of them.
 *
 * The queries (fstat, FBIOGET_VSCREENINFO, FBIOGET_FSCREENINFO, a bad
 * pointer) change nothing and run wherever there is a /dev/fb0, Linux
 * included; the checks that write pixels, or rely on faultline's end of
 * file (the pixels: line_length * yres) and its ioctl answers, run on
 * faultline only.  Without /dev/fb0 (the Linux host) every check is skipped.
 *
 * Every check runs in a child process of its own with its own file
 * offset (it opens /dev/fb0 itself). */
#include "check.h"
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/fb.h>

#define PAGE			4096L

static struct fb_var_screeninfo var;	/* set by main before the first fork */
static struct fb_fix_screeninfo fix;
static long fb_end;			/* faultline: read() ends here (line_length * yres) */
static long fb_len;			/* ... rounded up to whole pages: what mmap takes */

static int open_fb(int flags)
{
	int fd = open("/dev/fb0", flags);
	if (fd < 0)
		diag("open /dev/fb0: %s", strerror(errno));
	return fd;
}

static unsigned char *map_fb(int fd)
{
	unsigned char *p = mmap(NULL, fb_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		diag("mmap /dev/fb0: %s", strerror(errno));
		return NULL;
	}
	return p;
}

/* A pattern no pixel is likely to hold already, different per call. */
static void pattern(unsigned char *buf, long n, unsigned char seed)
{
	for (long i = 0; i < n; i++)
		buf[i] = (unsigned char)(seed + i * 7);
}

/* The offset of pixel (x, y). */
static long at(unsigned int x, unsigned int y)
{
	return (long)y * fix.line_length + (long)x * 4;
}

/* ---- the queries: any fbdev ---- */

static int fstat_is_fb_chardev(void)
{
	return expect_dev_node(open_fb(O_RDONLY), S_IFCHR, FB_MAJOR, 0);
}

static int vscreeninfo_geometry(void)
{
	EXPECT(var.xres > 0 && var.yres > 0);
	EXPECT(var.xres_virtual >= var.xres && var.yres_virtual >= var.yres);
	EXPECT_EQ(var.bits_per_pixel, 32);
	return 1;
}

static int vscreeninfo_colours(void)
{
	diag("red at bit %u, green at %u, blue at %u", var.red.offset, var.green.offset,
	     var.blue.offset);
	EXPECT_EQ(var.red.length, 8);
	EXPECT_EQ(var.green.length, 8);
	EXPECT_EQ(var.blue.length, 8);
	EXPECT(var.red.offset % 8 == 0 && var.green.offset % 8 == 0 && var.blue.offset % 8 == 0);
	EXPECT(var.red.offset <= 24 && var.green.offset <= 24 && var.blue.offset <= 24);
	EXPECT(var.red.offset != var.green.offset && var.green.offset != var.blue.offset &&
	       var.red.offset != var.blue.offset);
	return 1;
}

static int fscreeninfo_layout(void)
{
	EXPECT(fix.line_length >= var.xres * 4);
	EXPECT((unsigned long)fix.smem_len >= (unsigned long)fix.line_length * var.yres);
	EXPECT_EQ(fix.type, FB_TYPE_PACKED_PIXELS);
	EXPECT_EQ(fix.visual, FB_VISUAL_TRUECOLOR);
	EXPECT(fix.id[0] != 0 && memchr(fix.id, 0, sizeof(fix.id)) != NULL);
	return 1;
}

static int ioctl_bad_pointer_efault(void)
{
	int fd = open_fb(O_RDONLY);
	EXPECT(fd >= 0);
	errno = 0;
	EXPECT(ioctl(fd, FBIOGET_VSCREENINFO, (void *)8) == -1 && errno == EFAULT);
	errno = 0;
	EXPECT(ioctl(fd, FBIOGET_FSCREENINFO, (void *)-4096L) == -1 && errno == EFAULT);
	return 1;
}

static int readonly_fd_write_ebadf(void)
{
	int fd = open_fb(O_RDONLY);
	unsigned char b = 0;
	EXPECT(fd >= 0);
	errno = 0;
	EXPECT(write(fd, &b, 1) == -1 && errno == EBADF);
	return 1;
}

/* ---- faultline: its ioctls, end of file, and writes ---- */

static int unknown_ioctl_enotty(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	errno = 0;
	EXPECT(ioctl(fd, 0x46ee, 0) == -1 && errno == ENOTTY);
	EXPECT(ioctl(fd, FBIO_FAULTLINE_DAMAGE) >= 0);
	EXPECT(ioctl(fd, FBIO_FAULTLINE_FLUSH) >= 0);
	EXPECT_EQ(ioctl(fd, FBIO_FAULTLINE_DAMAGE), 0);
	return 1;
}

static int write_shows_in_mapping(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char *p = map_fb(fd);
	EXPECT(p);
	unsigned char buf[256];
	pattern(buf, sizeof(buf), 0x31);
	long off = at(10, var.yres - 3);
	EXPECT_EQ(lseek(fd, off, SEEK_SET), off);
	EXPECT_EQ(write(fd, buf, sizeof(buf)), sizeof(buf));
	EXPECT(memcmp(p + off, buf, sizeof(buf)) == 0);
	return 1;
}

static int mapping_shows_in_read(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char *p = map_fb(fd);
	EXPECT(p);
	unsigned char want[300], got[300];
	pattern(want, sizeof(want), 0x77);
	long off = at(3, var.yres - 5) + 1;	/* not pixel-aligned: bytes are bytes */
	memcpy(p + off, want, sizeof(want));
	EXPECT_EQ(lseek(fd, off, SEEK_SET), off);
	EXPECT_EQ(read(fd, got, sizeof(got)), sizeof(got));
	EXPECT(memcmp(got, want, sizeof(want)) == 0);
	return 1;
}

/* A whole row across a page boundary, written with write(), read back
 * both through the mapping and with pread(), which leaves f_pos alone. */
static int row_across_pages_agrees(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char *p = map_fb(fd);
	EXPECT(p);
	static unsigned char row[16384], back[16384];
	long len = fix.line_length < sizeof(row) ? fix.line_length : (long)sizeof(row);
	long off = ((long)fix.line_length * (var.yres - 8) / PAGE) * PAGE + PAGE / 2;
	EXPECT(off + len <= fb_end);
	pattern(row, len, 0x5c);
	EXPECT_EQ(pwrite(fd, row, len, off), len);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);	/* pwrite: f_pos untouched */
	EXPECT(memcmp(p + off, row, len) == 0);
	EXPECT_EQ(pread(fd, back, len, off), len);
	EXPECT(memcmp(back, row, len) == 0);
	return 1;
}

static int lseek_and_offsets(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char b[16];
	long base = at(0, var.yres - 2);
	EXPECT_EQ(lseek(fd, base, SEEK_SET), base);
	EXPECT_EQ(read(fd, b, 16), 16);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), base + 16);	/* read advances f_pos */
	EXPECT_EQ(lseek(fd, -8, SEEK_CUR), base + 8);
	EXPECT_EQ(write(fd, b, 4), 4);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), base + 12);	/* so does write */
	errno = 0;
	EXPECT(lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), base + 12);	/* a failed seek moves nothing */
	return 1;
}

/* The end of the pixels is the end of the file: a read there is 0, one
 * across it is cut short, a write there is ENOSPC (as Linux's fb_write). */
static int end_of_pixels(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char b[64];
	EXPECT_EQ(pread(fd, b, sizeof(b), fb_end), 0);
	EXPECT_EQ(pread(fd, b, sizeof(b), fb_end - 10), 10);
	EXPECT_EQ(lseek(fd, fb_end - 4, SEEK_SET), fb_end - 4);
	EXPECT_EQ(write(fd, b, 8), 4);			/* cut at the end */
	errno = 0;
	EXPECT(write(fd, b, 8) == -1 && errno == ENOSPC);
	EXPECT_EQ(write(fd, b, 0), 0);
	return 1;
}

/* Far past the end (2^62, and just below 2^63): a read is 0, a write
 * EFBIG, as Linux's fb_write for an offset beyond the end (once 64 bytes
 * "went" somewhere); seeks that would pass 2^63 are EINVAL. */
static int far_past_the_end(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char b[64] = { 0 };
	const long far = 1L << 62, top = 0x7fffffffffffffffL;
	EXPECT_EQ(lseek(fd, far, SEEK_SET), far);
	EXPECT_EQ(read(fd, b, sizeof(b)), 0);
	EXPECT_ERRNO(write(fd, b, sizeof(b)), EFBIG);
	EXPECT_ERRNO(pwrite(fd, b, sizeof(b), fb_end + 1), EFBIG);
	EXPECT_ERRNO(pwrite(fd, b, sizeof(b), top - 8), EINVAL);	/* pos + count overflows */
	EXPECT_ERRNO(pread(fd, b, sizeof(b), top - 8), EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), far);
	EXPECT_ERRNO(lseek(fd, far, SEEK_CUR), EINVAL);		/* 2^63: negative */
	EXPECT_ERRNO(lseek(fd, top, SEEK_END), EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), far);
	return 1;
}

/* write() goes straight to the pixels, not through a mapping: no fault,
 * no pfn_mkwrite, so no damage (the count is of mapped writes). */
static int write_syscall_no_damage(void)
{
	int fd = open_fb(O_RDWR);
	EXPECT(fd >= 0);
	unsigned char b[64] = { 0 };
	EXPECT(ioctl(fd, FBIO_FAULTLINE_FLUSH) >= 0);
	EXPECT_EQ(pwrite(fd, b, sizeof(b), at(0, var.yres - 1)), sizeof(b));
	EXPECT_EQ(ioctl(fd, FBIO_FAULTLINE_DAMAGE), 0);
	return 1;
}

/* Why the checks that write pixels or read faultline's answers skip on Linux. */
#define NOT_HERE "not faultline: its end of file and ioctls differ, and the host's screen " \
		 "is not ours to draw on"

static const struct check checks[] = {
	CHECK("fstat: a character device, major 29 minor 0", fstat_is_fb_chardev),
	CHECK("FBIOGET_VSCREENINFO: xres, yres, virtual >= visible, 32 bits per pixel",
	      vscreeninfo_geometry),
	CHECK("FBIOGET_VSCREENINFO: 8-bit red, green, blue at distinct byte offsets",
	      vscreeninfo_colours),
	CHECK("FBIOGET_FSCREENINFO: line_length >= 4*xres, smem_len >= line_length*yres, "
	      "packed truecolour", fscreeninfo_layout),
	CHECK("an ioctl into a bad address is EFAULT", ioctl_bad_pointer_efault),
	CHECK("write on an O_RDONLY fd is EBADF", readonly_fd_write_ebadf),
	FAULTLINE_ONLY("an unknown ioctl is ENOTTY; faultline's two answer", unknown_ioctl_enotty,
		       NOT_HERE),
	FAULTLINE_ONLY("write() at an offset shows in the mapping", write_shows_in_mapping,
		       NOT_HERE),
	FAULTLINE_ONLY("a store through the mapping shows in read()", mapping_shows_in_read,
		       NOT_HERE),
	FAULTLINE_ONLY("a row across a page boundary: pwrite, the mapping and pread agree",
		       row_across_pages_agrees, NOT_HERE),
	FAULTLINE_ONLY("lseek SEEK_SET/SEEK_CUR; read and write advance the offset",
		       lseek_and_offsets, NOT_HERE),
	FAULTLINE_ONLY("far past the end (2^62): read 0, write EFBIG; offset overflow EINVAL",
		       far_past_the_end, NOT_HERE),
	FAULTLINE_ONLY("the end of the pixels: read 0, cut short, write ENOSPC", end_of_pixels,
		       NOT_HERE),
	FAULTLINE_ONLY("write() marks no page damaged (only mapped writes do)",
		       write_syscall_no_damage, NOT_HERE),
};

int main(void)
{
	static char why[160];
	const char *skip_all = NULL;
	int fd = open("/dev/fb0", O_RDONLY);

	if (fd < 0) {
		snprintf(why, sizeof(why), "no /dev/fb0 here (%s)", strerror(errno));
		skip_all = why;
	} else if (ioctl(fd, FBIOGET_VSCREENINFO, &var) < 0 ||
		   ioctl(fd, FBIOGET_FSCREENINFO, &fix) < 0) {
		snprintf(why, sizeof(why), "FBIOGET_[VF]SCREENINFO: %s", strerror(errno));
		skip_all = why;
	}
	if (fd >= 0)
		close(fd);
	fb_end = (long)fix.line_length * var.yres;
	fb_len = (fb_end + PAGE - 1) & ~(PAGE - 1);

	plan(NCHECKS(checks));
	for (int i = 0; i < NCHECKS(checks); i++) {
		if (skip_all)
			skip("%s: %s", checks[i].name, skip_all);
		else
			run_check(&checks[i]);	/* FAULTLINE_ONLY: skipped on Linux */
	}
	return done_testing();
}
