/* setjmp.S — setjmp/longjmp and sigsetjmp.
 *
 * A jmp_buf holds what the callee must preserve (System V ABI): rbx, rbp,
 * r12-r15, the stack pointer after setjmp returns, and the return address.
 * sigjmp_buf adds [8] = "the mask was saved" and [9] = the mask. */

	.text
	.globl	setjmp
	.type	setjmp, @function
setjmp:
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rdx		/* rsp as the caller sees it after we return */
	mov	%rdx, 48(%rdi)
	mov	(%rsp), %rdx		/* where we return to */
	mov	%rdx, 56(%rdi)
	xor	%eax, %eax		/* the first return gives 0 */
	ret
	.size	setjmp, .-setjmp

	.globl	longjmp
	.type	longjmp, @function
longjmp:
	mov	%esi, %eax
	test	%eax, %eax
	jnz	1f
	inc	%eax			/* longjmp(env, 0) makes setjmp return 1 */
1:	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	jmp	*56(%rdi)
	.size	longjmp, .-longjmp

/* sigsetjmp(env, savemask): the mask is fetched with a raw rt_sigprocmask
 * here, not with a call, so that setjmp still finds our caller's return
 * address on top of the stack. */
	.globl	sigsetjmp
	.type	sigsetjmp, @function
sigsetjmp:
	movslq	%esi, %rax
	mov	%rax, 64(%rdi)		/* env[8] = savemask */
	test	%esi, %esi
	jz	setjmp
	mov	%rdi, %r8		/* syscall keeps r8; it clobbers rcx, r11 */
	mov	$14, %eax		/* SYS_rt_sigprocmask */
	xor	%edi, %edi		/* SIG_BLOCK ... */
	xor	%esi, %esi		/* ... with no set: only read the mask */
	lea	72(%r8), %rdx		/* into env[9] */
	mov	$8, %r10d		/* sizeof(sigset_t) */
	syscall
	mov	%r8, %rdi
	jmp	setjmp
	.size	sigsetjmp, .-sigsetjmp

	.section .note.GNU-stack, "", @progbits
