/* mm/mm.h — address spaces: struct mm_struct, struct vm_area_struct, and
 * the types of the fault path (struct vm_fault, vm_operations_struct,
 * VM_FAULT_*), named and shaped as Linux's <linux/mm_types.h> and
 * <linux/mm.h>. */
#ifndef MM_MM_H
#define MM_MM_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/rbtree.h"
#include "mm/pgtable.h"
#include "mm/page_alloc.h"
#include "mm/filemap.h"

struct file;
struct vm_area_struct;

/* vm_flags: what a mapping allows now (READ..EXEC), what mprotect may
 * ever allow (MAY*), and what kind of mapping it is. */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL	/* writes go to the file (or the shared object) */
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL	/* MAP_SHARED, even if not writable */
#define VM_GROWSDOWN	0x00000100UL	/* the stack: faults just below extend it */
#define VM_PFNMAP	0x00000400UL	/* raw pfns, no struct page (device memory) */
#define VM_LOCKED	0x00002000UL	/* mlock: populated, its pages resident (mm/mlock.c) */
#define VM_IO		0x00004000UL	/* memory-mapped I/O */
#define VM_DONTEXPAND	0x00040000UL	/* mremap may not grow it */
#define VM_LOCKONFAULT	0x00080000UL	/* with VM_LOCKED: lock pages as they fault in,
					 * populate nothing (MLOCK_ONFAULT, MCL_ONFAULT) */
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL	/* MAP_NORESERVE: never charged (heuristic overcommit) */
#define VM_SOFTDIRTY	0x08000000UL	/* new since the last clear_refs "4": every page of
					 * it reads soft-dirty (see vma_soft_dirty_enabled) */
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
/* Mappings that never merge and are never locked (Linux's VM_SPECIAL):
 * device memory, and mappings whose size must stay what the driver made it. */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP)

/* A mapping is copy-on-write when private and possibly writable (Linux). */
static inline bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

struct mm_struct {
	pte_t *pgd;			/* the PML4 (Linux's name: pgd) */
	struct rb_root mm_rb;		/* VMAs by address, augmented with free gaps */
	struct vm_area_struct *mmap_cache; /* the VMA find_vma found last, or NULL */
	struct list_head mmap_list;	/* VMAs in address order */
	int map_count;			/* VMAs */
	unsigned long mmap_base;	/* top-down placement starts below this */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;	/* the heap: [start_brk, brk) */
	unsigned long start_stack;
	unsigned long stack_rlimit;	/* RLIMIT_STACK: max stack size in bytes */
	unsigned long total_vm;		/* pages mapped by VMAs */
	unsigned long rss_anon;		/* resident anonymous pages */
	unsigned long rss_file;		/* resident file pages */
	int users;			/* processes sharing it (vfork) */
	unsigned long flags;		/* MMF_*: what prctl set for this address space */
	/* not copied by fork (dup_mm copies start_code..users): */
	unsigned long locked_vm;	/* pages of VM_LOCKED VMAs (kept with total_vm) */
	unsigned long def_flags;	/* VM_* every new VMA gets: mlockall(MCL_FUTURE)'s
					 * VM_LOCKED (and VM_LOCKONFAULT) */
};

/* mm->flags (Linux's MMF_* bits of <linux/sched/coredump.h>, by name). */
#define MMF_HAS_MDWE		BIT(0)	/* PR_MDWE_REFUSE_EXEC_GAIN: no W+X, no new X */
#define MMF_HAS_MDWE_NO_INHERIT	BIT(1)	/* ... and fork and exec drop both */

/* The flags a new address space (fork's copy, exec's new one) takes from
 * the one it comes from: Linux's mmf_init_flags. */
static inline unsigned long mmf_init_flags(unsigned long flags)
{
	if (flags & MMF_HAS_MDWE_NO_INHERIT)
		flags &= ~(MMF_HAS_MDWE | MMF_HAS_MDWE_NO_INHERIT);
	return flags & MMF_HAS_MDWE;
}

struct vm_area_struct {
	unsigned long vm_start;		/* first byte */
	unsigned long vm_end;		/* first byte after */
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;		/* PTE bits for a page of this VMA */
	unsigned long vm_flags;		/* VM_* */
	struct rb_node vm_rb;
	unsigned long rb_subtree_gap;	/* largest free gap below a VMA, in this subtree */
	struct list_head vm_list;	/* mm->mmap_list, address order */
	struct list_head shared;	/* file->i_data.i_mmap: the file's mappings */
	unsigned long vm_pgoff;		/* offset in the file, in pages */
	struct file *vm_file;		/* NULL: anonymous */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	bool anon_vma;			/* has private anonymous pages (Linux: anon_vma != NULL):
					 * set by the first write fault; fork copies only these */
};

