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

/* The boot's cost: the TSC at kmain's entry and just before init's first
 * instruction in user mode (init_entry, after its exec).  /proc/boot shows
 * the difference; make bench runs under -icount shift=0, where the TSC
 * counts guest instructions, and faultbench prints it as its "boot" row. */
extern u64 boot_tsc_kmain, boot_tsc_user;

void time_init(void);		/* read the RTC once: CLOCK_REALTIME's base */
/* CLOCK_REALTIME at tick resolution (1/HZ), without touching the RTC:
 * the RTC at boot + jiffies.  Linux's coarse clock, which current_time()
 * (file times) reads too, so a file's mtime and clock_gettime agree. */
void ktime_get_coarse_real_ts64(struct timespec64 *ts);
/* CLOCK_MONOTONIC at tick resolution: jiffies since boot. */
void ktime_get_coarse_ts64(struct timespec64 *ts);

/* The fine clock: the last tick's time plus the TSC's count since that
 * tick, at the rate tsc_tick() measures against the timer (kernel/time.c):
 * never behind the coarse clock, at most a tick ahead of it.  Nanoseconds
 * since boot; CLOCK_MONOTONIC and CLOCK_REALTIME (+ the RTC at boot) read it. */
void tsc_tick(void);		/* the timer interrupt: the last tick's TSC, the rate */
u64 ktime_get_ns(void);
u64 tsc_khz(void);		/* the TSC's rate found at boot: /proc/cpuinfo's MHz */
void ktime_get_ts64(struct timespec64 *ts);		/* CLOCK_MONOTONIC */
void ktime_get_real_ts64(struct timespec64 *ts);	/* CLOCK_REALTIME */

#endif
