/* stdlib.c — number parsing, the environment, sorting. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* The common part of the strto* family: optional space and sign, a 0x or 0
 * prefix when base is 0 or 16, then digits. The magnitude saturates at
 * ULONG_MAX (errno = ERANGE); *neg tells the sign. */
static unsigned long parse(const char *s, char **end, int base, int *neg)
{
	const char *p = s, *digits;
	unsigned long v = 0;
	int overflow = 0;

	while (isspace(*p))
		p++;
	*neg = 0;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    isxdigit(p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	digits = p;
	for (int d; (d = digit_value(*p)) < base; p++) {
		if (v > (ULONG_MAX - d) / base)
			overflow = 1;
		v = v * base + d;
	}
	if (end)
		*end = (char *)(p == digits ? s : p);	/* no digits: nothing consumed */
	if (overflow) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return v;
}

long strtol(const char *s, char **end, int base)
{
	int neg;
	unsigned long v = parse(s, end, base, &neg);

	if (!neg && v > (unsigned long)LONG_MAX) {
		errno = ERANGE;
		return LONG_MAX;
	}
	if (neg && v > (unsigned long)LONG_MAX + 1) {
		errno = ERANGE;
		return LONG_MIN;
	}
	return neg ? (long)(0 - v) : (long)v;
}

/* As C says: a '-' negates the unsigned value ("-1" is ULONG_MAX). */
unsigned long strtoul(const char *s, char **end, int base)
{
	int neg;
	unsigned long v = parse(s, end, base, &neg);

	return neg && v != ULONG_MAX ? 0 - v : v;
}

long long strtoll(const char *s, char **end, int base)
{
	return strtol(s, end, base);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return strtoul(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static void swap_bytes(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Insertion sort: O(n^2), short, and plenty for directory listings. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *a = base;

	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--)
			swap_bytes(a + (j - 1) * size, a + j * size, size);
}
