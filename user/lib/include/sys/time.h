/* sys/time.h — struct timeval. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

int utimes(const char *path, const struct timeval times[2]);
int futimesat(int dirfd, const char *path, const struct timeval times[2]);

#endif
