/* mm/mmap.c — address spaces and their mappings, as Linux's mm/mmap.c
 * and mm/mprotect.c: every call checks its arguments as Linux does, then
 * cuts VMAs (split_vma) so that each change covers whole VMAs. */
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/memfd.h"
#include "mm/gup.h"
#include "mm/kmalloc.h"
#include "mm/kpgtable.h"
#include "mm/page_alloc.h"
#include "kernel/proc.h"
#include "kernel/fs/fs.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/string.h"
#include "kernel/panic.h"

#define LLONG_MAX_BYTES	0x7fffffffffffffffUL

/* vm.max_map_count (/proc/sys/vm/max_map_count): the VMAs one address
 * space may have, Linux's DEFAULT_MAX_MAP_COUNT (USHRT_MAX minus the five
 * an ELF core dump keeps for itself).  As Linux, mmap refuses when the
 * count is already past it, a split (mprotect, munmap of a middle) when
 * the count has reached it: -ENOMEM, nothing changed. */
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm));
	if (!mm)
		return NULL;
	mm->pgd = alloc_pgtable();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	/* the kernel half: the same PDPTs in every address space */
	for (int i = USER_PGD_ENTRIES; i < PTRS_PER_TABLE; i++)
		mm->pgd[i] = init_pml4[i];
	mm->mm_rb = RB_ROOT;
	INIT_LIST_HEAD(&mm->mmap_list);
	mm->users = 1;
	mm->stack_rlimit = DEFAULT_STACK_RLIMIT;
	mm->mmap_base = STACK_TOP - 128 * 1024 * 1024UL;	/* Linux: the stack gap */
	return mm;
}

void vma_set_file(struct vm_area_struct *vma, struct file *file)
{
	vma->vm_file = file;
	if (!file)
		return;
	get_file(file);
	list_add_tail(&vma->shared, &file->f_inode->i_data.i_mmap);
}

/* Unmap a whole VMA and free it (its pages lose a mapper each). */
void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	zap_page_range(vma, vma->vm_start, vma->vm_end);
	vma_unlink(mm, vma);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file) {
		list_del_init(&vma->shared);
		fput(vma->vm_file);
	}
	vma_free(vma);
}

void mmput(struct mm_struct *mm)
{
	if (--mm->users)
		return;
	while (!list_empty(&mm->mmap_list))
		remove_vma(mm, list_first_entry(&mm->mmap_list, struct vm_area_struct, vm_list));
	free_user_pgtables(mm->pgd);
	free_pgtable(mm->pgd);
	kfree(mm);
}

/* fork: the same VMAs, mapping the same pages copy-on-write (copy_page_range). */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v;
	if (!mm)
		return NULL;
	memcpy(&mm->start_code, &old->start_code,
	       offsetof(struct mm_struct, users) - offsetof(struct mm_struct, start_code));
	mm->mmap_base = old->mmap_base;
	mm->flags = mmf_init_flags(old->flags);
	mm->total_vm = mm->rss_anon = mm->rss_file = 0;
	list_for_each_entry(v, &old->mmap_list, vm_list) {
		struct vm_area_struct *n = vma_alloc(mm);
		if (!n)
			goto fail;
		n->vm_start = v->vm_start;
		n->vm_end = v->vm_end;
		/* locks are not inherited (Linux's dup_mmap): the child's
		 * VMAs are plain, its locked_vm and def_flags 0 */
		n->vm_flags = v->vm_flags & ~VM_LOCKED_MASK;
		n->vm_page_prot = v->vm_page_prot;
		n->vm_pgoff = v->vm_pgoff;
		n->vm_ops = v->vm_ops;
		n->vm_private_data = v->vm_private_data;
		n->anon_vma = v->anon_vma;
		vma_set_file(n, v->vm_file);
		if (insert_vm_struct(mm, n) < 0)
			panic("dup_mm: overlapping VMAs in the parent at %lx", v->vm_start);
		if (n->vm_ops && n->vm_ops->open)
			n->vm_ops->open(n);
		if (copy_page_range(mm, n, v) < 0)
			goto fail;
	}
	flush_tlb_all();			/* the parent's PTEs were write-protected */
	return mm;
