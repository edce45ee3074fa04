/* drivers/fb.c — the linear framebuffer: console and /dev/fb0.
 *
 * GRUB leaves a 32-bpp linear framebuffer (multiboot2 tag 8).  The kernel
 * maps it write-combining (PAT entry 1) and draws a text console on it,
 * 8x16 glyphs, mirroring the serial console.
 *
 * /dev/fb0 reads, writes and seeks over the pixels and answers Linux's
 * FBIOGET_VSCREENINFO / FBIOGET_FSCREENINFO.  Its mmap is the pfn-map case
 * of the fault path: device memory has no struct page, so the VMA is
 * VM_PFNMAP | VM_IO | VM_DONTEXPAND, copy-on-write is impossible (refused),
 * and ->fault puts each pfn in place with vmf_insert_pfn.  A shared
 * writable mapping starts read-only: the first write to each page calls
 * ->pfn_mkwrite, which marks the page damaged; a flush (fsync, or the
 * FBIO_FAULTLINE_FLUSH ioctl) reports the damage, write-protects those
 * pages again in every mapping and clears the set — Linux's fb_defio
 * cycle, on raw pfns. */
#include "drivers/fb.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "kernel/cmdline.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/x86.h"
#include "kernel/uaccess.h"
#include "kernel/fs/fs.h"
#include "mm/mm.h"
#include "mm/memory.h"
#include "mm/kpgtable.h"

#define FB_VIRT		0xffffc90200000000UL	/* the kernel's view of the pixels */
#define FB_MAX_PAGES	(16UL << 20 >> PAGE_SHIFT)	/* 16 MiB of framebuffer at most */
#define MSR_PAT		0x277
/* PAT: entry 0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WC, 6 UC-, 7 UC; a PTE with
 * PWT set (and PCD, PAT clear) selects entry 1: write-combining. */
#define PAT_VALUE	0x0007010600070106ULL
#define _PAGE_CACHE_WC	_PAGE_PWT
#define CHAR_W		8
#define CHAR_H		16

extern const u8 font8x16[256][16];	/* build/gen/font8x16.c (scripts/mkfont.py) */

static struct {
	bool present;
	phys_addr_t phys;
	u32 *pixels;			/* at FB_VIRT */
	u32 width, height, pitch;	/* pitch in bytes */
	size_t size;			/* bytes, page-aligned */
	struct boot_fb info;
} fb;

/* ---- the text console ---- */

static struct {
	u32 cols, rows, x, y;
	u32 fg, bg;
} con;

static u32 rgb(u8 r, u8 g, u8 b)
{
	return ((u32)r >> (8 - fb.info.red_size) << fb.info.red_pos) |
	       ((u32)g >> (8 - fb.info.green_size) << fb.info.green_pos) |
	       ((u32)b >> (8 - fb.info.blue_size) << fb.info.blue_pos);
}

static u32 *pixel_row(u32 y)
{
	return (u32 *)((u8 *)fb.pixels + (size_t)y * fb.pitch);
}

static void draw_glyph(u32 col, u32 row, u8 c)
{
	for (int r = 0; r < CHAR_H; r++) {
		u32 *p = pixel_row(row * CHAR_H + r) + col * CHAR_W;
		u8 bits = font8x16[c][r];
		for (int b = 0; b < CHAR_W; b++)
			p[b] = bits & (0x80 >> b) ? con.fg : con.bg;
	}
}

static void clear_rows(u32 from, u32 to)
{
	for (u32 y = from * CHAR_H; y < to * CHAR_H; y++) {
		u32 *p = pixel_row(y);
		for (u32 x = 0; x < fb.width; x++)
			p[x] = con.bg;
	}
}

/* At the bottom: move the lower half up (jump scroll: one copy per half
 * screen of text, not one per line — copying 3 MiB is slow in an emulator). */
static void newline(void)
{
	con.x = 0;
	if (++con.y < con.rows)
		return;
	u32 keep = con.rows / 2, drop = con.rows - keep;
	memmove(pixel_row(0), pixel_row(drop * CHAR_H), (size_t)keep * CHAR_H * fb.pitch);
	clear_rows(keep, con.rows);
	con.y = keep;
}

static void fbcon_putc(char c)
{
	switch (c) {
	case '\n': newline(); return;
	case '\r': con.x = 0; return;
	case '\b': if (con.x) con.x--; return;
	case '\t': do fbcon_putc(' '); while (con.x % 8); return;
	}
	if (con.x >= con.cols)
		newline();
	draw_glyph(con.x++, con.y, (u8)c);
}

static void fbcon_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fbcon_putc(s[i]);
}

static struct console fb_console = { .name = "fb0", .write = fbcon_write };

KPARAM(fbcon, "0: no text console on the framebuffer (the serial console stays)");

