/* kernel/fs/proc_task_mmu.c — a process's memory as its VMAs and page
 * tables show it, in Linux's formats (Linux's fs/proc/task_mmu.c):
 *
 *	/proc/PID/maps		one line per VMA: range, perms, offset, dev, inode, name
 *	/proc/PID/smaps		per VMA, its maps line, then what its PTEs map:
 *				Rss, Pss, Shared/Private Clean/Dirty, ..., VmFlags
 *	/proc/PID/smaps_rollup	one "[rollup]" line, then the sums over every VMA
 *	/proc/PID/pagemap	binary: one 64-bit entry per virtual page
 *	/proc/PID/clear_refs	write-only: "1".."5" clear the Accessed bits, or
 *				soft-dirty (see the end of this comment)
 *
 * (and the same in /proc/self).  The three text files are records, one per
 * VMA (one in all for smaps_rollup), smaps's figures counted by walking the
 * page tables; the maps line is made once, by show_map_vma, for maps and
 * smaps alike.
 *
 * A text file is read as procfs's others are (procfs.c, at the top): a
 * read at offset 0 makes the whole text, record by record, and keeps a
 * kmalloc'd snapshot of it for the reads that follow, so a reader from
 * the start sees one moment; a read at 0 again (rewind) makes a new one, as
 * Linux's seq_read starts its records afresh there: a program that keeps
 * /proc/self/maps open and rewinds it sees its mappings now.  It has no
 * size limit: the text is measured first (the records made once, counted,
 * thrown away), then made again into a snapshot of that size.  Without
 * memory for the snapshot (or before a read at 0) each read makes the text
 * again, keeping only
 * the records that overlap what it was asked for.  Records are made in one
 * static buffer, mmu_record: nothing in here sleeps or allocates between
 * making a record and copying it out (uniprocessor, no kernel preemption).
 *
 * pagemap is made at read time, for the pages the read asks for: its file
 * is 2^38 bytes long (8 bytes for each of the 2^35 pages below TASK_SIZE),
 * so there is no snapshot.  An entry, as Linux 6.1 writes it
 * (Documentation/admin-guide/mm/pagemap.rst):
 *
 *	63	present: the PTE maps a frame (a PROT_NONE PTE too, as Linux's)
 *	62	swapped: the PTE holds a swap entry (none yet: no swap here)
 *	61	a file page or shared anonymous memory (the page has ->mapping)
 *	58..60	zero
 *	57	uffd-wp (no userfaultfd here: 0)
 *	56	exclusively mapped: the page's mapcount is 1
 *	55	soft-dirty: the PTE's _PAGE_SOFT_DIRTY, or the VMA's VM_SOFTDIRTY
 *	54..0	present: the page frame number.  Swapped: the swap type in
 *		4..0 and the offset above it (type | offset << 5)
 *
 * An address outside every VMA reads 0.  Two of Linux's choices are kept
 * on purpose: the PFN is shown, since Linux shows it to CAP_SYS_ADMIN and
 * everyone is root here; and the shared zero page and a raw pfn are not
 * "normal" pages (vm_normal_page): a read of untouched anonymous memory is
 * present with the zero page's PFN, neither exclusive nor a file page, and
 * a VM_PFNMAP mapping (the framebuffer) reads as not present, since Linux's
 * page walk skips such VMAs and reports them as holes inside a VMA.
 *
 * Soft-dirty (Linux's CONFIG_MEM_SOFT_DIRTY, as Debian builds it;
 * Documentation/admin-guide/mm/soft-dirty.rst): which pages were written
 * since the last "echo 4 > /proc/PID/clear_refs".  A new VMA has
 * VM_SOFTDIRTY (mmap, brk, exec's segments: new memory counts as written)
 * and every page of it reads soft-dirty, present or not; smaps's VmFlags
 * show it as "sd".  exec's stack has not (exec sets its flags anew, as
 * Linux's setup_arg_pages).  Without the flag a page is soft-dirty when
 * its PTE is: pte_mkdirty sets _PAGE_SOFT_DIRTY with D wherever the kernel
 * maps a page for a write (mm/memory.c).  Writing 4 to clear_refs clears
 * both, VM_SOFTDIRTY of every VMA and the bit of every present PTE, and
 * write-protects those PTEs (and, through vma_set_page_prot, the PTEs a
 * shared writable mapping makes from then on): the next write to a page
 * takes a fault, do_wp_page's reuse, which sets the bit again.  1, 2 and 3
 * clear the PTEs' Accessed bits (smaps's Referenced) of all, anonymous or
 * file pages; 5 would reset the peak RSS, which this kernel does not keep
 * (accepted, nothing to do). */
