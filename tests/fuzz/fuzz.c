/* tests/fuzz/fuzz.c — a seeded system-call fuzzer: no user program may
 * crash, hang, leak from or corrupt the kernel.
 *
 * NEVER ON THE HOST.  It calls every system call with random arguments,
 * kill(-1, ...) among them: on Linux, where `make test-linux` runs as root,
 * that could kill every process of the machine.  So it is built apart from
 * the user tests (user/user.mk: the initrd's /fuzz, never make test-linux),
 * it calls require_faultline() (tests/hostile.h) before anything else and
 * refuses any kernel but faultline, and it runs only as init (pid 1), where
 * kill(-1) and kill(0) reach no process but its own children.
 *
 *	fuzz [--seed N] [--calls M] [--from I] [--only I] [--batch B] [--pick I,J,...] [-v]
 *
 * Booted as init (make fuzz SEED=n CALLS=m, or a boot of make test with
 * "init=/fuzz/fuzz -- --seed N --calls M"), it makes the calls I .. I+M-1
 * of seed N and reports in TAP: one line per batch of B calls (default
 * 250), then the page-count audit and the free frames at the end.
 *
 * One call is a pure function of (seed, index): a splitmix64 stream seeded
 * from both picks the number and the arguments, so call 1234 of seed 7 is
 * the same call whatever ran before it (only a few values come from the
 * child's state: its pid, its last grandchild, the last address mmap gave it,
 * the last fd it opened).  --only I makes call I alone (and prints it and
 * its result), --from I starts at call I, --pick I,J,... makes just those
 * calls in one child, -v prints every call before it is made (the last line
 * before a panic names the culprit).  tests/fuzz/README.md: how to replay.
 *
 * The numbers: 88% from the table of every call the kernel implements
 * (kernel/syscall.c's table, copied below as calls[]; keep them in step),
 * 7% any number below 451 (those not in the table: -ENOSYS), 5% numbers
 * past the table (451 and up, the x32 bit, huge, negative).
 * The arguments: each argument has a kind (fd, buffer, length, path, flags,
 * ...) and is drawn from that kind's interesting values; one in 16 is any
 * value of any kind instead.  Interesting values are 0, -1, huge lengths and
 * offsets (2^31, 2^32, 2^46, 2^62, 2^63 - 1, 0x7ffff000), NULL, unmapped
 * user addresses, kernel-half (kernel text, the direct map) and
 * non-canonical pointers, misaligned pointers, the last byte (and the last 8
 * bytes) before an unmapped page, a read-only page, a file mapping and a
 * framebuffer mapping used as buffers, valid buffers; valid fds of every
 * kind (a ramfs file read-write, read-only and O_APPEND, directories,
 * /dev/null, /dev/zero, /dev/fb0, /proc files), a closed fd and
 * fds out of range; flags with every known bit and random ones.
 *
 * The calls run in child processes, B calls a batch: a child sets up its
 * fixture (the fds and the buffer arena, below), then makes the calls; it
 * may die of a signal (a bad rt_sigreturn frame, munmap of its own text...):
 * that is fine, the parent counts it and starts a new child at the next
 * call.  A child that makes no progress for STALL_CONT_MS gets SIGCONT (a
 * stop signal it sent itself), after STALL_KILL_MS SIGKILL (a legitimately
 * blocked call, e.g. wait4 on a stopped grandchild): reported, not a
 * failure, unless SIGKILL cannot end it.  After every batch the parent
 * checks that the kernel is alive (fork, wait, write, read /proc/meminfo),
 * that the free memory is back where it was before the batch (every child
 * and grandchild reaped, the scratch directory reset: what is left is a
 * leak) and that /proc/mm_audit says "ok".  At the end: the audit and the
 * free frames against the start.  A failure prints the seed, the call
 * index and how to replay it.
 *
 * What the fuzzer leaves out, each for a reason:
 *   exit, exit_group (60, 231)   end the child: nothing to learn, the batch stops
 *   vfork (58) made raw          the child would run on the parent's stack: made by
 *                                fuzz_vfork instead, whose child (as issue 12 item 1's
 *                                sequence) exits, execs, fails to exec, or unmaps,
 *                                populates and grows brk in the shared memory, then exits
 *   reboot (169) with the magic  powers the machine off (other magic values are made)
 *   the console                  a read waits for typed input that never comes, a
 *                                write puts random bytes on the serial line, where
 *                                they could forge the TAP lines the runner counts: the
 *                                children's fds 0-2 are /dev/null, and no fd or path
 *                                of the pools is the console
 *   creating, truncating or      the file system stays as booted, so every batch
 *   removing outside /tmp/fz,    starts alike; /proc and /dev are tried too (the kernel
 *   /proc and /dev               owns their entries: every change is refused)
 *   directory fds outside        an openat/mkdir relative to one would create outside
 *   /tmp/fz, chdir out of it     the scratch directory
 *   links to files outside       link() and symlink() make names only for what
 *   /tmp/fz, /proc and /dev;     K_PATH_W may name, and a symbolic link holds only
 *   symlinks to directories      K_LINK targets: a file written through a link would
 *   outside it                   change the booted files, and "d/../f" through d ->
 *                                "/dev" would create "/f"
 *   mknod of the console         K_DEV never gives 5,1 (a node in /tmp/fz opened
 *                                later would read or write the serial line)
 *   the arena's bytes as a path  what calls wrote there (getcwd's "/tmp/fz") may be
 *   to create, remove or chdir   any absolute path: only looked up, opened read-only,
 *                                executed
 *   execve of a real program     only /bin/echo (it exits at once): /fuzz/fuzz would
 *                                fuzz recursively, /bin/sh would wait for input
 *   rt_sigreturn on the real     made on a crafted frame instead (its rip half the
 *   stack                        time a landing pad that resumes the child), since
 *                                the stack's own contents would send the child into
 *                                its own code with random registers
 * The kernel names unknown system calls on the console, rate-limited (10
 * lines per 5 s, then a count of those left out).
 *
 * The fixture of every child (fds by number, the arena at fixed addresses):
 *	0-2 /dev/null   3 /tmp/fz/f rw   4 /tmp/fz/d   5 /dev/null   6 /dev/zero
 *	7 /proc/meminfo   8 /proc/self/maps   9 /etc/motd   10 /dev/fb0 rw
 *	11 /proc/vmstat   12 /tmp/fz/f read-only   13 /tmp/fz/f append   14 /tmp/fz
 *	15 closed   63 the log (-v, --only): the parent's stdout, else closed
 *
 *	ARENA + page 0-3   read-write anonymous, a pattern     4 hole
 *	        5          read-only anonymous                  6 hole
 *	        7          PROT_NONE
 *	        8-9        MAP_SHARED of /tmp/fz/f (4 KiB: page 9 is past its end: SIGBUS)
 *	        10 hole    11 MAP_PRIVATE of /tmp/fz/f   12 hole   13 /dev/fb0 shared
 *	        14 hole
 *	PATHPAGE: a page of 'a' with no NUL, then a hole (a path that never ends);
 *	PATHPAGE2: an argv that runs into a hole (no NULL at its end).
 * /tmp/fz (the scratch directory: f, 4 KiB of pattern, and d, empty) is made
 * afresh by the parent before every child.  The parent and the children
 * share a page at SHARED_AT (the call being made, counts), out of reach of
 * every address the pools can give plus every length. */
#include "../hostile.h"
#include <tap.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

typedef unsigned long u64;

#define PAGE		4096UL
#define ARENA		0x100000000000UL	/* 16 TiB: far from text, heap, mmap area and stack */
#define ARENA_PAGES	15
#define PATHPAGE	0x080000000000UL	/* below the arena: huge munmaps from it spare this */
#define PATHPAGE2	(PATHPAGE + 0x10000)
/* the page the parent and its children share, out of reach of the pools'
 * addresses plus their lengths, and of the mmap area where last_map points */
#define SHARED_AT	0x780000000000UL
#define SCRATCH		"/tmp/fz"
#define LOGFD		63			/* NR_OPEN - 1 */

#define DEFAULT_CALLS	2000
#define DEFAULT_BATCH	250
#define STALL_CONT_MS	500 			/* no progress: SIGCONT (a stopped child) */
#define STALL_KILL_MS	10000			/* still none: SIGKILL */
#define REAP_MS		10000			/* a SIGKILLed process must be gone by then */

/* The fixture's fds (see the top). */
enum { FD_FILE = 3, FD_DIR, FD_NULL, FD_ZERO, FD_MEMINFO, FD_MAPS, FD_MOTD, FD_FB, FD_VMSTAT,
       FD_FILE_RO, FD_APPEND, FD_SCRATCH, FD_CLOSED };

/* ---- what parent and children share: a MAP_SHARED page ------------------ */

struct shared {
	long cur;		/* the call being made (or last made) */
	long finished;		/* the child made its last call and exits */
	long fixture_failed;	/* the child could not set up: which step */
	unsigned long calls[512], ok[512];	/* by number (512: every number past the table) */
	unsigned long handled;	/* signals our handler took */
};
static struct shared *sh;

/* ---- the random stream ---------------------------------------------------- */

