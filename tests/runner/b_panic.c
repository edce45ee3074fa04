/* tests/runner/b_panic.c — panics the kernel on purpose, as Linux's
 * "echo c > /proc/sysrq-trigger": the runner must report this program
 * failed, with the panic's lines, and run the programs after it in a new
 * boot (see a_pass.c).  HOSTILE: only inside faultline. */
#include "../hostile.h"
#include <tap.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	require_faultline("b_panic");
	plan(1);
	int fd = open("/proc/sysrq-trigger", O_WRONLY);
	if (fd < 0)
		bail_out("cannot open /proc/sysrq-trigger");
	write(fd, "c", 1);
	ok(0, "the kernel is still here after sysrq c");
	return done_testing();
}
