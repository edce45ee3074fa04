/* limits.h — integer limits for LP64, and Linux's path limits. */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT	8
#define SCHAR_MIN	(-128)
#define SCHAR_MAX	127
#define UCHAR_MAX	255
#define CHAR_MIN	SCHAR_MIN	/* char is signed on x86-64 */
#define CHAR_MAX	SCHAR_MAX
#define SHRT_MIN	(-1 - 0x7fff)
#define SHRT_MAX	0x7fff
#define USHRT_MAX	0xffff
#define INT_MIN		(-1 - 0x7fffffff)
#define INT_MAX		0x7fffffff
#define UINT_MAX	0xffffffffU
#define LONG_MIN	(-1L - 0x7fffffffffffffffL)
#define LONG_MAX	0x7fffffffffffffffL
#define ULONG_MAX	0xffffffffffffffffUL
#define LLONG_MIN	LONG_MIN
#define LLONG_MAX	LONG_MAX
#define ULLONG_MAX	ULONG_MAX
#define SSIZE_MAX	LONG_MAX

#define PATH_MAX	4096	/* bytes in a path, with its NUL */
#define NAME_MAX	255	/* bytes in one path component */
#define PAGE_SIZE	4096
#define PAGESIZE	PAGE_SIZE

#endif
