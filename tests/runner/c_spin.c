/* tests/runner/c_spin.c — never ends: runtests must kill it at its
 * timeout (-t) and go on with the next program (see a_pass.c).  HOSTILE:
 * only inside faultline. */
#include "../hostile.h"
#include <tap.h>

int main(void)
{
	require_faultline("c_spin");
	plan(1);
	for (volatile unsigned long i = 0;; i++)
		;
}
