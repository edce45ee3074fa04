/* tests/user/proc_smaps.c — /proc/self/smaps and smaps_rollup: Linux's
 * format, and figures that follow from what this program did to its pages.
 *
 * A record per VMA: its /proc/self/maps line, then, in Linux 6.1's order,
 *
 *	Size, KernelPageSize, MMUPageSize, Rss, Pss, Pss_Dirty, Shared_Clean,
 *	Shared_Dirty, Private_Clean, Private_Dirty, Referenced, Anonymous,
 *	LazyFree, AnonHugePages, ShmemPmdMapped, FilePmdMapped, Shared_Hugetlb,
 *	Private_Hugetlb, Swap, SwapPss, Locked		"%-16s%8lu kB"
 *	THPeligible, VmFlags
 *
 * (a later Linux adds lines, KSM in 6.18: on Linux these must come in this
 * order, in faultline exactly these).  The figures: N pages written are N
 * pages of Rss, Pss, Private_Dirty, Anonymous and Referenced; pages only
 * read map the zero page, which counts nowhere; after fork they are
 * Shared_Dirty with half the Pss, and a copy-on-write moves a page back to
 * Private_Dirty in both processes.  smaps_rollup sums them.
 *
 * Linux sets VmFlags a faultline VMA never has: ac (VM_ACCOUNT: faultline
 * charges memory without marking the VMA), nh (MADV_NOHUGEPAGE, which
 * map_pages asks for), and sd only when built with CONFIG_MEM_SOFT_DIRTY;
 * on Linux those three are ignored.  The mappings under test sit between
 * PROT_NONE guard pages, so no neighbour merges with them. */
#include "check.h"

#define PAGE		4096UL
#define KB		(PAGE / 1024)
#define NP		8		/* pages of a mapping under test */

#define WHY_FB		"faultline only: needs /dev/fb0 (a VM_PFNMAP mapping)"

static const char scratch[] = "proc_smaps.tmp";
static char text[1 << 18], text2[1 << 18], maps[1 << 16];

/* The fields of a record after its maps line, in Linux 6.1's order. */
static const char *const fields[] = {
	"Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss", "Pss_Dirty", "Shared_Clean",
	"Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced", "Anonymous", "LazyFree",
	"AnonHugePages", "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb",
	"Swap", "SwapPss", "Locked", "THPeligible", "VmFlags",
};
#define NFIELDS	((int)(sizeof(fields) / sizeof(fields[0])))


/* Touch 64 KiB of stack and write the buffers (a check runs in a child of
 * fork: its first write to each page copies it), so that nothing the check
 * does between two readings changes the figures of the stack or .bss. */
static __attribute__((noinline)) void prefault(void)
{
	volatile char deep[65536];
	for (unsigned long i = 0; i < sizeof(deep); i += PAGE)
		deep[i] = 0;
	memset(text, 0, sizeof(text));
	memset(text2, 0, sizeof(text2));
	memset(maps, 0, sizeof(maps));
}

/* /proc/self/FILE into buf (static, pre-touched); its length or -1. */
static long slurp(const char *file, char *buf, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/%s", file);
	long n = read_file(path, buf, size);
	if (n < 0)
		diag("read %s: errno %d", path, errno);
	return n;
}

/* Is line l (up to its newline) a maps line: "start-end ..."? */
static int is_header(const char *l)
{
	const char *p = l;
	while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
		p++;
	return p > l && *p == '-';
}

static const char *next_line(const char *l)
{
	const char *nl = strchr(l, '\n');
	return nl ? nl + 1 : l + strlen(l);
}

/* The record (its maps line) of the VMA that holds addr, or NULL. */
static const char *record_of(const char *t, unsigned long addr)
{
	for (const char *l = t; *l; l = next_line(l)) {
		if (!is_header(l))
			continue;
		char *end;
		unsigned long s = strtoul(l, &end, 16), e = strtoul(end + 1, NULL, 16);
		if (s <= addr && addr < e)
			return l;
	}
	return NULL;
}

/* The number of field name in record rec (kB for most), or -1. */
static long field(const char *rec, const char *name)
{
	size_t len = strlen(name);
	for (const char *l = next_line(rec); *l && !is_header(l); l = next_line(l))
		if (!strncmp(l, name, len) && l[len] == ':')
			return strtol(l + len + 1, NULL, 10);
	return -1;
}

