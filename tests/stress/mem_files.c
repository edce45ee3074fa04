/* tests/stress/mem_files.c — ramfs until RAM runs out, and huge write()s.
 *
 * ramfs keeps every file in memory: its pages are the page cache, and
 * nothing can write them back.  Files written in /tmp until a write fails
 * fill RAM; the write that finds no page returns what it wrote so far, or
 * -1 with ENOSPC or ENOMEM (Linux's ramfs: ENOSPC when the page cache
 * cannot grow, ENOMEM elsewhere), never an OOM kill of the writer, since no
 * fault is involved.  Unlinking the files gives every frame back.
 *
 * One write() of 1 GiB from a mapping (read-only anonymous memory: the
 * zero page) into a file stops short when memory runs out, and the file
 * holds exactly what the call said it wrote; to /dev/null from a mapping
 * with a hole at 256 MiB it writes the 256 MiB before the hole and stops
 * there, as Linux.  runtests checks MemFree and /proc/mm_audit
 * after the program.
 *
 * Hostile: it exhausts the machine's memory, so it runs only inside
 * faultline (require_faultline; tests/hostile.h). */
#include "stress.h"
#include <sys/stat.h>

#define DIR		"/tmp/stress_files"
#define FILE_SIZE	(1 * MiB)
#define MAX_FILES	4096

static char chunk[64 * 1024];

static void file_name(char *buf, size_t size, int i)
{
	snprintf(buf, size, DIR "/f%04d", i);
}

static int files_until_full(void)
{
	static char name[64];
	long total = 0, last_len = 0;
	int nfiles = 0, err = 0;
	memset(chunk, 0x5a, sizeof(chunk));
	EXPECT_EQ(mkdir(DIR, 0755), 0);
	/* fill: nothing printed until the files are gone */
	while (!err && nfiles < MAX_FILES) {
		file_name(name, sizeof(name), nfiles);
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0) {
			err = errno;
			break;
		}
		nfiles++;
		last_len = 0;
		while (last_len < (long)FILE_SIZE) {
			long w = write(fd, chunk, sizeof(chunk));
			if (w < 0)
				err = errno;
			if (w > 0)
				last_len += w;
			if (w < (long)sizeof(chunk)) {
				if (!err)
					err = -1;	/* a short write: out of room */
				break;
			}
		}
		total += last_len;
		close(fd);
	}
	/* all go; the last one, once there is room again, holds what the
	 * writes said */
	for (int i = 0; i < nfiles - 1; i++) {
		file_name(name, sizeof(name), i);
		unlink(name);
	}
	struct stat st = { 0 };
	file_name(name, sizeof(name), nfiles - 1);
	int stat_r = stat(name, &st);
	unlink(name);
	int rmdir_r = rmdir(DIR);
	/* and a file can be made and written again */
	int fd = open("stress_again", O_RDWR | O_CREAT | O_TRUNC, 0644);
	long again = fd >= 0 ? write(fd, chunk, sizeof(chunk)) : -1;
	close(fd);
	unlink("stress_again");

	diag("%d files, %ld MiB written; the last write: %s", nfiles, total >> 20,
	     err == -1 ? "short" : strerror(err));
	return expect(err == -1 || err == ENOSPC || err == ENOMEM,
		      "the filling ended with errno %d (%s), want a short write, ENOSPC or ENOMEM",
		      err, strerror(err > 0 ? err : 0)) &
	       expect(total > (long)(mem_total() / 2), "only %ld MiB written before a failure",
		      total >> 20) &
	       expect_eq(stat_r, 0, "stat of the last file") &
	       expect_eq(st.st_size, last_len, "the last file's size, want what write returned") &
	       expect_eq(rmdir_r, 0, "rmdir of the emptied directory") &
	       expect_eq(again, sizeof(chunk), "a write after the files went") &
	       kernel_alive("ramfs files");
}

/* 1 GiB of read-only anonymous memory, its zero-page PTEs (and their page
 * tables: 2 MiB) made now, so that copying from it later needs no frame. */
static char *zero_gib(void)
{
	char *p = mmap(NULL, GiB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static int huge_write_to_file(void)
{
	char *src = zero_gib();
	EXPECT(src);
	int fd = open("stress_huge", O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	long r = write(fd, src, GiB);
	int e = errno;
	struct stat st = { 0 };
	fstat(fd, &st);
	close(fd);
	unlink("stress_huge");
	munmap(src, GiB);
	diag("write of 1 GiB into ramfs returned %ld (%ld MiB)", r, r >> 20);
	if (r < 0)
		return expect(e == ENOSPC || e == ENOMEM, "write: errno %d (%s)", e, strerror(e)) &
		       kernel_alive("a huge write into a file");
	return expect(mem_total() >= GiB || r < (long)GiB,
		      "write of 1 GiB with %lu MiB of RAM returned all of it", mem_total() >> 20) &
	       expect(r > (long)(mem_total() / 2), "write stopped at %ld MiB", r >> 20) &
	       expect_eq(st.st_size, r, "file size after the write, want what write returned") &
	       kernel_alive("a huge write into a file");
}

/* The mapping's last 3/4 unmapped: write returns the first quarter. */
static int huge_write_up_to_a_hole(void)
{
	char *src = zero_gib();
	EXPECT(src);
	EXPECT_EQ(munmap(src + GiB / 4, GiB / 4 * 3), 0);
	int fd = open("/dev/null", O_WRONLY);
	EXPECT(fd >= 0);
	long r = write(fd, src, GiB);
	close(fd);
	munmap(src, GiB / 4);
	return expect_eq(r, GiB / 4, "write of 1 GiB whose last 3/4 are not mapped") &
	       kernel_alive("a huge write up to a hole");
}

static const struct check checks[] = {
	CHECK("1 MiB files in /tmp until RAM is full: a short write or ENOSPC/ENOMEM, "
	      "then all unlinked", files_until_full),
	CHECK("write(fd, 1 GiB mapping, 1 GiB) into ramfs: short when RAM runs out, the file "
	      "holds what it returned", huge_write_to_file),
	CHECK("write of 1 GiB from a mapping with a hole at 256 MiB: 256 MiB", huge_write_up_to_a_hole),
};

int main(int argc __attribute__((unused)), char **argv)
{
	require_faultline(argv[0]);
	return run_checks(checks, NCHECKS(checks));
}
