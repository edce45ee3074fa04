/* kernel/exec.c — execve of a static ELF64 program.
 *
 * Each PT_LOAD segment becomes a private file mapping of the program's
 * ramfs file, so text and data come in through the fault path like any
 * mmap'ed file (do_read_fault; a write copies: do_cow_fault).  The part of
 * the last file page past p_filesz is cleared and the rest of p_memsz (the
 * bss) is anonymous memory.  The new stack holds, from the top:
 *
 *	16 random bytes (AT_RANDOM), "x86_64" (AT_PLATFORM), the path
 *	(AT_EXECFN), the argument and environment strings, then, 16-byte
 *	aligned: auxv pairs, NULL, envp[], NULL, argv[], argc   <- rsp
 */
#include "kernel/exec.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/traps.h"
#include "kernel/gdt.h"
#include "kernel/uaccess.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/kmalloc.h"

/* ELF64 (the parts we read). */
#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_GNU_STACK	0x6474e551
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define ELF_DYN_BASE	0x555555554000UL	/* where Linux puts a static-pie program */
#define STACK_INITIAL	(128 * 1024UL)		/* the stack VMA at exec; it grows */
#define MAX_PHDRS	32

struct elf64_ehdr {
	u8 e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* Auxiliary vector keys (Linux's <uapi/linux/auxvec.h>). */
enum {
	AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
	AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
	AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25,
	AT_EXECFN = 31,
};

/* The strings of argv and envp, copied into the kernel before the old
 * address space (where they live) goes away. */
struct exec_args {
	char *buf;			/* argc strings, then envc strings, NUL-separated */
	size_t used;
	int argc, envc;
};

static int add_string(struct exec_args *a, const char *s, bool user)
{
	size_t room = EXEC_ARG_MAX - a->used;
	long n;
	if (user) {
		n = strncpy_from_user(a->buf + a->used, s, room);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return (int)n;
	} else {
		n = (long)strlen(s);
		if ((size_t)n >= room)
			return -E2BIG;
		memcpy(a->buf + a->used, s, n + 1);
	}
	a->used += n + 1;
	return 0;
}

/* Copy a NULL-terminated vector of strings (user or kernel). */
static int copy_strings(struct exec_args *a, const char *const *v, bool user, int *count)
{
	*count = 0;
	for (int i = 0; v; i++) {
		const char *s;
		if (user ? copy_from_user(&s, &v[i], sizeof(s)) != 0 : false)
			return -EFAULT;
		if (!user)
			s = v[i];
		if (!s)
			return 0;
		int err = add_string(a, s, user);
		if (err)
			return err;
		++*count;
	}
	return 0;
}

static ssize_t read_at(struct file *f, void *buf, size_t n, loff_t pos)
{
	return f->f_op->read ? f->f_op->read(f, buf, n, &pos) : -ENOEXEC;
}

/* Read and check the ELF header and program headers: -ENOEXEC if this is
 * not a static x86-64 executable we can run. */
static int read_elf(struct file *f, struct elf64_ehdr *eh, struct elf64_phdr *ph)
{
	if (read_at(f, eh, sizeof(*eh), 0) != sizeof(*eh))
		return -ENOEXEC;
	if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != ELFCLASS64 ||
	    eh->e_ident[5] != ELFDATA2LSB || eh->e_machine != EM_X86_64 ||
	    (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
	    eh->e_phentsize != sizeof(*ph) || !eh->e_phnum || eh->e_phnum > MAX_PHDRS)
		return -ENOEXEC;
	size_t size = eh->e_phnum * sizeof(*ph);
	if (read_at(f, ph, size, eh->e_phoff) != (ssize_t)size)
		return -ENOEXEC;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP)
			return -ENOEXEC;	/* dynamically linked: no loader here */
		if (ph[i].p_type == PT_LOAD &&
		    (ph[i].p_filesz > ph[i].p_memsz ||
		     (ph[i].p_vaddr - ph[i].p_offset) % PAGE_SIZE))
			return -ENOEXEC;
	}
	return 0;
}

/* Free a VMA that never made it into the tree. */
static void free_unlinked_vma(struct vm_area_struct *vma)
{
	if (vma->vm_file) {
		list_del_init(&vma->shared);
		fput(vma->vm_file);
	}
	vma_free(vma);
}