/* Field name of the VMA at addr, read now from /proc/self/smaps, or -1. */
static long smaps_field(const void *addr, const char *name)
{
	if (slurp("smaps", text, sizeof(text)) < 0)
		return -1;
	const char *rec = record_of(text, (unsigned long)addr);
	if (!rec) {
		diag("no smaps record holds %p", addr);
		return -1;
	}
	return field(rec, name);
}

/* The figures the checks compare, of the VMA at addr, in kB. */
struct figures {
	long rss, pss, shared_clean, shared_dirty, private_clean, private_dirty, anonymous;
};

static struct figures figures_of(const void *addr)
{
	struct figures f = { -1, -1, -1, -1, -1, -1, -1 };
	if (slurp("smaps", text, sizeof(text)) < 0)
		return f;
	const char *rec = record_of(text, (unsigned long)addr);
	if (!rec) {
		diag("no smaps record holds %p", addr);
		return f;
	}
	f.rss = field(rec, "Rss");
	f.pss = field(rec, "Pss");
	f.shared_clean = field(rec, "Shared_Clean");
	f.shared_dirty = field(rec, "Shared_Dirty");
	f.private_clean = field(rec, "Private_Clean");
	f.private_dirty = field(rec, "Private_Dirty");
	f.anonymous = field(rec, "Anonymous");
	return f;
}

/* f is want, field by field; who says whose figures these are. */
static int figures_are(struct figures f, struct figures want, const char *who)
{
	char what[7][96];
	static const char *const names[] = { "Rss", "Pss", "Shared_Clean", "Shared_Dirty",
					     "Private_Clean", "Private_Dirty", "Anonymous" };
	long got[] = { f.rss, f.pss, f.shared_clean, f.shared_dirty, f.private_clean,
		       f.private_dirty, f.anonymous };
	long exp[] = { want.rss, want.pss, want.shared_clean, want.shared_dirty,
		       want.private_clean, want.private_dirty, want.anonymous };
	int r = 1;
	for (int i = 0; i < 7; i++) {
		snprintf(what[i], sizeof(what[i]), "%s: %s (kB)", who, names[i]);
		r &= expect_eq(got[i], exp[i], what[i]);
	}
	return r;
}

/* ---- the format ----------------------------------------------------------- */

/* One field line: "Name:" padded to 16, the kB right-aligned in 8, " kB";
 * THPeligible a number after the same padding; VmFlags two-letter codes,
 * each followed by a space. */
static int field_line_ok(const char *l, const char *name)
{
	size_t len = strlen(name), n = (size_t)(next_line(l) - l);
	const char *kb = l + 24;
	if (!strcmp(name, "VmFlags")) {
		if (strncmp(l, "VmFlags: ", 9))
			return 0;
		for (const char *p = l + 9; p < l + n - 1; p += 3) {
			int code = (p[0] >= 'a' && p[0] <= 'z' && p[1] >= 'a' && p[1] <= 'z') ||
				   (p[0] == '?' && p[1] == '?');
			if (!code || p[2] != ' ')
				return 0;
		}
		return (n - 10) % 3 == 0;
	}
	if (strncmp(l, name, len) || l[len] != ':' || len + 1 > 16)
		return 0;
	for (size_t i = len + 1; i < 16; i++)
		if (l[i] != ' ')
			return 0;
	if (!strcmp(name, "THPeligible")) {	/* 6.1: "%d"; later Linux: "%8u" */
		if (l[16] >= '0' && l[16] <= '9' && l[17] == '\n')
			return 1;
		return !on_faultline() && n == 25 && l[23] >= '0' && l[23] <= '9';
	}
	return n == 28 && l[23] >= '0' && l[23] <= '9' && !strncmp(kb, " kB\n", 4);
}

/* Every record is a maps line of /proc/self/maps (all of them, in order),
 * then the fields, in order, each in its format. */
