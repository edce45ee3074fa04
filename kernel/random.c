/* kernel/random.c — random bytes: getrandom(2), /dev/random and
 * /dev/urandom, from one generator, as Linux's drivers/char/random.c
 * serves all three from one pool.
 *
 * The generator is xorshift64 seeded with the TSC at its first use: the
 * bytes differ from boot to boot and look random to a program (shred,
 * mktemp, a hash table's seed), but they are **not** cryptographic, and
 * nothing here blocks for entropy (Linux 5.6+ blocks neither /dev/random
 * nor getrandom once its pool is initialised, which it is long before
 * the first program). */
#include "kernel/random.h"
#include "kernel/fs/fs.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/x86.h"

static u64 xorshift_state;

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;
	if (!xorshift_state)
		xorshift_state = rdmsr(0x10) | 1;	/* IA32_TIME_STAMP_COUNTER */
	for (size_t i = 0; i < n; i++) {
		xorshift_state ^= xorshift_state << 13;
		xorshift_state ^= xorshift_state >> 7;
		xorshift_state ^= xorshift_state << 17;
		p[i] = (u8)xorshift_state;
	}
}

/* GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE are accepted: the bytes are
 * always there.  At most 32 MiB a call, as Linux; a fault after some bytes
 * returns how many were written. */
long sys_getrandom(unsigned long ubuf, unsigned long n, unsigned long flags)
{
	if (flags & ~7UL)
		return -EINVAL;
	n = MIN(n, 32UL << 20);
	for (unsigned long i = 0; i < n; i++) {
		u8 b;
		get_random_bytes(&b, 1);
		if (copy_to_user((void *)(ubuf + i), &b, 1))
			return i ? (long)i : -EFAULT;
	}
	return (long)n;
}

/* /dev/random and /dev/urandom: reads give random bytes, as many as asked;
 * writes are accepted (Linux mixes them into its pool) and change nothing
 * here; seeking does nothing and gives 0, as Linux's. */
static ssize_t random_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	get_random_bytes(buf, n);
	return (ssize_t)n;
}

static ssize_t random_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	return (ssize_t)n;
}

static loff_t random_llseek(struct file *f, loff_t off, int whence)
{
	return 0;
}

const struct file_operations random_fops = {
	.read = random_read, .write = random_write, .llseek = random_llseek,
};
