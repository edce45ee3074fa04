/* mm/audit.c — check the page counts against the page tables.
 *
 * For every page some PTE maps: its mapcount must equal the number of
 * PTEs (in all address spaces) that point at it, and its refcount must be
 * at least that (plus one if it is in the page cache).  The tests read
 * /proc/mm_audit after each user program; a mismatch names the pfn. */
#include "mm/memory.h"
#include "mm/kmalloc.h"
#include "kernel/proc.h"
#include "kernel/printk.h"
#include "kernel/string.h"

struct audit {
	u16 *ptes;			/* PTEs seen per pfn */
	unsigned long checked;
};

static void count_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct audit *a = arg;
	unsigned long pfn = pte_pfn(*pte);
	if (pfn < max_pfn && pfn != zero_pfn() && a->ptes[pfn] < 0xffff)
		a->ptes[pfn]++;
}

/* Count the PTEs of every VMA of every address space (once per mm). */
static void count_all(struct audit *a)
{
	struct task_struct *t, *u;
	list_for_each_entry(t, &task_list, tasks) {
		bool seen = false;
		if (!t->mm)
			continue;
		list_for_each_entry(u, &task_list, tasks) {	/* vfork: one mm, two tasks */
			if (u == t)
				break;
			seen |= u->mm == t->mm;
		}
		if (seen)
			continue;
		struct vm_area_struct *v;
		list_for_each_entry(v, &t->mm->mmap_list, vm_list)
			if (!(v->vm_flags & VM_PFNMAP))
				for_each_pte(t->mm->pgd, v->vm_start, v->vm_end - v->vm_start, count_pte, a);
	}
}

/* The counts, one per pfn, taken once at boot: the audit must run when
 * memory is exhausted (/proc/mm_audit is how a user sees what an OOM left
 * behind), so it allocates nothing.  One array serves every audit: an
 * audit neither sleeps nor runs twice at once (uniprocessor, no kernel
 * preemption). */
static u16 *audit_counts;

void mm_audit_init(void)
{
	audit_counts = kzalloc(max_pfn * sizeof(u16));
}

int mm_audit(char *buf, size_t size, size_t *len)
{
	struct audit a = { audit_counts, 0 };
	int bad = 0;
	size_t n = 0;
	if (!a.ptes) {
		*len = snprintf(buf, size, "mm_audit: no memory for the counts\n");
		return 1;
	}
	memset(a.ptes, 0, max_pfn * sizeof(u16));
	count_all(&a);
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *p = pfn_to_page(pfn);
		if (PageReserved(p) || (p->flags & PG_buddy))
			continue;
		int want = a.ptes[pfn], min_refs = want + (p->mapping ? 1 : 0);
		if (!want && !p->mapcount)
			continue;
		a.checked++;
		if (p->mapcount == want && page_count(p) >= min_refs)
			continue;
		bad++;
		if (n < size)
			n += snprintf(buf + n, size - n, "BAD pfn %lx: mapcount %d, %d PTEs map it, "
				      "refcount %d (want >= %d)\n", pfn, p->mapcount, want,
				      page_count(p), min_refs);
	}
	if (n < size)
		n += snprintf(buf + n, size - n, "%s: %lu mapped pages checked, %d bad\n",
			      bad ? "FAIL" : "ok", a.checked, bad);
	*len = MIN(n, size);
	return bad;
}
