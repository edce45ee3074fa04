/* kernel/proc.c — the task list.  For now the kernel's own task, pid 0. */
#include "kernel/proc.h"
#include "kernel/panic.h"
#include "kernel/string.h"

static struct task_struct init_task = { .pid = 0, .comm = "kernel" };
struct task_struct *current = &init_task;

void proc_init(void)
{
	init_task.files = files_alloc();
	if (!init_task.files)
		panic("proc_init: no memory for the fd table");
	init_task.fs.cwd = igrab(root_inode);
}
