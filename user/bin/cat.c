/* cat — copy each file (or stdin, for none or "-") to stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copies fd to stdout; returns 0, or -1 after printing what failed. */
static int cat_fd(int fd, const char *name)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return -1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(1, buf + off, n - off);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				fprintf(stderr, "cat: write error: %s\n", strerror(errno));
				return -1;
			}
			off += w;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return cat_fd(0, "-") < 0;
	for (int i = 1; i < argc; i++) {
		int fd;

		if (!strcmp(argv[i], "-")) {
			status |= cat_fd(0, "-") < 0;
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= cat_fd(fd, argv[i]) < 0;
		close(fd);
	}
	return status;
}
