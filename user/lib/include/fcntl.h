/* fcntl.h — open flags (octal, as in Linux's asm-generic/fcntl.h) and fcntl commands. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_RDONLY	00
#define O_WRONLY	01
#define O_RDWR		02
#define O_ACCMODE	03
#define O_CREAT		0100		/* create if missing (needs a mode) */
#define O_EXCL		0200		/* with O_CREAT: fail if it exists */
#define O_NOCTTY	0400
#define O_TRUNC		01000		/* cut a regular file to length 0 */
#define O_APPEND	02000		/* every write goes to the end */
#define O_NONBLOCK	04000
#define O_DSYNC		010000
#define O_DIRECT	040000
#define O_LARGEFILE	0100000
#define O_DIRECTORY	0200000		/* fail unless it is a directory */
#define O_NOFOLLOW	0400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000	/* close on execve */
#define O_SYNC		04010000
#define O_PATH		010000000
#define O_TMPFILE	020200000

#define AT_FDCWD		(-100)	/* *at(): relative to the working directory */
#define AT_SYMLINK_NOFOLLOW	0x100	/* a symbolic link itself, not what it names */
#define AT_REMOVEDIR		0x200	/* unlinkat: rmdir */
#define AT_EACCESS		0x200	/* faccessat: effective ids */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat: follow a symbolic link */
#define AT_EMPTY_PATH		0x1000	/* "" names dirfd itself */

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define F_ADD_SEALS	1033		/* memfds: seals are only ever added */
#define F_GET_SEALS	1034
#define FD_CLOEXEC	1

#define F_SEAL_SEAL		0x0001	/* no more seals */
#define F_SEAL_SHRINK		0x0002	/* no smaller size */
#define F_SEAL_GROW		0x0004	/* no larger size */
#define F_SEAL_WRITE		0x0008	/* no writes, no shared writable mapping */
#define F_SEAL_FUTURE_WRITE	0x0010	/* no new writes or writable mappings */

#define FALLOC_FL_KEEP_SIZE	0x01	/* fallocate: allocate, the size stays */
#define FALLOC_FL_PUNCH_HOLE	0x02	/* free the range (needs KEEP_SIZE) */
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE	0x10
#define FALLOC_FL_INSERT_RANGE	0x20
#define FALLOC_FL_UNSHARE_RANGE	0x40

int open(const char *path, int flags, ...);	/* mode_t mode with O_CREAT */
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
int fallocate(int fd, int mode, off_t offset, off_t len);

#endif
