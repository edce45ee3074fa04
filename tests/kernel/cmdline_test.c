/* tests/kernel/cmdline_test.c — suite `cmdline`: the command-line parser
 * (kernel/cmdline.c) and kstrtoul (kernel/string.c).
 *
 * cmdline_parse() on a private struct cmdline, never the boot's: key=value
 * options, bare flags (value ""), the last of a repeated key winning,
 * double-quoted values with spaces, words after "--" becoming argv, empty
 * and whitespace-only lines, spaces/tabs/newlines between words, values
 * that contain '=', and the limits (CMDLINE_OPTS options, CMDLINE_ARGS
 * arguments, CMDLINE_MAX bytes): -E2BIG, with what fitted kept and the
 * rest counted in `dropped`.  kstrtoul: decimal, hex (base 0 and 16),
 * the largest unsigned long, invalid strings and overflow, and that *res
 * is left alone on an error. */
#include "kernel/ktest.h"
#include "kernel/cmdline.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

static struct cmdline cl;		/* about 1.8 KiB: not on the stack */
static char line[CMDLINE_MAX * 2];	/* lines built by the limit cases */

static void key_value(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "a=1 name=hello loglevel=7"), 0);
	KEXPECT_EQ(t, cl.nopts, 3);
	KEXPECT_EQ(t, cl.argc, 0);
	KEXPECT_EQ(t, cl.dropped, 0);
	KEXPECT_STREQ(t, cl.opt[0].key, "a");
	KEXPECT_STREQ(t, cl.opt[1].key, "name");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "1");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "name"), "hello");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "loglevel"), "7");
	KEXPECT_NULL(t, cmdline_lookup(&cl, "nam"));	/* no prefix matches */
	KEXPECT_NULL(t, cmdline_lookup(&cl, "names"));
	KEXPECT_NULL(t, cmdline_lookup(&cl, "hello"));	/* values are not keys */
}

static void bare_flags(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "quiet a=1 fault_trace empty="), 0);
	KEXPECT_EQ(t, cl.nopts, 4);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "quiet"), "");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "fault_trace"), "");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "empty"), "");	/* key= is "" too */
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "1");
	KEXPECT_NULL(t, cmdline_lookup(&cl, "verbose"));
}

static void last_one_wins(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "a=1 b=2 a=3 flag flag=off"), 0);
	KEXPECT_EQ(t, cl.nopts, 5);		/* every occurrence is kept */
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "3");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "b"), "2");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "flag"), "off");
}

static void quoted_values(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "msg=\"hello  world\" x=1 \"k=v w\" e=\"\" "
					 "tab=\"a\tb\" mix=ab\"c d\"e"), 0);
	KEXPECT_EQ(t, cl.nopts, 6);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "msg"), "hello  world");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "x"), "1");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "k"), "v w");	/* quotes around it all */
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "e"), "");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "tab"), "a\tb");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "mix"), "abc de");
}

static void args_after_dashdash(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "a=1 -- /bin/init -v x=2 -- \"two words\""), 0);
	KEXPECT_EQ(t, cl.nopts, 1);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "1");
	KEXPECT_NULL(t, cmdline_lookup(&cl, "x"));	/* an argument, not an option */
	KASSERT_EQ(t, cl.argc, 5);
	KEXPECT_STREQ(t, cl.argv[0], "/bin/init");
	KEXPECT_STREQ(t, cl.argv[1], "-v");
	KEXPECT_STREQ(t, cl.argv[2], "x=2");
	KEXPECT_STREQ(t, cl.argv[3], "--");		/* only the first "--" splits */
	KEXPECT_STREQ(t, cl.argv[4], "two words");
	KEXPECT_NULL(t, cl.argv[5]);
}

static void empty_line(struct ktest *t)
{
	static const char *const empties[] = { "", " ", " \t\r\n  " };

	for (size_t i = 0; i < ARRAY_SIZE(empties); i++) {
		KEXPECT_EQ(t, cmdline_parse(&cl, empties[i]), 0);
		KEXPECT_EQ(t, cl.nopts, 0);
		KEXPECT_EQ(t, cl.argc, 0);
		KEXPECT_EQ(t, cl.dropped, 0);
		KEXPECT_NULL(t, cl.argv[0]);
		KEXPECT_NULL(t, cmdline_lookup(&cl, ""));
	}
	KEXPECT_EQ(t, cmdline_parse(&cl, "--"), 0);	/* "--" and nothing after */
	KEXPECT_EQ(t, cl.nopts, 0);
	KEXPECT_EQ(t, cl.argc, 0);
}

