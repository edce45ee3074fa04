/* ls [-l] [-a] [path...] — list directories (sorted by name, one per line)
 * with getdents64; -l adds the mode, link count and size; -a shows names
 * starting with '.'. A path that is not a directory is listed as itself. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int opt_long, opt_all;

/* "drwxr-xr-x" from st_mode. */
static void mode_string(mode_t m, char out[11])
{
	const char *types = "?pc?d?b?-?l?s???";	/* indexed by (m >> 12) & 15 */
	const char *rwx = "rwxrwxrwx";

	out[0] = types[(m >> 12) & 15];
	for (int i = 0; i < 9; i++)
		out[1 + i] = m & (0400 >> i) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = m & S_IXUSR ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = m & S_IXGRP ? 's' : 'S';
	if (m & S_ISVTX)
		out[9] = m & S_IXOTH ? 't' : 'T';
	out[10] = 0;
}

/* One line of output: the name, or with -l "mode links size name". */
static int print_entry(const char *path, const char *name)
{
	struct stat st;
	char mode[11];

	if (!opt_long) {
		printf("%s\n", name);
		return 0;
	}
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: cannot access '%s': %s\n", path, strerror(errno));
		return -1;
	}
	mode_string(st.st_mode, mode);
	printf("%s %3lu %9ld %s\n", mode, (unsigned long)st.st_nlink, (long)st.st_size, name);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every name of dir into a sorted array; returns the count, or -1. */
static int read_names(const char *dir, char ***names_out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	int n = 0, cap = 0;

	if (!d)
		return -1;
	errno = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' && !opt_all)
			continue;
		if (n == cap) {
			char **bigger = realloc(names, (cap = cap ? 2 * cap : 32) * sizeof(*names));
			if (!bigger)
				break;
			names = bigger;
		}
		names[n++] = strdup(de->d_name);
		errno = 0;
	}
	if (errno) {
		int saved = errno;
		closedir(d);
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
		errno = saved;
		return -1;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), compare_names);
	*names_out = names;
	return n;
}

static int list_dir(const char *dir)
{
	char **names = NULL;
	int n = read_names(dir, &names), status = 0;

	if (n < 0) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		if (print_entry(path, names[i]) < 0)
			status = -1;
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int status = 0, npaths = 0, first = 1;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || !argv[i][1]) {
			npaths++;
			continue;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'l')
				opt_long = 1;
			else if (*o == 'a')
				opt_all = 1;
			else {
				fprintf(stderr, "ls: invalid option -- '%c'\nusage: ls [-la] [path...]\n", *o);
				return 2;
			}
		}
	}
	if (npaths == 0)
		return list_dir(".") < 0 ? 2 : 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		const char *p = argv[i];

		if (p[0] == '-' && p[1])
			continue;
		if (stat(p, &st) < 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", p, strerror(errno));
			status = 2;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (print_entry(p, p) < 0)
				status = 2;
			continue;
		}
		if (npaths > 1)
			printf("%s%s:\n", first ? "" : "\n", p);
		first = 0;
		if (list_dir(p) < 0)
			status = 2;
	}
	return status;
}