static int format_is_linux(void)
{
	prefault();
	EXPECT(slurp("maps", maps, sizeof(maps)) > 0);
	EXPECT(slurp("smaps", text, sizeof(text)) > 0);
	const char *m = maps, *l = text;
	int records = 0;
	while (*l) {
		EXPECT(is_header(l));
		size_t n = (size_t)(next_line(l) - l);
		if (strncmp(l, m, n) || next_line(m) - m != (long)n)
			return expect(0, "record %d's maps line \"%.*s\" is not maps's \"%.*s\"",
				      records, (int)n - 1, l, (int)(next_line(m) - m) - 1, m);
		m = next_line(m);
		l = next_line(l);
		for (int f = 0; f < NFIELDS; f++) {
			/* Linux may have lines of its own between ours */
			while (!on_faultline() && *l && !is_header(l) &&
			       strncmp(l, fields[f], strlen(fields[f])))
				l = next_line(l);
			if (!field_line_ok(l, fields[f]))
				return expect(0, "record %d: field %s: got \"%.*s\"", records,
					      fields[f], (int)(next_line(l) - l) - 1, l);
			l = next_line(l);
		}
		records++;
	}
	return expect(!*m, "maps has lines smaps lacks: \"%.60s\"", m) &
	       expect(records >= 3, "only %d records", records);
}

/* ---- the figures ---------------------------------------------------------- */

