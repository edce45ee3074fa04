/* tap.h — TAP output for tests (https://testanything.org):
 *
 *     1..3
 *     ok 1 - mmap returns a page
 *     not ok 2 - first touch counts a minor fault
 *     # got 0, want 1
 *     ok 3 # skip no /dev/fb0
 *
 * Every line is written with write(1, ...) at once, so nothing is lost in a
 * buffer if the program is killed afterwards; stdout is flushed first so
 * printf output and TAP lines stay in order. Flush (tap_flush) before fork. */
#ifndef _TAP_H
#define _TAP_H

#define __tap_printf(f, a) __attribute__((format(printf, f, a)))

void plan(int n);				/* "1..n": call first, or not at all */
int ok(int cond, const char *fmt, ...) __tap_printf(2, 3);	/* returns cond */
int is(long got, long want, const char *fmt, ...) __tap_printf(3, 4); /* got == want */
int is_str(const char *got, const char *want, const char *fmt, ...) __tap_printf(3, 4);
void skip(const char *why, ...) __tap_printf(1, 2);	/* one test, counted as passed */
void diag(const char *fmt, ...) __tap_printf(1, 2);	/* "# ..." */
__attribute__((noreturn)) void bail_out(const char *fmt, ...) __tap_printf(1, 2);
void tap_flush(void);				/* flush stdout (before fork) */
int done_testing(void);			/* prints the plan if none was given;
						   0 if every test passed and the plan
						   was met, else 1 */

#endif
