/* asm/prctl.h — arch_prctl(): the FS and GS base registers (TLS on x86-64).
 * This libc uses no TLS itself; the call is here for tests. */
#ifndef _ASM_PRCTL_H
#define _ASM_PRCTL_H

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

int arch_prctl(int code, unsigned long addr);
long set_tid_address(int *tidptr);

#endif
