/* tests/user/cow.h — what the cow_* tests (fork's copy-on-write) share,
 * beside check.h: pages stamped so that whose copy a page is can be read
 * back, the cost of a fork measured, and two processes taking turns.
 *
 *	static const struct check checks[] = {
 *		CHECK("the child sees the parent's data", child_sees_data),
 *		FAULTLINE_ONLY("... and reuses the pages", parent_reuses, WHY_VMSTAT),
 *		...
 *	};
 *	int main(void) { return run_checks(checks, NCHECKS(checks)); }
 *
 * A check that needs one big set-up (cow_big) is a table of steps instead,
 * run in order in one process by run_steps().
 *
 * The cost of a fork is measured in minor faults (getrusage, in the
 * process that takes them), faultline's per-path counters in /proc/vmstat
 * (fault_wp_copy, fault_wp_reuse, ...) and MemFree.  Every check reaps
 * every child it starts (reap): in faultline an orphan goes to PID 1, the
 * runner, and its pages would count as leaked. */
#ifndef TESTS_USER_COW_H
#define TESTS_USER_COW_H

#include "check.h"
#include <sched.h>
#include <time.h>

#define COW_UNUSED	__attribute__((unused))
#define PAGE		4096UL

/* Why a faultline-only check is skipped on Linux. */
#define WHY_VMSTAT	"faultline only: Linux's /proc/vmstat has no per-path fault counters"
#define WHY_MEMFREE	"faultline only: Linux's MemFree moves for reasons of its own"

/* ---- memory -------------------------------------------------------------- */

/* npages of read-write anonymous memory (check.h's map_pages: no huge pages). */
static COW_UNUSED char *map_private(unsigned long npages)
{
	return map_pages(npages, PROT_READ | PROT_WRITE, MAP_PRIVATE);
}

static COW_UNUSED char *map_shared(unsigned long npages)
{
	return map_pages(npages, PROT_READ | PROT_WRITE, MAP_SHARED);
}

/* What the stamp of page i says: who wrote it (tag) and which page it is. */
static inline unsigned long stamp_word(unsigned long tag, unsigned long i, unsigned long w)
{
	return tag << 48 | i << 16 | w;
}

/* Fill every word of pages [0, n) of p with stamp_word(tag, page, word). */
static COW_UNUSED void stamp_pages(char *p, unsigned long n, unsigned long tag)
{
	for (unsigned long i = 0; i < n; i++) {
		volatile unsigned long *w = (volatile unsigned long *)(p + i * PAGE);
		for (unsigned long k = 0; k < PAGE / sizeof(long); k++)
			w[k] = stamp_word(tag, i, k);
	}
}

/* 1 if every word of pages [first, first + n) of p holds tag's stamp;
 * else a diagnostic naming the first page that does not, and what it holds. */
static COW_UNUSED int stamped_range(const char *p, unsigned long first, unsigned long n,
				    unsigned long tag, const char *who)
{
	for (unsigned long i = first; i < first + n; i++) {
		const volatile unsigned long *w = (const volatile unsigned long *)(p + i * PAGE);
		for (unsigned long k = 0; k < PAGE / sizeof(long); k++)
			if (w[k] != stamp_word(tag, i, k)) {
				diag("%s: page %lu word %lu is %#lx, want %#lx (tag %#lx)", who,
				     i, k, w[k], stamp_word(tag, i, k), tag);
				return 0;
			}
	}
	return 1;
}

/* The same for pages [0, n). */
static COW_UNUSED int stamped(const char *p, unsigned long n, unsigned long tag, const char *who)
{
	return stamped_range(p, 0, n, tag, who);
}

/* Write one byte (v) at the start of each of pages [0, n) of p. */
static COW_UNUSED void write_bytes(char *p, unsigned long n, char v)
{
	for (unsigned long i = 0; i < n; i++)
		((volatile char *)p)[i * PAGE] = v;
}

