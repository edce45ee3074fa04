/* sys/ucontext.h — the third argument of an SA_SIGINFO handler, as Linux
 * builds it on x86-64 (struct ucontext + struct sigcontext). Its register
 * slots use glibc's names: uc_mcontext.gregs[REG_RIP], [REG_ERR] (the page
 * fault's error code), [REG_TRAPNO] (14 for #PF), [REG_CR2]. A handler may
 * change them; rt_sigreturn then resumes with the changed registers. */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <stddef.h>

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

enum {
	REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
	REG_RDI, REG_RSI, REG_RBP, REG_RBX, REG_RDX, REG_RAX, REG_RCX, REG_RSP,
	REG_RIP, REG_EFL,
	REG_CSGSFS,	/* cs, gs, fs, ss: four 16-bit fields */
	REG_ERR,	/* the exception's error code */
	REG_TRAPNO,	/* the exception vector */
	REG_OLDMASK,
	REG_CR2,	/* the faulting address of a #PF */
	NGREG
};

typedef long greg_t;
typedef greg_t gregset_t[NGREG];

typedef struct {
	gregset_t gregs;		/* struct sigcontext: r8 .. cr2 */
	void *fpregs;			/* the FXSAVE area, or NULL */
	unsigned long __reserved1[8];
} mcontext_t;

typedef struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	unsigned long uc_sigmask;	/* the mask to restore on return */
} ucontext_t;

#endif