/* Every PT_LOAD, once moved by bias, must lie in user space below the
 * stack and above mmap_min_addr (with no arithmetic wrapping round): a
 * segment in the kernel half would have zap walk the kernel's tables.  Its
 * writable or zero-filled memory is charged as mmap and brk charge it: a
 * 64 TiB bss fits below the stack but is more than RAM (-ENOMEM).  All of
 * it is checked before the old program goes, so a failure returns to the
 * caller (Linux charges after its point of no return, and kills). */
static int check_segments(const struct elf64_ehdr *eh, const struct elf64_phdr *ph,
			  unsigned long bias)
{
	const unsigned long limit = STACK_TOP - STACK_INITIAL;
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		if (p->p_type != PT_LOAD)
			continue;
		if (p->p_vaddr > limit || p->p_memsz > limit || bias > limit - p->p_vaddr ||
		    p->p_vaddr + bias + p->p_memsz > limit ||
		    ALIGN_DOWN(p->p_vaddr + bias, PAGE_SIZE) < MMAP_MIN_ADDR)
			return -ENOEXEC;
		unsigned long charged = p->p_flags & PF_W ? p->p_memsz : p->p_memsz - p->p_filesz;
		if (vm_enough_memory(ALIGN_UP(charged, PAGE_SIZE) >> PAGE_SHIFT))
			return -ENOMEM;
	}
	return 0;
}

/* A VMA in mm (not yet current): a file mapping when file, else anonymous. */
static int map_vma(struct mm_struct *mm, struct file *file, unsigned long start,
		   unsigned long end, unsigned long vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma = vma_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = vm_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	vma->vm_pgoff = pgoff;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	vma_set_file(vma, file);
	if ((file && file->f_op->mmap(file, vma)) || insert_vm_struct(mm, vma) < 0) {
		free_unlinked_vma(vma);
		return -ENOEXEC;		/* overlapping segments */
	}
	vma_set_page_prot(vma);
	return 0;
}

static unsigned long seg_flags(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/* Map every PT_LOAD of the program into mm; the end of the highest one. */
static long map_segments(struct mm_struct *mm, struct file *f, const struct elf64_ehdr *eh,
			 const struct elf64_phdr *ph, unsigned long bias)
{
	unsigned long top = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		if (p->p_type != PT_LOAD || !p->p_memsz)
			continue;
		unsigned long start = ALIGN_DOWN(p->p_vaddr + bias, PAGE_SIZE);
		unsigned long file_end = ALIGN_UP(p->p_vaddr + bias + p->p_filesz, PAGE_SIZE);
		unsigned long mem_end = ALIGN_UP(p->p_vaddr + bias + p->p_memsz, PAGE_SIZE);
		int err = 0;
		if (p->p_filesz)
			err = map_vma(mm, f, start, file_end, seg_flags(p->p_flags) | VM_SOFTDIRTY,
				      ALIGN_DOWN(p->p_offset, PAGE_SIZE) >> PAGE_SHIFT);
		if (!err && mem_end > MAX(file_end, start))
			err = map_vma(mm, NULL, MAX(file_end, start), mem_end,
				      seg_flags(p->p_flags) | VM_SOFTDIRTY, 0);
		if (err)
			return err;
		if (seg_flags(p->p_flags) & VM_EXEC) {
			mm->start_code = start;
			mm->end_code = file_end;
		} else {
			mm->start_data = start;
			mm->end_data = file_end;
		}
		top = MAX(top, mem_end);
	}
	return (long)top;
}

/* Zero the bytes of each segment's last file page past p_filesz (they hold
 * whatever follows in the file).  Writing them breaks COW for that page. */
static int clear_segment_tails(const struct elf64_ehdr *eh, const struct elf64_phdr *ph,
			       unsigned long bias)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		unsigned long end = p->p_vaddr + bias + p->p_filesz;
		if (p->p_type != PT_LOAD || p->p_memsz <= p->p_filesz || !(end % PAGE_SIZE) ||
		    !p->p_filesz)
			continue;
		size_t n = MIN(ALIGN_UP(end, PAGE_SIZE), p->p_vaddr + bias + p->p_memsz) - end;
		if (clear_user((void *)end, n))
			return -EFAULT;
	}
	return 0;
}

/* AT_RANDOM's bytes: splitmix64 over the TSC and a counter (not secret,
 * but no kernel address goes into them). */