/* 1 if the first byte of each of pages [0, n) is v; else a diagnostic. */
static COW_UNUSED int bytes_are(const char *p, unsigned long n, char v, const char *who)
{
	for (unsigned long i = 0; i < n; i++) {
		char got = ((const volatile char *)p)[i * PAGE];
		if (got != v) {
			diag("%s: page %lu holds %d (%#x), want %d (%#x)", who, i, got,
			     (unsigned char)got, v, (unsigned char)v);
			return 0;
		}
	}
	return 1;
}

/* ---- counting what faults did -------------------------------------------- */

/* A snapshot of the counters: ours (ru_minflt) and faultline's, from
 * /proc/vmstat (-1 where the line is missing, as on Linux). */
struct counts {
	long minflt;
	long wp_copy;		/* do_wp_page -> wp_page_copy: a page copied */
	long wp_reuse;		/* do_wp_page -> wp_page_reuse: made writable in place */
	long file_cow;		/* do_cow_fault: a private write to a file page not mapped */
	long shared_write;	/* do_shared_fault */
};

/* Take the snapshot: /proc/vmstat is read once, into a static buffer (so
 * that after the first time, reading it maps nothing new). */
static COW_UNUSED void counts_now(struct counts *c)
{
	static char vmstat[4096];
	if (read_file("/proc/vmstat", vmstat, sizeof(vmstat)) < 0)
		vmstat[0] = 0;
	c->minflt = minflt();
	c->wp_copy = proc_field(vmstat, "fault_wp_copy");
	c->wp_reuse = proc_field(vmstat, "fault_wp_reuse");
	c->file_cow = proc_field(vmstat, "fault_file_private_cow");
	c->shared_write = proc_field(vmstat, "fault_file_shared_write");
}

/* What op(p, n, v) cost, in *d (after - before).  Before measuring, op runs
 * once on a scratch page of our own, and the counters are read once: the
 * code, the stack and the buffers that measuring touches are then mapped
 * and writable (after fork, each of them takes a fault of its own the first
 * time: Linux maps even the code of a child only when it is touched). */
typedef void (*page_op)(char *p, unsigned long n, char v);

static COW_UNUSED void measure(struct counts *d, page_op op, char *p, unsigned long n, char v)
{
	static char *scratch;
	struct counts before, after;
	if (!scratch)
		scratch = map_private(1);
	if (scratch)
		op(scratch, 1, v);
	counts_now(&after);
	/* The per-path counters are global: let the processes we share pages
	 * with run first.  A parent just back from fork writes its stack on
	 * its way to waitpid, and once we have copied a page it is the sole
	 * mapper of the original: its write is a fault_wp_reuse, which a
	 * timer tick inside our window used to count as ours (a rare failure
	 * of cow_chain's "the top reuses"). */
	sched_yield();
	sched_yield();
	counts_now(&before);
	op(p, n, v);
	counts_now(&after);
	d->minflt = after.minflt - before.minflt;
	d->wp_copy = after.wp_copy - before.wp_copy;
	d->wp_reuse = after.wp_reuse - before.wp_reuse;
	d->file_cow = after.file_cow - before.file_cow;
	d->shared_write = after.shared_write - before.shared_write;
}

/* Read the first byte of each page (op for measure: v is unused). */
static COW_UNUSED void read_bytes(char *p, unsigned long n, char v)
{
	(void)v;
	for (unsigned long i = 0; i < n; i++)
		(void)((volatile char *)p)[i * PAGE];
}

/* ---- taking turns: a shared page of flags -------------------------------- */

/* Two processes take turns through words of a MAP_SHARED|MAP_ANONYMOUS
 * page: one sets a word (turn_give), the other waits until it has that
 * value (turn_wait), yielding the CPU meanwhile.  5 s without it: 0 and a
 * diagnostic (a test never hangs on a lost turn). */
static COW_UNUSED volatile int *turns_new(void)
{
	return (volatile int *)map_shared(1);
}

static COW_UNUSED void turn_give(volatile int *turns, int which, int value)
{
	turns[which] = value;
}

static COW_UNUSED int turn_wait(volatile int *turns, int which, int value)
{
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (turns[which] != value) {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > 5) {
			diag("pid %d: turn %d never became %d (it is %d)", getpid(), which,
			     value, turns[which]);
			return 0;
		}
	}
	return 1;
}

#endif
