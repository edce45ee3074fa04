/* kernel/fs/procfs.c — /proc: read-only files whose text is generated
 * when they are opened, in Linux's formats, so the same program reads
 * /proc/meminfo here and on Linux.
 *
 * A /proc file is a ramfs inode with proc_file_ops and, in i_private, the
 * function that writes its text; open() runs it into a buffer that read()
 * then serves, so one open sees one consistent snapshot. */
#include "kernel/fs/fs.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/fault_trace.h"
#include "kernel/err.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/memory.h"
#include "mm/mm.h"
#include "kernel/proc.h"

#define PROC_BUF_SIZE	16384	/* /proc/faults: 64 records of ~130 bytes */

struct proc_buf {
	size_t len;
	char text[];
};

static int proc_open(struct inode *inode, struct file *f)
{
	if (f->f_mode & FMODE_WRITE)
		return -EACCES;
	struct proc_buf *b = kmalloc(sizeof(*b) + PROC_BUF_SIZE);
	if (!b)
		return -ENOMEM;
	b->len = ((proc_show_t)inode->i_private)(inode->i_proc_pid, b->text, PROC_BUF_SIZE);
	f->private_data = b;
	return 0;
}

static int proc_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static ssize_t proc_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	struct proc_buf *b = f->private_data;
	if (*pos < 0)
		return -EINVAL;
	if ((size_t)*pos >= b->len)
		return 0;
	n = MIN(n, b->len - (size_t)*pos);
	memcpy(buf, b->text + *pos, n);
	*pos += n;
	return (ssize_t)n;
}

static loff_t proc_llseek(struct file *f, loff_t off, int whence)
{
	struct proc_buf *b = f->private_data;
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos : (loff_t)b->len;
	if (base + off < 0)
		return -EINVAL;
	return f->f_pos = base + off;
}

static const struct file_operations proc_file_ops = {
	.open = proc_open, .release = proc_release, .read = proc_read, .llseek = proc_llseek,
};

int proc_create(const char *path, proc_show_t show, int pid)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last), *inode;
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = ramfs_create(dir, last, S_IFREG | 0444, 0, &inode);
	iput(dir);
	if (err)
		return err;
	inode->i_fop = &proc_file_ops;
	inode->i_private = (void *)show;
	inode->i_proc_pid = pid;
	iput(inode);
	return 0;
}

/* "MemTotal:       " + 8-wide number + " kB", as Linux's show_val_kb. */
static size_t kb_line(char *buf, size_t size, const char *label, unsigned long pages)
{
	char key[32];
	if (!size)
		return 0;
	snprintf(key, sizeof(key), "%s:", label);
	return snprintf(buf, size, "%-16s%8lu kB\n", key, pages * (PAGE_SIZE / 1024));
}

static int meminfo_show(int pid, char *buf, size_t size)
{
	size_t n = 0;
	n += kb_line(buf + n, size - n, "MemTotal", nr_managed_pages());
	n += kb_line(buf + n, size - n, "MemFree", nr_free_pages());
	n += kb_line(buf + n, size - n, "MemAvailable", nr_free_pages() + nr_pagecache_pages());
	n += kb_line(buf + n, size - n, "Buffers", 0);
	n += kb_line(buf + n, size - n, "Cached", nr_pagecache_pages());
	n += kb_line(buf + n, size - n, "PageTables", nr_pgtable_pages());
	return (int)MIN(n, size);
}

/* Linux's names for what exists, then one counter per fault path. */
static int vmstat_show(int pid, char *buf, size_t size)
{
	size_t n = 0;
	/* (PROC_BUF_SIZE holds these lines with room to spare: no overflow check) */
	n += snprintf(buf + n, size - n, "nr_free_pages %lu\n", nr_free_pages());
	n += snprintf(buf + n, size - n, "nr_file_pages %lu\n", nr_pagecache_pages());
	n += snprintf(buf + n, size - n, "nr_page_table_pages %lu\n", nr_pgtable_pages());
	n += snprintf(buf + n, size - n, "nr_dirty %lu\n", vm_nr_dirty);
	n += snprintf(buf + n, size - n, "nr_written %lu\n", vm_nr_written);
	n += snprintf(buf + n, size - n, "pgfault %lu\n", vm_event_pgfault);
	n += snprintf(buf + n, size - n, "pgmajfault %lu\n", vm_event_pgmajfault);
	for (int p = 1; p < NR_FAULT_PATHS && n < size; p++) {
		char name[40];
		strlcpy(name, fault_path_name(p), sizeof(name));
		for (char *c = name; *c; c++)
			if (*c == '-')
				*c = '_';
		n += snprintf(buf + n, size - n, "fault_%s %lu\n", name, fault_path_count[p]);
	}
	return (int)MIN(n, size);
}

