/* gup_mem — the kernel reaching user memory on a process's behalf:
 * /proc/PID/mem and process_vm_readv/writev, both through get_user_pages
 * (mm/gup.c, docs/gup.md).
 *
 * /proc/PID/mem reads and writes with FOLL_FORCE, as a debugger: it may
 * write where the mapping is read-only, but a forced write to a private
 * mapping of a file must land in a private copy, never in the file (the
 * property CVE-2016-5195, "Dirty COW", broke; here without its race), and
 * one to a shared read-only mapping is refused.  process_vm_* has no
 * FOLL_FORCE: the protections hold.  Every check passes on Linux too. */
#include "fmap.h"
#include <sys/uio.h>

/* pread/pwrite on /proc/self/mem at address p: bytes moved, or -1. */
static long mem_rw(pid_t pid, void *buf, size_t n, const void *p, int write)
{
	char path[32];
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	int fd = open(path, O_RDWR);
	if (fd < 0)
		return expect(0, "open %s: errno %d (%s)", path, errno, strerror(errno)) - 1;
	long r = write ? pwrite(fd, buf, n, (off_t)(unsigned long)p)
		       : pread(fd, buf, n, (off_t)(unsigned long)p);
	int e = errno;
	close(fd);
	errno = e;
	return r;
}
#define mem_read(pid, buf, n, p)	mem_rw(pid, buf, n, p, 0)
#define mem_write(pid, buf, n, p)	mem_rw(pid, (void *)(buf), n, p, 1)

static int reads_own_memory(void)
{
	char *p = map_anon(2, PROT_READ | PROT_WRITE);
	EXPECT(p);
	strcpy(p + 4000, "across the page boundary");
	char buf[32] = { 0 };
	EXPECT_EQ(mem_read(getpid(), buf, 25, p + 4000), 25);
	return expect_str(buf, "across the page boundary", "what /proc/self/mem read");
}

static int writes_own_memory(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT_EQ(mem_write(getpid(), "written", 8, p + 100), 8);
	return expect_str(p + 100, "written", "the page after the write");
}

/* The debugger's breakpoint: read-only memory written through mem. */
static int forced_write_to_readonly_anon(void)
{
	char *p = map_anon(2, PROT_READ | PROT_WRITE);
	EXPECT(p);
	p[0] = 'a';					/* page 0: ours; page 1: never touched */
	EXPECT(mprotect(p, 2 * PAGE, PROT_READ) == 0);
	EXPECT_EQ(mem_write(getpid(), "xy", 2, p), 2);
	EXPECT_EQ(mem_write(getpid(), "z", 1, p + PAGE), 1);	/* the zero page's place */
	return expect(p[0] == 'x' && p[1] == 'y', "page 0 reads %c%c, want xy", p[0], p[1]) &
	       expect(p[PAGE] == 'z', "page 1 reads %#x, want 'z'", p[PAGE]) &
	       expect_segv(p, WRITE, SEGV_ACCERR);	/* and it is still read-only */
}

/* Dirty COW's property: a forced write to a read-only private mapping of
 * a file changes this mapping's copy only: not the file, not a shared
 * mapping of it, not another private mapping that has not written. */
static int forced_write_to_private_file_stays_private(void)
{
	int fd = scratch_file(2 * PAGE);
	EXPECT(fd >= 0);
	char *priv = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	char *other = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	char *shared = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(priv != MAP_FAILED && other != MAP_FAILED && shared != MAP_FAILED);
	unsigned char old0 = fpat(0, 10), old1 = fpat(1, 10);	/* 1 and 38: never written */
	EXPECT_EQ((unsigned char)priv[10], old0);	/* page 0 mapped before the write */
	EXPECT_EQ(mem_write(getpid(), "\xa0", 1, priv + 10), 1);
	EXPECT_EQ(mem_write(getpid(), "\xa1", 1, priv + PAGE + 10), 1);	/* page 1: never read */
	return expect_eq((unsigned char)priv[10], 0xa0, "the private mapping, page 0") &
	       expect_eq((unsigned char)priv[PAGE + 10], 0xa1, "the private mapping, page 1") &
	       expect_eq(file_byte(fd, 10), old0, "the file, page 0 (read())") &
	       expect_eq(file_byte(fd, PAGE + 10), old1, "the file, page 1 (read())") &
	       expect_eq((unsigned char)shared[10], old0, "a shared mapping of the file") &
	       expect_eq((unsigned char)other[PAGE + 10], old1, "another private mapping");
}

