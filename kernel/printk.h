/* kernel/printk.h — formatted output to the consoles, with log levels. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "kernel/types.h"

/* Log levels, as Linux: a printk string may begin with one of these.
 * Messages above the console level (boot option loglevel=N, default 7)
 * are not printed. */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define LOGLEVEL_DEFAULT 6		/* level of a message without a prefix */

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/* A console receives every printed line; the serial port is the first. */
struct console {
	const char *name;
	void (*write)(const char *s, size_t n);
	struct console *next;
};
void register_console(struct console *con);
void console_write(const char *s, size_t n);

extern int console_loglevel;
void printk_init(void);		/* apply loglevel= */

/* At most `burst` messages per `interval` ticks (Linux's ratelimit_state):
 * the rest are counted, and the count is printed ("name: N callbacks
 * suppressed") with the first message of a later interval. */
struct ratelimit_state {
	const char *name;
	u64 interval;			/* ticks (HZ a second) */
	int burst;
	u64 begin;			/* this interval's start */
	int printed, missed;
	bool started;
};
#define RATELIMIT_STATE_INIT(n, i, b)	{ .name = (n), .interval = (i), .burst = (b) }
bool ratelimit_at(struct ratelimit_state *rs, u64 now);	/* may a message go out now? */
bool __ratelimit(struct ratelimit_state *rs);		/* ... at jiffies */

#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)

#endif
