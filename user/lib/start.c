/* start.c — from _start to main and from exit to exit_group. */
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <syscall.h>
#include <sys/auxv.h>

char **environ;
int errno;
static unsigned long *auxv;

int main(int argc, char **argv, char **envp);
void __libc_start(int argc, char **argv, char **envp) __attribute__((noreturn));

/* Called by _start with the stack's argc, argv and envp. */
void __libc_start(int argc, char **argv, char **envp)
{
	char **p = envp;

	environ = envp;
	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);	/* the auxiliary vector follows envp's NULL */
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

#define ATEXIT_MAX 8
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

/* Run the atexit functions (last registered first), flush stdio, leave. */
void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	fflush(NULL);
	_exit(status);
}

/* exit_group ends the whole process (Linux's _exit does the same); plain exit
 * is the fallback for a kernel that does not know exit_group yet. */
void _exit(int status)
{
	syscall1(SYS_exit_group, status);
	for (;;)
		syscall1(SYS_exit, status);
}
