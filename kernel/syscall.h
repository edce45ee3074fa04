/* kernel/syscall.h — the system-call entry (kernel/syscall.c). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/types.h"


struct pt_regs;
void syscall_init(void);		/* MSR_STAR/LSTAR/FMASK, EFER.SCE */
int do_syscall(struct pt_regs *regs);	/* 1: return with sysretq */
long sys_ni_syscall(unsigned long nr);	/* -ENOSYS, named once on the console */
/* kernel/socket.c: no address family, -EAFNOSUPPORT after Linux's checks */
long sys_socket(unsigned long family, unsigned long type, unsigned long protocol);
long sys_socketpair(unsigned long family, unsigned long type, unsigned long protocol,
		    unsigned long usv);

/* --- what the system calls on files share (kernel/syscall.c) --- */
struct inode;
struct kstat;
#define AT_SYMLINK_NOFOLLOW	0x100	/* a symbolic link as the last component: itself */
#define AT_EACCESS		0x200	/* faccessat2: effective ids (the same here) */
#define AT_REMOVEDIR		0x200	/* unlinkat: rmdir */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat: follow a link given as the old name */
#define AT_EMPTY_PATH		0x1000	/* "" names dirfd itself */
#define NAME_ON_STACK		256	/* bytes of a path copied without allocating */

/* A user path into on_stack (NAME_ON_STACK bytes) or kmalloc'd memory;
 * ERR_PTR.  putname gives it back. */
char *getname(const char *upath, char *on_stack);
void putname(char *path, char *on_stack);
/* Relative paths start at dirfd for one call: at_dir makes it the current
 * directory (-EBADF, -ENOTDIR), at_dir_restore puts the old one back. */
long at_dir(long dirfd, const char *path, struct inode **saved);
void at_dir_restore(struct inode *saved);
long put_stat(const struct kstat *k, unsigned long ust);	/* struct stat to user memory */

/* Run op on a user path: the common shape of open/stat/unlink/... */
#define WITH_PATH(upath, expr)                                                  \
	({                                                                      \
		char __on_stack[NAME_ON_STACK];                                 \
		char *path = getname(upath, __on_stack);                        \
		long __r = IS_ERR(path) ? PTR_ERR(path) : (expr);               \
		putname(path, __on_stack);                                      \
		__r;                                                            \
	})

#endif
