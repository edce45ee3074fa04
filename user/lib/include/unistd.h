/* unistd.h — file, process and identity calls; each is one Linux system call
 * (failures: -1 with errno set). */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

#define SEEK_SET	0	/* lseek: from the start */
#define SEEK_CUR	1	/* from the current offset */
#define SEEK_END	2	/* from the end of the file */

#define F_OK		0	/* access: the file exists */
#define X_OK		1
#define W_OK		2
#define R_OK		4

extern char **environ;

/* files */
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int oldfd, int newfd);
int pipe(int fds[2]);
int access(const char *path, int mode);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
int unlink(const char *path);
int rmdir(const char *path);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int isatty(int fd);
int fsync(int fd);
int dup3(int oldfd, int newfd, int flags);
int fchdir(int fd);
void sync(void);
int syncfs(int fd);
int link(const char *oldpath, const char *newpath);
int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int symlink(const char *target, const char *linkpath);
int symlinkat(const char *target, int newdirfd, const char *linkpath);
ssize_t readlink(const char *path, char *buf, size_t size);
ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size);
int unlinkat(int dirfd, const char *path, int flags);
int faccessat(int dirfd, const char *path, int mode, int flags);	/* flags: faccessat2 */
int chown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);

/* memory: the program break */
int brk(void *addr);
void *sbrk(long increment);
int getpagesize(void);

/* processes */
pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
__attribute__((noreturn)) void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int pause(void);
unsigned int sleep(unsigned int seconds);
unsigned int alarm(unsigned int seconds);

#endif
