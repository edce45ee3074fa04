/* blk_virtio — /dev/vda, the virtio disk, as a file: read, write and lseek
 * at any offset, the size ioctls, the end of the disk, and the errors.
 *
 * The disk is scripts/mkdisk.py's image (the boot disk.virtio attaches it):
 * every sector n holds the 16-byte line "flsector %6d\n" % n, 32 times, so
 * any byte of the disk is known.  A check that writes puts the pattern back
 * before it ends, so the disk is the same after the program as before.
 *
 * Where /dev/vda is not that disk, every check is skipped, saying why: the
 * boots without a disk, and the Linux host, whose /dev/vda may be its root
 * disk (sector 0 is checked before anything is opened for writing).  On the
 * disk the checks are Linux's behaviour (block/fops.c), and run the same on
 * a Linux guest given the same image.
 *
 * Every check runs in a child process of its own with its own descriptors. */
#include "check.h"
#include <sys/ioctl.h>

#define SECTOR		512L
#define LINE		16L
#define DISK		"/dev/vda"
/* linux/fs.h's block ioctls (not included: this libc has its own headers) */
#define BLKGETSIZE	0x1260		/* unsigned long: 512-byte sectors */
#define BLKSSZGET	0x1268		/* int: logical sector size */
#define BLKGETSIZE64	0x80081272	/* u64: bytes */
#define VIRTBLK_MAJOR	254

static long disk_size;			/* bytes: set by main before the first fork */

/* The byte at offset off of the pattern disk. */
static char pattern_byte(long off)
{
	char line[LINE + 1];
	snprintf(line, sizeof(line), "flsector %6ld\n", off / SECTOR);
	return line[off % LINE];
}

/* buf holds the pattern's n bytes from off; else a diagnostic at the
 * first byte that differs. */
static int is_pattern(const char *buf, long off, long n)
{
	for (long i = 0; i < n; i++)
		if (buf[i] != pattern_byte(off + i))
			return expect(0, "byte at %ld is %#x, want %#x (sector %ld's pattern)", off + i,
				      (unsigned char)buf[i], (unsigned char)pattern_byte(off + i),
				      (off + i) / SECTOR);
	return 1;
}

static void fill_pattern(char *buf, long off, long n)
{
	for (long i = 0; i < n; i++)
		buf[i] = pattern_byte(off + i);
}

/* Put the pattern back over n bytes at off: 1, or 0 with a diagnostic. */
static int restore(int fd, long off, long n)
{
	static char buf[4 * 4096];
	fill_pattern(buf, off, n);
	return expect(pwrite(fd, buf, n, off) == n, "restoring the pattern at %ld", off);
}

static int open_disk(int flags)
{
	int fd = open(DISK, flags);
	if (fd < 0)
		diag("open " DISK ": %s", strerror(errno));
	return fd;
}

/* ---- the node and its size ---- */

static int fstat_is_blkdev(void)
{
	return expect_dev_node(open_disk(O_RDONLY), S_IFBLK, VIRTBLK_MAJOR, 0);
}

static int size_ioctls(void)
{
	int fd = open_disk(O_RDONLY);
	unsigned long long bytes = 0;
	unsigned long sectors = 0;
	int ssz = 0;
	EXPECT(fd >= 0);
	EXPECT_EQ(ioctl(fd, BLKGETSIZE64, &bytes), 0);
	EXPECT_EQ(ioctl(fd, BLKGETSIZE, &sectors), 0);
	EXPECT_EQ(ioctl(fd, BLKSSZGET, &ssz), 0);
	EXPECT_EQ(bytes, disk_size);
	EXPECT_EQ(sectors, disk_size / SECTOR);
	EXPECT_EQ(ssz, SECTOR);
	EXPECT_ERRNO(ioctl(fd, BLKGETSIZE64, (void *)8), EFAULT);
	EXPECT_ERRNO(ioctl(fd, 0x5401 /* TCGETS */, &bytes), ENOTTY);
	return 1;
}

/* ---- reading ---- */

/* The whole disk, 64 KiB at a time: every sector its own number (the
 * last one too: the size the ioctl gives is the disk's). */
static int read_whole_disk(void)
{
	static char buf[65536];
	int fd = open_disk(O_RDONLY);
	long off = 0, n;
	EXPECT(fd >= 0);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		EXPECT(is_pattern(buf, off, n));
		off += n;
	}
	EXPECT_EQ(n, 0);
	EXPECT_EQ(off, disk_size);
	return 1;
}

/* Offsets and lengths that are not whole sectors: across one boundary,
 * inside one sector, across a page of sectors. */
