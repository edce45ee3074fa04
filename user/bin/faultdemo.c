/* faultdemo — touch memory in each way the fault path knows, one access at a
 * time, and show after each what the kernel did.
 *
 *     faultdemo
 *
 * On faultline every step prints the new lines of /proc/faults (the
 * fault-trace ring, kept with fault_trace=ring or =1) that belong to this
 * process, e.g.
 *
 *     step 3: write after read
 *       the page of step 1 is written: the zero page is copied
 *       (do_wp_page -> wp_page_copy)
 *         fault: pid 3 rip 4012c8 addr 7ffff7ffb000 err 7 vma 7ffff7ffb000-7ffff7fff000
 *                wp-zero-page-copy result 8 around 0          (one line)
 *         counted: ru_minflt +1, pgfault +1, fault_wp_zero_page_copy +1
 *
 * and then what was counted: this process's minor faults (getrusage), the
 * pgfault counter of /proc/vmstat and faultline's fault_<path> counters
 * that moved.  On Linux (no /proc/faults) only the counts: there pgfault is
 * the whole system's, so it can be more.
 *
 * The ring has no sequence numbers, so "new" is found by overlap: the last
 * snapshot, minus some oldest lines, is a prefix of the new one; whatever
 * follows that prefix happened since.  Every buffer is touched once before
 * the first step, so that reading /proc does not fault in between. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define PAGE		4096UL
#define FILE_PAGES	16		/* the scratch file: 16 pages */
#define AROUND		65536UL		/* fault_around_bytes, Linux's and faultline's default */
#define STACK_REACH	(256 * 1024UL)	/* how far below the stack pointer step 10 writes */
#define MAX_LINES	256

/* A whole /proc file split into lines (in place). */
struct snapshot {
	char text[16384];
	char *line[MAX_LINES];
	int n;
};

static struct snapshot ring_a, ring_b;	/* /proc/faults: previous and current */
static struct snapshot *ring_old = &ring_a, *ring_new = &ring_b;
static struct snapshot vm_a, vm_b;	/* /proc/vmstat: previous and current */
static struct snapshot *vm_old = &vm_a, *vm_new = &vm_b;
static int have_ring;			/* faultline: /proc/faults exists */
static long minflt_old;
static int pid;

/* Reads path into s (NUL-terminated, split at '\n'); 0, or -1 if it cannot be opened. */
static int snap(const char *path, struct snapshot *s)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	s->n = 0;
	s->text[0] = 0;
	if (fd < 0)
		return -1;
	while (len < sizeof(s->text) - 1 && (r = read(fd, s->text + len, sizeof(s->text) - 1 - len))) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		len += r;
	}
	close(fd);
	s->text[len] = 0;
	for (char *p = s->text; *p && s->n < MAX_LINES;) {
		char *nl = strchr(p, '\n');
		s->line[s->n++] = p;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
	return 0;
}

/* The value of counter name in a /proc/vmstat snapshot, or -1. */
static long counter(const struct snapshot *s, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < s->n; i++)
		if (!strncmp(s->line[i], name, len) && s->line[i][len] == ' ')
			return strtol(s->line[i] + len + 1, NULL, 10);
	return -1;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* The pid field of a /proc/faults line ("fault: pid 3 rip ..."), or -1. */
static int line_pid(const char *l)
{
	return strncmp(l, "fault: pid ", 11) ? -1 : atoi(l + 11);
}

/* Index in the new ring snapshot of its first line that the old one did not
 * have: the smallest d with old[d..] a prefix of new. */
static int first_new_line(const struct snapshot *old, const struct snapshot *new)
{
	for (int d = 0; d < old->n; d++) {
		int keep = old->n - d, i;

		if (keep > new->n)
			continue;
		for (i = 0; i < keep && !strcmp(old->line[d + i], new->line[i]); i++)
			;
		if (i == keep)
			return keep;
	}
	return 0;				/* nothing in common: the ring wrapped */
}

/* Takes the "before" picture: fault ring, vmstat counters, ru_minflt. */
static void take_before(void)
{
	if (have_ring)
		snap("/proc/faults", ring_old);
	snap("/proc/vmstat", vm_old);
	minflt_old = minor_faults();
}

