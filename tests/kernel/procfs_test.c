/* tests/kernel/procfs_test.c — suite `procfs`: opening and reading /proc
 * needs no memory that can run out (issue 12.4), shown with every frame
 * and every free kmalloc slot taken:
 *
 *	hog: alloc_page() until it fails, then kmalloc(16 .. 2048) of each
 *	     class until it fails (the partly used slab pages' free slots)
 *	open /proc/meminfo 8 times      the struct files come from file.c's
 *	                                reserve (8), the text from procfs's
 *	                                static buffer (no snapshot)
 *	a 9th open                      -ENOMEM: the reserve is finite
 *	read in 7-byte pieces           MemFree: 0 kB, each piece whole
 *	/proc/mm_audit                  the audit runs ("ok: ..."): its counts
 *	                                were taken at boot
 *
 * Then everything goes back; the suite's free-frame check sees it. */
#include "kernel/ktest.h"
#include "kernel/fs/fs.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"

#define RESERVE	8		/* file.c's FILE_RESERVE */

/* Every free frame, chained through their first word; the chain. */
static void *hog_pages(void)
{
	void *head = NULL;
	struct page *p;
	while ((p = alloc_page())) {
		void **v = page_address(p);
		*v = head;
		head = v;
	}
	return head;
}

/* Every free slot of every size class, chained likewise. */
static void *hog_slots(void)
{
	void *head = NULL;
	for (size_t size = KMALLOC_MIN_SIZE; size <= KMALLOC_MAX_SMALL; size *= 2) {
		void **o;
		while ((o = kmalloc(size))) {
			*o = head;
			head = o;
		}
	}
	return head;
}

static void unhog(void *pages, void *slots)
{
	while (slots) {
		void *next = *(void **)slots;
		kfree(slots);
		slots = next;
	}
	while (pages) {
		void *next = *(void **)pages;
		__free_page(virt_to_page(pages));
		pages = next;
	}
}

/* The text of fd, read `step` bytes at a time into buf (NUL-terminated). */
static ssize_t read_all(int fd, char *buf, size_t size, size_t step)
{
	ssize_t len = 0, n;
	while (len < (ssize_t)size - 1 &&
	       (n = vfs_read(fd, buf + len, MIN(step, size - 1 - (size_t)len))) > 0)
		len += n;
	buf[len] = 0;
	return len;
}

static char text[16384];

/* Bytes to the start of the next line (past the '\n'). */
static size_t strcspn_nl(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != '\n')
		n++;
	return s[n] ? n + 1 : n;
}

static void oom_open_and_read(struct ktest *t)
{
	int fds[RESERVE + 1];
	void *pages = hog_pages(), *slots = hog_slots();

	KEXPECT_EQ(t, nr_free_pages(), 0UL);
	for (int i = 0; i < RESERVE; i++) {
		fds[i] = vfs_open("/proc/meminfo", O_RDONLY, 0);
		KEXPECT_GE(t, fds[i], 0);
	}
	fds[RESERVE] = vfs_open("/proc/meminfo", O_RDONLY, 0);
	KEXPECT_EQ(t, fds[RESERVE], -ENOMEM);
	KEXPECT_GT(t, read_all(fds[0], text, sizeof(text), 7), 0);
	KEXPECT_EQ(t, strncmp(text, "MemTotal:", 9), 0);
	const char *l = text;				/* the MemFree line */
	while (*l && strncmp(l, "MemFree:", 8))
		l += strcspn_nl(l);
	KEXPECT_EQ(t, strncmp(l, "MemFree:               0 kB\n", 28), 0);
	for (int i = 0; i < RESERVE; i++)
		if (fds[i] >= 0)
			KEXPECT_EQ(t, vfs_close(fds[i]), 0);

	int fd = vfs_open("/proc/mm_audit", O_RDONLY, 0);
	KEXPECT_GE(t, fd, 0);
	if (fd >= 0) {
		KEXPECT_GT(t, read_all(fd, text, sizeof(text), sizeof(text)), 0);
		KEXPECT_EQ(t, strncmp(text, "ok: ", 4), 0);
		KEXPECT_EQ(t, vfs_close(fd), 0);
	}
	KEXPECT_EQ(t, nr_free_pages(), 0UL);
	unhog(pages, slots);
}

KTEST_SUITE(procfs, KTEST_CASE(oom_open_and_read));
