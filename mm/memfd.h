/* mm/memfd.h — memfd_create and file sealing (mm/memfd.c), as Linux's
 * <linux/memfd.h>. */
#ifndef MM_MEMFD_H
#define MM_MEMFD_H

#include "kernel/fs/fs.h"
#include "mm/mm.h"

#define F_ADD_SEALS	1033	/* fcntl: F_LINUX_SPECIFIC_BASE + 9 */
#define F_GET_SEALS	1034

/* fcntl(F_ADD_SEALS / F_GET_SEALS) on f: the seals, 0, or -errno. */
long memfd_fcntl(struct file *f, unsigned int cmd, unsigned long arg);
long sys_memfd_create(unsigned long uname, unsigned long flags);

/* Sealed against writes, old or future (Linux's is_write_sealed). */
static inline bool is_write_sealed(unsigned int seals)
{
	return seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE);
}

/* A shared mapping of a write-sealed file, read-only now, must stay so:
 * mmap takes VM_MAYWRITE away (Linux's is_readonly_sealed). */
static inline bool is_readonly_sealed(unsigned int seals, unsigned long vm_flags)
{
	return is_write_sealed(seals) && (vm_flags & (VM_SHARED | VM_WRITE)) == VM_SHARED;
}

#endif