/* Program the PAT so that PWT selects write-combining (as Linux does). */
static void pat_init(void)
{
	u32 a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & BIT(16)))
		return;				/* no PAT: PWT means write-through, fine too */
	asm volatile("wbinvd" ::: "memory");
	wrmsr(MSR_PAT, PAT_VALUE);
	flush_tlb_all();
}

void fb_init(const struct boot_info *bi)
{
	const struct boot_fb *f = &bi->fb;
	if (!f->present || f->type != 1 || f->bpp != 32) {
		printk("fb: no 32-bpp linear framebuffer from the boot loader\n");
		return;
	}
	fb.info = *f;
	fb.phys = f->addr;
	fb.width = f->width;
	fb.height = f->height;
	fb.pitch = f->pitch;
	fb.size = ALIGN_UP((size_t)f->pitch * f->height, PAGE_SIZE);
	if (fb.size > FB_MAX_PAGES * PAGE_SIZE || (fb.phys & ~PAGE_MASK)) {
		printk("fb: %zu bytes at %lx: not a framebuffer this driver can map\n", fb.size, fb.phys);
		return;
	}
	pat_init();
	if (map_range(init_pml4, FB_VIRT, fb.phys, fb.size,
		      __pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_CACHE_WC)) < 0) {
		printk("fb: no memory to map the framebuffer\n");
		return;
	}
	fb.pixels = (u32 *)FB_VIRT;
	fb.present = true;
	con.cols = fb.width / CHAR_W;
	con.rows = fb.height / CHAR_H;
	con.fg = rgb(0xc0, 0xc0, 0xc0);
	con.bg = rgb(0, 0, 0x20);
	if (cmdline_get("fbcon") && !cmdline_flag("fbcon"))
		return;
	clear_rows(0, con.rows);
	register_console(&fb_console);
	printk("fb: %ux%u console of %ux%u characters on the framebuffer\n", fb.width, fb.height,
	       con.cols, con.rows);
}

/* ---- /dev/fb0 ---- */

static u64 damaged[FB_MAX_PAGES / 64];	/* pages written since the last flush */
static unsigned long nr_damaged;
static struct inode *fb_inode;		/* its i_data.i_mmap lists the mappings */

static ssize_t fb_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	size_t len = (size_t)fb.pitch * fb.height;
	if (*pos < 0)
		return -EINVAL;
	if ((size_t)*pos >= len)
		return 0;
	n = MIN(n, len - (size_t)*pos);
	memcpy(buf, (u8 *)fb.pixels + *pos, n);
	*pos += n;
	return (ssize_t)n;
}

/* As Linux's fb_write: an offset past the end is EFBIG (once 64 bytes went
 * nowhere and write said they were written), a write across the end is
 * cut there, and one that can write nothing is ENOSPC (EFBIG if it was
 * larger than the whole screen).  The VFS checked pos + n for overflow. */
static ssize_t fb_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	size_t len = (size_t)fb.pitch * fb.height, p = (size_t)*pos;
	int err = 0;
	if (p > len)
		return -EFBIG;
	if (n > len) {
		err = -EFBIG;
		n = len;
	}
	if (n > len - p) {
		err = err ? err : -ENOSPC;
		n = len - p;
	}
	if (!n)
		return err;
	memcpy((u8 *)fb.pixels + p, buf, n);
	*pos += n;
	return (ssize_t)n;
}

/* Offsets past the end are allowed (a write there is EFBIG); one that
 * would pass 2^63 is EINVAL, as Linux's default_llseek. */
static loff_t fb_llseek(struct file *f, loff_t off, int whence)
{
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos :
		      (loff_t)fb.pitch * fb.height, to;
	if (__builtin_add_overflow(base, off, &to) || to < 0)
		return -EINVAL;
	return f->f_pos = to;
}

struct fb_bitfield {
	u32 offset, length, msb_right;
};

struct fb_var_screeninfo {		/* Linux's <uapi/linux/fb.h>, 160 bytes */
	u32 xres, yres, xres_virtual, yres_virtual, xoffset, yoffset, bits_per_pixel, grayscale;
	struct fb_bitfield red, green, blue, transp;
	u32 nonstd, activate, height, width, accel_flags;
	u32 pixclock, left_margin, right_margin, upper_margin, lower_margin, hsync_len,
	    vsync_len, sync, vmode, rotate, colorspace;
	u32 reserved[4];
};

struct fb_fix_screeninfo {		/* Linux's <uapi/linux/fb.h>, 80 bytes */
	char id[16];
	unsigned long smem_start;
	u32 smem_len, type, type_aux, visual;
	u16 xpanstep, ypanstep, ywrapstep;
	u32 line_length;
	unsigned long mmio_start;
	u32 mmio_len, accel;
	u16 capabilities, reserved[2];
};

#define FB_TYPE_PACKED_PIXELS	0
#define FB_VISUAL_TRUECOLOR	2

