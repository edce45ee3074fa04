; boot/boot.asm — from GRUB to kmain.
;
; GRUB (multiboot2) jumps to _start in 32-bit protected mode, paging off,
; with EAX = multiboot2 magic and EBX = physical address of the boot info.
; This file checks that, builds the early page tables, turns on long mode
; and jumps to the higher-half kernel.  Every early failure prints a code on
; the serial port (COM1) and halts: nothing here reboots silently.
;
; Early page tables (replaced by the kernel's own in mm/kpgtable.c):
;   PML4[0]   -> pdpt_low  : identity map of the first 1 GiB (2 MiB pages),
;                            needed while RIP is still a low address
;   PML4[273] -> pdpt_low  : the same 1 GiB at 0xffff888000000000 (direct map)
;   PML4[511] -> pdpt_high : PDPT[510] -> pd_high -> pt_high[]: the kernel
;                            image at 0xffffffff80000000 + phys, 4 KiB pages,
;                            with the boot stack's guard page left unmapped

MB2_HEADER_MAGIC  equ 0xe85250d6        ; multiboot2 header magic
MB2_ARCH_I386     equ 0                 ; "i386" = 32-bit protected mode entry
MB2_BOOT_MAGIC    equ 0x36d76289        ; what GRUB puts in EAX
KERNEL_VMA        equ 0xffffffff80000000 ; where linker.ld links the kernel
KMAP_PTS          equ 16                ; early PTs for the image: 16 x 2 MiB = 32 MiB

PTE_P             equ 1 << 0            ; present
PTE_W             equ 1 << 1            ; writable
PTE_PS            equ 1 << 7            ; large page (in a PD: 2 MiB)

COM1              equ 0x3f8             ; serial port for early messages

extern kmain
extern _kernel_end_phys                 ; linker.ld: end of the image, physical
extern boot_stack_guard_phys            ; linker.ld: the stack's guard page, physical

extern __bss_start, __bss_end           ; .bss, zeroed before C runs

; ---------------------------------------------------------------------------
section .multiboot2 progbits alloc noexec nowrite align=8
; GRUB looks for this header in the first 32 KiB of the file (linker.ld puts
; it first).  Tags: a framebuffer request, then the end tag.
mb2_header:
        dd MB2_HEADER_MAGIC
        dd MB2_ARCH_I386
        dd mb2_header_end - mb2_header                      ; header length
        dd 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header)) ; checksum
        align 8
        dw 5                            ; tag: framebuffer request
        dw 1                            ; flags: optional (boot on without one)
        dd 20                           ; tag size
        dd 1024                         ; width
        dd 768                          ; height
        dd 32                           ; bits per pixel
        align 8
        dw 0                            ; end tag
        dw 0
        dd 8
mb2_header_end:

; ---------------------------------------------------------------------------
section .boot.text progbits alloc exec nowrite align=16
bits 32
global _start
_start:
        cli                             ; no interrupts until we have an IDT
        cld                             ; string ops count upwards
        mov esp, boot32_stack_top       ; a small stack for the 32-bit calls
        mov [boot_magic], eax           ; keep the magic and the info address
        mov [boot_mbi], ebx             ;   for kmain(magic, mbi)
        cmp eax, MB2_BOOT_MAGIC
        jne .bad_magic

        ; CPUID must have the extended leaf 0x80000001 ...
        mov eax, 0x80000000
        cpuid
        cmp eax, 0x80000001
        jb .no_long_mode
        mov eax, 0x80000001
        cpuid
        test edx, 1 << 29               ; ... with LM: long mode
        jz .no_long_mode
        test edx, 1 << 20               ; ... and NX: we depend on W^X
        jz .no_nx

        call build_early_page_tables

        mov eax, cr4
        or eax, (1 << 5)                ; CR4.PAE: needed for long mode
        mov cr4, eax
        mov eax, boot_pml4
        mov cr3, eax                    ; the early PML4
        mov ecx, 0xc0000080             ; IA32_EFER
        rdmsr
        or eax, (1 << 8) | (1 << 11)    ; EFER.LME (long mode), EFER.NXE (NX bit)
        wrmsr
        mov eax, cr0
        or eax, (1 << 31) | (1 << 16) | 1 ; CR0.PG, CR0.WP (kernel honours R/O), CR0.PE
        mov cr0, eax                    ; now in compatibility mode
        lgdt [gdt64_ptr]
        jmp 0x08:long_mode_entry        ; far jump into a 64-bit code segment

.bad_magic:
        mov esi, msg_bad_magic
        jmp early_fail
.no_long_mode:
        mov esi, msg_no_lm
        jmp early_fail
.no_nx:
        mov esi, msg_no_nx
        jmp early_fail

; early_fail: print the NUL-terminated string at ESI on COM1, then halt.
early_fail:
        mov dx, COM1 + 5                ; line status register
.wait:  in al, dx
        test al, 1 << 5                 ; transmitter holding register empty?
        jz .wait
        lodsb
        test al, al
        jz .halt
        mov dx, COM1
        out dx, al
        jmp early_fail
.halt:  cli
        hlt
        jmp .halt

