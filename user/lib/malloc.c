/* malloc.c — a size-class allocator over mmap.
 *
 * Every block starts with a 16-byte header (so the memory handed out is
 * 16-byte aligned, as the ABI wants):
 *
 *     [ size | magic ][ user memory ............ ]
 *                     ^ the pointer malloc returns
 *
 * Small requests are rounded up to a power of two from 16 B to 32 KiB (12
 * classes). Each class has a free list threaded through the freed blocks;
 * new blocks are carved from 64 KiB chunks taken with mmap. Small blocks go
 * back on their list, never to the kernel. Larger requests get their own
 * mapping, returned with munmap on free.
 *
 * The heap uses mmap, not brk, so tests of brk see the break untouched. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>

#define HDR		16
#define MIN_SHIFT	4			/* smallest class: 16 bytes */
#define NCLASSES	12			/* 16 B .. 32 KiB */
#define MAX_SMALL	(1UL << (MIN_SHIFT + NCLASSES - 1))
#define CHUNK		(64UL * 1024)
#define MAGIC_USED	0x6d616c6c6f63ed01UL	/* a live block */
#define MAGIC_FREE	0x6d616c6c6f63f4eeUL	/* on a free list */
#define MAGIC_BIG	0x6d616c6c6f63b160UL	/* a mapping of its own */

struct header {
	size_t size;		/* usable bytes after the header */
	unsigned long magic;
};

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[NCLASSES];
static char *chunk_next, *chunk_end;	/* the unused tail of the current chunk */

static __attribute__((noreturn)) void heap_corrupt(const char *what)
{
	static const char prefix[] = "malloc: ";
	write(2, prefix, sizeof(prefix) - 1);
	write(2, what, strlen(what));
	write(2, "\n", 1);
	abort();
}

static int size_class(size_t n)
{
	int c = 0;

	while ((1UL << (MIN_SHIFT + c)) < n)
		c++;
	return c;
}

/* A new block of class c from the current chunk (or a fresh one). */
static struct header *carve(int c)
{
	size_t need = HDR + (1UL << (MIN_SHIFT + c));
	struct header *h;

	if ((size_t)(chunk_end - chunk_next) < need) {
		char *chunk = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (chunk == MAP_FAILED)
			return NULL;	/* the tail of the old chunk is left unused */
		chunk_next = chunk;
		chunk_end = chunk + CHUNK;
	}
	h = (struct header *)chunk_next;
	chunk_next += need;
	h->size = need - HDR;
	return h;
}

static void *malloc_big(size_t n)
{
	size_t len = (n + HDR + 4095) & ~4095UL;
	struct header *h;

	if (len < n)
		return NULL;	/* overflow */
	h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (h == MAP_FAILED)
		return NULL;
	h->size = len - HDR;
	h->magic = MAGIC_BIG;
	return h + 1;
}

void *malloc(size_t n)
{
	struct header *h;
	int c;

	if (n == 0)
		n = 1;
	if (n > MAX_SMALL)
		return malloc_big(n);
	c = size_class(n);
	if (free_lists[c]) {
		h = (struct header *)free_lists[c] - 1;
		if (h->magic != MAGIC_FREE)
			heap_corrupt("free list corrupted");
		free_lists[c] = free_lists[c]->next;
	} else {
		h = carve(c);
		if (!h)
			return NULL;
	}
	h->magic = MAGIC_USED;
	return h + 1;
}

void free(void *p)
{
	struct header *h;
	struct free_block *b = p;

	if (!p)
		return;
	h = (struct header *)p - 1;
	if (h->magic == MAGIC_BIG) {
		munmap(h, h->size + HDR);
		return;
	}
	if (h->magic == MAGIC_FREE)
		heap_corrupt("double free");
	if (h->magic != MAGIC_USED)
		heap_corrupt("free of a pointer malloc did not return");
	h->magic = MAGIC_FREE;
	b->next = free_lists[size_class(h->size)];
	free_lists[size_class(h->size)] = b;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	struct header *h;
	void *q;

	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	h = (struct header *)p - 1;
	if (n <= h->size)
		return p;	/* it still fits */
	q = malloc(n);
	if (q) {
		memcpy(q, p, h->size);
		free(p);
	}
	return q;
}