static u64 random_u64(void)
{
	static u64 state;
	u64 z = (state += 0x9e3779b97f4a7c15ULL) ^ rdmsr(0x10);	/* IA32_TIME_STAMP_COUNTER */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Push n bytes onto the new user stack; the new stack pointer. */
static unsigned long push_bytes(unsigned long *sp, const void *src, size_t n)
{
	*sp -= n;
	if (copy_to_user((void *)*sp, src, n))
		return 0;
	return *sp;
}

/* Build the initial stack (the picture at the top); the entry rsp. */
static unsigned long setup_stack(struct exec_args *a, const char *path,
				 const struct elf64_ehdr *eh, unsigned long phdr_addr,
				 unsigned long entry)
{
	unsigned long sp = STACK_TOP;
	u64 rnd[2] = { random_u64(), random_u64() };
	unsigned long random = push_bytes(&sp, rnd, sizeof(rnd));
	unsigned long platform = push_bytes(&sp, "x86_64", 7);
	unsigned long execfn = push_bytes(&sp, path, strlen(path) + 1);
	unsigned long strings = push_bytes(&sp, a->buf, a->used);
	if (!random || !platform || !execfn || !strings)
		return 0;

	u32 eax, ebx, ecx, edx;
	cpuid(1, 0, &eax, &ebx, &ecx, &edx);
	u64 auxv[] = {
		AT_PHDR, phdr_addr, AT_PHENT, sizeof(struct elf64_phdr), AT_PHNUM, eh->e_phnum,
		AT_PAGESZ, PAGE_SIZE, AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_SECURE, 0,
		AT_RANDOM, random, AT_HWCAP, edx, AT_CLKTCK, 100, AT_PLATFORM, platform,
		AT_EXECFN, execfn, AT_NULL, 0,
	};
	size_t nptr = 1 + a->argc + 1 + a->envc + 1;		/* argc, argv, NULL, envp, NULL */
	sp = ALIGN_DOWN(sp, 16);
	if ((nptr * 8 + sizeof(auxv)) % 16)
		sp -= 8;					/* rsp 16-aligned at argc */
	if (!push_bytes(&sp, auxv, sizeof(auxv)))
		return 0;
	u64 *v = kmalloc(nptr * sizeof(u64));
	if (!v)
		return 0;
	size_t k = 0;
	const char *s = a->buf;
	v[k++] = a->argc;
	for (int i = 0; i < a->argc; i++, s += strlen(s) + 1)
		v[k++] = strings + (s - a->buf);		/* argv[i] */
	v[k++] = 0;
	for (int i = 0; i < a->envc; i++, s += strlen(s) + 1)
		v[k++] = strings + (s - a->buf);		/* envp[i] */
	v[k++] = 0;
	unsigned long rsp = push_bytes(&sp, v, k * sizeof(u64));
	kfree(v);
	return rsp;
}

/* The point of no return is switch_mm: before it, errors go back to the
 * caller; after it, the old program is gone and an error kills the process. */
static long exec_binprm(const char *path, struct exec_args *a, struct pt_regs *regs)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph[MAX_PHDRS];
	struct file *f = file_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	long err = -EACCES;
	if (!S_ISREG(f->f_inode->i_mode) || !(f->f_inode->i_mode & 0111))
		goto out;			/* as Linux, even for root: an x bit somewhere */
	err = read_elf(f, &eh, ph);
	if (err)
		goto out;
	unsigned long bias = eh.e_type == ET_DYN ? ELF_DYN_BASE : 0;
	err = check_segments(&eh, ph, bias);
	if (err)
		goto out;
	struct mm_struct *mm = mm_alloc(), *old = current->mm;
	err = -ENOMEM;
	if (!mm)
		goto out;
	long top = map_segments(mm, f, &eh, ph, bias);
	unsigned long brk = top > 0 ? (unsigned long)top : 0;	/* the heap starts after the bss */
	bool exec_stack = true;				/* no PT_GNU_STACK: as Linux, X */
	for (int i = 0; i < eh.e_phnum; i++)
		if (ph[i].p_type == PT_GNU_STACK)
			exec_stack = ph[i].p_flags & PF_X;
	/* The stack has no VM_SOFTDIRTY, as Linux's, whose setup_arg_pages sets
	 * the stack's flags anew once the arguments are in: there soft-dirty
	 * is the PTEs' own from the start.  The segments have it (their
	 * vm_mmap and vm_brk are mmap_region's and brk's). */
	if (top >= 0)
		top = map_vma(mm, NULL, STACK_TOP - STACK_INITIAL, STACK_TOP,
			      VM_READ | VM_WRITE | VM_GROWSDOWN | (exec_stack ? VM_EXEC : 0), 0);
	if (top < 0) {
		mmput(mm);
		err = top;
		goto out;
	}
	mm->start_brk = mm->brk = brk;
	mm->flags = old ? mmf_init_flags(old->flags) : 0;	/* MDWE stays, unless NO_INHERIT */
	mm->stack_rlimit = MIN(current->rlim[RLIMIT_STACK].rlim_cur, STACK_RLIMIT_MAX);

	/* ---- no return: the old program goes ---- */
	current->mm = mm;
	load_cr3(mm->pgd);
	vfork_release(current);
	if (old)
		mmput(old);
	unsigned long phdr_addr = 0;
	for (int i = 0; i < eh.e_phnum; i++)	/* the headers, where a segment maps them */
		if (ph[i].p_type == PT_LOAD && eh.e_phoff >= ph[i].p_offset &&
		    eh.e_phoff < ph[i].p_offset + ph[i].p_filesz)
			phdr_addr = ph[i].p_vaddr + bias + (eh.e_phoff - ph[i].p_offset);
	unsigned long rsp = clear_segment_tails(&eh, ph, bias) ? 0 :
			    setup_stack(a, path, &eh, phdr_addr, eh.e_entry + bias);
	fput(f);
	if (!rsp) {
		/* as Linux: past the point of no return the process is killed on
		 * its way back to user mode (the caller frees its buffers first) */
		printk(KERN_ERR "exec %s: could not build the new stack: killed\n", path);
		force_sig(SIGKILL);
		return 0;
	}
	mm->start_stack = rsp;

	const char *base = path;			/* comm: the file's name, as Linux */
	for (const char *c = path; *c; c++)
		if (*c == '/')
			base = c + 1;
	strlcpy(current->comm, base, sizeof(current->comm));
	memset(regs, 0, sizeof(*regs));
	regs->rip = eh.e_entry + bias;
	regs->rsp = rsp;
	regs->rflags = BIT(9) | BIT(1);			/* IF, and the always-1 bit */
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	current->thread.fs_base = current->thread.gs_base = 0;
	current->sas_ss_sp = current->sas_ss_size = 0;	/* no alternate signal stack */
	current->sas_ss_flags = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);			/* the user's GS, while in the kernel */
	fpu_init_state(current);
	asm volatile("fxrstor64 %0" : : "m"(current->thread.fpu));
	signals_exec_reset(current);
	const char *s = a->buf;				/* argv: the first argc strings */
	for (int i = 0; i < a->argc; i++)
		s += strlen(s) + 1;
	set_task_cmdline(current, a->buf, (size_t)(s - a->buf));
	for (int fd = 0; fd < NR_OPEN; fd++)		/* O_CLOEXEC files close now */
		if (current->files->close_on_exec & BIT(fd))
			vfs_close(fd);
	return 0;
out:
	fput(f);
	return err;
}

long sys_execve_user(const char *upath, const char *const *uargv, const char *const *uenvp)
{
	struct exec_args a = { .buf = kmalloc(EXEC_ARG_MAX) };
	char *path = kmalloc(PATH_MAX);
	long err = -ENOMEM;
	if (!a.buf || !path)
		goto out;
	err = strncpy_from_user(path, upath, PATH_MAX);
	if (err >= 0)
		err = copy_strings(&a, uargv, true, &a.argc);
	if (err >= 0)
		err = copy_strings(&a, uenvp, true, &a.envc);
	if (err >= 0)
		err = exec_binprm(path, &a, task_pt_regs(current));
out:
	kfree(a.buf);
	kfree(path);
	return err;
}

long kernel_execve(const char *path, const char *const argv[], const char *const envp[])
{
	struct exec_args a = { .buf = kmalloc(EXEC_ARG_MAX) };
	long err = a.buf ? 0 : -ENOMEM;
	if (!err)
		err = copy_strings(&a, argv, false, &a.argc);
	if (!err)
		err = copy_strings(&a, envp, false, &a.envc);
	if (!err)
		err = exec_binprm(path, &a, task_pt_regs(current));
	kfree(a.buf);
	return err;
}