static void whitespace(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "   a=1\t\tb=2 \r\n  c \t -- \t arg  "), 0);
	KEXPECT_EQ(t, cl.nopts, 3);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "1");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "b"), "2");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "c"), "");
	KASSERT_EQ(t, cl.argc, 1);
	KEXPECT_STREQ(t, cl.argv[0], "arg");
}

static void value_with_equals(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "root=UUID=ab=cd x==y"), 0);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "root"), "UUID=ab=cd");	/* split at the first '=' */
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "x"), "=y");
	KEXPECT_NULL(t, cmdline_lookup(&cl, "UUID"));
}

/* A second parse starts from nothing: no option or argument of the first. */
static void reparse_resets(struct ktest *t)
{
	KASSERT_EQ(t, cmdline_parse(&cl, "a=1 old -- x y"), 0);
	KASSERT_EQ(t, cmdline_parse(&cl, "b=2"), 0);
	KEXPECT_EQ(t, cl.nopts, 1);
	KEXPECT_EQ(t, cl.argc, 0);
	KEXPECT_NULL(t, cl.argv[0]);
	KEXPECT_NULL(t, cmdline_lookup(&cl, "a"));
	KEXPECT_NULL(t, cmdline_lookup(&cl, "old"));
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "b"), "2");
}

/* Append `n` words "<prefix><i>=<i>" (or "<prefix><i>" with no '=') to line. */
static void add_words(const char *prefix, int n, bool with_value)
{
	size_t len = strlen(line);
	for (int i = 0; i < n; i++) {
		len += snprintf(line + len, sizeof(line) - len, " %s%d", prefix, i);
		if (with_value)
			len += snprintf(line + len, sizeof(line) - len, "=%d", i);
	}
}

static void too_many_options(struct ktest *t)
{
	line[0] = 0;
	add_words("k", CMDLINE_OPTS + 8, true);
	KEXPECT_EQ(t, cmdline_parse(&cl, line), -E2BIG);
	KEXPECT_EQ(t, cl.nopts, CMDLINE_OPTS);
	KEXPECT_EQ(t, cl.dropped, 8);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "k0"), "0");
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "k31"), "31");	/* the last that fits */
	KEXPECT_NULL(t, cmdline_lookup(&cl, "k32"));
	KEXPECT_NULL(t, cmdline_lookup(&cl, "k39"));
}

static void too_many_args(struct ktest *t)
{
	strlcpy(line, "opt=1 --", sizeof(line));
	add_words("w", CMDLINE_ARGS + 3, false);
	KEXPECT_EQ(t, cmdline_parse(&cl, line), -E2BIG);
	KEXPECT_EQ(t, cl.nopts, 1);
	KEXPECT_EQ(t, cl.argc, CMDLINE_ARGS);
	KEXPECT_EQ(t, cl.dropped, 3);
	KEXPECT_STREQ(t, cl.argv[0], "w0");
	KEXPECT_STREQ(t, cl.argv[CMDLINE_ARGS - 1], "w15");
	KEXPECT_NULL(t, cl.argv[CMDLINE_ARGS]);
}

/* A word that does not fit in CMDLINE_MAX bytes is dropped whole. */
static void line_too_long(struct ktest *t)
{
	size_t n = strlcpy(line, "a=1 big=", sizeof(line));
	memset(line + n, 'x', CMDLINE_MAX);
	line[n + CMDLINE_MAX] = 0;
	KEXPECT_EQ(t, cmdline_parse(&cl, line), -E2BIG);
	KEXPECT_EQ(t, cl.nopts, 1);
	KEXPECT_EQ(t, cl.dropped, 1);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "1");
	KEXPECT_NULL(t, cmdline_lookup(&cl, "big"));
}

/* ... and only that word: the words after it still fit, and are kept. */
static void long_word_skipped(struct ktest *t)
{
	size_t n = strlcpy(line, "a=1 -- x big=", sizeof(line));
	memset(line + n, 'x', CMDLINE_MAX);
	strlcpy(line + n + CMDLINE_MAX, " y \"z z\"", sizeof(line) - n - CMDLINE_MAX);
	KEXPECT_EQ(t, cmdline_parse(&cl, line), -E2BIG);
	KEXPECT_EQ(t, cl.dropped, 1);
	KEXPECT_STREQ(t, cmdline_lookup(&cl, "a"), "1");
	KASSERT_EQ(t, cl.argc, 3);
	KEXPECT_STREQ(t, cl.argv[0], "x");
	KEXPECT_STREQ(t, cl.argv[1], "y");
	KEXPECT_STREQ(t, cl.argv[2], "z z");
	KEXPECT_NULL(t, cl.argv[3]);
}

#define SENTINEL 0x5a5a5a5aUL

