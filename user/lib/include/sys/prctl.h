/* sys/prctl.h — prctl(): operations on the calling process (Linux's
 * <linux/prctl.h> values for the options this kernel has). */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#define PR_SET_PDEATHSIG	1	/* the signal we get when our parent exits */
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15	/* the comm: 15 bytes */
#define PR_GET_NAME		16
#define PR_SET_MDWE		65	/* memory-deny-write-execute (Linux 6.3) */
#define PR_GET_MDWE		66
#define PR_MDWE_REFUSE_EXEC_GAIN	(1UL << 0)	/* no W+X mapping, no mapping gains X */
#define PR_MDWE_NO_INHERIT		(1UL << 1)	/* fork and exec do not keep it */

/* The options take up to four more unsigned long arguments; those an
 * option does not use must be 0 for some (PR_SET_MDWE). */
int prctl(int option, ...);

#endif
