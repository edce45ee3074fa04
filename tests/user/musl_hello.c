/* tests/user/musl_hello.c — a program of standard C only, built by musl-gcc
 * -static (user/user.mk), not with our libc: musl's start-up code (TLS via
 * arch_prctl, set_tid_address, the auxiliary vector), its stdio (buffered
 * FILEs over writev/readv/lseek), its malloc (brk and mmap) and its qsort
 * and printf must run unchanged in faultline as on Linux.
 *
 * It prints TAP itself, with printf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#define SCRATCH	"musl_hello.tmp"
#define PLANNED	15

static int run, failed;

static void check(int pass, const char *name)
{
	run++;
	if (!pass)
		failed++;
	printf("%sok %d - %s\n", pass ? "" : "not ", run, name);
}

static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_printf(void)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%d %5.2f %s %x %-3c| %ld", -42, 3.14159, "str", 0xbeef, 'z',
		 1234567890123L);
	check(!strcmp(buf, "-42  3.14 str beef z  | 1234567890123"), "snprintf formats ints, floats, strings");
	check(strtol("-0x1f", NULL, 16) == -31 && strtod("2.5e3", NULL) == 2500.0,
	      "strtol and strtod parse");
}

static void test_malloc(void)
{
	/* small blocks, a big one (mmap'ed by musl) and realloc growing */
	char *small[64];
	int good = 1;
	for (int i = 0; i < 64; i++) {
		small[i] = malloc(16 + i * 8);
		if (!small[i])
			good = 0;
		else
			memset(small[i], i, 16 + i * 8);
	}
	for (int i = 0; i < 64 && good; i++)
		for (int j = 0; j < 16 + i * 8; j++)
			if (small[i][j] != (char)i)
				good = 0;
	for (int i = 0; i < 64; i++)
		free(small[i]);
	check(good, "malloc: 64 small blocks keep their contents");

	size_t big = 1 << 20;
	unsigned char *p = malloc(big);
	good = p != NULL;
	for (size_t i = 0; good && i < big; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (size_t i = 0; good && i < big; i += 4096)
		good = p[i] == (unsigned char)(i >> 12);
	free(p);
	check(good, "malloc: a 1 MiB block is usable");

	int *v = NULL;
	good = 1;
	for (int n = 1; n <= 4096 && good; n *= 2) {
		int *w = realloc(v, n * sizeof(int));
		if (!w) {
			good = 0;
			break;
		}
		v = w;
		v[n - 1] = n;
		if (n > 1 && v[n / 2 - 1] != n / 2)
			good = 0;		/* the old contents moved along */
	}
	free(v);
	check(good, "realloc keeps the contents as the block grows");
	int *z = calloc(1000, sizeof(int));
	good = z != NULL;
	for (int i = 0; good && i < 1000; i++)
		good = z[i] == 0;
	free(z);
	check(good, "calloc gives zeros");
}

static void test_qsort(void)
{
	int v[200];
	unsigned x = 12345;
	for (int i = 0; i < 200; i++) {
		x = x * 1103515245 + 12345;
		v[i] = (int)(x >> 8) % 1000 - 500;
	}
	qsort(v, 200, sizeof(v[0]), by_value);
	int sorted = 1;
	for (int i = 1; i < 200; i++)
		if (v[i - 1] > v[i])
			sorted = 0;
	check(sorted, "qsort sorts 200 ints");
	char *words[] = { "pear", "apple", "fig", "banana", "cherry" };
	qsort(words, 5, sizeof(words[0]), by_string);
	check(!strcmp(words[0], "apple") && !strcmp(words[4], "pear"), "qsort sorts strings");
}

static void test_files(void)
{
	FILE *f = fopen(SCRATCH, "w");
	check(f != NULL, "fopen a scratch file for writing");
	if (!f)
		return;
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
	check(fclose(f) == 0, "fclose flushes and closes");

	f = fopen(SCRATCH, "r");
	char line[64];
	int lines = 0, good = f != NULL;
	while (good && fgets(line, sizeof(line), f)) {
		char want[64];
		snprintf(want, sizeof(want), "line %d: %s\n", lines, lines % 2 ? "odd" : "even");
		if (strcmp(line, want))
			good = 0;
		lines++;
	}
	check(good && lines == 100, "fgets reads back the 100 lines");
	if (f) {
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		fseek(f, 5, SEEK_SET);
		int c = fgetc(f);
		check(size > 1000 && c == '0', "fseek/ftell: the size and a byte at an offset");
		fclose(f);
	}
	f = fopen(SCRATCH, "a");
	if (f) {
		fputs("appended\n", f);
		fclose(f);
	}
	f = fopen(SCRATCH, "r");
	good = 0;
	if (f) {
		while (fgets(line, sizeof(line), f))
			good = !strcmp(line, "appended\n");
		fclose(f);
	}
	check(good, "fopen \"a\" appends at the end");
	check(remove(SCRATCH) == 0, "remove the scratch file");
	errno = 0;
	check(fopen(SCRATCH, "r") == NULL && errno == ENOENT, "fopen of a missing file: ENOENT");
}

int main(void)
{
	printf("1..%d\n", PLANNED);
	test_printf();
	test_malloc();
	test_qsort();
	test_files();
	if (run != PLANNED)
		printf("# planned %d tests but ran %d\n", PLANNED, run);
	return failed || run != PLANNED;
}
