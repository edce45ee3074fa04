/* faultpaths — touch memory once in each way the fault path knows, in
 * order, saying before each step what it does and which function of
 * mm/memory.c will handle it.  Every mapping is at a fixed address
 * (MAP_FIXED_NOREPLACE), so a gdb session knows what vmf->address to
 * expect (tests/gdb/fault_*.gdb, docs: `help break-fault` in gdb):
 *
 *   make gdb INIT=/bin/faultpaths
 *   (gdb) break-fault anon 0x10000000
 *   (gdb) continue
 *
 * The same binary runs on Linux, where every step must behave the same
 * (what a read returns, where a write lands, which signal comes):
 *
 *   ./build/user/bin/faultpaths
 *
 * Exit status 0 when every step did what it should, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define PAGE		4096UL

/* Where each mapping goes: each in its own 2 MiB page table, so that a
 * page-table walk (`pt`) of one never shows another's entries. */
#define ANON_ADDR	0x10000000UL	/* anonymous rw, 3 pages: steps 1-3 */
#define FILE_READ_ADDR	0x11000000UL	/* the file, private, read: step 4 */
#define FILE_COW_ADDR	0x12000000UL	/* the file, private, written: step 5 */
#define SHARED_ADDR	0x13000000UL	/* the file, shared: steps 6 and 7 */
#define RDONLY_ADDR	0x14000000UL	/* anonymous read-only: step 8 */
#define EOF_ADDR	0x15000000UL	/* the file and one page past its end: step 9 */
#define FB_ADDR		0x16000000UL	/* /dev/fb0, shared, 1 page: step 10 */
#define GUP_ADDR	0x17000000UL	/* the file, private, read-only: step 11 (page 4) */

#define FILE_PAGES	8		/* the scratch file: page i is filled with 'A' + i */
#define SCRATCH		"/tmp/faultpaths.dat"

static int fd = -1;
static volatile char *anon, *shared;	/* steps 2, 3 and 7 use the mappings of 1 and 6 */

/* ---- helpers -------------------------------------------------------------- */

static int fail(const char *what, long got, long want)
{
	printf("faultpaths: FAILED: %s: got %ld (%#lx), want %ld (%#lx)\n", what, got,
	       (unsigned long)got, want, (unsigned long)want);
	return 0;
}

static int check(const char *what, long got, long want)
{
	return got == want ? 1 : fail(what, got, want);
}

/* mmap exactly at addr, or say why not. */
static volatile char *map_at(unsigned long addr, unsigned long pages, int prot, int flags, int f)
{
	void *p = mmap((void *)addr, pages * PAGE, prot, flags | MAP_FIXED_NOREPLACE, f, 0);
	if (p != (void *)addr) {
		printf("faultpaths: FAILED: mmap at %#lx: got %p (errno %d)\n", addr, p, errno);
		return NULL;
	}
	return (volatile char *)p;
}

static volatile char *map_anon(unsigned long addr, unsigned long pages, int prot)
{
	return map_at(addr, pages, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1);
}

static long minor_faults(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* What the file holds at byte off now (through read, not a mapping). */
static long file_byte(off_t off)
{
	unsigned char c;
	return pread(fd, &c, 1, off) == 1 ? c : -1;
}

/* ---- catching SIGSEGV and SIGBUS ----------------------------------------- */

static sigjmp_buf recover;
static volatile int caught_sig, caught_code;
static void *volatile caught_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	caught_sig = sig;
	caught_code = si->si_code;
	caught_addr = si->si_addr;
	siglongjmp(recover, 1);
}

/* Run access(p): it must raise sig with code at address p.  The handler
 * jumps back here (siglongjmp restores the signal mask sigsetjmp saved). */
static int expect_signal(void (*access)(volatile char *), volatile char *p, int sig, int code)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
	caught_sig = 0;
	if (sigsetjmp(recover, 1) == 0) {
		access(p);
		printf("faultpaths: FAILED: no signal at %p\n", (void *)p);
		return 0;
	}
	signal(sig, SIG_DFL);
	return check("signal", caught_sig, sig) & check("si_code", caught_code, code) &
	       check("si_addr", (long)caught_addr, (long)p);
}

static void write_byte(volatile char *p) { *p = 1; }
static void read_byte(volatile char *p) { (void)*p; }

/* ---- the steps -------------------------------------------------------------- */

/* 1. A read of anonymous memory never written: the shared zero page,
 * mapped read-only (do_anonymous_page, read). */
static int anon_read(void)
{
	volatile char *p = anon = map_anon(ANON_ADDR, 3, PROT_READ | PROT_WRITE);
	return p && check("anonymous read", p[0], 0);
}

/* 2. A write to anonymous memory never touched: a new zeroed page,
 * writable at once (do_anonymous_page, write). */
static int anon_write(void)
{
	if (!anon)
		return 0;
	volatile char *p = anon + PAGE;
	p[0] = 'w';
	return check("anonymous write", p[0], 'w') & check("the rest of the page", p[1], 0);
}

