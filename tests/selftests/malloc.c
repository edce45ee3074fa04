/* tests/selftests/malloc.c — malloc as glibc places it, for Linux's mm
 * selftests built with musl (docs/selftests.md, "What is adapted").
 *
 * Why: the tests were written against glibc, whose malloc takes small
 * blocks from the brk heap; musl's (mallocng) takes them from pages it
 * mmaps.  Such a page lands just below the test's own newest anonymous
 * mapping, with the same protection, and the kernel merges the two VMAs.
 * vm_util.c's __get_smap_entry() looks a mapping up in /proc/self/smaps by
 * the line that *starts* at its address, so after fopen()'s buffer merged
 * with it, softdirty_supported() finds no VmFlags and the test bails out
 * (madv_populate and soft-dirty do so on Linux too, built with musl).  So
 * here, as in glibc: blocks up to 128 KiB come from brk (glibc's
 * M_MMAP_THRESHOLD), larger ones are mmapped one by one; brk failing falls
 * back to mmap, as glibc's main arena does.
 *
 * A small allocator: power-of-two size classes, one free list each, a
 * 16-byte header before every block, one lock (some tests have threads).
 * musl supports replacing malloc in a static link: these definitions are
 * taken instead of its own (its internal __libc_malloc users keep theirs). */
#define _GNU_SOURCE		/* syscall */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MIN_SHIFT	5			/* the smallest class: 32 bytes, header included */
#define MAX_SHIFT	17			/* up to 128 KiB from brk (glibc's threshold) */
#define HEAP_STEP	(256 * 1024)		/* brk grows by at least this much */

struct header {
	size_t size;		/* the class's size (a power of two), or an mmapped block's length */
	struct header *base;	/* the block's own header (memalign: an earlier one); on a
				 * free list, the next free block */
};

static struct header *free_list[MAX_SHIFT + 1];
static char *heap_next, *heap_end;
static volatile char lock_word;

static void lock(void)
{
	while (__atomic_test_and_set(&lock_word, __ATOMIC_ACQUIRE))
		sched_yield();
}

static void unlock(void)
{
	__atomic_clear(&lock_word, __ATOMIC_RELEASE);
}

static int class_of(size_t total)
{
	int shift = MIN_SHIFT;
	while (((size_t)1 << shift) < total)
		shift++;
	return shift;
}

/* `size` bytes from the brk heap (called locked), or NULL.  The brk system
 * call itself: musl's sbrk() refuses any increment but 0. */
static void *heap_take(size_t size)
{
	if ((size_t)(heap_end - heap_next) < size) {
		size_t grow = size > HEAP_STEP ? size : HEAP_STEP;
		char *start = (char *)syscall(SYS_brk, 0);
		if ((char *)syscall(SYS_brk, start + grow) != start + grow)
			return NULL;
		if (start != heap_end)			/* not contiguous: start afresh */
			heap_next = start;
		heap_end = start + grow;
	}
	void *p = heap_next;
	heap_next += size;
	return p;
}

static void *big_alloc(size_t total)
{
	total = (total + 4095) & ~(size_t)4095;
	struct header *h = mmap(NULL, total, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED)
		return NULL;
	h->size = total;
	h->base = h;
	return h + 1;
}

/* A block of n bytes (its header before it), or NULL with errno set. */
static void *alloc_block(size_t n)
{
	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	size_t total = n + sizeof(struct header);
	if (total > ((size_t)1 << MAX_SHIFT)) {
		void *p = big_alloc(total);
		if (!p)
			errno = ENOMEM;
		return p;
	}
	int c = class_of(total);
	lock();
	struct header *h = free_list[c];
	if (h)
		free_list[c] = h->base;
	else
		h = heap_take((size_t)1 << c);
	unlock();
	if (!h) {				/* no brk: mmap, as glibc's arena does */
		void *p = big_alloc((size_t)1 << c);
		if (!p)
			errno = ENOMEM;
		return p;
	}
	h->size = (size_t)1 << c;
	h->base = h;
	return h + 1;
}

void *malloc(size_t n)
{
	return alloc_block(n);
}

void free(void *p)
{
	if (!p)
		return;
	struct header *h = (struct header *)p - 1;
	h = h->base;
	if (h->size > ((size_t)1 << MAX_SHIFT)) {	/* mmapped by itself */
		munmap(h, h->size);
		return;
	}
	/* (a small block mmapped when brk failed is a whole page or more: a
	 * power of two too, kept on its class's list like the others) */
	int c = class_of(h->size);
	lock();
	h->base = free_list[c];
	free_list[c] = h;
	unlock();
}

size_t malloc_usable_size(void *p)
{
	if (!p)
		return 0;
	struct header *h = (struct header *)p - 1;
	return (char *)h->base + h->base->size - (char *)p;
}

void *calloc(size_t m, size_t n)
{
	if (n && m > SIZE_MAX / n) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = alloc_block(m * n);
	if (p)
		memset(p, 0, m * n);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	size_t have = malloc_usable_size(p);
	if (n <= have)
		return p;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}

void *aligned_alloc(size_t align, size_t n)
{
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	if (align <= sizeof(struct header))
		return malloc(n);
	if (n > SIZE_MAX / 2 - align) {
		errno = ENOMEM;
		return NULL;
	}
	struct header *raw = alloc_block(n + align + sizeof(struct header));
	if (!raw)
		return NULL;
	struct header *base = raw[-1].base;
	uintptr_t at = ((uintptr_t)(raw + 1) + align - 1) & ~(uintptr_t)(align - 1);
	struct header *h = (struct header *)at - 1;
	h->base = base;				/* free() and malloc_usable_size() find the block */
	h->size = 0;
	return (void *)at;
}

void *memalign(size_t align, size_t n)
{
	return aligned_alloc(align, n);
}

int posix_memalign(void **res, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	void *p = aligned_alloc(align, n);
	if (!p)
		return ENOMEM;
	*res = p;
	return 0;
}
