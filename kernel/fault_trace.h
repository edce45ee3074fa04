/* kernel/fault_trace.h — what each page fault did: counters per path
 * (/proc/vmstat, always) and, when the trace is on, a ring of the last
 * faults (/proc/faults, gdb's `faults`, the fault-storm check):
 *
 *	fault_trace=0 (default)	off: each trace_fault_*() below costs a test
 *				and a not-taken branch (the counters: one add)
 *	fault_trace=ring	the ring and the storm check, quietly
 *	fault_trace=1		the same, and one console line per fault
 *
 * Linux's tracepoints are off until enabled, and an off tracepoint is a
 * static key: a no-op in the code until patched.  Here one flag, set at
 * boot, tested inline at each call site: the fault path calls the
 * out-of-line recorder (__trace_fault_*) only when the trace is on. */
#ifndef KERNEL_FAULT_TRACE_H
#define KERNEL_FAULT_TRACE_H

#include "kernel/types.h"

enum fault_path {
	FAULT_PATH_NONE,	/* not decided (yet) */
	FAULT_PATH_ANON_ZERO,	/* do_anonymous_page, read: the zero page */
	FAULT_PATH_ANON,	/* do_anonymous_page, write: a new page */
	FAULT_PATH_FILE_READ,	/* do_read_fault */
	FAULT_PATH_FILE_AROUND,	/* do_read_fault: do_fault_around mapped it (->map_pages) */
	FAULT_PATH_FILE_COW,	/* do_cow_fault */
	FAULT_PATH_FILE_SHARED,	/* do_shared_fault */
	FAULT_PATH_WP_REUSE,	/* do_wp_page -> wp_page_reuse */
	FAULT_PATH_WP_COPY,	/* do_wp_page -> wp_page_copy */
	FAULT_PATH_WP_ZERO,	/* do_wp_page -> wp_page_copy of the zero page */
	FAULT_PATH_PFN,		/* ->fault -> vmf_insert_pfn (device memory) */
	FAULT_PATH_PFN_MKWRITE,	/* do_wp_page -> wp_pfn_shared -> ->pfn_mkwrite */
	FAULT_PATH_SPURIOUS,	/* the PTE was already fine */
	FAULT_PATH_STACK_GROW,	/* (counter only; the record's stack_grew) the stack VMA grew */
	FAULT_PATH_SEGV_MAPERR,	/* no VMA: SIGSEGV */
	FAULT_PATH_SEGV_ACCERR,	/* VMA forbids it: SIGSEGV */
	FAULT_PATH_SIGBUS,	/* VM_FAULT_SIGBUS */
	FAULT_PATH_OOM,		/* VM_FAULT_OOM */
	FAULT_PATH_UACCESS_FIXUP, /* a kernel access to a bad user address: -EFAULT */
	FAULT_PATH_GUP,		/* (counter only; the record's gup) get_user_pages faulted it in */
	NR_FAULT_PATHS,
};

struct fault_record {
	int pid;
	unsigned long rip;		/* the instruction that faulted */
	unsigned long address;
	unsigned long error_code;
	unsigned long vm_start, vm_end;	/* the VMA (0, 0: none) */
	enum fault_path path;
	unsigned int result;		/* VM_FAULT_* */
	unsigned int around;		/* pages fault-around mapped besides this one */
	bool stack_grew;		/* expand_stack grew the VMA first */
	bool gup;			/* taken by get_user_pages (mm/gup.c), not by an
					 * instruction: rip is 0, pid is who asked */
};

#define FAULT_RING_SIZE 64
extern unsigned long fault_path_count[NR_FAULT_PATHS];
extern unsigned long vm_event_pgfault, vm_event_pgmajfault;	/* Linux's PGFAULT, PGMAJFAULT */

extern bool fault_trace_enabled;	/* fault_trace=ring or =1: record each fault */
void fault_trace_init(void);		/* read fault_trace= (after cmdline_init) */

void __trace_fault_begin(unsigned long rip, unsigned long address, unsigned long error_code);
void __trace_fault_vma(unsigned long start, unsigned long end);
void __trace_fault_path(enum fault_path path);
void __trace_fault_around(unsigned int pages);
void __trace_fault_end(unsigned int result);

/* do_page_fault's entry: a new record (the fault's instruction, CR2, error code). */
static inline void trace_fault_begin(unsigned long rip, unsigned long address,
				     unsigned long error_code)
{
	if (unlikely(fault_trace_enabled))
		__trace_fault_begin(rip, address, error_code);
}

/* The VMA find_vma gave. */
static inline void trace_fault_vma(unsigned long start, unsigned long end)
{
	if (unlikely(fault_trace_enabled))
		__trace_fault_vma(start, end);
}

/* The path that handled the fault: counted always (/proc/vmstat), recorded when on. */
static inline void trace_fault_path(enum fault_path path)
{
	fault_path_count[path]++;
	if (unlikely(fault_trace_enabled))
		__trace_fault_path(path);
}

/* Pages fault-around mapped besides the faulting one. */
static inline void trace_fault_around(unsigned int pages)
{
	if (unlikely(fault_trace_enabled))
		__trace_fault_around(pages);
}

/* The fault's VM_FAULT_* result: the record is complete (printed with
 * fault_trace=1, then checked for a storm). */
static inline void trace_fault_end(unsigned int result)
{
	if (unlikely(fault_trace_enabled))
		__trace_fault_end(result);
}
const char *fault_path_name(enum fault_path path);
/* The i-th most recent record (0: the last), or NULL. */
const struct fault_record *fault_ring_get(unsigned int i);
size_t format_fault_record(const struct fault_record *r, char *buf, size_t size);
/* The most recent record of process pid, or NULL. */
const struct fault_record *fault_ring_last_of(int pid);

/* A fault storm: one process takes the same fault (address, instruction,
 * error code, path and result) FAULT_STORM_FAULTS times in a row without a
 * system call between, and its result is not a signal: the fault path
 * returned without making the access possible, and the CPU retries it
 * forever.  The console says so (rate-limited), and /proc/vmstat counts
 * the storms (fault_storms), which /bin/runtests watches.  The check reads
 * the ring: it runs when the trace is on (the test boots: fault_trace=ring). */
#define FAULT_STORM_FAULTS 4096
extern unsigned long fault_storms;

#endif
