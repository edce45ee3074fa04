/* kernel/time.h — wall-clock time: the CMOS real-time clock, read once at
 * boot, and the timer's ticks since (the coarse clock). */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

s64 rtc_read_seconds(void);	/* seconds since 1970-01-01 UTC: 16 port accesses */
s64 days_from_civil(int y, int m, int d);	/* days since 1970-01-01 */

void time_init(void);		/* read the RTC once: CLOCK_REALTIME's base */
/* CLOCK_REALTIME at tick resolution (1/HZ), without touching the RTC:
 * the RTC at boot + jiffies.  Linux's coarse clock, which current_time()
 * (file times) reads too, so a file's mtime and clock_gettime agree. */
void ktime_get_coarse_real_ts64(struct timespec64 *ts);
/* CLOCK_MONOTONIC at tick resolution: jiffies since boot. */
void ktime_get_coarse_ts64(struct timespec64 *ts);

#endif
