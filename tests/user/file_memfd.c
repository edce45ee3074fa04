/* tests/user/file_memfd.c — memfd_create and file sealing.
 *
 * A memfd is an anonymous file: read, write, seek, ftruncate and mmap it
 * as any; it has no name in any directory (st_nlink 0) and goes with its
 * last fd and mapping.  /proc/PID/maps calls it "/memfd:NAME (deleted)".
 *
 * Seals, only ever added (fcntl F_ADD_SEALS, read with F_GET_SEALS):
 * F_SEAL_SHRINK and F_SEAL_GROW fix the size, F_SEAL_WRITE forbids any
 * write (write(), a shared writable mapping) and is refused (EBUSY) while
 * a shared mapping that may write exists, F_SEAL_FUTURE_WRITE forbids new
 * ones only, F_SEAL_SEAL forbids more seals.  A memfd made without
 * MFD_ALLOW_SEALING starts sealed with F_SEAL_SEAL.  Files of other kinds
 * take no seals (EINVAL). */
#include "mem_lib.h"
#include <sys/stat.h>

#define RW		(PROT_READ | PROT_WRITE)
#define MFD_HUGE_2MB	(21U << 26)

static int new_memfd(unsigned int flags)
{
	int fd = memfd_create("test", flags);
	if (fd < 0)
		diag("memfd_create: errno %d (%s)", errno, strerror(errno));
	return fd;
}

/* The number of lines of /proc/self/maps that contain text. */
static int maps_lines_with(const char *text)
{
	static char buf[16384];
	int n = 0;
	if (read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return -1;
	for (char *l = buf; (l = strstr(l, text)); l++)
		n++;
	return n;
}

/* ---- the file ---- */

/* An anonymous regular file, mode 0777, no links, empty, open read-write. */
static int is_anonymous_file(void)
{
	int fd = new_memfd(0);
	EXPECT(fd >= 0);
	struct stat st;
	EXPECT_EQ(fstat(fd, &st), 0);
	return expect_eq(st.st_mode, S_IFREG | 0777, "st_mode") &
	       expect_eq(st.st_nlink, 0, "st_nlink") & expect_eq(st.st_size, 0, "st_size") &
	       expect_eq(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "F_GETFL's access mode") &
	       expect_eq(fcntl(fd, F_GETFD), 0, "FD_CLOEXEC without MFD_CLOEXEC");
}

/* write, lseek, read, pread, ftruncate: as any file. */
static int reads_and_writes(void)
{
	char buf[16] = { 0 };
	int fd = new_memfd(0);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "hello memfd", 11), 11);
	EXPECT_EQ(lseek(fd, 6, SEEK_SET), 6);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 5);
	EXPECT(!memcmp(buf, "memfd", 5));
	EXPECT_EQ(pread(fd, buf, 5, 0), 5);
	EXPECT(!memcmp(buf, "hello", 5));
	EXPECT_EQ(ftruncate(fd, 3 * PAGE), 0);
	EXPECT_EQ(pread(fd, buf, 4, 2 * PAGE), 4);
	return all_zero(buf, 4, "the grown part");
}

/* Shared mappings of it see each other's writes and read(); a child of
 * fork shares them; the mapping outlives the fd. */
static int shared_mapping(void)
{
	int fd = new_memfd(0);
	EXPECT(fd >= 0 && ftruncate(fd, 4 * PAGE) == 0);
	char *a = mmap(NULL, 4 * PAGE, RW, MAP_SHARED, fd, 0);
	char *b = mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(a != MAP_FAILED && b != MAP_FAILED);
	close(fd);
	pid_t pid = fork_flushed();
	if (pid == 0) {
		a[2 * PAGE + 7] = 'c';
		_exit(0);
	}
	EXPECT(pid > 0 && reap(pid, 0));
	a[0] = 'p';
	return expect_eq(b[2 * PAGE + 7], 'c', "the child's store, seen in another mapping") &
	       expect_eq(b[0], 'p', "our store, seen in another mapping");
}

