/* tests/kernel/multiboot_test.c — suite `multiboot`: mb2_parse()
 * (kernel/multiboot.c) on multiboot2 information blocks built here.
 *
 * A block is built in a static, 8-byte aligned buffer by small helpers
 * that append one tag each (mbi_begin, add_string, add_mmap, add_module,
 * add_fb, add_end, mbi_finish), as GRUB lays them out:
 *
 *	+0  u32 total_size, u32 reserved
 *	+8  tag { u32 type; u32 size; payload }   padded to 8 bytes
 *	    ...
 *	    end tag { 0, 8 }
 *
 * Accepted: a full block (command line, loader name, a memory map of three
 * regions with mem_usable and mem_top, modules, a framebuffer), unknown
 * tags skipped, the defaults when tags are absent, wider mmap entries.
 * Refused with -EINVAL, each with a message that names the problem (the
 * case checks the words): a misaligned block, total_size too small or too
 * large, a tag past the end, a tag smaller than its header, a truncated
 * tag header, no end tag, no memory map, a bad mmap entry size or tag
 * size, a wrapping region, an unterminated command line or loader name,
 * a module ending before it starts or without a name, too many modules,
 * a framebuffer tag too short or with too small a pitch. */
#include "kernel/ktest.h"
#include "kernel/multiboot.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

#define MBI_PHYS	0x10000UL	/* where the block pretends to be */
#define FB_ADDR		0xfd000000UL

struct tag {
	u32 type;
	u32 size;		/* header included, padding not */
};

static u64 mbi_buf[1024];		/* 8 KiB, aligned as GRUB's block is */
static u32 mbi_len;			/* bytes appended so far */
static struct boot_info bi;		/* about 2 KiB: not on the stack */
static char err[160];

/* A memory map as QEMU's BIOS gives it, highest usable region not last. */
static const struct mem_region std_map[] = {
	{ 0x100000, 0x7ee0000, MB2_MEMORY_AVAILABLE },
	{ 0x0, 0x9fc00, MB2_MEMORY_AVAILABLE },
	{ 0xfffc0000, 0x40000, MB2_MEMORY_RESERVED },	/* above every usable byte */
};
#define STD_USABLE	(0x7ee0000UL + 0x9fc00UL)
#define STD_TOP		0x7fe0000UL

/* --- building blocks ------------------------------------------------------ */

/* Start a new block: the 8-byte header; the rest of the buffer is garbage. */
static void mbi_begin(void)
{
	memset(mbi_buf, 0xee, sizeof(mbi_buf));
	mbi_len = 8;
}

/* Set the header's total_size (a test may lie about it). */
static void mbi_set_total(u32 total)
{
	u32 *hdr = (u32 *)mbi_buf;
	hdr[0] = total;
	hdr[1] = 0;
}

/* Close the block: total_size is what was appended. */
static void mbi_finish(void)
{
	mbi_set_total(mbi_len);
}

/* Append a tag of `size` bytes with a zeroed payload; the next tag starts
 * at the next 8-byte boundary.  Returns the tag, to fill or to spoil. */
static struct tag *add_tag(u32 type, u32 size)
{
	struct tag *t = (struct tag *)((u8 *)mbi_buf + mbi_len);
	memset(t, 0, ALIGN_UP(size, 8));
	t->type = type;
	t->size = size;
	mbi_len += ALIGN_UP(size, 8);
	return t;
}

/* A tag whose payload is a NUL-terminated string (command line, loader). */
static struct tag *add_string(u32 type, const char *s)
{
	size_t n = strlen(s) + 1;
	struct tag *t = add_tag(type, sizeof(*t) + n);
	memcpy(t + 1, s, n);
	return t;
}

/* The memory map tag: entry_size, entry_version, then n entries of
 * { u64 base, len; u32 type, reserved } at a stride of esize bytes. */
static struct tag *add_mmap(const struct mem_region *r, int n, u32 esize)
{
	struct tag *t = add_tag(MB2_TAG_MMAP, 16 + n * esize);
	u32 *hdr = (u32 *)(t + 1);
	hdr[0] = esize;
	hdr[1] = 0;
	for (int i = 0; i < n; i++) {
		u8 *e = (u8 *)t + 16 + i * esize;
		u64 ent[3] = { r[i].base, r[i].len, r[i].type };	/* type, reserved = 0 */
		memcpy(e, ent, MIN(esize, sizeof(ent)));
	}
	return t;
}

static struct tag *add_std_mmap(void)
{
	return add_mmap(std_map, ARRAY_SIZE(std_map), 24);
}

/* A module tag: u32 mod_start, mod_end, then its command line. */
static struct tag *add_module(u32 start, u32 end, const char *name)
{
	size_t n = strlen(name) + 1;
	struct tag *t = add_tag(MB2_TAG_MODULE, 16 + n);
	u32 *m = (u32 *)(t + 1);
	m[0] = start;
	m[1] = end;
	memcpy(m + 2, name, n);
	return t;
}