/* Write-protect every damaged page in every mapping, clear the set: the
 * next write to each page calls ->pfn_mkwrite again.  Pages flushed. */
static long fb_flush(void)
{
	struct vm_area_struct *vma;
	long flushed = (long)nr_damaged;
	list_for_each_entry(vma, &fb_inode->i_data.i_mmap, shared) {
		for (unsigned long a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			unsigned long pg = vma->vm_pgoff + ((a - vma->vm_start) >> PAGE_SHIFT);
			int level;
			if (!(damaged[pg / 64] & BIT(pg % 64)))
				continue;
			pte_t *pte = pgtable_walk(vma->vm_mm->pgd, a, false, &level);
			if (level == 1 && pte_present(*pte) && pte_write(*pte)) {
				*pte = pte_mkclean(pte_wrprotect(*pte));
				flush_tlb_one(a);
			}
		}
	}
	memset(damaged, 0, sizeof(damaged));
	nr_damaged = 0;
	return flushed;
}

static long fb_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd == FBIOGET_VSCREENINFO) {
		struct fb_var_screeninfo v = {
			.xres = fb.width, .yres = fb.height, .xres_virtual = fb.width,
			.yres_virtual = fb.height, .bits_per_pixel = 32,
			.red = { fb.info.red_pos, fb.info.red_size, 0 },
			.green = { fb.info.green_pos, fb.info.green_size, 0 },
			.blue = { fb.info.blue_pos, fb.info.blue_size, 0 },
			.height = (u32)-1, .width = (u32)-1,
		};
		return copy_to_user((void *)arg, &v, sizeof(v)) ? -EFAULT : 0;
	}
	if (cmd == FBIOGET_FSCREENINFO) {
		struct fb_fix_screeninfo x = {
			.id = "faultline fb", .smem_start = fb.phys, .smem_len = (u32)fb.size,
			.type = FB_TYPE_PACKED_PIXELS, .visual = FB_VISUAL_TRUECOLOR,
			.line_length = fb.pitch,
		};
		return copy_to_user((void *)arg, &x, sizeof(x)) ? -EFAULT : 0;
	}
	if (cmd == FBIO_FAULTLINE_DAMAGE)
		return (long)nr_damaged;
	if (cmd == FBIO_FAULTLINE_FLUSH)
		return fb_flush();
	return -ENOTTY;
}

static int fb_fsync(struct file *f)
{
	fb_flush();
	return 0;
}

/* ->fault: the pfn of the page at vmf->pgoff, put in place by vmf_insert_pfn. */
static vm_fault_t fb_fault(struct vm_fault *vmf)
{
	if (vmf->pgoff >= fb.size >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vmf->vma, vmf->address, (fb.phys >> PAGE_SHIFT) + vmf->pgoff);
}

/* ->pfn_mkwrite: the first write to a page since the last flush. */
static vm_fault_t fb_pfn_mkwrite(struct vm_fault *vmf)
{
	unsigned long pg = vmf->pgoff;
	if (!(damaged[pg / 64] & BIT(pg % 64))) {
		damaged[pg / 64] |= BIT(pg % 64);
		nr_damaged++;
	}
	return 0;
}

static const char *fb_vma_name(struct vm_area_struct *vma)
{
	return "fb";
}

static const struct vm_operations_struct fb_vm_ops = {
	.fault = fb_fault,
	.pfn_mkwrite = fb_pfn_mkwrite,
	.name = fb_vma_name,
};

/* mmap: shared only, inside the framebuffer; pages come at fault time. */
static int fb_mmap(struct file *f, struct vm_area_struct *vma)
{
	if (is_cow_mapping(vma->vm_flags))
		return -EINVAL;			/* a private writable copy of device memory? no */
	if (vma->vm_pgoff > fb.size >> PAGE_SHIFT ||
	    vma_pages(vma) > (fb.size >> PAGE_SHIFT) - vma->vm_pgoff)
		return -EINVAL;
	vma->vm_flags |= VM_PFNMAP | VM_IO | VM_DONTEXPAND;
	vma->vm_page_prot = __pgprot(pgprot_val(vma->vm_page_prot) | _PAGE_CACHE_WC);
	vma->vm_ops = &fb_vm_ops;
	return 0;
}

static const struct file_operations fb_fops = {
	.read = fb_read, .write = fb_write, .llseek = fb_llseek, .ioctl = fb_ioctl,
	.mmap = fb_mmap, .fsync = fb_fsync,
};

void fb_dev_init(void)
{
	if (!fb.present)
		return;
	if (register_chrdev("/dev/fb0", MKDEV(29, 0), &fb_fops) < 0) {
		printk("fb: cannot make /dev/fb0\n");
		return;
	}
	fb_inode = namei("/dev/fb0");		/* held for good: the list of its mappings */
}
