/* drivers/pci.h — PCI devices: configuration space, the bus scan, drivers.
 *
 * As Linux's <linux/pci.h>, cut down to what a driver of a QEMU device
 * needs: find its device (by vendor and device id), read its BARs and its
 * interrupt line, turn on its decoding and bus mastering.  A driver is a
 * struct pci_driver with a table of ids and a probe; pci_register_driver
 * calls probe for every device found at boot that matches (virtio-blk:
 * drivers/virtio_blk.c; ivshmem, for a DAX file system, is the next). */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include "kernel/types.h"

/* Configuration-space registers (Linux's uapi/linux/pci_regs.h) */
#define PCI_VENDOR_ID		0x00	/* 16 bits; 0xffff: no function here */
#define PCI_DEVICE_ID		0x02	/* 16 bits */
#define PCI_COMMAND		0x04	/* 16 bits */
#define  PCI_COMMAND_IO		0x1	/* respond in I/O space */
#define  PCI_COMMAND_MEMORY	0x2	/* respond in memory space */
#define  PCI_COMMAND_MASTER	0x4	/* may master the bus (DMA) */
#define PCI_CLASS_REVISION	0x08	/* class in the top 24 bits, revision below */
#define PCI_HEADER_TYPE		0x0e	/* 8 bits */
#define  PCI_HEADER_TYPE_MASK	0x7f
#define  PCI_HEADER_TYPE_NORMAL	0
#define  PCI_HEADER_TYPE_BRIDGE	1
#define  PCI_HEADER_MULTIFUNC	0x80	/* functions 1..7 may exist */
#define PCI_BASE_ADDRESS_0	0x10	/* 32 bits each, six of them */
#define  PCI_BASE_ADDRESS_SPACE_IO	0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x04	/* this BAR and the next: one 64-bit address */
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x08
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0x0fUL)
#define  PCI_BASE_ADDRESS_IO_MASK	(~0x03UL)
#define PCI_SUBSYSTEM_ID	0x2e	/* 16 bits; virtio's legacy device type */
#define PCI_INTERRUPT_LINE	0x3c	/* 8 bits: the PIC line the firmware routed INTx to */
#define PCI_SECONDARY_BUS	0x19	/* bridges: the bus behind them */

#define PCI_CLASS_BRIDGE_PCI	0x0604	/* class and subclass of a PCI-to-PCI bridge */
#define PCI_STD_NUM_BARS	6

#define PCI_DEVFN(slot, fn)	((((slot) & 0x1f) << 3) | ((fn) & 0x07))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)

/* resource flags (Linux's IORESOURCE_*) */
#define IORESOURCE_IO		0x100
#define IORESOURCE_MEM		0x200
#define IORESOURCE_PREFETCH	0x2000
#define IORESOURCE_MEM_64	0x100000

struct resource {
	u64 start, len;			/* len 0: the BAR is not implemented */
	unsigned long flags;		/* IORESOURCE_* */
};

struct pci_dev {
	u8 bus, devfn;
	u16 vendor, device;
	u32 class;			/* class, subclass, prog-if: (base << 16) | ... */
	u8 hdr_type;
	unsigned int irq;		/* PCI_INTERRUPT_LINE: a PIC line for request_irq */
	struct resource resource[PCI_STD_NUM_BARS];
	const struct pci_driver *driver;	/* the one bound to it, or NULL */
};

struct pci_device_id {
	u16 vendor, device;		/* a {0, 0} entry ends a table */
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	/* 0: bound (pci_register_driver prints one line); an error: not */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

/* The scan of every bus reachable from bus 0, once at boot (main.c). */
void pci_init(void);
/* Every device found that matches drv's table is probed; how many bound. */
int pci_register_driver(const struct pci_driver *drv);
/* The next device with these ids after from (NULL: the first), or NULL. */
struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from);

u8  pci_read_config_byte(const struct pci_dev *dev, int where);
u16 pci_read_config_word(const struct pci_dev *dev, int where);
u32 pci_read_config_dword(const struct pci_dev *dev, int where);
void pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
void pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/* Decoding on for the BARs the device has (I/O, memory): 0. */
int pci_enable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);	/* it may DMA */

static inline u64 pci_resource_start(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].start;
}
static inline u64 pci_resource_len(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].len;
}
static inline unsigned long pci_resource_flags(const struct pci_dev *dev, int bar)
{
	return dev->resource[bar].flags;
}

#endif