/* /proc/self/maps names a mapping of it "/memfd:NAME (deleted)". */
static int maps_name(void)
{
	int fd = memfd_create("faultline-maps", 0);
	EXPECT(fd >= 0 && ftruncate(fd, PAGE) == 0);
	EXPECT(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0) != MAP_FAILED);
	return expect_eq(maps_lines_with("/memfd:faultline-maps (deleted)\n"), 1,
			 "maps lines naming /memfd:faultline-maps (deleted)");
}

static int cloexec(void)
{
	int fd = new_memfd(MFD_CLOEXEC);
	EXPECT(fd >= 0);
	return expect_eq(fcntl(fd, F_GETFD), FD_CLOEXEC, "F_GETFD with MFD_CLOEXEC");
}

/* ---- memfd_create's arguments ---- */

static int bad_flags(void)
{
	return expect_errno(memfd_create("x", 0x100), EINVAL, "an unknown flag") &
	       expect_errno(memfd_create("x", MFD_HUGE_2MB), EINVAL,
			    "a huge page size without MFD_HUGETLB");
}

/* The name: at most 249 bytes (NAME_MAX minus "memfd:"), else EINVAL; a
 * bad pointer EFAULT. */
static int name_length(void)
{
	char name[251];
	memset(name, 'n', sizeof(name));
	name[249] = 0;
	int fd = memfd_create(name, 0);
	int good = expect(fd >= 0, "a name of 249 bytes: errno %d", errno);
	name[249] = 'n';
	name[250] = 0;
	return good & expect_errno(memfd_create(name, 0), EINVAL, "a name of 250 bytes") &
	       expect_errno(memfd_create(NULL, 0), EFAULT, "a NULL name") &
	       expect_errno(memfd_create((char *)KERNEL_TEXT, 0), EFAULT, "a kernel address");
}

/* No hugetlbfs here: EINVAL (Linux with hugetlbfs makes the file). */
static int hugetlb(void)
{
	return expect_errno(memfd_create("x", MFD_HUGETLB), EINVAL, "MFD_HUGETLB") &
	       expect_errno(memfd_create("x", MFD_HUGETLB | MFD_HUGE_2MB), EINVAL,
			    "MFD_HUGETLB | MFD_HUGE_2MB");
}

/* ---- seals ---- */

/* Without MFD_ALLOW_SEALING: F_SEAL_SEAL from the start. */
static int sealed_from_start(void)
{
	int fd = new_memfd(0);
	EXPECT(fd >= 0);
	return expect_eq(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL, "F_GET_SEALS") &
	       expect_errno(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM, "F_ADD_SEALS");
}

/* Seals are added to what is there, never taken away; F_SEAL_SEAL ends it;
 * bits that are no seal are EINVAL. */
static int seals_add_up(void)
{
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, 0), 0);
	EXPECT_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW);
	EXPECT_ERRNO(fcntl(fd, F_ADD_SEALS, 0x100), EINVAL);	/* 0x20: F_SEAL_EXEC (6.3) */
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL), 0);
	EXPECT_ERRNO(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	return expect_eq(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW,
			 "F_GET_SEALS at the end");
}

/* Linux 6.1 takes F_ADD_SEALS's argument as an unsigned long and refuses
 * bits above 32 (memfd_fcntl); later kernels read an int from it. */
static int seals_upper_bits(void)
{
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0);
	return expect_eq(syscall3(SYS_fcntl, fd, F_ADD_SEALS, (long)(1UL << 32 | F_SEAL_WRITE)),
			 -EINVAL, "F_ADD_SEALS with bit 32 set") &
	       expect_eq(fcntl(fd, F_GET_SEALS), 0, "F_GET_SEALS after it");
}

/* F_SEAL_SHRINK: no smaller size; F_SEAL_GROW: no larger one, no write
 * at or past the end. */
static int shrink_and_grow(void)
{
	char page[PAGE];
	memset(page, 'g', sizeof(page));
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0 && ftruncate(fd, 2 * PAGE) == 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), 0);
	int good = expect_errno(ftruncate(fd, PAGE), EPERM, "shrink, SHRINK-sealed") &
		   expect_eq(ftruncate(fd, 3 * PAGE), 0, "grow, SHRINK-sealed") &
		   expect_eq(ftruncate(fd, 3 * PAGE), 0, "the same size, SHRINK-sealed");
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	good &= expect_errno(ftruncate(fd, 4 * PAGE), EPERM, "grow, GROW-sealed") &
		expect_eq(pwrite(fd, page, 100, PAGE), 100, "a write inside the file") &
		expect_errno(pwrite(fd, page, 100, 3 * PAGE), EPERM, "a write at the end") &
		expect_errno(pwrite(fd, page, 100, 3 * PAGE + 10), EPERM, "a write past the end");
	struct stat st;
	return good & expect(fstat(fd, &st) == 0 && st.st_size == 3 * PAGE,
			     "st_size %ld, want 3 pages", (long)st.st_size);
}

