/* kernel/fs/proc_internal.h — what procfs.c takes from the other files of
 * /proc (Linux's fs/proc/internal.h): the files of a process's memory,
 * kernel/fs/proc_task_mmu.c, each a kind of file of its own; and what they
 * take from procfs.c. */
#ifndef KERNEL_FS_PROC_INTERNAL_H
#define KERNEL_FS_PROC_INTERNAL_H

#include "kernel/fs/fs.h"

extern const struct file_operations proc_pid_maps_operations;		/* /proc/PID/maps */
extern const struct file_operations proc_pid_smaps_operations;		/* /proc/PID/smaps */
extern const struct file_operations proc_pid_smaps_rollup_operations;	/* .../smaps_rollup */
extern const struct file_operations proc_pagemap_operations;		/* /proc/PID/pagemap */
extern const struct file_operations proc_clear_refs_operations;	/* .../clear_refs */

/* /proc/PID/mem's lseek, pagemap's too (Linux's mem_lseek): offsets are
 * addresses, SEEK_SET and SEEK_CUR only. */
loff_t mem_lseek(struct file *f, loff_t off, int whence);

#endif
