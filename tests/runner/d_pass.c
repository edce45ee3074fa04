/* tests/runner/d_pass.c — runs after a panic and a timeout in the programs
 * before it, in the runner's second boot (see a_pass.c).  HOSTILE: only
 * inside faultline (its folder is the others'). */
#include "../hostile.h"
#include <tap.h>

int main(void)
{
	require_faultline("d_pass");
	plan(1);
	ok(1, "a program after a panic and a timeout runs");
	return done_testing();
}