fail:
	flush_tlb_all();
	mmput(mm);
	return NULL;
}

/* RLIMIT_AS counts every page a VMA spans, mapped or not (total_vm). */
bool may_expand_vm(struct mm_struct *mm, unsigned long npages)
{
	return mm->total_vm + npages <= current->rlim[RLIMIT_AS].rlim_cur >> PAGE_SHIFT;
}

/* How many pages of [start, end) VMAs map now (what MAP_FIXED replaces). */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start,
					   unsigned long end)
{
	unsigned long pages = 0;
	struct vm_area_struct *v = find_vma(mm, start);
	if (!v)
		return 0;
	for (; &v->vm_list != &mm->mmap_list && v->vm_start < end;
	     v = list_entry(v->vm_list.next, struct vm_area_struct, vm_list))
		pages += (MIN(v->vm_end, end) - MAX(v->vm_start, start)) >> PAGE_SHIFT;
	return pages;
}

/* Linux's heuristic overcommit (vm.overcommit_memory 0, __vm_enough_memory):
 * memory is promised freely and the OOM killer settles it later, but one
 * request for more than all of RAM (and swap: none here) is refused at
 * once.  Charged as Linux charges: private writable mappings, shared
 * anonymous memory, brk and a program's segments; not MAP_NORESERVE. */
int vm_enough_memory(unsigned long pages)
{
	return pages <= nr_managed_pages() ? 0 : -ENOMEM;
}

/* Does mmap charge this mapping (Linux's accountable_mapping, and shmem's
 * charge for shared anonymous memory)? */
static bool mmap_accountable(unsigned long vm_flags, unsigned long flags, bool anon)
{
	if (flags & MAP_NORESERVE)
		return false;
	return (vm_flags & (VM_SHARED | VM_WRITE)) == VM_WRITE || (anon && (vm_flags & VM_SHARED));
}

/* A shared writable mapping starts with its PTEs read-only when someone
 * wants to hear of the first write to each page: the file (->page_mkwrite,
 * ->pfn_mkwrite), or soft-dirty tracking once clear_refs has cleared the
 * VMA's VM_SOFTDIRTY (the write fault sets the PTE's bit).  A private
 * mapping's PTEs start read-only anyway.  Linux's vma_wants_writenotify. */
static bool vma_wants_writenotify(struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) != (VM_WRITE | VM_SHARED))
		return false;
	if (vma->vm_ops && (vma->vm_ops->page_mkwrite || vma->vm_ops->pfn_mkwrite))
		return true;
	return vma_soft_dirty_enabled(vma);
}

/* vm_page_prot from vm_flags, write-protected for write-notify; the cache
 * type a driver chose in ->mmap (write-combining for the framebuffer) is
 * kept, as Linux's vm_pgprot_modify keeps it. */
void vma_set_page_prot(struct vm_area_struct *vma)
{
	u64 cache = pgprot_val(vma->vm_page_prot) & (_PAGE_PWT | _PAGE_PCD);
	pgprot_t prot = vm_get_page_prot(vma->vm_flags);
	if (vma_wants_writenotify(vma))
		prot = __pgprot(pgprot_val(prot) & ~_PAGE_RW);
	vma->vm_page_prot = __pgprot(pgprot_val(prot) | cache);
}

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (prot & PROT_READ)
		vm |= VM_READ;
	if (prot & PROT_WRITE)
		vm |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm |= VM_EXEC;
	if (flags & MAP_GROWSDOWN)
		vm |= VM_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		vm |= VM_NORESERVE;
	if (flags & MAP_LOCKED)
		vm |= VM_LOCKED;
	return vm;
}

/* Memory-deny-write-execute (prctl PR_SET_MDWE, Linux 6.3): once a
 * process asks, no mapping of it may become writable and executable at
 * once, nor executable when it was not (new code can only come from
 * what was executable from the start: the program's text).  Linux's
 * map_deny_write_exec, with the VMA's flags before and after: mmap asks
 * with the same flags twice (W+X refused, R+X allowed), mprotect with the
 * VMA's old flags (adding X refused).  -EACCES, as Linux. */
