/* meminfo — print the MemTotal and MemFree lines of /proc/meminfo. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PATH "/proc/meminfo"

/* Prints the line of buf that starts with key; returns 0 if there was one. */
static int print_line(const char *buf, const char *key)
{
	size_t klen = strlen(key);

	for (const char *line = buf; *line;) {
		size_t len = strcspn(line, "\n");
		if (len >= klen && !strncmp(line, key, klen)) {
			printf("%.*s\n", (int)len, line);
			return 0;
		}
		line += len;
		if (*line == '\n')
			line++;
	}
	fprintf(stderr, "meminfo: no %s line in %s\n", key, PATH);
	return -1;
}

int main(void)
{
	static char buf[16384];
	size_t len = 0;
	ssize_t n;
	int fd = open(PATH, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "meminfo: cannot open %s: %s\n", PATH, strerror(errno));
		return 1;
	}
	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "meminfo: read %s: %s\n", PATH, strerror(errno));
			close(fd);
			return 1;
		}
		len += n;
	}
	close(fd);
	buf[len] = 0;
	if (print_line(buf, "MemTotal:") < 0 || print_line(buf, "MemFree:") < 0)
		return 1;
	return 0;
}
