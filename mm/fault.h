/* mm/fault.h — the x86 page-fault entry (error-code bits, do_page_fault). */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "kernel/types.h"

/* The error code the CPU pushes for #PF. */
#define X86_PF_PROT	BIT(0)	/* 0: page not present; 1: protection violation */
#define X86_PF_WRITE	BIT(1)	/* 0: read; 1: write */
#define X86_PF_USER	BIT(2)	/* 0: kernel mode; 1: user mode */
#define X86_PF_RSVD	BIT(3)	/* a reserved bit was set in an entry */
#define X86_PF_INSTR	BIT(4)	/* an instruction fetch */
#define X86_PF_PK	BIT(5)	/* protection key */
#define X86_PF_SHSTK	BIT(6)	/* shadow stack */

struct pt_regs;
void do_page_fault(struct pt_regs *regs);
void fault_init(void);		/* take over vector 14 */

#endif
