; kernel/entry.asm — the ways into the kernel: exceptions, interrupts and
; the syscall instruction, and the way back to user mode.
;
; Each vector has a stub that makes the stack look the same for all of
; them (an error code, 0 if the CPU pushed none, and the vector number),
; then trap_common saves every register as a struct pt_regs
; (kernel/traps.h) and calls trap_dispatch(regs).  syscall_entry builds
; the same struct pt_regs by hand (the syscall instruction pushes nothing).
;
; GS: in the kernel, GS's base is the per-CPU area (struct percpu,
; kernel/sched.h) from the swapgs on entry to the swapgs before leaving;
; in user mode it is the user's.  Every entry from user mode does swapgs,
; and every exit to user mode does it again.
;
;   high  ss, rsp, rflags, cs, rip     pushed by the CPU
;         error code                   by the CPU or the stub (0)
;         vector                       by the stub
;   low   rax ... r15                  by trap_common   <- rsp = regs
bits 64
section .text
extern trap_dispatch
extern smap_enabled
extern do_syscall

USER_CS         equ 0x2b            ; kernel/gdt.h
USER_DS         equ 0x23
PERCPU_KERNEL_RSP equ 0             ; offsets in struct percpu (kernel/sched.h)
PERCPU_USER_RSP equ 8

; The general registers, in struct pt_regs order (r15 ends up lowest).
%macro SAVE_REGS 0
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
%endmacro
%macro RESTORE_REGS 0
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
%endmacro

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

; vectors with an error code: 8, 10-14, 17, 21, 29, 30; 32-47 are the
; PIC's interrupts (IRQ 0-15), none with an error code
%assign v 0
%rep 48
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
        TRAP_ERR v
%else
        TRAP_NOERR v
%endif
%assign v v + 1
%endrep

trap_common:
        cld                             ; C code wants DF=0; user mode may have set it
        test qword [rsp + 3 * 8], 3     ; CS of the interrupted code: from user mode?
        jz .kernel
        swapgs                          ; yes: GS base to the per-CPU area
.kernel:
        SAVE_REGS
        cmp byte [rel smap_enabled], 0  ; with SMAP: no user access by accident
        je .noclac                      ;  (AC may be the user's; clac is #UD
        clac                            ;  on a CPU without SMAP)
.noclac:
        mov rdi, rsp                    ; struct pt_regs *
        mov rbp, [rsp + 17 * 8]         ; frame chain: make gdb and backtraces
        push rbp                        ;  see the interrupted RIP as our caller
        mov rbp, [rsp + 8 + 8 * 8]      ; ... linked to the interrupted rbp
        test qword [rsp + 8 + 18 * 8], 3 ; (from user mode: the chain ends here,
        jz .chain                       ;  user frames are not the kernel's)
        xor ebp, ebp
.chain: push rbp
        mov rbp, rsp
        call trap_dispatch
        add rsp, 16                     ; drop the fake frame
global ret_to_user_or_kernel
ret_to_user_or_kernel:                  ; also where a new task starts (ret_from_fork)
        RESTORE_REGS
        add rsp, 16                     ; vector and error code
        test qword [rsp + 8], 3         ; back to user mode?
        jz .iret
        swapgs                          ; yes: GS base back to the user's
.iret:  iretq

; syscall_entry: the syscall instruction lands here (MSR_LSTAR) with
; RCX = user RIP, R11 = user RFLAGS, RSP still the user's, IF cleared by
; MSR_FMASK.  Linux's ABI: RAX number; RDI RSI RDX R10 R8 R9 arguments.
global syscall_entry
syscall_entry:
        swapgs                          ; GS base: the per-CPU area
        mov [gs:PERCPU_USER_RSP], rsp   ; park the user stack pointer
        mov rsp, [gs:PERCPU_KERNEL_RSP] ; this task's kernel stack
        push qword USER_DS              ; ss      -+
        push qword [gs:PERCPU_USER_RSP] ; rsp      |
        push r11                        ; rflags   | what an interrupt would
        push qword USER_CS              ; cs       | have pushed
        push rcx                        ; rip     -+
        push rax                        ; error code slot: the syscall number
        push qword -1                   ; vector: -1 means "a system call"
        SAVE_REGS
        mov rdi, rsp                    ; struct pt_regs *
        xor ebp, ebp                    ; the frame chain ends here
        call do_syscall                 ; result in regs->rax; returns 1 when
        test eax, eax                   ;   sysret may be used to go back
        jz .slow
        RESTORE_REGS
        mov rcx, [rsp + 2 * 8]          ; user rip
        mov r11, [rsp + 4 * 8]          ; user rflags
        mov rsp, [rsp + 5 * 8]          ; user rsp (no interrupt can come: IF=0)
        swapgs
        o64 sysret
.slow:                                  ; regs changed (exec, signal): iretq
        jmp ret_to_user_or_kernel

; The table of stub addresses, for trap_init().
section .rodata
global trap_stubs
align 8
trap_stubs:
%assign v 0
%rep 48
        dq trap_stub_ %+ v
%assign v v + 1
%endrep
