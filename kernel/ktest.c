/* kernel/ktest.c — run the suites and print KTAP version 1:
 *
 *	KTAP version 1
 *	1..2
 *	    KTAP version 1
 *	    # Subtest: printk
 *	    1..3
 *	    ok 1 decimal
 *	    # printk.c:40: expected s == "x", got "y" and "x"
 *	    not ok 2 strings
 *	    ok 3 pointer # SKIP not on this CPU
 *	# printk: pass:2 fail:1 skip:1 total:3
 *	not ok 1 printk
 *
 * The host runner (tests/run.py) reads exactly this. */
#include "kernel/ktest.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/cmdline.h"

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];
struct ktest_hooks ktest_hooks;

void ktest_fail(struct ktest *t, const char *file, int line, const char *expr,
		long long a, long long b, bool two)
{
	t->failed = true;
	if (two)
		printk("    # %s:%d: expected %s, got %lld (0x%llx) and %lld (0x%llx)\n", file, line,
		       expr, a, a, b, b);
	else
		printk("    # %s:%d: expected %s\n", file, line, expr);
}

void ktest_fail_str(struct ktest *t, const char *file, int line, const char *expr,
		    const char *a, const char *b)
{
	t->failed = true;
	printk("    # %s:%d: expected %s, got \"%s\" and \"%s\"\n", file, line, expr, a, b);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	t->skip_reason = reason;
}

/* Does the comma-separated list `which` select this suite (or one case)? */
static bool selected(const char *which, const struct ktest_suite *s, const char **only_case)
{
	size_t n = strlen(s->name);
	*only_case = NULL;
	if (strcmp(which, "all") == 0)
		return !s->manual;
	for (const char *w = which; *w; ) {
		const char *end = strchr(w, ',');
		size_t len = end ? (size_t)(end - w) : strlen(w);
		if (len >= n && strncmp(w, s->name, n) == 0) {
			if (len == n)
				return true;
			if (w[n] == '.') {
				*only_case = w + n + 1;	/* "suite.case" up to the comma */
				return true;
			}
		}
		w += len + (end ? 1 : 0);
	}
	return false;
}

static bool case_matches(const char *only, const char *name)
{
	if (!only)
		return true;
	size_t n = strlen(name);
	return strncmp(only, name, n) == 0 && (only[n] == 0 || only[n] == ',');
}

/* noinline: a backtrace from a crashing case names the runner */
static __noinline int run_suite(const struct ktest_suite *s, const char *only, int *nr_cases)
{
	int pass = 0, fail = 0, skip = 0, idx = 0;
	int planned = 0;

	for (size_t i = 0; i < s->nr_cases; i++)
		planned += case_matches(only, s->cases[i].name);
	printk("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", s->name,
	       planned + (ktest_hooks.suite_end ? 1 : 0));
	if (ktest_hooks.suite_start)
		ktest_hooks.suite_start();
	for (size_t i = 0; i < s->nr_cases; i++) {
		if (!case_matches(only, s->cases[i].name))
			continue;
		struct ktest t = { .name = s->cases[i].name };
		s->cases[i].run(&t);
		idx++;
		if (t.skipped) {
			printk("    ok %d %s # SKIP %s\n", idx, t.name, t.skip_reason);
			skip++;
		} else {
			printk("    %s %d %s\n", t.failed ? "not ok" : "ok", idx, t.name);
			t.failed ? fail++ : pass++;
		}
	}
	if (ktest_hooks.suite_end) {	/* one more case: the suite left nothing behind */
		const char *leak = ktest_hooks.suite_end();
		idx++;
		if (leak)
			printk("    # %s\n", leak);
		printk("    %s %d no_leak\n", leak ? "not ok" : "ok", idx);
		leak ? fail++ : pass++;
	}
	printk("# %s: pass:%d fail:%d skip:%d total:%d\n", s->name, pass, fail, skip, idx);
	*nr_cases += idx;
	return fail;
}

int ktest_run(const char *which)
{
	const struct ktest_suite *s;
	const char *only;
	int nsuites = 0, idx = 0, failed = 0, cases = 0;

	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		nsuites += selected(which, s, &only);
	printk("KTAP version 1\n1..%d\n", nsuites);
	if (!nsuites)
		printk("# test=%s: no such suite in this kernel (make test builds the test kernel)\n",
		       which);
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		if (!selected(which, s, &only))
			continue;
		int f = run_suite(s, only, &cases);
		printk("%s %d %s\n", f ? "not ok" : "ok", ++idx, s->name);
		failed += f;
	}
	printk("# ktest: %d suites, %d cases, %d failed\n", nsuites, cases, failed);
	return failed;
}
