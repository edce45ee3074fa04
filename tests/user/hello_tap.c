/* tests/user/hello_tap.c — the smallest user test: the harness works. */
#include <tap.h>
#include <unistd.h>

int main(void)
{
	plan(2);
	ok(getpid() > 0, "getpid returns a pid");
	is(write(1, "", 0), 0, "write of nothing returns 0");
	return done_testing();
}