/* Prints what changed since take_before(), then takes the next "before". */
static void show(const char *label)
{
	long minflt = minor_faults();
	char sum[512];
	int n = 0;

	if (label)
		printf("  %s:\n", label);
	snap("/proc/vmstat", vm_new);
	if (have_ring) {
		snap("/proc/faults", ring_new);
		int shown = 0;
		for (int i = first_new_line(ring_old, ring_new); i < ring_new->n; i++)
			if (line_pid(ring_new->line[i]) == pid) {
				printf("    %s\n", ring_new->line[i]);
				shown++;
			}
		if (!shown)
			printf("    (no fault)\n");
	}
	n += snprintf(sum + n, sizeof(sum) - n, "    counted: ru_minflt %+ld", minflt - minflt_old);
	long pg_old = counter(vm_old, "pgfault"), pg_new = counter(vm_new, "pgfault");
	if (pg_old >= 0 && pg_new >= 0)
		n += snprintf(sum + n, sizeof(sum) - n, ", pgfault %+ld%s", pg_new - pg_old,
			      have_ring ? "" : " (whole system)");
	/* faultline's per-path counters: they also name what the ring line
	 * cannot, e.g. fault_stack_grow next to the fault's own path. */
	for (int i = 0; i < vm_new->n && n < (int)sizeof(sum); i++) {
		const char *l = vm_new->line[i];
		size_t len = strcspn(l, " ");
		char name[64];

		if (strncmp(l, "fault_", 6) || len >= sizeof(name) || !l[len])
			continue;
		memcpy(name, l, len);
		name[len] = 0;
		long d = strtol(l + len + 1, NULL, 10) - counter(vm_old, name);
		if (d)
			n += snprintf(sum + n, sizeof(sum) - n, ", %s %+ld", name, d);
	}
	printf("%s\n", sum);
	fflush(stdout);
	struct snapshot *t = ring_old;		/* the new picture is the next "before" */
	ring_old = ring_new;
	ring_new = t;
	t = vm_old;
	vm_old = vm_new;
	vm_new = t;
	minflt_old = minor_faults();
}

/* Prints a step's header, then takes the "before" picture. */
static void step(int nr, const char *what, const char *why)
{
	printf("\nstep %d: %s\n  %s\n", nr, what, why);
	fflush(stdout);
	take_before();
}

/* The [stack] line of /proc/self/maps (into a static buffer), or "?". */
static const char *stack_line(void)
{
	static struct snapshot maps;

	snap("/proc/self/maps", &maps);
	for (int i = 0; i < maps.n; i++)
		if (strstr(maps.line[i], "[stack]"))
			return maps.line[i];
	return "?";
}

/* --- the scratch file and its mappings ------------------------------------ */

static char scratch[128];

/* A 16-page file in /tmp (or the working directory if there is none), each
 * page filled with its own letter; an open fd, or -1. */
static int make_scratch(void)
{
	static char page[PAGE];
	struct stat st;
	const char *dir = stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) ? "/tmp/" : "";
	int fd;

	snprintf(scratch, sizeof(scratch), "%sfaultdemo.%d", dir, pid);
	fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	for (int i = 0; i < FILE_PAGES; i++) {
		memset(page, 'A' + i, sizeof(page));
		if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page)) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* Maps the scratch file at a 64 KiB-aligned address, so that fault-around's
 * window (fault_around_bytes, aligned) covers all 16 pages; NULL on failure. */
