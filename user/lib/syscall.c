/* syscall.c — turning raw system-call results into libc's (-1, errno). */
#include <stdarg.h>
#include <errno.h>
#include <syscall.h>

/* Linux returns -4095 .. -1 for errors; anything else is a value (an mmap
 * address near the top of the address space is a value, not an error). */
long __syscall_ret(unsigned long r)
{
	if (r > -4096UL) {
		errno = -(long)r;
		return -1;
	}
	return (long)r;
}

long syscall(long n, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, n);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);	/* reading unpassed ones is harmless on x86-64 */
	va_end(ap);
	return __syscall_ret(syscall6(n, a[0], a[1], a[2], a[3], a[4], a[5]));
}