static void kstrtoul_decimal(struct ktest *t)
{
	unsigned long v = SENTINEL;

	KEXPECT_EQ(t, kstrtoul("0", 10, &v), 0);
	KEXPECT_EQ(t, v, 0UL);
	KEXPECT_EQ(t, kstrtoul("42", 10, &v), 0);
	KEXPECT_EQ(t, v, 42UL);
	KEXPECT_EQ(t, kstrtoul("0065536", 10, &v), 0);	/* leading zeros: still decimal */
	KEXPECT_EQ(t, v, 65536UL);
	KEXPECT_EQ(t, kstrtoul("123", 0, &v), 0);		/* base 0 without 0x */
	KEXPECT_EQ(t, v, 123UL);
	KEXPECT_EQ(t, kstrtoul("18446744073709551615", 10, &v), 0);
	KEXPECT_EQ(t, v, ~0UL);
}

static void kstrtoul_hex(struct ktest *t)
{
	unsigned long v = SENTINEL;

	KEXPECT_EQ(t, kstrtoul("0x1F", 0, &v), 0);
	KEXPECT_EQ(t, v, 0x1fUL);
	KEXPECT_EQ(t, kstrtoul("0XfF", 0, &v), 0);
	KEXPECT_EQ(t, v, 0xffUL);
	KEXPECT_EQ(t, kstrtoul("deadBEEF", 16, &v), 0);
	KEXPECT_EQ(t, v, 0xdeadbeefUL);
	KEXPECT_EQ(t, kstrtoul("0x10000", 0, &v), 0);
	KEXPECT_EQ(t, v, 65536UL);
	KEXPECT_EQ(t, kstrtoul("0xffffffffffffffff", 0, &v), 0);
	KEXPECT_EQ(t, v, ~0UL);
}

static void kstrtoul_invalid(struct ktest *t)
{
	static const struct { const char *s; unsigned int base; } bad[] = {
		{ "", 10 }, { "", 0 }, { "0x", 0 }, { "12a", 10 }, { "-1", 10 },
		{ " 1", 10 }, { "1 ", 10 }, { "0x1g", 0 }, { "ff", 10 }, { "8", 8 }, { "1.5", 0 },
	};
	unsigned long v = SENTINEL;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int r = kstrtoul(bad[i].s, bad[i].base, &v);
		if (r != -EINVAL)	/* name the string that got through */
			ktest_fail_str(t, __FILE__, __LINE__, "kstrtoul(bad[i].s) == -EINVAL",
				       bad[i].s, r ? "another error" : "accepted");
	}
	KEXPECT_EQ(t, v, SENTINEL);			/* never written on an error */
}

static void kstrtoul_overflow(struct ktest *t)
{
	unsigned long v = SENTINEL;

	KEXPECT_EQ(t, kstrtoul("18446744073709551616", 10, &v), -ERANGE);	/* ULONG_MAX + 1 */
	KEXPECT_EQ(t, kstrtoul("99999999999999999999", 10, &v), -ERANGE);
	KEXPECT_EQ(t, kstrtoul("0x10000000000000000", 0, &v), -ERANGE);
	KEXPECT_EQ(t, kstrtoul("fffffffffffffffff", 16, &v), -ERANGE);
	KEXPECT_EQ(t, v, SENTINEL);
}

/* The KPARAM table is read entry by entry: every declared option is found
 * (a padding mismatch between entries once hid all of them). */
static void known_options(struct ktest *t)
{
	KEXPECT_TRUE(t, cmdline_known("loglevel"));
	KEXPECT_TRUE(t, cmdline_known("test"));
	KEXPECT_FALSE(t, cmdline_known("no_such_option"));
	KEXPECT_FALSE(t, cmdline_known(""));
}

KTEST_SUITE(cmdline,
	    KTEST_CASE(known_options),
	    KTEST_CASE(key_value),
	    KTEST_CASE(bare_flags),
	    KTEST_CASE(last_one_wins),
	    KTEST_CASE(quoted_values),
	    KTEST_CASE(args_after_dashdash),
	    KTEST_CASE(empty_line),
	    KTEST_CASE(whitespace),
	    KTEST_CASE(value_with_equals),
	    KTEST_CASE(reparse_resets),
	    KTEST_CASE(too_many_options),
	    KTEST_CASE(too_many_args),
	    KTEST_CASE(line_too_long),
	    KTEST_CASE(long_word_skipped),
	    KTEST_CASE(kstrtoul_decimal),
	    KTEST_CASE(kstrtoul_hex),
	    KTEST_CASE(kstrtoul_invalid),
	    KTEST_CASE(kstrtoul_overflow));
