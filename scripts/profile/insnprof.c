/* insnprof.c — a QEMU TCG plugin: guest instructions executed between two
 * marker instructions, counted by address.
 *
 *   qemu-system-x86_64 ... -plugin build/insnprof.so,out=FILE
 *
 * make profile (scripts/profile.py) loads it and boots faultbench with
 * --profile KIND, which runs KIND's loop between the markers (a multi-byte
 * NOP with a magic displacement, user/bin/faultbench.c):
 *
 *	0f 1f 80 01 00 42 46	nopl 0x46420001(%rax)	start of a window
 *	0f 1f 80 02 00 42 46	nopl 0x46420002(%rax)	end of a window
 *
 * How it counts.  Every instruction QEMU translates gets a counter, found by
 * its virtual address in a hash table, and an inline "counter += 1" before it
 * in the translated code: no call, so the whole boot runs at near full speed.
 * At the start marker, a callback notes every counter's value; at the end
 * marker, it adds each counter's growth since then to that address's total.
 * Everything executed in between counts: user code, the page-fault entry,
 * the kernel, a timer interrupt that falls inside, another process the
 * scheduler runs - just what RDTSC under -icount measures for the same loop.
 * Kernel and user addresses do not overlap; user addresses of different
 * processes share a counter (in faultbench's windows only faultbench runs in
 * user mode, its fork-cow child being a copy of the same program).
 *
 * Output, written at each end marker and at exit: "windows N", then one
 * line "ADDRESS COUNT" (hex, decimal) per address executed in a window.
 * scripts/profile.py maps the addresses to functions.
 *
 * Written against QEMU 7.2's plugin API (version 1): scripts/profile/
 * qemu_plugin_api.h.  -icount keeps TCG on one thread: no locking here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qemu_plugin_api.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MARK_MAGIC	0x4642u		/* "FB": the displacement's top half */
#define MARK_START	1
#define MARK_END	2

/* One instruction address: its counter (inline += 1), the counter's value at
 * the current window's start, and its total over every window so far. */
struct insn {
	uint64_t vaddr;
	uint64_t count;
	uint64_t base;
	uint64_t total;
	uint64_t in_use;
};

#define TABLE_BITS	20			/* 1M addresses: the kernel has ~50k */
#define TABLE_SIZE	(1u << TABLE_BITS)
static struct insn *table;
static uint32_t *used;				/* indexes of the slots in use */
static uint32_t nused;
static int overflow;				/* a full table: counts are incomplete */

static const char *out_path;
static int in_window;
static unsigned long windows;

/* The slot of an address, made on first sight; NULL when the table is full. */
static struct insn *lookup(uint64_t vaddr)
{
	uint32_t i = (uint32_t)((vaddr * 0x9e3779b97f4a7c15ull) >> (64 - TABLE_BITS));

	for (;; i = (i + 1) & (TABLE_SIZE - 1)) {
		struct insn *s = &table[i];
		if (s->in_use && s->vaddr == vaddr)
			return s;
		if (!s->in_use) {
			if (nused >= TABLE_SIZE / 4 * 3) {	/* keep probe chains short */
				overflow = 1;
				return NULL;
			}
			s->in_use = 1;
			s->vaddr = vaddr;
			used[nused++] = i;
			return s;
		}
	}
}

static void write_out(void)
{
	FILE *f = fopen(out_path, "w");
	if (!f) {
		perror(out_path);
		return;
	}
	fprintf(f, "windows %lu\n", windows);
	if (overflow)
		fprintf(f, "overflow\n");
	for (uint32_t k = 0; k < nused; k++) {
		struct insn *s = &table[used[k]];
		if (s->total)
			fprintf(f, "%llx %llu\n", (unsigned long long)s->vaddr,
				(unsigned long long)s->total);
	}
	fclose(f);
}

static void window_start(unsigned int vcpu, void *udata)
{
	if (in_window)
		return;
	for (uint32_t k = 0; k < nused; k++)
		table[used[k]].base = table[used[k]].count;
	in_window = 1;
}

static void window_end(unsigned int vcpu, void *udata)
{
	if (!in_window)
		return;
	for (uint32_t k = 0; k < nused; k++) {
		struct insn *s = &table[used[k]];
		s->total += s->count - s->base;
	}
	in_window = 0;
	windows++;
	write_out();
}

/* 1 or 2 for a marker instruction, else 0. */
static int marker(const struct qemu_plugin_insn *insn)
{
	const unsigned char *b = qemu_plugin_insn_data(insn);

	if (qemu_plugin_insn_size(insn) != 7 || b[0] != 0x0f || b[1] != 0x1f || b[2] != 0x80)
		return 0;
	if ((b[5] | b[6] << 8) != MARK_MAGIC || b[4] != 0)
		return 0;
	return b[3] == MARK_START || b[3] == MARK_END ? b[3] : 0;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		struct insn *s = lookup(qemu_plugin_insn_vaddr(insn));
		int m = marker(insn);

		if (s)
			qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
								   &s->count, 1);
		if (m)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, m == MARK_START ? window_start
							       : window_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	write_out();
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "out=", 4) == 0) {
			out_path = argv[i] + 4;
		} else {
			fprintf(stderr, "insnprof: unknown argument %s (it takes out=FILE)\n", argv[i]);
			return -1;
		}
	}
	if (!out_path) {
		fprintf(stderr, "insnprof: no out=FILE argument\n");
		return -1;
	}
	table = calloc(TABLE_SIZE, sizeof(*table));
	used = calloc(TABLE_SIZE, sizeof(*used));
	if (!table || !used) {
		fprintf(stderr, "insnprof: out of memory\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
