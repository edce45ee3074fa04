/* tests/kernel/printk_test.c — suite `printk`: snprintf and vsnprintf
 * (kernel/printk.c).
 *
 * Covers every conversion the kernel has (%d %i %u %x %X %p %s %c %%), the
 * length modifiers l, ll and z at the edges of their types (INT_MIN,
 * LLONG_MIN, ULLONG_MAX, SIZE_MAX), field width, zero padding, '-' and '*',
 * and the buffer contract: the return value is always the full length,
 * the buffer is always NUL-terminated, and nothing is written past `size`
 * (not even when size is 0).  Unknown conversions are printed as they are.
 *
 * Each check compares the exact text and the exact return value. */
#include <limits.h>
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/string.h"

/* Format into a fresh buffer; expect the text `want` and its length back.
 * A macro, so that a failure names the line of the case and the format:
 *	# printk_test.c:71: expected snprintf("%X", 0xbeefu) == "BEEF", got "beef" and "BEEF" */
#define EXPECT_FMT(t, want, ...)                                                   \
	do {                                                                       \
		char _buf[128];                                                    \
		int _n = snprintf(_buf, sizeof(_buf), __VA_ARGS__);                \
		if (strcmp(_buf, want) != 0)                                       \
			ktest_fail_str(t, __FILE__, __LINE__,                      \
				       "snprintf(" #__VA_ARGS__ ") == " #want, _buf, want); \
		if (_n != (int)strlen(want))                                       \
			ktest_fail(t, __FILE__, __LINE__,                          \
				   "snprintf(" #__VA_ARGS__ ") returns strlen(" #want ")", \
				   _n, (long long)strlen(want), true);             \
	} while (0)

/* The same through vsnprintf and a va_list, as printk uses it. */
static int fmt_va(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void signed_decimal(struct ktest *t)
{
	EXPECT_FMT(t, "42", "%d", 42);
	EXPECT_FMT(t, "-42", "%d", -42);
	EXPECT_FMT(t, "0", "%d", 0);
	EXPECT_FMT(t, "-7", "%i", -7);
	EXPECT_FMT(t, "2147483647", "%d", INT_MAX);
	EXPECT_FMT(t, "-2147483648", "%d", INT_MIN);
	EXPECT_FMT(t, "-2147483648", "%i", INT_MIN);
}

static void signed_long(struct ktest *t)
{
	EXPECT_FMT(t, "-9223372036854775808", "%ld", LONG_MIN);
	EXPECT_FMT(t, "9223372036854775807", "%lld", LLONG_MAX);
	EXPECT_FMT(t, "-9223372036854775808", "%lli", LLONG_MIN);
	EXPECT_FMT(t, "-1", "%ld", -1L);
	/* a plain %d takes an int: only the low 32 bits of this long */
	EXPECT_FMT(t, "-1", "%d", (int)0x1ffffffffL);
}

static void unsigned_decimal(struct ktest *t)
{
	EXPECT_FMT(t, "0", "%u", 0u);
	EXPECT_FMT(t, "4294967295", "%u", UINT_MAX);
	EXPECT_FMT(t, "4294967295", "%u", (unsigned int)-1);
	EXPECT_FMT(t, "18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT_FMT(t, "18446744073709551615", "%lu", ULONG_MAX);
	EXPECT_FMT(t, "1000000000000", "%llu", 1000000000000ULL);
}

static void hex(struct ktest *t)
{
	EXPECT_FMT(t, "beef", "%x", 0xbeefu);
	EXPECT_FMT(t, "BEEF", "%X", 0xbeefu);
	EXPECT_FMT(t, "0", "%x", 0u);
	EXPECT_FMT(t, "ffffffff", "%x", (unsigned int)-1);
	EXPECT_FMT(t, "deadbeefcafebabe", "%lx", 0xdeadbeefcafebabeUL);
	EXPECT_FMT(t, "DEADBEEFCAFEBABE", "%lX", 0xdeadbeefcafebabeUL);
	EXPECT_FMT(t, "ffffffffffffffff", "%llx", ULLONG_MAX);
}

static void size_t_modifier(struct ktest *t)
{
	EXPECT_FMT(t, "18446744073709551615", "%zu", (size_t)-1);
	EXPECT_FMT(t, "24", "%zu", sizeof(u64[3]));
	EXPECT_FMT(t, "100000000", "%zx", (size_t)1 << 32);
}

static void pointer(struct ktest *t)
{
	EXPECT_FMT(t, "0xffffffff80001234", "%p", (void *)0xffffffff80001234UL);
	EXPECT_FMT(t, "0x0000000000001000", "%p", (void *)0x1000UL);
	EXPECT_FMT(t, "0x0000000000000000", "%p", NULL);
	/* width counts the 0x; zero padding does not apply to %p */
	EXPECT_FMT(t, "  0x0000000000000010", "%20p", (void *)0x10UL);
	EXPECT_FMT(t, "0x0000000000000010  |", "%-20p|", (void *)0x10UL);
}

/* gcc (rightly) warns about a NULL %s and a bad format; these cases mean it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

static void strings(struct ktest *t)
{
	const char *none = NULL;

	EXPECT_FMT(t, "abc", "%s", "abc");
	EXPECT_FMT(t, "", "%s", "");
	EXPECT_FMT(t, "(null)", "%s", none);
	EXPECT_FMT(t, "[(null)]", "[%s]", (char *)NULL);
	EXPECT_FMT(t, "a-b-c", "%s-%s-%s", "a", "b", "c");
}

static void unknown_conversion(struct ktest *t)
{
	EXPECT_FMT(t, "%q", "%q");
	EXPECT_FMT(t, "a%yb", "a%yb");
	/* it consumes no argument: the %d after it still gets the first one */
	EXPECT_FMT(t, "%w 5", "%w %d", 5);
	/* a lone '%' at the end prints nothing */
	EXPECT_FMT(t, "abc", "abc%");
	/* '-' overrides '0', as in C */
	EXPECT_FMT(t, "42   |", "%-05d|", 42);
}

#pragma GCC diagnostic pop

static void chars_and_percent(struct ktest *t)
{
	EXPECT_FMT(t, "A", "%c", 'A');
	EXPECT_FMT(t, "xyz", "%c%c%c", 'x', 'y', 'z');
	EXPECT_FMT(t, "  A", "%3c", 'A');
	EXPECT_FMT(t, "A  |", "%-3c|", 'A');
	EXPECT_FMT(t, "100%", "100%%");
	EXPECT_FMT(t, "%d", "%%d");
	EXPECT_FMT(t, "50% of 8", "%d%% of %d", 50, 8);
}

static void width(struct ktest *t)
{
	EXPECT_FMT(t, "   42", "%5d", 42);
	EXPECT_FMT(t, "  -42", "%5d", -42);
	EXPECT_FMT(t, "12345", "%2d", 12345);	/* never truncated by a width */
	EXPECT_FMT(t, "  abc", "%5s", "abc");
	EXPECT_FMT(t, "    ff", "%6x", 0xffu);
	EXPECT_FMT(t, "|         7|", "|%10u|", 7u);
}

static void zero_padding(struct ktest *t)
{
	EXPECT_FMT(t, "00042", "%05d", 42);
	EXPECT_FMT(t, "-0042", "%05d", -42);	/* the sign before the zeros */
	EXPECT_FMT(t, "0000beef", "%08x", 0xbeefu);
	EXPECT_FMT(t, "00000000deadbeef", "%016lx", 0xdeadbeefUL);
	EXPECT_FMT(t, "0", "%01d", 0);
	EXPECT_FMT(t, "123456", "%03d", 123456);
}

static void left_justify(struct ktest *t)
{
	EXPECT_FMT(t, "42   |", "%-5d|", 42);
	EXPECT_FMT(t, "-42  |", "%-5d|", -42);
	EXPECT_FMT(t, "ab    |", "%-6s|", "ab");
	EXPECT_FMT(t, "ff  |", "%-4x|", 0xffu);
	EXPECT_FMT(t, "toolong|", "%-3s|", "toolong");
}

static void star_width(struct ktest *t)
{
	EXPECT_FMT(t, "    42", "%*d", 6, 42);
	EXPECT_FMT(t, "42    |", "%-*d|", 6, 42);
	EXPECT_FMT(t, "000ab", "%0*x", 5, 0xabu);
	EXPECT_FMT(t, "   hi 7", "%*s %d", 5, "hi", 7);	/* the width is its own argument */
	/* a negative '*' width means '-' and its absolute value, as in C */
	EXPECT_FMT(t, "hi   |", "%*s|", -5, "hi");
	EXPECT_FMT(t, "42    |", "%0*d|", -6, 42);
}

/* Too small a buffer: the full length comes back, the text is cut and
 * NUL-terminated, and the bytes past `size` are left alone. */
static void truncation(struct ktest *t)
{
	char buf[16];

	memset(buf, 'X', sizeof(buf));
	KEXPECT_EQ(t, snprintf(buf, 5, "hello world"), 11);
	KEXPECT_STREQ(t, buf, "hell");
	KEXPECT_EQ(t, buf[5], 'X');

	memset(buf, 'X', sizeof(buf));
	KEXPECT_EQ(t, snprintf(buf, 4, "%d", -123456), 7);
	KEXPECT_STREQ(t, buf, "-12");
	KEXPECT_EQ(t, buf[4], 'X');

	memset(buf, 'X', sizeof(buf));
	KEXPECT_EQ(t, snprintf(buf, 8, "%-10s|", "ab"), 11);	/* cut inside the padding */
	KEXPECT_STREQ(t, buf, "ab     ");
	KEXPECT_EQ(t, buf[8], 'X');

	memset(buf, 'X', sizeof(buf));
	KEXPECT_EQ(t, snprintf(buf, 1, "abc"), 3);
	KEXPECT_EQ(t, buf[0], 0);
	KEXPECT_EQ(t, buf[1], 'X');

	memset(buf, 'X', sizeof(buf));		/* exactly fits: no cut */
	KEXPECT_EQ(t, snprintf(buf, 4, "abc"), 3);
	KEXPECT_STREQ(t, buf, "abc");
	KEXPECT_EQ(t, buf[4], 'X');
}

/* size 0: nothing is written, not even the NUL; the length still comes back. */
static void size_zero(struct ktest *t)
{
	char buf[4] = { 'X', 'X', 'X', 'X' };

	KEXPECT_EQ(t, snprintf(buf, 0, "%d", 12345), 5);
	KEXPECT_EQ(t, buf[0], 'X');
	KEXPECT_EQ(t, snprintf(NULL, 0, "%s=%lx", "addr", 0xdeadUL), 9);
	KEXPECT_EQ(t, snprintf(NULL, 0, "%s", ""), 0);
}

/* vsnprintf with a va_list: mixed argument sizes must each be read right. */
static void vsnprintf_mixed(struct ktest *t)
{
	char buf[96];
	int n = fmt_va(buf, sizeof(buf), "%d %lld %s %c %x %zu %p %u", -1, LLONG_MIN, "s", 'c',
		       0xabcu, (size_t)7, (void *)0xffUL, 3u);
	const char *want = "-1 -9223372036854775808 s c abc 7 0x00000000000000ff 3";

	KEXPECT_STREQ(t, buf, want);
	KEXPECT_EQ(t, n, (int)strlen(want));
	n = fmt_va(buf, 6, "%s", "truncated");
	KEXPECT_EQ(t, n, 9);
	KEXPECT_STREQ(t, buf, "trunc");
}

/* printk's rate limit (Linux's ___ratelimit): `burst` messages an interval,
 * the rest counted; a later interval starts afresh (and says how many were
 * suppressed: that line goes to the console). */
static void ratelimit(struct ktest *t)
{
	struct ratelimit_state rs = RATELIMIT_STATE_INIT("ktest", 500, 3);
	for (int i = 0; i < 3; i++)
		KEXPECT_TRUE(t, ratelimit_at(&rs, 1000 + i));
	for (int i = 0; i < 5; i++)
		KEXPECT_FALSE(t, ratelimit_at(&rs, 1100 + i));
	KEXPECT_EQ(t, rs.missed, 5);
	KEXPECT_FALSE(t, ratelimit_at(&rs, 1499));	/* the interval's last tick */
	KEXPECT_TRUE(t, ratelimit_at(&rs, 1500));	/* a new one */
	KEXPECT_EQ(t, rs.missed, 0);
	KEXPECT_EQ(t, rs.printed, 1);
	KEXPECT_TRUE(t, ratelimit_at(&rs, 1501));
	KEXPECT_TRUE(t, ratelimit_at(&rs, 1502));
	KEXPECT_FALSE(t, ratelimit_at(&rs, 1503));
}

KTEST_SUITE(printk,
	    KTEST_CASE(signed_decimal),
	    KTEST_CASE(signed_long),
	    KTEST_CASE(unsigned_decimal),
	    KTEST_CASE(hex),
	    KTEST_CASE(size_t_modifier),
	    KTEST_CASE(pointer),
	    KTEST_CASE(strings),
	    KTEST_CASE(chars_and_percent),
	    KTEST_CASE(width),
	    KTEST_CASE(zero_padding),
	    KTEST_CASE(left_justify),
	    KTEST_CASE(star_width),
	    KTEST_CASE(truncation),
	    KTEST_CASE(size_zero),
	    KTEST_CASE(unknown_conversion),
	    KTEST_CASE(vsnprintf_mixed),
	    KTEST_CASE(ratelimit));