/* NP pages, 5 written and 3 only read (the zero page: counted nowhere). */
static int written_pages_count(void)
{
	char *p = map_guarded(NP, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	for (int i = 0; i < NP; i++) {
		if (i < 5)
			p[i * PAGE] = 1;
		else
			(void)*(volatile char *)(p + i * PAGE);
	}
	struct figures want = { .rss = 5 * KB, .pss = 5 * KB, .private_dirty = 5 * KB,
				.anonymous = 5 * KB };
	return figures_are(figures_of(p), want, "5 pages written, 3 read") &
	       expect_eq(smaps_field(p, "Size"), NP * KB, "Size") &
	       expect_eq(smaps_field(p, "Referenced"), 5 * KB, "Referenced") &
	       expect_eq(smaps_field(p, "KernelPageSize"), 4, "KernelPageSize") &
	       expect_eq(smaps_field(p, "MMUPageSize"), 4, "MMUPageSize") &
	       expect_eq(smaps_field(p, "Pss_Dirty"), 5 * KB, "Pss_Dirty") &
	       expect_eq(smaps_field(p, "Swap"), 0, "Swap") &
	       expect_eq(smaps_field(p, "Locked"), 0, "Locked");
}

static void tell(int fd)
{
	if (write(fd, "x", 1) != 1)
		_exit(3);
}

static void await(int fd)
{
	char c;
	if (read(fd, &c, 1) != 1)
		_exit(3);
}

/* The child of cow_splits_pss: shared at first, then, once the parent has
 * seen the shared figures (it reads them while we do not write), it writes
 * half. */
static int cow_child(char *p, int to_parent, int to_child)
{
	struct figures shared = { .rss = NP * KB, .pss = NP * KB / 2, .shared_dirty = NP * KB,
				  .anonymous = NP * KB };
	struct figures split = { .rss = NP * KB, .pss = NP / 2 * KB + NP / 2 * KB / 2,
				 .shared_dirty = NP / 2 * KB, .private_dirty = NP / 2 * KB,
				 .anonymous = NP * KB };
	prefault();
	int r = figures_are(figures_of(p), shared, "the child after fork");
	await(to_child);
	for (int i = 0; i < NP / 2; i++)
		p[i * PAGE] = 2;		/* copy-on-write */
	r &= figures_are(figures_of(p), split, "the child after writing half");
	tell(to_parent);
	await(to_child);
	return r;
}

/* After fork NP written pages are Shared_Dirty with half the Pss in both;
 * the child writes half of them: those are Private_Dirty in each, with all
 * their Pss, and the other half stays shared. */
static int cow_splits_pss(void)
{
	int to_parent[2], to_child[2];
	char *p = map_guarded(NP, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	memset(p, 1, NP * PAGE);
	prefault();
	EXPECT(pipe(to_parent) == 0 && pipe(to_child) == 0);
	pid_t pid = fork_flushed();
	EXPECT(pid >= 0);
	if (pid == 0)
		_exit(cow_child(p, to_parent[1], to_child[0]) ? 0 : 1);
	struct figures shared = { .rss = NP * KB, .pss = NP * KB / 2, .shared_dirty = NP * KB,
				  .anonymous = NP * KB };
	struct figures split = { .rss = NP * KB, .pss = NP / 2 * KB + NP / 2 * KB / 2,
				 .shared_dirty = NP / 2 * KB, .private_dirty = NP / 2 * KB,
				 .anonymous = NP * KB };
	int r = figures_are(figures_of(p), shared, "the parent after fork");
	tell(to_child[1]);
	await(to_parent[0]);
	r &= figures_are(figures_of(p), split, "the parent after the child's copies");
	tell(to_child[1]);
	return reap(pid, 0) & r;
}

/* Shared anonymous memory (Linux: shmem) is not Anonymous; written by one
 * process, Private_Dirty. */
static int shared_anon_not_anonymous(void)
{
	char *p = map_guarded(NP, PROT_READ | PROT_WRITE, MAP_SHARED);
	EXPECT(p);
	memset(p, 1, 2 * PAGE);
	struct figures want = { .rss = 2 * KB, .pss = 2 * KB, .private_dirty = 2 * KB };
	return figures_are(figures_of(p), want, "2 pages of shared anonymous memory written");
}

/* On Linux a file's pages stay dirty after fsync where the file system
 * has no disk (tmpfs, ramfs: the / of an initramfs): there Private_Clean
 * and Private_Dirty are compared as one sum. */
static struct figures fold_file_dirt(struct figures f)
{
	if (!on_faultline()) {
		f.private_dirty += f.private_clean;
		f.private_clean = 0;
	}
	return f;
}

/* A private file mapping, its file written back (fsync): the pages read
 * are the file's, Private_Clean; a page written is a private copy,
 * Anonymous and Private_Dirty. */
static int file_pages_then_copy(void)
{
	static char buf[NP * PAGE];
	int fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	memset(buf, 'f', sizeof(buf));
	EXPECT_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	EXPECT_EQ(fsync(fd), 0);
	char *p = mmap(NULL, NP * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	unlink(scratch);
	EXPECT(p != MAP_FAILED);
	for (int i = 0; i < NP; i++)
		(void)*(volatile char *)(p + i * PAGE);
	struct figures read = { .rss = NP * KB, .pss = NP * KB, .private_clean = NP * KB };
	int r = figures_are(fold_file_dirt(figures_of(p)), fold_file_dirt(read),
			    "a file's pages read");
	p[0] = 'w';
	struct figures copied = { .rss = NP * KB, .pss = NP * KB, .private_clean = (NP - 1) * KB,
				  .private_dirty = KB, .anonymous = KB };
	return r & figures_are(fold_file_dirt(figures_of(p)), fold_file_dirt(copied),
			       "one page written");
}

/* Map NP pages, write them, and unmap them, reading smaps_rollup before
 * and after and smaps after: whether a record still holds the mapping. */
static int map_touch_unmap(long *before, long *after)
{
	char *p = map_guarded(NP, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!p)
		return -1;
	memset(p, 1, NP * PAGE);
	if (slurp("smaps_rollup", text2, sizeof(text2)) < 0)
		return -1;
	*before = field(text2, "Rss");
	if (munmap(p, NP * PAGE) || slurp("smaps", text, sizeof(text)) < 0)
		return -1;
	const char *rec = record_of(text, (unsigned long)p);
	if (slurp("smaps_rollup", text2, sizeof(text2)) < 0)
		return -1;
	*after = field(text2, "Rss");
	return rec != NULL;
}

/* munmap: the record goes, and the rollup's Rss loses what it had.  Done
 * twice, the second time measured: the first faults in this code's own
 * pages (without fault-around, one at a time), which would count in the
 * Rss between the two readings. */
static int munmap_removes_record(void)
{
	long before, after;
	prefault();
	EXPECT(map_touch_unmap(&before, &after) >= 0);
	int held = map_touch_unmap(&before, &after);
	EXPECT(held >= 0);
	return expect(!held, "a record still holds the unmapped range") &
	       expect_eq(after, before - NP * KB, "the rollup's Rss after munmap");
}

/* ---- VmFlags ------------------------------------------------------------------ */

/* The VmFlags of the VMA at addr are want (space-separated codes): exactly
 * in faultline; on Linux less ac, nh and sd (see the top). */
static int vmflags_are(const void *addr, const char *want, const char *what)
{
	char got[128] = "";
	if (slurp("smaps", text, sizeof(text)) < 0)
		return 0;
	const char *rec = record_of(text, (unsigned long)addr);
	if (!rec)
		return expect(0, "%s: no record holds %p", what, addr);
	const char *l = next_line(rec);
	while (*l && !is_header(l) && strncmp(l, "VmFlags: ", 9))
		l = next_line(l);
	if (!*l || is_header(l))
		return expect(0, "%s: no VmFlags line", what);
	for (const char *c = l + 9; c[0] && c[0] != '\n' && c[1] && c[2] == ' '; c += 3) {
		if (!on_faultline() && (!strncmp(c, "ac", 2) || !strncmp(c, "nh", 2) ||
					!strncmp(c, "sd", 2)))
			continue;
		size_t n = strlen(got);
		snprintf(got + n, sizeof(got) - n, "%s%.2s", n ? " " : "", c);
	}
	char exp[128] = "";
	for (const char *c = want; *c; c += c[2] ? 3 : 2) {
		if (!on_faultline() && !strncmp(c, "sd", 2))
			continue;
		size_t n = strlen(exp);
		snprintf(exp + n, sizeof(exp) - n, "%s%.2s", n ? " " : "", c);
	}
	return expect_str(got, exp, what);
}

static int vmflags_codes(void)
{
	char *rw = map_guarded(1, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *rx = map_guarded(1, PROT_READ | PROT_EXEC, MAP_PRIVATE);
	char *sh = map_guarded(1, PROT_READ | PROT_WRITE, MAP_SHARED);
	volatile char on_stack = 1;
	EXPECT(rw && rx && sh);
	int fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	EXPECT_EQ(write(fd, "x", 1), 1);
	close(fd);
	fd = open(scratch, O_RDONLY);
	EXPECT(fd >= 0);
	char *ro = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	unlink(scratch);
	EXPECT(ro != MAP_FAILED);
	return vmflags_are(rw, "rd wr mr mw me sd", "private read-write") &
	       vmflags_are(rx, "rd ex mr mw me sd", "private read-execute") &
	       vmflags_are(sh, "rd wr sh mr mw me ms sd", "shared anonymous read-write") &
	       vmflags_are(ro, "rd mr me ms sd", "MAP_SHARED of a file opened read-only") &
	       vmflags_are((const void *)&on_stack, "rd wr mr mw me gd",
			   "the stack (exec's: no sd, as Linux's)");
}

/* The framebuffer (VM_PFNMAP, VM_IO, VM_DONTEXPAND): pf io de, and no Rss
 * (Linux's page walk skips raw pfn mappings). */
static int pfnmap_flags_no_rss(void)
{
	int fd = open("/dev/fb0", O_RDWR);
	EXPECT(fd >= 0);
	volatile char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	EXPECT(p != MAP_FAILED);
	p[0] = p[0];
	p[PAGE] = p[PAGE];
	return vmflags_are((const void *)p, "rd wr sh mr mw me ms pf io de sd", "/dev/fb0") &
	       expect_eq(smaps_field((const void *)p, "Rss"), 0, "/dev/fb0's Rss");
}

/* ---- the rollup, and long texts ---------------------------------------------- */

/* smaps_rollup: "[rollup]" on a maps-like line from the first VMA's start
 * to the last one's end (below the user half's end: Linux's [vsyscall] is
 * not in it), then each sum of smaps's figures.  The Pss figures are
 * shifted to kB once per VMA in smaps and once in all in the rollup, so
 * the rollup may exceed their sum by less than a kB per record. */
static int rollup_is_sum(void)
{
	static const char *const exact[] = { "Rss", "Shared_Clean", "Shared_Dirty",
					     "Private_Clean", "Private_Dirty", "Referenced",
					     "Anonymous", "LazyFree", "AnonHugePages", "Swap" };
	static const char *const rounded[] = { "Pss", "Pss_Dirty", "SwapPss", "Locked" };
	char *p = map_guarded(NP, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	EXPECT(p);
	memset(p, 1, 3 * PAGE);
	prefault();
	EXPECT(slurp("smaps", text, sizeof(text)) > 0);
	EXPECT(slurp("smaps_rollup", text2, sizeof(text2)) > 0);
	unsigned long first = 0, last = 0;
	int records = 0, r = 1;
	for (const char *l = text; *l; l = next_line(l)) {
		if (!is_header(l))
			continue;
		char *end;
		unsigned long s = strtoul(l, &end, 16), e = strtoul(end + 1, NULL, 16);
		if (s >= 0x800000000000UL)
			continue;
		if (!records++)
			first = s;
		last = e;
	}
	char header[128];
	int n = snprintf(header, sizeof(header), "%08lx-%08lx ---p 00000000 00:00 0", first, last);
	snprintf(header + n, sizeof(header) - n, "%*s[rollup]\n", n < 72 ? 73 - n : 1, "");
	r &= expect(!strncmp(text2, header, strlen(header)), "the rollup's first line: \"%.90s\", "
		    "want \"%s\"", text2, header);
	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
		long sum = 0;
		for (const char *l = text; *l; l = next_line(l))
			if (is_header(l))
				sum += field(l, exact[i]);
		r &= expect_eq(field(text2, exact[i]), sum, exact[i]);
	}
	for (size_t i = 0; i < sizeof(rounded) / sizeof(rounded[0]); i++) {
		long sum = 0, got = field(text2, rounded[i]);
		for (const char *l = text; *l; l = next_line(l))
			if (is_header(l))
				sum += field(l, rounded[i]);
		r &= expect(got >= sum && got < sum + records, "%s: the rollup's %ld, the records' "
			    "sum %ld (%d records)", rounded[i], got, sum, records);
	}
	long kinds = field(text2, "Pss_Anon") + field(text2, "Pss_File") +
		     field(text2, "Pss_Shmem"), pss = field(text2, "Pss");
	return r & expect(kinds <= pss && kinds >= pss - 2, "Pss_Anon + Pss_File + Pss_Shmem = "
			  "%ld, Pss %ld", kinds, pss);
}

/* 48 VMAs: a text far longer than a page (and than /proc's 16 KiB buffer
 * for its other files), read whole, and read again 100 bytes at a time. */
static int long_text_whole(void)
{
	char *p = map_guarded(96, PROT_READ, MAP_PRIVATE);
	EXPECT(p);
	for (int i = 0; i < 96; i += 2)
		EXPECT_EQ(mprotect(p + i * PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
	prefault();
	EXPECT(slurp("maps", maps, sizeof(maps)) > 0);
	long len = slurp("smaps", text, sizeof(text));
	EXPECT(len > 65536);
	int fd = open("/proc/self/smaps", O_RDONLY);
	EXPECT(fd >= 0);
	long got = 0, r;
	while (got < (long)sizeof(text2) - 100 && (r = read(fd, text2 + got, 100)) > 0)
		got += r;
	close(fd);
	text2[got] = 0;
	int headers = 0, records = 0, lines = 0;
	for (const char *l = text; *l; l = next_line(l))
		records += is_header(l);
	for (const char *l = text2; *l; l = next_line(l))
		headers += is_header(l);
	for (const char *l = maps; *l; l = next_line(l))
		lines++;
	const char *tail = text + len - 1;	/* the start of the last line */
	while (tail > text && tail[-1] != '\n')
		tail--;
	return expect_eq(records, lines, "records in one read (maps's lines)") &
	       expect_eq(headers, lines, "records read 100 bytes at a time") &
	       expect_eq(got, len, "bytes read 100 at a time") &
	       expect(!strncmp(tail, "VmFlags: ", 9), "the text ends \"%.40s\"", tail);
}

static const struct check checks[] = {
	CHECK("every maps line, then Linux 6.1's fields in order and format", format_is_linux),
	CHECK("5 pages written, 3 read: 20 kB Rss, Pss, Private_Dirty, Anonymous, Referenced",
	      written_pages_count),
	CHECK("fork: Shared_Dirty, half the Pss; a write moves pages to Private_Dirty in both",
	      cow_splits_pss),
	CHECK("shared anonymous pages written: Private_Dirty, not Anonymous",
	      shared_anon_not_anonymous),
	CHECK("a private file mapping: pages read Private_Clean, a written copy Anonymous",
	      file_pages_then_copy),
	CHECK("munmap: the record is gone, the rollup's Rss drops by it", munmap_removes_record),
	CHECK("VmFlags: rd wr ex sh mr mw me ms gd (sd) for five kinds of mapping",
	      vmflags_codes),
	FAULTLINE_ONLY("/dev/fb0: VmFlags pf io de, no Rss", pfnmap_flags_no_rss, WHY_FB),
	CHECK("smaps_rollup: its [rollup] line, and the sums of smaps", rollup_is_sum),
	CHECK("48 VMAs: the whole text, in one read or 100 bytes at a time", long_text_whole),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
