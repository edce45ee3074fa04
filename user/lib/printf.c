/* printf.c — the formatting engine behind every printf.
 *
 * vformat() walks the format and hands each output character to an
 * output callback: vsnprintf's stores into a buffer (counting what does not
 * fit), vfprintf's puts into a FILE. Supported:
 *
 *   %[flags][width][.precision][length]conv
 *   flags  - (left)  0 (zero pad)  + (sign)  ' ' (space for sign)  # (0x, 0)
 *   width, precision: digits or * (an int argument)
 *   length hh h l ll z j t
 *   conv   d i u o x X p s c %     (%p: 0x..., or (nil) as glibc) */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

struct out {
	void (*put)(struct out *o, char c);
	size_t len;		/* characters produced so far */
	char *buf;		/* vsnprintf: the buffer and its size */
	size_t size;
	FILE *file;		/* vfprintf */
};

struct spec {
	int left, zero, plus, space, alt;
	int width;
	int prec;		/* -1: none */
	int length;		/* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 0 */
};

static void emit(struct out *o, char c)
{
	o->put(o, c);
	o->len++;
}

static void emit_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		emit(o, c);
}

/* One field: [spaces][prefix][zeros][body][spaces] filling sp->width. */
static void emit_field(struct out *o, const struct spec *sp, const char *prefix,
		       int zeros, const char *body, int n)
{
	int plen = strlen(prefix);
	int pad = sp->width - plen - zeros - n;

	if (!sp->left && !sp->zero)
		emit_n(o, ' ', pad);
	while (*prefix)
		emit(o, *prefix++);
	if (!sp->left && sp->zero)
		emit_n(o, '0', pad);
	emit_n(o, '0', zeros);
	for (int i = 0; i < n; i++)
		emit(o, body[i]);
	if (sp->left)
		emit_n(o, ' ', pad);
}

static void format_number(struct out *o, const struct spec *sp, uintmax_t v,
			  int negative, int base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], *end = tmp + sizeof(tmp), *p = end;
	char prefix[3] = "";
	int zeros;

	while (v) {
		*--p = digits[v % base];
		v /= base;
	}
	if (negative)
		strcpy(prefix, "-");
	else if (sp->plus)
		strcpy(prefix, "+");
	else if (sp->space)
		strcpy(prefix, " ");
	if (sp->alt && base == 16 && p != end)
		strcpy(prefix, upper ? "0X" : "0x");
	/* digits: at least the precision, and one 0 for zero unless ".0" */
	zeros = sp->prec > end - p ? sp->prec - (end - p) : 0;
	if (p == end && sp->prec < 0)
		zeros = 1;
	if (sp->alt && base == 8 && zeros == 0 && (p == end || *p != '0'))
		zeros = 1;
	emit_field(o, sp, prefix, zeros, p, end - p);
}

static uintmax_t get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 0:   return va_arg(*ap, unsigned int);
	default:  return va_arg(*ap, unsigned long);	/* l ll z j t: 64 bits */
	}
}

static intmax_t get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 0:   return va_arg(*ap, int);
	default:  return va_arg(*ap, long);
	}
}

/* Parses one conversion spec after '%'; returns the conversion character's position. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-') sp->left = 1;
		else if (*f == '0') sp->zero = 1;
		else if (*f == '+') sp->plus = 1;
		else if (*f == ' ') sp->space = 1;
		else if (*f == '#') sp->alt = 1;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	if (f[0] == 'h' && f[1] == 'h') { sp->length = 'H'; f += 2; }
	else if (f[0] == 'l' && f[1] == 'l') { sp->length = 'L'; f += 2; }
	else if (*f && strchr("hlzjt", *f)) sp->length = *f++;
	if (sp->left || sp->prec >= 0)
		sp->zero = 0;	/* '0' is ignored with '-' or with a precision */
	return f;
}

static int vformat(struct out *o, const char *fmt, va_list ap)
{
	va_list args;

	va_copy(args, ap);
	for (const char *f = fmt; *f; f++) {
		struct spec sp;
		const char *start = f;

		if (*f != '%') {
			emit(o, *f);
			continue;
		}
		f = parse_spec(f + 1, &sp, &args);
		switch (*f) {
		case 'd':
		case 'i': {
			intmax_t v = get_signed(&sp, &args);
			format_number(o, &sp, v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0, 10, 0);
			break;
		}
		case 'u': format_number(o, &sp, get_unsigned(&sp, &args), 0, 10, 0); break;
		case 'o': format_number(o, &sp, get_unsigned(&sp, &args), 0, 8, 0); break;
		case 'x': format_number(o, &sp, get_unsigned(&sp, &args), 0, 16, 0); break;
		case 'X': format_number(o, &sp, get_unsigned(&sp, &args), 0, 16, 1); break;
		case 'p': {
			void *p = va_arg(args, void *);
			sp.zero = 0;
			sp.prec = -1;
			if (!p) {
				emit_field(o, &sp, "", 0, "(nil)", 5);
			} else {
				sp.alt = 1;
				format_number(o, &sp, (uintptr_t)p, 0, 16, 0);
			}
			break;
		}
		case 's': {
			const char *s = va_arg(args, const char *);
			if (!s)
				s = "(null)";
			sp.zero = 0;
			emit_field(o, &sp, "", 0, s, sp.prec >= 0 ? (int)strnlen(s, sp.prec)
								 : (int)strlen(s));
			break;
		}
		case 'c': {
			char c = (char)va_arg(args, int);
			sp.zero = 0;
			emit_field(o, &sp, "", 0, &c, 1);
			break;
		}
		case '%':
			emit(o, '%');
			break;
		default:	/* unknown: print it as written */
			for (; start <= f && *start; start++)
				emit(o, *start);
			if (!*f)
				f--;	/* the format ended inside the spec */
			break;
		}
	}
	va_end(args);
	return o->len;
}

static void put_buf(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
}

/* Writes at most size - 1 characters and a NUL; returns the full length. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .put = put_buf, .buf = buf, .size = size };
	int n = vformat(&o, fmt, ap);

	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
	va_end(ap);
	return n;
}

static void put_file(struct out *o, char c)
{
	fputc(c, o->file);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct out o = { .put = put_file, .file = f };

	return vformat(&o, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/* Formatted straight to a file descriptor in pieces of 256 bytes. */
struct fd_out {
	struct out o;
	int fd;
	int n;
	char buf[256];
};

static void put_fd(struct out *o, char c)
{
	struct fd_out *d = (struct fd_out *)o;

	d->buf[d->n++] = c;
	if (d->n == (int)sizeof(d->buf)) {
		write(d->fd, d->buf, d->n);
		d->n = 0;
	}
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_out d = { .o = { .put = put_fd }, .fd = fd };
	int n = vformat(&d.o, fmt, ap);

	if (d.n)
		write(fd, d.buf, d.n);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}
