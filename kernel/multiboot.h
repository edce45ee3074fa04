/* kernel/multiboot.h — what GRUB tells us: the multiboot2 information.
 *
 * The block is a header (total_size, reserved) and a list of tags, each
 * 8-byte aligned: { u32 type; u32 size; payload }.  mb2_parse() checks it
 * all (sizes, alignment, the end tag) before anything else trusts it. */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "kernel/types.h"

#define MB2_BOOTLOADER_MAGIC	0x36d76289

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER_NAME	2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_FRAMEBUFFER	8

#define MB2_MEMORY_AVAILABLE	1	/* usable RAM */
#define MB2_MEMORY_RESERVED	2
#define MB2_MEMORY_ACPI_RECLAIMABLE 3
#define MB2_MEMORY_NVS		4
#define MB2_MEMORY_BADRAM	5

#define MB2_MAX_SIZE		(1 << 20)	/* an info block larger is nonsense */
#define BOOT_MAX_REGIONS	64
#define BOOT_MAX_MODULES	16

struct mem_region {
	u64 base, len;
	u32 type;		/* MB2_MEMORY_* */
};

struct boot_module {
	u64 start, end;		/* physical, end exclusive */
	const char *name;	/* GRUB's module command line */
};

struct boot_fb {
	bool present;
	u64 addr;		/* physical address of pixel (0,0) */
	u32 pitch, width, height;
	u8 bpp, type;		/* type 1 = direct RGB */
	u8 red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct boot_info {
	u64 mbi_phys, mbi_size;	/* the block itself: reserved memory */
	const char *cmdline;	/* "" when GRUB gave none */
	const char *loader;
	struct mem_region region[BOOT_MAX_REGIONS];
	int nr_regions;
	struct boot_module module[BOOT_MAX_MODULES];
	int nr_modules;
	struct boot_fb fb;
	u64 mem_usable;		/* bytes of MB2_MEMORY_AVAILABLE */
	u64 mem_top;		/* end of the highest usable region */
};

/* Parse the block at mbi (a kernel pointer; mbi_phys is its physical
 * address).  0, or -EINVAL with a message in err. */
int mb2_parse(const void *mbi, u64 mbi_phys, struct boot_info *bi, char *err, size_t errlen);
const char *mb2_region_type_name(u32 type);

extern struct boot_info boot_info;	/* the boot's, filled by kmain */

#endif
