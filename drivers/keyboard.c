/* drivers/keyboard.c — the PS/2 keyboard: the i8042 controller, scancode
 * set 1, a US keymap, into the console's tty.
 *
 * The framebuffer console's window is a terminal too: what is typed there
 * goes through the same line discipline as what is typed on the serial
 * port, so Enter, Backspace, Ctrl-C and the arrows do what they do there.
 *
 *   key pressed in QEMU's window (or the monitor's sendkey)
 *     → the keyboard sends scancode set 2; the i8042 translates it to set 1
 *       (I8042_CTR_XLATE, which i8042_controller_init sets) and raises IRQ 1
 *     → i8042_interrupt: every byte in the controller's output buffer
 *     → kbd_scancode: the E0/E1 prefixes and bit 7 (a release) make one
 *       key code and up or down (Linux's atkbd does this with set 2)
 *     → kbd_keycode: modifiers and locks change state; any other key
 *       becomes bytes through the keymap, as Linux's console keyboard
 *       (drivers/tty/vt/keyboard.c and its defkeymap) gives them:
 *         letters, digits, symbols    plain, Shift, Caps Lock (letters only)
 *         Ctrl                        ^@ .. ^_, ^? (Linux's ctrl_map)
 *         Alt (either)                ESC before the byte (Linux's Meta in
 *                                     its default VC_META mode)
 *         Enter                       '\r' (ICRNL makes it '\n', as on a serial line)
 *         Backspace                   DEL, 0x7f (VERASE)
 *         arrows                      ESC [ A/B/C/D
 *         Home End Ins Del PgUp PgDn  ESC [ 1~ 4~ 2~ 3~ 5~ 6~
 *         F1..F12 (Shift: F11..F20)   ESC [[A .. ESC [[E, ESC [17~ .. ESC [24~
 *         keypad                      digits with Num Lock (off at boot, as
 *                                     Linux), else the keys above
 *     → tty_insert_flip_string (kernel/tty.c): the same door as the UART's
 *       bytes, so ISIG (Ctrl-C → SIGINT), canonical editing, raw mode and
 *       echo are the line discipline's, once, for both keyboards.
 *
 * The handler runs in the interrupt, with interrupts off.  The kernel itself
 * runs with interrupts off (kernel/irq.c), so the interrupt comes in user
 * mode or in the idle loop, never in the middle of the tty's own code: what
 * it calls is what the timer's tick calls for the UART (tty_tick).
 *
 * The controller is tolerated rather than trusted, as Linux's i8042 on x86:
 * no controller (nothing at the ports reads 0xff: a buffer that never empties)
 * leaves everything as it was; a self-test that does not answer 0x55 is
 * named and the keyboard tried anyway.  The mouse's port is switched off so
 * that its bytes cannot sit in the one output buffer in front of the keys.
 * keyboard=0 on the command line leaves the controller alone. */
#include "drivers/keyboard.h"
#include "kernel/x86.h"
#include "kernel/irq.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/cmdline.h"
#include "kernel/fs/fs.h"

/* ---- the i8042 controller ---- */

#define I8042_DATA_REG		0x60	/* bytes from the keyboard; a command's parameter */
#define I8042_STATUS_REG	0x64	/* read: status */
#define I8042_COMMAND_REG	0x64	/* write: a command to the controller */

#define I8042_STR_OBF		0x01	/* output buffer full: a byte for us at 0x60 */
#define I8042_STR_IBF		0x02	/* input buffer full: our last byte not taken yet */
#define I8042_STR_AUXDATA	0x20	/* the byte is the mouse port's */

/* The controller's configuration byte (Linux's "CTR") */
#define I8042_CTR_KBDINT	0x01	/* IRQ 1 when a keyboard byte is there */
#define I8042_CTR_AUXINT	0x02	/* IRQ 12 for a mouse byte */
#define I8042_CTR_KBDDIS	0x10	/* keyboard port off */
#define I8042_CTR_AUXDIS	0x20	/* mouse port off */
#define I8042_CTR_XLATE		0x40	/* translate the keyboard's set 2 into set 1 */

