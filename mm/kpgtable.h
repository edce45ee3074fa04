/* mm/kpgtable.h — the kernel's own page tables (Linux: init_mm.pgd). */
#ifndef MM_KPGTABLE_H
#define MM_KPGTABLE_H

#include "mm/pgtable.h"

/* Upper half, shared by every address space: PML4 slots 256..511. */
extern pte_t *init_pml4;

/* Build the direct map and the image mapping (W^X), switch CR3 to them,
 * turn on global pages, SMEP and SMAP where the CPU has them. */
void kpgtable_init(void);
bool cpu_has_smep(void);
bool cpu_has_smap(void);

#endif
