/* setjmp.h — non-local jumps; sigsetjmp/siglongjmp also save and restore the
 * signal mask, so a test can jump out of a SIGSEGV handler and go on. */
#ifndef _SETJMP_H
#define _SETJMP_H

/* rbx, rbp, r12, r13, r14, r15, rsp, rip; then "mask saved" and the mask. */
typedef unsigned long jmp_buf[8];
typedef unsigned long sigjmp_buf[10];

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#endif
