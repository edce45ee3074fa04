/* kernel/multiboot.c — check and parse the multiboot2 information. */
#include "kernel/multiboot.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

struct boot_info boot_info;

struct mb2_tag {
	u32 type;
	u32 size;		/* header included, padding not */
};

struct mb2_mmap_entry {
	u64 base, len;
	u32 type, reserved;
};

struct mb2_fb_tag {
	struct mb2_tag tag;
	u64 addr;
	u32 pitch, width, height;
	u8 bpp, type;
	u16 reserved;
	u8 red_pos, red_size, green_pos, green_size, blue_pos, blue_size;	/* type 1 only */
} __packed;

#define fail(...) ({ snprintf(err, errlen, __VA_ARGS__); return -EINVAL; })

/* A string payload must end inside its tag. */
static const char *tag_string(const struct mb2_tag *t, u32 off)
{
	const char *s = (const char *)t + off;
	if (t->size <= off || strnlen(s, t->size - off) == t->size - off)
		return NULL;
	return s;
}

static int parse_mmap(const struct mb2_tag *t, struct boot_info *bi, char *err, size_t errlen)
{
	const u32 *hdr = (const u32 *)(t + 1);	/* entry_size, entry_version */
	if (t->size < 16)
		fail("memory map tag too short (%u bytes)", t->size);
	u32 esize = hdr[0];
	if (esize < sizeof(struct mb2_mmap_entry) || esize % 8)
		fail("memory map entry size %u is invalid", esize);
	if ((t->size - 16) % esize)
		fail("memory map tag size %u is not 16 + n * %u", t->size, esize);
	u32 n = (t->size - 16) / esize;
	if (n > BOOT_MAX_REGIONS)
		fail("memory map has %u regions, more than %d", n, BOOT_MAX_REGIONS);
	for (u32 i = 0; i < n; i++) {
		const struct mb2_mmap_entry *e =
			(const void *)((const u8 *)t + 16 + (u64)i * esize);
		if (e->base + e->len < e->base)
			fail("memory region %u wraps around (base %lx len %lx)", i, e->base, e->len);
		bi->region[i] = (struct mem_region){ e->base, e->len, e->type };
		if (e->type == MB2_MEMORY_AVAILABLE) {
			bi->mem_usable += e->len;
			bi->mem_top = MAX(bi->mem_top, e->base + e->len);
		}
	}
	bi->nr_regions = (int)n;
	return 0;
}

static int parse_module(const struct mb2_tag *t, struct boot_info *bi, char *err, size_t errlen)
{
	const u32 *m = (const u32 *)(t + 1);	/* mod_start, mod_end, string */
	const char *name = tag_string(t, 16);
	if (t->size < 17 || !name)
		fail("module tag of %u bytes has no terminated name", t->size);
	if (m[1] < m[0])
		fail("module '%s' ends (%x) before it starts (%x)", name, m[1], m[0]);
	if (bi->nr_modules >= BOOT_MAX_MODULES)
		fail("more than %d modules", BOOT_MAX_MODULES);
	bi->module[bi->nr_modules++] = (struct boot_module){ m[0], m[1], name };
	return 0;
}

static int parse_fb(const struct mb2_tag *t, struct boot_info *bi, char *err, size_t errlen)
{
	const struct mb2_fb_tag *f = (const void *)t;
	if (t->size < offsetof(struct mb2_fb_tag, red_pos))
		fail("framebuffer tag too short (%u bytes)", t->size);
	if (f->type == 1 && (!f->bpp || (u64)f->pitch < (u64)f->width * f->bpp / 8))
		fail("framebuffer pitch %u too small for %u pixels of %u bits", f->pitch, f->width,
		     f->bpp);
	bi->fb = (struct boot_fb){ true, f->addr, f->pitch, f->width, f->height, f->bpp, f->type,
				   16, 8, 8, 8, 0, 8 };	/* xRGB, unless the tag says */
	if (f->type == 1 && t->size >= sizeof(*f)) {
		bi->fb.red_pos = f->red_pos;
		bi->fb.red_size = f->red_size;
		bi->fb.green_pos = f->green_pos;
		bi->fb.green_size = f->green_size;
		bi->fb.blue_pos = f->blue_pos;
		bi->fb.blue_size = f->blue_size;
	}
	return 0;
}

int mb2_parse(const void *mbi, u64 mbi_phys, struct boot_info *bi, char *err, size_t errlen)
{
	const u32 *hdr = mbi;
	const u8 *base = mbi;
	bool have_mmap = false, have_end = false;

	memset(bi, 0, sizeof(*bi));
	bi->cmdline = "";
	bi->loader = "";
	if (!IS_ALIGNED(mbi_phys, 8))
		fail("info block at %lx is not 8-byte aligned", mbi_phys);
	u32 total = hdr[0];
	if (total < 16 || total > MB2_MAX_SIZE)
		fail("info block size %u is not between 16 and %u", total, MB2_MAX_SIZE);
	bi->mbi_phys = mbi_phys;
	bi->mbi_size = total;

	for (u32 off = 8; off < total && !have_end; ) {
		const struct mb2_tag *t = (const void *)(base + off);
		if (total - off < 8)
			fail("truncated tag header at offset %u", off);
		if (t->size < 8)
			fail("tag type %u at offset %u has size %u, less than its 8-byte header",
			     t->type, off, t->size);
		if (t->size > total - off)
			fail("tag type %u at offset %u has size %u, past the end (%u)", t->type, off,
			     t->size, total);
		int r = 0;
		switch (t->type) {
		case MB2_TAG_END:
			have_end = true;
			break;
		case MB2_TAG_CMDLINE:
			if (!(bi->cmdline = tag_string(t, 8)))
				fail("command line tag at offset %u is not terminated", off);
			break;
		case MB2_TAG_LOADER_NAME:
			if (!(bi->loader = tag_string(t, 8)))
				fail("loader name tag at offset %u is not terminated", off);
			break;
		case MB2_TAG_MODULE:
			r = parse_module(t, bi, err, errlen);
			break;
		case MB2_TAG_MMAP:
			r = parse_mmap(t, bi, err, errlen);
			have_mmap = true;
			break;
		case MB2_TAG_FRAMEBUFFER:
			r = parse_fb(t, bi, err, errlen);
			break;
		default:		/* tags we do not use */
			break;
		}
		if (r)
			return r;
		off += ALIGN_UP(t->size, 8);
	}
	if (!have_end)
		fail("no end tag within %u bytes", total);
	if (!have_mmap)
		fail("no memory map tag");
	return 0;
}

const char *mb2_region_type_name(u32 type)
{
	switch (type) {
	case MB2_MEMORY_AVAILABLE: return "usable";
	case MB2_MEMORY_RESERVED: return "reserved";
	case MB2_MEMORY_ACPI_RECLAIMABLE: return "ACPI data";
	case MB2_MEMORY_NVS: return "ACPI NVS";
	case MB2_MEMORY_BADRAM: return "bad RAM";
	default: return "unknown";
	}
}