/* A framebuffer tag as GRUB gives it for direct RGB: 32 bytes of common
 * fields, then 6 bytes of colour layout (left zero: unchecked). */
static struct tag *add_fb(u32 pitch, u32 width, u8 bpp, u8 type)
{
	struct tag *t = add_tag(MB2_TAG_FRAMEBUFFER, 38);
	u8 *p = (u8 *)(t + 1);
	u64 addr = FB_ADDR;
	u32 dims[3] = { pitch, width, 768 };
	memcpy(p, &addr, 8);
	memcpy(p + 8, dims, 12);
	p[20] = bpp;
	p[21] = type;
	return t;
}

static void add_end(void)
{
	add_tag(MB2_TAG_END, 8);
}

/* Everything GRUB gives when it boots the kernel with an initrd. */
static void build_good(void)
{
	mbi_begin();
	add_string(MB2_TAG_CMDLINE, "root=ram test=\"a b\"");
	add_string(MB2_TAG_LOADER_NAME, "GRUB 2.06");
	add_std_mmap();
	add_module(0x200000, 0x280000, "/boot/initrd.cpio");
	add_fb(4096, 1024, 32, 1);
	add_end();
	mbi_finish();
}

static int mbi_parse_at(u64 phys)
{
	err[0] = 0;
	return mb2_parse(mbi_buf, phys, &bi, err, sizeof(err));
}