#define I8042_CMD_CTL_RCTR	0x20	/* read the CTR */
#define I8042_CMD_CTL_WCTR	0x60	/* write the CTR (one parameter) */
#define I8042_CMD_AUX_DISABLE	0xa7
#define I8042_CMD_CTL_TEST	0xaa	/* self-test: answers I8042_RET_CTL_TEST */
#define I8042_CMD_KBD_DISABLE	0xad
#define I8042_CMD_KBD_ENABLE	0xae
#define I8042_RET_CTL_TEST	0x55

#define I8042_BUFFER_SIZE	16	/* bytes a flush reads at most, as Linux */
#define I8042_CTL_TIMEOUT	100000	/* status reads before giving up (~1 us each
					   on hardware; QEMU answers at once) */
#define KBD_IRQ			1

static int i8042_wait_write(void)
{
	for (int i = 0; i < I8042_CTL_TIMEOUT; i++)
		if (!(inb(I8042_STATUS_REG) & I8042_STR_IBF))
			return 0;
	return -EIO;
}

static int i8042_wait_read(void)
{
	for (int i = 0; i < I8042_CTL_TIMEOUT; i++)
		if (inb(I8042_STATUS_REG) & I8042_STR_OBF)
			return 0;
	return -EIO;
}

/* One controller command, with a parameter (param >= 0) and a result
 * (result != NULL) when it has them: 0, or -EIO when the controller does
 * not take or answer it in time. */
static int i8042_command(u8 cmd, int param, u8 *result)
{
	if (i8042_wait_write())
		return -EIO;
	outb(I8042_COMMAND_REG, cmd);
	if (param >= 0) {
		if (i8042_wait_write())
			return -EIO;
		outb(I8042_DATA_REG, (u8)param);
	}
	if (result) {
		if (i8042_wait_read())
			return -EIO;
		*result = inb(I8042_DATA_REG);
	}
	return 0;
}

/* Throw away what waits in the output buffer (keys typed at the boot
 * loader, a mouse's bytes).  A buffer still full after that many bytes is
 * no controller: an empty bus reads 0xff, every status bit set. */
static int i8042_flush(void)
{
	for (int i = 0; i < I8042_BUFFER_SIZE; i++) {
		if (!(inb(I8042_STATUS_REG) & I8042_STR_OBF))
			return 0;
		inb(I8042_DATA_REG);
	}
	return inb(I8042_STATUS_REG) & I8042_STR_OBF ? -ENODEV : 0;
}

/* Both ports off, self-test, then the CTR as this driver wants it:
 * keyboard on with its interrupt and set-1 translation, mouse off. */
static int i8042_controller_init(void)
{
	u8 ctr, answer = 0;

	if (i8042_flush())
		return -ENODEV;
	if (i8042_command(I8042_CMD_KBD_DISABLE, -1, NULL) ||
	    i8042_command(I8042_CMD_AUX_DISABLE, -1, NULL))
		return -ENODEV;
	i8042_flush();
	if (i8042_command(I8042_CMD_CTL_RCTR, -1, &ctr))
		return -ENODEV;
	for (int i = 0; i < 5 && answer != I8042_RET_CTL_TEST; i++)	/* fragile ones: 5 tries */
		if (i8042_command(I8042_CMD_CTL_TEST, -1, &answer))
			return -ENODEV;
	if (answer != I8042_RET_CTL_TEST)
		printk("i8042: self-test answered 0x%02x, not 0x%02x; trying the keyboard anyway\n",
		       answer, I8042_RET_CTL_TEST);
	/* the self-test may have reset the CTR (it does on some machines):
	 * written whole, from what was read before it */
	ctr |= I8042_CTR_KBDINT | I8042_CTR_XLATE | I8042_CTR_AUXDIS;
	ctr &= (u8)~(I8042_CTR_KBDDIS | I8042_CTR_AUXINT);
	if (i8042_command(I8042_CMD_CTL_WCTR, ctr, NULL) ||
	    i8042_command(I8042_CMD_KBD_ENABLE, -1, NULL))
		return -EIO;
	i8042_flush();
	return 0;
}

