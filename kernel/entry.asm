; kernel/entry.asm — the way into the kernel from an exception.
;
; Each vector has a stub that makes the stack look the same for all of
; them (an error code, 0 if the CPU pushed none, and the vector number),
; then trap_common saves every register as a struct pt_regs
; (kernel/traps.h) and calls trap_dispatch(regs).
;
;   high  ss, rsp, rflags, cs, rip     pushed by the CPU
;         error code                   by the CPU or the stub (0)
;         vector                       by the stub
;   low   rax ... r15                  by trap_common   <- rsp = regs
bits 64
section .text
extern trap_dispatch

%macro TRAP_NOERR 1                     ; the CPU pushes no error code
trap_stub_%1:
        push qword 0
        push qword %1
        jmp trap_common
%endmacro
%macro TRAP_ERR 1                       ; the CPU pushed an error code
trap_stub_%1:
        push qword %1
        jmp trap_common
%endmacro

; vectors with an error code: 8, 10-14, 17, 21, 29, 30
%assign v 0
%rep 32
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
        TRAP_ERR v
%else
        TRAP_NOERR v
%endif
%assign v v + 1
%endrep

trap_common:
        push rax
        push rbx
        push rcx
        push rdx
        push rsi
        push rdi
        push rbp
        push r8
        push r9
        push r10
        push r11
        push r12
        push r13
        push r14
        push r15
        mov rdi, rsp                    ; struct pt_regs *
        mov rbp, [rsp + 17 * 8]         ; frame chain: make gdb and backtraces
        push rbp                        ;  see the interrupted RIP as our caller
        mov rbp, [rsp + 8 + 8 * 8]      ; ... linked to the interrupted rbp
        push rbp
        mov rbp, rsp
        call trap_dispatch
        add rsp, 16                     ; drop the fake frame
        pop r15
        pop r14
        pop r13
        pop r12
        pop r11
        pop r10
        pop r9
        pop r8
        pop rbp
        pop rdi
        pop rsi
        pop rdx
        pop rcx
        pop rbx
        pop rax
        add rsp, 16                     ; vector and error code
        iretq

; The table of stub addresses, for trap_init().
section .rodata
global trap_stubs
align 8
trap_stubs:
%assign v 0
%rep 32
        dq trap_stub_ %+ v
%assign v v + 1
%endrep
