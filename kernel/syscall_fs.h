/* kernel/syscall_fs.h — the file system calls of kernel/syscall_fs.c,
 * for the table in kernel/syscall.c (arguments as the registers give them). */
#ifndef KERNEL_SYSCALL_FS_H
#define KERNEL_SYSCALL_FS_H

long sys_renameat2(unsigned long olddfd, unsigned long oldpath, unsigned long newdfd, unsigned long newpath, unsigned long flags);
long sys_renameat(unsigned long olddfd, unsigned long oldpath, unsigned long newdfd, unsigned long newpath);
long sys_rename(unsigned long oldpath, unsigned long newpath);
long sys_linkat(unsigned long olddfd, unsigned long oldpath, unsigned long newdfd, unsigned long newpath, unsigned long flags);
long sys_link(unsigned long oldpath, unsigned long newpath);
long sys_symlinkat(unsigned long target, unsigned long newdfd, unsigned long path);
long sys_symlink(unsigned long target, unsigned long path);
long sys_readlinkat(unsigned long dfd, unsigned long upath, unsigned long ubuf, unsigned long bufsiz);
long sys_readlink(unsigned long upath, unsigned long ubuf, unsigned long bufsiz);
long sys_fchmodat(unsigned long dfd, unsigned long upath, unsigned long mode);
long sys_chmod(unsigned long upath, unsigned long mode);
long sys_fchmod(unsigned long fd, unsigned long mode);
long sys_fchownat(unsigned long dfd, unsigned long upath, unsigned long uid, unsigned long gid, unsigned long flags);
long sys_chown(unsigned long upath, unsigned long uid, unsigned long gid);
long sys_lchown(unsigned long upath, unsigned long uid, unsigned long gid);
long sys_fchown(unsigned long fd, unsigned long uid, unsigned long gid);
long sys_umask(unsigned long mask);
long sys_utimensat(unsigned long dfd, unsigned long upath, unsigned long utimes, unsigned long flags);
long sys_futimesat(unsigned long dfd, unsigned long upath, unsigned long utimes);
long sys_utimes(unsigned long upath, unsigned long utimes);
long sys_utime(unsigned long upath, unsigned long utimbuf);
long sys_statfs(unsigned long upath, unsigned long ubuf);
long sys_fstatfs(unsigned long fd, unsigned long ubuf);
long sys_mkdirat(unsigned long dfd, unsigned long upath, unsigned long mode);
long sys_mknodat(unsigned long dfd, unsigned long upath, unsigned long mode, unsigned long dev);
long sys_mknod(unsigned long upath, unsigned long mode, unsigned long dev);
long sys_unlinkat(unsigned long dfd, unsigned long upath, unsigned long flags);
long sys_dup3(unsigned long oldfd, unsigned long newfd, unsigned long flags);
long sys_fchdir(unsigned long fd);
long sys_sync(void);
long sys_syncfs(unsigned long fd);
long sys_sendfile(unsigned long out_fd, unsigned long in_fd, unsigned long uoffset, unsigned long count);
long sys_fallocate(unsigned long fd, unsigned long mode, unsigned long off, unsigned long len);

#endif