/* 3. A read, then a write: the read maps the zero page read-only, so the
 * write faults again and gets a page of its own (do_wp_page ->
 * wp_page_copy of the zero page). */
static int anon_write_after_read(void)
{
	if (!anon)
		return 0;
	volatile char *p = anon + 2 * PAGE;
	int ok = check("read before the write", p[0], 0);
	p[0] = 'c';
	return ok & check("write after read", p[0], 'c') &
	       check("the zero page stays zero", anon[0], 0);
}

/* 4. A read of a file page: do_read_fault.  Fault-around (do_fault_around
 * -> filemap_map_pages) maps the neighbours already in the page cache, so
 * reading them costs no fault (on Linux too). */
static int file_read(void)
{
	volatile char *p = map_at(FILE_READ_ADDR, FILE_PAGES, PROT_READ, MAP_PRIVATE, fd);
	if (!p)
		return 0;
	int ok = check("file page 0", p[0], 'A');
	long before = minor_faults();
	for (int i = 1; i < FILE_PAGES; i++)
		ok &= check("file page i", p[i * PAGE], 'A' + i);
	printf("faultpaths:   pages 1-%d read with %ld more faults (fault-around)\n",
	       FILE_PAGES - 1, minor_faults() - before);
	return ok;
}

/* 5. A write to a private file mapping, first touch: do_cow_fault copies
 * the page-cache page into a new anonymous page; the file is unchanged. */
static int file_private_write(void)
{
	volatile char *p = map_at(FILE_COW_ADDR, FILE_PAGES, PROT_READ | PROT_WRITE, MAP_PRIVATE,
				  fd);
	if (!p)
		return 0;
	p[0] = 'p';
	return check("private write", p[0], 'p') & check("the copy's other bytes", p[1], 'A') &
	       check("the file is unchanged", file_byte(0), 'A');
}

/* 6. A write to a shared file mapping, first touch: do_shared_fault maps
 * the page-cache page itself, writable (after ->page_mkwrite); the file
 * sees the write. */
static int file_shared_write(void)
{
	volatile char *p = shared = map_at(SHARED_ADDR, FILE_PAGES, PROT_READ | PROT_WRITE,
					   MAP_SHARED, fd);
	if (!p)
		return 0;
	p[0] = 's';
	return check("shared write", p[0], 's') & check("the file sees it", file_byte(0), 's');
}

/* 7. A read of a shared page maps it read-only (write-notify), so the
 * write after it faults again: do_wp_page -> ->page_mkwrite ->
 * wp_page_reuse, the same page made writable.  Then msync writes the two
 * dirty pages back: page_mkclean makes their PTEs read-only and clean
 * again, so the next write of each would tell the file once more. */
static int file_shared_write_after_read(void)
{
	if (!shared)
		return 0;
	volatile char *p = shared + PAGE;
	int ok = check("shared read", p[0], 'B');
	p[0] = 'm';
	ok &= check("shared write after read", p[0], 'm') &
	      check("the file sees it", file_byte(PAGE), 'm');
	if (msync((void *)shared, 2 * PAGE, MS_SYNC) != 0) {
		printf("faultpaths: FAILED: msync: errno %d\n", errno);
		return 0;
	}
	return ok;
}

/* 8. A write to a read-only mapping: access_error in do_page_fault, no
 * handler at all: SIGSEGV with SEGV_ACCERR (force_sig_fault). */
static int write_read_only(void)
{
	volatile char *p = map_anon(RDONLY_ADDR, 1, PROT_READ);
	return p && expect_signal(write_byte, p, SIGSEGV, SEGV_ACCERR);
}

/* 9. A read of a mapped page past the file's end: ->fault finds no page
 * (VM_FAULT_SIGBUS): SIGBUS with BUS_ADRERR (force_sig_fault). */
static int read_past_eof(void)
{
	volatile char *p = map_at(EOF_ADDR, FILE_PAGES + 1, PROT_READ, MAP_PRIVATE, fd);
	return p && expect_signal(read_byte, p + FILE_PAGES * PAGE, SIGBUS, BUS_ADRERR);
}

/* 10. The framebuffer, shared: device memory without struct page
 * (VM_PFNMAP).  A read faults into its ->fault, which puts the pfn in the
 * PTE itself (vmf_insert_pfn); the PTE is read-only (write-notify), so a
 * write faults again: do_wp_page -> wp_pfn_shared -> ->pfn_mkwrite.  The
 * pixel is written back unchanged.  Skipped where there is no /dev/fb0
 * (or no permission to open it). */
static int framebuffer(void)
{
	int fb = open("/dev/fb0", O_RDWR);
	if (fb < 0) {
		printf("faultpaths:   skipped: cannot open /dev/fb0 (errno %d)\n", errno);
		return 1;
	}
	volatile unsigned int *p = (volatile unsigned int *)map_at(FB_ADDR, 1,
								   PROT_READ | PROT_WRITE,
								   MAP_SHARED, fb);
	close(fb);
	if (!p)
		return 0;
	unsigned int pixel = p[0];
	p[0] = pixel;
	return check("the pixel written back", p[0], pixel);
}