/* A write across the end of a GROW-sealed file goes page by page (Linux's
 * shmem_write_begin for each page-sized piece): the first piece that would
 * pass the end is refused, so the write stops at the last page boundary
 * before the end (EPERM if it starts in the last page).  The file ends 10
 * bytes short of a page, so the two differ. */
static int grow_write_across_end(void)
{
	char page[2 * PAGE];
	memset(page, 'g', sizeof(page));
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0 && ftruncate(fd, 3 * PAGE - 10) == 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	return expect_errno(pwrite(fd, page, 100, 3 * PAGE - 50), EPERM,
			    "a write across the end, within the last page") &
	       expect_eq(pwrite(fd, page, 2 * PAGE, 2 * PAGE - 100), 100,
			 "a write from the page before: up to the page boundary");
}

/* F_SEAL_WRITE waits for no shared mapping that may write, read-only ones
 * of this read-write fd included (mprotect could make them writable):
 * EBUSY until they go. */
static int seal_write_busy(void)
{
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0 && ftruncate(fd, PAGE) == 0);
	char *w = mmap(NULL, PAGE, RW, MAP_SHARED, fd, 0);
	char *p = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
	EXPECT(w != MAP_FAILED && p != MAP_FAILED);
	int good = expect_errno(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY,
				"with a shared writable mapping");
	EXPECT_EQ(munmap(w, PAGE), 0);
	char *r = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(r != MAP_FAILED);
	good &= expect_errno(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY,
			     "with a shared read-only mapping of a read-write fd");
	EXPECT_EQ(munmap(r, PAGE), 0);
	return good & expect_eq(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0,
				"with a private mapping only");
}

/* Once F_SEAL_WRITE is on: write() and a shared writable mmap EPERM; a
 * shared read-only mapping is taken but can never be made writable
 * (EACCES); a private one copies on write, the file unchanged. */
static int seal_write_holds(void)
{
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0 && write(fd, "sealed", 6) == 6 && ftruncate(fd, PAGE) == 0);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0);
	char c = 0;
	int good = expect_errno(pwrite(fd, "x", 1, 0), EPERM, "write()") &
		   expect_eq(raw_mmap(0, PAGE, RW, MAP_SHARED, fd, 0), -EPERM,
			     "mmap(PROT_WRITE, MAP_SHARED)");
	char *r = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	char *p = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
	EXPECT(r != MAP_FAILED && p != MAP_FAILED);
	good &= expect_eq(raw_mprotect((unsigned long)r, PAGE, RW), -EACCES,
			  "mprotect of the shared read-only mapping to writable");
	p[0] = 'S';
	good &= expect_eq(p[0], 'S', "our private copy") &
		expect_eq(r[0], 's', "the file through the shared mapping") &
		expect(pread(fd, &c, 1, 0) == 1 && c == 's', "read() of byte 0: %c", c) &
		expect_eq(ftruncate(fd, 2 * PAGE), 0, "ftruncate (no size seal)");
	return good;
}

/* F_SEAL_FUTURE_WRITE: a shared writable mapping made before still writes
 * (read() sees it); write() and new shared writable mappings EPERM. */
static int seal_future_write(void)
{
	int fd = new_memfd(MFD_ALLOW_SEALING);
	EXPECT(fd >= 0 && ftruncate(fd, PAGE) == 0);
	char *w = mmap(NULL, PAGE, RW, MAP_SHARED, fd, 0);
	EXPECT(w != MAP_FAILED);
	EXPECT_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), 0);
	w[5] = 'f';
	char c = 0;
	return expect(pread(fd, &c, 1, 5) == 1 && c == 'f', "read() of the old mapping's store") &
	       expect_errno(pwrite(fd, "x", 1, 0), EPERM, "write()") &
	       expect_eq(raw_mmap(0, PAGE, RW, MAP_SHARED, fd, 0), -EPERM,
			 "a new mmap(PROT_WRITE, MAP_SHARED)") &
	       expect_eq(fcntl(fd, F_GET_SEALS), F_SEAL_FUTURE_WRITE, "F_GET_SEALS");
}

