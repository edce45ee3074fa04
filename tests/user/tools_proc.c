/* tests/user/tools_proc.c — what pmap, vmstat and meminfo read: the
 * formats of /proc/self/maps, /proc/meminfo and /proc/vmstat are Linux's,
 * and they tell the truth about this program.
 *
 * A maps line, as Linux's show_map_vma writes it:
 *
 *	00400000-00401000 r--p 00000000 00:01 12                               /tests/tools_proc
 *	start-end (%08lx) perms offset (%08lx) major:minor (%02x) inode (%lu), then
 *	the name padded to column 73 (0-based): a path, [stack], [heap], or none.
 *
 * Linux ends a nameless line with one space after the inode ("... 00:00 0 ");
 * faultline ends it at the inode.  Both are accepted (a diag says which).
 * Runs in faultline and on Linux; everything it maps or creates it removes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tap.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define PAGE		4096UL
#define NAME_COL	73		/* where Linux starts the name */
#define MAX_MAPS	512

struct map {
	unsigned long start, end, offset, inode;
	char perms[5];
	unsigned int major, minor;
	const char *name;		/* "" for none */
	int name_col;			/* where the name starts (-1: none) */
	int trailing_space;		/* a nameless line ending in " " (Linux) */
};

/* A whole /proc file, and its maps lines parsed. */
static char maps_text[65536], other_text[65536], text[65536];
static char lines_copy[65536];
static struct map maps[MAX_MAPS];
static int nmaps;
static char bad_line[256], bad_why[64];	/* the first line that did not parse */

/* Reads path into buf (NUL-terminated); its length, or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < size - 1 && (r = read(fd, buf + len, size - 1 - len))) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return -1;
		}
		len += r;
	}
	close(fd);
	buf[len] = 0;
	return (long)len;
}

/* Lowercase hex digits at *p, at least min of them; the value, *p moved on. */
static int hex_field(const char **p, int min, unsigned long *val)
{
	const char *s = *p;
	unsigned long v = 0;

	while ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')) {
		v = v * 16 + (*s <= '9' ? *s - '0' : *s - 'a' + 10);
		s++;
	}
	if (s - *p < min)
		return 0;
	*p = s;
	*val = v;
	return 1;
}

static int expect_char(const char **p, char c)
{
	if (**p != c)
		return 0;
	(*p)++;
	return 1;
}

#define FAIL(why)	do { snprintf(bad_why, sizeof(bad_why), "%s", why); return 0; } while (0)

/* Parses one maps line ("%lx-%lx %4c %lx %x:%x %lu" and the name) into m;
 * 1, or 0 with bad_why set. */
static int parse_map(const char *l, struct map *m)
{
	const char *p = l;
	unsigned long v;

	memset(m, 0, sizeof(*m));
	m->name = "";
	m->name_col = -1;
	if (!hex_field(&p, 8, &m->start) || !expect_char(&p, '-'))
		FAIL("start");
	if (!hex_field(&p, 8, &m->end) || !expect_char(&p, ' '))
		FAIL("end");
	if (!strchr("r-", p[0]) || !strchr("w-", p[1]) || !strchr("x-", p[2]) ||
	    !strchr("ps", p[3]) || !p[0] || !p[1] || !p[2] || !p[3] || p[4] != ' ')
		FAIL("perms");
	memcpy(m->perms, p, 4);
	p += 5;
	if (!hex_field(&p, 8, &m->offset) || !expect_char(&p, ' '))
		FAIL("offset");
	if (!hex_field(&p, 2, &v) || !expect_char(&p, ':'))
		FAIL("dev major");
	m->major = v;
	if (!hex_field(&p, 2, &v) || !expect_char(&p, ' '))
		FAIL("dev minor");
	m->minor = v;
	if (*p < '0' || *p > '9')
		FAIL("inode");
	m->inode = strtoul(p, (char **)&p, 10);
	if (m->start >= m->end || (m->start | m->end) % PAGE)
		FAIL("range not page-aligned and increasing");
	long header = p - l;
	if (!*p)
		return 1;			/* faultline's nameless line */
	if (!strcmp(p, " ")) {
		m->trailing_space = 1;		/* Linux's nameless line */
		return 1;
	}
	p += strspn(p, " ");
	m->name = p;
	m->name_col = p - l;
	/* Linux pads the header (with its space) to 72 columns, then one more
	 * space; a longer header gets just that space (faultline: one in all) */
	if (header + 2 <= NAME_COL ? m->name_col != NAME_COL :
	    m->name_col != header + 2 && m->name_col != header + 1)
		FAIL("name not at column 73");
	return 1;
}

