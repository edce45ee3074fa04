/* kernel/time.h — wall-clock time from the CMOS real-time clock. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"

s64 rtc_read_seconds(void);	/* seconds since 1970-01-01 UTC */
s64 days_from_civil(int y, int m, int d);	/* days since 1970-01-01 */

#endif
