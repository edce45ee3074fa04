/* segv — read through a NULL pointer.  The kernel sends SIGSEGV
 * (SEGV_MAPERR, si_addr 0) and, with no handler, the process dies: the
 * shell prints "Segmentation fault" and goes on.  Try it with fault_trace=1
 * on the kernel command line to see the fault's path. */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;
	printf("segv: reading address 0 ...\n");
	fflush(stdout);
	return *p;
}