#include "kernel/fs/fs.h"
#include "kernel/fs/proc_internal.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "mm/kmalloc.h"
#include "mm/memory.h"
#include "mm/mm.h"
#include "mm/mmap.h"

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
 * rd wr ex sh mr mw me ms gd pf lo io de nr sd (VM_SOFTDIRTY: see the top).
 * It never sets ac: it charges memory at mmap without marking the VMA
 * VM_ACCOUNT. */
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
	unsigned long flags = vma->vm_flags;
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

/* The text now: measured, then made again into a snapshot of exactly that
 * size; none (NULL) when memory is short, never an error. */
static struct mmu_snapshot *mmu_snapshot(const struct mmu_text *kind, struct inode *inode)
{
	struct mm_struct *mm = proc_mm(inode->i_proc_pid);
	size_t len = mm ? mmu_text_window(kind, mm, 0, NULL, 0) : 0;
	struct mmu_snapshot *s = kmalloc(sizeof(*s) + len);
	if (s)
		s->len = mm ? mmu_text_window(kind, mm, 0, s->text, len) : 0;
	return s;
}

/* No text yet: the first read, at offset 0, makes it. */
static int mmu_open(const struct mmu_text *kind, struct inode *inode, struct file *f)
{
	f->private_data = NULL;
	return 0;
}

/* From the snapshot, taken anew for a read at offset 0 (see the top). */
static ssize_t mmu_read(const struct mmu_text *kind, struct file *f, char *buf, size_t n,
			loff_t *pos)
{
	if (*pos < 0)
		return -EINVAL;
	if (*pos == 0) {
		kfree(f->private_data);
		f->private_data = mmu_snapshot(kind, f->f_inode);
	}
	struct mmu_snapshot *s = f->private_data;
	size_t len;
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

/* ---- /proc/PID/pagemap ------------------------------------------------------ */

#define PM_ENTRY_BYTES		8
#define PM_PFRAME_BITS		55
#define PM_PFRAME_MASK		((1ULL << PM_PFRAME_BITS) - 1)
#define PM_SOFT_DIRTY		BIT(55)		/* written since clear_refs: see the top */
#define PM_MMAP_EXCLUSIVE	BIT(56)		/* the page's mapcount is 1 */
#define PM_UFFD_WP		BIT(57)		/* no userfaultfd: never set */
#define PM_FILE			BIT(61)		/* a page with ->mapping: file or shared anon */
#define PM_SWAP			BIT(62)		/* a swap entry (none yet) */
#define PM_PRESENT		BIT(63)

/* A swap entry in a PTE.  No PTE holds one yet: this kernel has no swap,
 * and a PTE is either none or present.  The entry is decoded as Linux
 * x86-64 lays it out (arch/x86/include/asm/pgtable_64.h), P and PROTNONE
 * clear, until mm/swapfile.c fixes faultline's own layout:
 *
 *   63..59 type · 58..9 offset, inverted (the L1TF mitigation) · 8..0 zero
 *
 * and pagemap encodes it as Linux does: type in bits 4..0, offset above. */
#define SWP_TYPE_BITS		5
#define SWP_OFFSET_SHIFT	(9 + SWP_TYPE_BITS)
#define MAX_SWAPFILES_SHIFT	5

static bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static u64 swap_pagemap_frame(pte_t pte)
{
	u64 type = pte_val(pte) >> (64 - SWP_TYPE_BITS);
	u64 offset = ~pte_val(pte) << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT;
	return type | offset << MAX_SWAPFILES_SHIFT;
}

/* Soft-dirty for a page of vma with no PTE: the VMA's VM_SOFTDIRTY. */
static u64 pagemap_vma_soft_dirty(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_SOFTDIRTY ? PM_SOFT_DIRTY : 0;
}

/* The entry of one PTE of vma (Linux's pte_to_pagemap_entry).  Soft-dirty:
 * the VMA's, or the PTE's own (see the top). */
static u64 pte_to_pagemap_entry(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	u64 frame = 0, flags = pagemap_vma_soft_dirty(vma);
	struct page *page = NULL;
	if (pte_present(pte)) {
		frame = pte_pfn(pte);		/* shown: everyone is root (see the top) */
		flags |= PM_PRESENT;
		page = vm_normal_page(vma, addr, pte);
		if (pte_soft_dirty(pte))
			flags |= PM_SOFT_DIRTY;
	} else if (is_swap_pte(pte)) {
		frame = swap_pagemap_frame(pte);
		flags |= PM_SWAP;
	}
	if (page && page->mapping)
		flags |= PM_FILE;
	if (page && page_mapcount(page) == 1)
		flags |= PM_MMAP_EXCLUSIVE;
	return (frame & PM_PFRAME_MASK) | flags;
}

/* The entry for addr (Linux's pagemap_pte_hole and pagemap_pmd_range):
 * outside every VMA 0; inside one, the VMA's soft-dirty alone where no PTE
 * is (a missing table, a PTE none) and for a VM_PFNMAP VMA, which Linux's
 * walk reports as a hole; else the PTE's entry. */
static u64 pagemap_entry(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	int level;
	if (!vma || addr < vma->vm_start)
		return 0;
	if (vma->vm_flags & VM_PFNMAP)
		return pagemap_vma_soft_dirty(vma);
	pte_t *pte = pgtable_walk(mm->pgd, addr, false, &level);
	if (level != 1 || pte_none(*pte))
		return pagemap_vma_soft_dirty(vma);
	return pte_to_pagemap_entry(vma, addr, *pte);
}

/* The process whose pagemap this open reads, fixed at open as Linux pins
 * the mm then: /proc/self/pagemap opened before a fork still shows the
 * opener to the child.  Its pid is kept in private_data (no allocation). */
static int pagemap_open(struct inode *inode, struct file *f)
{
	int pid = inode->i_proc_pid ? inode->i_proc_pid : current->pid;
	f->private_data = (void *)(long)pid;
	return 0;
}

/* Entries for the pages from (pos / 8) * 4096 on, n / 8 of them, up to
 * TASK_SIZE (Linux's pagemap_read).  pos and n must be multiples of 8
 * (-EINVAL); a process that is gone reads as the end of the file.  The
 * system call hands a file a page at a time (kernel/syscall.c), so a read
 * longer than 4096 bytes whose length is not a multiple of 8 returns the
 * entries of its first pages where Linux returns -EINVAL. */
static ssize_t pagemap_read(struct file *f, char *buf, size_t n, loff_t *ppos)
{
	int pid = (int)(long)f->private_data;
	struct task_struct *t = pid ? find_task(pid) : current;
	struct mm_struct *mm = t ? t->mm : NULL;
	u64 pos = (u64)*ppos;
	if (!mm)
		return 0;
	if (pos % PM_ENTRY_BYTES || n % PM_ENTRY_BYTES)
		return -EINVAL;
	u64 vpfn = pos / PM_ENTRY_BYTES;
	unsigned long addr = vpfn <= (TASK_SIZE >> PAGE_SHIFT) ? vpfn << PAGE_SHIFT : TASK_SIZE;
	size_t done = 0;
	for (; done < n && addr < TASK_SIZE; done += PM_ENTRY_BYTES, addr += PAGE_SIZE) {
		u64 pme = pagemap_entry(mm, addr);
		memcpy(buf + done, &pme, sizeof(pme));	/* buf may be unaligned */
	}
	*ppos += (loff_t)done;
	return (ssize_t)done;
}

const struct file_operations proc_pagemap_operations = {
	.open = pagemap_open, .read = pagemap_read, .llseek = mem_lseek,	/* as Linux's pagemap */
};

/* ---- /proc/PID/clear_refs ---------------------------------------------------- */

/* What a write of "1".."5" asks (Linux's enum clear_refs_types). */
enum clear_refs_types {
	CLEAR_REFS_ALL = 1,		/* Accessed bits of every page */
	CLEAR_REFS_ANON,		/* ... of anonymous pages (VMAs without a file) */
	CLEAR_REFS_MAPPED,		/* ... of file pages (VMAs with one: shared anon too) */
	CLEAR_REFS_SOFT_DIRTY,		/* soft-dirty, write-protecting (see the top) */
	CLEAR_REFS_MM_HIWATER_RSS,	/* the peak RSS: not kept here, nothing to do */
	CLEAR_REFS_LAST,
};

struct clear_refs_walk {
	struct vm_area_struct *vma;
	enum clear_refs_types type;
};

/* A page a pin may hold (Linux's pte_is_pinned): an anonymous page of a
 * private mapping, writable, that someone holds beyond its mappers (a
 * pin is a reference here: FOLL_PIN).  Write-protecting it would make
 * the next write copy it (do_wp_page reuses a page only we hold), and
 * the pin would hold a page the process no longer maps: clear_refs
 * leaves it writable and soft-dirty, as Linux does. */
static bool pte_is_pinned(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	if (!pte_write(pte) || !is_cow_mapping(vma->vm_flags))
		return false;
	struct page *page = vm_normal_page(vma, addr, pte);
	return page && !page->mapping && page_count(page) > page_mapcount(page);
}

/* One present PTE: soft-dirty cleared and write-protected (Linux's
 * clear_soft_dirty), or its Accessed bit cleared (a page with a struct
 * page only, as Linux's clear_refs_pte_range).  No TLB flush per PTE:
 * clear_refs_write flushes once for soft-dirty; for the A bit x86 Linux
 * does not flush at all (ptep_test_and_clear_young), and nor do we. */
static void clear_refs_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct clear_refs_walk *w = arg;
	if (w->type == CLEAR_REFS_SOFT_DIRTY) {
		if (!pte_is_pinned(w->vma, addr, *pte))
			*pte = pte_clear_soft_dirty(pte_wrprotect(*pte));
		return;
	}
	if (vm_normal_page(w->vma, addr, *pte))
		*pte = pte_mkold(*pte);
}

/* Does this write's walk visit vma?  Never a VM_PFNMAP one (no struct
 * pages; Linux's clear_refs_test_walk); 2 only anonymous VMAs, 3 only
 * file ones. */
static bool clear_refs_wants(const struct vm_area_struct *vma, enum clear_refs_types type)
{
	if (vma->vm_flags & VM_PFNMAP)
		return false;
	if (type == CLEAR_REFS_ANON)
		return !vma->vm_file;
	if (type == CLEAR_REFS_MAPPED)
		return vma->vm_file;
	return true;
}

/* Clear what type asks in every VMA of mm.  For soft-dirty, first every
 * VMA loses VM_SOFTDIRTY, and its protection follows (a shared writable
 * mapping is write-notified from now on: vma_wants_writenotify); then the
 * PTEs; then one flush, so no stale writable TLB entry lets a write
 * through without its fault (Linux's flush_tlb_mm). */
static void clear_refs_mm(struct mm_struct *mm, enum clear_refs_types type)
{
	struct clear_refs_walk w = { NULL, type };
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &mm->mmap_list, vm_list) {
		if (type == CLEAR_REFS_SOFT_DIRTY && (vma->vm_flags & VM_SOFTDIRTY)) {
			vma->vm_flags &= ~VM_SOFTDIRTY;
			vma_set_page_prot(vma);
		}
		if (!clear_refs_wants(vma, type))
			continue;
		w.vma = vma;
		for_each_pte(mm->pgd, vma->vm_start, vma->vm_end - vma->vm_start, clear_refs_pte, &w);
	}
	if (type == CLEAR_REFS_SOFT_DIRTY)
		flush_tlb_all();
}

/* The process, fixed at open as for pagemap: /proc/self/clear_refs opened
 * before a fork still clears the opener's. */
static int clear_refs_open(struct inode *inode, struct file *f)
{
	int pid = inode->i_proc_pid ? inode->i_proc_pid : current->pid;
	f->private_data = (void *)(long)pid;
	return 0;
}

/* A number from 1 to 5, spaces around it allowed, in at most the first 12
 * bytes (the rest is ignored and counted as written): Linux's
 * clear_refs_write, with its kstrtoint(strstrip()) errors: -EINVAL for
 * what is no number or out of range, -ERANGE for what overflows an int.
 * Returns the bytes taken; -ESRCH when the process is gone, 0 work for a
 * zombie (no mm). */
static ssize_t clear_refs_write(struct file *f, const char *buf, size_t n, loff_t *pos)
{
	char num[13] = "";			/* Linux's PROC_NUMBUF */
	n = MIN(n, sizeof(num) - 1);
	memcpy(num, buf, n);
	char *s = num, *end = num + strlen(num);
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	while (end > s && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
		*--end = 0;
	unsigned long type;
	int err = kstrtoul(*s == '+' ? s + 1 : s, 10, &type);
	if (!err && type > (unsigned long)__INT_MAX__)
		err = -ERANGE;
	if (err)
		return err;
	if (type < CLEAR_REFS_ALL || type >= CLEAR_REFS_LAST)
		return -EINVAL;
	int pid = (int)(long)f->private_data;
	struct task_struct *t = find_task(pid);
	if (!t)
		return -ESRCH;
	if (t->mm && type != CLEAR_REFS_MM_HIWATER_RSS)
		clear_refs_mm(t->mm, (enum clear_refs_types)type);
	return (ssize_t)n;
}

/* lseek moves nothing and says where it is: Linux's noop_llseek, which
 * here would also mark the file as a pipe (pwrite -ESPIPE; Linux's
 * clear_refs takes a pwrite). */
static loff_t clear_refs_llseek(struct file *f, loff_t off, int whence)
{
	return f->f_pos;
}

/* Write-only (mode 0200: kernel/fs/procfs.c): no read, so a read is
 * -EINVAL (root may open it for reading, as on Linux). */
const struct file_operations proc_clear_refs_operations = {
	.open = clear_refs_open, .write = clear_refs_write, .llseek = clear_refs_llseek,
};