static int read_unaligned(void)
{
	static const long at[][2] = { { 7 * SECTOR + 500, 100 }, { 3 * SECTOR + 17, 5 },
				      { 4096 - 1, 2 }, { 300, 3 * 4096 + 100 } };
	char buf[4 * 4096];
	int fd = open_disk(O_RDONLY);
	EXPECT(fd >= 0);
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		EXPECT_EQ(pread(fd, buf, at[i][1], at[i][0]), at[i][1]);
		EXPECT(is_pattern(buf, at[i][0], at[i][1]));
	}
	EXPECT_EQ(lseek(fd, 9 * SECTOR + 3, SEEK_SET), 9 * SECTOR + 3);
	EXPECT_EQ(read(fd, buf, 1000), 1000);
	EXPECT(is_pattern(buf, 9 * SECTOR + 3, 1000));
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 9 * SECTOR + 1003);
	return 1;
}

/* Three processes reading the disk at once: their requests are in the
 * queue together, each sleeps until its own completes. */
static int concurrent_readers(void)
{
	pid_t pids[3];
	for (int i = 0; i < 3; i++) {
		pids[i] = fork_flushed();
		if (pids[i] == 0)
			_exit(read_whole_disk() ? 0 : 1);
		EXPECT(pids[i] > 0);
	}
	int bad = 0;
	for (int i = 0; i < 3; i++)
		bad += wait_status(pids[i]) != 0;
	EXPECT_EQ(bad, 0);
	return 1;
}

/* ---- writing ---- */

/* Two whole sectors written, read back, the pattern put back. */
static int write_sectors(void)
{
	char buf[2 * SECTOR], back[2 * SECTOR];
	const long off = 10 * SECTOR;
	int fd = open_disk(O_RDWR);
	EXPECT(fd >= 0);
	for (long i = 0; i < 2 * SECTOR; i++)
		buf[i] = (char)(i * 7 + 1);
	EXPECT_EQ(pwrite(fd, buf, sizeof(buf), off), sizeof(buf));
	EXPECT_EQ(pread(fd, back, sizeof(back), off), sizeof(back));
	EXPECT(memcmp(buf, back, sizeof(buf)) == 0);
	EXPECT_EQ(pread(fd, back, SECTOR, off + 2 * SECTOR), SECTOR);	/* the next one: untouched */
	EXPECT(is_pattern(back, off + 2 * SECTOR, SECTOR));
	return restore(fd, off, sizeof(buf));
}

/* 10 bytes across a sector boundary: the sectors are read, changed and
 * written back, so the other bytes of both sectors stay. */
static int write_unaligned_keeps_neighbours(void)
{
	char back[3 * SECTOR];
	const long off = 20 * SECTOR + 507;
	int fd = open_disk(O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_EQ(pwrite(fd, "0123456789", 10, off), 10);
	EXPECT_EQ(pread(fd, back, sizeof(back), 20 * SECTOR), sizeof(back));
	EXPECT(is_pattern(back, 20 * SECTOR, 507));
	EXPECT(memcmp(back + 507, "0123456789", 10) == 0);
	EXPECT(is_pattern(back + 517, off + 10, sizeof(back) - 517));
	return restore(fd, 20 * SECTOR, 2 * SECTOR);
}

/* Several pages from an odd offset, through write() at the file offset. */
static int write_pages_unaligned(void)
{
	static char buf[3 * 4096 + 100], back[3 * 4096 + 100];
	const long off = 40 * SECTOR + 300;
	int fd = open_disk(O_RDWR);
	EXPECT(fd >= 0);
	for (unsigned long i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i % 251);
	EXPECT_EQ(lseek(fd, off, SEEK_SET), off);
	EXPECT_EQ(write(fd, buf, sizeof(buf)), sizeof(buf));
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), off + (long)sizeof(buf));
	EXPECT_EQ(pread(fd, back, sizeof(back), off), sizeof(back));
	EXPECT(memcmp(buf, back, sizeof(buf)) == 0);
	EXPECT_EQ(pread(fd, back, 300, 40 * SECTOR), 300);
	EXPECT(is_pattern(back, 40 * SECTOR, 300));
	return restore(fd, off, sizeof(buf));
}

/* A write is on the disk for a new open (no cache of this descriptor). */
static int write_seen_by_new_open(void)
{
	char back[4];
	const long off = 50 * SECTOR + 1;
	int fd = open_disk(O_WRONLY), fd2;
	EXPECT(fd >= 0);
	EXPECT_EQ(pwrite(fd, "abcd", 4, off), 4);
	EXPECT_EQ(fsync(fd), 0);
	EXPECT((fd2 = open_disk(O_RDONLY)) >= 0);
	EXPECT_EQ(pread(fd2, back, 4, off), 4);
	EXPECT(memcmp(back, "abcd", 4) == 0);
	close(fd2);
	return restore(fd, 50 * SECTOR, SECTOR);
}

/* ---- the end of the disk, and errors ---- */

/* As Linux's blkdev_read_iter/blkdev_write_iter: at the end a read is
 * 0 and a write ENOSPC; across it both are cut short. */
