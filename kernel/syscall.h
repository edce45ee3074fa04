/* kernel/syscall.h — the system-call entry (kernel/syscall.c). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/types.h"


struct pt_regs;
void syscall_init(void);		/* MSR_STAR/LSTAR/FMASK, EFER.SCE */
int do_syscall(struct pt_regs *regs);	/* 1: return with sysretq */
long sys_ni_syscall(unsigned long nr);	/* -ENOSYS, named once on the console */

#endif
