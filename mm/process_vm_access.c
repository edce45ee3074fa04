/* mm/process_vm_access.c — process_vm_readv and process_vm_writev: copy
 * between our memory and another process's without /proc/PID/mem's
 * open and seek (Linux's mm/process_vm_access.c).
 *
 * The other process's pages are pinned through get_user_pages
 * (pin_user_pages_remote, mm/gup.c), one at a time, and copied to or from
 * our own iovecs with copy_to_user/copy_from_user.  Unlike /proc/PID/mem
 * there is no FOLL_FORCE: the remote VMA's protection holds (writing a
 * read-only mapping: -EFAULT).  A read pins (FOLL_PIN), so a page fork
 * shares copy-on-write is unshared first: what we read is the target's
 * own copy.  It stops at the first remote page that cannot be had or the
 * first local byte that cannot be copied; the bytes copied before count,
 * and an error is returned only when there are none. */
#include "mm/gup.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"
#include "kernel/proc.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/uio.h"


/* One remote iovec: page by page, pinned, copied, unpinned (dirty when
 * written).  0, or -EFAULT. */
static long process_vm_rw_single_vec(struct mm_struct *mm, unsigned long addr, unsigned long len,
				     struct iov_iter *it, bool vm_write)
{
	while (len && iov_iter_count(it)) {
		struct page *page;
		unsigned long offset = addr & ~PAGE_MASK;
		unsigned long n = MIN(len, PAGE_SIZE - offset);
		if (pin_user_pages_remote(mm, addr & PAGE_MASK, 1, vm_write ? FOLL_WRITE : 0, &page) <= 0)
			return -EFAULT;
		bool ok = copy_page_iter((char *)page_address(page) + offset, n, it, vm_write);
		unpin_user_pages_dirty(&page, 1, vm_write);
		if (!ok)
			return -EFAULT;
		addr += n;
		len -= n;
	}
	return 0;
}

static long process_vm_rw(int pid, unsigned long lvec, unsigned long liovcnt, unsigned long rvec,
			  unsigned long riovcnt, unsigned long flags, bool vm_write)
{
	long rc;
	if (flags)
		return -EINVAL;
	/* ours must be user memory, and together at most MAX_RW_COUNT */
	struct iovec *local = import_iovec(lvec, liovcnt, &rc);
	if (!local)
		return rc;
	struct iov_iter it;
	iov_iter_init(&it, local, liovcnt);
	unsigned long total = iov_iter_count(&it);
	struct iovec *remote = NULL;
	if (!total)
		goto out;
	remote = iovec_from_user(rvec, riovcnt, &rc);
	if (!remote)
		goto out;
	struct task_struct *t = pid > 0 ? find_task(pid) : NULL;
	if (!t || !t->mm) {
		rc = -ESRCH;			/* no such process, or no memory (mm_access) */
		goto out;
	}
	for (unsigned long i = 0; i < riovcnt && iov_iter_count(&it) && !rc; i++)
		rc = process_vm_rw_single_vec(t->mm, remote[i].iov_base,
					      (unsigned long)remote[i].iov_len, &it, vm_write);
	total -= iov_iter_count(&it);
	if (total)
		rc = (long)total;		/* something copied: that, not the error */
out:
	kfree(remote);
	kfree(local);
	return rc;
}

long sys_process_vm_readv(unsigned long pid, unsigned long lvec, unsigned long liovcnt,
			  unsigned long rvec, unsigned long riovcnt, unsigned long flags)
{
	return process_vm_rw((int)pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

long sys_process_vm_writev(unsigned long pid, unsigned long lvec, unsigned long liovcnt,
			   unsigned long rvec, unsigned long riovcnt, unsigned long flags)
{
	return process_vm_rw((int)pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
