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
 * happened): a read at offset 0 runs the file's show function into one
 * static buffer, proc_text, and keeps a copy of exactly the bytes made
 * (kmalloc'd), which the reads after it serve, so a reader from the start
 * sees one moment; a read at 0 again (rewind, pread) makes a new one, as
 * Linux's seq_read starts afresh there.  If that copy cannot be had (or
 * the first read is not at 0), each read() makes the text again into
 * proc_text and serves its part from there (a reader in several reads may
 * then see two moments, never a failure).  One static buffer is enough
 * because it is never held across a sleep: a show function neither sleeps
 * nor allocates nor touches user memory, and what is served from
 * proc_text is copied to the caller's kernel buffer at once; the kernel
 * is uniprocessor and does not preempt itself, so no other task runs
 * between making the text and taking it. */
#include "kernel/fs/fs.h"
#include "kernel/fs/proc_internal.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/fault_trace.h"
#include "kernel/time.h"
#include "kernel/err.h"
#include "mm/kmalloc.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/memory.h"
#include "mm/mm.h"
#include "mm/gup.h"
#include "mm/mmap.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/irq.h"
#include "kernel/signal.h"

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
static struct proc_buf *proc_snapshot(struct inode *inode)
{
	size_t len = proc_make_text(inode);
	struct proc_buf *b = kmalloc(sizeof(*b) + len);
	if (b) {
		b->len = len;
		memcpy(b->text, proc_text, len);
	}
	return b;
}