static bool map_deny_write_exec(unsigned long old, unsigned long new)
{
	if (!(current->mm->flags & MMF_HAS_MDWE) || !(new & VM_EXEC))
		return false;
	return (new & VM_WRITE) || !(old & VM_EXEC);
}

/* Does [addr, addr + len) overlap a VMA? */
static bool range_mapped(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	return vma && vma->vm_start < addr + len;
}

/* Where the mapping goes: MAP_FIXED's address, a free hint, or top-down. */
static long mmap_region_start(struct mm_struct *mm, unsigned long addr, unsigned long len,
			      unsigned long flags)
{
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if (len > TASK_SIZE || addr > TASK_SIZE - len)
			return -ENOMEM;
		if ((flags & MAP_FIXED_NOREPLACE) && range_mapped(mm, addr, len))
			return -EEXIST;		/* NOREPLACE wins over FIXED, as Linux */
		return (long)addr;
	}
	/* x86 Linux rounds a hint down to its page (arch_get_unmapped_area_topdown:
	 * addr &= PAGE_MASK); rounding up placed the mapping a page higher. */
	addr = ALIGN_DOWN(addr, PAGE_SIZE);
	if (addr >= MMAP_MIN_ADDR && len <= TASK_SIZE && addr <= TASK_SIZE - len &&
	    !range_mapped(mm, addr, len))
		return (long)addr;		/* the hint is free: take it */
	return (long)get_unmapped_area(mm, len);
}

/* The checks of a file mapping, as Linux's do_mmap; *vm_flags adjusted. */
static int mmap_file_checks(struct file *file, unsigned long flags, unsigned long *vm_flags)
{
	bool shared = (flags & MAP_TYPE) == MAP_SHARED || (flags & MAP_TYPE) == MAP_SHARED_VALIDATE;
	/* no file here supports a newer flag (MAP_SYNC: DAX files only) */
	if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK))
		return -EOPNOTSUPP;
	/* Linux's order: the access checks, then whether the file can be mapped */
	if (shared && (*vm_flags & VM_WRITE) && !(file->f_mode & FMODE_WRITE))
		return -EACCES;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!file->f_op->mmap)
		return -ENODEV;			/* directories, and devices without mmap */
	if (shared) {
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		else if (is_readonly_sealed(file->f_inode->i_seals, *vm_flags))
			*vm_flags &= ~VM_MAYWRITE;	/* a write-sealed memfd: read-only for good */
	}
	return 0;
}

/* MAP_SHARED|MAP_ANONYMOUS: memory shared with children after fork.  As
 * Linux backs it with a shmem file, this backs it with an unnamed ramfs
 * file of the mapping's size: the same page-cache mechanism as any file. */
static struct file *shared_anon_file(unsigned long len)
{
	struct inode *inode = new_inode(S_IFREG | 0600);
	struct file *f = inode ? kzalloc(sizeof(*f)) : NULL;
	if (!f) {
		iput(inode);
		return NULL;
	}
	inode->i_fop = &ramfs_file_ops;
	inode->i_size = len;
	*f = (struct file){ .f_inode = inode, .f_op = inode->i_fop, .f_flags = O_RDWR,
			    .f_mode = FMODE_READ | FMODE_WRITE, .f_count = 1 };
	return f;
}

/* MAP_HUGETLB asks for huge pages, which Linux takes from hugetlbfs's pool
 * (vm.nr_hugepages: 0 unless an administrator reserves some).  This kernel
 * has no hugetlbfs and no pool: it answers as a Linux 6.1 whose pool is
 * empty, step by step as ksys_mmap_pgoff and then hugetlbfs_file_mmap's
 * reservation fail there:
 *
 *   a file mapping (no file here is on hugetlbfs)    -EINVAL
 *   a size in bits 26-31 no pool has                 -EINVAL   (2 MiB is the only size:
 *                                                               a CPU without 1 GiB pages)
 *   then, anonymous memory, its length rounded up to 2 MiB, checked as a
 *   hugetlbfs file's mapping would be: a bad type, MAP_GROWSDOWN -EINVAL,
 *   MAP_SHARED_VALIDATE with an unknown flag -EOPNOTSUPP, MAP_FIXED not
 *   2 MiB-aligned -EINVAL, the other placement errors; and last
 *   no huge page to reserve                          -ENOMEM
 *
 * One difference: with MAP_NORESERVE Linux reserves nothing, so the mmap
 * succeeds and the first touch gets SIGBUS (the pool has no page to give);
 * here it is -ENOMEM too, so that no mapping exists whose every access
 * fails (docs/syscalls.md). */
