/* tests/user/time_sleep.c — time: nanosleep and clock_nanosleep (relative,
 * TIMER_ABSTIME, interrupted), the clocks' resolution, time, gettimeofday,
 * clock_getres, times and sysinfo. */
#include "check.h"
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <syscall.h>
#include <time.h>

#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define TIMER_ABSTIME		1

struct ts_ { long sec, nsec; };
struct tv_ { long sec, usec; };
struct tms_ { long utime, stime, cutime, cstime; };

static long now_ns(int clk)
{
	struct ts_ t;
	syscall(SYS_clock_gettime, clk, &t);
	return t.sec * 1000000000L + t.nsec;
}

/* A relative sleep takes at least its time, and not ten times more. */
static int nanosleep_sleeps(void)
{
	struct ts_ req = { 0, 50000000 };
	long a = now_ns(CLOCK_MONOTONIC);
	EXPECT_EQ(syscall(SYS_nanosleep, &req, NULL), 0);
	long ms = (now_ns(CLOCK_MONOTONIC) - a) / 1000000;
	EXPECT(ms >= 50);
	EXPECT(ms < 500);
	return 1;
}

static int clock_nanosleep_absolute(void)
{
	long target = now_ns(CLOCK_MONOTONIC) + 30000000;
	struct ts_ at = { target / 1000000000L, target % 1000000000L };
	EXPECT_EQ(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL), 0);
	EXPECT(now_ns(CLOCK_MONOTONIC) >= target);
	/* a time already past: at once */
	EXPECT_EQ(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL), 0);
	struct ts_ rel = { 0, 20000000 };
	long a = now_ns(CLOCK_REALTIME);
	EXPECT_EQ(syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &rel, NULL), 0);
	EXPECT(now_ns(CLOCK_REALTIME) - a >= 20000000);
	return 1;
}

static void on_alarm(int sig) { (void)sig; }

/* A handler's signal ends the sleep: EINTR and the time that was left. */
static int sleep_interrupted(void)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	EXPECT_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	struct { struct tv_ interval, value; } t = { { 0, 0 }, { 0, 50000 } };
	EXPECT_EQ(syscall(SYS_setitimer, 0, &t, NULL), 0);
	struct ts_ req = { 5, 0 }, rem = { -1, -1 };
	EXPECT_ERRNO(syscall(SYS_nanosleep, &req, &rem), EINTR);
	EXPECT(rem.sec >= 3 && rem.sec <= 5);
	EXPECT(rem.nsec >= 0 && rem.nsec < 1000000000L);
	return 1;
}

static int sleep_errors(void)
{
	struct ts_ bad = { 0, 1000000000L }, neg = { -1, 0 };
	EXPECT_ERRNO(syscall(SYS_nanosleep, &bad, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, &neg, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, (void *)8, NULL), EFAULT);
	struct ts_ zero = { 0, 0 };
	EXPECT_EQ(syscall(SYS_nanosleep, &zero, NULL), 0);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, 99, 0, &zero, NULL), EINVAL);
	return 1;
}

/* CLOCK_MONOTONIC and CLOCK_REALTIME have better than 1 ms resolution: a
 * tight loop sees them move within a millisecond; they never go back. */
static int fine_clocks(void)
{
	struct ts_ res, settle = { 0, 100000000 };
	/* (faultline measures the TSC's rate over its first ticks: a program
	 * started at once after boot would still see 10 ms steps) */
	syscall(SYS_nanosleep, &settle, NULL);
	EXPECT_EQ(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res), 0);
	EXPECT(res.sec == 0 && res.nsec <= 1000000);
	EXPECT_EQ(syscall(SYS_clock_getres, CLOCK_REALTIME, &res), 0);
	EXPECT(res.sec == 0 && res.nsec <= 1000000);
	struct ts_ coarse;
	EXPECT_EQ(syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &coarse), 0);
	EXPECT(coarse.nsec >= res.nsec);
	EXPECT_ERRNO(syscall(SYS_clock_getres, 99, &res), EINVAL);
	/* The smallest step seen is the resolution.  (Not the time the loop
	 * took: a busy host may stop the whole machine for milliseconds between
	 * two reads, and that is one large step among small ones.) */
	long prev = now_ns(CLOCK_MONOTONIC), changes = 0, min_step = 1000000000;
	for (int i = 0; i < 100000 && changes < 10; i++) {
		long t = now_ns(CLOCK_MONOTONIC);
		EXPECT(t >= prev);
		if (t != prev) {
			changes++;
			min_step = t - prev < min_step ? t - prev : min_step;
		}
		prev = t;
	}
	EXPECT(changes >= 2);				/* moved at least twice ... */
	EXPECT(min_step < 1000000);			/* ... by less than 1 ms a step */
	/* the coarse clocks exist and are not ahead of the fine ones */
	long c = now_ns(CLOCK_MONOTONIC_COARSE);
	EXPECT(c <= now_ns(CLOCK_MONOTONIC));
	c = now_ns(CLOCK_REALTIME_COARSE);
	EXPECT(c <= now_ns(CLOCK_REALTIME));
	return 1;
}

/* time and gettimeofday agree with CLOCK_REALTIME, and it is after 2020. */
static int wall_clock(void)
{
	long t = 0, r = syscall(SYS_time, &t);
	EXPECT_EQ(r, t);
	EXPECT(t > 1577836800L);
	struct tv_ tv;
	EXPECT_EQ(syscall(SYS_gettimeofday, &tv, NULL), 0);
	EXPECT(tv.sec >= t && tv.sec <= t + 2);
	EXPECT(tv.usec >= 0 && tv.usec < 1000000);
	EXPECT(now_ns(CLOCK_REALTIME) / 1000000000L >= tv.sec);
	return 1;
}

/* times: our CPU time grows while we compute; sysinfo's figures make sense. */
static int times_and_sysinfo(void)
{
	struct tms_ a, b;
	long t0 = syscall(SYS_times, &a);
	EXPECT(t0 != -1);
	volatile unsigned long n = 0;
	do {
		for (int i = 0; i < 1000000; i++)
			n++;
		syscall(SYS_times, &b);
	} while (b.utime + b.stime == a.utime + a.stime && n < 4000000000UL);
	EXPECT(b.utime + b.stime > a.utime + a.stime);
	struct sysinfo si;
	EXPECT_EQ(syscall(SYS_sysinfo, &si), 0);
	EXPECT(si.mem_unit >= 1);
	EXPECT(si.totalram > 0 && si.freeram > 0 && si.freeram <= si.totalram);
	EXPECT(si.procs >= 1);
	EXPECT(si.uptime >= 0);
	EXPECT_ERRNO(syscall(SYS_sysinfo, (void *)8), EFAULT);
	return 1;
}

static const struct check checks[] = {
	CHECK("nanosleep(50 ms) sleeps 50 ms or a little more", nanosleep_sleeps),
	CHECK("clock_nanosleep: TIMER_ABSTIME on CLOCK_MONOTONIC, relative on CLOCK_REALTIME",
	      clock_nanosleep_absolute),
	CHECK("a handler's signal ends nanosleep: EINTR and the time left", sleep_interrupted),
	CHECK("nanosleep: EINVAL, EFAULT; a zero sleep returns", sleep_errors),
	CHECK("CLOCK_MONOTONIC and CLOCK_REALTIME resolve better than 1 ms, never go back",
	      fine_clocks),
	CHECK("time, gettimeofday and CLOCK_REALTIME agree", wall_clock),
	CHECK("times counts our CPU time; sysinfo's memory and processes", times_and_sysinfo),
};

int main(void)
{
	return run_checks(checks, NCHECKS(checks));
}
