/* kernel/cmdline.c — split the command line into options; see cmdline.h. */
#include "kernel/cmdline.h"
#include "kernel/string.h"
#include "kernel/printk.h"
#include "kernel/errno.h"

struct cmdline boot_cmdline;
static char raw_line[CMDLINE_MAX];

extern const struct kparam __kparams_start[], __kparams_end[];

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy the next word of *sp into *dp (dropping the quotes of "..."
 * sections).  Returns 1 for a word, 0 at the end of the line, and -1 for
 * a word that does not fit in the buffer: it is skipped, the next may fit. */
static int next_word(const char **sp, char **dp, char *dend)
{
	const char *s = *sp;
	char *d = *dp;
	bool quoted = false, fits = true;

	while (is_space(*s))
		s++;
	if (!*s)
		return 0;
	for (; *s && (quoted || !is_space(*s)); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (d + 1 >= dend)
			fits = false;
		else
			*d++ = *s;
	}
	*sp = s;
	if (!fits)
		return -1;
	*d++ = 0;
	*dp = d;
	return 1;
}

int cmdline_parse(struct cmdline *cl, const char *s)
{
	char *d = cl->buf, *dend = cl->buf + sizeof(cl->buf);
	bool args = false;

	cl->nopts = cl->argc = cl->dropped = 0;
	for (;;) {
		char *word = d;
		int r = next_word(&s, &d, dend);
		if (r == 0)
			break;
		if (r < 0) {		/* too long for what is left of buf */
			cl->dropped++;
			continue;
		}
		if (!args && strcmp(word, "--") == 0) {
			args = true;
		} else if (args) {
			if (cl->argc < CMDLINE_ARGS)
				cl->argv[cl->argc++] = word;
			else
				cl->dropped++;
		} else if (cl->nopts < CMDLINE_OPTS) {
			char *eq = strchr(word, '=');
			if (eq)
				*eq = 0;
			cl->opt[cl->nopts].key = word;
			cl->opt[cl->nopts].val = eq ? eq + 1 : "";
			cl->nopts++;
		} else {
			cl->dropped++;
		}
	}
	cl->argv[cl->argc] = NULL;
	return cl->dropped ? -E2BIG : 0;
}

const char *cmdline_lookup(const struct cmdline *cl, const char *key)
{
	for (int i = cl->nopts - 1; i >= 0; i--)
		if (strcmp(cl->opt[i].key, key) == 0)
			return cl->opt[i].val;
	return NULL;
}

/* Join GRUB's line and the fw_cfg extra into raw_line, then parse it. */
void cmdline_init(const char *grub_line, const char *extra)
{
	size_t n = strlcpy(raw_line, grub_line ? grub_line : "", sizeof(raw_line));
	if (extra && *extra && n + 1 < sizeof(raw_line)) {
		if (n)
			raw_line[n++] = ' ';
		strlcpy(raw_line + n, extra, sizeof(raw_line) - n);
	}
	if (cmdline_parse(&boot_cmdline, raw_line) < 0)
		pr_warn("cmdline: %d option(s) dropped: more than %d options, %d arguments or %d bytes\n",
			boot_cmdline.dropped, CMDLINE_OPTS, CMDLINE_ARGS, CMDLINE_MAX);
}

const char *cmdline_get(const char *key)
{
	return cmdline_lookup(&boot_cmdline, key);
}

bool cmdline_flag(const char *key)
{
	const char *v = cmdline_get(key);
	return v && strcmp(v, "0") != 0 && strcmp(v, "off") != 0;
}

const char *cmdline_raw(void)
{
	return raw_line;
}

bool cmdline_known(const char *key)
{
	for (const struct kparam *p = __kparams_start; p < __kparams_end; p++)
		if (strcmp(p->name, key) == 0)
			return true;
	return false;
}

/* Name each option no KPARAM declares, once (a repeated key is named once). */
void cmdline_report_unknown(void)
{
	const struct cmdline *cl = &boot_cmdline;
	for (int i = 0; i < cl->nopts; i++) {
		if (cmdline_known(cl->opt[i].key))
			continue;
		bool seen = false;
		for (int j = 0; j < i; j++)
			seen |= strcmp(cl->opt[j].key, cl->opt[i].key) == 0;
		if (!seen)
			pr_warn("cmdline: unknown option '%s' ignored\n", cl->opt[i].key);
	}
}
