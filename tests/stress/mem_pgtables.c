/* tests/stress/mem_pgtables.c — page tables until RAM runs out.
 *
 * One byte read every 2 MiB of a huge mapping costs a whole page table
 * (4 KiB) per touch, and a page directory per GiB: the reads map the
 * shared zero page and cost nothing else, so only the tables fill memory.
 * When the fault path cannot allocate a table (handle_mm_fault's walk),
 * VM_FAULT_OOM kills the reader; its exit frees every table (about 60 000
 * with 256 MiB).  Without the exit, munmap frees the tables it leaves
 * empty.  runtests checks MemFree and /proc/mm_audit after the program.
 * (Writes, a data page beside each table, add nothing: mem_anon fills
 * RAM with data pages.)
 *
 * The exit takes long (seconds under TCG): zapping a VMA walks every slot
 * of every page table from the PML4 down (for_each_pte, mm/pgtable.c),
 * 512 walks per table, where Linux's zap_pte_range steps through a table
 * it has found.
 *
 * Hostile: it exhausts the machine's memory, so it runs only inside
 * faultline (require_faultline; tests/hostile.h). */
#include "stress.h"

#define HUGE_LEN	(512 * GiB)	/* room for 262144 page tables: 1 GiB of them */

/* Read one byte per 2 MiB of HUGE_LEN: killed by the OOM killer long
 * before the end (exit 0: it got there; 2: no mmap). */
static int read_touches(void)
{
	char *p = mmap(NULL, HUGE_LEN, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 2;
	for (unsigned long off = 0; off < HUGE_LEN; off += PT_SPAN)
		(void)*(volatile char *)(p + off);
	return 0;
}

static int tables_until_oom(void)
{
	int status = run_in_child(read_touches);
	return expect(oom_killed(status), "reader: wait status %#x, want SIGKILL (OOM)", status) &
	       kernel_alive("page tables");
}

/* 8192 tables (32 MiB) made by reads, then munmap: the frames come back in
 * this process, tables included (all but a few for kmalloc's slabs and our
 * own first touches). */
static int munmap_frees_tables(void)
{
	const unsigned long n = 8192, len = n * PT_SPAN;
	long before = mem_free_kb();
	char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT(p != MAP_FAILED);
	for (unsigned long off = 0; off < len; off += PT_SPAN)
		(void)*(volatile char *)(p + off);
	long full = mem_free_kb();
	EXPECT_EQ(munmap(p, len), 0);
	long after = mem_free_kb();
	return expect(before - full >= (long)n * 4, "the touches took %ld kB, want over %lu kB",
		      before - full, n * 4) &
	       expect(before - after <= 8 * 4, "%ld kB not back after munmap (of %ld kB)",
		      before - after, before - full);
}

static const struct check checks[] = {
	CHECK("a read every 2 MiB of 512 GiB: page tables fill RAM, the reader is OOM-killed",
	      tables_until_oom),
	CHECK("munmap of 16 GiB touched every 2 MiB gives its 8192 page tables back",
	      munmap_frees_tables),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}
