/* tests/user/mem_mdwe.c — memory-deny-write-execute: prctl(PR_SET_MDWE,
 * PR_MDWE_REFUSE_EXEC_GAIN) (Linux 6.3; PR_MDWE_NO_INHERIT 6.6).
 *
 * Once set, no mapping of the process may be writable and executable at
 * once, nor become executable when it was not: mmap(PROT_WRITE|PROT_EXEC)
 * and mprotect adding PROT_EXEC are -EACCES; mapping read+exec memory, or
 * keeping it so, is allowed.  The setting is for good (asking for other
 * bits later is -EPERM), fork and exec keep it, unless PR_MDWE_NO_INHERIT
 * was asked with it, which both then drop.
 *
 * The cases are those of Linux 6.12's selftest mm/mdwe_test.c (the oracle
 * the issue names): its prctl argument checks, its seven pairs of
 * consecutive prctls, and its six mapping cases under its four variants
 * (stock, enabled, inherited by a child of fork, not inherited); then
 * what it does not check: exec, and a file's mapping. */
#include "mem_lib.h"
#include <sys/prctl.h>

#define SHANON		(MAP_SHARED | MAP_ANONYMOUS)	/* the selftest's mappings */

static char *self_path;			/* argv[0]: exec'ed again by the exec checks */

/* ---- prctl's arguments ---- */

static int prctl_flags(void)
{
	return expect_errno(prctl(PR_SET_MDWE, PR_MDWE_NO_INHERIT, 0L, 0L, 0L), EINVAL,
			    "NO_INHERIT without REFUSE_EXEC_GAIN") &
	       expect_errno(prctl(PR_SET_MDWE, 7L, 0L, 0L, 0L), EINVAL, "unknown bits") &
	       expect_errno(prctl(PR_SET_MDWE, 0L, 7L, 0L, 0L), EINVAL, "SET, arg3 not 0") &
	       expect_errno(prctl(PR_SET_MDWE, 0L, 0L, 7L, 0L), EINVAL, "SET, arg4 not 0") &
	       expect_errno(prctl(PR_SET_MDWE, 0L, 0L, 0L, 7L), EINVAL, "SET, arg5 not 0") &
	       expect_errno(prctl(PR_GET_MDWE, 7L, 0L, 0L, 0L), EINVAL, "GET, arg2 not 0") &
	       expect_errno(prctl(PR_GET_MDWE, 0L, 7L, 0L, 0L), EINVAL, "GET, arg3 not 0") &
	       expect_errno(prctl(PR_GET_MDWE, 0L, 0L, 7L, 0L), EINVAL, "GET, arg4 not 0") &
	       expect_errno(prctl(PR_GET_MDWE, 0L, 0L, 0L, 7L), EINVAL, "GET, arg5 not 0") &
	       expect_eq(prctl(PR_GET_MDWE, 0L, 0L, 0L, 0L), 0, "GET before any SET");
}

/* ---- two prctls in a row: what may follow what ---- */

#define GAIN	PR_MDWE_REFUSE_EXEC_GAIN
#define NOINH	PR_MDWE_NO_INHERIT

static const struct { const char *name; unsigned long first, second; int works; } pairs[] = {
	{ "can_keep_no_flags", 0, 0, 1 },
	{ "can_keep_exec_gain", GAIN, GAIN, 1 },
	{ "can_keep_both_flags", GAIN | NOINH, GAIN | NOINH, 1 },
	{ "cant_disable_mdwe", GAIN, 0, 0 },
	{ "cant_disable_mdwe_no_inherit", GAIN | NOINH, 0, 0 },
	{ "cant_disable_no_inherit", GAIN | NOINH, GAIN, 0 },
	{ "cant_enable_no_inherit", GAIN, GAIN | NOINH, 0 },
};

