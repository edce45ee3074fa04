/* kernel/uaccess.c — copies to and from user memory that survive bad
 * pointers (see uaccess.h). */
#include "kernel/uaccess.h"
#include "kernel/traps.h"
#include "kernel/errno.h"

bool smap_enabled;

struct exception_table_entry {
	unsigned long insn;		/* an instruction that may fault on user memory */
	unsigned long fixup;		/* where to go on when it does */
};
extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];

static inline void stac(void) { if (smap_enabled) asm volatile("stac" ::: "memory"); }
static inline void clac(void) { if (smap_enabled) asm volatile("clac" ::: "memory"); }

/* rep movsb that may fault; on a fault rcx still says how much is left. */
static size_t raw_copy(void *dst, const void *src, size_t n)
{
	stac();
	asm volatile("1: rep movsb\n"
		     "2:\n"
		     ".pushsection .ex_table, \"a\"\n"
		     ".balign 8\n"
		     ".quad 1b, 2b\n"
		     ".popsection\n"
		     : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
	clac();
	return n;
}

size_t copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!access_ok(src, n))
		return n;
	return raw_copy(dst, src, n);
}

size_t copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	return raw_copy(dst, src, n);
}

size_t clear_user(void __user *dst, size_t n)
{
	if (!access_ok(dst, n))
		return n;
	stac();
	asm volatile("1: rep stosb\n"
		     "2:\n"
		     ".pushsection .ex_table, \"a\"\n"
		     ".balign 8\n"
		     ".quad 1b, 2b\n"
		     ".popsection\n"
		     : "+D"(dst), "+c"(n) : "a"(0) : "memory");
	clac();
	return n;
}

/* One byte at a time: strings are short, and the NUL must be found
 * without reading past a page that is not there. */
long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (copy_from_user(&dst[i], src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return (long)i;
	}
	return -ENAMETOOLONG;
}

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->rip) {
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}