/* 11. The kernel's own fault: a debugger's write into read-only text, as
 * /proc/self/mem does it.  The page is read first (do_read_fault maps the
 * page cache's page, read-only); then pwrite on /proc/self/mem at its
 * address: get_user_pages with FOLL_FORCE|FOLL_WRITE finds the PTE
 * read-only, faults (faultin_page -> handle_mm_fault -> do_wp_page ->
 * wp_page_copy: a private copy, still read-only since the VMA is), and
 * writes the copy.  The file keeps its byte (the Dirty COW property). */
static int forced_write(void)
{
	volatile char *map = map_at(GUP_ADDR, FILE_PAGES, PROT_READ, MAP_PRIVATE, fd);
	int mem = open("/proc/self/mem", O_RDWR);
	if (!map || mem < 0)
		return fail("open /proc/self/mem", mem, 0);
	volatile char *p = map + 4 * PAGE;		/* file page 4: 'E's (steps 6, 7 write 0, 1) */
	char c = p[0], file = 0;
	long w = pwrite(mem, "!", 1, (off_t)(unsigned long)p);
	close(mem);
	return check("the mapping's byte before", c, 'E') & check("pwrite on /proc/self/mem", w, 1) &
	       check("the mapping's byte after", p[0], '!') &
	       check("the file's byte", pread(fd, &file, 1, 4 * PAGE) == 1 ? file : 0, 'E');
}

static const struct step {
	const char *what;
	unsigned long addr;
	const char *path;
	int (*run)(void);
} steps[] = {
	{ "anonymous read", ANON_ADDR, "do_anonymous_page: the zero page", anon_read },
	{ "anonymous write", ANON_ADDR + PAGE, "do_anonymous_page: a new page", anon_write },
	{ "write after read", ANON_ADDR + 2 * PAGE,
	  "do_anonymous_page, then do_wp_page: copy of the zero page", anon_write_after_read },
	{ "file read", FILE_READ_ADDR, "do_read_fault, do_fault_around", file_read },
	{ "private file write", FILE_COW_ADDR, "do_cow_fault", file_private_write },
	{ "shared file write", SHARED_ADDR, "do_shared_fault, page_mkwrite", file_shared_write },
	{ "shared read, then write", SHARED_ADDR + PAGE,
	  "do_read_fault, then do_wp_page: page_mkwrite, wp_page_reuse; msync: page_mkclean",
	  file_shared_write_after_read },
	{ "write to a read-only page", RDONLY_ADDR, "SIGSEGV (SEGV_ACCERR)", write_read_only },
	{ "read past the end of the file", EOF_ADDR + FILE_PAGES * PAGE, "SIGBUS (BUS_ADRERR)",
	  read_past_eof },
	{ "framebuffer read, then write", FB_ADDR,
	  "vmf_insert_pfn, then do_wp_page: wp_pfn_shared, pfn_mkwrite", framebuffer },
	{ "forced write through /proc/self/mem", GUP_ADDR + 4 * PAGE,
	  "get_user_pages: faultin_page, do_wp_page: wp_page_copy (the file keeps its byte)",
	  forced_write },
};
#define NSTEPS	(int)(sizeof(steps) / sizeof(steps[0]))

/* The scratch file: FILE_PAGES pages written with write(), so that they
 * are all in the page cache before anything maps them. */
static int make_file(void)
{
	static char buf[PAGE];
	fd = open(SCRATCH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		printf("faultpaths: FAILED: open %s: errno %d\n", SCRATCH, errno);
		return 0;
	}
	for (int i = 0; i < FILE_PAGES; i++) {
		memset(buf, 'A' + i, PAGE);
		if (write(fd, buf, PAGE) != (ssize_t)PAGE) {
			printf("faultpaths: FAILED: write %s: errno %d\n", SCRATCH, errno);
			return 0;
		}
	}
	return 1;
}

int main(void)
{
	int failed = 0;
	if (!make_file())
		return 1;
	for (int i = 0; i < NSTEPS; i++) {
		const struct step *s = &steps[i];
		printf("faultpaths: %d/%d %s at %#lx (%s)\n", i + 1, NSTEPS, s->what, s->addr, s->path);
		fflush(stdout);
		if (!s->run())
			failed++;
	}
	static const unsigned long maps[][2] = {
		{ ANON_ADDR, 3 }, { FILE_READ_ADDR, FILE_PAGES }, { FILE_COW_ADDR, FILE_PAGES },
		{ SHARED_ADDR, FILE_PAGES }, { RDONLY_ADDR, 1 }, { EOF_ADDR, FILE_PAGES + 1 },
		{ FB_ADDR, 1 }, { GUP_ADDR, FILE_PAGES },
	};
	for (unsigned i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		munmap((void *)maps[i][0], maps[i][1] * PAGE);
	close(fd);
	unlink(SCRATCH);
	printf("faultpaths: %s\n", failed ? "FAILED" : "done, every path as expected");
	return failed ? 1 : 0;
}