/* faultline's own: the page-count audit of mm/audit.c ("ok: ..." or "FAIL"). */
static int mm_audit_show(int pid, char *buf, size_t size)
{
	size_t len;
	mm_audit(buf, size, &len);
	return (int)len;
}

/* /proc/PID/maps in Linux's format (fs/proc/task_mmu.c show_map_vma):
 *
 *   00400000-00401000 r--p 00000000 00:01 12                               /bin/init
 *   start-end perms offset dev inode, then the name from column 73:
 *   a file's path, [heap], [stack], or nothing (anonymous memory). */
static int maps_show(int pid, char *buf, size_t size)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	struct vm_area_struct *v;
	size_t n = 0;
	if (!t || !t->mm)
		return 0;
	struct mm_struct *mm = t->mm;
	list_for_each_entry(v, &mm->mmap_list, vm_list) {
		struct file *f = v->vm_file;
		const char *name = f && f->f_path ? f->f_path : f ? "/dev/zero (deleted)" : "";
		if (!f && v->vm_start <= mm->brk && v->vm_end >= mm->start_brk)
			name = "[heap]";
		else if (!f && v->vm_start <= mm->start_stack && v->vm_end >= mm->start_stack)
			name = "[stack]";
		size_t start = n;
		n += snprintf(buf + n, size - n, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
			      v->vm_start, v->vm_end, v->vm_flags & VM_READ ? 'r' : '-',
			      v->vm_flags & VM_WRITE ? 'w' : '-', v->vm_flags & VM_EXEC ? 'x' : '-',
			      v->vm_flags & VM_MAYSHARE ? 's' : 'p',
			      f ? v->vm_pgoff << PAGE_SHIFT : 0, 0, f ? 1 : 0,
			      f ? f->f_inode->i_ino : 0UL);
		/* as Linux's seq_pad: the name from column 73, or one more space */
		if (*name && n < size)
			n += snprintf(buf + n, size - n, "%*s%s", n - start < 73 ? (int)(73 - (n - start)) : 1,
				      "", name);
		if (n < size)
			n += snprintf(buf + n, size - n, "\n");
		if (n >= size)
			break;
	}
	return (int)MIN(n, size);
}

/* /proc/faults (faultline's own): the fault-trace ring, oldest first, one
 * fault a line, in the format fault_trace=1 prints on the console. */
static int faults_show(int pid, char *buf, size_t size)
{
	size_t n = 0;
	for (int i = FAULT_RING_SIZE - 1; i >= 0 && n < size; i--) {
		const struct fault_record *r = fault_ring_get(i);
		if (r)
			n += format_fault_record(r, buf + n, size - n);
	}
	return (int)MIN(n, size);
}

void proc_pid_register(int pid)
{
	char path[40];
	snprintf(path, sizeof(path), "/proc/%d", pid);
	if (vfs_mkdir(path, 0555) == 0) {
		snprintf(path, sizeof(path), "/proc/%d/maps", pid);
		proc_create(path, maps_show, pid);
	}
}

void proc_pid_unregister(int pid)
{
	char path[40];
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	vfs_unlink(path);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	vfs_rmdir(path);
}

void procfs_init(void)
{
	if (proc_create("/proc/meminfo", meminfo_show, 0) ||
	    proc_create("/proc/vmstat", vmstat_show, 0) ||
	    proc_create("/proc/mm_audit", mm_audit_show, 0) ||
	    proc_create("/proc/faults", faults_show, 0) || vfs_mkdir("/proc/self", 0555) ||
	    proc_create("/proc/self/maps", maps_show, 0))
		panic("procfs: cannot create /proc files");
}
