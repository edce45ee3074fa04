/* kernel/printk.c — vsnprintf and printk.
 *
 * Conversions: %d %i %u %x %X %p %s %c %%, with the length modifiers
 * l, ll, z, the flags '0' and '-', and a field width (or '*').
 * %p prints 0x and 16 hex digits, as a student reads addresses in gdb. */
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/cmdline.h"
#include "kernel/irq.h"

int console_loglevel = 7;
static struct console *consoles;

/* The output cursor of vsnprintf: writes past the end are counted, not stored. */
struct outbuf {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* Emit s (n chars) padded to width with spaces or zeros, left or right. */
static void out_field(struct outbuf *o, const char *s, size_t n, int width,
		      bool left, char pad, const char *prefix)
{
	size_t plen = strlen(prefix);
	int fill = width - (int)(n + plen);
	if (!left && pad == ' ')
		for (; fill > 0; fill--)
			out_char(o, ' ');
	for (size_t i = 0; i < plen; i++)
		out_char(o, prefix[i]);
	if (!left && pad == '0')
		for (; fill > 0; fill--)
			out_char(o, '0');
	for (size_t i = 0; i < n; i++)
		out_char(o, s[i]);
	for (; left && fill > 0; fill--)
		out_char(o, ' ');
}

/* Digits of v in base (10 or 16) into the end of tmp; returns the first. */
static char *format_number(char *end, unsigned long long v, int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;
	do {
		*--p = digits[v % base];
		v /= base;
	} while (v);
	return p;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	char tmp[24];

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		bool left = false;
		char pad = ' ';
		int width = 0, lng = 0;
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = true;
			else
				pad = '0';
		}
		if (*fmt == '*') {		/* width from the arguments; < 0 means '-' */
			width = va_arg(ap, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng++;
		if (left)
			pad = ' ';

		unsigned long long u;
		const char *prefix = "";
		char *s;
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = lng ? va_arg(ap, long long) : va_arg(ap, int);
			u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
			if (v < 0)
				prefix = "-";
			s = format_number(tmp + sizeof(tmp), u, 10, false);
			out_field(&o, s, tmp + sizeof(tmp) - s, width, left, pad, prefix);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			u = lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned int);
			s = format_number(tmp + sizeof(tmp), u, *fmt == 'u' ? 10 : 16, *fmt == 'X');
			out_field(&o, s, tmp + sizeof(tmp) - s, width, left, pad, prefix);
			break;
		case 'p':
			u = (unsigned long)va_arg(ap, void *);
			s = format_number(tmp + sizeof(tmp), u, 16, false);
			while (tmp + sizeof(tmp) - s < 16)
				*--s = '0';
			out_field(&o, s, tmp + sizeof(tmp) - s, width, left, ' ', "0x");
			break;
		case 's':
			s = va_arg(ap, char *);
			if (!s)
				s = "(null)";
			out_field(&o, s, strlen(s), width, left, ' ', "");
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			out_field(&o, tmp, 1, width, left, ' ', "");
			break;
		case '%':
			out_char(&o, '%');
			break;
		case '\0':
			fmt--;		/* a lone '%' at the end: print nothing more */
			break;
		default:		/* unknown conversion: show it, as Linux does */
			out_char(&o, '%');
			out_char(&o, *fmt);
			break;
		}
	}
	if (size)
		o.buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void register_console(struct console *con)
{
	struct console **p = &consoles;
	while (*p)
		p = &(*p)->next;
	con->next = NULL;
	*p = con;
}

void console_write(const char *s, size_t n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(s, n);
}

/* Strip a KERN_* prefix; return the message's level. */
static int printk_level(const char **fmt)
{
	const char *f = *fmt;
	if (f[0] == KERN_SOH[0] && f[1] >= '0' && f[1] <= '7') {
		*fmt = f + 2;
		return f[1] - '0';
	}
	return LOGLEVEL_DEFAULT;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int level = printk_level(&fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (level > console_loglevel)
		return n;
	console_write(buf, MIN((size_t)n, sizeof(buf) - 1));
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

KPARAM(loglevel, "console log level 0-7: messages above it are not printed");

/* Apply loglevel=N from the command line. */
void printk_init(void)
{
	unsigned long lvl;
	const char *v = cmdline_get("loglevel");
	if (v && kstrtoul(v, 10, &lvl) == 0 && lvl <= 7)
		console_loglevel = (int)lvl;
	else if (v)
		pr_warn("loglevel=%s: want a number 0-7, keeping %d\n", v, console_loglevel);
}

/* Linux's ___ratelimit, with the clock passed in (the tests drive it). */
bool ratelimit_at(struct ratelimit_state *rs, u64 now)
{
	if (!rs->started || now - rs->begin >= rs->interval) {
		if (rs->missed)
			printk(KERN_WARNING "%s: %d callbacks suppressed\n", rs->name, rs->missed);
		rs->started = true;
		rs->begin = now;
		rs->printed = rs->missed = 0;
	}
	if (rs->printed < rs->burst) {
		rs->printed++;
		return true;
	}
	rs->missed++;
	return false;
}

bool __ratelimit(struct ratelimit_state *rs)
{
	return ratelimit_at(rs, jiffies);
}
