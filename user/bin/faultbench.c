/* faultbench — the cost of each kind of page fault, in guest instructions.
 *
 *     faultbench                      (make bench: in faultline under QEMU -icount)
 *     faultbench --profile KIND       the same, with KIND's loop between profile markers
 *
 * Under QEMU's -icount, RDTSC counts guest instructions, so a figure is
 * exact and repeats from run to run; `make bench LINUX=1` (scripts/bench.py)
 * runs the same binary as /init of Linux 6.1 under the same clock and puts
 * the two side by side.  It needs no /proc and no mount on Linux: the file
 * lives in the initramfs (tmpfs), faults are counted by getrusage.  Each
 * workload maps 64 MiB (16384 pages), touches one byte per 4 KiB page, and
 * prints one row, "NAME  N ticks/page  F faults" (tests/run.py reads the
 * name and N, against tests/bench-budget):
 *
 *	anon-write     MAP_PRIVATE|MAP_ANONYMOUS, write first
 *	anon-read      the same, read first (the shared zero page)
 *	file-read      a file already in the page cache, MAP_SHARED, read (fault-around)
 *	file-cow       the same file, MAP_PRIVATE, write (a copy of each page)
 *	file-shared    the same file, MAP_SHARED, write
 *	fork-cow       a child of fork writes every inherited page (copy-on-write)
 *	fork-all       fork of a 64 MiB process + the child's COW of all + exit + wait
 *	gup-populate   mmap(MAP_POPULATE) of 64 MiB, MAP_PRIVATE|MAP_ANONYMOUS: the
 *	               kernel faults each page in itself (get_user_pages, mm/gup.c):
 *	               a write fault per page, without an exception's entry and exit
 *	boot           faultline's boot: kmain's entry to init's (our) first user
 *	               instruction, from /proc/boot (not on Linux: no row there)
 *
 * --profile KIND (make profile FAULT=KIND, scripts/profile.py) puts KIND's
 * timed loop between two marker instructions that scripts/profile/insnprof.c,
 * a QEMU plugin, recognises by their bytes: it counts the guest instructions
 * executed between them, by address.  A marker is a multi-byte NOP with a
 * magic displacement, `nopl 0x4642000N(%rax)` (0x4642: "FB"; N 1 = start,
 * 2 = end): it does nothing, on QEMU, on Linux and on real hardware alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/resource.h>

#define SIZE	(64UL << 20)
#define PAGES	(SIZE / 4096)
#define FILE_PATH "/tmp/faultbench.dat"

static inline unsigned long rdtsc(void)
{
	unsigned int lo, hi;
	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long)hi << 32) | lo;
}

static long minflt(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static void report(const char *name, unsigned long ticks, long faults)
{
	printf("%-12s %8lu ticks/page %6ld faults\n", name, ticks / PAGES, faults);
}

/* The workload --profile names (NULL: none), and its markers. */
static const char *profile;
#define PROFILE_START()	asm volatile("nopl 0x46420001(%%rax)" ::: "memory")
#define PROFILE_END()	asm volatile("nopl 0x46420002(%%rax)" ::: "memory")

/* Touch one byte per page: write (1) or read (0); the ticks it took.  The
 * workload `name`, when --profile names it, runs between the markers. */
static unsigned long touch(volatile char *p, int write, long *faults, const char *name)
{
	int marked = profile && name && strcmp(profile, name) == 0;
	long f0 = minflt();
	if (marked)
		PROFILE_START();
	unsigned long t0 = rdtsc(), sum = 0;
	for (unsigned long i = 0; i < PAGES; i++) {
		if (write)
			p[i * 4096] = 1;
		else
			sum += p[i * 4096];
	}
	unsigned long t = rdtsc() - t0;
	if (marked)
		PROFILE_END();
	*faults = minflt() - f0 + (long)(sum & 0);
	return t;
}

static char *map(int prot, int flags, int fd)
{
	char *p = mmap(NULL, SIZE, prot, flags, fd, 0);
	if (p == MAP_FAILED) {
		perror("faultbench: mmap");
		exit(1);
	}
	return p;
}

static void anon(int write, const char *name)
{
	long faults;
	char *p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	unsigned long t = touch(p, write, &faults, name);
	report(name, t, faults);
	munmap(p, SIZE);
}

/* The file, written with write(): its pages are in the page cache. */
static int make_file(void)
{
	static char block[65536];
	int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror("faultbench: " FILE_PATH);
		exit(1);
	}
	memset(block, 'x', sizeof(block));
	for (unsigned long off = 0; off < SIZE; off += sizeof(block))
		if (write(fd, block, sizeof(block)) != (long)sizeof(block)) {
			perror("faultbench: write");
			exit(1);
		}
	return fd;
}

static void file(int fd, int flags, int write, const char *name)
{
	long faults;
	char *p = map(PROT_READ | PROT_WRITE, flags, fd);
	unsigned long t = touch(p, write, &faults, name);
	report(name, t, faults);
	munmap(p, SIZE);
}

static void fork_cow(void)
{
	long faults;
	char *p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	touch(p, 1, &faults, NULL);
	fflush(stdout);
	unsigned long t0 = rdtsc();
	int pid = fork();
	if (pid == 0) {
		unsigned long t = touch(p, 1, &faults, "fork-cow");
		report("fork-cow", t, faults);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	unsigned long all = rdtsc() - t0;
	printf("%-12s %8lu ticks in all\n", "fork-all", all);
	munmap(p, SIZE);
}

/* gup-populate: the mmap call itself, which populates every page. */
static void populate(void)
{
	int marked = profile && strcmp(profile, "gup-populate") == 0;
	long f0 = minflt();
	if (marked)
		PROFILE_START();
	unsigned long t0 = rdtsc();
	char *p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1);
	unsigned long t = rdtsc() - t0;
	if (marked)
		PROFILE_END();
	report("gup-populate", t, minflt() - f0);
	munmap(p, SIZE);
}

/* faultline's /proc/boot: the TSC from kmain to the first user instruction
 * (guest instructions under -icount).  Linux has no such file: no row. */
static void boot(void)
{
	static const char key[] = "kmain_to_user_tsc ";
	char line[64] = "";
	int fd = open("/proc/boot", O_RDONLY);
	if (fd < 0)
		return;
	long n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n > 0 && strncmp(line, key, sizeof(key) - 1) == 0)
		printf("%-12s %8lu ticks in all                (kmain -> first user instruction)\n",
		       "boot", strtoul(line + sizeof(key) - 1, NULL, 10));
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--profile") == 0) {
		profile = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: faultbench [--profile anon-write|anon-read|file-read|"
			"file-cow|file-shared|fork-cow|gup-populate]\n");
		return 2;
	}
	printf("faultbench: 64 MiB, one byte per 4 KiB page, guest ticks (-icount: instructions)\n");
	anon(1, "anon-write");
	anon(0, "anon-read");
	int fd = make_file();
	file(fd, MAP_SHARED, 0, "file-read");
	file(fd, MAP_PRIVATE, 1, "file-cow");
	file(fd, MAP_SHARED, 1, "file-shared");
	close(fd);
	unlink(FILE_PATH);
	fork_cow();
	populate();
	boot();
	return 0;
}