/* Other files take no seals: EINVAL (F_ADD_SEALS on an fd not open for
 * writing: EPERM first, as Linux). */
static int other_files(void)
{
	int p[2];
	EXPECT_EQ(pipe(p), 0);
	int null = open("/dev/null", O_RDWR);
	EXPECT(null >= 0);
	return expect_errno(fcntl(p[0], F_GET_SEALS), EINVAL, "F_GET_SEALS of a pipe") &
	       expect_errno(fcntl(p[1], F_ADD_SEALS, F_SEAL_SEAL), EINVAL,
			    "F_ADD_SEALS on a pipe's write end") &
	       expect_errno(fcntl(p[0], F_ADD_SEALS, F_SEAL_SEAL), EPERM,
			    "F_ADD_SEALS on a pipe's read end") &
	       expect_errno(fcntl(null, F_GET_SEALS), EINVAL, "F_GET_SEALS of /dev/null");
}

/* A ramfs file: no seals (Linux's tmpfs files would say F_SEAL_SEAL; its
 * ramfs, as this one, EINVAL). */
static int ramfs_file(void)
{
	static const char name[] = "file_memfd.ramfs";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(name);
	EXPECT(fd >= 0);
	return expect_errno(fcntl(fd, F_GET_SEALS), EINVAL, "F_GET_SEALS") &
	       expect_errno(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EINVAL, "F_ADD_SEALS");
}

static const struct check checks[] = {
	CHECK("memfd_create: a regular file, mode 0777, no links, empty, read-write",
	      is_anonymous_file),
	CHECK("a memfd reads, writes, seeks and grows as any file", reads_and_writes),
	CHECK("shared mappings of a memfd, across fork and after close, see each other",
	      shared_mapping),
	CHECK("/proc/self/maps names it /memfd:NAME (deleted)", maps_name),
	CHECK("MFD_CLOEXEC sets FD_CLOEXEC", cloexec),
	CHECK("memfd_create with an unknown flag, or a huge size without MFD_HUGETLB: EINVAL",
	      bad_flags),
	CHECK("memfd_create names: 249 bytes at most (EINVAL), bad pointers EFAULT", name_length),
	FAULTLINE_ONLY("MFD_HUGETLB: EINVAL, no hugetlbfs", hugetlb,
		       "Linux with hugetlbfs makes the file"),
	CHECK("without MFD_ALLOW_SEALING: F_SEAL_SEAL from the start, F_ADD_SEALS EPERM",
	      sealed_from_start),
	CHECK("seals only add up; F_SEAL_SEAL ends it; unknown bits EINVAL", seals_add_up),
	FAULTLINE_ONLY("F_ADD_SEALS with bits above 32: EINVAL", seals_upper_bits,
		       "Linux 6.1 does this; later kernels read an int"),
	CHECK("F_SEAL_SHRINK and F_SEAL_GROW: ftruncate and writes past the end EPERM",
	      shrink_and_grow),
	CHECK("F_SEAL_GROW: a write across the end stops at the last page boundary inside",
	      grow_write_across_end),
	CHECK("F_SEAL_WRITE: EBUSY while a shared mapping may write", seal_write_busy),
	CHECK("F_SEAL_WRITE: write() and shared writable mmap EPERM, no mprotect to writable, "
	      "private copies allowed", seal_write_holds),
	CHECK("F_SEAL_FUTURE_WRITE: old shared mappings write, new ones and write() EPERM",
	      seal_future_write),
	CHECK("seals on a pipe or /dev/null: EINVAL (EPERM without write access)", other_files),
	FAULTLINE_ONLY("seals on a ramfs file: EINVAL", ramfs_file,
		       "on the host the file system decides (tmpfs: F_SEAL_SEAL)"),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
