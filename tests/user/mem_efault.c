/* tests/user/mem_efault.c — system calls given bad pointers: the kernel's
 * own access to user memory (copy_from_user, copy_to_user) faults, and the
 * call fails with EFAULT instead of a signal or a kernel crash.  A pointer
 * to memory not yet touched is fine: the kernel's fault maps it, as the
 * program's own access would. */
#include "mem_lib.h"

#define SCRATCH	"mem_efault.tmp"	/* in the current directory; removed at the end */
#define LEN	64

static long sys_read(int fd, unsigned long buf, unsigned long n)
{
	return syscall3(SYS_read, fd, (long)buf, (long)n);
}

static long sys_write(int fd, unsigned long buf, unsigned long n)
{
	return syscall3(SYS_write, fd, (long)buf, (long)n);
}

static long sys_open(unsigned long path, int flags)
{
	return syscall3(SYS_open, (long)path, flags, 0);
}

/* The scratch file (LEN * 2 bytes of 'x'), open for reading and writing. */
static int scratch(void)
{
	int fd = open(SCRATCH, O_RDWR);
	expect(fd >= 0, "open %s: errno %d", SCRATCH, errno);
	return fd;
}

/* A page with nothing mapped at it. */
static unsigned long unmapped(void)
{
	return free_range(1);
}

/* A page mapped with prot. */
static unsigned long mapped(int prot)
{
	char *p = map_anon(1, prot);
	return (unsigned long)p;
}

/* ---- write: the kernel reads the buffer ---- */

static int write_efault(unsigned long buf)
{
	int fd = scratch();
	return fd >= 0 && expect_eq(sys_write(fd, buf, LEN), -EFAULT, "write");
}

static int write_null(void) { return write_efault(0); }
static int write_unmapped(void) { return write_efault(unmapped()); }
static int write_kernel(void) { return write_efault(KERNEL_TEXT); }
static int write_prot_none(void) { return write_efault(mapped(PROT_NONE)); }

/* ---- read: the kernel writes the buffer ---- */

static int read_efault(unsigned long buf)
{
	int fd = scratch();
	return fd >= 0 && expect_eq(sys_read(fd, buf, LEN), -EFAULT, "read");
}

static int read_null(void) { return read_efault(0); }
static int read_unmapped(void) { return read_efault(unmapped()); }
static int read_kernel(void) { return read_efault(KERNEL_DIRECT); }

static int read_read_only(void)
{
	unsigned long a = mapped(PROT_READ);
	return a && read_efault(a) & all_zero((const char *)a, PAGE, "the page read into");
}

static int read_text(void)
{
	return read_efault((unsigned long)read_text);
}

/* ---- open: the kernel reads a string ---- */

static int open_efault(unsigned long path)
{
	return expect_eq(sys_open(path, O_RDONLY), -EFAULT, "open");
}

static int open_null(void) { return open_efault(0); }
static int open_unmapped(void) { return open_efault(unmapped()); }
static int open_kernel(void) { return open_efault(KERNEL_TEXT); }

/* "/tm" in the last bytes of a page, and no page after it to hold the NUL. */
static int open_runs_off_the_end(void)
{
	unsigned long a = free_range(2);
	char *p = mmap((void *)a, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (!expect(p == (char *)a, "mmap at %#lx: errno %d", a, errno))
		return 0;
	memcpy(p + PAGE - 3, "/tm", 3);
	return open_efault(a + PAGE - 3);
}

/* ---- no signal, and demand paging from the kernel ---- */

static volatile int segv_count;

static void count_segv(int sig)
{
	(void)sig;
	segv_count++;
}

static int efault_sends_no_signal(void)
{
	int fd = scratch();
	signal(SIGSEGV, count_segv);
	sys_write(fd, 0, LEN);
	sys_read(fd, KERNEL_DIRECT, LEN);
	sys_open(unmapped(), O_RDONLY);
	return fd >= 0 && expect_eq(segv_count, 0, "SIGSEGV handler calls");
}

static int getrusage_efault(void)
{
	return expect_eq(syscall2(SYS_getrusage, RUSAGE_SELF, 0), -EFAULT, "getrusage into NULL") &
	       expect_eq(syscall2(SYS_getrusage, RUSAGE_SELF, (long)unmapped()), -EFAULT,
			 "getrusage into an unmapped page");
}

/* read() into memory never touched: the kernel's copy faults the page in,
 * counted as the process's minor fault like any other. */
static int read_into_fresh_page(void)
{
	int fd = scratch();
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	if (fd < 0 || !p)
		return 0;
	sys_read(fd, (unsigned long)p + PAGE - LEN, 0);	/* warm the code path */
	minflt();
	long before = minflt();
	long n = sys_read(fd, (unsigned long)p + PAGE - LEN, LEN);
	long faults = minflt() - before;
	return expect_eq(n, LEN, "read") & expect_eq(p[PAGE - 1], 'x', "the last byte read") &
	       expect_eq(faults, 1, "minor faults") &
	       all_zero(p, PAGE - LEN, "the rest of the page");
}

/* write() from memory never touched: it reads as zeroes. */
static int write_from_fresh_page(void)
{
	int fd = scratch();
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	char back[LEN];
	if (fd < 0 || !p)
		return 0;
	return expect_eq(sys_write(fd, (unsigned long)p, LEN), LEN, "write") &&
	       expect_eq(pread(fd, back, LEN, 0), LEN, "pread") &&
	       all_zero(back, LEN, "the bytes read back");
}

static const struct check checks[] = {
	CHECK("write from NULL: EFAULT", write_null),
	CHECK("write from an unmapped page: EFAULT", write_unmapped),
	CHECK("write from the kernel half: EFAULT", write_kernel),
	CHECK("write from PROT_NONE memory: EFAULT", write_prot_none),
	CHECK("read into NULL: EFAULT", read_null),
	CHECK("read into an unmapped page: EFAULT", read_unmapped),
	CHECK("read into the kernel half: EFAULT", read_kernel),
	CHECK("read into read-only memory: EFAULT, the memory unchanged", read_read_only),
	CHECK("read into the program's code: EFAULT", read_text),
	CHECK("open of NULL: EFAULT", open_null),
	CHECK("open of an unmapped page: EFAULT", open_unmapped),
	CHECK("open of a kernel-half address: EFAULT", open_kernel),
	CHECK("open of a path that runs into an unmapped page: EFAULT", open_runs_off_the_end),
	CHECK("EFAULT is an error, not a signal: no SIGSEGV", efault_sends_no_signal),
	CHECK("getrusage into NULL or an unmapped page: EFAULT", getrusage_efault),
	CHECK("read into a never-touched page: the kernel faults it in", read_into_fresh_page),
	CHECK("write from a never-touched page: zeroes", write_from_fresh_page),
};

int main(void)
{
	static char x[2 * LEN];
	int fd = open(SCRATCH, O_RDWR | O_CREAT | O_TRUNC, 0600);

	memset(x, 'x', sizeof(x));
	if (fd < 0 || write(fd, x, sizeof(x)) != sizeof(x))
		bail_out("cannot create %s in the current directory (errno %d)", SCRATCH, errno);
	close(fd);
	int status = run_checks(checks, NCHECKS(checks));
	unlink(SCRATCH);
	return status;
}
