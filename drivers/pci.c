/* drivers/pci.c — PCI configuration space and the bus scan.
 *
 * Configuration space is reached through the two I/O ports of
 * "configuration mechanism #1" (Linux's arch/x86/pci/direct.c): an address
 * written to 0xCF8 picks bus, device (slot), function and register, and
 * 0xCFC then reads or writes that register's dword:
 *
 *	 31     30..24    23..16  15..11  10..8     7..2     1..0
 *	enable  reserved   bus     slot    func   register    00
 *
 * The scan (pci_init, once at boot) starts at bus 0 and follows every
 * PCI-to-PCI bridge to the bus behind it, as Linux's pci_scan_child_bus,
 * instead of probing all 256 buses: on QEMU's pc machine everything is on
 * bus 0, and a blind scan of 256 buses x 32 slots is 8192 port reads in
 * every boot (make bench's boot row counts them).  A function that reads
 * vendor 0xffff is not there.  For each device found it notes the ids, the
 * class, the interrupt line the firmware (SeaBIOS) routed INTx to, and the
 * BARs with their sizes.  Nothing is printed for it: the driver that
 * binds a device prints one line (its probe), the others stay quiet. */
#include "drivers/pci.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "kernel/string.h"

#define PCI_CONF1_ADDR_PORT	0xcf8
#define PCI_CONF1_DATA_PORT	0xcfc
#define PCI_CONF1_ADDRESS(bus, devfn, reg) \
	(0x80000000u | ((u32)(bus) << 16) | ((u32)(devfn) << 8) | ((reg) & 0xfc))

#define MAX_PCI_DEVICES		32	/* QEMU's pc machine has about six */
#define MAX_PCI_DEPTH		8	/* bridges behind bridges: a loop stops here */

static struct pci_dev pci_devices[MAX_PCI_DEVICES];
static int nr_pci_devices;

/* ---- configuration space: mechanism #1 ---- */

/* The dword holding register `where` of (bus, devfn): the narrower reads
 * take their bytes out of it, which is what the data port gives anyway. */
static u32 pci_conf1_read(u8 bus, u8 devfn, int where)
{
	outl(PCI_CONF1_ADDR_PORT, PCI_CONF1_ADDRESS(bus, devfn, where));
	return inl(PCI_CONF1_DATA_PORT);
}

static void pci_conf1_write(u8 bus, u8 devfn, int where, u32 val)
{
	outl(PCI_CONF1_ADDR_PORT, PCI_CONF1_ADDRESS(bus, devfn, where));
	outl(PCI_CONF1_DATA_PORT, val);
}

u32 pci_read_config_dword(const struct pci_dev *dev, int where)
{
	return pci_conf1_read(dev->bus, dev->devfn, where);
}

u16 pci_read_config_word(const struct pci_dev *dev, int where)
{
	return (u16)(pci_read_config_dword(dev, where) >> ((where & 2) * 8));
}

u8 pci_read_config_byte(const struct pci_dev *dev, int where)
{
	return (u8)(pci_read_config_dword(dev, where) >> ((where & 3) * 8));
}

void pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	pci_conf1_write(dev->bus, dev->devfn, where, val);
}

/* A 16-bit write through the data port's upper or lower half (a dword
 * read-modify-write could write back status bits that clear on a 1). */
void pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	outl(PCI_CONF1_ADDR_PORT, PCI_CONF1_ADDRESS(dev->bus, dev->devfn, where));
	outw((u16)(PCI_CONF1_DATA_PORT + (where & 2)), val);
}

/* ---- the BARs ---- */

/* The size a BAR decodes: write all ones, read back which address bits
 * stick (the size's low bits read as zero), restore it; the lowest bit set
 * in the mask is the size (Linux's __pci_read_base and pci_size).  The
 * caller has turned decoding off, so the all-ones address never decodes. */
static u32 pci_bar_mask(const struct pci_dev *dev, int where)
{
	u32 old = pci_read_config_dword(dev, where);
	pci_write_config_dword(dev, where, ~0u);
	u32 mask = pci_read_config_dword(dev, where);
	pci_write_config_dword(dev, where, old);
	return mask;
}

/* BAR bar's address, size and kind; the number of BAR registers it took
 * (2 for a 64-bit memory BAR). */
