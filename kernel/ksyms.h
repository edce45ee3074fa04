/* kernel/ksyms.h — the kernel's own symbol table, for backtraces.
 *
 * scripts/ksyms.py turns `nm` of a first link into a table of function
 * addresses and names (section .ksyms); the second link puts it in the
 * image, so a backtrace is symbolised by the kernel itself. */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include "kernel/types.h"

/* The function containing addr, its offset and size; NULL if none. */
const char *ksym_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);
/* "name+0xoff/0xsize", or the bare address; returns buf. */
char *ksym_format(char *buf, size_t n, unsigned long addr);
/* The address of a function by name, or 0. */
unsigned long ksym_address(const char *name);

#endif