/* No text yet: the first read, at offset 0, makes it. */
static int proc_open(struct inode *inode, struct file *f)
{
	f->private_data = NULL;
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
	if (*pos < 0)
		return -EINVAL;
	if (*pos == 0) {			/* a new snapshot: see the top */
		kfree(f->private_data);
		f->private_data = proc_snapshot(f->f_inode);
	}
	size_t len;
	const char *text = proc_file_text(f, &len);
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

/* /proc/PID/stat, status, ...: Linux's seq_files with no write (write: -EINVAL). */
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

static bool is_proc_pid_file(const struct inode *inode);

/* Linux's proc_setattr: a process's entries (/proc/PID, /proc/self and
 * their files) refuse a new mode; anything else is stored, as Linux lets
 * root chmod /proc/meminfo. */
static int proc_setattr(struct inode *inode, const struct iattr *attr)
{
	if ((attr->ia_valid & ATTR_MODE) && (IS_IMMUTABLE(inode) || is_proc_pid_file(inode)))
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

/* /proc/PID and /proc/self: immutable, as Linux's (proc_pid_make_base_inode);
 * /proc/sys and its directories too (kernel/sysctl.c). */
int proc_mkdir(const char *path)
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

static int proc_create_mode(const char *path, proc_show_t show, int pid,
			    const struct file_operations *fops, umode_t mode)
{
	char last[NAME_MAX + 1];
	struct inode *dir = nameiparent(path, last), *inode;
	if (IS_ERR(dir))
		return (int)PTR_ERR(dir);
	int err = ramfs_create(dir, last, S_IFREG | mode, 0, &inode);
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

static int proc_create_fops(const char *path, proc_show_t show, int pid,
			    const struct file_operations *fops)
{
	return proc_create_mode(path, show, pid, fops, 0444);
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

/* Kernel stacks in use, in pages: every task but the idle one (on the boot
 * stack) holds KSTACK_PAGES, zombies too until they are reaped. */
static unsigned long kernel_stack_pages(void)
{
	unsigned long pages = 0;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks)
		if (t->kstack[0])
			pages += KSTACK_PAGES;
	return pages;
}

/* Linux's names, in Linux's order (fs/proc/meminfo.c), for what this kernel
 * has.  Every cached page is a ramfs file's (shared anonymous memory is an
 * unnamed one), which nothing can write back or drop: Linux counts tmpfs
 * and ramfs pages in Cached and Shmem (for tmpfs) and not in MemAvailable,
 * and so does this.  Nothing is ever written back, so there is no Dirty
 * line (Linux counts no tmpfs page there either; vmstat's nr_dirty is the
 * pages msync would clean).  Unevictable and Mlocked are the pages locked
 * VMAs map (mm/mlock.c): with no reclaim, nothing else is kept from
 * eviction on purpose (docs/syscalls.md, mlock).  No swap; kmalloc's
 * pages are Slab, none reclaimable (free and top read SReclaimable and
 * Shmem: without the former BusyBox's free takes the kernel for one older
 * than 3.14). */
static int meminfo_show(int pid, char *buf, size_t size)
{
	static const char *const names[] = {
		"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
		"Unevictable", "Mlocked", "SwapTotal", "SwapFree", "Writeback", "Shmem",
		"KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables",
	};
	unsigned long cached = nr_pagecache_pages(), slab = kmalloc_slab_pages();
	unsigned long mlocked = nr_mlocked_pages();
	const unsigned long pages[] = {
		nr_managed_pages(), nr_free_pages(), nr_free_pages(), 0, cached, 0,
		mlocked, mlocked, 0, 0, 0, cached,
		0, slab, 0, slab, kernel_stack_pages(), nr_pgtable_pages(),
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		n += kb_line(buf + n, size - n, names[i], pages[i]);
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

/* /proc/boot (faultline's own): the boot's cost, TSC ticks from kmain's
 * entry to init's first instruction in user mode (kernel/time.h); under
 * QEMU's -icount shift=0 (make bench), guest instructions.  0 until init
 * runs. */
static int boot_show(int pid, char *buf, size_t size)
{
	u64 ticks = boot_tsc_user ? boot_tsc_user - boot_tsc_kmain : 0;
	return (int)MIN((size_t)snprintf(buf, size, "kmain_to_user_tsc %lu\n", ticks), size);
}

/* ---- what ps, top, free, uptime read -------------------------------------- */

static struct task_struct *proc_task(int pid)
{
	return pid ? find_task_or_zombie(pid) : current;
}

static char task_state_char(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING: return 'R';
	case TASK_INTERRUPTIBLE: return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	case TASK_STOPPED: return 'T';
	case TASK_ZOMBIE: return 'Z';
	default: return 'X';
	}
}

static const char *task_state_name(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING: return "R (running)";
	case TASK_INTERRUPTIBLE: return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE: return "D (disk sleep)";
	case TASK_STOPPED: return "T (stopped)";
	case TASK_ZOMBIE: return "Z (zombie)";
	default: return "X (dead)";
	}
}

static unsigned long task_rss(const struct task_struct *t)
{
	return t->mm ? t->mm->rss_anon + t->mm->rss_file : 0;
}

/* The signals a task ignores and catches, as masks (status, stat). */
static void task_sig_masks(const struct task_struct *t, u64 *ign, u64 *cgt)
{
	*ign = *cgt = 0;
	for (int s = 1; s <= _NSIG; s++) {
		if (t->sig.action[s].handler == SIG_IGN)
			*ign |= sigmask(s);
		else if (t->sig.action[s].handler != SIG_DFL)
			*cgt |= sigmask(s);
	}
}

/* /proc/PID/stat: Linux's 52 fields (fs/proc/array.c do_task_stat), the
 * ones this kernel has filled in, the others 0. */
static int stat_show(int pid, char *buf, size_t size)
{
	struct task_struct *t = proc_task(pid);
	if (!t)
		return 0;
	struct mm_struct *mm = t->mm;
	u64 ign, cgt;
	task_sig_masks(t, &ign, &cgt);
	int tpgid;
	unsigned int tty_nr = tty_stat_of(t, &tpgid);
	return snprintf(buf, size,
		"%d (%s) %c %d %d %d %u %d 4194560 %lu %lu %lu %lu %lu %lu %lu %lu %d %d 1 0 %lu "
		"%lu %lu %lu %lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d 0 0 0 0 0 0 %lu %lu %lu "
		"0 0 0 0 %d\n",
		t->pid, t->comm, task_state_char(t), t->parent ? t->parent->pid : 0, t->pgid, t->sid,
		tty_nr, tpgid, t->min_flt, t->c_min_flt, t->maj_flt, t->c_maj_flt, t->utime, t->stime, t->c_utime,
		t->c_stime, 20 + t->nice, t->nice, (unsigned long)t->start_time,
		mm ? mm->total_vm * PAGE_SIZE : 0, task_rss(t), t->rlim[RLIMIT_RSS].rlim_cur,
		mm ? mm->start_code : 0, mm ? mm->end_code : 0, mm ? mm->start_stack : 0,
		(unsigned long)t->sig.pending, (unsigned long)t->sig.blocked, (unsigned long)ign,
		(unsigned long)cgt, SIGCHLD, mm ? mm->start_data : 0, mm ? mm->end_data : 0,
		mm ? mm->start_brk : 0, t->state == TASK_ZOMBIE ? t->exit_code : 0);
}

/* /proc/PID/status: Linux's names and order, for what this kernel has. */
static int status_show(int pid, char *buf, size_t size)
{
	struct task_struct *t = proc_task(pid);
	if (!t)
		return 0;
	struct mm_struct *mm = t->mm;
	u64 ign, cgt;
	task_sig_masks(t, &ign, &cgt);
	unsigned long kb = PAGE_SIZE / 1024;
	return snprintf(buf, size,
		"Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		"TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n"
		"VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n"
		"RssFile:\t%8lu kB\n"
		"Threads:\t1\nSigPnd:\t%016lx\nShdPnd:\t0000000000000000\nSigBlk:\t%016lx\n"
		"SigIgn:\t%016lx\nSigCgt:\t%016lx\nvoluntary_ctxt_switches:\t%lu\n"
		"nonvoluntary_ctxt_switches:\t%lu\n",
		t->comm, task_state_name(t), t->pid, t->pid, t->parent ? t->parent->pid : 0, NR_OPEN,
		mm ? mm->total_vm * kb : 0, mm ? mm->locked_vm * kb : 0, task_rss(t) * kb, mm ? mm->rss_anon * kb : 0,
		mm ? mm->rss_file * kb : 0, (unsigned long)t->sig.pending,
		(unsigned long)t->sig.blocked, (unsigned long)ign, (unsigned long)cgt, t->nvcsw,
		t->nivcsw);
}

/* /proc/PID/cmdline: argv, each string with its NUL (empty for a zombie). */
static int cmdline_show(int pid, char *buf, size_t size)
{
	struct task_struct *t = proc_task(pid);
	if (!t || t->state == TASK_ZOMBIE || !t->cmdline)
		return 0;
	size_t n = MIN(t->cmdline_len, size);
	memcpy(buf, t->cmdline, n);
	return (int)n;
}

static int comm_show(int pid, char *buf, size_t size)
{
	struct task_struct *t = proc_task(pid);
	return t ? snprintf(buf, size, "%s\n", t->comm) : 0;
}

/* ---- /proc/PID/mem: the process's memory, through get_user_pages ----
 * Reading or writing at offset ADDR reads or writes the process's bytes at
 * ADDR, as a debugger does: with FOLL_FORCE, so read-only text can take a
 * breakpoint, and that write lands in a private copy of the page, never
 * in the file (mm/gup.c, docs/gup.md).  Linux's rule for who may open it
 * is ptrace's (PTRACE_MODE_ATTACH): root may open any process's; everyone
 * is root here.  Linux holds the address space from open on; here the
 * file remembers it with the pid and finds both again at each access: a
 * process that exited or exec'd since reads as end of file, as Linux's
 * (Linux's mem_open, mem_rw, mem_lseek in fs/proc/base.c). */
struct proc_mem {
	int pid;
	struct mm_struct *mm;		/* NULL: a zombie's or a kernel thread's */
};

static int mem_open(struct inode *inode, struct file *f)
{
	struct task_struct *t = proc_task(inode->i_proc_pid);
	if (!t)
		return -ESRCH;
	struct proc_mem *m = kmalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->pid = t->pid;
	m->mm = t->state == TASK_ZOMBIE ? NULL : t->mm;
	f->private_data = m;
	return 0;
}

/* The address space the file was opened on, if it is still that process's. */
static struct mm_struct *mem_mm(struct file *f)
{
	struct proc_mem *m = f->private_data;
	struct task_struct *t = m->mm ? find_task(m->pid) : NULL;
	return t && t->mm == m->mm ? m->mm : NULL;
}

/* A page at a time (access_remote_vm); the first page that cannot be
 * reached or written ends it: -EIO if it was the first. */
static ssize_t mem_rw(struct file *f, char *buf, size_t n, loff_t *pos, bool write)
{
	struct mm_struct *mm = mem_mm(f);
	if (!mm)
		return 0;
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	size_t done = 0;
	while (done < n) {
		int len = (int)MIN(n - done, PAGE_SIZE);
		int r = access_remote_vm(mm, (unsigned long)*pos, buf + done, len, flags);
		if (!r)
			break;
		done += (size_t)r;
		*pos += r;
	}
	return done ? (ssize_t)done : (n ? -EIO : 0);
}

static ssize_t mem_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	return mem_rw(f, buf, n, pos, false);
}

static ssize_t mem_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	return mem_rw(f, (char *)buf, n, pos, true);
}

/* Offsets are addresses: SEEK_SET and SEEK_CUR only (no end); pagemap's
 * lseek too (proc_internal.h). */
loff_t mem_lseek(struct file *f, loff_t off, int whence)
{
	if (whence == SEEK_SET)
		f->f_pos = off;
	else if (whence == SEEK_CUR)
		f->f_pos += off;
	else
		return -EINVAL;
	return f->f_pos;
}

static int mem_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations proc_mem_ops = {
	.open = mem_open, .release = mem_release, .read = mem_read, .write = mem_write,
	.llseek = mem_lseek,
};

/* The files of every /proc/PID (and /proc/self), in order: a show function
 * whose text is made at open (proc_pid_file_ops), or a kind of file of its
 * own (fops: the files of a process's memory, proc_task_mmu.c, and mem). */
static const struct {
	const char *name;
	proc_show_t show;
	const struct file_operations *fops;
	umode_t mode;				/* 0: 0444 */
} pid_files[] = {
	{ "maps", NULL, &proc_pid_maps_operations, 0 }, { "stat", stat_show, NULL, 0 },
	{ "status", status_show, NULL, 0 }, { "cmdline", cmdline_show, NULL, 0 },
	{ "comm", comm_show, NULL, 0 }, { "mem", NULL, &proc_mem_ops, 0600 },
	{ "smaps", NULL, &proc_pid_smaps_operations, 0 },
	{ "smaps_rollup", NULL, &proc_pid_smaps_rollup_operations, 0 },
	{ "pagemap", NULL, &proc_pagemap_operations, 0400 },
	{ "clear_refs", NULL, &proc_clear_refs_operations, 0200 },
};

static const struct file_operations *pid_file_fops(size_t i)
{
	return pid_files[i].fops ? pid_files[i].fops : &proc_pid_file_ops;
}

/* Is inode one of the files of a /proc/PID (or /proc/self)? */
static bool is_proc_pid_file(const struct inode *inode)
{
	for (size_t i = 0; i < ARRAY_SIZE(pid_files); i++)
		if (inode->i_fop == pid_file_fops(i))
			return true;
	return false;
}

static int proc_pid_files(const char *dir, int pid)
{
	char path[48];
	for (size_t i = 0; i < ARRAY_SIZE(pid_files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, pid_files[i].name);
		if (proc_create_mode(path, pid_files[i].show, pid, pid_file_fops(i),
				     pid_files[i].mode ? pid_files[i].mode : 0444))
			return -ENOMEM;
	}
	return 0;
}

void proc_pid_register(int pid)
{
	char path[40];
	snprintf(path, sizeof(path), "/proc/%d", pid);
	if (proc_mkdir(path) == 0)
		proc_pid_files(path, pid);	/* out of memory: the ones that fit */
}

void proc_pid_unregister(int pid)
{
	char path[48];
	for (size_t i = 0; i < ARRAY_SIZE(pid_files); i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", pid, pid_files[i].name);
		proc_remove(path);
	}
	snprintf(path, sizeof(path), "/proc/%d", pid);
	proc_remove(path);
}

/* /proc/uptime: seconds since boot and seconds the CPU was idle. */
static int uptime_show(int pid, char *buf, size_t size)
{
	struct timespec64 up;
	ktime_get_ts64(&up);
	return snprintf(buf, size, "%lu.%02lu %lu.%02lu\n", (unsigned long)up.tv_sec,
			(unsigned long)up.tv_nsec / 10000000, (unsigned long)(idle_ticks / HZ),
			(unsigned long)(idle_ticks % HZ * 100 / HZ));
}

/* /proc/loadavg: the three averages (rounded to hundredths: Linux's
 * get_avenrun(avnrun, FIXED_1/200, 0)), runnable/all tasks, the last pid. */
static int loadavg_show(int pid, char *buf, size_t size)
{
	unsigned long a[3];
	for (int i = 0; i < 3; i++)
		a[i] = avenrun[i] + FIXED_1 / 200;
	int running = 0, all = 0, last = 0;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->pid || t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;
		all++;
		running += t->state == TASK_RUNNING;
		last = MAX(last, t->pid);
	}
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	(LOAD_INT(((x) & (FIXED_1 - 1)) * 100))
	return snprintf(buf, size, "%lu.%02lu %lu.%02lu %lu.%02lu %d/%d %d\n",
			LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]), LOAD_INT(a[2]),
			LOAD_FRAC(a[2]), running,
			all, last);
}

