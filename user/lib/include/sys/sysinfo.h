/* sys/sysinfo.h — Linux's x86-64 struct sysinfo (112 bytes) and sysinfo(2):
 * uptime, the load averages (avenrun << 5: SI_LOAD_SHIFT 16), memory in
 * units of mem_unit bytes, the number of processes. */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

#define SI_LOAD_SHIFT	16

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minutes, in 1/65536 */
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

int sysinfo(struct sysinfo *info);

#endif
