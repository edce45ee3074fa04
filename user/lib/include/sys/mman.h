/* sys/mman.h — mmap and friends, with Linux's x86-64 flag values. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#define MAP_FAILED	((void *)-1)

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_GROWSDOWN	0x01000000	/* mprotect: extend down to a grows-down VMA's start */
#define PROT_GROWSUP	0x02000000

#define MAP_SHARED		0x01	/* writes reach the file and other mappers */
#define MAP_PRIVATE		0x02	/* writes are copied-on-write, private */
#define MAP_SHARED_VALIDATE	0x03	/* MAP_SHARED, unknown flags refused */
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10	/* exactly at addr, replacing what is there */
#define MAP_ANONYMOUS		0x20	/* no file: zero-filled memory */
#define MAP_ANON		MAP_ANONYMOUS
#define MAP_32BIT		0x40
#define MAP_GROWSDOWN		0x0100	/* a stack: faults just below extend it */
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000	/* prefault the pages now */
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_SYNC		0x80000
#define MAP_FIXED_NOREPLACE	0x100000	/* at addr, or EEXIST if anything is there */

#define MS_ASYNC	1	/* msync: start writeback, do not wait */
#define MS_INVALIDATE	2
#define MS_SYNC		4	/* write dirty pages back and wait */

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4	/* drop the pages: anonymous ones read back as zero */
#define MADV_FREE	8
#define MADV_REMOVE	9
#define MADV_DONTFORK	10
#define MADV_DOFORK	11
#define MADV_MERGEABLE	12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15
#define MADV_DONTDUMP	16
#define MADV_DODUMP	17
#define MADV_WIPEONFORK	18
#define MADV_KEEPONFORK	19
#define MADV_COLD	20
#define MADV_PAGEOUT	21
#define MADV_POPULATE_READ  22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24

#define MCL_CURRENT	1	/* mlockall: lock what is mapped now */
#define MCL_FUTURE	2	/* ... and what is mapped from now on */
#define MCL_ONFAULT	4	/* ... as it faults in */
#define MLOCK_ONFAULT	0x01	/* mlock2: lock pages as they fault in */

#define MFD_CLOEXEC		0x0001U	/* memfd_create: close on execve */
#define MFD_ALLOW_SEALING	0x0002U	/* F_ADD_SEALS allowed (else F_SEAL_SEAL at once) */
#define MFD_HUGETLB		0x0004U	/* huge pages (hugetlbfs) */

#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int msync(void *addr, size_t len, int flags);
int madvise(void *addr, size_t len, int advice);
int mincore(void *addr, size_t len, unsigned char *vec);
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
int memfd_create(const char *name, unsigned int flags);	/* an anonymous file: an fd */
int mlock(const void *addr, size_t len);
int mlock2(const void *addr, size_t len, unsigned int flags);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);

#endif
