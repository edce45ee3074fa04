/* kernel/gdt.c — the real GDT (replacing boot.asm's) and the 64-bit TSS. */
#include "kernel/gdt.h"
#include "kernel/string.h"

/* The 64-bit TSS: no task switching, just the stacks for traps. */
struct tss {
	u32 reserved0;
	u64 rsp[3];		/* rsp0: stack for traps from ring 3 */
	u64 reserved1;
	u64 ist[7];		/* ist[0] is IST1 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;		/* past the limit: no I/O bitmap */
} __packed;

static struct tss tss;

/* The IST stacks, each above an unmapped guard page (mm/kpgtable.c leaves
 * out every page stack_guard_name() names).  Section .kstacks is not
 * zeroed at boot: the guards are not mapped even then. */
static struct {
	u8 guard[4096];
	u8 stack[IST_STACK_SIZE];
} ist_stacks[3] __aligned(4096) __section(".kstacks");
static const char *const ist_names[3] = {
	"the #DF IST stack's guard page", "the NMI IST stack's guard page",
	"the #MC IST stack's guard page",
};

/* Descriptors as the CPU reads them: base and limit are ignored in long
 * mode for code/data; these are the access and flag bits. */
#define SEG_KCODE	0x00af9a000000ffffULL	/* P, DPL0, code, exec/read, L */
#define SEG_KDATA	0x00cf92000000ffffULL	/* P, DPL0, data, read/write */
#define SEG_UCODE32	0x00cffa000000ffffULL	/* P, DPL3, 32-bit code (unused) */
#define SEG_UDATA	0x00cff2000000ffffULL	/* P, DPL3, data */
#define SEG_UCODE	0x00affa000000ffffULL	/* P, DPL3, code, L */

static u64 gdt[8] __aligned(16) = {
	0, SEG_KCODE, SEG_KDATA, SEG_UCODE32, SEG_UDATA, SEG_UCODE,
	0, 0,			/* TSS: a 16-byte system descriptor, filled below */
};

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

extern char boot_stack_guard[];

/* A 64-bit available-TSS descriptor for base/limit (two GDT slots). */
static void set_tss_desc(u64 *d, u64 base, u32 limit)
{
	d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
	       ((u64)((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	d[1] = base >> 32;
}

void gdt_init(void)
{
	struct desc_ptr p = { sizeof(gdt) - 1, (u64)gdt };

	memset(&tss, 0, sizeof(tss));
	for (int i = 0; i < 3; i++)
		tss.ist[i] = (u64)&ist_stacks[i].stack[IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);
	set_tss_desc(&gdt[TSS_SEL / 8], (u64)&tss, sizeof(tss) - 1);

	asm volatile("lgdt %0" : : "m"(p));
	/* reload CS with a far return, then the data segments */
	asm volatile("pushq %0\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "mov %1, %%ds\n\t"
		     "mov %1, %%es\n\t"
		     "mov %1, %%ss\n\t"
		     : : "i"(KERNEL_CS), "r"((u64)KERNEL_DS) : "rax", "memory");
	asm volatile("ltr %0" : : "r"((u16)TSS_SEL));
}

void tss_set_rsp0(u64 rsp0)
{
	tss.rsp[0] = rsp0;
}

const char *stack_guard_name(unsigned long addr)
{
	unsigned long g = (unsigned long)boot_stack_guard;
	if (addr >= g && addr < g + 4096)
		return "the boot stack's guard page";
	for (int i = 0; i < 3; i++) {
		g = (unsigned long)ist_stacks[i].guard;
		if (addr >= g && addr < g + 4096)
			return ist_names[i];
	}
	return NULL;
}
