/* sigrestore.S — the signal-return trampoline.
 *
 * On x86-64 the kernel does not provide one: sigaction() passes this code as
 * sa_restorer (with SA_RESTORER), the kernel stores its address as the
 * handler's return address, and when the handler returns it lands here, with
 * rsp pointing at the signal frame's ucontext. rt_sigreturn reloads every
 * register (and the mask) from that frame.
 *
 * The encoding is glibc's (48 c7 c0 0f 00 00 00 0f 05): gdb recognises
 * exactly these bytes as a signal trampoline and can then backtrace through
 * a handler into the interrupted code. The nop before it is for unwinders,
 * which look up "return address - 1". */

	.text
	nop
	.globl	__restore_rt
	.type	__restore_rt, @function
__restore_rt:
	movq	$15, %rax		/* SYS_rt_sigreturn */
	syscall				/* does not return */
	hlt
	.size	__restore_rt, .-__restore_rt

	.section .note.GNU-stack, "", @progbits
