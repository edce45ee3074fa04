/* mm/mmap.h — mapping and unmapping: mmap, munmap, mprotect, brk, madvise,
 * and the address spaces of fork and exit (mm/mmap.c). */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include "mm/mm.h"

/* mmap's prot and flags (Linux's values). */
#define PROT_NONE		0x0
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define PROT_GROWSDOWN		0x01000000
#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_DROPPABLE		0x08	/* Linux 6.11: a type of its own; 6.1 knows no such type */
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_FIXED_NOREPLACE	0x100000
#define MAP_32BIT		0x40
#define MAP_HUGETLB		0x40000
#define MAP_SYNC		0x80000
#define MAP_UNINITIALIZED	0x4000000
#define MAP_HUGE_SHIFT		26	/* MAP_HUGETLB: log2 of the page size in bits 26-31 */
#define MAP_HUGE_MASK		0x3fUL	/*   (0: the default size) */
#define MAP_HUGE_2MB		(21UL << MAP_HUGE_SHIFT)
#define MAP_HUGE_1GB		(30UL << MAP_HUGE_SHIFT)
/* The flags every kernel has known (Linux's LEGACY_MAP_MASK): MAP_SHARED
 * ignores any other bit; MAP_SHARED_VALIDATE refuses it (-EOPNOTSUPP). */
#define LEGACY_MAP_MASK		(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS |       \
				 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED |          \
				 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |   \
				 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT |         \
				 MAP_HUGE_2MB | MAP_HUGE_1GB)
#define MADV_NORMAL		0
#define MADV_RANDOM		1
#define MADV_SEQUENTIAL		2
#define MADV_WILLNEED		3
#define MADV_DONTNEED		4
#define MADV_POPULATE_READ	22	/* fault in readable, as reads would */
#define MADV_POPULATE_WRITE	23	/* fault in writable, as writes would (COW broken) */
#define MADV_DONTNEED_LOCKED	24	/* MADV_DONTNEED that may drop locked pages too */

#define MMAP_MIN_ADDR		0x10000UL	/* as Linux's vm.mmap_min_addr */
#define DEFAULT_MAX_MAP_COUNT	65530		/* vm.max_map_count's value at boot */
extern int sysctl_max_map_count;		/* VMAs an mm may have (mm/mmap.c) */
#define STACK_TOP		TASK_SIZE	/* the initial stack ends here */
#define DEFAULT_STACK_RLIMIT	(8UL << 20)	/* ulimit -s: 8 MiB */
/* The most a stack may grow, whatever RLIMIT_STACK says (unlimited
 * included): what lies below the stack's 128 MiB gap is mmap's. */
#define STACK_RLIMIT_MAX	(128UL << 20)
/* RLIMIT_AS: may mm grow by npages?  (Linux's may_expand_vm) */
bool may_expand_vm(struct mm_struct *mm, unsigned long npages);
#define STACK_GUARD_GAP		(256UL << PAGE_SHIFT)	/* 1 MiB, as Linux's stack_guard_gap */

struct file;

long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, unsigned long pgoff);
long do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* mremap(2) of the current process (mm/mremap.c): the new address, or -errno. */
/* mm/process_vm_access.c */
long sys_process_vm_readv(unsigned long pid, unsigned long lvec, unsigned long liovcnt,
			  unsigned long rvec, unsigned long riovcnt, unsigned long flags);
long sys_process_vm_writev(unsigned long pid, unsigned long lvec, unsigned long liovcnt,
			   unsigned long rvec, unsigned long riovcnt, unsigned long flags);
long do_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr);
long do_mprotect(unsigned long start, unsigned long len, unsigned long prot);
unsigned long do_brk(unsigned long brk);
/* 0, or -ENOMEM for one request of more pages than RAM (overcommit heuristic). */
int vm_enough_memory(unsigned long pages);
long do_madvise(unsigned long start, unsigned long len, int advice);
long do_msync(unsigned long start, unsigned long len, unsigned long flags);	/* mm/msync.c */
long do_mincore(unsigned long start, unsigned long len, u8 *uvec);
/* fork: a copy of mm (VMAs and contents). */
struct mm_struct *dup_mm(struct mm_struct *old);
/* The file of a VMA: held by it, and listed in the file's i_mmap. */
void vma_set_file(struct vm_area_struct *vma, struct file *file);
void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_set_page_prot(struct vm_area_struct *vma);	/* from vm_flags, with write-notify */

/* mm/mlock.c: mlock(2) and friends. */
long sys_mlock(unsigned long start, unsigned long len);
long sys_mlock2(unsigned long start, unsigned long len, unsigned long flags);
long sys_munlock(unsigned long start, unsigned long len);
long sys_mlockall(unsigned long flags);
long sys_munlockall(void);
/* May mm map len more bytes with vm_flags?  -EAGAIN when they are
 * VM_LOCKED and RLIMIT_MEMLOCK would be passed without CAP_IPC_LOCK
 * (never here: everyone is root), else 0 (Linux's mlock_future_check). */
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len);
/* Pages some VM_LOCKED VMA maps, each once: /proc/meminfo's Mlocked. */
unsigned long nr_mlocked_pages(void);
/* May current lock memory at all (RLIMIT_MEMLOCK not 0, or CAP_IPC_LOCK)? */
bool can_do_mlock(void);

#endif
