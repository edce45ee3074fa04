/* drivers/keyboard.h — the PS/2 keyboard behind the i8042 controller: the
 * keyboard of the framebuffer's window, typing into the console's tty. */
#ifndef DRIVERS_KEYBOARD_H
#define DRIVERS_KEYBOARD_H

/* Find the controller, turn its keyboard port on, take IRQ 1 (after
 * irq_init); with no controller, or keyboard=0, nothing changes. */
void keyboard_init(void);

#endif
