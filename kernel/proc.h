/* kernel/proc.h — processes.  For now one: the kernel's own context, with
 * the fd table and current directory the VFS needs; user processes come
 * with the system-call ABI. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "kernel/types.h"
#include "kernel/fs/fs.h"

struct task_struct {
	int pid;
	char comm[16];
	struct files_struct *files;
	struct fs_struct fs;
};

extern struct task_struct *current;
void proc_init(void);				/* the first task: pid 0, the kernel */

#endif
