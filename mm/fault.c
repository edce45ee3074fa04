/* mm/fault.c — the x86 side of a page fault: decode, then decide.
 *
 * The CPU gives CR2 (the address) and an error code:
 *
 *      6      5    4     3     2     1     0
 *   [SHSTK] [PK] [I/D] [RSVD] [U/S] [W/R] [P]
 *                  |     |      |     |    +- 0 not present   1 protection
 *                  |     |      |     +------ 0 read          1 write
 *                  |     |      +------------ 0 kernel mode   1 user mode
 *                  |     +------------------- a reserved bit set in an entry
 *                  +------------------------- an instruction fetch
 *
 * Until user space exists, every page fault is a kernel bug: it is
 * reported as Linux reports it (what was accessed, how, the page-table
 * walk for the address) and the kernel panics. */
#include "mm/fault.h"
#include "mm/pgtable.h"
#include "kernel/traps.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

/* "supervisor write access in kernel mode", as Linux words it. */
static void show_fault_oops(struct pt_regs *regs, unsigned long err, unsigned long addr)
{
	if (addr < PAGE_SIZE)
		printk(KERN_EMERG "BUG: kernel NULL pointer dereference, address: %016lx\n", addr);
	else
		printk(KERN_EMERG "BUG: unable to handle page fault for address: %016lx\n", addr);
	printk(KERN_EMERG "#PF: %s %s in %s mode\n", err & X86_PF_USER ? "user" : "supervisor",
	       err & X86_PF_INSTR ? "instruction fetch" :
	       err & X86_PF_WRITE ? "write access" : "read access",
	       user_mode(regs) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s\n", err,
	       !(err & X86_PF_PROT) ? "not-present page" :
	       err & X86_PF_RSVD ? "reserved bit violation" :
	       err & X86_PF_INSTR ? "permissions violation (not executable)" :
	       err & X86_PF_WRITE ? "permissions violation (read-only)" :
	       "permissions violation");
	dump_pagetable(current_pml4(), addr);
}

/* Vector 14 (kernel/traps.c): CR2 is read first, before anything can fault again. */
void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	unsigned long err = regs->error_code;

	show_fault_oops(regs, err, addr);
	die("page fault", regs);
}

void fault_init(void)
{
	set_trap_handler(X86_TRAP_PF, do_page_fault);
}
