/* kernel/fs/procfs.c — /proc: a file system of its own kind, whose files
 * the kernel makes and writes, in Linux's formats, so the same program
 * reads /proc/meminfo here and on Linux.
 *
 * The entries are the kernel's: procfs_init and proc_pid_register make
 * them, proc_pid_unregister removes them (with ramfs's entry helpers).
 * What users try goes through procfs's inode operations, which are
 * Linux's for /proc, as root sees them:
 *
 *	lookup of a name /proc lacks	-ENOENT: so mkdir, creat, O_CREAT of a
 *					new name are -ENOENT
 *	unlink, rmdir			-EPERM (no ->unlink, ->rmdir; /proc/PID and
 *					/proc/self are immutable); rmdir /proc: -EBUSY
 *	mkdir of a name in use		-EEXIST; O_CREAT|O_EXCL -EEXIST
 *	truncate, O_TRUNC, ftruncate	0, and nothing changes (proc's setattr)
 *	open for writing		allowed (root); write is -EIO (meminfo,
 *					vmstat, faults, mm_audit: proc_reg_write
 *					without ->proc_write) or -EINVAL (maps:
 *					a seq_file with no ->write)
 *
 * Reading works when memory is exhausted (a user must be able to see what
 * happened): open() runs the file's show function into one static buffer,
 * proc_text, and keeps a copy of exactly the bytes made (kmalloc'd), so
 * one open reads one snapshot.  If that copy cannot be had, the file is
 * still opened, without a snapshot: each read() makes the text again into
 * proc_text and serves its part from there (a reader in several reads may
 * then see two moments, never a failure).  One static buffer is enough
 * because it is never held across a sleep: a show function neither sleeps
 * nor allocates nor touches user memory, and what is served from
 * proc_text is copied to the caller's kernel buffer at once; the kernel
 * is uniprocessor and does not preempt itself, so no other task runs
 * between making the text and taking it. */
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

static char proc_text[PROC_BUF_SIZE];	/* the text being made: see the top */

struct proc_buf {			/* one open's snapshot */
	size_t len;
	char text[];
};

/* Make the file's text in proc_text; its length. */
static size_t proc_make_text(struct inode *inode)
{
	int n = ((proc_show_t)inode->i_private)(inode->i_proc_pid, proc_text, PROC_BUF_SIZE);
	return n < 0 ? 0 : MIN((size_t)n, (size_t)PROC_BUF_SIZE);
}

/* The snapshot, or none (NULL) when memory is short: never an error. */
static int proc_open(struct inode *inode, struct file *f)
{
	size_t len = proc_make_text(inode);
	struct proc_buf *b = kmalloc(sizeof(*b) + len);
	if (b) {
		b->len = len;
		memcpy(b->text, proc_text, len);
	}
	f->private_data = b;
	return 0;
}

static int proc_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

/* The text this read serves: the snapshot, or the text made just now. */
static const char *proc_file_text(struct file *f, size_t *len)
{
	struct proc_buf *b = f->private_data;
	if (b) {
		*len = b->len;
		return b->text;
	}
	*len = proc_make_text(f->f_inode);
	return proc_text;
}

static ssize_t proc_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	size_t len;
	const char *text = proc_file_text(f, &len);
	if (*pos < 0)
		return -EINVAL;
	if ((size_t)*pos >= len)
		return 0;
	n = MIN(n, len - (size_t)*pos);
	memcpy(buf, text + *pos, n);
	*pos += n;
	return (ssize_t)n;
}

static loff_t proc_llseek(struct file *f, loff_t off, int whence)
{
	size_t len = 0;
	if (whence == SEEK_END)
		proc_file_text(f, &len);
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos : (loff_t)len;
	if (base + off < 0)
		return -EINVAL;
	return f->f_pos = base + off;
}

/* Linux's proc_reg_write for an entry without ->proc_write. */
static ssize_t proc_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	return -EIO;
}

/* /proc/meminfo, /proc/vmstat, ...: Linux's proc_create_single files. */
static const struct file_operations proc_file_ops = {
	.open = proc_open, .release = proc_release, .read = proc_read, .llseek = proc_llseek,
	.write = proc_write,
};

/* /proc/sysrq-trigger: Linux's "echo c > /proc/sysrq-trigger" crashes the
 * kernel on purpose (the only key here): the test runner's own test boots
 * a program that does it (tests/runner/), to see one program's panic cost
 * that program only.  Reading it gives nothing, as on Linux. */
static int sysrq_show(int pid, char *buf, size_t size)
{
	return 0;
}

static ssize_t sysrq_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	if (n && buf[0] == 'c') {
		printk("sysrq: Trigger a crash\n");
		panic("sysrq triggered crash");
	}
	return (ssize_t)n;
}

static const struct file_operations proc_sysrq_ops = {
	.open = proc_open, .release = proc_release, .read = proc_read, .llseek = proc_llseek,
	.write = sysrq_write,
};

/* /proc/PID/maps: Linux's seq_file with no write (write: -EINVAL). */
static const struct file_operations proc_pid_file_ops = {
	.open = proc_open, .release = proc_release, .read = proc_read, .llseek = proc_llseek,
};

/* A directory of /proc: readable; fsync -EINVAL, as Linux's /proc. */
static const struct file_operations proc_dir_ops = {
	.iterate = ramfs_readdir, .llseek = generic_file_llseek,
};

