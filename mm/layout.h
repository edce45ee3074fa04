/* mm/layout.h — the kernel's virtual memory map (docs/memory.md).
 *
 *   0x0000000000010000 - 0x00007ffffffff000  user space (programs load at 0x400000;
 *                                            mmap refuses below 0x10000)
 *   0xffff888000000000 + phys                direct map of all RAM
 *   0xffffc90100000000 ...                   kernel stacks, each above a guard page
 *                                            (kernel/sched.c)
 *   0xffffc90200000000 ...                   the framebuffer, write-combining (drivers/fb.c)
 *   0xffffffff80000000 + phys                kernel image
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include "kernel/types.h"

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_OFFSET		0xffff888000000000UL	/* direct map base, as Linux */
#define KERNEL_VMA		0xffffffff80000000UL	/* linker.ld */
#define USER_START		0x0000000000400000UL
#define TASK_SIZE		0x00007ffffffff000UL	/* end of user space, as Linux */
#define USER_HALF_END		0x0000800000000000UL	/* first non-canonical address */
#define EARLY_DIRECT_MAP_SIZE	(1UL << 30)		/* boot.asm maps the first GiB */

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	unsigned long a = (unsigned long)va;
	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - PAGE_OFFSET;
}

#endif