; build_early_page_tables: fill the tables described at the top of the file.
build_early_page_tables:
        ; zero all early tables (GRUB zeroes .bss, but do not depend on it)
        mov edi, early_tables_start
        mov ecx, (early_tables_end - early_tables_start) / 4
        xor eax, eax
        rep stosd

        mov eax, boot_pdpt_low + (PTE_P | PTE_W)
        mov [boot_pml4 + 0 * 8], eax            ; identity
        mov [boot_pml4 + 273 * 8], eax          ; direct map at 0xffff888000000000
        mov eax, boot_pdpt_high + (PTE_P | PTE_W)
        mov [boot_pml4 + 511 * 8], eax          ; kernel image
        mov eax, boot_pd_low + (PTE_P | PTE_W)
        mov [boot_pdpt_low], eax
        mov eax, boot_pd_high + (PTE_P | PTE_W)
        mov [boot_pdpt_high + 510 * 8], eax

        ; pd_low: 512 x 2 MiB pages = the first 1 GiB
        xor ecx, ecx
.pd_low:
        mov eax, ecx
        shl eax, 21                             ; i * 2 MiB
        or eax, PTE_P | PTE_W | PTE_PS
        mov [boot_pd_low + ecx * 8], eax
        inc ecx
        cmp ecx, 512
        jb .pd_low

        ; pd_high: KMAP_PTS page tables
        xor ecx, ecx
.pd_high:
        mov eax, ecx
        shl eax, 12
        add eax, boot_pt_high + (PTE_P | PTE_W)
        mov [boot_pd_high + ecx * 8], eax
        inc ecx
        cmp ecx, KMAP_PTS
        jb .pd_high

        ; pt_high: 4 KiB pages for physical [0, _kernel_end_phys)
        mov eax, _kernel_end_phys
        cmp eax, KMAP_PTS * 512 * 4096
        ja .too_big
        xor ecx, ecx
.pt_high:
        mov eax, ecx
        shl eax, 12
        cmp eax, _kernel_end_phys
        jae .pt_done
        or eax, PTE_P | PTE_W
        mov [boot_pt_high + ecx * 8], eax
        inc ecx
        jmp .pt_high
.pt_done:
        ; the guard page below the boot stack stays unmapped: an overflow faults
        mov eax, boot_stack_guard_phys
        shr eax, 12
        mov dword [boot_pt_high + eax * 8], 0
        ret
.too_big:
        mov esi, msg_too_big
        jmp early_fail

bits 64
; long_mode_entry: first 64-bit instruction, still at a low (identity) address.
long_mode_entry:
        mov ax, 0x10                    ; data selector of gdt64
        mov ds, ax
        mov es, ax
        mov ss, ax
        xor eax, eax
        mov fs, ax
        mov gs, ax
        mov rax, higher_half_entry      ; a 64-bit absolute address
        jmp rax

; ---------------------------------------------------------------------------
section .boot.data progbits alloc noexec write align=16
global boot_magic, boot_mbi
boot_magic:     dd 0                    ; EAX from GRUB
boot_mbi:       dd 0                    ; EBX from GRUB
align 8
gdt64:                                  ; temporary GDT; kernel/gdt.c loads the real one
        dq 0                            ; null descriptor
        dq 0x00af9a000000ffff           ; 0x08: 64-bit code, DPL 0
        dq 0x00cf92000000ffff           ; 0x10: data, DPL 0
gdt64_ptr:
        dw gdt64_ptr - gdt64 - 1        ; limit
        dq gdt64                        ; base (low address, fine in 32-bit mode)
msg_bad_magic:  db "boot: error 1: not loaded by a multiboot2 loader (bad magic in EAX)", 13, 10, 0
msg_no_lm:      db "boot: error 2: this CPU has no long mode (64-bit)", 13, 10, 0
msg_no_nx:      db "boot: error 3: this CPU has no NX bit", 13, 10, 0
msg_too_big:    db "boot: error 4: kernel image larger than the early mapping (32 MiB)", 13, 10, 0

section .boot.bss nobits alloc noexec write align=4096
early_tables_start:
boot_pml4:      resb 4096
boot_pdpt_low:  resb 4096
boot_pd_low:    resb 4096
boot_pdpt_high: resb 4096
boot_pd_high:   resb 4096
boot_pt_high:   resb 4096 * KMAP_PTS
early_tables_end:
                resb 4096
boot32_stack_top:                       ; 4 KiB stack for the 32-bit code

; ---------------------------------------------------------------------------
section .text
; higher_half_entry: running at 0xffffffff8xxxxxxx; set up the C world.
global higher_half_entry
higher_half_entry:
        mov rdi, __bss_start            ; zero .bss (the boot stack is not in
        mov rcx, __bss_end              ;  it: its guard page is unmapped)
        sub rcx, rdi
        shr rcx, 3
        xor eax, eax
        rep stosq
        mov rsp, boot_stack_top         ; the boot stack, guard page below it
        xor ebp, ebp                    ; end of the frame-pointer chain
        mov edi, [boot_magic]           ; kmain(magic, mbi_phys)
        mov esi, [boot_mbi]
        call kmain
.hang:  cli                             ; kmain does not return; if it does, stop
        hlt
        jmp .hang

; ---------------------------------------------------------------------------
section .boot_stack nobits alloc noexec write align=4096
; The boot stack (kmain and, until processes exist, everything it calls).
; The page below it is left unmapped by the early tables and by the
; kernel's own (mm/kpgtable.c): running off the end is a #PF that cannot
; push its frame, hence a #DF, which arrives on its own IST stack.
global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:       resb 4096
boot_stack_bottom:      resb 16384
boot_stack_top:
