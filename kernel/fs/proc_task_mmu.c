/* kernel/fs/proc_task_mmu.c — a process's memory as its VMAs and page
 * tables show it, in Linux's formats (Linux's fs/proc/task_mmu.c):
 *
 *	/proc/PID/maps		one line per VMA: range, perms, offset, dev, inode, name
 *	/proc/PID/smaps		per VMA, its maps line, then what its PTEs map:
 *				Rss, Pss, Shared/Private Clean/Dirty, ..., VmFlags
 *	/proc/PID/smaps_rollup	one "[rollup]" line, then the sums over every VMA
 *
 * (and the same in /proc/self).  The three text files are records, one per
 * VMA (one in all for smaps_rollup), made by walking the page tables; the
 * maps line is made once, by show_map_vma, for maps and smaps alike.
 *
 * A text file is read as procfs's others are (procfs.c, at the top): open
 * makes the whole text, record by record, and keeps a kmalloc'd snapshot
 * of it, so one open reads one moment.  It has no size limit: the text is
 * measured first (the records made once, counted, thrown away), then made
 * again into a snapshot of that size.  Without memory for the snapshot the
 * open still succeeds, and each read makes the text again, keeping only
 * the records that overlap what it was asked for.  Records are made in one
 * static buffer, mmu_record: nothing in here sleeps or allocates between
 * making a record and copying it out (uniprocessor, no kernel preemption).
 *
 * Soft-dirty is not tracked: there is no clear_refs to clear it.  A fresh
 * VMA in Linux has VM_SOFTDIRTY (mmap_region, brk and exec set it, so that
 * a tracker sees new memory as written), and it stays until "echo 4 >
 * /proc/PID/clear_refs".  So smaps's VmFlags end in "sd" here, as Linux's
 * (CONFIG_MEM_SOFT_DIRTY, as Debian builds it) do for a process that never
 * had its refs cleared; but not the stack's, in Linux as here: exec sets
 * the stack's flags anew once the arguments are in (setup_arg_pages),
 * without VM_SOFTDIRTY. */
#include "kernel/fs/fs.h"
#include "kernel/fs/proc_internal.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "mm/memory.h"
#include "mm/mm.h"

/* What no VMA stores and every VMA but exec's stack has: see the top
 * (Linux's bit 27). */
#define VM_SOFTDIRTY	0x08000000UL

/* The stack exec made (it holds start_stack), which Linux's exec leaves
 * without VM_SOFTDIRTY. */
static bool vma_is_exec_stack(const struct vm_area_struct *vma)
{
	unsigned long sp = vma->vm_mm->start_stack;
	return (vma->vm_flags & VM_GROWSDOWN) && vma->vm_start <= sp && vma->vm_end >= sp;
}

/* vm_flags as Linux would hold them: with VM_SOFTDIRTY, but for the stack. */
static unsigned long vma_flags_shown(const struct vm_area_struct *vma)
{
	return vma->vm_flags | (vma_is_exec_stack(vma) ? 0 : VM_SOFTDIRTY);
}

/* The address space /proc/PID/... shows (0: the reader's, /proc/self), or
 * NULL: the process is gone or a zombie, which has none. */
static struct mm_struct *proc_mm(int pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	return t ? t->mm : NULL;
}

/* ---- text made record by record ------------------------------------------ */

/* A record's text: printf into buf, never past size; len counts what was
 * written (Linux's struct seq_buf). */
struct seq_buf {
	char *buf;
	size_t size, len;
};

__printf(2, 3)
static void seq_buf_printf(struct seq_buf *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
	va_end(ap);
	s->len = MIN(s->len + (size_t)n, s->size - 1);	/* the NUL's place stays free */
}

/* One record: a maps line (a path of up to PATH_MAX) and smaps's lines. */
#define MMU_RECORD_SIZE	(PATH_MAX + 4096)
static char mmu_record[MMU_RECORD_SIZE];

/* ---- /proc/PID/maps: one line per VMA -------------------------------------- */

/* "start-end perms offset major:minor inode ", padded for a name to start
 * at column 73 (Linux's show_vma_header_prefix with its seq_setwidth). */
static void show_vma_header_prefix(struct seq_buf *m, unsigned long start, unsigned long end,
				   unsigned long flags, unsigned long pgoff_bytes, dev_t dev,
				   unsigned long ino)
{
	seq_buf_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", start, end,
		       flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		       flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p', pgoff_bytes,
		       MAJOR(dev), MINOR(dev), ino);
}

/* The name after the prefix that starts at line_start: from column 73, or
 * after one more space when the prefix is longer (Linux's seq_pad). */
static void show_vma_name(struct seq_buf *m, size_t line_start, const char *name)
{
	size_t col = m->len - line_start;
	seq_buf_printf(m, "%*s%s", col < 72 ? (int)(73 - col) : 1, "", name);
}

/* One VMA's maps line (Linux's show_map_vma), for maps and smaps:
 *
 *   00400000-00401000 r--p 00000000 00:01 12                               /bin/init
 *
 * The name: the path the file was opened by, "/dev/zero (deleted)" for
 * shared anonymous memory (a file without a path: Linux's shmem file of
 * that name), [heap], [stack], or none for private anonymous memory. */
static void show_map_vma(struct seq_buf *m, struct vm_area_struct *v)
{
	struct mm_struct *mm = v->vm_mm;
	struct file *f = v->vm_file;
	const char *name = f && f->f_path ? f->f_path : f ? "/dev/zero (deleted)" : "";
	size_t start = m->len;
	if (!f && v->vm_start <= mm->brk && v->vm_end >= mm->start_brk)
		name = "[heap]";
	else if (!f && v->vm_start <= mm->start_stack && v->vm_end >= mm->start_stack)
		name = "[stack]";
	show_vma_header_prefix(m, v->vm_start, v->vm_end, v->vm_flags,
			       f ? v->vm_pgoff << PAGE_SHIFT : 0, f ? f->f_inode->i_sb->s_dev : 0,
			       f ? f->f_inode->i_ino : 0);
	if (*name)
		show_vma_name(m, start, name);
	seq_buf_printf(m, "\n");
}

/* ---- /proc/PID/smaps: what each VMA's PTEs map ----------------------------- */

/* Pss is kept in bytes << PSS_SHIFT, so that a page shared by three adds
 * 1365.33 bytes, not 1365, and the error does not add up (Linux's comment:
 * with 4 KiB pages, a million pages shared by three err by 8 KiB in all). */
#define PSS_SHIFT	12

/* What smaps shows, in bytes (Linux's struct mem_size_stats).  What Linux
 * has and this kernel cannot (huge pages, MADV_FREE's lazy-free pages, swap
 * entries) is 0 and has no field. */
struct mem_size_stats {
	unsigned long resident;
	unsigned long shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced;
	unsigned long anonymous;
	u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked;
};

/* One page's share: Pss by kind, dirty or clean, private or shared
 * (Linux's smaps_page_accumulate).  Dirty: the PTE's D bit, or a page-cache
 * page written through another mapping or write() (PG_dirty).  A shared
 * anonymous page (Linux: shmem) is one of a file without a path. */
static void smaps_page_accumulate(struct mem_size_stats *mss, struct vm_area_struct *vma,
				  struct page *page, unsigned long size, u64 pss, bool dirty,
				  bool locked, bool private)
{
	mss->pss += pss;
	if (!page->mapping)
		mss->pss_anon += pss;
	else if (!vma->vm_file->f_path)
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (locked)
		mss->pss_locked += pss;
	if (dirty || (page->flags & PG_dirty)) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += size;
		else
			mss->shared_dirty += size;
	} else {
		if (private)
			mss->private_clean += size;
		else
			mss->shared_clean += size;
	}
}

struct smaps_walk {
	struct vm_area_struct *vma;
	struct mem_size_stats *mss;
};

/* One present PTE (Linux's smaps_pte_entry and smaps_account, for a 4 KiB
 * page).  The zero page and raw pfns are not counted at all, not even in
 * Rss (vm_normal_page).  A page only we hold (one reference: an anonymous
 * page mapped once) is private and counts whole; otherwise its mapcount
 * decides: mapped once, private; mapped n >= 2 times, shared, and its Pss
 * is 1/n of it.  Referenced is the PTE's A bit (Linux also asks the page's
 * PG_referenced and idle-tracking bits, which this kernel has not). */
static void smaps_pte_entry(pte_t *pte, unsigned long addr, void *arg)
{
	struct smaps_walk *w = arg;
	struct mem_size_stats *mss = w->mss;
	struct page *page = vm_normal_page(w->vma, addr, *pte);
	bool locked = w->vma->vm_flags & VM_LOCKED, dirty = pte_dirty(*pte);
	if (!page)
		return;
	if (!page->mapping)
		mss->anonymous += PAGE_SIZE;	/* Linux's LazyFree would be here: no MADV_FREE */
	mss->resident += PAGE_SIZE;
	if (pte_young(*pte))
		mss->referenced += PAGE_SIZE;
	if (page_count(page) == 1) {
		smaps_page_accumulate(mss, w->vma, page, PAGE_SIZE, (u64)PAGE_SIZE << PSS_SHIFT,
				      dirty, locked, true);
		return;
	}
	int mapcount = page_mapcount(page);
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;
	if (mapcount >= 2)
		pss /= mapcount;
	smaps_page_accumulate(mss, w->vma, page, PAGE_SIZE, pss, dirty, locked, mapcount < 2);
}

/* Add vma's pages to mss (Linux's smap_gather_stats).  A VM_PFNMAP VMA is
 * not walked at all (its frames have no struct page), as Linux's page walk
 * skips it. */
static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	struct smaps_walk w = { vma, mss };
	if (vma->vm_flags & VM_PFNMAP)
		return;
	for_each_pte(vma->vm_mm->pgd, vma->vm_start, vma->vm_end - vma->vm_start,
		     smaps_pte_entry, &w);
}

/* "Rss:            " and the kB right-aligned in 8 columns, as Linux's
 * SEQ_PUT_DEC (bytes in, kB out). */
static void smap_line(struct seq_buf *m, const char *label, u64 bytes)
{
	seq_buf_printf(m, "%s%8lu kB\n", label, (unsigned long)(bytes >> 10));
}

/* What smaps and smaps_rollup both show (Linux's __show_smap); the rollup
 * adds Pss by kind.  The Pss figures are shifted back to bytes here, each
 * once: a rollup's Pss can be a little more than the sum of smaps's. */
static void __show_smap(struct seq_buf *m, const struct mem_size_stats *mss, bool rollup)
{
	smap_line(m, "Rss:            ", mss->resident);
	smap_line(m, "Pss:            ", mss->pss >> PSS_SHIFT);
	smap_line(m, "Pss_Dirty:      ", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		smap_line(m, "Pss_Anon:       ", mss->pss_anon >> PSS_SHIFT);
		smap_line(m, "Pss_File:       ", mss->pss_file >> PSS_SHIFT);
		smap_line(m, "Pss_Shmem:      ", mss->pss_shmem >> PSS_SHIFT);
	}
	smap_line(m, "Shared_Clean:   ", mss->shared_clean);
	smap_line(m, "Shared_Dirty:   ", mss->shared_dirty);
	smap_line(m, "Private_Clean:  ", mss->private_clean);
	smap_line(m, "Private_Dirty:  ", mss->private_dirty);
	smap_line(m, "Referenced:     ", mss->referenced);
	smap_line(m, "Anonymous:      ", mss->anonymous);
	smap_line(m, "LazyFree:       ", 0);	/* no MADV_FREE */
	smap_line(m, "AnonHugePages:  ", 0);	/* no huge pages of any kind */
	smap_line(m, "ShmemPmdMapped: ", 0);
	smap_line(m, "FilePmdMapped:  ", 0);
	smap_line(m, "Shared_Hugetlb: ", 0);
	seq_buf_printf(m, "Private_Hugetlb: %7lu kB\n", 0UL);	/* Linux's one 7-wide field */
	smap_line(m, "Swap:           ", 0);	/* no swap yet */
	smap_line(m, "SwapPss:        ", 0);
	smap_line(m, "Locked:         ", mss->pss_locked >> PSS_SHIFT);
}

/* VmFlags: a two-letter code per vm_flags bit, lowest bit first, each
 * followed by a space (Linux 6.1's show_smap_vma_flags, for x86-64).  A bit
 * without a code shows as "??", as Linux's; the protection-key bits show
 * nothing (Linux prints them as ProtectionKey).  Of these this kernel sets
 * rd wr ex sh mr mw me ms gd pf lo io de nr, and every VMA but the stack
 * shows sd (see the top).  It never sets ac: it charges memory at mmap without marking
 * the VMA VM_ACCOUNT. */
static void show_smap_vma_flags(struct seq_buf *m, struct vm_area_struct *vma)
{
	static const char mnemonics[64][3] = {
		[0] = "rd", [1] = "wr", [2] = "ex", [3] = "sh", [4] = "mr", [5] = "mw",
		[6] = "me", [7] = "ms", [8] = "gd", [9] = "um", [10] = "pf", [11] = "??",
		[12] = "uw", [13] = "lo", [14] = "io", [15] = "sr", [16] = "rr", [17] = "dc",
		[18] = "de", [19] = "??", [20] = "ac", [21] = "nr", [22] = "ht", [23] = "sf",
		[24] = "ar", [25] = "wf", [26] = "dd", [27] = "sd", [28] = "mm", [29] = "hg",
		[30] = "nh", [31] = "mg",
		[32] = "", [33] = "", [34] = "", [35] = "",	/* VM_PKEY_BIT0..3 */
		[36] = "??", [37] = "ui",
		[38] = "??", [39] = "??", [40] = "??", [41] = "??", [42] = "??", [43] = "??",
		[44] = "??", [45] = "??", [46] = "??", [47] = "??", [48] = "??", [49] = "??",
		[50] = "??", [51] = "??", [52] = "??", [53] = "??", [54] = "??", [55] = "??",
		[56] = "??", [57] = "??", [58] = "??", [59] = "??", [60] = "??", [61] = "??",
		[62] = "??", [63] = "??",
	};
	unsigned long flags = vma_flags_shown(vma);
	seq_buf_printf(m, "VmFlags: ");
	for (int i = 0; i < 64; i++)
		if (mnemonics[i][0] && (flags & (1UL << i)))
			seq_buf_printf(m, "%s ", mnemonics[i]);
	seq_buf_printf(m, "\n");
}

/* One VMA's smaps record (Linux's show_smap).  Pages are 4 KiB at both
 * levels; THPeligible is 0, as on a kernel without transparent huge pages. */
static void show_smap(struct seq_buf *m, struct vm_area_struct *vma)
{
	struct mem_size_stats mss = { 0 };
	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma);
	smap_line(m, "Size:           ", vma->vm_end - vma->vm_start);
	smap_line(m, "KernelPageSize: ", PAGE_SIZE);
	smap_line(m, "MMUPageSize:    ", PAGE_SIZE);
	__show_smap(m, &mss, false);
	seq_buf_printf(m, "THPeligible:    %d\n", 0);
	show_smap_vma_flags(m, vma);
}

/* smaps_rollup's one record (Linux's show_smaps_rollup): a maps-like line
 * from the first VMA's start to the last one's end, flags ---p and no file,
 * named [rollup], then the sums of every VMA's figures. */
static void show_smaps_rollup(struct seq_buf *m, struct mm_struct *mm)
{
	struct mem_size_stats mss = { 0 };
	struct vm_area_struct *vma;
	unsigned long start = 0, end = 0;
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (!start)
			start = vma->vm_start;
		smap_gather_stats(vma, &mss);
		end = vma->vm_end;
	}
	size_t line = m->len;
	show_vma_header_prefix(m, start, end, 0, 0, 0, 0);
	show_vma_name(m, line, "[rollup]");
	seq_buf_printf(m, "\n");
	__show_smap(m, &mss, true);
}

/* ---- reading the text files ------------------------------------------------ */

/* Which text: one record per VMA (maps, smaps) or one for all (rollup). */
struct mmu_text {
	void (*show_vma)(struct seq_buf *m, struct vm_area_struct *vma);
	void (*show_mm)(struct seq_buf *m, struct mm_struct *mm);
};

static const struct mmu_text maps_text = { .show_vma = show_map_vma };
static const struct mmu_text smaps_text = { .show_vma = show_smap };
static const struct mmu_text rollup_text = { .show_mm = show_smaps_rollup };

