/* libc.h — private helpers of user/lib (not installed for programs). */
#ifndef _LIBC_PRIVATE_H
#define _LIBC_PRIVATE_H

#include <syscall.h>

/* A wrapper's result: the value, or -1 with errno set. */
#define RET(r)	__syscall_ret((unsigned long)(r))
/* Arguments are passed to syscallN() as longs. */
#define L(x)	((long)(x))


#endif
