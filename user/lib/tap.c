/* tap.c — TAP output for tests (see tap.h). Each line is built in a buffer
 * and written with one write(1, ...). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tap.h>

static int planned = -1;	/* -1: no plan yet */
static int run, failed;

/* Write one whole line of at most 1 KiB, after anything stdout still holds. */
static void tap_line(const char *prefix, const char *fmt, va_list ap, const char *suffix)
{
	char line[1024];
	int n;

	fflush(stdout);
	n = snprintf(line, sizeof(line), "%s", prefix);
	if (fmt && *fmt && n < (int)sizeof(line))
		n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (n < (int)sizeof(line))
		n += snprintf(line + n, sizeof(line) - n, "%s", suffix);
	if (n >= (int)sizeof(line)) {
		n = sizeof(line) - 1;
		line[n - 1] = '\n';	/* cut, but still one line */
	}
	write(1, line, n);
}

static void tap_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void tap_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_line("", fmt, ap, "");
	va_end(ap);
}

void tap_flush(void)
{
	fflush(stdout);
}

void plan(int n)
{
	planned = n;
	tap_printf("1..%d\n", n);
}

/* "ok N - name" or "not ok N - name" */
static int result(int pass, const char *fmt, va_list ap)
{
	char prefix[48];

	run++;
	if (!pass)
		failed++;
	snprintf(prefix, sizeof(prefix), "%sok %d%s", pass ? "" : "not ", run,
		 fmt && *fmt ? " - " : "");
	tap_line(prefix, fmt, ap, "\n");
	return pass;
}

int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(cond, fmt, ap);
	va_end(ap);
	return cond;
}

int is(long got, long want, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	result(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		tap_printf("# got %ld, want %ld\n", got, want);
	return pass;
}

int is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int pass = got && want ? !strcmp(got, want) : got == want;

	va_start(ap, fmt);
	result(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		tap_printf("# got \"%s\", want \"%s\"\n", got ? got : "(null)",
			   want ? want : "(null)");
	return pass;
}

void skip(const char *why, ...)
{
	va_list ap;
	char prefix[48];

	run++;
	snprintf(prefix, sizeof(prefix), "ok %d # skip ", run);
	va_start(ap, why);
	tap_line(prefix, why, ap, "\n");
	va_end(ap);
}

void diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_line("# ", fmt, ap, "\n");
	va_end(ap);
}

void bail_out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_line("Bail out! ", fmt, ap, "\n");
	va_end(ap);
	exit(255);
}

int done_testing(void)
{
	if (planned < 0) {
		planned = run;
		tap_printf("1..%d\n", run);
	} else if (run != planned) {
		tap_printf("# planned %d tests but ran %d\n", planned, run);
	}
	if (failed)
		tap_printf("# failed %d of %d tests\n", failed, run);
	return failed || run != planned ? 1 : 0;
}