/* Copy what of a record at text offset at overlaps [from, from + size) to dst. */
static void copy_overlap(const char *rec, size_t len, size_t at, char *dst, size_t from,
			 size_t size)
{
	size_t lo = MAX(at, from), hi = MIN(at + len, from + size);
	if (lo < hi)
		memcpy(dst + (lo - from), rec + (lo - at), hi - lo);
}

/* Make mm's text, record by record, in mmu_record; copy its bytes [from,
 * from + size) to dst (size 0: only measure).  Returns the text's length. */
static size_t mmu_text_window(const struct mmu_text *kind, struct mm_struct *mm, size_t from,
			      char *dst, size_t size)
{
	struct seq_buf m = { mmu_record, sizeof(mmu_record), 0 };
	struct vm_area_struct *vma;
	size_t at = 0;
	if (kind->show_mm) {
		kind->show_mm(&m, mm);
		copy_overlap(m.buf, m.len, 0, dst, from, size);
		return m.len;
	}
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		m.len = 0;
		kind->show_vma(&m, vma);
		copy_overlap(m.buf, m.len, at, dst, from, size);
		at += m.len;
	}
	return at;
}

struct mmu_snapshot {			/* one open's text (see the top) */
	size_t len;
	char text[];
};

/* The text of this open: measured, then made again into a snapshot of
 * exactly that size; none (NULL) when memory is short, never an error. */
static int mmu_open(const struct mmu_text *kind, struct inode *inode, struct file *f)
{
	struct mm_struct *mm = proc_mm(inode->i_proc_pid);
	size_t len = mm ? mmu_text_window(kind, mm, 0, NULL, 0) : 0;
	struct mmu_snapshot *s = kmalloc(sizeof(*s) + len);
	if (s) {
		s->len = mm ? mmu_text_window(kind, mm, 0, s->text, len) : 0;
	}
	f->private_data = s;
	return 0;
}

static ssize_t mmu_read(const struct mmu_text *kind, struct file *f, char *buf, size_t n,
			loff_t *pos)
{
	struct mmu_snapshot *s = f->private_data;
	size_t len;
	if (*pos < 0)
		return -EINVAL;
	if (s) {
		len = s->len;
		if ((size_t)*pos < len)
			memcpy(buf, s->text + *pos, MIN(n, len - (size_t)*pos));
	} else {
		struct mm_struct *mm = proc_mm(f->f_inode->i_proc_pid);
		len = mm ? mmu_text_window(kind, mm, (size_t)*pos, buf, n) : 0;
	}
	if ((size_t)*pos >= len)
		return 0;
	n = MIN(n, len - (size_t)*pos);
	*pos += n;
	return (ssize_t)n;
}

static int mmu_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

/* Linux's seq_lseek: from the start or from here, never past the start. */
static loff_t mmu_llseek(struct file *f, loff_t off, int whence)
{
	loff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->f_pos : -1;
	if (base < 0 || base + off < 0)
		return -EINVAL;
	return f->f_pos = base + off;
}

static int maps_open(struct inode *inode, struct file *f)
{
	return mmu_open(&maps_text, inode, f);
}

static ssize_t maps_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	return mmu_read(&maps_text, f, buf, n, pos);
}

static int smaps_open(struct inode *inode, struct file *f)
{
	return mmu_open(&smaps_text, inode, f);
}

static ssize_t smaps_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	return mmu_read(&smaps_text, f, buf, n, pos);
}

static int smaps_rollup_open(struct inode *inode, struct file *f)
{
	return mmu_open(&rollup_text, inode, f);
}

static ssize_t smaps_rollup_read(struct file *f, char *buf, size_t n, loff_t *pos)
{
	return mmu_read(&rollup_text, f, buf, n, pos);
}

/* Linux's seq_files without ->write: a write is -EINVAL. */
const struct file_operations proc_pid_maps_operations = {
	.open = maps_open, .read = maps_read, .llseek = mmu_llseek, .release = mmu_release,
};
const struct file_operations proc_pid_smaps_operations = {
	.open = smaps_open, .read = smaps_read, .llseek = mmu_llseek, .release = mmu_release,
};
const struct file_operations proc_pid_smaps_rollup_operations = {
	.open = smaps_rollup_open, .read = smaps_rollup_read, .llseek = mmu_llseek,
	.release = mmu_release,
};