#define HPAGE_SHIFT	21
#define HPAGE_SIZE	(1UL << HPAGE_SHIFT)

static long hugetlb_size_check(struct file *file, unsigned long flags, unsigned long *len)
{
	unsigned long log = (flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK;
	if (file && !(flags & MAP_ANONYMOUS))
		return -EINVAL;
	if (log && log != HPAGE_SHIFT)
		return -EINVAL;
	*len = ALIGN_UP(*len, HPAGE_SIZE);	/* wraps to 0 near 2^64: -EINVAL next, as Linux */
	return 0;
}

/* The rest of an anonymous MAP_HUGETLB request, once its type is known
 * good: where it would go, then the empty pool. */
static long hugetlb_no_pages(struct mm_struct *mm, unsigned long addr, unsigned long len,
			     unsigned long flags)
{
	if ((flags & MAP_FIXED) && (addr & (HPAGE_SIZE - 1)))
		return -EINVAL;			/* hugetlb_get_unmapped_area */
	long start = mmap_region_start(mm, addr, len, flags);
	return start < 0 ? start : -ENOMEM;
}

/* Fault in what mmap, brk or mremap just mapped (MAP_POPULATE, or a
 * VM_LOCKED mapping: MAP_LOCKED, mlockall(MCL_FUTURE)), as Linux's
 * mm_populate, through get_user_pages (mm/gup.c): device memory is
 * skipped, private writable memory gets write faults, a VM_LOCKONFAULT
 * mapping nothing.  Linux ignores what populating did; out of memory here
 * is an OOM kill, as the same fault taken by an access would be. */
static void mm_populate(unsigned long start, unsigned long len)
{
	if (__mm_populate(start, len, false) == -ENOMEM)
		pagefault_out_of_memory();
}

long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long type = flags & MAP_TYPE;
	struct file *anon_file = NULL;
	bool huge = flags & MAP_HUGETLB;

	if (huge) {
		long err = hugetlb_size_check(file, flags, &len);
		if (err)
			return err;
	}
	if (!len)
		return -EINVAL;
	/* MAP_DROPPABLE (0x08, Linux 6.11) is no type to 6.1: -EINVAL, alone
	 * or with MAP_PRIVATE (0x0a), as every value of the type nibble but
	 * these three */
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;			/* too many mappings: Linux's test, before placing */
	/* a file mapping must end below 2^63 (Linux's file_mmap_ok, whose
	 * MAX_LFS_FILESIZE is LLONG_MAX on 64-bit) */
	if (!(flags & MAP_ANONYMOUS) && file &&
	    pgoff > ((unsigned long)LLONG_MAX_BYTES - len) >> PAGE_SHIFT)
		return -EOVERFLOW;
	/* def_flags: mlockall(MCL_FUTURE) locks every new mapping; and a new
	 * mapping is soft-dirty as a whole (Linux's mmap_region: a tracker must
	 * tell memory unmapped and mapped again from memory left alone) */
	unsigned long vm_flags = calc_vm_flags(prot, flags) | mm->def_flags | VM_SOFTDIRTY;
	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM;
	if (mlock_future_check(mm, vm_flags, len))
		return -EAGAIN;			/* RLIMIT_MEMLOCK */
	/* only private anonymous memory may grow down (Linux: -EINVAL for a
	 * file, and for shared anonymous memory: a file underneath too) */
	if ((flags & MAP_GROWSDOWN) &&
	    (type != MAP_PRIVATE || huge || (file && !(flags & MAP_ANONYMOUS))))
		return -EINVAL;
	if (huge)				/* checked as a hugetlbfs file's mapping */
		return type == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK) ? -EOPNOTSUPP
			: hugetlb_no_pages(mm, addr, len, flags);
	if (file && !(flags & MAP_ANONYMOUS)) {
		int err = mmap_file_checks(file, flags, &vm_flags);
		if (err)
			return err;
	} else if (type == MAP_SHARED_VALIDATE) {
		/* As Linux: only a file mapping validates flags; anonymous memory
		 * is MAP_SHARED or MAP_PRIVATE, anything else EINVAL. */
		return -EINVAL;
	} else if (type != MAP_PRIVATE) {	/* shared anonymous memory */
		file = anon_file = shared_anon_file(len);
		if (!file)
			return -ENOMEM;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		pgoff = 0;
	} else {
		file = NULL;
		pgoff = 0;
	}

	long start = mmap_region_start(mm, addr, len, flags);
	if (start >= 0 && map_deny_write_exec(vm_flags, vm_flags))
		start = -EACCES;		/* MDWE: Linux's mmap_region, first thing */
	if (start >= 0 && !may_expand_vm(mm, (len >> PAGE_SHIFT) -
			 ((flags & MAP_FIXED) ? count_vma_pages_range(mm, start, start + len) : 0)))
		start = -ENOMEM;		/* RLIMIT_AS */
	if (start >= 0 && mmap_accountable(vm_flags, flags, !file || anon_file) &&
	    vm_enough_memory(len >> PAGE_SHIFT))
		start = -ENOMEM;
	struct vm_area_struct *vma = start < 0 ? NULL : vma_alloc(mm);
	if (start >= 0 && !vma)
		start = -ENOMEM;
	if (start >= 0 && (flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE))
		do_munmap(mm, start, len);	/* MAP_FIXED replaces what was there */
	if (start < 0) {
		if (anon_file)
			fput(anon_file);
		return start;
	}
	vma->vm_start = start;
	vma->vm_end = start + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	vma_set_file(vma, file);
	if (anon_file)
		fput(anon_file);		/* the VMA holds it now */
	vma->vm_page_prot = vm_get_page_prot(vm_flags);	/* ->mmap may change the cache type */
	int err = file ? file->f_op->mmap(file, vma) : 0;
	vma_set_page_prot(vma);			/* after ->mmap has set vm_ops */
	if (vma->vm_flags & VM_SPECIAL)		/* device memory is never locked (Linux's */
		vma->vm_flags &= ~VM_LOCKED_MASK;	/* mmap_region): not counted either */
	if (err || insert_vm_struct(mm, vma) < 0) {
		if (vma->vm_file) {
			list_del_init(&vma->shared);
			fput(vma->vm_file);
		}
		vma_free(vma);
		return err ? err : -ENOMEM;
	}
	vma = vma_merge(mm, vma);
	/* a locked mapping is populated, as MAP_POPULATE's (unless
	 * MAP_NONBLOCK: Linux has made that pair populate nothing since 2.6.23) */
	if ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		mm_populate(start, len);
	return start;
}