static u64 seed;
static long picks[256];		/* --pick: these calls only, in this order, in one child */
static int npicks;
static int verbose;		/* -v: every call is logged before it is made */

static u64 splitmix(u64 *s)
{
	u64 z = (*s += 0x9e3779b97f4a7c15UL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return z ^ (z >> 31);
}

/* The stream of call idx: the same for the same (seed, idx), whatever ran before. */
static u64 call_stream(long idx)
{
	u64 s = seed, t = (u64)idx * 0xd1342543de82ef95UL;
	return splitmix(&s) ^ splitmix(&t);
}

static u64 rnd(u64 *s) { return splitmix(s); }
static u64 below(u64 *s, u64 n) { return rnd(s) % n; }
static int chance(u64 *s, int one_in) { return below(s, one_in) == 0; }
#define PICK(s, arr) ((arr)[below(s, sizeof(arr) / sizeof((arr)[0]))])

/* ---- interesting values -------------------------------------------------- */

#define KTEXT		0xffffffff80000000UL
#define DIRECT_MAP	0xffff888000000000UL

static const u64 any_values[] = {
	0, 1, 2, 3, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x1001, 0xffff, 0x10000,
	0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x100000003, 0x7ffff000,
	0x7fffffffffffffffUL, 0x8000000000000000UL, (u64)-1, (u64)-2, (u64)-4095, (u64)-4096,
	(u64)-100, 1UL << 46, 1UL << 47, 1UL << 62, KTEXT, DIRECT_MAP,
	0x0000800000000000UL, 0xdead000000000000UL, 0x00007ffffffff000UL, 0x00007fffffffffffUL,
	ARENA, ARENA + 1, ARENA + 4 * PAGE - 1, ARENA + 5 * PAGE,
};

/* Pointers to read from or write to. */
static const u64 ptr_values[] = {
	ARENA, ARENA, ARENA + 0x800, ARENA + 3 * PAGE,		/* valid, read-write */
	ARENA + 4 * PAGE - 1, ARENA + 4 * PAGE - 8, ARENA + 4 * PAGE - 16, /* just before a hole */
	ARENA + 1, ARENA + 3, ARENA + 7,			/* misaligned */
	ARENA + 5 * PAGE, ARENA + 6 * PAGE - 1,			/* read-only */
	ARENA + 7 * PAGE,					/* PROT_NONE */
	ARENA + 8 * PAGE, ARENA + 9 * PAGE, ARENA + 9 * PAGE - 3, /* shared file map; past EOF */
	ARENA + 11 * PAGE, ARENA + 13 * PAGE,			/* private file map; /dev/fb0 */
	ARENA + 4 * PAGE, 0x300000000000UL,			/* unmapped */
	0, 1, 0xfff, 0x1000,					/* NULL and near it */
	0x400000,						/* our own ELF header: read-only */
	KTEXT, KTEXT + 0x100000, DIRECT_MAP, DIRECT_MAP + 0x100000, 0xfffffffffffff000UL,
	(u64)-1,						/* kernel half */
	0x0000800000000000UL, 0x8000000000000000UL, 0xdead000000000000UL,	/* non-canonical */
	0x00007ffffffff000UL, 0x00007fffffffffffUL,		/* the top of user space */
};

static const u64 len_values[] = {
	0, 1, 2, 7, 8, 16, 64, 144, 160, 512, 4095, 4096, 4097, 8192, 16384, 16385, 65536,
	0x7ffff000, 0x7fffffff, 0x80000000, 0xffffffff, 1UL << 32, 1UL << 46,
	0x7fffffffffffffffUL, 0x8000000000000000UL, (u64)-1, (u64)-4096,
};

static const u64 off_values[] = {
	0, 0, 1, 7, 4095, 4096, 8192, 65536, 1UL << 31, 1UL << 32, 1UL << 40, 1UL << 62,
	0x7ffffffffffff000UL, 0x7fffffffffffffffUL, 0x8000000000000000UL, (u64)-1, (u64)-4096,
};

static const u64 fd_values[] = {
	0, 1, 2, FD_FILE, FD_FILE, FD_DIR, FD_NULL, FD_ZERO, FD_MEMINFO, FD_MAPS, FD_MOTD, FD_FB,
	FD_FB, FD_VMSTAT, FD_FILE_RO, FD_APPEND, FD_SCRATCH, FD_CLOSED, FD_CLOSED, 16, 17, 62,
	LOGFD + 1, 1023, 1024, 0x7fffffff, (u64)-1, (u64)-100, 0x100000003, 0x8000000000000003UL,
};

/* Directory fds for the *at calls: the scratch ones only (see the top). */
static const u64 dirfd_values[] = {
	(u64)-100 /* AT_FDCWD */, (u64)-100, FD_DIR, FD_SCRATCH, FD_FILE, FD_NULL, FD_CLOSED,
	(u64)-1, 1024, 0xffffffff00000000UL - 100,
};

static const u64 mm_addr_values[] = {
	ARENA, ARENA, ARENA + PAGE, ARENA + 3 * PAGE, ARENA + 4 * PAGE, ARENA + 5 * PAGE,
	ARENA + 7 * PAGE, ARENA + 8 * PAGE, ARENA + 9 * PAGE, ARENA + 11 * PAGE, ARENA + 13 * PAGE,
	ARENA + 1, ARENA + 0x800, ARENA - PAGE, ARENA + 0x200000, 0x300000000000UL,
	0, 0x1000, 0xf000, 0x10000, 0x400000, 0x7ffffffff000UL - PAGE, 0x7ffffffff000UL,
	0x0000800000000000UL, KTEXT, DIRECT_MAP, (u64)-PAGE, 0xdead000000000000UL,
};

static const u64 mm_len_values[] = {
	0, 1, PAGE, PAGE, 2 * PAGE, 3 * PAGE, 16 * PAGE, 0x10000, 0x200000, 0x201000, 0x7ffff000,
	1UL << 32, 1UL << 40, 1UL << 46, 1UL << 47, (u64)-PAGE, (u64)-1, 0x8000000000000000UL,
};

static const u64 ioctl_values[] = {
	0x4600 /* FBIOGET_VSCREENINFO */, 0x4601 /* FBIOPUT_VSCREENINFO */,
	0x4602 /* FBIOGET_FSCREENINFO */, 0x4606 /* FBIOPAN_DISPLAY */, 0x4611, 0x46ff,
	0x5401 /* TCGETS */, 0x5402 /* TCSETS */, 0x5413 /* TIOCGWINSZ */, 0x541b /* FIONREAD */,
	0x5421 /* FIONBIO */, 0x5450 /* FIONCLEX */, 0, (u64)-1, 0x100004600, 0xc0104600,
	0x80084600,
};

static const char *const path_scratch[] = {
	"/tmp/fz/f", "/tmp/fz/d", "/tmp/fz/new", "/tmp/fz/d/g", "f", "d", "d/g", "new",
	"/tmp/fz", "//tmp//fz/./f", "/tmp/fz/d/../f", "/tmp/fz/f/x", "/nonexistent/x", "",
	".", "./f",
};
static const char *const path_system[] = {	/* opened read-only */
	"/etc/motd", "/proc/meminfo", "/proc/self/maps", "/proc/vmstat", "/proc/faults",
	"/proc/mm_audit", "/bin/echo", "/fuzz/fuzz", "/proc/nonexistent",
};
static const char *const path_dev[] = {		/* written, never created or truncated */
	"/dev/null", "/dev/zero", "/dev/fb0",
};
static const char *const path_owned[] = {	/* the kernel's: every change refused */
	"/proc/faults", "/proc/vmstat", "/proc/self/maps", "/proc/self", "/proc/9999",
	"/proc/newfile", "/proc", "/dev/null", "/dev/fb0", "/dev/x", "/dev",
};
/* What a symbolic link may hold: names inside /tmp/fz, and files.  Never
 * a directory outside it (nor /tmp/fz itself, nor "."): with d -> "/dev",
 * "/tmp/fz/d/../f" would be "/f", a file created outside (see the top). */
static const char *const link_targets[] = {
	"f", "g", "new", "d/g", "nowhere", "/tmp/fz/f", "/tmp/fz/new", "/tmp/fz/d/g",
	"/dev/null", "/proc/vmstat", "",
};
static const char *const path_dirs[] = {	/* chdir: the scratch directory only */
	"/tmp/fz", "/tmp/fz/d", "d", "f", "/tmp/fz/d/g", "/nonexistent", "", "/tmp/fz/.",
};
static const char *const path_exec[] = {
	"/tmp/fz/f", "/tmp/fz/d", "/etc/motd", "/dev/null", "/proc/meminfo", "/nonexistent",
	"", "d", "/bin/echo",
};

/* Bad pointers any path kind may get instead of a string (the arena's, a
 * string of whatever is there, only where gen_path allows). */
static const u64 bad_path_values[] = {
	0, 1, 0xfff, ARENA + 4 * PAGE, ARENA + 7 * PAGE, ARENA + 9 * PAGE, KTEXT, DIRECT_MAP,
	0x0000800000000000UL, 0xdead000000000000UL, (u64)-1, PATHPAGE, PATHPAGE + PAGE - 16,
	ARENA, ARENA + 1,		/* the arena's pattern: a name (in the scratch dir) */
};

/* ---- the child's argument area: structures the calls point to ------------ */

static char longpath[5000];		/* longer than PATH_MAX */
static char longname[300];		/* a component longer than NAME_MAX */
static u64 argbuf[512] __attribute__((aligned(4096)));	/* iovecs, sigactions, argv, ... */
/* rt_sigreturn's frame, with room below it for a signal frame built there */
struct { char below[16384]; u64 frame[256]; } fz_sr __attribute__((aligned(4096)));
jmp_buf fz_sr_jb;
char fz_landing_stack[8192] __attribute__((aligned(16)));

/* ---- the table: every system call the kernel implements ------------------ */

enum kind {
	K_NONE, K_ANY, K_FD, K_DIRFD, K_BUF, K_LEN, K_OFF, K_WHENCE, K_PATH, K_PATH_W,
	K_PATH_DIR, K_PATH_EXEC, K_OFLAGS, K_MODE, K_AMODE, K_ATFLAGS, K_ADDR, K_MMLEN, K_PROT,
	K_MFLAGS, K_MSFLAGS, K_MADV, K_BRK, K_SIG, K_SIGACT, K_SIGSET, K_SIGSETSZ, K_HOW,
	K_IOCTL, K_FCNTL, K_FCNTL_ARG, K_IOV, K_IOVCNT, K_PID, K_WOPT, K_WHO, K_ARCH,
	K_ARCH_ADDR, K_CLOCK, K_RNDFLAGS, K_ARGV, K_MAGIC,
	K_FD_DIR, K_FD_IOCTL, K_FD_MAP,	/* an fd, more often one of the kind the call wants */
	K_MMOFF,			/* mmap's offset: mostly page-aligned */
	K_DEV,				/* mknod's device: never the console's (see the top) */
	K_LINK,				/* a symbolic link's target: inside the scratch dir */
};

struct sc {
	int nr;
	const char *name;
	unsigned char arg[6];
};

static const struct sc calls[] = {
	{ 0, "read", { K_FD, K_BUF, K_LEN } },
	{ 1, "write", { K_FD, K_BUF, K_LEN } },
	{ 2, "open", { K_PATH, K_OFLAGS, K_MODE } },
	{ 3, "close", { K_FD } },
	{ 4, "stat", { K_PATH, K_BUF } },
	{ 5, "fstat", { K_FD, K_BUF } },
	{ 6, "lstat", { K_PATH, K_BUF } },
	{ 8, "lseek", { K_FD, K_OFF, K_WHENCE } },
	{ 9, "mmap", { K_ADDR, K_MMLEN, K_PROT, K_MFLAGS, K_FD_MAP, K_MMOFF } },
	{ 10, "mprotect", { K_ADDR, K_MMLEN, K_PROT } },
	{ 11, "munmap", { K_ADDR, K_MMLEN } },
	{ 12, "brk", { K_BRK } },
	{ 13, "rt_sigaction", { K_SIG, K_SIGACT, K_BUF, K_SIGSETSZ } },
	{ 14, "rt_sigprocmask", { K_HOW, K_SIGSET, K_BUF, K_SIGSETSZ } },
	{ 15, "rt_sigreturn", { K_NONE } },		/* on a crafted frame: do_sigreturn */
	{ 16, "ioctl", { K_FD_IOCTL, K_IOCTL, K_BUF } },
	{ 17, "pread64", { K_FD, K_BUF, K_LEN, K_OFF } },
	{ 18, "pwrite64", { K_FD, K_BUF, K_LEN, K_OFF } },
	{ 19, "readv", { K_FD, K_IOV, K_IOVCNT } },
	{ 20, "writev", { K_FD, K_IOV, K_IOVCNT } },
	{ 21, "access", { K_PATH, K_AMODE } },
	{ 24, "sched_yield", { K_NONE } },
	{ 26, "msync", { K_ADDR, K_MMLEN, K_MSFLAGS } },
	{ 27, "mincore", { K_ADDR, K_MMLEN, K_BUF } },
	{ 28, "madvise", { K_ADDR, K_MMLEN, K_MADV } },
	{ 32, "dup", { K_FD } },
	{ 33, "dup2", { K_FD, K_FD } },
	{ 39, "getpid", { K_NONE } },
	{ 40, "sendfile", { K_FD, K_FD, K_BUF, K_LEN } },
	{ 41, "socket", { K_ANY, K_ANY, K_ANY } },
	{ 48, "shutdown", { K_FD, K_HOW } },
	{ 53, "socketpair", { K_ANY, K_ANY, K_ANY, K_BUF } },
	{ 57, "fork", { K_NONE } },			/* the grandchild exits at once */
	{ 58, "vfork", { K_ANY } },			/* fuzz_vfork: a[0] picks the child's step */
	{ 59, "execve", { K_PATH_EXEC, K_ARGV, K_ARGV } },
	{ 61, "wait4", { K_PID, K_BUF, K_WOPT, K_BUF } },
	{ 62, "kill", { K_PID, K_SIG } },
	{ 63, "uname", { K_BUF } },
	{ 72, "fcntl", { K_FD, K_FCNTL, K_FCNTL_ARG } },
	{ 74, "fsync", { K_FD } },
	{ 75, "fdatasync", { K_FD } },
	{ 76, "truncate", { K_PATH_W, K_OFF } },
	{ 77, "ftruncate", { K_FD, K_OFF } },
	{ 79, "getcwd", { K_BUF, K_LEN } },
	{ 80, "chdir", { K_PATH_DIR } },
	{ 81, "fchdir", { K_FD_DIR } },
	{ 82, "rename", { K_PATH_W, K_PATH_W } },
	{ 83, "mkdir", { K_PATH_W, K_MODE } },
	{ 84, "rmdir", { K_PATH_W } },
	{ 85, "creat", { K_PATH_W, K_MODE } },
	{ 86, "link", { K_PATH_W, K_PATH_W } },		/* not K_PATH: a link to a system */
	{ 87, "unlink", { K_PATH_W } },			/* file would write it (see the top) */
	{ 88, "symlink", { K_LINK, K_PATH_W } },	/* ... and so would a symlink */
	{ 89, "readlink", { K_PATH, K_BUF, K_LEN } },
	{ 90, "chmod", { K_PATH_W, K_MODE } },
	{ 91, "fchmod", { K_FD, K_MODE } },
	{ 92, "chown", { K_PATH_W, K_ANY, K_ANY } },
	{ 93, "fchown", { K_FD, K_ANY, K_ANY } },
	{ 94, "lchown", { K_PATH_W, K_ANY, K_ANY } },
	{ 95, "umask", { K_MODE } },
	{ 98, "getrusage", { K_WHO, K_BUF } },
	{ 102, "getuid", { K_NONE } },
	{ 104, "getgid", { K_NONE } },
	{ 107, "geteuid", { K_NONE } },
	{ 108, "getegid", { K_NONE } },
	{ 110, "getppid", { K_NONE } },
	{ 127, "rt_sigpending", { K_BUF, K_SIGSETSZ } },
	{ 132, "utime", { K_PATH_W, K_BUF } },
	{ 133, "mknod", { K_PATH_W, K_MODE, K_DEV } },
	{ 137, "statfs", { K_PATH, K_BUF } },
	{ 138, "fstatfs", { K_FD, K_BUF } },
	{ 158, "arch_prctl", { K_ARCH, K_ARCH_ADDR } },
	{ 162, "sync", { K_NONE } },
	{ 169, "reboot", { K_MAGIC, K_ANY, K_ANY, K_BUF } },
	{ 217, "getdents64", { K_FD_DIR, K_BUF, K_LEN } },
	{ 218, "set_tid_address", { K_BUF } },
	{ 228, "clock_gettime", { K_CLOCK, K_BUF } },
	{ 235, "utimes", { K_PATH_W, K_BUF } },
	{ 257, "openat", { K_DIRFD, K_PATH, K_OFLAGS, K_MODE } },
	{ 258, "mkdirat", { K_DIRFD, K_PATH_W, K_MODE } },
	{ 259, "mknodat", { K_DIRFD, K_PATH_W, K_MODE, K_DEV } },
	{ 260, "fchownat", { K_DIRFD, K_PATH_W, K_ANY, K_ANY, K_ATFLAGS } },
	{ 261, "futimesat", { K_DIRFD, K_PATH_W, K_BUF } },
	{ 262, "newfstatat", { K_DIRFD, K_PATH, K_BUF, K_ATFLAGS } },
	{ 263, "unlinkat", { K_DIRFD, K_PATH_W, K_ATFLAGS } },
	{ 264, "renameat", { K_DIRFD, K_PATH_W, K_DIRFD, K_PATH_W } },
	{ 265, "linkat", { K_DIRFD, K_PATH_W, K_DIRFD, K_PATH_W, K_ATFLAGS } },
	{ 266, "symlinkat", { K_LINK, K_DIRFD, K_PATH_W } },
	{ 267, "readlinkat", { K_DIRFD, K_PATH, K_BUF, K_LEN } },
	{ 268, "fchmodat", { K_DIRFD, K_PATH_W, K_MODE } },
	{ 269, "faccessat", { K_DIRFD, K_PATH, K_AMODE } },
	{ 278, "vmsplice", { K_FD, K_IOV, K_IOVCNT, K_RNDFLAGS } },	/* flags 0..8: SPLICE_F_*;
							   a pipe only if a random pipe(2) made one */
	{ 280, "utimensat", { K_DIRFD, K_PATH_W, K_BUF, K_ATFLAGS } },
	{ 285, "fallocate", { K_FD, K_ANY, K_OFF, K_LEN } },
	{ 292, "dup3", { K_FD, K_FD, K_OFLAGS } },
	{ 306, "syncfs", { K_FD } },
	{ 316, "renameat2", { K_DIRFD, K_PATH_W, K_DIRFD, K_PATH_W, K_AMODE } },	/* flags 0..8 */
	{ 318, "getrandom", { K_BUF, K_LEN, K_RNDFLAGS } },
	{ 319, "memfd_create", { K_BUF, K_ANY } },
	{ 439, "faccessat2", { K_DIRFD, K_PATH, K_AMODE, K_ATFLAGS } },
};
#define NCALLS	((int)(sizeof(calls) / sizeof(calls[0])))

/* Numbers never made, whichever way they come up (see the top). */
static int excluded(u64 nr)
{
	return nr == 60 /* exit */ || nr == 231 /* exit_group */;
}

static const struct sc *find_call(u64 nr)
{
	for (int i = 0; i < NCALLS; i++)
		if ((u64)calls[i].nr == nr)
			return &calls[i];
	return NULL;
}

static __attribute__((noreturn)) void raw_exit(int code)
{
	for (;;)
		syscall1(SYS_exit_group, code);
}

/* vfork, with a child that never returns from here (it runs on our stack):
 * one of issue 12 item 1's steps, chosen by how.  The child exits, dies
 * of SIGSEGV, fails two execs then execs /bin/echo, or unmaps two pages
 * of the arena (ours too: the memory is shared), maps 1 MiB with
 * MAP_POPULATE and grows brk by 64 KiB, then exits.  Our result: vfork's. */
static long fuzz_vfork(u64 how)
{
	static char *const argv[] = { "/bin/echo", NULL };
	long pid = vfork();			/* libc's: no return address on the stack */
	if (pid != 0)
		return pid < 0 ? -errno : pid;
	switch (how % 4) {
	case 0:
		raw_exit(0);
	case 1:
		*(volatile int *)(ARENA + 7 * PAGE) = 1;	/* PROT_NONE: SIGSEGV */
		raw_exit(1);
	case 2:
		syscall3(SYS_execve, (long)"/nonexistent", (long)argv, 0);
		syscall3(SYS_execve, (long)"/etc/motd", (long)argv, 0);
		syscall3(SYS_execve, (long)"/bin/echo", (long)argv, 0);
		raw_exit(2);
	default:
		syscall2(SYS_munmap, (long)(ARENA + 2 * PAGE), (long)(2 * PAGE));
		syscall6(SYS_mmap, 0, 256 * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		syscall1(SYS_brk, syscall1(SYS_brk, 0) + 64 * 1024);
		raw_exit(3);
	}
	__builtin_unreachable();
}

/* ---- one call: its number and arguments ----------------------------------- */

struct call {
	long idx;
	u64 nr;
	const struct sc *sc;	/* NULL: a number the table lacks */
	u64 a[6];
	int path_class;		/* of the path argument: PC_* */
	pid_t self, grandchild;	/* for K_PID */
	u64 brk0;		/* the child's break at its start */
	u64 last_map;		/* what the child's last mmap returned (0: none yet) */
	u64 last_fd;		/* the last fd an open, openat, dup or fcntl returned */
};

enum { PC_SCRATCH, PC_SYSTEM, PC_DEV };

/* A path: a string of one of the pools, or a bad pointer.  Sets the class
 * (what open may do with it). */
static u64 gen_path(u64 *s, struct call *c, int kind)
{
	c->path_class = PC_SCRATCH;
	if (chance(s, 6)) {
		u64 p = PICK(s, bad_path_values);
		if (p < ARENA || p >= ARENA + ARENA_PAGES * PAGE)
			return p;
		/* The arena holds what earlier calls wrote there: getcwd's
		 * "/tmp/fz", uname's strings, /proc text, a name that may be
		 * absolute.  Looked up, opened for reading or executed, never
		 * created, removed or made the working directory (see the top). */
		if (kind == K_PATH_W || kind == K_PATH_DIR)
			return PATHPAGE + PAGE - 16;
		c->path_class = PC_SYSTEM;
		return p;
	}
	if (chance(s, 25))
		return (u64)(chance(s, 2) ? longpath : longname);
	switch (kind) {
	case K_PATH_DIR:
		return (u64)PICK(s, path_dirs);
	case K_PATH_EXEC:
		return (u64)PICK(s, path_exec);
	case K_PATH_W:
		return (u64)(chance(s, 8) ? PICK(s, path_owned) : PICK(s, path_scratch));
	}
	switch (below(s, 4)) {
	case 0:
		c->path_class = PC_SYSTEM;
		return (u64)PICK(s, path_system);
	case 1:
		c->path_class = PC_DEV;
		return (u64)PICK(s, path_dev);
	default:
		return (u64)PICK(s, path_scratch);
	}
}

/* Flags of open: any mix of the known ones and a random bit or two, less
 * what the path's class forbids (see the top). */
static u64 gen_oflags(u64 *s, struct call *c)
{
	static const u64 bits[] = { O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
				    O_DSYNC, O_DIRECT, O_LARGEFILE, O_DIRECTORY, O_NOFOLLOW,
				    O_NOATIME, O_CLOEXEC, O_SYNC, O_PATH, O_TMPFILE };
	u64 f = below(s, 4);		/* O_RDONLY, O_WRONLY, O_RDWR, 3 */
	int n = (int)below(s, 4);
	for (int i = 0; i < n; i++)
		f |= PICK(s, bits);
	if (chance(s, 8))
		f |= 1UL << below(s, 64);
	if (c->path_class != PC_SCRATCH)
		f &= ~(u64)(O_CREAT | O_TRUNC | O_TMPFILE);
	if (c->path_class == PC_SYSTEM)
		f &= ~(u64)O_ACCMODE;
	return f;
}

static u64 gen_mflags(u64 *s)
{
	static const u64 types[] = { MAP_PRIVATE, MAP_PRIVATE, MAP_SHARED, MAP_SHARED,
				     MAP_SHARED_VALIDATE, 0, 0xf };
	static const u64 bits[] = { MAP_FIXED, MAP_FIXED, MAP_ANONYMOUS, MAP_ANONYMOUS,
				    MAP_ANONYMOUS, MAP_32BIT, MAP_GROWSDOWN, MAP_DENYWRITE,
				    MAP_EXECUTABLE, MAP_LOCKED, MAP_NORESERVE, MAP_NONBLOCK,
				    MAP_STACK, MAP_HUGETLB, MAP_SYNC, MAP_FIXED_NOREPLACE };
	static const u64 sane[] = { MAP_PRIVATE | MAP_ANONYMOUS, MAP_SHARED | MAP_ANONYMOUS,
				    MAP_PRIVATE, MAP_SHARED, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
				    MAP_SHARED | MAP_FIXED, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN };
	if (chance(s, 2))
		return PICK(s, sane);
	u64 f = PICK(s, types);
	int n = (int)below(s, 4);
	for (int i = 0; i < n; i++)
		f |= PICK(s, bits);
	if (chance(s, 8))
		f |= 1UL << below(s, 64);
	return f;
}

static u64 gen_sig(u64 *s)
{
	if (chance(s, 8))
		return PICK(s, any_values);
	return below(s, 66);		/* 0 (exists?), 1..64, 65 (too big) */
}

void fz_handler(int sig);
extern void __restore_rt(void);

/* A struct sigaction in argbuf: handler, flags, restorer, mask. */
static u64 gen_sigact(u64 *s)
{
	static const u64 handlers[] = { 0 /* SIG_DFL */, 1 /* SIG_IGN */, 2, (u64)fz_handler,
					(u64)fz_handler, (u64)fz_handler, ARENA /* NX */, KTEXT,
					0xdead000000000000UL, 0x400000 };
	static const u64 flags[] = { SA_RESTORER, SA_RESTORER, SA_RESTORER | SA_SIGINFO,
				     SA_RESTORER | SA_NODEFER, SA_RESTORER | SA_RESETHAND,
				     SA_RESTORER | SA_RESTART, SA_RESTORER | SA_ONSTACK,
				     SA_NOCLDSTOP | SA_NOCLDWAIT | SA_RESTORER, 0, (u64)-1 };
	static const u64 restorers[] = { (u64)__restore_rt, (u64)__restore_rt,
					 (u64)__restore_rt, 0, ARENA, KTEXT, (u64)fz_handler };
	if (chance(s, 6))
		return PICK(s, ptr_values);
	u64 *a = &argbuf[0];
	a[0] = PICK(s, handlers);
	a[1] = PICK(s, flags);
	a[2] = PICK(s, restorers);
	a[3] = chance(s, 2) ? 0 : rnd(s);
	return (u64)a;
}

static u64 gen_sigset(u64 *s)
{
	static const u64 sets[] = { 0, (u64)-1, 1UL << (SIGSEGV - 1), 1UL << (SIGCHLD - 1),
				    1UL << (SIGKILL - 1) | 1UL << (SIGSTOP - 1), 0x5555555555555555UL };
	if (chance(s, 4))
		return PICK(s, ptr_values);
	argbuf[8] = chance(s, 3) ? rnd(s) : PICK(s, sets);
	return (u64)&argbuf[8];
}

/* An iovec array in argbuf (or a bad pointer to one). */
static u64 gen_iov(u64 *s)
{
	if (chance(s, 5))
		return PICK(s, ptr_values);
	u64 *v = &argbuf[16];
	for (int i = 0; i < 64; i++) {
		v[2 * i] = PICK(s, ptr_values);
		v[2 * i + 1] = chance(s, 2) ? below(s, 8193) : PICK(s, len_values);
	}
	return (u64)v;
}

/* An argv (or envp) for execve. */
static u64 gen_argv(u64 *s)
{
	u64 *v = &argbuf[200 + 8 * below(s, 2)];
	switch (below(s, 6)) {
	case 0:
		return 0;
	case 1:
		return PATHPAGE2 + PAGE - 16;	/* two pointers, then a hole: no NULL */
	case 2:
		return PICK(s, ptr_values);
	default:
		v[0] = (u64)"echo";
		v[1] = chance(s, 2) ? (u64)"fz" : PICK(s, bad_path_values);
		v[2] = chance(s, 4) ? (u64)longpath : 0;
		v[3] = 0;
		return (u64)v;
	}
}

static u64 gen_pid(u64 *s, struct call *c)
{
	static const u64 pids[] = { 0, (u64)-1, 1, 2, 3, 99999, (u64)-99999, 0x80000000,
				    0x100000001, 0x7fffffff };
	switch (below(s, 4)) {
	case 0:
		return (u64)c->self;
	case 1:
		return c->grandchild ? (u64)c->grandchild : (u64)-1;
	default:
		return PICK(s, pids);
	}
}

static u64 gen_brk(u64 *s, struct call *c)
{
	static const long deltas[] = { 0, PAGE, 16 * PAGE, 1L << 20, 1L << 30, -(long)PAGE,
				       -(1L << 20), 1, 4095 };
	static const u64 abs_values[] = { 0, 0x400000, 0x7ffffffff000UL, KTEXT,
					  0xdead000000000000UL, ARENA, (u64)-1 };
	if (chance(s, 3))
		return PICK(s, abs_values);
	return c->brk0 + (u64)PICK(s, deltas);
}

/* One argument of a kind; one in 16 is any value at all (but never one
 * that would break an exclusion: paths, dirfds, flags keep their kind). */
static u64 gen_arg(u64 *s, struct call *c, int kind)
{
	static const u64 fcntl_cmds[] = { 0, 1, 2, 3, 4, 1030, 5, 6, 7, 8, 9, 10, 11, 1024, 1025,
					  1026, 1031, 1033, (u64)-1, 0x100000003 };
	static const u64 arch_codes[] = { 0x1001, 0x1002, 0x1003, 0x1004, 0x1011, 0x1012, 0x2001,
					  0x3001, 0, (u64)-1 };
	static const u64 madv[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 14, 15, 18, 20, 21, 22, 23,
				    25, 100, (u64)-1 };
	static const u64 modes[] = { 0, 0644, 0755, 0777, 07777, 0xffffffff };

	int free_kind = kind == K_ANY || kind == K_FD || kind == K_BUF || kind == K_LEN ||
			kind == K_OFF || kind == K_WHENCE || kind == K_MODE || kind == K_PROT ||
			kind == K_ADDR || kind == K_MMLEN || kind == K_SIG || kind == K_SIGSETSZ ||
			kind == K_HOW || kind == K_IOCTL || kind == K_FCNTL || kind == K_FCNTL_ARG ||
			kind == K_IOVCNT || kind == K_WOPT || kind == K_WHO || kind == K_CLOCK ||
			kind == K_RNDFLAGS || kind == K_AMODE || kind == K_ATFLAGS ||
			kind == K_MSFLAGS || kind == K_MADV || kind == K_ARCH_ADDR;
	if (free_kind && chance(s, 16))
		return chance(s, 2) ? PICK(s, any_values) : rnd(s);

	switch (kind) {
	case K_NONE:
	case K_ANY:
		return chance(s, 2) ? PICK(s, any_values) : rnd(s);
	case K_FD:
		if (chance(s, 6) && c->last_fd)
			return c->last_fd;
		return PICK(s, fd_values);
	case K_FD_DIR:
		return chance(s, 2) ? PICK(s, ((const u64[]){ FD_DIR, FD_SCRATCH })) : gen_arg(s, c, K_FD);
	case K_FD_IOCTL:
		return chance(s, 2) ? FD_FB : gen_arg(s, c, K_FD);
	case K_FD_MAP:
		return chance(s, 2) ? PICK(s, ((const u64[]){ FD_FILE, FD_FILE_RO, FD_APPEND, FD_FB,
							       FD_ZERO, FD_NULL, FD_MOTD }))
				    : gen_arg(s, c, K_FD);
	case K_DIRFD:
		return PICK(s, dirfd_values);
	case K_BUF:
		if (chance(s, 8) && c->last_map)
			return c->last_map + PICK(s, ((const u64[]){ 0, 1, PAGE, PAGE - 1 }));
		if (chance(s, 3))	/* valid, more often than the pool alone gives */
			return PICK(s, ((const u64[]){ ARENA, ARENA + 0x800, ARENA + 3 * PAGE,
						       ARENA + 8 * PAGE, ARENA + 11 * PAGE,
						       ARENA + 13 * PAGE }));
		return PICK(s, ptr_values);
	case K_LEN:
		return chance(s, 3) ? below(s, 20000) : PICK(s, len_values);
	case K_OFF:
		return chance(s, 4) ? below(s, 20000) : PICK(s, off_values);
	case K_WHENCE:
		return chance(s, 8) ? PICK(s, any_values) : below(s, 6);	/* SET CUR END DATA HOLE, 5 */
	case K_PATH: case K_PATH_W: case K_PATH_DIR: case K_PATH_EXEC:
		return gen_path(s, c, kind);
	case K_OFLAGS:
		return gen_oflags(s, c);
	case K_MODE:
		return PICK(s, modes);
	case K_AMODE:
		return below(s, 9);
	case K_ATFLAGS:
		return chance(s, 2) ? 0 : PICK(s, ((const u64[]){ 0x100, 0x200, 0x400, 0x800,
								   0x1000, 0x1100, (u64)-1 }));
	case K_LINK:
		if (chance(s, 8))
			return PICK(s, ((const u64[]){ 0, KTEXT, PATHPAGE + PAGE - 16, (u64)longpath }));
		return (u64)PICK(s, link_targets);
	case K_DEV:			/* null, zero, fb0, nobody's, bad encodings */
		return PICK(s, ((const u64[]){ 0, 0x103, 0x105, 0x1d00, 0x909, 0xfff00,
					       (u64)-1 }));
	case K_MMOFF:
		if (chance(s, 4))
			return gen_arg(s, c, K_OFF);
		return chance(s, 2) ? 0 : PAGE * below(s, 4);
	case K_ADDR:
		if (chance(s, 4) && c->last_map)
			return c->last_map + PICK(s, ((const u64[]){ 0, 0, PAGE, 2 * PAGE, 1 }));
		return PICK(s, mm_addr_values);
	case K_MMLEN:
		return PICK(s, mm_len_values);
	case K_PROT:
		return chance(s, 8) ? PICK(s, ((const u64[]){ PROT_GROWSDOWN | 3, PROT_GROWSUP | 1,
							       8, 0xff, (u64)-1 }))
				    : below(s, 8);
	case K_MFLAGS:
		return gen_mflags(s);
	case K_MSFLAGS:
		return below(s, 8);
	case K_MADV:
		return PICK(s, madv);
	case K_BRK:
		return gen_brk(s, c);
	case K_SIG:
		return gen_sig(s);
	case K_SIGACT:
		return gen_sigact(s);
	case K_SIGSET:
		return gen_sigset(s);
	case K_SIGSETSZ:
		return chance(s, 5) ? PICK(s, ((const u64[]){ 0, 4, 16, 128, (u64)-1 })) : 8;
	case K_HOW:
		return below(s, 5);		/* BLOCK UNBLOCK SETMASK, 3, 4 */
	case K_IOCTL:
		return PICK(s, ioctl_values);
	case K_FCNTL:
		return PICK(s, fcntl_cmds);
	case K_FCNTL_ARG:
		return chance(s, 2) ? PICK(s, fd_values) : PICK(s, any_values);
	case K_IOV:
		return gen_iov(s);
	case K_IOVCNT:
		return chance(s, 2) ? below(s, 5)
				    : PICK(s, ((const u64[]){ 8, 64, 1024, 1025, (u64)-1, 1UL << 32 }));
	case K_PID:
		return gen_pid(s, c);
	case K_WOPT:
		return PICK(s, ((const u64[]){ 0, 1 /* WNOHANG */, 1, 2, 8, 0x40000000, (u64)-1 }));
	case K_WHO:
		return PICK(s, ((const u64[]){ 0, (u64)-1, 1, 2, (u64)-2 }));
	case K_ARCH:
		return PICK(s, arch_codes);
	case K_ARCH_ADDR:
		return chance(s, 2) ? PICK(s, ptr_values) : PICK(s, any_values);
	case K_CLOCK:
		return chance(s, 8) ? PICK(s, any_values) : below(s, 12);
	case K_RNDFLAGS:
		return below(s, 9);
	case K_ARGV:
		return gen_argv(s);
	case K_MAGIC: {			/* anything but LINUX_REBOOT_MAGIC1 (see the top) */
		u64 m = chance(s, 2) ? PICK(s, any_values) : rnd(s);
		return m == 0xfee1dead ? 0xfee1deae : m;
	}
	}
	return 0;
}

/* Call idx: its number and arguments (into c), from its own stream. */
static void gen_call(long idx, struct call *c)
{
	u64 st = call_stream(idx), *s = &st;
	u64 pick = below(s, 100);

	c->idx = idx;
	if (pick < 88) {
		c->sc = &calls[below(s, NCALLS)];
		c->nr = (u64)c->sc->nr;
	} else if (pick < 95) {
		c->nr = below(s, 451);
	} else {
		static const u64 big[] = { 451, 452, 500, 511, 512, 1000, 4096, 0x40000000,
					   0x40000001, 0x4000000f, 0x7fffffff, 0x80000000,
					   0xffffffff, 0x100000000, 0x100000001, (u64)-1,
					   0x8000000000000000UL };
		c->nr = chance(s, 2) ? 451 + below(s, 100) : PICK(s, big);
	}
	if (excluded(c->nr))
		c->nr = 39;			/* getpid instead */
	c->sc = find_call(c->nr);
	for (int i = 0; i < 6; i++) {	/* a stream per argument: what one takes from */
		u64 sub = rnd(s);	/* the child's state changes no other */
		c->a[i] = gen_arg(&sub, c, c->sc ? c->sc->arg[i] : K_ANY);
	}
}

/* s is one of the path pools' strings (so it can be printed). */
static int known_string(const char *s)
{
	static const char *const *const pools[] = { path_scratch, path_system, path_dev,
						    path_dirs, path_exec, path_owned, link_targets };
	static const int sizes[] = { sizeof(path_scratch) / sizeof(char *),
				     sizeof(path_system) / sizeof(char *),
				     sizeof(path_dev) / sizeof(char *),
				     sizeof(path_dirs) / sizeof(char *),
				     sizeof(path_exec) / sizeof(char *),
				     sizeof(path_owned) / sizeof(char *),
				     sizeof(link_targets) / sizeof(char *) };
	for (int p = 0; p < 7; p++)
		for (int i = 0; i < sizes[p]; i++)
			if (pools[p][i] == s)
				return 1;
	return 0;
}

/* "name(a, b, ...)" for the log. */
static void describe(const struct call *c, char *buf, size_t size)
{
	int n = c->sc ? snprintf(buf, size, "%s(", c->sc->name)
		      : snprintf(buf, size, "syscall %#lx(", c->nr);
	int nargs = 6;
	if (c->sc)
		for (nargs = 0; nargs < 6 && c->sc->arg[nargs] != K_NONE; nargs++)
			;
	for (int i = 0; i < nargs && n < (int)size; i++) {
		int k = c->sc ? c->sc->arg[i] : K_ANY;
		const char *str = (const char *)c->a[i];
		if ((k == K_PATH || k == K_PATH_W || k == K_PATH_DIR || k == K_PATH_EXEC ||
		     k == K_LINK) && known_string(str))
			n += snprintf(buf + n, size - n, "%s\"%.40s\"", i ? ", " : "", str);
		else
			n += snprintf(buf + n, size - n, "%s%#lx", i ? ", " : "", c->a[i]);
	}
	if (n < (int)size)
		n += snprintf(buf + n, size - n, ")");
	/* what the structures in argbuf held (the kernel may have changed them since) */
	for (int i = 0; i < nargs && n < (int)size; i++) {
		int k = c->sc ? c->sc->arg[i] : K_ANY;
		const u64 *v = (const u64 *)c->a[i];
		if (k == K_IOV && v == &argbuf[16])
			for (int j = 0; j < 4 && n < (int)size; j++)
				n += snprintf(buf + n, size - n, " iov[%d]={%#lx, %#lx}", j, v[2 * j],
					      v[2 * j + 1]);
		else if (k == K_SIGACT && v == &argbuf[0])
			n += snprintf(buf + n, size - n, " act={%#lx, %#lx, %#lx, %#lx}", v[0], v[1],
				      v[2], v[3]);
		else if (k == K_SIGSET && v == &argbuf[8])
			n += snprintf(buf + n, size - n, " set=%#lx", v[0]);
	}
}

/* ---- the child: fixture, then the calls ------------------------------------ */


static void logf_raw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_raw(const char *fmt, ...)
{
	static char line[768];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	syscall3(SYS_write, LOGFD, (long)line, n);
}

/* Our handler for rt_sigaction: returns, so the child goes on; a signal
 * that comes back forever (a fault that recurs) ends the child instead. */
static unsigned long handled;
void fz_handler(int sig)
{
	(void)sig;
	if (++handled > 1000)
		raw_exit(99);
}

/* rt_sigreturn's landing pad: a frame whose rip is this resumes the child
 * with the registers setjmp saved (the frame's rsp and flags are random). */
void fz_landing(void);
__asm__(".text\n"
	".globl fz_landing\n"
	"fz_landing:\n"
	"	cld\n"
	"	lea fz_landing_stack+8192(%rip), %rsp\n"
	"	lea fz_sr_jb(%rip), %rdi\n"
	"	mov $1, %esi\n"
	"	call longjmp\n"
	"	hlt\n");

/* rt_sigreturn on a frame of random values (the landing pad as its rip
 * half the time, a user rip from the pools otherwise). */
static long do_sigreturn(u64 *s)
{
	u64 *f = fz_sr.frame;
	for (int i = 0; i < 256; i++)
		f[i] = chance(s, 2) ? PICK(s, any_values) : (chance(s, 2) ? rnd(s) : 0);
	/* struct rt_sigframe: pretcode, uc_flags, uc_link, uc_stack (3), then
	 * r8..r15 (8), rdi rsi rbp rbx rdx rax rcx rsp rip eflags, ... fpstate */
	u64 *sc = f + 6;
	sc[16] = chance(s, 2) ? (u64)fz_landing : PICK(s, ptr_values);	/* rip */
	sc[17] = chance(s, 2) ? 0x202 : rnd(s);				/* eflags */
	sc[23] = chance(s, 2) ? 0 : PICK(s, ptr_values);		/* fpstate */
	if (setjmp(fz_sr_jb) == 0)
		__asm__ volatile("mov %0, %%rsp\n"
				 "mov $15, %%eax\n"
				 "syscall\n"
				 "jmp fz_landing\n"
				 : : "r"(f + 1) : "memory");
	return 0;
}

/* Set up the fixture (see the top); 0, or the step that failed. */
static int fixture(void)
{
	static const struct { int fd; const char *path; int flags; } fds[] = {
		{ FD_FILE, SCRATCH "/f", O_RDWR }, { FD_DIR, SCRATCH "/d", O_RDONLY | O_DIRECTORY },
		{ FD_NULL, "/dev/null", O_RDWR }, { FD_ZERO, "/dev/zero", O_RDONLY },
		{ FD_MEMINFO, "/proc/meminfo", O_RDONLY }, { FD_MAPS, "/proc/self/maps", O_RDONLY },
		{ FD_MOTD, "/etc/motd", O_RDONLY }, { FD_FB, "/dev/fb0", O_RDWR },
		{ FD_VMSTAT, "/proc/vmstat", O_RDONLY }, { FD_FILE_RO, SCRATCH "/f", O_RDONLY },
		{ FD_APPEND, SCRATCH "/f", O_WRONLY | O_APPEND },
		{ FD_SCRATCH, SCRATCH, O_RDONLY | O_DIRECTORY }, { FD_CLOSED, "/dev/null", O_RDONLY },
		{ 0, "/dev/null", O_RDONLY }, { 1, "/dev/null", O_WRONLY }, { 2, "/dev/null", O_WRONLY },
	};
	for (unsigned i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		int fd = open(fds[i].path, fds[i].flags);
		if (fd < 0 && fds[i].fd == FD_FB)
			fd = open("/dev/null", O_RDWR);		/* no framebuffer: a stand-in */
		if (fd < 0 || (fd != fds[i].fd && dup2(fd, fds[i].fd) != fds[i].fd))
			return 10 + i;
		if (fd != fds[i].fd)
			close(fd);
	}
	close(FD_CLOSED);
	if (!verbose)
		close(LOGFD);
	if (chdir(SCRATCH) < 0)
		return 2;

	/* the arena */
	char *a = (char *)ARENA;
	if (mmap(a, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != a)
		return 3;
	for (unsigned long i = 0; i < ARENA_PAGES * PAGE; i++)
		a[i] = i % 64 == 63 ? '\n' : i % 64 == 62 ? 0 : i % 64 == 0 ? '#'
		       : (char)('a' + (i * 7) % 26);
	munmap(a + 4 * PAGE, PAGE);
	mprotect(a + 5 * PAGE, PAGE, PROT_READ);
	munmap(a + 6 * PAGE, PAGE);
	mprotect(a + 7 * PAGE, PAGE, PROT_NONE);
	if (mmap(a + 8 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		 FD_FILE, 0) != a + 8 * PAGE)
		return 4;
	munmap(a + 10 * PAGE, PAGE);
	if (mmap(a + 11 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED,
		 FD_FILE, 0) != a + 11 * PAGE)
		return 5;
	munmap(a + 12 * PAGE, PAGE);
	if (mmap(a + 13 * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, FD_FB, 0)
	    != a + 13 * PAGE)
		munmap(a + 13 * PAGE, PAGE);	/* (no framebuffer: a hole) */
	munmap(a + 14 * PAGE, PAGE);

	/* the page that never ends a path, the argv that never ends */
	char *p = (char *)PATHPAGE;
	if (mmap(p, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
	    != p)
		return 6;
	memset(p, 'a', PAGE);
	u64 *v = (u64 *)PATHPAGE2;
	if (mmap(v, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
	    != v)
		return 7;
	v[PAGE / 8 - 2] = (u64)"echo";
	v[PAGE / 8 - 1] = (u64)"fz";

	memset(longpath, 'a', sizeof(longpath) - 1);
	for (unsigned i = 0; i < sizeof(longpath) - 1; i += 50)
		longpath[i] = '/';
	memset(longname, 'b', sizeof(longname) - 1);
	return 0;
}

/* Make the calls [from, to), recording each in the shared page first. */
static __attribute__((noreturn)) void child(long from, long to)
{
	struct call c = { 0 };
	static char text[640];
	int r = fixture();
	if (r) {
		sh->fixture_failed = r;
		raw_exit(98);
	}
	c.self = getpid();
	c.brk0 = (u64)syscall1(SYS_brk, 0);
	for (long i = from; i < to; i++) {
		gen_call(npicks ? picks[i] : i, &c);
		sh->cur = i;
		if (verbose) {
			describe(&c, text, sizeof(text));
			logf_raw("# call %ld: %s\n", c.idx, text);
		}
		long ret;
		if (c.nr == 15) {
			u64 st = call_stream(c.idx) ^ 0x5eed, *s = &st;
			ret = do_sigreturn(s);
		} else if (c.nr == 58) {
			ret = fuzz_vfork(c.a[0]);
		} else {
			ret = syscall6((long)c.nr, (long)c.a[0], (long)c.a[1], (long)c.a[2],
				       (long)c.a[3], (long)c.a[4], (long)c.a[5]);
		}
		if (c.nr == 57 && ret == 0)
			raw_exit(0);			/* the grandchild of a fork */
		if (c.nr == 57 && ret > 0)
			c.grandchild = (pid_t)ret;
		if (c.nr == 9 && (u64)ret < 0x800000000000UL)
			c.last_map = (u64)ret;
		if ((c.nr == 2 || c.nr == 257 || c.nr == 32 || c.nr == 33 || c.nr == 72) &&
		    ret >= 0 && ret < 64)
			c.last_fd = (u64)ret;
		unsigned slot = c.nr < 511 ? (unsigned)c.nr : 511;
		sh->calls[slot]++;
		sh->ok[slot] += ret >= 0;
		if (verbose)
			logf_raw("# call %ld returned %ld (%#lx)\n", c.idx, ret, ret);
	}
	sh->handled += handled;
	sh->finished = 1;
	raw_exit(0);
	__builtin_unreachable();
}

/* ---- the parent: children, checks, the report -------------------------------- */

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static char iobuf[4096];

/* The text of a /proc file (static buffer), or NULL. */
static const char *read_proc(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	long n = read(fd, iobuf, sizeof(iobuf) - 1);
	close(fd);
	if (n < 0)
		return NULL;
	iobuf[n] = 0;
	return iobuf;
}

static long mem_free_kb(void)
{
	const char *t = read_proc("/proc/meminfo");
	const char *p = t ? strstr(t, "MemFree:") : NULL;
	return p ? strtol(p + 8, NULL, 10) : -1;
}

static int mm_audit_ok(void)
{
	const char *t = read_proc("/proc/mm_audit");
	if (t && !strncmp(t, "ok", 2))
		return 1;
	diag("mm_audit: %s", t ? t : "(cannot read /proc/mm_audit)");
	return 0;
}

/* rm -rf of path's contents (and path itself when rm_self); 0, or -1 if
 * something stayed. */
static int remove_tree(const char *path, int rm_self, int depth)
{
	char buf[512], sub[256];
	int fd = open(path, O_RDONLY | O_DIRECTORY), bad = 0, removed;
	long n;
	if (fd < 0)
		return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	do {			/* entries go away under us: read it again until none did */
		removed = 0;
		lseek(fd, 0, SEEK_SET);
		while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
			for (long off = 0; off < n;) {
				struct dirent64 *d = (struct dirent64 *)(buf + off);
				off += d->d_reclen;
				if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
					continue;
				if (strlen(path) + strlen(d->d_name) + 2 > sizeof(sub) || depth > 32) {
					bad = -1;
					continue;
				}
				snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
				if (unlink(sub) == 0 || remove_tree(sub, 1, depth + 1) == 0)
					removed++;
				else
					bad = -1;
			}
		}
	} while (removed && !bad);
	close(fd);
	if (rm_self && rmdir(path) < 0)
		bad = -1;
	return bad;
}

/* /tmp/fz as every child starts it: f (a page of pattern) and d. */
static int prepare_scratch(void)
{
	static char page[PAGE];
	for (unsigned i = 0; i < PAGE; i++)
		page[i] = (char)('A' + i % 26);
	mkdir("/tmp", 0777);
	if (remove_tree(SCRATCH, 1, 0) < 0)
		diag("could not empty %s", SCRATCH);
	int fd;
	if (mkdir(SCRATCH, 0777) < 0 || mkdir(SCRATCH "/d", 0777) < 0 ||
	    (fd = open(SCRATCH "/f", O_RDWR | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	int ok = write(fd, page, PAGE) == (long)PAGE;
	close(fd);
	return ok ? 0 : -1;
}

/* Kill whatever is left of the children (as init, kill(-1) reaches only
 * them) and reap everything; 0, or -1 if something would not go. */
static int reap_all(void)
{
	long start = now_ms();
	int status;
	kill(-1, SIGKILL);
	for (;;) {
		pid_t p = waitpid(-1, &status, WNOHANG);
		if (p < 0 && errno == ECHILD)
			return 0;
		if (p == 0) {
			if (now_ms() - start > REAP_MS)
				return -1;
			kill(-1, SIGKILL);
			sched_yield();
		}
	}
}

struct stats {
	unsigned long children, died, stalled, exec_ended, sigs[65];
};
static struct stats st;
static int failures_in_batch;
static char why[512];

/* Wait for child pid, which makes calls [from, to); nudge or kill it when
 * it stalls.  Its wait status, or -1 if it could not be ended. */
static int wait_child(pid_t pid)
{
	long last = sh->cur, since = now_ms();
	int status, nudged = 0, killed = 0;
	for (;;) {
		pid_t p = waitpid(pid, &status, WNOHANG);
		if (p == pid)
			return killed ? (status | 0x10000) : status;
		if (p < 0)
			return -1;
		if (sh->cur != last) {
			last = sh->cur;
			since = now_ms();
			nudged = 0;
		}
		long idle = now_ms() - since;
		if (idle > STALL_CONT_MS && !nudged) {
			kill(-1, SIGCONT);	/* a stop signal the child (or its child) sent */
			nudged = 1;
		}
		if (idle > STALL_KILL_MS && !killed) {
			kill(pid, SIGKILL);
			killed = 1;
			since = now_ms();
		} else if (killed && idle > REAP_MS) {
			return -1;
		}
		sched_yield();
	}
}

/* Run calls [from, to) in children until all are made: a child that dies
 * at call i is followed by one that starts at i + 1.  0, or -1 when the
 * kernel failed us (recorded in why). */
static int run_calls(long from, long to)
{
	long i = from;
	while (i < to) {
		if (prepare_scratch() < 0) {
			snprintf(why, sizeof(why), "cannot set up %s before call %ld (errno %d)",
				 SCRATCH, i, errno);
			return -1;
		}
		sh->cur = i;
		sh->finished = 0;
		sh->fixture_failed = 0;
		tap_flush();
		pid_t pid = fork();
		if (pid < 0) {
			snprintf(why, sizeof(why), "fork failed before call %ld: errno %d", i, errno);
			return -1;
		}
		if (pid == 0)
			child(i, to);
		st.children++;
		int status = wait_child(pid);
		long at = sh->cur;
		if (at < i || at >= to) {	/* the child overwrote our page: go on after i */
			diag("calls from %ld: the child's record of its progress is lost (%ld)", i, at);
			at = i;
		}
		if (status == -1) {
			snprintf(why, sizeof(why), "call %ld: its process cannot be killed or reaped",
				 at);
			return -1;
		}
		int code = status & 0xffff;
		if (WIFEXITED(code) && WEXITSTATUS(code) == 98 && sh->fixture_failed) {
			snprintf(why, sizeof(why), "a child could not set up its fixture (step %ld)",
				 sh->fixture_failed);
			return -1;
		}
		if (reap_all() < 0) {
			snprintf(why, sizeof(why), "after call %ld: a grandchild cannot be reaped", at);
			return -1;
		}
		if (status & 0x10000) {
			st.stalled++;
			struct call c = { 0 };
			gen_call(at, &c);
			static char text[640];
			describe(&c, text, sizeof(text));
			diag("call %ld stalled %d s, killed: %s", at, STALL_KILL_MS / 1000, text);
		}
		if (sh->finished && at == to - 1 && WIFEXITED(code) && WEXITSTATUS(code) == 0)
			return 0;
		if (WIFSIGNALED(code)) {
			st.died++;
			st.sigs[WTERMSIG(code) & 63]++;
			if (verbose)
				diag("call %ld: the child died of signal %d", at, WTERMSIG(code));
		} else {
			st.exec_ended++;	/* exec'd /bin/echo, or our handler gave up */
		}
		i = at + 1;
	}
	return 0;
}

/* The kernel still works: fork, exit, wait; /dev/null; /proc/meminfo. */
static int alive(void)
{
	int status;
	tap_flush();
	pid_t p = fork();
	if (p == 0) {
		int fd = open("/dev/null", O_WRONLY);
		_exit(fd >= 0 && write(fd, "x", 1) == 1 ? 42 : 1);
	}
	if (p < 0) {
		snprintf(why, sizeof(why), "fork: errno %d", errno);
		return 0;
	}
	if (waitpid(p, &status, 0) != p || !WIFEXITED(status) || WEXITSTATUS(status) != 42) {
		snprintf(why, sizeof(why), "a forked child did not exit 42 (status %#x)", status);
		return 0;
	}
	if (mem_free_kb() < 0) {
		snprintf(why, sizeof(why), "cannot read /proc/meminfo");
		return 0;
	}
	return 1;
}

/* Touch 64 KiB of stack below main's frame, where every function main
 * calls will run: a first touch there later (remove_tree going deeper)
 * would take a frame and look like a leak. */
static __attribute__((noinline)) void touch_stack(void)
{
	volatile char stack[65536];
	memset((char *)stack, 0, sizeof(stack));
	__asm__ volatile("" : : "r"(stack) : "memory");
}

static void usage(void)
{
	printf("usage: fuzz [--seed N] [--calls M] [--from I] [--only I] [--batch B] "
	       "[--pick I,J,...] [-v]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	require_faultline(argv[0]);
	long calls_n = DEFAULT_CALLS, from = 0, batch = DEFAULT_BATCH, only = -1;
	seed = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-v"))
			verbose = 1;
		else if (i + 1 >= argc)
			usage();
		else if (!strcmp(a, "--seed"))
			seed = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--calls"))
			calls_n = strtol(argv[++i], NULL, 0);
		else if (!strcmp(a, "--from"))
			from = strtol(argv[++i], NULL, 0);
		else if (!strcmp(a, "--only"))
			only = strtol(argv[++i], NULL, 0);
		else if (!strcmp(a, "--batch"))
			batch = strtol(argv[++i], NULL, 0);
		else if (!strcmp(a, "--pick"))
			for (char *p = argv[++i]; *p && npicks < 256; p += *p == ',')
				picks[npicks++] = strtol(p, &p, 0);
		else
			usage();
	}
	if (getpid() != 1) {
		fprintf(stderr, "%s: runs only as init (make fuzz, or init=/fuzz/fuzz), where "
			"kill(-1) reaches no process but its own\n", argv[0]);
		return HOSTILE_REFUSED;
	}
	if (only >= 0) {
		from = only;
		calls_n = 1;
		verbose = 1;
	}
	if (npicks) {			/* "calls" 0..npicks-1 are the picked ones */
		from = 0;
		calls_n = batch = npicks;
	}
	if (calls_n < 1 || batch < 1 || from < 0)
		usage();
	dup2(1, LOGFD);
	sh = mmap((void *)SHARED_AT, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (sh == MAP_FAILED)
		bail_out("mmap of the shared page: errno %d", errno);
	memset(sh, 0, sizeof(*sh));

	long nbatches = (calls_n + batch - 1) / batch;
	printf("# fuzz: seed %lu, calls %ld..%ld, %ld a batch, %d system calls in the table\n",
	       seed, from, from + calls_n - 1, batch, NCALLS);
	plan((int)nbatches + 2);

	/* touch what we use before measuring (see runtests): the buffers, the stack */
	touch_stack();
	memset(iobuf, 0, sizeof(iobuf));
	prepare_scratch();
	mem_free_kb();
	long start_kb = mem_free_kb(), t0 = now_ms();

	for (long b = 0; b < nbatches; b++) {
		long lo = from + b * batch, hi = lo + batch;
		if (hi > from + calls_n)
			hi = from + calls_n;
		prepare_scratch();
		long before = mem_free_kb();
		why[0] = 0;
		int ok_run = run_calls(lo, hi) == 0;
		int ok_reap = reap_all() == 0;
		prepare_scratch();
		int ok_alive = ok_run && ok_reap && alive();
		long after = mem_free_kb();
		int ok_audit = mm_audit_ok();
		int ok_mem = before == after;
		if (!ok_mem)
			diag("free memory %ld kB before calls %ld..%ld, %ld kB after: %ld kB leaked",
			     before, lo, hi - 1, after, before - after);
		if (!ok_alive)
			diag("the kernel failed us: %s%s", why, ok_reap ? "" : " (children not reaped)");
		if (!(ok_alive && ok_mem && ok_audit))
			diag("seed %lu, calls %ld..%ld (replay: make fuzz SEED=%lu CALLS=%ld "
			     "FUZZ_ARGS='--from %ld -v'; one call alone: FUZZ_ARGS='--only N')",
			     seed, lo, hi - 1, seed, hi - lo, lo);
		ok(ok_alive && ok_mem && ok_audit, "seed %lu calls %ld..%ld: kernel alive, "
		   "free memory back, page counts audited", seed, lo, hi - 1);
		failures_in_batch += !(ok_alive && ok_mem && ok_audit);
		if (!ok_alive)
			break;		/* the rest would only repeat it */
	}

	/* The kernel names unknown calls rate-limited (10 lines per 5 s) and
	 * says how many it left out at its first line after the 5 s, which a
	 * short run never reaches: wait the interval out, then one call of a
	 * number Linux does not have, so the count is always printed (the
	 * seed-1 boot of make test looks for it). */
	while (now_ms() - t0 < 6000)
		sched_yield();
	syscall0(1000);

	long secs = (now_ms() - t0) / 1000;
	unsigned long total = 0, okc = 0, distinct = 0;
	for (int i = 0; i < 512; i++) {
		total += sh->calls[i];
		okc += sh->ok[i];
		distinct += sh->calls[i] != 0;
	}
	diag("%lu calls (%lu succeeded) of %lu numbers in %ld s; %lu children: %lu killed by "
	     "signals, %lu ended early (exec, handler), %lu stalled",
	     total, okc, distinct, secs, st.children, st.died, st.exec_ended, st.stalled);
	char line[400];
	int n = 0;
	for (int s = 1; s < 65; s++)
		if (st.sigs[s] && n < (int)sizeof(line) - 40)
			n += snprintf(line + n, sizeof(line) - n, " %s %lu", strsignal(s), st.sigs[s]);
	if (n)
		diag("children killed by:%s", line);
	/* succeeded/made per call, a few to a line */
	for (int i = 0; i < NCALLS; i += 8) {
		n = 0;
		for (int j = i; j < i + 8 && j < NCALLS; j++)
			n += snprintf(line + n, sizeof(line) - n, " %s %lu/%lu", calls[j].name,
				      sh->ok[calls[j].nr], sh->calls[calls[j].nr]);
		diag("succeeded/made:%s", line);
	}

	reap_all();
	prepare_scratch();
	remove_tree(SCRATCH, 1, 0);
	prepare_scratch();
	ok(mm_audit_ok(), "seed %lu: page counts audited at the end", seed);
	long end_kb = mem_free_kb();
	ok(end_kb == start_kb, "seed %lu: free memory back to the start (%ld kB, %ld kB)", seed,
	   start_kb, end_kb);
	printf("# fuzz: free frames %ld before the tests, %ld after\n", start_kb / 4, end_kb / 4);
	return done_testing();
}