/* Linux's proc_lookup: a name /proc does not have is an error of the
 * lookup itself, before mkdir or creat could be asked. */
static struct inode *proc_lookup(struct inode *dir, const char *name)
{
	struct inode *inode = ramfs_lookup(dir, name);
	return inode ? inode : ERR_PTR(-ENOENT);
}

/* Linux's proc setattr (proc_notify_change, proc_setattr): a new size is
 * accepted and changes nothing; the text is made at open. */
static int proc_setsize(struct inode *inode, loff_t size)
{
	return 0;
}

/* Linux's proc_setattr: a process's entries (/proc/PID, /proc/self and
 * their maps) refuse a new mode; anything else is stored, as Linux lets
 * root chmod /proc/meminfo. */
static int proc_setattr(struct inode *inode, const struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_MODE) && (IS_IMMUTABLE(inode) || inode->i_fop == &proc_pid_file_ops))
		return -EPERM;
	return 0;
}

/* No create, mkdir, mknod, unlink, rmdir: the VFS refuses them (fs.h). */
static const struct inode_operations proc_dir_inode_ops = { .lookup = proc_lookup,
							    .setattr = proc_setattr };
static const struct inode_operations proc_file_inode_ops = { .setsize = proc_setsize,
							     .setattr = proc_setattr };

/* A directory of /proc, made by the kernel in dir. */
static int proc_mkdir_in(struct inode *dir, const char *name, struct inode **out)
{
	int err = ramfs_create(dir, name, S_IFDIR | 0555, 0, out);
	if (err)
		return err;
	(*out)->i_op = &proc_dir_inode_ops;
	(*out)->i_fop = &proc_dir_ops;
	return 0;
}

/* /proc/PID and /proc/self: immutable, as Linux's (proc_pid_make_base_inode). */
static int proc_mkdir(const char *path)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last), *inode;
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = proc_mkdir_in(dir, last, &inode);
	iput(dir);
	if (!err) {
		inode->i_flags |= S_IMMUTABLE;
		iput(inode);
	}
	return err;
}

static int proc_create_fops(const char *path, proc_show_t show, int pid,
			    const struct file_operations *fops)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last), *inode;
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = ramfs_create(dir, last, S_IFREG | 0444, 0, &inode);
	iput(dir);
	if (err)
		return err;
	inode->i_op = &proc_file_inode_ops;
	inode->i_fop = fops;
	inode->i_private = (void *)show;
	inode->i_proc_pid = pid;
	iput(inode);
	return 0;
}

int proc_create(const char *path, proc_show_t show, int pid)
{
	return proc_create_fops(path, show, pid, &proc_file_ops);
}

/* Remove a file or an (empty) directory the kernel made. */
static void proc_remove(const char *path)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last);
	if (IS_ERR(dir))
		return;
	struct inode *inode = ramfs_lookup(dir, last);
	if (inode && S_ISDIR(inode->i_mode))
		ramfs_rmdir(dir, last);
	else if (inode)
		ramfs_unlink(dir, last);
	iput(dir);
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
	n += snprintf(buf + n, size - n, "fault_storms %lu\n", fault_storms);	/* fault_trace.h */
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
			      f ? v->vm_pgoff << PAGE_SHIFT : 0, f ? MAJOR(f->f_inode->i_sb->s_dev) : 0,
			      f ? MINOR(f->f_inode->i_sb->s_dev) : 0,
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
	if (proc_mkdir(path) == 0) {
		snprintf(path, sizeof(path), "/proc/%d/maps", pid);
		proc_create_fops(path, maps_show, pid, &proc_pid_file_ops);
	}
}

void proc_pid_unregister(int pid)
{
	char path[40];
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	proc_remove(path);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	proc_remove(path);
}

/* statfs of /proc: Linux's simple_statfs, which is all proc has. */
static void proc_statfs(struct super_block *sb, struct kstatfs *buf)
{
	*buf = (struct kstatfs){ .f_type = 0x9fa0 /* PROC_SUPER_MAGIC */, .f_bsize = PAGE_SIZE,
				 .f_namelen = NAME_MAX };
}

struct super_block proc_sb = { "proc", 2, proc_statfs };

/* /proc itself (the root of the kind: rmdir says -EBUSY, as for a mount
 * point), then the files every boot has. */
void procfs_init(void)
{
	struct inode *proc;
	mm_audit_init();			/* /proc/mm_audit's counts, now */
	if (proc_mkdir_in(root_inode, "proc", &proc))
		panic("procfs: cannot make /proc");
	proc->i_flags |= S_MOUNTPOINT;
	proc->i_sb = &proc_sb;			/* what it makes inherits it */
	iput(proc);
	if (proc_create("/proc/meminfo", meminfo_show, 0) ||
	    proc_create("/proc/vmstat", vmstat_show, 0) ||
	    proc_create("/proc/mm_audit", mm_audit_show, 0) ||
	    proc_create("/proc/faults", faults_show, 0) || proc_mkdir("/proc/self") ||
	    proc_create_fops("/proc/sysrq-trigger", sysrq_show, 0, &proc_sysrq_ops) ||
	    proc_create_fops("/proc/self/maps", maps_show, 0, &proc_pid_file_ops))
		panic("procfs: cannot create /proc files");
}
