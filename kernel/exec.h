/* kernel/exec.h — execve: replace a process's program with an ELF file. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include "kernel/types.h"

struct pt_regs;

#define EXEC_ARG_MAX	(128 * 1024)	/* bytes of argv + envp strings */

/* From a system call: path, argv and envp are user pointers. */
long sys_execve_user(const char *upath, const char *const *uargv, const char *const *uenvp);
/* From the kernel (the first program): kernel strings. */
long kernel_execve(const char *path, const char *const argv[], const char *const envp[]);

#endif
