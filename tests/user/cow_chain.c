/* tests/user/cow_chain.c — a chain of 50 nested forks, each level writing
 * a page of its own into a mapping all of them inherit.
 *
 * Level 0 is the check's own process; level d forks level d + 1, down to
 * level 50.  Page d of the mapping is level d's: each level sees the
 * pages of all its ancestors (inherited copy-on-write, some of them from
 * far up the chain) and none of its descendants'.  One more page, X, is
 * written only by level 0 before the chain starts; each level writes it
 * after its child is gone, so the deepest level writes first: every level
 * but the top shares X with all its ancestors (one fault, a copy), and the
 * top, by then its only mapper, reuses it (one fault, no copy).
 *
 * Each level exits with its child's status plus one (the deepest with 1),
 * so the top sees 50; a level whose own checks fail exits with 200 + what
 * failed instead, passed up unchanged, after a diagnostic naming it. */
#include "cow.h"

#define DEPTH	50
#define X	(DEPTH + 1)		/* the page level 0 writes, and everyone after */

enum mode { STATUS, DATA, FAULTS, PATHS };
enum failure { BAD_DATA = 200, BAD_FAULTS, BAD_PATHS, NO_FORK, BAD_CHILD };

static char *pages;
static volatile int level_word = -1;	/* .data: each level's own value */

/* Level d's view: pages [0, upto] stamped by their levels, the rest
 * untouched (zero), X as level 0 wrote it. */
static int view_ok(int d, int upto)
{
	char who[32];
	snprintf(who, sizeof(who), "level %d", d);
	for (int i = 0; i <= DEPTH; i++)
		if (i <= upto ? !stamped(pages + i * PAGE, 1, 0x100 + i, who)
			      : !all_zero(pages + i * PAGE, PAGE, who))
			return 0;
	return stamped(pages + X * PAGE, 1, 0xa, who);
}

static void write_x(char *p, unsigned long n, char v)
{
	write_bytes(p, n, v);
}

/* Level d, in its own process (level 0: the check's); its exit status. */
static int level(int d, enum mode mode)
{
	if (mode == DATA && !view_ok(d, d - 1))
		return BAD_DATA;
	stamp_pages(pages + d * PAGE, 1, 0x100 + d);
	level_word = d;
	int code = 1;				/* the deepest level's */
	if (d < DEPTH) {
		pid_t pid = fork_flushed();
		if (pid == 0)
			_exit(level(d + 1, mode));
		int status = -1;
		if (pid < 0)
			return NO_FORK;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
			diag("level %d: its child's wait status is %#x", d, status);
			return BAD_CHILD;
		}
		code = WEXITSTATUS(status);
		if (code >= BAD_DATA)
			return code;
		code++;
	}
	if (mode == DATA && (!view_ok(d, d) || level_word != d)) {
		diag("level %d: after its child exited, level_word is %d", d, level_word);
		return BAD_DATA;
	}
	if (mode == FAULTS || mode == PATHS) {
		struct counts c;
		measure(&c, write_x, pages + X * PAGE, 1, 'x');
		if (mode == FAULTS && c.minflt != 1) {
			diag("level %d: writing page X took %ld faults, want 1", d, c.minflt);
			return BAD_FAULTS;
		}
		if (mode == PATHS && (c.wp_copy != (d > 0) || c.wp_reuse != (d == 0))) {
			diag("level %d: writing page X: fault_wp_copy +%ld, fault_wp_reuse +%ld; "
			     "want +%d, +%d", d, c.wp_copy, c.wp_reuse, d > 0, d == 0);
			return BAD_PATHS;
		}
	}
	return code;
}

static int chain(enum mode mode)
{
	pages = map_private(X + 1);
	EXPECT(pages);
	stamp_pages(pages + X * PAGE, 1, 0xa);
	int code = level(0, mode);
	EXPECT_EQ(code, DEPTH + 1);		/* level 1's status (50), plus one */
	return 1;
}

static int statuses_propagate(void)
{
	return chain(STATUS);
}

static int levels_see_ancestors(void)
{
	return chain(DATA);
}

static int levels_fault_once(void)
{
	return chain(FAULTS);
}

static int levels_copy_top_reuses(void)
{
	return chain(PATHS);
}

static const struct check checks[] = {
	CHECK("50 nested forks: exit statuses propagate, the top sees 50", statuses_propagate),
	CHECK("each of 50 levels sees its ancestors' pages and none of its descendants'",
	      levels_see_ancestors),
	CHECK("each level's first write to the page all levels share takes one fault",
	      levels_fault_once),
	FAULTLINE_ONLY("that write copies at every level but the top, which reuses the page",
		       levels_copy_top_reuses, WHY_VMSTAT),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
