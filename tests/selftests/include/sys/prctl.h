/* tests/selftests/include/sys/prctl.h — glibc's <sys/prctl.h>, for Linux's
 * mm selftests built with musl (make selftests; docs/selftests.md).
 *
 * musl's own <sys/prctl.h> copies the PR_* constants of its day (1.2.3
 * lacks PR_SET_MDWE, PR_SET_MEMORY_MERGE, ...) and defines struct
 * prctl_mm_map, so a test that includes <linux/prctl.h> as well
 * (mdwe_test) does not compile.  glibc's takes the constants from the
 * kernel's UAPI header and declares the function; so does this one. */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H
#include <linux/prctl.h>
int prctl(int, ...);
#endif
