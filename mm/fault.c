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
 * do_page_fault
 *   kernel address          -> user mode: SIGSEGV/SEGV_MAPERR; kernel: oops
 *   find_vma                -> none, or below it and not a stack: SEGV_MAPERR
 *   access_error            -> the VMA forbids this access: SEGV_ACCERR
 *   handle_mm_fault         -> mm/memory.c; its VM_FAULT_* bits become
 *                              SIGBUS, SIGSEGV, an OOM kill, or a counted fault
 * A fault the kernel takes on a user address (copy_to_user) goes the same
 * way; where user mode would get a signal, the kernel gets -EFAULT through
 * the exception table instead.  mm/memory.c never sees the error code:
 * it gets FAULT_FLAG_* bits. */
#include "mm/fault.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/pgtable.h"
#include "kernel/traps.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "kernel/fault_trace.h"
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

/* A fault nobody can mend: the program gets the signal; the kernel (in a
 * user copy) resumes at its fixup; anything else is a kernel bug. */
static __noinline void bad_area(struct pt_regs *regs, unsigned long err, unsigned long addr, int sig,
		     int code, enum fault_path path, vm_fault_t result)
{
	trace_fault_path(path);
	trace_fault_end(result);		/* what handle_mm_fault said, if it ran */
	if (user_mode(regs)) {
		force_sig_fault(sig, code, addr);
		return;
	}
	if (fixup_exception(regs)) {
		fault_path_count[FAULT_PATH_UACCESS_FIXUP]++;
		return;
	}
	show_fault_oops(regs, err, addr);
	die("page fault", regs);
}

/* Does the VMA forbid this access?  (Linux's access_error.)  A read of a
 * page not present is allowed in any accessible VMA: a PROT_EXEC-only
 * mapping is readable on x86. */
static bool access_error(unsigned long err, struct vm_area_struct *vma)
{
	if (err & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (err & X86_PF_PROT)			/* present, but not allowed: e.g. NX */
		return true;
	return !(vma->vm_flags & VM_ACCESS_FLAGS);
}

/* A fault just below a VM_GROWSDOWN VMA: extend it down to the page, if
 * the stack rlimit and the 1 MiB gap above the next VMA below allow. */
static bool expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *prev;
	unsigned long start = addr & PAGE_MASK;
	struct mm_struct *mm = vma->vm_mm;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return false;
	if (start < MMAP_MIN_ADDR || vma->vm_end - start > mm->stack_rlimit)
		return false;			/* page 0 stays unmappable, as Linux */
	if (!may_expand_vm(mm, (vma->vm_start - start) >> PAGE_SHIFT))
		return false;			/* RLIMIT_AS */
	find_vma_prev(mm, vma->vm_start, &prev);
	/* Linux's guard gap: only below an accessible VMA that is not a stack */
	if (prev && (prev->vm_flags & VM_ACCESS_FLAGS) && !(prev->vm_flags & VM_GROWSDOWN) &&
	    start < prev->vm_end + STACK_GUARD_GAP)
		return false;
	if (prev && start < prev->vm_end)
		return false;			/* never over another VMA */
	vma_unlink(mm, vma);			/* its start is the tree's key */
	vma->vm_pgoff -= (vma->vm_start - start) >> PAGE_SHIFT;	/* the same pages stay put */
	vma->vm_start = start;
	if (insert_vm_struct(mm, vma) < 0)	/* the range below was free: checked above */
		panic("expand_stack: %lx-%lx overlaps", vma->vm_start, vma->vm_end);
	trace_fault_path(FAULT_PATH_STACK_GROW);
	return true;
}

static unsigned int fault_flags(unsigned long err, struct pt_regs *regs)
{
	unsigned int flags = 0;
	if (err & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (err & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	return flags;
}

/* Turn VM_FAULT_* errors into what the program sees (mm_fault_error). */
static __noinline void mm_fault_error(struct pt_regs *regs, unsigned long err, unsigned long addr,
			   vm_fault_t fault)
{
	if (fault & VM_FAULT_OOM) {
		trace_fault_path(FAULT_PATH_OOM);
		trace_fault_end(fault);
		pagefault_out_of_memory();
		if (!user_mode(regs) && !fixup_exception(regs))
			die("out of memory in a kernel fault", regs);
		return;
	}
	if (fault & VM_FAULT_SIGBUS)
		bad_area(regs, err, addr, SIGBUS, BUS_ADRERR, FAULT_PATH_SIGBUS, fault);
	else
		bad_area(regs, err, addr, SIGSEGV, SEGV_MAPERR, FAULT_PATH_SEGV_MAPERR, fault);
}

/* Vector 14.  CR2 is read first, before anything can fault again. */
void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	unsigned long err = regs->error_code;
	struct mm_struct *mm = current->mm;

	trace_fault_begin(regs->rip, addr, err);
	if (addr >= USER_HALF_END || !mm || (err & X86_PF_RSVD)) {
		if (user_mode(regs)) {		/* a program touching the kernel half */
			/* As Linux's set_signal_archinfo: the handler's error code
			 * (REG_ERR) says "protection" for any kernel address, mapped
			 * or not, so it does not tell a program the kernel's layout. */
			if (addr >= USER_HALF_END)
				regs->error_code |= X86_PF_PROT;
			bad_area(regs, err, addr, SIGSEGV, SEGV_MAPERR, FAULT_PATH_SEGV_MAPERR, 0);
			return;
		}
		show_fault_oops(regs, err, addr);
		die("page fault", regs);
	}
	if (smap_enabled && !user_mode(regs) && !(regs->rflags & X86_EFLAGS_AC)) {
		/* SMAP: the kernel touched user memory outside copy_*_user (which
		 * sets EFLAGS.AC): a kernel bug, whatever the VMA says */
		printk(KERN_EMERG "BUG: kernel access to user memory outside uaccess (SMAP)\n");
		show_fault_oops(regs, err, addr);
		die("page fault", regs);
	}
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || (vma->vm_start > addr && !expand_stack(vma, addr))) {
		bad_area(regs, err, addr, SIGSEGV, SEGV_MAPERR, FAULT_PATH_SEGV_MAPERR, 0);
		return;
	}
	trace_fault_vma(vma->vm_start, vma->vm_end);
	if (access_error(err, vma)) {
		bad_area(regs, err, addr, SIGSEGV, SEGV_ACCERR, FAULT_PATH_SEGV_ACCERR, 0);
		return;
	}
	vm_fault_t fault = handle_mm_fault(vma, addr, fault_flags(err, regs));
	if (fault & VM_FAULT_ERROR) {
		mm_fault_error(regs, err, addr, fault);
		return;
	}
	trace_fault_end(fault);			/* counted by handle_mm_fault */
}

void fault_init(void)
{
	set_trap_handler(X86_TRAP_PF, do_page_fault);
}
