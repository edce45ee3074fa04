/* drivers/qemu.c — isa-debug-exit and fw_cfg; see qemu.h. */
#include "drivers/qemu.h"
#include "kernel/x86.h"
#include "kernel/string.h"

#define DEBUG_EXIT_PORT		0xf4
#define FW_CFG_PORT_SEL		0x510	/* 16-bit selector */
#define FW_CFG_PORT_DATA	0x511	/* byte stream of the selected item */
#define FW_CFG_SIGNATURE	0x0000	/* reads "QEMU" */
#define FW_CFG_FILE_DIR		0x0019	/* count, then 64-byte entries */

void qemu_exit(int code)
{
	outl(DEBUG_EXIT_PORT, (u32)code);
}

static void fw_cfg_read(void *buf, size_t n)
{
	u8 *p = buf;
	while (n--)
		*p++ = inb(FW_CFG_PORT_DATA);
}

static u32 be32(u32 v) { return __builtin_bswap32(v); }
static u16 be16(u16 v) { return __builtin_bswap16(v); }

int fw_cfg_read_file(const char *name, char *buf, size_t size)
{
	char sig[4];
	u32 count;
	struct { u32 size; u16 select; u16 reserved; char name[56]; } f;

	outw(FW_CFG_PORT_SEL, FW_CFG_SIGNATURE);
	fw_cfg_read(sig, 4);
	if (memcmp(sig, "QEMU", 4) != 0)
		return -1;			/* not QEMU, or no fw_cfg */
	outw(FW_CFG_PORT_SEL, FW_CFG_FILE_DIR);
	fw_cfg_read(&count, 4);
	for (u32 i = 0; i < be32(count); i++) {
		fw_cfg_read(&f, sizeof(f));
		f.name[55] = 0;
		if (strcmp(f.name, name) != 0)
			continue;
		size_t n = MIN((size_t)be32(f.size), size - 1);
		outw(FW_CFG_PORT_SEL, be16(f.select));
		fw_cfg_read(buf, n);
		buf[n] = 0;
		return (int)n;
	}
	return -1;
}