static char *map_scratch(int prot, int flags, int fd)
{
	size_t len = FILE_PAGES * PAGE;
	char *res = mmap(NULL, len + AROUND, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;

	if (res == MAP_FAILED)
		return NULL;
	p = (char *)(((unsigned long)res + AROUND - 1) & ~(AROUND - 1));
	if (p > res)
		munmap(res, p - res);
	if (p + len < res + len + AROUND)
		munmap(p + len, res + len + AROUND - (p + len));
	if (mmap(p, len, prot, flags | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

/* --- SIGSEGV, caught ------------------------------------------------------ */

static sigjmp_buf segv_env;
static volatile int segv_code;
static void *volatile segv_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	segv_code = si->si_code;
	segv_addr = si->si_addr;
	siglongjmp(segv_env, 1);
}

/* Runs one access that should fault with SIGSEGV; prints what the handler saw. */
static void segv_step(volatile char *p, int write_it)
{
	segv_code = -1;
	if (!sigsetjmp(segv_env, 1)) {
		if (write_it)
			*p = 1;
		else
			(void)*p;
	}
	show(NULL);
	if (segv_code < 0)
		printf("    no SIGSEGV?\n");
	else
		printf("    handler: SIGSEGV si_code %d (%s) si_addr %p\n", segv_code,
		       segv_code == SEGV_MAPERR ? "SEGV_MAPERR" :
		       segv_code == SEGV_ACCERR ? "SEGV_ACCERR" : "?", segv_addr);
	fflush(stdout);
}

/* Touches the stack STACK_REACH below where it is now (no function call in
 * between, so nothing else moves the stack pointer). */
static void stack_step(void)
{
	unsigned long sp;

	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	volatile char *far = (volatile char *)((sp - STACK_REACH) & ~(PAGE - 1));
	printf("    before: %s\n", stack_line());
	take_before();
	*far = 1;
	show(NULL);
	printf("    after:  %s\n", stack_line());
}

/* Touches `depth` KiB of stack, so that later calls do not grow it mid-step. */
static void warm_stack(int depth)
{
	volatile char pad[1024];

	pad[0] = 0;
	if (depth > 1)
		warm_stack(depth - 1);
	pad[sizeof(pad) - 1] = 0;
}

int main(void)
{
	struct sigaction sa = { 0 };
	volatile char *anon, *priv, *priv2, *shared, *ro;
	int fd;

	pid = getpid();
	/* the snapshot buffers, all of them (a snapshot read later may be
	 * longer than the first): no fault of ours in the middle of a step */
	memset(&ring_a, 0, sizeof(ring_a));
	memset(&ring_b, 0, sizeof(ring_b));
	memset(&vm_a, 0, sizeof(vm_a));
	memset(&vm_b, 0, sizeof(vm_b));
	have_ring = snap("/proc/faults", ring_old) == 0;
	printf("faultdemo: pid %d; one access per step, then what the kernel did\n", pid);
	if (have_ring && ring_old->n == 0) {	/* our own start faulted: the trace is off */
		printf("  (/proc/faults is empty: the fault trace is off; boot with\n"
		       "  CMDLINE=fault_trace=ring, or fault_trace=1 for console lines too)\n");
		have_ring = 0;
	} else if (have_ring)
		printf("  (the new lines of /proc/faults for this pid; err is the x86 error\n"
		       "  code, in hex: 1 present, 2 write, 4 user mode, 10 instruction fetch)\n");
	else
		printf("  (no /proc/faults: Linux; getrusage and /proc/vmstat deltas only)\n");

	/* Everything the steps use, touched now: stack, stdout, buffers. */
	warm_stack(24);
	snap("/proc/faults", ring_new);
	snap("/proc/vmstat", vm_old);
	snap("/proc/vmstat", vm_new);
	(void)stack_line();
	(void)minor_faults();
	fd = make_scratch();
	if (fd < 0) {
		fprintf(stderr, "faultdemo: cannot write %s: %s\n", scratch, strerror(errno));
		return 1;
	}
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	anon = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	priv = map_scratch(PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);
	priv2 = map_scratch(PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);
	shared = map_scratch(PROT_READ | PROT_WRITE, MAP_SHARED, fd);
	if (anon == MAP_FAILED || ro == MAP_FAILED || !priv || !priv2 || !shared) {
		fprintf(stderr, "faultdemo: mmap: %s\n", strerror(errno));
		unlink(scratch);
		return 1;
	}
	printf("  anonymous memory at %p; %s mapped three times:\n"
	       "  private at %p, private at %p, shared at %p\n", anon, scratch, priv, priv2, shared);

	step(1, "anonymous read", "a fresh anonymous page is read: the shared zero page is mapped\n"
	     "  read-only (do_anonymous_page)");
	(void)anon[0];
	show(NULL);

	step(2, "anonymous write", "the first touch is a write: a new zeroed page is mapped writable\n"
	     "  (do_anonymous_page)");
	anon[PAGE] = 1;
	show(NULL);

	step(3, "write after read", "the page of step 1 is written: the zero page is copied\n"
	     "  (do_wp_page -> wp_page_copy)");
	anon[0] = 1;
	show(NULL);

	step(4, "file read with fault-around", "page 0 of the private file mapping is read: do_read_fault;\n"
	     "  do_fault_around maps the cached neighbours read-only (->map_pages)");
	(void)priv[0];
	show(NULL);

	step(5, "read the other 15 pages", "fault-around mapped them in step 4: no fault");
	for (int i = 1; i < FILE_PAGES; i++)
		(void)priv[i * PAGE];
	show(NULL);

	step(6, "private write to a mapped file page (COW)", "the page is mapped read-only: do_wp_page -> wp_page_copy gives\n"
	     "  this process its own copy; the file is unchanged");
	priv[0] = 'a';
	show(NULL);

	step(7, "private write to an untouched file page (COW)", "no PTE yet: do_cow_fault reads the page (->fault) and maps a\n"
	     "  private copy of it");
	priv2[2 * PAGE] = 'c';
	show(NULL);

	step(8, "shared write", "no PTE yet: do_shared_fault (->fault, then ->page_mkwrite) maps\n"
	     "  the page cache page itself, writable and dirty");
	shared[0] = 'a';
	show(NULL);

	step(9, "shared read, then write (mkwrite)", "the read maps the page read-only (write-notify); the write\n"
	     "  calls do_wp_page -> ->page_mkwrite, then wp_page_reuse");
	(void)shared[8 * PAGE];
	show("the read");
	shared[8 * PAGE] = 'i';
	show("the write");

	step(10, "stack growth", "a write 256 KiB below the stack pointer, under the stack VMA:\n"
	     "  expand_stack, then do_anonymous_page");
	stack_step();

	step(11, "SIGSEGV: no mapping", "a read of address 0x10: find_vma finds nothing: "
	     "SIGSEGV, si_code SEGV_MAPERR");
	segv_step((volatile char *)0x10, 0);

	step(12, "SIGSEGV: not allowed", "a write to a PROT_READ mapping: access_error: "
	     "SIGSEGV, si_code SEGV_ACCERR");
	segv_step(ro, 1);

	munmap((void *)anon, 4 * PAGE);
	munmap((void *)ro, PAGE);
	munmap((void *)priv, FILE_PAGES * PAGE);
	munmap((void *)priv2, FILE_PAGES * PAGE);
	munmap((void *)shared, FILE_PAGES * PAGE);
	close(fd);
	unlink(scratch);
	printf("\nfaultdemo: done\n");
	return 0;
}