/* ---- scancodes and the keymap ---- */

/* Set-1 make codes (a release is the same with bit 7 set); a grey key
 * sends E0 first, and this driver names it SC_E0(code). */
#define SC_E0(c)	(0x80 | (c))
#define SC_LCTRL	0x1d
#define SC_LSHIFT	0x2a
#define SC_RSHIFT	0x36
#define SC_KPASTERISK	0x37
#define SC_LALT		0x38
#define SC_CAPSLOCK	0x3a
#define SC_F1		0x3b		/* .. F10 at 0x44 */
#define SC_F10		0x44
#define SC_NUMLOCK	0x45
#define SC_KP7		0x47		/* the keypad, 0x47 .. 0x53 */
#define SC_KPDOT	0x53
#define SC_F11		0x57
#define SC_F12		0x58
#define SC_RCTRL	SC_E0(0x1d)
#define SC_RALT		SC_E0(0x38)
#define SC_KPENTER	SC_E0(0x1c)
#define SC_KPSLASH	SC_E0(0x35)

/* What the keys 0x00..0x39 type, plain and with Shift, in the order of the
 * rows of a US keyboard (Linux's plain_map and shift_map: its key codes
 * are the set-1 scancodes here).  0: not a typing key (a modifier). */
static const char plain_map[] =
	"\0\033" "1234567890-=\177\t"		/* 0x00: -, Esc, 1 .. = Backspace Tab */
	"qwertyuiop[]\r\0"			/* 0x10: q .. ] Enter, Ctrl */
	"asdfghjkl;'`\0\\"			/* 0x1e: a .. ` Shift \ */
	"zxcvbnm,./\0\0\0 ";			/* 0x2c: z .. / Shift, KP*, Alt, Space */
static const char shift_map[] =
	"\0\033" "!@#$%^&*()_+\177\t"
	"QWERTYUIOP{}\r\0"
	"ASDFGHJKL:\"~\0|"
	"ZXCVBNM<>?\0\0\0 ";

_Static_assert(sizeof(plain_map) == 0x3a + 1 && sizeof(shift_map) == 0x3a + 1,
	       "the keymap covers 0x00..0x39");

/* Linux's func_buf: F1..F20 (Shift+F1 is F11), then the keys of the
 * editing block */
static const char *const func_table[20] = {
	"\033[[A", "\033[[B", "\033[[C", "\033[[D", "\033[[E",
	"\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~",
	"\033[23~", "\033[24~", "\033[25~", "\033[26~", "\033[28~",
	"\033[29~", "\033[31~", "\033[32~", "\033[33~", "\033[34~",
};

/* The keypad 0x47..0x53 with Num Lock on, and what those keys send with it
 * off, which the grey keys (the same codes after E0) always send: Home is
 * Linux's Find, End its Select, Delete its Remove; NULL: the same character
 * either way. */
static const char pad_chars[] = "789-456+1230.";
static const char *const pad_keys[] = {
	"\033[1~", "\033[A", "\033[5~", NULL,		/* 7 Home  8 Up    9 PgUp  - */
	"\033[D", "\033[G", "\033[C", NULL,		/* 4 Left  5       6 Right + */
	"\033[4~", "\033[B", "\033[6~",			/* 1 End   2 Down  3 PgDn    */
	"\033[2~", "\033[3~",				/* 0 Ins   . Del             */
};

