/* tests/runner/a_pass.c — the runner's own test (tests/boots.py, boot
 * runner.resume): /runner holds four programs run by /bin/runtests in
 * order: a_pass passes, b_panic panics the kernel, c_spin never ends,
 * d_pass passes.  The runner must report b_panic failed with the panic's
 * lines, boot again from c_spin on, see runtests kill c_spin at its
 * timeout, and still count a_pass and d_pass.  HOSTILE (b_panic crashes
 * the kernel): these run only inside faultline, from the initrd's /runner. */
#include "../hostile.h"
#include <tap.h>

int main(void)
{
	require_faultline("a_pass");
	plan(1);
	ok(1, "a program before the one that panics runs");
	return done_testing();
}