/* Reads /proc/self/maps and parses it into maps[]; 1 if every line parsed. */
static int read_maps(void)
{
	int all_ok = 1;

	nmaps = 0;
	if (slurp("/proc/self/maps", maps_text, sizeof(maps_text)) <= 0)
		return 0;
	memcpy(lines_copy, maps_text, sizeof(lines_copy));
	for (char *l = lines_copy; *l && nmaps < MAX_MAPS;) {
		char *nl = strchr(l, '\n');

		if (!nl) {
			snprintf(bad_line, sizeof(bad_line), "%s", l);
			snprintf(bad_why, sizeof(bad_why), "no newline at the end");
			return 0;
		}
		*nl = 0;
		if (!parse_map(l, &maps[nmaps]) && all_ok) {
			snprintf(bad_line, sizeof(bad_line), "%s", l);
			all_ok = 0;
		}
		nmaps++;
		l = nl + 1;
	}
	return all_ok;
}

/* The mapping that contains addr, or NULL. */
static const struct map *map_at(unsigned long addr)
{
	for (int i = 0; i < nmaps; i++)
		if (maps[i].start <= addr && addr < maps[i].end)
			return &maps[i];
	return NULL;
}

static const char *basename_of(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* A reservation of n + 2 pages with PROT_NONE guards at both ends, so that
 * the n pages in between (mapped over it with MAP_FIXED) are one VMA of
 * their own: no neighbour they could merge with.  The inner start, or NULL. */
static char *map_guarded(size_t n, int prot, int flags, int fd, off_t off)
{
	char *res = mmap(NULL, (n + 2) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (res == MAP_FAILED)
		return NULL;
	if (mmap(res + PAGE, n * PAGE, prot, flags | MAP_FIXED, fd, off) == MAP_FAILED) {
		munmap(res, (n + 2) * PAGE);
		return NULL;
	}
	return res + PAGE;
}

static void unmap_guarded(char *p, size_t n)
{
	munmap(p - PAGE, (n + 2) * PAGE);
}

/* --- /proc/meminfo and /proc/vmstat --------------------------------------- */

/* The line of text starting with key, copied into line; 1 if found. */
static int find_line(const char *buf, const char *key, char *line, size_t size)
{
	size_t klen = strlen(key);

	for (const char *l = buf; *l;) {
		size_t len = strcspn(l, "\n");

		if (len >= klen && !strncmp(l, key, klen) && (l[klen] == ' ' || l[klen] == ':')) {
			snprintf(line, size, "%.*s", (int)len, l);
			return 1;
		}
		l += len;
		if (*l)
			l++;
	}
	return 0;
}

/* "MemTotal:       16318888 kB": "Label:" padded to 16 columns, the number
 * right-aligned in 8 (or wider), " kB" (Linux's show_val_kb). 1 if so. */
static int kb_line_ok(const char *buf, const char *label, unsigned long *kb)
{
	char line[128];
	size_t llen = strlen(label);

	if (!find_line(buf, label, line, sizeof(line)))
		return 0;
	if (line[llen] != ':' || strlen(line) < 16 + 8 + 3)
		return 0;
	for (size_t i = llen + 1; i < 16; i++)
		if (line[i] != ' ')
			return 0;
	const char *p = line + 16;
	size_t spaces = strspn(p, " ");
	size_t digits = strspn(p + spaces, "0123456789");
	if (digits == 0 || (digits < 8 ? spaces + digits != 8 : spaces != 0))
		return 0;
	if (strcmp(p + spaces + digits, " kB"))
		return 0;
	*kb = strtoul(p + spaces, NULL, 10);
	return 1;
}

/* Every line "name value": [a-z0-9_]+, one space, digits. 1 if so. */
static int vmstat_lines_ok(const char *buf)
{
	int n = 0;

	for (const char *l = buf; *l; n++) {
		size_t len = strcspn(l, "\n");
		size_t name = strspn(l, "abcdefghijklmnopqrstuvwxyz0123456789_");

		if (!name || l[name] != ' ' || strspn(l + name + 1, "0123456789") != len - name - 1) {
			diag("bad /proc/vmstat line: %.*s", (int)len, l);
			return 0;
		}
		l += len;
		if (*l)
			l++;
	}
	return n > 0;
}

/* pgfault of /proc/vmstat, or -1. */
static long pgfault(void)
{
	char line[128];

	if (slurp("/proc/vmstat", text, sizeof(text)) <= 0 || !find_line(text, "pgfault", line,
									 sizeof(line)))
		return -1;
	return strtol(line + 8, NULL, 10);
}

/* --- the checks ----------------------------------------------------------- */

static void check_maps_format(void)
{
	int parsed = read_maps();

	ok(nmaps > 0, "/proc/self/maps can be read (%d lines)", nmaps);
	if (!ok(parsed, "every line parses as \"%%lx-%%lx %%4c %%lx %%x:%%x %%lu\" [name at column 73]"))
		diag("%s: \"%s\"", bad_why, bad_line);
	int sorted = 1, nameless = 0, trailing = 0;
	for (int i = 0; i < nmaps; i++) {
		if (i && maps[i].start < maps[i - 1].end)
			sorted = 0;
		if (maps[i].name_col < 0) {
			nameless++;
			trailing += maps[i].trailing_space;
		}
	}
	ok(sorted, "mappings are in address order and do not overlap");
	if (nameless)
		diag("%d nameless lines, %d of them end in a space (Linux: all of them)", nameless,
		     trailing);
}

/* The identity check of /proc/PID/maps against /proc/self/maps. */
static void check_pid_maps(void)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/maps", getpid());
	long a = slurp("/proc/self/maps", maps_text, sizeof(maps_text));
	long b = slurp(path, other_text, sizeof(other_text));
	if (!ok(a > 0 && a == b && !memcmp(maps_text, other_text, a), "%s is /proc/self/maps", path))
		diag("lengths %ld and %ld", a, b);
}

static void check_text_and_stack(const char *argv0)
{
	int local = 0;
	const struct map *t, *s;

	read_maps();
	t = map_at((unsigned long)&check_text_and_stack);
	if (!ok(t && !strcmp(t->perms, "r-xp"), "the program's text is mapped r-xp"))
		diag("perms %s", t ? t->perms : "(no mapping)");
	if (!ok(t && t->name[0] == '/' && !strcmp(basename_of(t->name), basename_of(argv0)) &&
		t->inode != 0, "the text mapping names the program (absolute path, inode)"))
		diag("name \"%s\" inode %lu, argv[0] \"%s\"", t ? t->name : "", t ? t->inode : 0,
		     argv0);
	s = map_at((unsigned long)&local);
	if (!ok(s && !strcmp(s->name, "[stack]") && !strcmp(s->perms, "rw-p"),
		"the stack's mapping is [stack], rw-p"))
		diag("name \"%s\" perms %s", s ? s->name : "", s ? s->perms : "");
	(void)*(volatile int *)&local;
}

static void check_anon(void)
{
	char *p = map_guarded(3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const struct map *m;

	if (!p) {
		bail_out("mmap: %s", strerror(errno));
	}
	read_maps();
	m = map_at((unsigned long)p);
	if (!ok(m && m->start == (unsigned long)p && m->end == (unsigned long)p + 3 * PAGE &&
		!strcmp(m->perms, "rw-p"), "an anonymous mmap of 3 pages is one line, exact range, rw-p"))
		diag("got %lx-%lx %s, want %lx-%lx rw-p", m ? m->start : 0, m ? m->end : 0,
		     m ? m->perms : "", (unsigned long)p, (unsigned long)p + 3 * PAGE);
	ok(m && m->offset == 0 && m->major == 0 && m->minor == 0 && m->inode == 0 && !*m->name,
	   "it has offset 0, dev 00:00, inode 0 and no name");
	m = map_at((unsigned long)p - PAGE);
	ok(m && !strcmp(m->perms, "---p") && m->end == (unsigned long)p,
	   "its PROT_NONE neighbour is ---p");
	unmap_guarded(p, 3);
	read_maps();
	ok(!map_at((unsigned long)p), "after munmap it is gone");
}

/* A scratch file in /tmp (or the working directory); its absolute path in path. */
static int make_file(char *path, size_t size)
{
	static char page[PAGE];
	struct stat st;
	char cwd[256];

	if (stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(path, size, "/tmp/tools_proc.%d", getpid());
	else if (getcwd(cwd, sizeof(cwd)))
		snprintf(path, size, "%s%stools_proc.%d", cwd, strcmp(cwd, "/") ? "/" : "",
			 getpid());
	else
		return -1;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page)) {
			close(fd);
			unlink(path);
			return -1;
		}
	return fd;
}

static void check_shared_file(void)
{
	char path[300];
	struct stat st;
	const struct map *m;
	int fd = make_file(path, sizeof(path));
	char *p;

	if (fd < 0 || fstat(fd, &st) < 0)
		bail_out("cannot create a scratch file: %s", strerror(errno));
	/* two pages from offset 1 page */
	p = map_guarded(2, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
	if (!p) {
		unlink(path);
		bail_out("mmap of %s: %s", path, strerror(errno));
	}
	p[0] = 1;
	read_maps();
	m = map_at((unsigned long)p);
	if (!ok(m && m->start == (unsigned long)p && m->end == (unsigned long)p + 2 * PAGE &&
		!strcmp(m->perms, "rw-s") && !strcmp(m->name, path),
		"a MAP_SHARED file mapping is rw-s and names the file"))
		diag("got %lx-%lx %s \"%s\", want %lx-%lx rw-s \"%s\"", m ? m->start : 0,
		     m ? m->end : 0, m ? m->perms : "", m ? m->name : "", (unsigned long)p,
		     (unsigned long)p + 2 * PAGE, path);
	unsigned int major = ((st.st_dev >> 8) & 0xfff) | ((st.st_dev >> 32) & ~0xfffU);
	unsigned int minor = (st.st_dev & 0xff) | ((st.st_dev >> 12) & ~0xffU);
	if (!ok(m && m->offset == PAGE && m->inode == st.st_ino && m->major == major &&
		m->minor == minor, "its offset is 00001000, dev and inode are the file's (fstat)"))
		diag("got offset %lx dev %x:%x inode %lu, want 1000 %x:%x %lu", m ? m->offset : 0,
		     m ? m->major : 0, m ? m->minor : 0, m ? m->inode : 0, major, minor,
		     (unsigned long)st.st_ino);
	unmap_guarded(p, 2);
	read_maps();
	ok(!map_at((unsigned long)p), "after munmap the file mapping is gone");
	close(fd);
	unlink(path);
}

static void check_meminfo(void)
{
	unsigned long total = 0, free = 0;

	if (slurp("/proc/meminfo", text, sizeof(text)) <= 0)
		diag("cannot read /proc/meminfo: %s", strerror(errno));
	int total_ok = kb_line_ok(text, "MemTotal", &total);
	int free_ok = kb_line_ok(text, "MemFree", &free);
	ok(total_ok && total > 0, "/proc/meminfo MemTotal is \"%%-16s%%8lu kB\" (%lu kB)", total);
	ok(free_ok && free > 0 && free <= total,
	   "/proc/meminfo MemFree is \"%%-16s%%8lu kB\", at most MemTotal (%lu kB)", free);
}

static void check_vmstat(void)
{
	long before, after;
	char *p;

	if (slurp("/proc/vmstat", text, sizeof(text)) <= 0)
		diag("cannot read /proc/vmstat: %s", strerror(errno));
	ok(vmstat_lines_ok(text), "every /proc/vmstat line is \"name value\"");
	p = map_guarded(10, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!p)
		bail_out("mmap: %s", strerror(errno));
	before = pgfault();
	for (int i = 0; i < 10; i++)
		p[i * PAGE] = 1;
	after = pgfault();
	if (!ok(before >= 0 && after - before >= 10, "pgfault grows by 10 or more for 10 new pages"))
		diag("pgfault %ld, then %ld", before, after);
	unmap_guarded(p, 10);
}

int main(int argc, char **argv)
{
	(void)argc;
	plan(18);
	check_maps_format();		/* 3 */
	check_pid_maps();		/* 1 */
	check_text_and_stack(argv[0]);	/* 3 */
	check_anon();			/* 4 */
	check_shared_file();		/* 3 */
	check_meminfo();		/* 2 */
	check_vmstat();			/* 2 */
	return done_testing();
}
