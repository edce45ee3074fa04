/* sys/statfs.h — Linux's x86-64 struct statfs (120 bytes) and the magic
 * numbers of the file systems faultline has. */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <sys/types.h>

#define TMPFS_MAGIC		0x01021994	/* tmpfs, devtmpfs; faultline's ramfs */
#define RAMFS_MAGIC		0x858458f6
#define PROC_SUPER_MAGIC	0x9fa0
#define ST_VALID		0x0020		/* f_flags: set on every answer */

typedef struct {
	int __val[2];
} fsid_t;

struct statfs {
	long f_type;			/* the magic numbers above */
	long f_bsize;			/* the block size for the counts below */
	unsigned long f_blocks, f_bfree, f_bavail;
	unsigned long f_files, f_ffree;	/* inodes */
	fsid_t f_fsid;
	long f_namelen;			/* NAME_MAX */
	long f_frsize;
	long f_flags;			/* ST_* */
	long f_spare[4];
};

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
