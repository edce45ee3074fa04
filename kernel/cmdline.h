/* kernel/cmdline.h — the kernel command line: key=value options and flags.
 *
 * The line is GRUB's (multiboot2 tag 1) followed by QEMU's fw_cfg file
 * opt/faultline/cmdline when present (how the test runner passes test=...
 * without rebuilding the ISO).  Values may be double-quoted.  Words after
 * a lone "--" are arguments for the first program, not options.
 *
 * Every option the kernel reads is declared once with KPARAM(); the boot
 * names any other option once on the console, so a typo is visible. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include "kernel/types.h"

#define CMDLINE_MAX	1024		/* bytes of command line kept */
#define CMDLINE_OPTS	32		/* options kept */
#define CMDLINE_ARGS	16		/* words after "--" kept */

struct cmdline {
	char buf[CMDLINE_MAX];		/* the words, NUL-separated */
	struct { const char *key, *val; } opt[CMDLINE_OPTS];
	int nopts;
	const char *argv[CMDLINE_ARGS + 1];	/* after "--", NULL-terminated */
	int argc;
	int dropped;			/* options or args that did not fit */
};

struct kparam {
	const char *name;
	const char *help;
};
#define KPARAM(name, help) \
	static const struct kparam __kparam_##name __section(".kparams") __used \
		__aligned(8) = { #name, help }	/* aligned: no padding between entries */

/* Parse s into cl; returns 0, or -E2BIG when something did not fit (kept: what did). */
int cmdline_parse(struct cmdline *cl, const char *s);
/* The value of key: "" for a bare flag, NULL when absent.  The last one wins. */
const char *cmdline_lookup(const struct cmdline *cl, const char *key);

/* The boot's command line (parsed by cmdline_init). */
void cmdline_init(const char *grub_line, const char *extra);
const char *cmdline_get(const char *key);
bool cmdline_flag(const char *key);		/* present, and not =0/=off */
void cmdline_report_unknown(void);
bool cmdline_known(const char *key);		/* declared by some KPARAM()? */
const char *cmdline_raw(void);
extern struct cmdline boot_cmdline;

#endif
