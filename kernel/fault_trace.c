/* kernel/fault_trace.c — see fault_trace.h. */
#include "kernel/fault_trace.h"
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/irq.h"

KPARAM(fault_trace, "ring: record each page fault (/proc/faults, fault storms); "
		    "1: and print one line per fault (pid, address, error, VMA, path, result)");

bool fault_trace_enabled;		/* see fault_trace.h */
static bool fault_trace_print;		/* fault_trace=1: a console line per fault */

unsigned long fault_path_count[NR_FAULT_PATHS];
unsigned long vm_event_pgfault, vm_event_pgmajfault;
static struct fault_record ring[FAULT_RING_SIZE];
static unsigned long ring_next;			/* records written so far */
static struct fault_record *cur;
unsigned long fault_storms;
static void check_fault_storm(const struct fault_record *r);

static const char *const path_names[NR_FAULT_PATHS] = {
	[FAULT_PATH_NONE] = "none",
	[FAULT_PATH_ANON_ZERO] = "anon-zero-page",
	[FAULT_PATH_ANON] = "anon-new-page",
	[FAULT_PATH_FILE_READ] = "file-read",
	[FAULT_PATH_FILE_AROUND] = "file-read-around",
	[FAULT_PATH_FILE_COW] = "file-private-cow",
	[FAULT_PATH_FILE_SHARED] = "file-shared-write",
	[FAULT_PATH_WP_REUSE] = "wp-reuse",
	[FAULT_PATH_WP_COPY] = "wp-copy",
	[FAULT_PATH_WP_ZERO] = "wp-zero-page-copy",
	[FAULT_PATH_PFN] = "pfn-insert",
	[FAULT_PATH_PFN_MKWRITE] = "pfn-mkwrite",
	[FAULT_PATH_SPURIOUS] = "spurious",
	[FAULT_PATH_STACK_GROW] = "stack-grow",
	[FAULT_PATH_SEGV_MAPERR] = "sigsegv-maperr",
	[FAULT_PATH_SEGV_ACCERR] = "sigsegv-accerr",
	[FAULT_PATH_SIGBUS] = "sigbus",
	[FAULT_PATH_OOM] = "oom",
	[FAULT_PATH_UACCESS_FIXUP] = "uaccess-efault",
	[FAULT_PATH_GUP] = "gup",
};

const char *fault_path_name(enum fault_path path)
{
	return path < NR_FAULT_PATHS ? path_names[path] : "?";
}

/* Read once at boot: the fault path only tests fault_trace_enabled. */
void fault_trace_init(void)
{
	const char *v = cmdline_get("fault_trace");
	bool ring = v && strcmp(v, "ring") == 0;
	fault_trace_print = cmdline_flag("fault_trace") && !ring;	/* 1, or a bare flag */
	fault_trace_enabled = ring || fault_trace_print;
}

void __trace_fault_begin(unsigned long rip, unsigned long address, unsigned long error_code)
{
	cur = &ring[ring_next++ % FAULT_RING_SIZE];
	*cur = (struct fault_record){ current->pid, rip, address, error_code, 0, 0, FAULT_PATH_NONE,
				      0, 0, false, false };
}

void __trace_fault_vma(unsigned long start, unsigned long end)
{
	if (cur) {
		cur->vm_start = start;
		cur->vm_end = end;
	}
}

void __trace_fault_path(enum fault_path path)
{
	if (cur && path == FAULT_PATH_STACK_GROW)
		cur->stack_grew = true;		/* and then the path that mapped the page */
	else if (cur && path == FAULT_PATH_GUP)
		cur->gup = true;		/* likewise */
	else if (cur && cur->path == FAULT_PATH_NONE)
		cur->path = path;
}

void __trace_fault_around(unsigned int pages)
{
	if (cur)
		cur->around = pages;
}

void __trace_fault_end(unsigned int result)
{
	if (!cur)
		return;
	cur->result = result;
	if (fault_trace_print) {
		char line[160];
		format_fault_record(cur, line, sizeof(line));
		printk("%s", line);
	}
	check_fault_storm(cur);
	cur = NULL;
}

/* Paths whose result is a signal or -EFAULT: a program may repeat those on
 * purpose (a SIGSEGV handler that retries, a fuzzer's bad pointers). */
static bool fault_path_is_error(enum fault_path path)
{
	return path == FAULT_PATH_SEGV_MAPERR || path == FAULT_PATH_SEGV_ACCERR ||
	       path == FAULT_PATH_SIGBUS || path == FAULT_PATH_OOM ||
	       path == FAULT_PATH_UACCESS_FIXUP;
}

/* Is r the FAULT_STORM_FAULTS-th time in a row its process took this very
 * fault (see fault_trace.h)?  Then say which, once per storm.  It runs on
 * every fault: r is compared with the ring's record before it (no copy),
 * the address first (what differs most often); the rest waits for the
 * count (make bench: a few instructions a fault). */
static void check_fault_storm(const struct fault_record *r)
{
	static struct ratelimit_state rs = RATELIMIT_STATE_INIT("fault storm", 5 * HZ, 5);
	static unsigned long repeats, syscalls;
	const struct fault_record *prev = &ring[(ring_next - 2) % FAULT_RING_SIZE];

	if (r->address != prev->address || r->rip != prev->rip || r->pid != prev->pid ||
	    r->result != prev->result || r->path != prev->path ||
	    r->error_code != prev->error_code || current->nr_syscalls != syscalls) {
		repeats = 1;
		syscalls = current->nr_syscalls;
		return;
	}
	if (++repeats != FAULT_STORM_FAULTS || fault_path_is_error(r->path))
		return;
	fault_storms++;
	if (!__ratelimit(&rs))
		return;
	printk(KERN_WARNING "fault storm: pid %d (%s) took the same fault %d times in a row: "
	       "addr %lx rip %lx err %lx vma %lx-%lx, path %s, result %x each time\n",
	       r->pid, current->comm, FAULT_STORM_FAULTS, r->address, r->rip, r->error_code,
	       r->vm_start, r->vm_end, fault_path_name(r->path), r->result);
	printk(KERN_WARNING "fault storm: the fault path returned without making this access "
	       "possible (is the PTE set, and writable for a write?): the CPU retries it forever\n");
}

/* One line: "fault: pid 1 rip 401000 addr 401000 err 14 vma 401000-405000
 * file-read-around result 100 around 3"; a fault that grew the stack first
 * says so after its path: "anon-new-page+stack-grow"; one get_user_pages
 * took (rip 0): "wp-copy+gup". */
size_t format_fault_record(const struct fault_record *r, char *buf, size_t size)
{
	int n = snprintf(buf, size, "fault: pid %d rip %lx addr %lx err %lx vma %lx-%lx %s%s%s result %x "
			 "around %u\n", r->pid, r->rip, r->address, r->error_code, r->vm_start,
			 r->vm_end, fault_path_name(r->path), r->stack_grew ? "+stack-grow" : "",
			 r->gup ? "+gup" : "", r->result, r->around);
	return MIN((size_t)n, size);
}

const struct fault_record *fault_ring_last_of(int pid)
{
	for (unsigned int i = 0; i < FAULT_RING_SIZE; i++) {
		const struct fault_record *r = fault_ring_get(i);
		if (!r)
			break;
		if (r->pid == pid)
			return r;
	}
	return NULL;
}

const struct fault_record *fault_ring_get(unsigned int i)
{
	if (i >= FAULT_RING_SIZE || i >= ring_next)
		return NULL;
	return &ring[(ring_next - 1 - i) % FAULT_RING_SIZE];
}