/* /proc/stat: the CPU's time (in USER_HZ ticks: user, nice, system, idle,
 * ...), context switches, the boot time, processes. */
static int proc_stat_show(int pid, char *buf, size_t size)
{
	unsigned long user = 0, sys = 0, ctxt = 0;
	int running = 0, blocked = 0;
	struct task_struct *t;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->pid)
			continue;
		user += t->utime + t->c_utime;
		sys += t->stime + t->c_stime;
		ctxt += t->nvcsw + t->nivcsw;
		running += t->state == TASK_RUNNING;
	}
	struct timespec64 now, up;
	ktime_get_real_ts64(&now);
	ktime_get_ts64(&up);
	size_t n = 0;
	for (int cpu = -1; cpu < 1; cpu++) {
		char name[8] = "cpu";
		if (cpu >= 0)
			snprintf(name, sizeof(name), "cpu%d", cpu);
		n += snprintf(buf + n, size - n, "%-4s %lu 0 %lu %lu 0 0 0 0 0 0\n", name, user, sys,
			      (unsigned long)idle_ticks);
	}
	n += snprintf(buf + n, size - n, "intr %lu\nctxt %lu\nbtime %ld\nprocesses %d\n"
		      "procs_running %d\nprocs_blocked %d\n", (unsigned long)jiffies, ctxt,
		      (long)(now.tv_sec - up.tv_sec), next_pid_peek() - 1, running, blocked);
	return (int)MIN(n, size);
}

