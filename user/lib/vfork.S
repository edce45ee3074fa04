/* vfork.S — vfork(), which cannot be written in C.
 *
 * The child runs on the parent's stack until it calls execve or _exit. If
 * vfork were a C function, the child would return from its frame and then
 * call other functions (execve), overwriting the very stack slot that holds
 * vfork's return address; the parent, resumed later, would return through
 * the clobbered slot. So, as musl does, the return address is popped into a
 * register before the system call (the kernel gives both processes the same
 * registers back) and pushed again afterwards. */

	.text
	.globl	vfork
	.type	vfork, @function
vfork:
	pop	%rdx			/* the return address, out of the shared stack */
	mov	$58, %eax		/* SYS_vfork */
	syscall
	push	%rdx
	mov	%rax, %rdi
	jmp	__syscall_ret		/* errno for -1; tail call: returns to our caller */
	.size	vfork, .-vfork

	.section .note.GNU-stack, "", @progbits
