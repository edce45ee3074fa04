/* kernel/string.c — memory and string functions.  gcc may emit calls to
 * memset/memcpy/memmove/memcmp itself, so these four must exist. */
#include "kernel/string.h"
#include "kernel/errno.h"

/* rep stosq/movsq for the 8-byte words, then rep stosb/movsb for the last
 * 0-7 bytes.  One rep iteration per word, not per byte: QEMU (TCG, and
 * -icount: make bench) executes a rep string instruction an iteration at
 * a time, so the 8.5 MB initrd copied at boot cost 8.6 M iterations byte by
 * byte, 1.1 M word by word.  (Linux's x86 memcpy prefers rep movsb only on
 * CPUs with ERMS/FSRM, where the hardware does it a cache line at a time.) */
void *memset(void *d, int c, size_t n)
{
	void *ret = d;
	u64 word = (u8)c * 0x0101010101010101UL;	/* the byte in each of the 8 */
	size_t words = n / 8, bytes = n % 8;
	asm volatile("rep stosq" : "+D"(d), "+c"(words) : "a"(word) : "memory");
	asm volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(word) : "memory");
	return ret;
}

void *memcpy(void *d, const void *s, size_t n)
{
	void *ret = d;
	size_t words = n / 8, bytes = n % 8;
	asm volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
	asm volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(bytes) : : "memory");
	return ret;
}

/* Overlapping copies: forwards when the destination is below, else backwards. */
void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

/* Copy with truncation, always NUL-terminated; returns strlen(s). */
size_t strlcpy(char *d, const char *s, size_t size)
{
	size_t len = strlen(s);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(d, s, n);
		d[n] = 0;
	}
	return len;
}

bool str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Parse an unsigned number (base 0: "0x" hex, else decimal), the whole string
 * or -EINVAL; -ERANGE when it does not fit.  As Linux's kstrtoul. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		unsigned int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		if (v > (~0UL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	*res = v;
	return 0;
}
