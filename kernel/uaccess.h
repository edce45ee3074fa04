/* kernel/uaccess.h — the only way the kernel touches user memory.
 *
 * Each copy checks the range lies in user space, then copies with one
 * instruction listed in the exception table (section .ex_table): if it
 * faults and the fault path cannot map the page (no VMA, wrong access),
 * do_page_fault resumes at the fixup instead of oopsing, and the copy
 * returns what it did not copy.  System calls turn that into -EFAULT.
 * With SMAP on, EFLAGS.AC is set (stac) just around the copy. */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "kernel/types.h"
#include "mm/layout.h"

#define __user	/* marks a user pointer, for the reader (Linux: for sparse) */

static inline bool access_ok(const void __user *p, size_t n)
{
	unsigned long a = (unsigned long)p;
	return a <= TASK_SIZE && n <= TASK_SIZE - a;
}

/* Bytes NOT copied: 0 on success. */
size_t copy_from_user(void *dst, const void __user *src, size_t n);
size_t copy_to_user(void __user *dst, const void *src, size_t n);
size_t clear_user(void __user *dst, size_t n);
/* Copy a string of at most n-1 bytes and its NUL: its length, -EFAULT,
 * or -ENAMETOOLONG when no NUL came within n bytes. */
long strncpy_from_user(char *dst, const char __user *src, size_t n);

struct pt_regs;
/* If regs->rip is a listed user access, move it to its fixup: true. */
bool fixup_exception(struct pt_regs *regs);
extern bool smap_enabled;

#endif
