/* kernel/uio.c — iovecs copied in and walked (see uio.h). */
#include "kernel/uio.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"

struct iovec *iovec_from_user(unsigned long uvec, unsigned long cnt, long *err)
{
	*err = 0;
	if (cnt > UIO_MAXIOV) {
		*err = -EINVAL;
		return NULL;
	}
	struct iovec *v = kmalloc(MAX(cnt, 1UL) * sizeof(*v));
	if (!v) {
		*err = -ENOMEM;
		return NULL;
	}
	if (copy_from_user(v, (void *)uvec, cnt * sizeof(*v))) {
		*err = -EFAULT;
	} else {
		for (unsigned long i = 0; i < cnt && !*err; i++)
			if (v[i].iov_len < 0)
				*err = -EINVAL;
	}
	if (*err) {
		kfree(v);
		return NULL;
	}
	return v;
}

struct iovec *import_iovec(unsigned long uvec, unsigned long cnt, long *err)
{
	struct iovec *v = iovec_from_user(uvec, cnt, err);
	unsigned long sum = 0;
	for (unsigned long i = 0; v && i < cnt; i++) {
		if (!access_ok((void *)v[i].iov_base, (size_t)v[i].iov_len)) {
			kfree(v);
			*err = -EFAULT;
			return NULL;
		}
		v[i].iov_len = (long)MIN((unsigned long)v[i].iov_len, MAX_RW_COUNT - sum);
		sum += (unsigned long)v[i].iov_len;
	}
	return v;
}

void iov_iter_init(struct iov_iter *it, const struct iovec *v, unsigned long cnt)
{
	*it = (struct iov_iter){ v, cnt, 0, 0 };
	iov_iter_advance(it, 0);		/* past leading empty segments */
}

unsigned long iov_iter_count(const struct iov_iter *it)
{
	unsigned long n = 0;
	for (unsigned long i = it->i; i < it->cnt; i++)
		n += (unsigned long)it->v[i].iov_len - (i == it->i ? it->off : 0);
	return n;
}

void iov_iter_advance(struct iov_iter *it, unsigned long n)
{
	it->off += n;
	while (it->i < it->cnt && it->off >= (unsigned long)it->v[it->i].iov_len) {
		it->off -= (unsigned long)it->v[it->i].iov_len;
		it->i++;
	}
}

bool copy_page_iter(char *kaddr, unsigned long len, struct iov_iter *it, bool from_user)
{
	while (len && it->i < it->cnt) {
		const struct iovec *v = &it->v[it->i];
		unsigned long n = MIN(len, (unsigned long)v->iov_len - it->off);
		void *user = (void *)(v->iov_base + it->off);
		size_t missed = from_user ? copy_from_user(kaddr, user, n) : copy_to_user(user, kaddr, n);
		if (missed)
			return false;
		kaddr += n;
		len -= n;
		iov_iter_advance(it, n);
	}
	return true;
}
