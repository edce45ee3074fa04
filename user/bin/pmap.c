/* pmap — the mappings of a process, as Linux's pmap (procps) prints them.
 *
 *     pmap PID...   (or "self": pmap's own)
 *
 *	1:   /bin/init
 *	0000000000400000      4K r---- init
 *	0000000000401000      8K r-x-- init
 *	00007ffffffde000    136K rw---   [ stack ]
 *	 total              148K
 *
 * Each line of /proc/PID/maps ("start-end perms offset dev inode name")
 * becomes: the start address, the size in KiB, the mode (r, w, x, then s for
 * a shared mapping, and procps's always '-' reserve column), and the
 * mapping's name: a file's base name, "[ stack ]", or "[ anon ]" for
 * everything else (the heap included, as procps does).  The header is the
 * command line from /proc/PID/cmdline; faultline has none, so there it is
 * the path of the first file mapping (the program, mapped first by execve). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char text[65536];

/* Reads path into text (NUL-terminated); its length, or -1. */
static long slurp(const char *path)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len))) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return -1;
		}
		len += r;
	}
	close(fd);
	text[len] = 0;
	return (long)len;
}

/* The header after "PID:": the command line with its NULs as spaces (as
 * procps shows it), or, with no /proc/PID/cmdline, the first file mapping
 * of maps.  Written into buf. */
static void command_of(const char *pid, const char *maps, char *buf, size_t size)
{
	char path[64];
	long len;

	buf[0] = 0;
	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	len = slurp(path);
	if (len > 0) {
		while (len > 0 && text[len - 1] == 0)
			len--;
		for (long i = 0; i < len; i++)
			if (text[i] < ' ' || text[i] > '~')
				text[i] = ' ';
		snprintf(buf, size, "%.*s", (int)len, text);
		return;
	}
	const char *slash = strstr(maps, " /");	/* the first name that is a path */
	if (slash)
		snprintf(buf, size, "%.*s", (int)strcspn(slash + 1, "\n"), slash + 1);
}

/* The name column of one maps line, after the inode (or "" if none). */
static const char *name_of(const char *after_inode)
{
	while (*after_inode == ' ')
		after_inode++;
	return after_inode;
}

/* Prints one maps line in pmap's format; its size in bytes (0 if it does not parse). */
static unsigned long print_mapping(const char *line)
{
	char *p;
	unsigned long start = strtoul(line, &p, 16), end, size;
	char mode[6];
	const char *name, *base;

	if (*p != '-')
		return 0;
	end = strtoul(p + 1, &p, 16);
	if (*p != ' ' || strlen(p) < 6 || end < start)
		return 0;
	const char *perms = p + 1;
	mode[0] = perms[0];
	mode[1] = perms[1];
	mode[2] = perms[2];
	mode[3] = perms[3] == 's' ? 's' : '-';
	mode[4] = '-';
	mode[5] = 0;
	p = (char *)perms;			/* skip perms, offset and dev */
	for (int field = 0; field < 3 && *p; field++) {
		p += strcspn(p, " ");
		p += strspn(p, " ");
	}
	p += strcspn(p, " ");			/* and the inode */
	name = name_of(p);
	size = end - start;
	base = strrchr(name, '/');
	if (base)
		name = base[1] ? base + 1 : base;
	else if (!strcmp(name, "[stack]"))
		name = "  [ stack ]";
	else
		name = "  [ anon ]";
	printf("%016lx %6luK %s %s\n", start, size >> 10, mode, name);
	return size;
}

/* pmap of one process: 0, or 1 if its maps cannot be read. */
static int pmap(const char *arg)
{
	static char maps[65536];
	char pid[32], path[64], command[256];
	unsigned long total = 0;

	if (!strcmp(arg, "self"))
		snprintf(pid, sizeof(pid), "%d", getpid());
	else
		snprintf(pid, sizeof(pid), "%s", arg);
	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	if (slurp(path) < 0) {
		fprintf(stderr, "pmap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	memcpy(maps, text, sizeof(maps));
	command_of(pid, maps, command, sizeof(command));
	printf("%s:   %s\n", pid, command);
	for (char *line = maps; *line;) {
		size_t len = strcspn(line, "\n");
		char save = line[len];

		line[len] = 0;
		total += print_mapping(line);
		line[len] = save;
		line += len;
		if (*line)
			line++;
	}
	printf(" total %16luK\n", total >> 10);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: pmap PID...   (or pmap self)\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		char *end;

		if (strcmp(argv[i], "self") && (strtol(argv[i], &end, 10) <= 0 || *end)) {
			fprintf(stderr, "pmap: not a process id: %s\n", argv[i]);
			status = 1;
			continue;
		}
		status |= pmap(argv[i]);
	}
	return status;
}
