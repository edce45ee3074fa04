/* kernel/ktest.h — in-kernel tests with KTAP output (tests/kernel/).
 *
 * A suite is a table of named cases; each case gets a struct ktest and
 * checks with KEXPECT_* (note the failure, go on) or KASSERT_* (note it
 * and return from the case).  A failed check prints file:line, the
 * expression and both values as a KTAP diagnostic line.
 *
 *	static void adds(struct ktest *t) { KEXPECT_EQ(t, 1 + 1, 2); }
 *	KTEST_SUITE(arith, KTEST_CASE(adds));
 *
 * Boot option test=all runs every suite but the manual ones; test=a,b runs
 * suites a and b; test=suite.case runs one case (manual suites too: the
 * crash tests, whose expected result is a panic). */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "kernel/types.h"

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	size_t nr_cases;
	bool manual;		/* only when named: e.g. cases that must panic */
};

#define KTEST_CASE(fn) { #fn, fn }

#define __KTEST_SUITE(sname, is_manual, ...)                                        \
	static const struct ktest_case sname##_ktest_cases[] = { __VA_ARGS__ };    \
	static const struct ktest_suite __ktest_suite_##sname                      \
		__section(".ktest_suites") __used __aligned(8) = {                 \
		#sname, sname##_ktest_cases, ARRAY_SIZE(sname##_ktest_cases), is_manual }
#define KTEST_SUITE(sname, ...) __KTEST_SUITE(sname, false, __VA_ARGS__)
#define KTEST_MANUAL_SUITE(sname, ...) __KTEST_SUITE(sname, true, __VA_ARGS__)

void ktest_fail(struct ktest *t, const char *file, int line, const char *expr,
		long long a, long long b, bool two);
void ktest_fail_str(struct ktest *t, const char *file, int line, const char *expr,
		    const char *a, const char *b);
void ktest_skip(struct ktest *t, const char *reason);
/* Run what `which` names (see above); returns the number of failed cases. */
int ktest_run(const char *which);

/* Hooks around each suite, e.g. the free-frame check of mm/. */
struct ktest_hooks {
	void (*suite_start)(void);
	/* after the suite: NULL, or a message saying what the suite leaked */
	const char *(*suite_end)(void);
};
extern struct ktest_hooks ktest_hooks;

#define __KCHECK(t, a, op, b, on_fail)                                            \
	do {                                                                       \
		__auto_type _ka = (a);                                             \
		__auto_type _kb = (b);                                             \
		if (!(_ka op _kb)) {                                               \
			ktest_fail(t, __FILE__, __LINE__, #a " " #op " " #b,       \
				   (long long)_ka, (long long)_kb, true);          \
			on_fail;                                                   \
		}                                                                  \
	} while (0)

#define KEXPECT_EQ(t, a, b) __KCHECK(t, a, ==, b, (void)0)
#define KEXPECT_NE(t, a, b) __KCHECK(t, a, !=, b, (void)0)
#define KEXPECT_LT(t, a, b) __KCHECK(t, a, <, b, (void)0)
#define KEXPECT_LE(t, a, b) __KCHECK(t, a, <=, b, (void)0)
#define KEXPECT_GT(t, a, b) __KCHECK(t, a, >, b, (void)0)
#define KEXPECT_GE(t, a, b) __KCHECK(t, a, >=, b, (void)0)
#define KASSERT_EQ(t, a, b) __KCHECK(t, a, ==, b, return)
#define KASSERT_NE(t, a, b) __KCHECK(t, a, !=, b, return)
#define KASSERT_LT(t, a, b) __KCHECK(t, a, <, b, return)
#define KASSERT_GE(t, a, b) __KCHECK(t, a, >=, b, return)

#define KEXPECT_TRUE(t, c)                                                        \
	do {                                                                       \
		if (!(c))                                                          \
			ktest_fail(t, __FILE__, __LINE__, #c, 0, 0, false);        \
	} while (0)
#define KEXPECT_FALSE(t, c) KEXPECT_TRUE(t, !(c))
#define KASSERT_TRUE(t, c)                                                        \
	do {                                                                       \
		if (!(c)) {                                                        \
			ktest_fail(t, __FILE__, __LINE__, #c, 0, 0, false);        \
			return;                                                    \
		}                                                                  \
	} while (0)
#define KEXPECT_NULL(t, p) KEXPECT_TRUE(t, (p) == NULL)
#define KASSERT_NOT_NULL(t, p) KASSERT_TRUE(t, (p) != NULL)

#define KEXPECT_STREQ(t, a, b)                                                    \
	do {                                                                       \
		const char *_ka = (a), *_kb = (b);                                 \
		if (!_ka || !_kb || strcmp(_ka, _kb) != 0)                         \
			ktest_fail_str(t, __FILE__, __LINE__, #a " == " #b, _ka, _kb); \
	} while (0)

#endif