static int pci_read_base(struct pci_dev *dev, int bar)
{
	int where = PCI_BASE_ADDRESS_0 + 4 * bar;
	struct resource *res = &dev->resource[bar];
	u32 l = pci_read_config_dword(dev, where), sz = pci_bar_mask(dev, where);
	u64 addr, mask;

	if (sz == 0 || sz == ~0u)
		return 1;			/* not implemented */
	if (l & PCI_BASE_ADDRESS_SPACE_IO) {
		res->flags = IORESOURCE_IO;
		addr = l & PCI_BASE_ADDRESS_IO_MASK;
		mask = (sz & PCI_BASE_ADDRESS_IO_MASK) & 0xffff;
	} else {
		res->flags = IORESOURCE_MEM | (l & PCI_BASE_ADDRESS_MEM_PREFETCH ? IORESOURCE_PREFETCH : 0);
		addr = l & PCI_BASE_ADDRESS_MEM_MASK;
		mask = sz & PCI_BASE_ADDRESS_MEM_MASK;
		if ((l & PCI_BASE_ADDRESS_MEM_TYPE_64) && bar + 1 < PCI_STD_NUM_BARS) {
			res->flags |= IORESOURCE_MEM_64;
			addr |= (u64)pci_read_config_dword(dev, where + 4) << 32;
			mask |= (u64)pci_bar_mask(dev, where + 4) << 32;
			res->start = addr;
			res->len = mask & -mask;
			return 2;
		}
	}
	res->start = addr;
	res->len = mask & -mask;
	return 1;
}

/* Every BAR of a function (two on a bridge), with decoding off meanwhile. */
static void pci_read_bases(struct pci_dev *dev, int nr_bars)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);
	pci_write_config_word(dev, PCI_COMMAND, cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int bar = 0; bar < nr_bars; )
		bar += pci_read_base(dev, bar);
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/* ---- the scan ---- */

static void pci_scan_bus(u8 bus, int depth);

/* One function that answered: recorded, and if it is a bridge, the bus
 * behind it scanned (Linux's pci_scan_device and pci_scan_bridge).  Its
 * header type byte, whose top bit says whether the slot has functions 1..7. */
static u8 pci_scan_device(u8 bus, u8 devfn, u32 id, int depth)
{
	struct pci_dev probe = { .bus = bus, .devfn = devfn };
	u8 hdr = pci_read_config_byte(&probe, PCI_HEADER_TYPE);
	if (nr_pci_devices == MAX_PCI_DEVICES)
		return hdr;
	struct pci_dev *dev = &pci_devices[nr_pci_devices++];
	*dev = (struct pci_dev){ .bus = bus, .devfn = devfn, .vendor = (u16)id,
				 .device = (u16)(id >> 16), .hdr_type = hdr & PCI_HEADER_TYPE_MASK };
	dev->class = pci_read_config_dword(dev, PCI_CLASS_REVISION) >> 8;
	dev->irq = pci_read_config_byte(dev, PCI_INTERRUPT_LINE);
	if (dev->hdr_type == PCI_HEADER_TYPE_NORMAL)
		pci_read_bases(dev, PCI_STD_NUM_BARS);
	else if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE && (dev->class >> 8) == PCI_CLASS_BRIDGE_PCI) {
		pci_read_bases(dev, 2);
		u8 secondary = pci_read_config_byte(dev, PCI_SECONDARY_BUS);
		if (secondary > bus && depth < MAX_PCI_DEPTH)	/* 0: not configured */
			pci_scan_bus(secondary, depth + 1);
	}
	return hdr;
}

/* 32 slots; functions 1..7 only where function 0 says it has them. */
static void pci_scan_bus(u8 bus, int depth)
{
	for (u8 slot = 0; slot < 32; slot++) {
		for (u8 fn = 0; fn < 8; fn++) {
			u8 devfn = PCI_DEVFN(slot, fn);
			u32 id = pci_conf1_read(bus, devfn, PCI_VENDOR_ID);
			if ((u16)id == 0xffff) {
				if (fn == 0)
					break;
				continue;
			}
			u8 hdr = pci_scan_device(bus, devfn, id, depth);
			if (fn == 0 && !(hdr & PCI_HEADER_MULTIFUNC))
				break;
		}
	}
}

void pci_init(void)
{
	pci_scan_bus(0, 0);
}

/* ---- finding devices, binding drivers ---- */

struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from)
{
	for (int i = from ? (int)(from - pci_devices) + 1 : 0; i < nr_pci_devices; i++)
		if (pci_devices[i].vendor == vendor && pci_devices[i].device == device)
			return &pci_devices[i];
	return NULL;
}

int pci_register_driver(const struct pci_driver *drv)
{
	int bound = 0;
	for (const struct pci_device_id *id = drv->id_table; id->vendor; id++) {
		for (struct pci_dev *dev = NULL; (dev = pci_get_device(id->vendor, id->device, dev)); ) {
			if (dev->driver || drv->probe(dev, id))
				continue;
			dev->driver = drv;
			bound++;
		}
	}
	return bound;
}

int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND), want = 0;
	for (int bar = 0; bar < PCI_STD_NUM_BARS; bar++) {
		if (dev->resource[bar].flags & IORESOURCE_IO)
			want |= PCI_COMMAND_IO;
		if (dev->resource[bar].flags & IORESOURCE_MEM)
			want |= PCI_COMMAND_MEMORY;
	}
	if ((cmd & want) != want)
		pci_write_config_word(dev, PCI_COMMAND, cmd | want);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);
	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}
