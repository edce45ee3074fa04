/* tests/kernel/fault_trace_test.c — suite `fault_trace`: the fault-storm
 * check of kernel/fault_trace.c, fed with made-up faults (as
 * do_page_fault reports them: begin, path, end).  A storm is the same
 * fault FAULT_STORM_FAULTS times in a row, not a signal, with no system
 * call between; the console's warning is checked by the ktest boot
 * (tests/boots.py: "fault storm: pid 0 (...)").  The cases turn the trace
 * on for their made-up faults (the ktest boot has fault_trace=0), and one
 * checks what fault_trace=0 leaves out. */
#include "kernel/ktest.h"
#include "kernel/fault_trace.h"
#include "kernel/proc.h"

#define ADDR	0x7ffffffde000UL
#define RIP	0x401234UL

/* One fault at addr taking path with result, reported as do_page_fault does. */
static void fault(unsigned long addr, enum fault_path path, unsigned int result)
{
	trace_fault_begin(RIP, addr, 7);
	trace_fault_vma(addr, addr + 0x1000);
	trace_fault_path(path);
	trace_fault_end(result);
}

/* n such faults with the trace on (fault_trace=ring: the storm check reads
 * the ring), whatever this boot's option says. */
static void faults(unsigned long addr, enum fault_path path, unsigned int result, int n)
{
	bool was = fault_trace_enabled;
	fault_trace_enabled = true;
	for (int i = 0; i < n; i++)
		fault(addr, path, result);
	fault_trace_enabled = was;
}

/* fault_trace=0: nothing reaches the ring (nor the storm check), but the
 * per-path counters of /proc/vmstat still count. */
static void off_counts_but_records_nothing(struct ktest *t)
{
	bool was = fault_trace_enabled;
	faults(ADDR, FAULT_PATH_ANON, 0, 1);		/* a known last record */
	const struct fault_record *last = fault_ring_get(0);
	KASSERT_TRUE(t, last != NULL);
	unsigned long storms = fault_storms, anon = fault_path_count[FAULT_PATH_ANON];
	fault_trace_enabled = false;
	for (int i = 0; i < FAULT_STORM_FAULTS; i++)
		fault(ADDR + 0x1000, FAULT_PATH_SPURIOUS, 0);
	fault(ADDR + 0x2000, FAULT_PATH_ANON, 0);
	fault_trace_enabled = was;
	KEXPECT_TRUE(t, fault_ring_get(0) == last);
	KEXPECT_EQ(t, fault_ring_get(0)->address, ADDR);
	KEXPECT_EQ(t, fault_path_count[FAULT_PATH_ANON], anon + 1);
	KEXPECT_EQ(t, fault_storms, storms);
}

static void storm_is_counted_once(struct ktest *t)
{
	unsigned long before = fault_storms;
	faults(ADDR, FAULT_PATH_WP_REUSE, 0, FAULT_STORM_FAULTS - 1);
	KEXPECT_EQ(t, fault_storms, before);
	faults(ADDR, FAULT_PATH_WP_REUSE, 0, 1);
	KEXPECT_EQ(t, fault_storms, before + 1);
	faults(ADDR, FAULT_PATH_WP_REUSE, 0, FAULT_STORM_FAULTS);	/* the same storm */
	KEXPECT_EQ(t, fault_storms, before + 1);
}

static void other_fault_between_is_no_storm(struct ktest *t)
{
	unsigned long before = fault_storms;
	for (int i = 0; i < 2 * FAULT_STORM_FAULTS; i++)
		faults(ADDR + (i & 1) * 0x1000, FAULT_PATH_WP_REUSE, 0, 1);
	KEXPECT_EQ(t, fault_storms, before);
}

static void syscall_between_is_no_storm(struct ktest *t)
{
	unsigned long before = fault_storms;
	for (int i = 0; i < 2 * FAULT_STORM_FAULTS; i++) {
		faults(ADDR, FAULT_PATH_ANON, 0, 1);
		current->nr_syscalls++;		/* as a loop of touch, madvise would */
	}
	KEXPECT_EQ(t, fault_storms, before);
}

static void signals_are_no_storm(struct ktest *t)
{
	unsigned long before = fault_storms;
	faults(ADDR, FAULT_PATH_SEGV_MAPERR, 0, 2 * FAULT_STORM_FAULTS);	/* a handler retrying */
	faults(ADDR, FAULT_PATH_UACCESS_FIXUP, 0, 2 * FAULT_STORM_FAULTS);	/* -EFAULT */
	KEXPECT_EQ(t, fault_storms, before);
}

KTEST_SUITE(fault_trace,
	    KTEST_CASE(storm_is_counted_once),
	    KTEST_CASE(other_fault_between_is_no_storm),
	    KTEST_CASE(syscall_between_is_no_storm),
	    KTEST_CASE(signals_are_no_storm),
	    KTEST_CASE(off_counts_but_records_nothing));