/* ... and to a read-only shared mapping it is refused (it would write the
 * file): -EIO, the file unchanged. */
static int forced_write_to_shared_readonly_refused(void)
{
	int fd = scratch_file(PAGE);
	EXPECT(fd >= 0);
	char *shared = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(shared != MAP_FAILED);
	EXPECT_ERRNO(mem_write(getpid(), "!", 1, shared + 5), EIO);
	return expect_eq(file_byte(fd, 5), fpat(0, 5), "the file") &
	       expect_eq((unsigned char)shared[5], fpat(0, 5), "the mapping");
}

/* A writable shared mapping: the write goes to the file, as a store would. */
static int write_to_shared_writable_reaches_file(void)
{
	int fd = scratch_file(PAGE);
	EXPECT(fd >= 0);
	char *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(shared != MAP_FAILED);
	EXPECT_EQ(mem_write(getpid(), "S", 1, shared + 7), 1);
	return expect_eq(file_byte(fd, 7), 'S', "the file") &
	       expect_eq(shared[7], 'S', "the mapping");
}

/* PROT_NONE memory: FOLL_FORCE reads and writes it (VM_MAYREAD, and a
 * private mapping may be written), as ptrace can. */
static int forced_access_to_prot_none(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	EXPECT(p);
	p[3] = 'n';
	EXPECT(mprotect(p, PAGE, PROT_NONE) == 0);
	char c = 0;
	EXPECT_EQ(mem_read(getpid(), &c, 1, p + 3), 1);
	EXPECT_EQ(mem_write(getpid(), "w", 1, p + 4), 1);
	EXPECT(mprotect(p, PAGE, PROT_READ) == 0);
	return expect_eq(c, 'n', "the byte read") & expect_eq(p[4], 'w', "the byte written");
}