static struct {
	u64 down[4];			/* keys held, by code (SC_E0 ones: 0x80..) */
	bool capslock, numlock;		/* Linux's VC_CAPSLOCK, VC_NUMLOCK: off at boot */
	bool e0;			/* the last byte was the E0 prefix */
	int e1_left;			/* bytes of an E1 sequence (Pause) still to skip */
	char buf[128];			/* what this interrupt's keys typed, for the tty */
	size_t n;
} kbd;

static bool key_down(unsigned int code)
{
	return kbd.down[code / 64] & BIT(code % 64);
}

static bool shift_down(void) { return key_down(SC_LSHIFT) || key_down(SC_RSHIFT); }
static bool ctrl_down(void)  { return key_down(SC_LCTRL) || key_down(SC_RCTRL); }
static bool alt_down(void)   { return key_down(SC_LALT) || key_down(SC_RALT); }

static void put_queue(char c)
{
	if (kbd.n < sizeof(kbd.buf))
		kbd.buf[kbd.n++] = c;
}

static void puts_queue(const char *s)
{
	while (*s)
		put_queue(*s++);
}

/* Ctrl with the key whose plain character is c, as Linux's ctrl_map (with
 * or without Shift): a letter is its control character, a few digits and
 * symbols the rest of ^@ .. ^_ and ^?; -1: nothing (Ctrl+1, Ctrl+Tab, ...). */
static int ctrl_char(char c)
{
	if (c >= 'a' && c <= 'z')
		return c & 0x1f;
	switch (c) {
	case '2': case ' ': case '`':	return 0;	/* ^@ */
	case '3': case '[':		return 0x1b;	/* ^[, ESC */
	case '4': case '\\':		return 0x1c;	/* ^\ */
	case '5': case ']':		return 0x1d;	/* ^] */
	case '6':			return 0x1e;	/* ^^ */
	case '7': case '-':		return 0x1f;	/* ^_ */
	case '8': case '/':		return 0x7f;	/* ^? */
	case '\'':			return 0x07;	/* ^G */
	case '\177':			return 0x08;	/* Ctrl+Backspace: ^H */
	case '\r':			return '\r';
	default:			return -1;
	}
}

/* A typing key (Linux's k_self, with k_meta for Alt).  Shift, inverted for
 * letters by Caps Lock; Ctrl; then Alt puts ESC first.  Alt with Shift
 * sends ESC and the shifted character, as terminal emulators do, where
 * Linux's default keymap has no map for the pair and sends nothing. */
static void k_self(unsigned int code)
{
	char plain = plain_map[code];
	bool shift = shift_down();
	int c;

	if (plain >= 'a' && plain <= 'z' && kbd.capslock)
		shift = !shift;
	c = shift ? shift_map[code] : plain;
	if (ctrl_down())
		c = ctrl_char(plain);
	if (c < 0)
		return;
	if (alt_down())
		put_queue('\033');
	put_queue((char)c);
}

/* The function keys: F1..F10 at 0x3b..0x44, F11, F12; Shift adds ten. */
static void k_fn(unsigned int code)
{
	int n = code == SC_F11 ? 10 : code == SC_F12 ? 11 : (int)(code - SC_F1);
	if (shift_down() && code <= SC_F10)
		n += 10;
	puts_queue(func_table[n]);
}

/* The keypad (Linux's k_pad), and the grey editing keys that share its
 * codes after E0 (Linux's k_cur and k_fn): cursor and editing sequences,
 * or, for the keypad with Num Lock on, the characters printed on it. */
static void k_pad(unsigned int code)
{
	unsigned int i = (code & 0x7f) - SC_KP7;
	if (!(code & 0x80) && (kbd.numlock || !pad_keys[i]))
		put_queue(pad_chars[i]);
	else if (pad_keys[i])
		puts_queue(pad_keys[i]);
}

/* A lock key toggles when it goes down, not while it repeats. */
static void k_lock(unsigned int code, bool down, bool repeat)
{
	if (!down || repeat)
		return;
	if (code == SC_CAPSLOCK)
		kbd.capslock = !kbd.capslock;
	else
		kbd.numlock = !kbd.numlock;
}

