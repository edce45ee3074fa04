/* kernel/x86.h — the x86-64 instructions C cannot express (ports, control
 * registers, MSRs).  Architecture-specific: generic code includes it only
 * through a subsystem header that says why. */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "kernel/types.h"

static inline void outb(u16 port, u8 v)  { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(u16 port, u16 v) { asm volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u16 port, u32 v) { asm volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8  inb(u16 port) { u8 v;  asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16 inw(u16 port) { u16 v; asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u32 inl(u16 port) { u32 v; asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

#define DEFINE_CR(n)                                                         \
	static inline u64 read_cr##n(void)                                   \
	{ u64 v; asm volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; }   \
	static inline void write_cr##n(u64 v)                                \
	{ asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

/* DR6, the debug status: why the last #DB came (the CPU never clears it). */
#define DR6_BS		BIT(14)		/* single step (TF) */
#define DR6_TRAPS	0xfUL		/* a hardware breakpoint DR0-DR3 hit */
static inline u64 read_dr6(void) { u64 v; asm volatile("mov %%dr6, %0" : "=r"(v)); return v; }
static inline void write_dr6(u64 v) { asm volatile("mov %0, %%dr6" : : "r"(v)); }

#define X86_EFLAGS_TF	BIT(8)		/* trap flag: #DB after each instruction */
#define X86_EFLAGS_AC	BIT(18)		/* alignment check; with SMAP: user access allowed */
#define X86_CR0_WP	BIT(16)		/* supervisor writes honour read-only PTEs */
#define X86_CR4_PGE	BIT(7)		/* global pages */
#define X86_CR4_SMEP	BIT(20)		/* no kernel execution of user pages */
#define X86_CR4_SMAP	BIT(21)		/* no kernel access to user pages unless EFLAGS.AC */

#define MSR_EFER		0xc0000080	/* extended features: LME, NXE, SCE */
#define MSR_STAR		0xc0000081	/* syscall/sysret segment bases */
#define MSR_LSTAR		0xc0000082	/* syscall entry point */
#define MSR_FMASK		0xc0000084	/* RFLAGS bits cleared on syscall */
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102	/* swapped in by swapgs */

/* The time-stamp counter (under QEMU's -icount shift=0: guest instructions). */
static inline u64 rdtsc(void)
{
	u32 lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline void invlpg(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline u64 read_rflags(void)
{
	u64 f;
	asm volatile("pushfq; popq %0" : "=r"(f));
	return f;
}

static inline void cli(void) { asm volatile("cli" ::: "memory"); }
static inline void sti(void) { asm volatile("sti" ::: "memory"); }
static inline void hlt(void) { asm volatile("hlt" ::: "memory"); }

#endif
