/* kernel/time.c — read the CMOS RTC (ports 0x70/0x71) once at boot, as
 * Linux's mc146818 driver does; from then on the wall clock is that
 * reading plus the timer's ticks (jiffies), as Linux's coarse clock is the
 * last tick's time.  Reading the RTC costs 16 port accesses (each an exit
 * to the hypervisor under KVM, a slow ISA cycle on real hardware): too
 * much for every file write (page_mkwrite -> current_time). */
#include "kernel/time.h"
#include "kernel/irq.h"
#include "kernel/x86.h"

#define CMOS_ADDR	0x70
#define CMOS_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a	/* bit 7: update in progress */
#define RTC_STATUS_B	0x0b	/* bit 2: binary (else BCD); bit 1: 24-hour */

static u8 cmos_read(u8 reg)
{
	outb(CMOS_ADDR, reg);
	return inb(CMOS_DATA);
}

static int bcd(u8 v, bool binary)
{
	return binary ? v : (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's method). */
s64 days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	s64 era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (s64)doe - 719468;
}

s64 rtc_read_seconds(void)
{
	while (cmos_read(RTC_STATUS_A) & 0x80)	/* wait out an update */
		;
	bool binary = cmos_read(RTC_STATUS_B) & 0x04;
	int sec = bcd(cmos_read(RTC_SECONDS), binary);
	int min = bcd(cmos_read(RTC_MINUTES), binary);
	int hour = bcd(cmos_read(RTC_HOURS) & 0x7f, binary);
	int day = bcd(cmos_read(RTC_DAY), binary);
	int mon = bcd(cmos_read(RTC_MONTH), binary);
	int year = 2000 + bcd(cmos_read(RTC_YEAR), binary);
	return days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}

u64 boot_tsc_kmain, boot_tsc_user;	/* see time.h */

static s64 boot_seconds;		/* the RTC at boot: CLOCK_REALTIME's base */

void time_init(void)
{
	boot_seconds = rtc_read_seconds();
}

void ktime_get_coarse_ts64(struct timespec64 *ts)
{
	u64 j = jiffies;
	ts->tv_sec = (s64)(j / HZ);
	ts->tv_nsec = (long)(j % HZ) * (1000000000L / HZ);
}

void ktime_get_coarse_real_ts64(struct timespec64 *ts)
{
	ktime_get_coarse_ts64(ts);
	ts->tv_sec += boot_seconds;
}

/* ---- the fine clock: the TSC -------------------------------------------
 * The last tick's time (jiffies, the coarse clock) plus the TSC's count
 * since that tick, scaled by the TSC's rate and never more than one tick:
 * so it resolves far below a millisecond, never goes back (a tick adds
 * what the count had reached at most) and never drifts from the coarse
 * clock, whatever error the rate has.  The rate (TSC ticks per ms) is the
 * TSC's count over the timer's ticks since the first one: a first estimate
 * after CALIBRATE_TICKS ticks, then again every second, over the whole
 * time since, so a late tick under a loaded host matters less and less
 * (Linux's tsc clocksource is calibrated against the PIT too, when the CPU
 * does not say its rate).  Until the first estimate, the coarse clock.
 * No boot time is spent waiting for it.  Under -icount shift=0 the TSC
 * counts instructions and the PIT runs on the same virtual clock: the rate
 * is 1 GHz. */
#define CALIBRATE_TICKS	2
#define NSEC_PER_TICK	(1000000000ULL / HZ)

static u64 tsc_per_ms, tsc_last_tick;

/* From the timer interrupt, after jiffies moved. */
void tsc_tick(void)
{
	static u64 tsc0, j0;
	u64 now = rdtsc();
	tsc_last_tick = now;
	if (!j0) {
		tsc0 = now;
		j0 = jiffies;
		return;
	}
	u64 ticks = jiffies - j0;
	if (ticks == CALIBRATE_TICKS || (ticks > CALIBRATE_TICKS && ticks % HZ == 0))
		tsc_per_ms = MAX((now - tsc0) / (ticks * (1000 / HZ)), 1ULL);
}

u64 tsc_khz(void)
{
	return tsc_per_ms;
}

u64 ktime_get_ns(void)
{
	u64 coarse = jiffies * NSEC_PER_TICK;
	if (!tsc_per_ms)			/* before the first estimate: the ticks */
		return coarse;
	u64 d = rdtsc() - tsc_last_tick;
	u64 ns = d / tsc_per_ms * 1000000ULL + d % tsc_per_ms * 1000000ULL / tsc_per_ms;
	return coarse + MIN(ns, NSEC_PER_TICK - 1);
}

void ktime_get_ts64(struct timespec64 *ts)
{
	u64 ns = ktime_get_ns();
	ts->tv_sec = (s64)(ns / 1000000000ULL);
	ts->tv_nsec = (long)(ns % 1000000000ULL);
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	ktime_get_ts64(ts);
	ts->tv_sec += boot_seconds;
}