/* One key went down (or repeats: the keyboard sends its make code again
 * while it is held) or up (Linux's kbd_keycode). */
static void kbd_keycode(unsigned int code, bool down)
{
	bool repeat = down && key_down(code);
	if (down)
		kbd.down[code / 64] |= BIT(code % 64);
	else
		kbd.down[code / 64] &= ~BIT(code % 64);

	switch (code) {
	case SC_LSHIFT: case SC_RSHIFT: case SC_LCTRL: case SC_RCTRL: case SC_LALT: case SC_RALT:
		return;				/* held: kbd.down says so */
	case SC_CAPSLOCK: case SC_NUMLOCK:
		k_lock(code, down, repeat);
		return;
	}
	if (!down)
		return;
	if (code < sizeof(plain_map) - 1 && plain_map[code])
		k_self(code);
	else if ((code >= SC_F1 && code <= SC_F10) || code == SC_F11 || code == SC_F12)
		k_fn(code);
	else if ((code & 0x7f) >= SC_KP7 && (code & 0x7f) <= SC_KPDOT)
		k_pad(code);
	else if (code == SC_KPASTERISK || code == SC_KPSLASH)
		put_queue(code == SC_KPSLASH ? '/' : '*');
	else if (code == SC_KPENTER)
		put_queue('\r');
	/* anything else (Scroll Lock, Print Screen, the Windows keys): nothing */
}

/* One byte of scancode set 1: E0 prefixes a grey key; E1 starts Pause's
 * six bytes, which type nothing; E0 2A / E0 36 are the "fake shifts" a
 * keyboard wraps around grey keys, which Linux ignores too. */
static void kbd_scancode(u8 data)
{
	if (kbd.e1_left) {
		kbd.e1_left--;
		return;
	}
	if (data == 0xe0) {
		kbd.e0 = true;
		return;
	}
	if (data == 0xe1) {
		kbd.e1_left = 2;		/* E1 1D 45, then E1 9D C5 */
		return;
	}
	unsigned int code = (data & 0x7f) | (kbd.e0 ? 0x80 : 0);
	kbd.e0 = false;
	if (code == SC_E0(SC_LSHIFT) || code == SC_E0(SC_RSHIFT))
		return;
	kbd_keycode(code, !(data & 0x80));
}

/* IRQ 1: every byte the controller holds, then what they typed, at once,
 * to the tty.  A mouse byte (none come: its port is off) is dropped. */
static void i8042_interrupt(void)
{
	u8 str;
	kbd.n = 0;
	for (int i = 0; i < I8042_BUFFER_SIZE && ((str = inb(I8042_STATUS_REG)) & I8042_STR_OBF); i++) {
		u8 data = inb(I8042_DATA_REG);
		if (!(str & I8042_STR_AUXDATA))
			kbd_scancode(data);
	}
	if (kbd.n)
		tty_insert_flip_string(kbd.buf, kbd.n);
}

KPARAM(keyboard, "0: leave the PS/2 keyboard alone (type on the serial console only)");

void keyboard_init(void)
{
	int err;

	if (cmdline_get("keyboard") && !cmdline_flag("keyboard"))
		return;
	err = i8042_controller_init();
	if (err == -ENODEV) {
		printk("i8042: no controller: no keyboard (the serial console stays)\n");
		return;
	}
	if (err) {
		printk("i8042: the controller did not take its configuration: no keyboard\n");
		return;
	}
	err = request_irq(KBD_IRQ, i8042_interrupt, "i8042");
	if (err) {
		printk("i8042: IRQ %d: error %d: no keyboard\n", KBD_IRQ, err);
		return;
	}
	printk("i8042: PS/2 keyboard on IRQ %d (scancode set 1, US keymap) types into the console\n",
	       KBD_IRQ);
}
