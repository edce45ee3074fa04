/* tests/stress/oom_console.c — out of memory must not take the console and
 * /proc with it (issue 12, item 4).  HOSTILE: it exhausts the machine's
 * memory, so it runs only inside faultline (require_faultline: on any other
 * kernel it exits 77 at once), never in make test-linux.
 *
 * It holds RAM exhausted while it checks, without being OOM-killed (a
 * fault that finds no page kills the faulting process, and frees what it
 * held): memory is taken by system calls, which fail cleanly instead:
 *
 *   1. a ramfs file written until write() says ENOMEM (the bulk), then
 *   2. one-page mmap()s of alternating protection (a VMA each, so kernel
 *      slab pages) until mmap() says ENOMEM: the last pages go too, even
 *      the one a failed write() gives back (its bounce buffer).
 *
 * Then, with MemFree at 0, each of these must work: open and read
 * /proc/meminfo (which says MemFree 0), /proc/vmstat, /proc/faults,
 * /proc/mm_audit (whose audit must still say ok), open /dev/console and
 * write to it, short and long.  Everything it touches while memory is
 * exhausted was touched once before (its buffers, its stack, its code), so
 * no fault of its own needs a page.  The results wait in a static buffer
 * and are printed as TAP once the memory is given back (stdout may be a
 * ramfs file: runtests), and MemFree must then be back where it was. */
#include "../hostile.h"
#include <tap.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/mman.h>

#define FILL_FILE	"/tmp/oom_console.fill"
#define PAGE		4096
#define MAX_MAPS	8192
#define NCHECKS		9
#define MIN(a, b)	((a) < (b) ? (a) : (b))

static char chunk[65536];		/* what the file is filled with */
static char text[16384];		/* one /proc file's text */
static char *maps[MAX_MAPS];		/* the one-page mappings */
static int nmaps;

/* The results, printed when memory is back. */
static struct result {
	int ok;
	char name[96];
	char why[160];
} results[NCHECKS];
static int nresults;

__attribute__((format(printf, 3, 4)))
static void record(int ok, const char *name, const char *fmt, ...)
{
	struct result *r = &results[nresults++];
	va_list ap;
	r->ok = ok;
	strncpy(r->name, name, sizeof(r->name) - 1);
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

/* Read the whole of path into text, `step` bytes a read; its length, or
 * -errno of the open or of a read. */
static long read_proc(const char *path, size_t step)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;
	if (fd < 0)
		return -errno;
	while (len < (long)sizeof(text) - 1 &&
	       (n = read(fd, text + len, MIN(step, sizeof(text) - 1 - len))) > 0)
		len += n;
	if (n < 0)
		len = -errno;
	close(fd);
	if (len >= 0)
		text[len] = 0;
	return len;
}

