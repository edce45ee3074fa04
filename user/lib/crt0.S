/* crt0.S — _start, where execve begins a program.
 *
 * Linux leaves this on the stack (System V x86-64 ABI, figure 3.9):
 *
 *   rsp ->  argc
 *           argv[0] .. argv[argc-1], NULL
 *           envp[0] .. , NULL
 *           auxv: (type, value) pairs .. (AT_NULL, 0)
 *           ... the strings themselves, higher up
 *
 * rsp is 16-byte aligned here; we align it again anyway (a kernel might not),
 * because the ABI wants rsp + 8 aligned at every function entry: SSE spills
 * (movaps) fault otherwise. rbp = 0 ends gdb's backtrace. */

	.text
	.globl	_start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined rip		/* no caller: stop unwinding here */
	xor	%ebp, %ebp		/* the outermost frame */
	mov	(%rsp), %rdi		/* argc */
	lea	8(%rsp), %rsi		/* argv */
	lea	16(%rsp,%rdi,8), %rdx	/* envp = argv + argc + 1 */
	and	$-16, %rsp
	call	__libc_start		/* does not return */
	hlt				/* a privileged instruction: SIGSEGV if it does */
	.cfi_endproc
	.size	_start, .-_start

	.section .note.GNU-stack, "", @progbits