/* No VMA: -EIO; a range that runs into a hole: the bytes before it. */
static int unmapped_is_eio_and_partial(void)
{
	char *p = map_anon(2, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT(munmap(p + PAGE, PAGE) == 0);
	memset(p, 'q', PAGE);
	char buf[2 * 4096];
	EXPECT_ERRNO(mem_read(getpid(), buf, 10, p + PAGE), EIO);
	return expect_eq(mem_read(getpid(), buf, sizeof(buf), p + PAGE - 100), 100,
			 "a read from 100 bytes before the hole") &
	       expect_eq(buf[99], 'q', "its last byte");
}

static int seek_end_is_einval(void)
{
	int fd = open("/proc/self/mem", O_RDONLY);
	EXPECT(fd >= 0);
	return expect_errno(lseek(fd, 0, SEEK_END), EINVAL, "lseek(SEEK_END)");
}

/* A child's memory from its parent: the write lands in the child's copy
 * of a page fork shares, the parent's own copy stays. */
static int parent_writes_child_memory(void)
{
	char *p = map_anon(1, PROT_READ | PROT_WRITE);
	EXPECT(p);
	strcpy(p, "before");
	int go[2], done[2];
	EXPECT(pipe(go) == 0 && pipe(done) == 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		c = strcmp(p, "child!") == 0 ? 'y' : 'n';
		write(done[1], &c, 1);
		_exit(0);
	}
	long w = mem_write(pid, "child!", 7, p);
	write(go[1], "g", 1);
	char c = 0;
	read(done[0], &c, 1);
	return expect_eq(w, 7, "the write to the child's /proc/PID/mem") &
	       expect(c == 'y', "the child did not see the write") &
	       expect_str(p, "before", "the parent's own copy") & reap(pid, 0);
}

/* process_vm_readv/writev: no FOLL_FORCE, iovecs on both sides. */
static int process_vm_reads_and_writes_child(void)
{
	char *p = map_anon(3, PROT_READ | PROT_WRITE);
	EXPECT(p);
	strcpy(p, "hello");
	strcpy(p + 2 * PAGE - 3, "world");		/* across pages 1 and 2 */
	int go[2], done[2];
	EXPECT(pipe(go) == 0 && pipe(done) == 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0) {
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		c = memcmp(p + 10, "AB", 2) == 0 ? 'y' : 'n';
		write(done[1], &c, 1);
		_exit(0);
	}
	char a[3] = { 0 }, b[9] = { 0 };
	struct iovec local[2] = { { a, 2 }, { b, 8 } };		/* "he" + "llo\0" + "wor" ... */
	struct iovec remote[2] = { { p, 6 }, { p + 2 * PAGE - 3, 4 } };
	long r = process_vm_readv(pid, local, 2, remote, 2, 0);
	struct iovec wl = { "AB", 2 }, wr = { p + 10, 2 };
	long w = process_vm_writev(pid, &wl, 1, &wr, 1, 0);
	write(go[1], "g", 1);
	char c = 0;
	read(done[0], &c, 1);
	return expect_eq(r, 10, "process_vm_readv's bytes") &
	       expect(!memcmp(a, "he", 2) && !memcmp(b, "llo\0worl", 8),
		      "read \"%.2s\" + \"%.8s\"", a, b) &
	       expect_eq(w, 2, "process_vm_writev's bytes") &
	       expect(c == 'y', "the child did not see the write") & reap(pid, 0);
}

static int process_vm_errors(void)
{
	char *p = map_anon(2, PROT_READ | PROT_WRITE);
	EXPECT(p);
	EXPECT(munmap(p + PAGE, PAGE) == 0);
	char buf[PAGE];
	struct iovec l = { buf, sizeof(buf) }, r = { p + PAGE - 8, 16 }, ro = { p, 1 };
	EXPECT(mprotect(p, PAGE, PROT_READ) == 0);
	return expect_errno(process_vm_readv(getpid(), &l, 1, &r, 1, 1), EINVAL, "flags 1") &
	       expect_errno(process_vm_readv(999999, &l, 1, &r, 1, 0), ESRCH, "no such pid") &
	       expect_eq(process_vm_readv(getpid(), &l, 1, &r, 1, 0), 8, "a read into a hole") &
	       expect_errno(process_vm_writev(getpid(), &l, 1, &ro, 1, 0), EFAULT,
			    "a write to read-only memory") &
	       expect_eq(process_vm_readv(getpid(), &l, 0, &r, 1, 0), 0, "nothing to read into");
}

static const struct check checks[] = {
	CHECK("/proc/self/mem reads our memory, across a page boundary", reads_own_memory),
	CHECK("/proc/self/mem writes our memory", writes_own_memory),
	CHECK("a forced write reaches read-only anonymous memory (and the zero page's place)",
	      forced_write_to_readonly_anon),
	CHECK("a forced write to a read-only private file mapping stays private (Dirty COW)",
	      forced_write_to_private_file_stays_private),
	CHECK("a forced write to a read-only shared mapping: EIO, the file unchanged",
	      forced_write_to_shared_readonly_refused),
	CHECK("a write to a writable shared mapping reaches the file",
	      write_to_shared_writable_reaches_file),
	CHECK("PROT_NONE memory is read and written by force", forced_access_to_prot_none),
	CHECK("no VMA: EIO; a read into a hole: the bytes before it", unmapped_is_eio_and_partial),
	CHECK("lseek SEEK_END on mem: EINVAL", seek_end_is_einval),
	CHECK("a parent writes its child's copy of a COW page, not its own",
	      parent_writes_child_memory),
	CHECK("process_vm_readv/writev move bytes to and from a child",
	      process_vm_reads_and_writes_child),
	CHECK("process_vm_*: flags EINVAL, no process ESRCH, a hole partial, read-only EFAULT",
	      process_vm_errors),
};

int main(void)
{
	return fmap_run(checks, NCHECKS(checks), "gup_mem");
}