/* The number after "name" ("MemFree:", "nr_free_pages ") in text, or -1. */
static long field(const char *name)
{
	const char *p = strstr(text, name);
	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

static long mem_free_kb(void)
{
	return read_proc("/proc/meminfo", sizeof(text)) > 0 ? field("MemFree:") : -1;
}

/* Take every free page: the fill file, then VMAs.  The fill file's fd. */
static int exhaust(long *file_bytes)
{
	int fd = open(FILL_FILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
	long n;
	*file_bytes = 0;
	if (fd < 0)
		return -1;
	for (size_t size = sizeof(chunk); size >= PAGE; size /= 4)
		while ((n = write(fd, chunk, size)) > 0)
			*file_bytes += n;
	for (nmaps = 0; nmaps < MAX_MAPS; nmaps++) {
		int prot = nmaps % 2 ? PROT_READ : PROT_READ | PROT_WRITE;
		char *p = mmap(NULL, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			break;
		maps[nmaps] = p;
	}
	return fd;
}

static void give_back(int fd)
{
	while (nmaps > 0)
		munmap(maps[--nmaps], PAGE);
	close(fd);
	unlink(FILL_FILE);
}

/* One /proc file, read `step` bytes at a time: it opens, reads, and starts
 * with first. */
static void check_proc(const char *path, size_t step, const char *first)
{
	char name[96];
	long len = read_proc(path, step);
	snprintf(name, sizeof(name), "%s reads with memory exhausted (%zu bytes a read)", path,
		 step);
	record(len > 0 && !strncmp(text, first, strlen(first)), name,
	       "read %ld (negative: -errno), text \"%.40s\", want it to start \"%s\"", len,
	       len > 0 ? text : "", first);
}

/* The console: opened now, a short and a long write (longer than any
 * bounce buffer a kernel could keep on its stack). */
static void check_console(void)
{
	static char line[3000];
	static const char msg[] = "# oom_console: the console works with memory exhausted\n";
	int fd = open("/dev/console", O_WRONLY);
	long a = fd < 0 ? -errno : write(fd, msg, sizeof(msg) - 1);
	if (a < 0 && fd >= 0)
		a = -errno;
	memset(line, '=', sizeof(line));
	memcpy(line, "# ", 2);
	line[sizeof(line) - 1] = '\n';
	long b = fd < 0 ? -errno : write(fd, line, sizeof(line));
	if (b < 0 && fd >= 0)
		b = -errno;
	if (fd >= 0)
		close(fd);
	record(fd >= 0 && a == sizeof(msg) - 1 && b == sizeof(line),
	       "/dev/console opens and writes with memory exhausted",
	       "open %d, short write %ld (want %zu), long write %ld (want %zu); negative: -errno",
	       fd, a, sizeof(msg) - 1, b, sizeof(line));
}

/* Everything the checks touch, touched once: no page fault of ours may
 * need a page later.  The stack too, well below where the checks reach. */
static void touch_everything(void)
{
	volatile char deep[65536];
	for (size_t i = 0; i < sizeof(deep); i += PAGE)
		deep[i] = 1;
	memset(chunk, 'f', sizeof(chunk));
	memset(text, 0, sizeof(text));
	memset(maps, 0, sizeof(maps));
	memset(results, 0, sizeof(results));
	check_proc("/proc/faults", sizeof(text), "");
	check_console();
	nresults = 0;
	mem_free_kb();
}

int main(int argc, char **argv)
{
	(void)argc;
	require_faultline(argv[0]);
	touch_everything();
	long free_before = mem_free_kb(), file_bytes;

	int fd = exhaust(&file_bytes);
	/* --- memory exhausted from here until give_back --- */
	long len = read_proc("/proc/meminfo", sizeof(text));
	long free_kb = len > 0 ? field("MemFree:") : -1;
	record(fd >= 0 && free_kb == 0, "memory is exhausted: /proc/meminfo opens and says MemFree 0",
	       "fill file fd %d, %ld bytes, %d one-page mappings; meminfo read %ld, MemFree %ld kB",
	       fd, file_bytes, nmaps, len, free_kb);
	check_proc("/proc/meminfo", 7, "MemTotal:");
	len = read_proc("/proc/vmstat", sizeof(text));
	record(len > 0 && field("nr_free_pages ") == 0,
	       "/proc/vmstat reads with memory exhausted, nr_free_pages 0",
	       "read %ld (negative: -errno), nr_free_pages %ld", len,
	       len > 0 ? field("nr_free_pages ") : -1);
	check_proc("/proc/faults", sizeof(text), "fault: pid ");
	check_proc("/proc/mm_audit", sizeof(text), "ok: ");
	check_proc("/proc/self/maps", 100, "00");
	check_console();
	long free_still = mem_free_kb();
	give_back(fd);
	/* --- memory back --- */

	record(free_still == 0, "reading /proc and writing the console took no page",
	       "MemFree %ld kB after the checks, want 0", free_still);
	long free_after = mem_free_kb();
	record(free_after == free_before, "every page is back once the file and mappings go",
	       "MemFree %ld kB before, %ld kB after", free_before, free_after);
	plan(nresults);
	for (int i = 0; i < nresults; i++) {		/* named, for a flat TAP boot */
		if (!results[i].ok)
			diag("%s", results[i].why);
		ok(results[i].ok, "oom_console: %s", results[i].name);
	}
	return done_testing();
}
