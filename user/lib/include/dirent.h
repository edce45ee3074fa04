/* dirent.h — directory entries as getdents64 returns them, and a small
 * opendir/readdir over it. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;	/* bytes in this record, padded to 8 */
	unsigned char d_type;		/* DT_* */
	char d_name[];			/* NUL-terminated */
};
#define dirent dirent64

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

typedef struct DIR DIR;

/* The raw call: fills buf with records; returns bytes used, 0 at the end. */
ssize_t getdents64(int fd, void *buf, size_t len);
DIR *opendir(const char *path);
struct dirent *readdir(DIR *d);		/* NULL at the end (or on error: errno) */
int closedir(DIR *d);
int dirfd(DIR *d);

#endif