static int mbi_parse(void)
{
	return mbi_parse_at(MBI_PHYS);
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Expect -EINVAL and a message containing `want`; on a failure the message
 * is shown.  A macro, so that a failure names the line of the case. */
#define EXPECT_REJECTED_AT(t, phys, want)                                          \
	do {                                                                       \
		KEXPECT_EQ(t, mbi_parse_at(phys), -EINVAL);                        \
		if (!contains(err, want))                                          \
			ktest_fail_str(t, __FILE__, __LINE__,                      \
				       "the message contains " #want, err, want);  \
	} while (0)
#define EXPECT_REJECTED(t, want) EXPECT_REJECTED_AT(t, MBI_PHYS, want)

/* --- accepted blocks ------------------------------------------------------ */

static void good_strings(struct ktest *t)
{
	build_good();
	KASSERT_EQ(t, mbi_parse(), 0);
	KEXPECT_STREQ(t, bi.cmdline, "root=ram test=\"a b\"");
	KEXPECT_STREQ(t, bi.loader, "GRUB 2.06");
	/* the strings are the block's own bytes, not copies */
	KEXPECT_EQ(t, (const void *)bi.cmdline, (const void *)((u8 *)mbi_buf + 16));
	KEXPECT_EQ(t, bi.mbi_phys, MBI_PHYS);
	KEXPECT_EQ(t, bi.mbi_size, (u64)mbi_len);
}

static void good_mmap(struct ktest *t)
{
	build_good();
	KASSERT_EQ(t, mbi_parse(), 0);
	KASSERT_EQ(t, bi.nr_regions, 3);
	for (int i = 0; i < 3; i++) {
		KEXPECT_EQ(t, bi.region[i].base, std_map[i].base);
		KEXPECT_EQ(t, bi.region[i].len, std_map[i].len);
		KEXPECT_EQ(t, bi.region[i].type, std_map[i].type);
	}
	KEXPECT_EQ(t, bi.mem_usable, STD_USABLE);	/* the reserved region not counted */
	KEXPECT_EQ(t, bi.mem_top, STD_TOP);		/* the end of the highest usable one */
}

/* Entries may be larger than 24 bytes (entry_size says so): the stride follows. */
static void mmap_wider_entries(struct ktest *t)
{
	mbi_begin();
	add_mmap(std_map, ARRAY_SIZE(std_map), 32);
	add_end();
	mbi_finish();
	KASSERT_EQ(t, mbi_parse(), 0);
	KASSERT_EQ(t, bi.nr_regions, 3);
	KEXPECT_EQ(t, bi.region[2].base, 0xfffc0000UL);
	KEXPECT_EQ(t, bi.region[2].type, (u32)MB2_MEMORY_RESERVED);
	KEXPECT_EQ(t, bi.mem_usable, STD_USABLE);
	KEXPECT_EQ(t, bi.mem_top, STD_TOP);
}

static void good_modules(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	add_module(0x200000, 0x280000, "/boot/initrd.cpio");
	add_module(0x300000, 0x300000, "empty");	/* zero length is fine */
	add_end();
	mbi_finish();
	KASSERT_EQ(t, mbi_parse(), 0);
	KASSERT_EQ(t, bi.nr_modules, 2);
	KEXPECT_EQ(t, bi.module[0].start, 0x200000UL);
	KEXPECT_EQ(t, bi.module[0].end, 0x280000UL);
	KEXPECT_STREQ(t, bi.module[0].name, "/boot/initrd.cpio");
	KEXPECT_EQ(t, bi.module[1].start, 0x300000UL);
	KEXPECT_EQ(t, bi.module[1].end, 0x300000UL);
	KEXPECT_STREQ(t, bi.module[1].name, "empty");
}

static void good_framebuffer(struct ktest *t)
{
	build_good();
	KASSERT_EQ(t, mbi_parse(), 0);
	KEXPECT_TRUE(t, bi.fb.present);
	KEXPECT_EQ(t, bi.fb.addr, FB_ADDR);
	KEXPECT_EQ(t, bi.fb.pitch, 4096u);	/* exactly 1024 * 32 / 8: the smallest allowed */
	KEXPECT_EQ(t, bi.fb.width, 1024u);
	KEXPECT_EQ(t, bi.fb.height, 768u);
	KEXPECT_EQ(t, bi.fb.bpp, 32);
	KEXPECT_EQ(t, bi.fb.type, 1);
}

/* Only a memory map and tags the parser does not use: those are skipped,
 * and what is absent has its default. */
static void defaults_and_unknown_tags(struct ktest *t)
{
	mbi_begin();
	add_tag(4, 16);			/* basic meminfo */
	add_std_mmap();
	add_tag(14, 28);		/* ACPI RSDP, size not a multiple of 8 */
	add_tag(0x1234, 8);
	add_end();
	mbi_finish();
	KASSERT_EQ(t, mbi_parse(), 0);
	KEXPECT_STREQ(t, bi.cmdline, "");
	KEXPECT_STREQ(t, bi.loader, "");
	KEXPECT_EQ(t, bi.nr_regions, 3);
	KEXPECT_EQ(t, bi.nr_modules, 0);
	KEXPECT_FALSE(t, bi.fb.present);
}

/* --- refused blocks: the header ------------------------------------------ */

static void misaligned_block(struct ktest *t)
{
	build_good();
	EXPECT_REJECTED_AT(t, MBI_PHYS + 4, "at 10004 is not 8-byte aligned");
	EXPECT_REJECTED_AT(t, MBI_PHYS + 1, "not 8-byte aligned");
}

static void total_size_too_small(struct ktest *t)
{
	build_good();
	mbi_set_total(12);
	EXPECT_REJECTED(t, "size 12 is not between 16 and");
	mbi_set_total(0);
	EXPECT_REJECTED(t, "size 0 is not between 16 and");
}

static void total_size_too_large(struct ktest *t)
{
	build_good();
	mbi_set_total(MB2_MAX_SIZE + 8);
	EXPECT_REJECTED(t, "size 1048584 is not between");
	mbi_set_total(0xffffffff);
	EXPECT_REJECTED(t, "size 4294967295 is not between");
}

/* --- refused blocks: the tag list ----------------------------------------- */

static void tag_past_end(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	struct tag *bad = add_tag(0x1234, 16);
	add_end();
	mbi_finish();
	bad->size = mbi_len;		/* from its offset, more than is left */
	EXPECT_REJECTED(t, "tag type 4660 at offset 96 has size");
	EXPECT_REJECTED(t, "past the end");
}

static void tag_smaller_than_header(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	struct tag *bad = add_tag(0x1234, 16);
	add_end();
	mbi_finish();
	bad->size = 4;
	EXPECT_REJECTED(t, "has size 4, less than its 8-byte header");
	bad->size = 0;			/* would loop for ever if taken */
	EXPECT_REJECTED(t, "has size 0, less than its 8-byte header");
}

static void truncated_tag_header(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	mbi_set_total(mbi_len + 4);	/* 4 bytes left: no room for a tag header */
	EXPECT_REJECTED(t, "truncated tag header at offset 96");
}

static void missing_end_tag(struct ktest *t)
{
	mbi_begin();
	add_string(MB2_TAG_CMDLINE, "x");
	add_std_mmap();
	mbi_finish();
	EXPECT_REJECTED(t, "no end tag within 112 bytes");
}

static void missing_mmap(struct ktest *t)
{
	mbi_begin();
	add_string(MB2_TAG_CMDLINE, "x");
	add_end();
	mbi_finish();
	EXPECT_REJECTED(t, "no memory map tag");
}

/* --- refused blocks: one bad tag ------------------------------------------ */

static void mmap_entry_size_invalid(struct ktest *t)
{
	static const u32 sizes[] = { 0, 8, 16, 20, 28, 36 };	/* < 24, or not 8-aligned */
	char want[40];

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		mbi_begin();
		add_mmap(std_map, 1, sizes[i]);
		add_end();
		mbi_finish();
		snprintf(want, sizeof(want), "entry size %u is invalid", sizes[i]);
		EXPECT_REJECTED(t, want);
	}
}

static void mmap_tag_size_invalid(struct ktest *t)
{
	mbi_begin();
	struct tag *mm = add_std_mmap();
	add_end();
	mbi_finish();
	mm->size += 8;			/* half an entry more */
	EXPECT_REJECTED(t, "memory map tag size 96 is not 16 + n * 24");
	mm->size = 12;			/* not even entry_size and entry_version */
	EXPECT_REJECTED(t, "memory map tag too short (12 bytes)");
}

static void mmap_region_wraps(struct ktest *t)
{
	static const struct mem_region wraps[] = {
		{ 0x100000, 0x100000, MB2_MEMORY_AVAILABLE },
		{ 0xfffffffffffff000UL, 0x2000, MB2_MEMORY_AVAILABLE },
	};
	mbi_begin();
	add_mmap(wraps, ARRAY_SIZE(wraps), 24);
	add_end();
	mbi_finish();
	EXPECT_REJECTED(t, "memory region 1 wraps around");
}

static void unterminated_strings(struct ktest *t)
{
	mbi_begin();
	struct tag *cl = add_string(MB2_TAG_CMDLINE, "abcd");
	add_std_mmap();
	add_end();
	mbi_finish();
	cl->size -= 1;			/* the NUL falls outside the tag */
	EXPECT_REJECTED(t, "command line tag at offset 8 is not terminated");
	cl->size = 8;			/* no payload at all */
	EXPECT_REJECTED(t, "command line tag at offset 8 is not terminated");
	cl->type = MB2_TAG_LOADER_NAME;
	EXPECT_REJECTED(t, "loader name tag at offset 8 is not terminated");
}

static void module_ends_before_start(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	add_module(0x300000, 0x2fffff, "initrd");
	add_end();
	mbi_finish();
	EXPECT_REJECTED(t, "module 'initrd' ends (2fffff) before it starts (300000)");
}

static void module_without_name(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	struct tag *m = add_module(0x200000, 0x280000, "abc");
	add_end();
	mbi_finish();
	m->size -= 1;			/* name's NUL cut off */
	EXPECT_REJECTED(t, "module tag of 19 bytes has no terminated name");
	m->size = 16;			/* start and end only */
	EXPECT_REJECTED(t, "module tag of 16 bytes has no terminated name");
}

static void too_many_modules(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	for (int i = 0; i <= BOOT_MAX_MODULES; i++)
		add_module(0x200000 + i * 0x1000, 0x201000 + i * 0x1000, "m");
	add_end();
	mbi_finish();
	EXPECT_REJECTED(t, "more than 16 modules");
}

static void framebuffer_pitch_too_small(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	add_fb(4095, 1024, 32, 1);
	add_end();
	mbi_finish();
	EXPECT_REJECTED(t, "framebuffer pitch 4095 too small for 1024 pixels of 32 bits");

	mbi_begin();
	add_std_mmap();
	add_fb(4096, 1024, 0, 1);	/* 0 bits per pixel: nonsense */
	add_end();
	mbi_finish();
	EXPECT_REJECTED(t, "framebuffer pitch 4096 too small for 1024 pixels of 0 bits");
}

static void framebuffer_tag_too_short(struct ktest *t)
{
	mbi_begin();
	add_std_mmap();
	struct tag *fb = add_fb(4096, 1024, 32, 1);
	add_end();
	mbi_finish();
	fb->size = 24;			/* stops inside pitch/width/height */
	EXPECT_REJECTED(t, "framebuffer tag too short (24 bytes)");
}

KTEST_SUITE(multiboot,
	    KTEST_CASE(good_strings),
	    KTEST_CASE(good_mmap),
	    KTEST_CASE(mmap_wider_entries),
	    KTEST_CASE(good_modules),
	    KTEST_CASE(good_framebuffer),
	    KTEST_CASE(defaults_and_unknown_tags),
	    KTEST_CASE(misaligned_block),
	    KTEST_CASE(total_size_too_small),
	    KTEST_CASE(total_size_too_large),
	    KTEST_CASE(tag_past_end),
	    KTEST_CASE(tag_smaller_than_header),
	    KTEST_CASE(truncated_tag_header),
	    KTEST_CASE(missing_end_tag),
	    KTEST_CASE(missing_mmap),
	    KTEST_CASE(mmap_entry_size_invalid),
	    KTEST_CASE(mmap_tag_size_invalid),
	    KTEST_CASE(mmap_region_wraps),
	    KTEST_CASE(unterminated_strings),
	    KTEST_CASE(module_ends_before_start),
	    KTEST_CASE(module_without_name),
	    KTEST_CASE(too_many_modules),
	    KTEST_CASE(framebuffer_pitch_too_small),
	    KTEST_CASE(framebuffer_tag_too_short));
