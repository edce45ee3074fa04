/* kernel/random.h — random bytes (kernel/random.c): getrandom(2),
 * /dev/random and /dev/urandom.  Not cryptographic. */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include "kernel/types.h"

void get_random_bytes(void *buf, size_t n);
long sys_getrandom(unsigned long ubuf, unsigned long n, unsigned long flags);
extern const struct file_operations random_fops;	/* /dev/random, /dev/urandom */

#endif