/* Cut VMAs so that none straddles addr. */
static int split_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start >= addr)
		return 0;
	struct vm_area_struct *upper = split_vma(mm, vma, addr);
	return IS_ERR(upper) ? (int)PTR_ERR(upper) : 0;
}

/* A split for mprotect: past vm.max_map_count it is -ENOMEM (Linux's
 * split_vma; the pieces before it stay cut, as there). */
static int split_at_limited(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (vma && vma->vm_start < addr && mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return split_at(mm, addr);
}

long do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || !len || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	unsigned long end = start + len;
	/* a hole in the middle of a VMA makes one VMA more: refused at the
	 * limit, before anything is cut (Linux's do_mas_align_munmap) */
	struct vm_area_struct *vma = find_vma(mm, start);
	if (vma && vma->vm_start < start && end < vma->vm_end &&
	    mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	vma = find_vma(mm, start);
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
		bool last = vma->vm_list.next == &mm->mmap_list;
		remove_vma(mm, vma);
		vma = last ? NULL : next;
	}
	free_pgtables(mm->pgd, start, len);	/* the tables that map nothing now */
	return 0;
}

long do_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	unsigned long end = start + len;
	if (end <= start || end > TASK_SIZE)
		return -ENOMEM;
	/* VMA by VMA, as Linux: a hole, or a VMA that may never be writable,
	 * stops the walk, the VMAs before it already changed */
	for (unsigned long a = start; a < end;) {
		struct vm_area_struct *v = find_vma(mm, a);
		if (!v || v->vm_start > a)
			return -ENOMEM;
		if ((prot & PROT_WRITE) && !(v->vm_flags & VM_MAYWRITE))
			return -EACCES;
		unsigned long vend = v->vm_end;
		unsigned long newflags = (v->vm_flags & ~VM_ACCESS_FLAGS) |
					 (calc_vm_flags(prot, 0) & VM_ACCESS_FLAGS);
		if (map_deny_write_exec(v->vm_flags, newflags))
			return -EACCES;		/* MDWE */
		if (newflags == v->vm_flags) {	/* nothing changes: no split (mprotect_fixup) */
			a = MIN(end, vend);
			continue;
		}
		/* a private mapping that becomes writable is charged now, as
		 * Linux's mprotect_fixup (heuristic overcommit: more than RAM
		 * in one piece is refused; the check keeps no state, so a
		 * piece that was writable before passes again) */
		if ((prot & PROT_WRITE) && !(v->vm_flags & (VM_WRITE | VM_SHARED | VM_NORESERVE)) &&
		    vm_enough_memory((MIN(end, vend) - a) >> PAGE_SHIFT))
			return -ENOMEM;
		if (split_at_limited(mm, a) || (vend > end && split_at_limited(mm, end)))
			return -ENOMEM;
		v = find_vma(mm, a);		/* the piece [a, min(end, vm_end)) */
		unsigned long oldflags = v->vm_flags;
		v->vm_flags = newflags;
		vma_set_page_prot(v);
		/* PROT_NONE keeps the frames, in PTEs the CPU sees as not present */
		protect_range(mm->pgd, v->vm_start, v->vm_end - v->vm_start, v->vm_page_prot);
		/* locked private memory made writable: break COW now, so that a
		 * write takes no fault there either (Linux's mprotect_fixup) */
		if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
		    (v->vm_flags & VM_WRITE))
			populate_vma_page_range(v, v->vm_start, v->vm_end);
		a = v->vm_end;
		vma_merge(mm, v);
	}
	return 0;
}

