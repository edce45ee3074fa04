; kernel/switch.asm — switching kernel stacks between tasks.
bits 64
section .text
extern ret_to_user_or_kernel
extern schedule_tail

; void __switch_to_asm(unsigned long *prev_rsp, unsigned long next_rsp)
; Save the callee-saved registers on this stack, park the stack pointer in
; *prev_rsp, take next_rsp, and pop the next task's registers: the `ret`
; returns wherever that task called __switch_to_asm (or into ret_from_fork).
global __switch_to_asm
__switch_to_asm:
        push rbp
        push rbx
        push r12
        push r13
        push r14
        push r15
        mov [rdi], rsp
        mov rsp, rsi
        pop r15
        pop r14
        pop r13
        pop r12
        pop rbx
        pop rbp
        ret

; A new task's first return: finish the switch, then the pt_regs that
; copy_thread put at the top of its stack take it to user mode.
global ret_from_fork
ret_from_fork:
        call schedule_tail
        test rbx, rbx                   ; a function to run first (copy_thread_fn)?
        jz .user
        call rbx
.user:  jmp ret_to_user_or_kernel