/* Soft-dirty tracking (Linux's CONFIG_MEM_SOFT_DIRTY): is it on for this
 * VMA?  A VMA made since the last "echo 4 > /proc/PID/clear_refs" has
 * VM_SOFTDIRTY (mmap, brk, exec's segments; a merge keeps it): all of it
 * counts as written, no fault is needed to say so.  clear_refs clears the
 * flag; from then on a page is soft-dirty only if its PTE is
 * (_PAGE_SOFT_DIRTY), and a PTE without that bit must stay read-only, so
 * that the write that sets it faults: vma_wants_writenotify (mm/mmap.c),
 * can_follow_write_pte (mm/gup.c).  Linux's vma_soft_dirty_enabled. */
static inline bool vma_soft_dirty_enabled(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_SOFTDIRTY);
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/* FAULT_FLAG_*: what the architecture learnt from the error code. */
#define FAULT_FLAG_WRITE	0x01	/* a write access */
#define FAULT_FLAG_USER		0x02	/* from user mode */
#define FAULT_FLAG_INSTRUCTION	0x04	/* an instruction fetch */
#define FAULT_FLAG_REMOTE	0x08	/* from get_user_pages (mm/gup.c): perhaps another mm */
#define FAULT_FLAG_UNSHARE	0x10	/* a pin's read: copy a COW-shared anonymous page,
					 * read-only (do_wp_page); never with WRITE */

/* VM_FAULT_*: what the fault path says happened. */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x0001	/* out of memory: kill the process */
#define VM_FAULT_SIGBUS		0x0002	/* no page there (past a file's end) */
#define VM_FAULT_MAJOR		0x0004	/* had to "read" (never, in a RAM fs) */
#define VM_FAULT_WRITE		0x0008	/* a COW break happened */
#define VM_FAULT_SIGSEGV	0x0040	/* access not allowed after all */
#define VM_FAULT_NOPAGE		0x0100	/* ->fault installed the PTE itself */
#define VM_FAULT_LOCKED		0x0200	/* (Linux: page locked; unused here) */
#define VM_FAULT_RETRY		0x0400	/* (Linux: lock dropped; unused here) */
#define VM_FAULT_DONE_COW	0x1000	/* ->fault did the COW itself */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* One fault, carried from function to function.  The fields above the
 * line are set once in handle_mm_fault and not changed afterwards. */
struct vm_fault {
	struct vm_area_struct *vma;	/* the VMA of the fault */
	unsigned long address;		/* the faulting address, page-aligned */
	unsigned long real_address;	/* the faulting address as CR2 gave it */
	unsigned int flags;		/* FAULT_FLAG_* */
	pgoff_t pgoff;			/* page offset in the VMA's file */
	/* ---- */
	pte_t *pte;			/* the level-1 entry for address */
	pte_t orig_pte;			/* its value at the start of the fault */
	struct page *page;		/* ->fault's page (referenced) */
	struct page *cow_page;		/* do_cow_fault's new page */
};

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	vm_fault_t (*pfn_mkwrite)(struct vm_fault *vmf);
	const char *(*name)(struct vm_area_struct *vma);
};

/* ---- address spaces (mm/mmap.c, mm/vma.c) ---- */
struct mm_struct *mm_alloc(void);		/* empty, with a PML4 sharing the kernel half */
void mmput(struct mm_struct *mm);		/* last user: unmap everything, free it */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
					/* the first VMA with vm_end > addr */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **prev);
struct vm_area_struct *vma_alloc(struct mm_struct *mm);
void vma_free(struct vm_area_struct *vma);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);	/* -ENOMEM on overlap */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
/* Cut vma at addr: the part above addr becomes a new VMA (returned). */
struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				 unsigned long addr);
/* Merge vma with its neighbours when they are compatible and adjacent. */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma);
/* A free range of len bytes, top-down below mm->mmap_base: its start, or -ENOMEM. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len);
void vma_tree_check(struct mm_struct *mm);	/* panics when an invariant is broken */

/* ---- the fault path (mm/memory.c) ---- */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);
pgprot_t vm_get_page_prot(unsigned long vm_flags);

#endif