unsigned long do_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long oldbrk = ALIGN_UP(mm->brk, PAGE_SIZE), newbrk = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	if (newbrk < oldbrk) {
		do_munmap(mm, newbrk, oldbrk - newbrk);
	} else if (newbrk > oldbrk) {
		/* As Linux: one free page must stay between the new break and the
		 * next mapping (its 1 MiB guard gap too, if it is a stack).  Not a
		 * 1 MiB gap below every mapping: that refused what Linux allows. */
		struct vm_area_struct *next = find_vma(mm, oldbrk);
		unsigned long gap = next && (next->vm_flags & VM_GROWSDOWN) ? STACK_GUARD_GAP : 0;
		if (next && newbrk + PAGE_SIZE + gap > next->vm_start)
			return mm->brk;		/* would run into a mapping (or the stack gap) */
		if (mm->map_count > sysctl_max_map_count ||
		    !may_expand_vm(mm, (newbrk - oldbrk) >> PAGE_SHIFT) ||
		    vm_enough_memory((newbrk - oldbrk) >> PAGE_SHIFT) ||
		    mlock_future_check(mm, mm->def_flags, newbrk - oldbrk))
			return mm->brk;		/* max_map_count, RLIMIT_AS, more than RAM, RLIMIT_MEMLOCK */
		struct vm_area_struct *vma = vma_alloc(mm);
		if (!vma)
			return mm->brk;
		vma->vm_start = oldbrk;
		vma->vm_end = newbrk;
		vma->vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC |
				VM_SOFTDIRTY | mm->def_flags;	/* new memory: soft-dirty */
		vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
		if (insert_vm_struct(mm, vma) < 0) {
			vma_free(vma);
			return mm->brk;
		}
		vma_merge(mm, vma);
		mm->brk = brk;
		if (mm->def_flags & VM_LOCKED)	/* mlockall(MCL_FUTURE): the heap too */
			mm_populate(oldbrk, newbrk - oldbrk);
		return brk;
	}
	mm->brk = brk;
	return brk;
}

