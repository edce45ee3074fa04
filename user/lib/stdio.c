/* stdio.c — the three standard streams.
 *
 * A FILE is a file descriptor with a buffer. stdout is line-buffered: its
 * buffer is written out at '\n', when full, by fflush, by exit and by fork
 * (an unflushed buffer would otherwise be printed by parent and child).
 * stderr is unbuffered. stdin is read a buffer at a time. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "libc.h"

enum { UNBUFFERED, LINE_BUFFERED };

struct FILE {
	int fd;
	int mode;		/* UNBUFFERED or LINE_BUFFERED (output) */
	int error, eof;
	int len;		/* output: bytes waiting; input: bytes in buf */
	int pos;		/* input: next byte to hand out */
	char buf[BUFSIZ];
};

static FILE stdin_file = { .fd = 0, .mode = LINE_BUFFERED };
static FILE stdout_file = { .fd = 1, .mode = LINE_BUFFERED };
static FILE stderr_file = { .fd = 2, .mode = UNBUFFERED };
FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

/* write() all of buf, going on after short writes; keeps errno on failure. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= w;
	}
	return 0;
}

int fflush(FILE *f)
{
	int r = 0;

	if (!f)
		return fflush(stdout) | fflush(stderr);
	if (f == stdin)
		return 0;
	if (f->len && write_all(f->fd, f->buf, f->len) < 0) {
		f->error = 1;
		r = EOF;
	}
	f->len = 0;
	return r;
}

int fputc(int c, FILE *f)
{
	if (f->mode == UNBUFFERED) {
		char ch = c;
		if (write_all(f->fd, &ch, 1) < 0) {
			f->error = 1;
			return EOF;
		}
		return (unsigned char)c;
	}
	f->buf[f->len++] = c;
	if (c == '\n' || f->len == (int)sizeof(f->buf))
		if (fflush(f) == EOF)
			return EOF;
	return (unsigned char)c;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	const char *s = p;
	size_t total = size * n;

	if (f->mode == UNBUFFERED) {
		if (write_all(f->fd, s, total) < 0) {
			f->error = 1;
			return 0;
		}
		return n;
	}
	for (size_t i = 0; i < total; i++)
		if (fputc(s[i], f) == EOF)
			return size ? i / size : 0;
	return n;
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fileno(FILE *f)
{
	return f->fd;
}

/* Input: refill the buffer with one read(); flush stdout first, so a prompt
 * is on the screen before we wait for the answer. */
int fgetc(FILE *f)
{
	if (f->pos >= f->len) {
		ssize_t n;
		fflush(stdout);
		do
			n = read(f->fd, f->buf, sizeof(f->buf));
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			if (n < 0)
				f->error = 1;
			else
				f->eof = 1;
			return EOF;
		}
		f->len = n;
		f->pos = 0;
	}
	return (unsigned char)f->buf[f->pos++];
}

int getchar(void)
{
	return fgetc(stdin);
}

/* A line with its '\n' (if it fits), NUL-terminated; NULL at EOF with nothing read. */
char *fgets(char *buf, int size, FILE *f)
{
	int i = 0;

	while (i < size - 1) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		buf[i++] = c;
		if (c == '\n')
			break;
	}
	if (i == 0 || size <= 0)
		return NULL;
	buf[i] = 0;
	return buf;
}

size_t fread(void *p, size_t size, size_t n, FILE *f)
{
	char *d = p;
	size_t total = size * n, i;

	for (i = 0; i < total; i++) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		d[i] = c;
	}
	return size ? i / size : 0;
}
