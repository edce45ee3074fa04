/* tests/hostile.h — the guard every hostile test program starts with.
 *
 * The programs of tests/stress/ and tests/fuzz/ exhaust memory, fork until
 * fork fails, call random system calls with random arguments and may
 * kill(-1, ...): inside faultline they prove the kernel survives a
 * student's broken program; on a Linux host, where `make test-linux` runs
 * as root, they could take the machine down.  So they are never built into
 * make test-linux's list (user/user.mk keeps them apart, in the initrd's
 * /stress and /fuzz), and each one calls require_faultline() first: on any
 * other kernel it refuses, with exit status 77 ("skipped"). */
#ifndef TESTS_HOSTILE_H
#define TESTS_HOSTILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#define HOSTILE_REFUSED	77		/* exit status: not run (not on faultline) */

static inline void require_faultline(const char *prog)
{
	struct utsname u;
	if (uname(&u) == 0 && strcmp(u.sysname, "faultline") == 0)
		return;
	fprintf(stderr, "%s: refusing to run on %s: this program is hostile to the kernel "
		"it runs on and runs only inside faultline (make test)\n", prog,
		uname(&u) == 0 ? u.sysname : "an unknown kernel");
	exit(HOSTILE_REFUSED);
}

#endif