/* Each pair in a child of its own: the first prctl's effect is for good. */
static int pair_child(int i)
{
	if (!expect_eq(prctl(PR_SET_MDWE, pairs[i].first, 0L, 0L, 0L), 0, pairs[i].name))
		return 0;
	errno = 0;
	int r = prctl(PR_SET_MDWE, pairs[i].second, 0L, 0L, 0L);
	if (pairs[i].works)
		return expect_eq(r, 0, pairs[i].name) &
		       expect_eq(prctl(PR_GET_MDWE, 0L, 0L, 0L, 0L), (long)pairs[i].second,
				 "PR_GET_MDWE after both");
	return check_errno(__FILE__, __LINE__, r, errno, EPERM, pairs[i].name);
}

static int consecutive_prctls(void)
{
	int good = 1;
	for (int i = 0; i < (int)(sizeof(pairs) / sizeof(pairs[0])); i++) {
		pid_t pid = fork_flushed();
		if (pid == 0)
			_exit(pair_child(i) ? 0 : 1);
		good &= expect(pid > 0 && reap(pid, 0), "%s", pairs[i].name);
	}
	return good;
}

/* ---- the six mapping cases ---- */

/* Each case: 1 when the calls went as `refused` says they must. */
static int mmap_read_exec(int refused)
{
	(void)refused;				/* allowed either way */
	void *p = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, SHANON, -1, 0);
	return expect(p != MAP_FAILED, "mmap(PROT_READ | PROT_EXEC): errno %d", errno);
}

static int mmap_write_exec(int refused)
{
	long r = raw_mmap(0, PAGE, PROT_WRITE | PROT_EXEC, SHANON, -1, 0);
	return refused ? expect_eq(r, -EACCES, "mmap(PROT_WRITE | PROT_EXEC)")
		       : expect(r > 0, "mmap(PROT_WRITE | PROT_EXEC): %ld", r);
}

static int mprotect_stay_exec(int refused)
{
	(void)refused;
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_EXEC, SHANON, -1, 0);
	EXPECT(p != MAP_FAILED);
	return expect_eq(raw_mprotect((unsigned long)p, PAGE, PROT_READ | PROT_EXEC), 0,
			 "mprotect(PROT_READ | PROT_EXEC) of read+exec memory");
}

static int mprotect_add_exec(int refused)
{
	char *p = mmap(NULL, PAGE, PROT_READ, SHANON, -1, 0);
	EXPECT(p != MAP_FAILED);
	long r = raw_mprotect((unsigned long)p, PAGE, PROT_READ | PROT_EXEC);
	return expect_eq(r, refused ? -EACCES : 0, "mprotect adding PROT_EXEC");
}

static int mprotect_write_exec(int refused)
{
	char *p = mmap(NULL, PAGE, PROT_WRITE, SHANON, -1, 0);
	EXPECT(p != MAP_FAILED);
	long r = raw_mprotect((unsigned long)p, PAGE, PROT_WRITE | PROT_EXEC);
	return expect_eq(r, refused ? -EACCES : 0, "mprotect(PROT_WRITE | PROT_EXEC)");
}

/* MAP_FIXED unmaps what was there first: a new read+exec mapping is no gain. */
static int mmap_fixed(int refused)
{
	(void)refused;
	char *p = mmap(NULL, PAGE, PROT_READ, SHANON, -1, 0);
	EXPECT(p != MAP_FAILED);
	void *q = mmap(p, PAGE, PROT_READ | PROT_EXEC, SHANON | MAP_FIXED, -1, 0);
	return expect(q == p, "MAP_FIXED read+exec over a read-only mapping: %p, errno %d", q,
		      errno);
}

static int (*const cases[])(int) = { mmap_read_exec, mmap_write_exec, mprotect_stay_exec,
				     mprotect_add_exec, mprotect_write_exec, mmap_fixed };

static int run_cases(int refused)
{
	int good = 1;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		good &= cases[i](refused);
	return good;
}

/* The selftest's fixture: MDWE on (with NO_INHERIT unless inherit), then,
 * if forked, the cases run in a child of fork; refused when it is on
 * where they run. */
static int variant(int enabled, int forked, int inherit)
{
	if (enabled) {
		unsigned long bits = GAIN | (inherit ? 0 : NOINH);
		EXPECT_EQ(prctl(PR_SET_MDWE, bits, 0L, 0L, 0L), 0);
		EXPECT_EQ(prctl(PR_GET_MDWE, 0L, 0L, 0L, 0L), (long)bits);
	}
	int refused = enabled && (!forked || inherit);
	if (!forked)
		return run_cases(refused);
	pid_t pid = fork_flushed();
	if (pid == 0)
		_exit(run_cases(refused) ? 0 : 1);
	return pid > 0 && reap(pid, 0);
}

static int stock(void) { return variant(0, 0, 0); }
static int enabled(void) { return variant(1, 0, 1); }
static int inherited(void) { return variant(1, 1, 1); }
static int not_inherited(void) { return variant(1, 1, 0); }

/* ---- what the selftest leaves out ---- */

/* exec keeps it (the new address space takes the old one's flags), and
 * NO_INHERIT drops it there too: the program exec'ed says what
 * PR_GET_MDWE gives it, as its exit status. */
static int exec_status(unsigned long bits)
{
	pid_t pid = fork_flushed();
	if (pid == 0) {
		if (bits && prctl(PR_SET_MDWE, bits, 0L, 0L, 0L))
			_exit(100);
		char *argv[] = { self_path, "--report-mdwe", NULL };
		execv(self_path, argv);
		_exit(101);
	}
	int st = pid > 0 ? wait_status(pid) : -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int exec_keeps(void)
{
	return expect_eq(exec_status(GAIN), (long)GAIN, "PR_GET_MDWE after exec") &
	       expect_eq(exec_status(GAIN | NOINH), 0, "PR_GET_MDWE after exec, NO_INHERIT") &
	       expect_eq(exec_status(0), 0, "PR_GET_MDWE after exec, never set");
}

/* A file's private mapping is held to the same rule: write+exec refused,
 * read+exec taken, and what was not executable does not become so. */
static int file_mapping(void)
{
	static const char name[] = "mem_mdwe.file";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0700);
	unlink(name);
	EXPECT(fd >= 0);
	EXPECT_EQ(ftruncate(fd, PAGE), 0);
	EXPECT_EQ(prctl(PR_SET_MDWE, GAIN, 0L, 0L, 0L), 0);
	long wx = raw_mmap(0, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE, fd, 0);
	long rx = raw_mmap(0, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
	long rw = raw_mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	int good = expect_eq(wx, -EACCES, "private file mapping, read+write+exec") &
		   expect(rx > 0, "private file mapping, read+exec: %ld", rx) &
		   expect(rw > 0, "private file mapping, read+write: %ld", rw);
	if (rw > 0)
		good &= expect_eq(raw_mprotect(rw, PAGE, PROT_READ | PROT_EXEC), -EACCES,
				  "mprotect of read+write to read+exec");
	if (rx > 0)
		good &= expect_eq(raw_mprotect(rx, PAGE, PROT_READ), 0, "dropping exec") &
			expect_eq(raw_mprotect(rx, PAGE, PROT_READ | PROT_EXEC), -EACCES,
				  "... and taking it back");
	close(fd);
	return good;
}

static const struct check checks[] = {
	CHECK("prctl(PR_SET_MDWE/PR_GET_MDWE) with bad arguments: EINVAL", prctl_flags),
	CHECK("two PR_SET_MDWE in a row: the same bits again or nothing, never fewer or more "
	      "(EPERM)", consecutive_prctls),
	CHECK("without MDWE: every mapping case allowed", stock),
	CHECK("with MDWE: W+X mmap and mprotect adding X refused (EACCES), R+X allowed", enabled),
	CHECK("with MDWE, in a child of fork: the same refusals", inherited),
	CHECK("with MDWE and NO_INHERIT, in a child of fork: nothing refused", not_inherited),
	CHECK("exec keeps MDWE; with NO_INHERIT it drops it", exec_keeps),
	CHECK("with MDWE, a private file mapping: W+X refused, R+X allowed, no X regained",
	      file_mapping),
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--report-mdwe"))
		return (int)prctl(PR_GET_MDWE, 0L, 0L, 0L, 0L);
	self_path = argv[0];
	return run_checks(checks, NCHECKS(checks));
}