/* /proc/cpuinfo: what CPUID says of the one CPU, in Linux's format. */
static void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static int cpuinfo_show(int pid, char *buf, size_t size)
{
	u32 r[12], a, b, c, d, max_ext;
	char vendor[13], model[49] = "unknown";
	cpuid(0, &a, &b, &c, &d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = '\0';
	cpuid(1, &a, &b, &c, &d);
	u32 family = (a >> 8) & 0xf, modelno = (a >> 4) & 0xf, stepping = a & 0xf;
	if (family == 6 || family == 15)
		modelno |= ((a >> 16) & 0xf) << 4;
	if (family == 15)
		family += (a >> 20) & 0xff;
	u32 ecx = c, edx = d;
	cpuid(0x80000000, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000004) {
		for (int i = 0; i < 3; i++)
			cpuid(0x80000002 + i, &r[4 * i], &r[4 * i + 1], &r[4 * i + 2], &r[4 * i + 3]);
		memcpy(model, r, 48);
		model[48] = '\0';
	}
	static const struct { int reg, bit; const char *name; } flags[] = {
		{ 0, 0, "fpu" }, { 0, 4, "tsc" }, { 0, 5, "msr" }, { 0, 6, "pae" }, { 0, 8, "cx8" },
		{ 0, 9, "apic" }, { 0, 13, "pge" }, { 0, 15, "cmov" }, { 0, 16, "pat" },
		{ 0, 23, "mmx" }, { 0, 24, "fxsr" }, { 0, 25, "sse" }, { 0, 26, "sse2" },
		{ 1, 0, "pni" }, { 1, 9, "ssse3" }, { 1, 19, "sse4_1" }, { 1, 20, "sse4_2" },
		{ 1, 23, "popcnt" },
	};
	char fl[160] = "";
	size_t f = 0;
	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if ((flags[i].reg ? ecx : edx) & BIT(flags[i].bit))
			f += snprintf(fl + f, sizeof(fl) - f, "%s%s", f ? " " : "", flags[i].name);
	u64 khz = tsc_khz();
	return snprintf(buf, size,
		"processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		"model name\t: %s\nstepping\t: %u\ncpu MHz\t\t: %lu.%03lu\ncache size\t: 0 KB\n"
		"physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		"fpu\t\t: yes\nflags\t\t: %s\nbogomips\t: %lu.%02lu\naddress sizes\t: 48 bits virtual\n\n",
		vendor, family, modelno, model, stepping, (unsigned long)(khz / 1000),
		(unsigned long)(khz % 1000), fl, (unsigned long)(khz / 500),
		(unsigned long)(khz / 5 % 100));
}

/* /proc/mounts: the three file systems of this kernel, as Linux names
 * their kinds: a ramfs at / (as "mount -t ramfs ramfs /" shows it: Linux's
 * own initramfs root would be "rootfs", which df leaves out: df showed
 * nothing for /), proc, devtmpfs. */
static int mounts_show(int pid, char *buf, size_t size)
{
	return snprintf(buf, size, "ramfs / ramfs rw 0 0\nproc /proc proc rw,nosuid,nodev,noexec 0 0\n"
			"devtmpfs /dev devtmpfs rw,nosuid 0 0\n");
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
	    proc_create("/proc/faults", faults_show, 0) || proc_create("/proc/boot", boot_show, 0) ||
	    proc_create("/proc/uptime", uptime_show, 0) ||
	    proc_create("/proc/loadavg", loadavg_show, 0) ||
	    proc_create("/proc/stat", proc_stat_show, 0) ||
	    proc_create("/proc/cpuinfo", cpuinfo_show, 0) ||
	    proc_create("/proc/mounts", mounts_show, 0) ||
	    proc_mkdir("/proc/self") ||
	    proc_create_fops("/proc/sysrq-trigger", sysrq_show, 0, &proc_sysrq_ops) ||
	    proc_pid_files("/proc/self", 0) ||
	    proc_sys_init())
		panic("procfs: cannot create /proc files");
}
