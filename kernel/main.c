/* kernel/main.c — kmain: from boot.asm's long mode to a running kernel. */
#include "kernel/types.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/cmdline.h"
#include "kernel/multiboot.h"
#include "kernel/traps.h"
#include "kernel/gdt.h"
#include "kernel/ktest.h"
#include "kernel/x86.h"
#include "kernel/errno.h"
#include "drivers/serial.h"
#include "drivers/qemu.h"
#include "drivers/fb.h"
#include "drivers/keyboard.h"
#include "drivers/pci.h"
#include "drivers/virtio_blk.h"
#include "mm/layout.h"
#include "mm/page_alloc.h"
#include "mm/kpgtable.h"
#include "mm/fault.h"
#include "mm/memory.h"
#include "kernel/fs/fs.h"
#include "kernel/fs/initrd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/irq.h"
#include "kernel/time.h"
#include "kernel/fault_trace.h"

#define FW_CFG_CMDLINE	"opt/faultline/cmdline"

KPARAM(test, "run in-kernel test suites: all, SUITE[,SUITE], or SUITE.CASE");

static void print_banner(const struct boot_info *bi)
{
	printk("faultline: an x86-64 teaching kernel, booted by %s\n",
	       *bi->loader ? bi->loader : "a multiboot2 loader");
	printk("command line: %s\n", cmdline_raw());
	printk("memory map (multiboot2):\n");
	for (int i = 0; i < bi->nr_regions; i++) {
		const struct mem_region *r = &bi->region[i];
		printk("  [%016lx-%016lx] %s\n", r->base, r->base + r->len - 1,
		       mb2_region_type_name(r->type));
	}
	printk("memory: %lu MiB usable (%lu KiB), highest usable address %lx\n",
	       bi->mem_usable >> 20, bi->mem_usable >> 10, bi->mem_top);
	for (int i = 0; i < bi->nr_modules; i++)
		printk("module: %s at %lx-%lx\n", bi->module[i].name, bi->module[i].start,
		       bi->module[i].end);
	if (bi->fb.present)
		printk("framebuffer: %ux%u, %u bpp at %lx\n", bi->fb.width, bi->fb.height,
		       bi->fb.bpp, bi->fb.addr);
}

/* Every test suite must give back every frame it took: ktest runs this
 * check as one more case at the end of each suite. */
static unsigned long suite_free_frames;

static void leak_check_start(void)
{
	suite_free_frames = nr_free_pages();
}

static const char *leak_check_end(void)
{
	static char msg[96];
	if (nr_free_pages() == suite_free_frames)
		return NULL;
	snprintf(msg, sizeof(msg), "free frames: %lu before the suite, %lu after",
		 suite_free_frames, nr_free_pages());
	return msg;
}

KPARAM(init, "the first program (default /bin/init); its arguments follow a lone --");

/* Task 1: init= (or /bin/init), with the words after "--" as arguments.
 * When it exits, the kernel powers off (kernel/proc.c). */
static void start_first_program(void)
{
	static const char *argv[CMDLINE_ARGS + 2];
	const char *path = cmdline_get("init");
	struct kstat st;

	if (!path || !*path)
		path = "/bin/init";
	if (vfs_stat(path, &st) < 0 || !S_ISREG(st.mode)) {
		printk("faultline: no program %s to start; quit QEMU with Ctrl-A X\n", path);
		return;
	}
	argv[0] = path;
	for (int i = 0; i < boot_cmdline.argc; i++)
		argv[i + 1] = boot_cmdline.argv[i];
	printk("faultline: starting %s\n", path);
	start_init(path, argv);
}

/* The directories every boot has, whatever the initrd holds. */
static void make_root_dirs(void)
{
	static const char *const dirs[] = { "/bin", "/tmp" };	/* /dev, /proc: their kinds' */
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		int err = vfs_mkdir(dirs[i], 0755);
		if (err && err != -EEXIST)
			panic("cannot make %s: %d", dirs[i], err);
	}
}

/* The multiboot2 block, read through the early direct map (first 1 GiB). */
static void parse_boot_info(u64 mbi_phys)
{
	char err[160];
	if (mbi_phys == 0 || mbi_phys >= EARLY_DIRECT_MAP_SIZE - MB2_MAX_SIZE)
		panic("multiboot2 info at %lx: outside the first GiB the early tables map", mbi_phys);
	if (mb2_parse(phys_to_virt(mbi_phys), mbi_phys, &boot_info, err, sizeof(err)) < 0)
		panic("bad multiboot2 info at %lx: %s", mbi_phys, err);
}

/* Called by boot.asm on the boot stack; does not return. */
__noreturn void kmain(u32 magic, u32 mbi_phys)
{
	static char extra[CMDLINE_MAX];

	serial_init();
	/* The boot's cost starts here (/proc/boot), one call in: kmain's first
	 * line stays serial_init, where gdb's `hbreak kmain` stops (not in
	 * x86.h's inlined rdtsc). */
	boot_tsc_kmain = rdtsc();
	gdt_init();
	trap_init();
	fault_init();
	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("kmain: bad multiboot2 magic %x", magic);
	parse_boot_info(mbi_phys);
	if (fw_cfg_read_file(FW_CFG_CMDLINE, extra, sizeof(extra)) < 0)
		extra[0] = 0;
	cmdline_init(boot_info.cmdline, extra);
	fault_trace_init();		/* fault_trace=: the fault path's trace on or off */
	printk_init();
	print_banner(&boot_info);
	cmdline_report_unknown();

	page_alloc_init(&boot_info, EARLY_DIRECT_MAP_SIZE);
	kpgtable_init();	/* from here on: the kernel's own page tables */
	page_alloc_init_late();
	fb_init(&boot_info);		/* the console on the screen, from here on */
	printk("page allocator: %lu frames managed, %lu free (%lu KiB); mem_map at %p\n",
	       nr_managed_pages(), nr_free_pages(), nr_free_pages() * (PAGE_SIZE >> 10), mem_map);
	printk("page tables: kernel PML4 at %lx, %lu table pages; SMEP %s, SMAP %s\n",
	       virt_to_phys(init_pml4), nr_pgtable_pages(), read_cr4() & X86_CR4_SMEP ? "on" : "off",
	       read_cr4() & X86_CR4_SMAP ? "on" : "off");
	ktest_hooks = (struct ktest_hooks){ leak_check_start, leak_check_end };

	time_init();			/* the RTC, read once: before the first inode's times */
	ramfs_init();
	proc_init();
	sched_init();
	syscall_init();
	irq_init();
	make_root_dirs();
	chardev_init();			/* /dev, before the initrd can name it */
	procfs_init();			/* /proc, likewise */
	initrd_init(&boot_info);	/* GRUB's module "initrd" into / */
	fault_around_init();
	fb_dev_init();			/* /dev/fb0 */
	keyboard_init();		/* the window's keyboard: IRQ 1, into the console's tty */
	pci_init();			/* bus 0 and what its bridges lead to: quiet */
	virtio_blk_init();		/* a virtio-blk-pci disk: /dev/vda */

	const char *which = cmdline_get("test");
	if (which) {
		unsigned long free_before = nr_free_pages();
		int failed = ktest_run(*which ? which : "all");
		printk("ktest: finished, %d failed; free frames %lu before the tests, %lu after\n",
		       failed, free_before, nr_free_pages());
		machine_halt(QEMU_EXIT_OK);
	}

	start_first_program();
	cpu_idle();			/* task 0 from now on: run whoever can run */
}