static int end_of_disk(void)
{
	char buf[64];
	int fd = open_disk(O_RDWR);
	EXPECT(fd >= 0);
	EXPECT_EQ(pread(fd, buf, sizeof(buf), disk_size), 0);
	EXPECT_EQ(pread(fd, buf, sizeof(buf), disk_size - 10), 10);
	EXPECT(is_pattern(buf, disk_size - 10, 10));
	EXPECT_ERRNO(pwrite(fd, buf, sizeof(buf), disk_size), ENOSPC);
	EXPECT_ERRNO(pwrite(fd, buf, 1, disk_size + 4096), ENOSPC);
	EXPECT_EQ(pwrite(fd, buf, 0, disk_size), 0);
	EXPECT_EQ(pwrite(fd, "XYZW", 4, disk_size - 2), 2);	/* cut at the end */
	EXPECT_EQ(pread(fd, buf, 4, disk_size - 4), 2 + 2);
	EXPECT(is_pattern(buf, disk_size - 4, 2) && buf[2] == 'X' && buf[3] == 'Y');
	return restore(fd, disk_size - SECTOR, SECTOR);
}

/* lseek: SEEK_END is the disk's size (fixed_size_llseek), and no seek
 * leaves 0..size. */
static int lseek_bounds(void)
{
	int fd = open_disk(O_RDONLY);
	EXPECT(fd >= 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), disk_size);
	EXPECT_EQ(lseek(fd, -SECTOR, SEEK_END), disk_size - SECTOR);
	EXPECT_ERRNO(lseek(fd, 1, SEEK_END), EINVAL);
	EXPECT_ERRNO(lseek(fd, disk_size + 1, SEEK_SET), EINVAL);
	EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), disk_size - SECTOR);	/* failed seeks moved nothing */
	return 1;
}

static int wrong_mode_ebadf(void)
{
	char buf[SECTOR];
	int rd = open_disk(O_RDONLY), wr = open_disk(O_WRONLY);
	EXPECT(rd >= 0 && wr >= 0);
	EXPECT_ERRNO(write(rd, buf, sizeof(buf)), EBADF);
	EXPECT_ERRNO(read(wr, buf, sizeof(buf)), EBADF);
	close(rd);
	EXPECT_ERRNO(read(rd, buf, sizeof(buf)), EBADF);
	EXPECT_ERRNO(ioctl(rd, BLKGETSIZE64, buf), EBADF);
	return 1;
}

static const struct check checks[] = {
	CHECK("fstat: a block device, major 254 minor 0", fstat_is_blkdev),
	CHECK("BLKGETSIZE64, BLKGETSIZE, BLKSSZGET: the disk's size; EFAULT, ENOTTY", size_ioctls),
	CHECK("read of the whole disk: every sector holds its number", read_whole_disk),
	CHECK("read at offsets and lengths that are not whole sectors", read_unaligned),
	CHECK("three processes read the whole disk at once", concurrent_readers),
	CHECK("write of two whole sectors reads back; the next is untouched", write_sectors),
	CHECK("write of 10 bytes across a sector boundary keeps the rest of both sectors",
	      write_unaligned_keeps_neighbours),
	CHECK("write of three pages from an odd offset reads back", write_pages_unaligned),
	CHECK("a write is seen by a new open", write_seen_by_new_open),
	CHECK("the end: read 0, write ENOSPC, both cut short across it", end_of_disk),
	CHECK("lseek: SEEK_END is the size; EINVAL outside 0..size", lseek_bounds),
	CHECK("read on O_WRONLY, write on O_RDONLY, a closed fd: EBADF", wrong_mode_ebadf),
};

/* Is /dev/vda the pattern disk?  NULL if so (and disk_size set), else why not. */
static const char *not_the_disk(char *why, size_t size)
{
	char buf[SECTOR];
	int fd = open(DISK, O_RDONLY);
	if (fd < 0) {
		snprintf(why, size, "no " DISK " here (%s)", strerror(errno));
		return why;
	}
	ssize_t n = read(fd, buf, sizeof(buf));
	disk_size = lseek(fd, 0, SEEK_END);
	close(fd);
	for (long i = 0; n == SECTOR && i < SECTOR; i++)
		if (buf[i] != pattern_byte(i))
			n = 0;
	if (n != SECTOR || disk_size <= 0) {
		snprintf(why, size, DISK " is not scripts/mkdisk.py's test disk (sector 0 differs): "
			 "nothing is written to it");
		return why;
	}
	return NULL;
}

int main(void)
{
	char why[160];
	const char *skip_all = not_the_disk(why, sizeof(why));
	plan(NCHECKS(checks));
	for (int i = 0; i < NCHECKS(checks); i++) {
		if (skip_all)	/* named, so the runner's line says which check */
			ok(1, "%s # SKIP %s", checks[i].name, skip_all);
		else
			run_check(&checks[i]);
	}
	return done_testing();
}
