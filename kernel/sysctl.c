/* kernel/sysctl.c — /proc/sys: the tunables of Linux's kernel/sysctl.c
 * (vm_table) that this kernel has, each showing the value the kernel
 * really uses, in Linux's format (one decimal number and a newline):
 *
 *	/proc/sys/vm/mmap_min_addr	65536	MAP_FIXED and hints stay above it (mm/mmap.h)
 *	/proc/sys/vm/overcommit_memory	0	the heuristic of vm_enough_memory (mm/mmap.c)
 *	/proc/sys/vm/max_map_count	65530	VMAs per address space (mm/mmap.c)
 *
 * Programs read them to learn the rules before they test them (Linux's mm
 * selftests read mmap_min_addr, for one).  They are read-only here: a
 * write is -EIO, as any /proc file without a writer (Linux lets root set
 * them; this kernel has no other overcommit mode, and the other two are
 * constants of its design).  No /proc/sys/kernel/shmmax: there is no
 * System V shared memory here, and a Linux built without CONFIG_SYSVIPC
 * has no such file either. */
#include "kernel/fs/fs.h"
#include "kernel/printk.h"
#include "mm/mmap.h"

#define OVERCOMMIT_GUESS	0	/* vm.overcommit_memory: heuristic, Linux's default */

static int mmap_min_addr_show(int pid, char *buf, size_t size)
{
	return snprintf(buf, size, "%lu\n", MMAP_MIN_ADDR);
}

static int overcommit_memory_show(int pid, char *buf, size_t size)
{
	return snprintf(buf, size, "%d\n", OVERCOMMIT_GUESS);
}

static int max_map_count_show(int pid, char *buf, size_t size)
{
	return snprintf(buf, size, "%d\n", sysctl_max_map_count);
}

int proc_sys_init(void)
{
	return proc_mkdir("/proc/sys") || proc_mkdir("/proc/sys/vm") ||
	       proc_create("/proc/sys/vm/mmap_min_addr", mmap_min_addr_show, 0) ||
	       proc_create("/proc/sys/vm/overcommit_memory", overcommit_memory_show, 0) ||
	       proc_create("/proc/sys/vm/max_map_count", max_map_count_show, 0);
}
