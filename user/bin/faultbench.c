/* faultbench — the cost of each kind of page fault, in guest instructions.
 *
 *     faultbench            (make bench runs it in faultline under QEMU -icount)
 *
 * Under QEMU's -icount, RDTSC counts guest instructions, so a figure is
 * exact and repeats from run to run; ../shared/heldin/linux-ref runs the
 * same binary on Linux 6.1 under the same clock.  Each workload maps 64 MiB
 * (16384 pages), touches one byte per 4 KiB page, and reports the ticks
 * per page and the minor faults it took, as the reference table does:
 *
 *	anon-write     MAP_PRIVATE|MAP_ANONYMOUS, write first
 *	anon-read      the same, read first (the shared zero page)
 *	file-read      a file already in the page cache, MAP_SHARED, read (fault-around)
 *	file-cow       the same file, MAP_PRIVATE, write (a copy of each page)
 *	file-shared    the same file, MAP_SHARED, write
 *	fork-cow       a child of fork writes every inherited page (copy-on-write)
 *	fork-all       fork of a 64 MiB process + the child's COW of all + exit + wait
 *	boot           faultline's boot: kmain's entry to init's (our) first user
 *	               instruction, from /proc/boot (not on Linux: no row there)
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

static void report(const char *name, unsigned long ticks, long faults, const char *linux_ref)
{
	printf("%-12s %8lu ticks/page %6ld faults   (Linux 6.1: %s)\n", name, ticks / PAGES,
	       faults, linux_ref);
}

/* Touch one byte per page: write (1) or read (0); the ticks it took. */
static unsigned long touch(volatile char *p, int write, long *faults)
{
	long f0 = minflt();
	unsigned long t0 = rdtsc(), sum = 0;
	for (unsigned long i = 0; i < PAGES; i++) {
		if (write)
			p[i * 4096] = 1;
		else
			sum += p[i * 4096];
	}
	unsigned long t = rdtsc() - t0;
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

static void anon(int write, const char *name, const char *ref)
{
	long faults;
	char *p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	unsigned long t = touch(p, write, &faults);
	report(name, t, faults, ref);
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

static void file(int fd, int flags, int write, const char *name, const char *ref)
{
	long faults;
	char *p = map(PROT_READ | PROT_WRITE, flags, fd);
	unsigned long t = touch(p, write, &faults);
	report(name, t, faults, ref);
	munmap(p, SIZE);
}

static void fork_cow(void)
{
	long faults;
	char *p = map(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	touch(p, 1, &faults);
	fflush(stdout);
	unsigned long t0 = rdtsc();
	int pid = fork();
	if (pid == 0) {
		unsigned long t = touch(p, 1, &faults);
		report("fork-cow", t, faults, "4466, 16384 faults");
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	unsigned long all = rdtsc() - t0;
	printf("%-12s %8lu ticks in all                (Linux 6.1: 96.9 M)\n", "fork-all", all);
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

int main(void)
{
	printf("faultbench: 64 MiB, one byte per 4 KiB page, guest ticks (-icount: instructions)\n");
	anon(1, "anon-write", "3283, 16384 faults");
	anon(0, "anon-read", "1223, 16384 faults");
	int fd = make_file();
	file(fd, MAP_SHARED, 0, "file-read", "582, 1025 faults");
	file(fd, MAP_PRIVATE, 1, "file-cow", "4352, 16384 faults");
	file(fd, MAP_SHARED, 1, "file-shared", "2188, 16384 faults (tmpfs)");
	close(fd);
	unlink(FILE_PATH);
	fork_cow();
	boot();
	return 0;
}
