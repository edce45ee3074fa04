/* stdio.h — a small stdio: three FILE streams on fds 0, 1, 2 and printf.
 *
 * stdout is line-buffered (flushed at '\n', by fflush, at exit and before
 * fork); stderr is unbuffered. Only stdin/stdout/stderr exist: there is no
 * fopen. Conversions: %d %i %u %o %x %X %p %s %c %%, flags - 0 + space #,
 * width and precision (numbers or *), lengths hh h l ll z j t. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <sys/types.h>

typedef struct FILE FILE;
extern FILE *stdin, *stdout, *stderr;

#define EOF	(-1)
#define BUFSIZ	1024

#define __printf(f, a) __attribute__((format(printf, f, a)))

int printf(const char *fmt, ...) __printf(1, 2);
int fprintf(FILE *f, const char *fmt, ...) __printf(2, 3);
int dprintf(int fd, const char *fmt, ...) __printf(2, 3);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vprintf(const char *fmt, va_list ap) __printf(1, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) __printf(2, 0);
int vdprintf(int fd, const char *fmt, va_list ap) __printf(2, 0);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printf(3, 0);

int putchar(int c);
int fputc(int c, FILE *f);
#define putc fputc
int puts(const char *s);
int fputs(const char *s, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int fflush(FILE *f);		/* NULL: every stream */
int fileno(FILE *f);

int getchar(void);
int fgetc(FILE *f);
#define getc fgetc
char *fgets(char *buf, int size, FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);

void perror(const char *s);

/* renameat2's flags (glibc: <stdio.h> with _GNU_SOURCE) */
#define RENAME_NOREPLACE	(1 << 0)	/* fail with EEXIST if the new name exists */
#define RENAME_EXCHANGE		(1 << 1)	/* swap the two names */
#define RENAME_WHITEOUT		(1 << 2)	/* overlayfs's whiteout */
int rename(const char *oldpath, const char *newpath);
int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags);

#endif
