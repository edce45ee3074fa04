/* kernel/ksyms.c — look up the symbol table made by scripts/ksyms.py. */
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "kernel/string.h"

/* Generated (build/ksyms*.S): sorted function addresses and their names. */
extern const u64 ksyms_count;
extern const u64 ksyms_addr[];
extern const u32 ksyms_name_off[];
extern const char ksyms_names[];
extern const char _text[], _etext[];

const char *ksym_lookup(unsigned long addr, unsigned long *offset, unsigned long *size)
{
	u64 lo = 0, hi = ksyms_count;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || !hi)
		return NULL;
	while (hi - lo > 1) {		/* largest i with addr[i] <= addr */
		u64 mid = (lo + hi) / 2;
		if (ksyms_addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksyms_addr[lo] > addr)
		return NULL;
	unsigned long end = lo + 1 < ksyms_count ? ksyms_addr[lo + 1] : (unsigned long)_etext;
	if (offset)
		*offset = addr - ksyms_addr[lo];
	if (size)
		*size = end - ksyms_addr[lo];
	return ksyms_names + ksyms_name_off[lo];
}

char *ksym_format(char *buf, size_t n, unsigned long addr)
{
	unsigned long off, size;
	const char *name = ksym_lookup(addr, &off, &size);
	if (name)
		snprintf(buf, n, "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintf(buf, n, "0x%lx", addr);
	return buf;
}

unsigned long ksym_address(const char *name)
{
	for (u64 i = 0; i < ksyms_count; i++)
		if (strcmp(ksyms_names + ksyms_name_off[i], name) == 0)
			return ksyms_addr[i];
	return 0;
}