/* Which advice this kernel knows (Linux 6.1's madvise_behavior_valid):
 * 1 = a hint, accepted and ignored; 2 = zaps (DONTNEED, and FREE, which
 * may free at once); 3 = populates (POPULATE_READ/WRITE); 0 = not
 * implemented here (-EINVAL, named). */
static int madvise_kind(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case 11 /* DOFORK */: case 12 /* MERGEABLE */: case 13 /* UNMERGEABLE */:
	case 14 /* HUGEPAGE */: case 15 /* NOHUGEPAGE */: case 16 /* DONTDUMP */:
	case 17 /* DODUMP */: case 19 /* KEEPONFORK */: case 20 /* COLD */:
	case 21 /* PAGEOUT */:
		return 1;
	case MADV_DONTNEED: case 8 /* FREE */: case MADV_DONTNEED_LOCKED:
		return 2;
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		return 3;
	default:	/* REMOVE, DONTFORK, WIPEONFORK, COLLAPSE, unknown */
		return 0;
	}
}

/* MADV_POPULATE_READ/WRITE on [start, end) of vma: fault the pages in as
 * the process's own reads (writes) would, without touching them, the
 * VMA's protection enforced (faultin_vma_page_range, mm/gup.c), until done
 * or an error: -EINVAL when the VMA refuses the access (PROT_NONE, a write
 * to a read-only mapping, device memory: VM_PFNMAP/VM_IO), -EFAULT when
 * the fault path refused a page (SIGBUS past a file's end), -ENOMEM,
 * -EINTR for a pending SIGKILL.  (Linux 6.1's madvise_populate: a short
 * count from GUP means an error comes with the next call.) */
static long madvise_populate(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			     bool write)
{
	while (start < end) {
		/* GUP may have let others run (cond_resched): look it up again */
		vma = find_vma(current->mm, start);
		if (!vma || vma->vm_start > start)
			return -ENOMEM;
		long pages = faultin_vma_page_range(vma, start, MIN(end, vma->vm_end), write);
		if (pages < 0)
			return pages == -EINTR || pages == -EINVAL || pages == -EFAULT ? pages
											: -ENOMEM;
		start += pages * PAGE_SIZE;
	}
	return 0;
}

long do_madvise(unsigned long start, unsigned long len_in, int advice)
{
	struct mm_struct *mm = current->mm;
	int kind = madvise_kind(advice);
	if ((start & ~PAGE_MASK) || !kind)
		return -EINVAL;
	unsigned long len = ALIGN_UP(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;			/* rounding wrapped */
	unsigned long end = start + len;
	if (end < start)
		return -EINVAL;
	bool unmapped = false;
	for (unsigned long a = start; a < end;) {	/* a hole anywhere: -ENOMEM, as Linux */
		struct vm_area_struct *v = find_vma(mm, a);
		if (!v || v->vm_start >= end) {
			unmapped = true;
			break;
		}
		if (v->vm_start > a)
			unmapped = true;
		unsigned long s = MAX(a, v->vm_start), e = MIN(end, v->vm_end);
		/* Linux's can_madv_lru_vma and madvise_dontneed_free_valid_vma:
		 * locked pages stay (only DONTNEED_LOCKED drops them), and
		 * device memory has no pages to drop or age */
		bool lru_advice = kind == 2 || advice == 20 /* COLD */ || advice == 21 /* PAGEOUT */;
		if (lru_advice && (v->vm_flags & VM_PFNMAP))
			return -EINVAL;
		if (lru_advice && advice != MADV_DONTNEED_LOCKED && (v->vm_flags & VM_LOCKED))
			return -EINVAL;
		if (kind == 2 && advice == 8 && (v->vm_file || (v->vm_flags & VM_SHARED)))
			return -EINVAL;		/* MADV_FREE: private anonymous memory only */
		if (kind == 2)
			zap_page_range(v, s, e);	/* the next touch faults in fresh */
		if (kind == 3) {		/* a hole before it: still -ENOMEM at the end */
			long err = madvise_populate(v, s, e, advice == MADV_POPULATE_WRITE);
			if (err)
				return err;
		}
		a = e;
	}
	return unmapped ? -ENOMEM : 0;
}
