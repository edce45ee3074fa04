/* drivers/virtio_blk.c — QEMU's virtio-blk-pci disk, as /dev/vda (254:0).
 *
 *   -drive file=disk.img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0
 *
 * The legacy virtio-pci interface (Linux's virtio_pci_legacy.c): QEMU's
 * virtio-blk-pci is transitional by default (device id 0x1001), and its
 * legacy interface is a handful of registers in I/O BAR 0, reached with
 * inb/outw like the PIC's.  The modern one (0x1042) puts them in a memory
 * BAR found through vendor capabilities, which this kernel would first have
 * to map (no ioremap yet); the virtqueue below is the same for both.
 *
 * One virtqueue, in memory both sides read (Linux's virtio_ring.c, "split"
 * layout; legacy wants the used ring on the next 4 KiB boundary):
 *
 *	desc[num]   16 bytes each: addr, len, flags (NEXT, WRITE: the device
 *	            writes here), next.  A request is a chain of three:
 *	              header (type IN/OUT, sector) → data → status byte
 *	avail       the driver's ring: heads of chains it hands over; idx++
 *	used        the device's ring: heads it has finished, with lengths
 *
 * A request's life: virtblk_submit_rw takes a free slot (its three
 * descriptors are fixed: 3*slot .. 3*slot+2), fills the header, puts the
 * head in avail, kicks (QUEUE_NOTIFY), and SLEEPS in wait_event on the
 * disk's wait queue (TASK_UNINTERRUPTIBLE: the device will write into the
 * buffer whatever signal comes).  Other tasks, or the idle loop, run.  The
 * device finishes and raises its PCI interrupt (INTx, routed by the
 * firmware to a PIC line: dev->irq); vp_interrupt reads the ISR (which
 * acknowledges it), virtblk_done takes every new entry off the used ring,
 * marks its slot done and wakes the sleepers; each checks its own slot.
 * Nothing polls.  Memory ordering: on x86 stores are seen in order by the
 * device (QEMU), so Linux's virt_wmb/virt_rmb are compiler barriers here.
 *
 * No device: nothing is printed, and the kernel goes on without /dev/vda. */
#include "drivers/virtio_blk.h"
#include "drivers/pci.h"
#include "kernel/fs/blkdev.h"
#include "kernel/irq.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/errno.h"
#include "mm/page_alloc.h"

#define PCI_VENDOR_ID_REDHAT_QUMRANET	0x1af4
#define VIRTIO_ID_BLOCK_LEGACY		0x1001	/* transitional virtio-blk-pci */
#define VIRTIO_ID_BLOCK			2	/* the legacy subsystem id */

/* legacy registers, offsets in I/O BAR 0 (uapi/linux/virtio_pci.h) */
#define VIRTIO_PCI_HOST_FEATURES	0	/* 32: what the device offers */
#define VIRTIO_PCI_GUEST_FEATURES	4	/* 32: what the driver takes */
#define VIRTIO_PCI_QUEUE_PFN		8	/* 32: the selected queue's page number */
#define VIRTIO_PCI_QUEUE_NUM		12	/* 16: its size (entries) */
#define VIRTIO_PCI_QUEUE_SEL		14	/* 16 */
#define VIRTIO_PCI_QUEUE_NOTIFY		16	/* 16: "queue n has new buffers" */
#define VIRTIO_PCI_STATUS		18	/* 8 */
#define VIRTIO_PCI_ISR			19	/* 8: read = acknowledge */
#define VIRTIO_PCI_CONFIG_OFF		20	/* the device's config (no MSI-X) */
#define VIRTIO_PCI_ISR_QUEUE		0x1
#define VIRTIO_PCI_QUEUE_ADDR_SHIFT	12
#define VIRTIO_PCI_VRING_ALIGN		4096

/* device status bits (uapi/linux/virtio_config.h) */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1	/* a driver saw the device */
#define VIRTIO_CONFIG_S_DRIVER		2	/* ... knows how to drive it */
#define VIRTIO_CONFIG_S_DRIVER_OK	4	/* ... and is ready */
#define VIRTIO_CONFIG_S_FAILED		0x80

#define VIRTIO_BLK_F_RO			5	/* feature bit: read-only disk */
#define VIRTIO_BLK_CONFIG_CAPACITY	0	/* u64: size in 512-byte sectors */

/* uapi/linux/virtio_ring.h */
#define VRING_DESC_F_NEXT	1		/* the chain goes on at .next */
#define VRING_DESC_F_WRITE	2		/* the device writes this buffer */

struct vring_desc { u64 addr; u32 len; u16 flags; u16 next; };
struct vring_avail { u16 flags; u16 idx; u16 ring[]; };
struct vring_used_elem { u32 id; u32 len; };
struct vring_used { u16 flags; u16 idx; struct vring_used_elem ring[]; };

/* uapi/linux/virtio_blk.h */
#define VIRTIO_BLK_T_IN		0		/* read */
#define VIRTIO_BLK_T_OUT	1		/* write */
#define VIRTIO_BLK_S_OK		0
struct virtio_blk_outhdr { u32 type; u32 ioprio; u64 sector; };

#define VIRTBLK_MAJOR		254	/* Linux's virtblk major is dynamic; 254 on
					   a machine with one such driver */
#define VIRTBLK_SLOTS		16	/* requests in flight at most */
#define DESC_PER_REQ		3	/* header, data, status */

/* What the device reads or writes besides the data: one per slot, in a
 * page of the direct map (a sleeper's kernel stack is not). */
struct virtblk_req {
	struct virtio_blk_outhdr hdr;
	u8 status;
};

struct virtio_blk {
	struct pci_dev *pdev;
	u16 iobase;			/* legacy I/O BAR 0 */
	unsigned int num;		/* queue entries */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u16 last_used_idx;		/* the used entries taken so far */
	struct virtblk_req *reqs;	/* [VIRTBLK_SLOTS] */
	bool busy[VIRTBLK_SLOTS], done[VIRTBLK_SLOTS];
	struct wait_queue_head wq;	/* a request's completion, or a free slot */
	struct block_device bdev;
};

static struct virtio_blk vda;		/* one disk: /dev/vda */

/* The legacy vring's bytes for num entries (Linux's vring_size). */
static size_t vring_size(unsigned int num)
{
	size_t driver = sizeof(struct vring_desc) * num + sizeof(u16) * (3 + num);
	driver = ALIGN_UP(driver, (size_t)VIRTIO_PCI_VRING_ALIGN);
	return driver + sizeof(u16) * 3 + sizeof(struct vring_used_elem) * num;
}

/* ---- the interrupt ---- */

/* Every used entry the device added since last time: its slot is done.
 * Then every sleeper wakes and checks its own slot (Linux: virtblk_done,
 * and blk_mq_complete_request wakes that request's waiter only). */
static void virtblk_done(struct virtio_blk *vblk)
{
	while (vblk->last_used_idx != *(volatile u16 *)&vblk->used->idx) {
		barrier();			/* virt_rmb: the entry after the index */
		u32 head = vblk->used->ring[vblk->last_used_idx % vblk->num].id;
		vblk->done[head / DESC_PER_REQ] = true;
		vblk->last_used_idx++;
	}
	wake_up(&vblk->wq);
}

/* INTx may be shared: the ISR says whether it was ours (reading it also
 * lowers the line), as Linux's vp_interrupt. */
static void vp_interrupt(void)
{
	if (inb(vda.iobase + VIRTIO_PCI_ISR) & VIRTIO_PCI_ISR_QUEUE)
		virtblk_done(&vda);
}

/* ---- a request ---- */

/* Hand slot's chain to the device: header → data → status (Linux's
 * virtqueue_add_split, virtqueue_kick). */
static void virtqueue_add_req(struct virtio_blk *vblk, int slot, void *buf, u32 len, bool write)
{
	struct virtblk_req *req = &vblk->reqs[slot];
	struct vring_desc *d = &vblk->desc[slot * DESC_PER_REQ];
	u16 head = (u16)(slot * DESC_PER_REQ);

	d[0] = (struct vring_desc){ virt_to_phys(&req->hdr), sizeof(req->hdr), VRING_DESC_F_NEXT,
				    (u16)(head + 1) };
	d[1] = (struct vring_desc){ virt_to_phys(buf), len,
				    VRING_DESC_F_NEXT | (write ? 0 : VRING_DESC_F_WRITE), (u16)(head + 2) };
	d[2] = (struct vring_desc){ virt_to_phys(&req->status), 1, VRING_DESC_F_WRITE, 0 };
	vblk->avail->ring[vblk->avail->idx % vblk->num] = head;
	barrier();				/* virt_wmb: the entry before the index */
	vblk->avail->idx++;
	barrier();
	outw(vblk->iobase + VIRTIO_PCI_QUEUE_NOTIFY, 0);
}

static int virtblk_free_slot(struct virtio_blk *vblk)
{
	for (int i = 0; i < VIRTBLK_SLOTS; i++)
		if (!vblk->busy[i])
			return i;
	return -1;
}

/* The block_device's submit_rw: one request, and sleep until its
 * interrupt (see the top).  The kernel runs with interrupts off, so the
 * interrupt cannot come between the kick and wait_event's sleep: it is
 * taken once this task has slept and someone (the idle loop, user mode)
 * turns them on. */
static int virtblk_submit_rw(struct block_device *bdev, u64 sector, void *buf, unsigned int nr,
			     bool write)
{
	struct virtio_blk *vblk = bdev->private;
	int slot;
	wait_event(&vblk->wq, (slot = virtblk_free_slot(vblk)) >= 0);
	vblk->busy[slot] = true;
	vblk->done[slot] = false;
	vblk->reqs[slot].hdr = (struct virtio_blk_outhdr){
		.type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN, .sector = sector };
	vblk->reqs[slot].status = 0xff;
	virtqueue_add_req(vblk, slot, buf, nr << SECTOR_SHIFT, write);
	wait_event(&vblk->wq, vblk->done[slot]);
	int err = vblk->reqs[slot].status == VIRTIO_BLK_S_OK ? 0 : -EIO;
	vblk->busy[slot] = false;
	wake_up(&vblk->wq);			/* a task waiting for a slot */
	return err;
}

/* ---- probe ---- */

/* The queue: its pages (zeroed), the three rings in them, its page number
 * to the device (Linux's setup_vq for legacy). */
static int virtblk_setup_vq(struct virtio_blk *vblk)
{
	outw(vblk->iobase + VIRTIO_PCI_QUEUE_SEL, 0);
	vblk->num = inw(vblk->iobase + VIRTIO_PCI_QUEUE_NUM);
	if (vblk->num < DESC_PER_REQ * VIRTBLK_SLOTS || inl(vblk->iobase + VIRTIO_PCI_QUEUE_PFN))
		return -ENOENT;			/* too small, or already active */
	unsigned int order = 0;
	while ((PAGE_SIZE << order) < vring_size(vblk->num))
		order++;
	struct page *ring = alloc_pages(order), *reqs = alloc_zeroed_page();
	if (!ring || !reqs) {
		if (ring)
			__free_pages(ring, order);
		if (reqs)
			__free_page(reqs);
		return -ENOMEM;
	}
	char *p = page_address(ring);
	memset(p, 0, PAGE_SIZE << order);
	vblk->desc = (struct vring_desc *)p;
	vblk->avail = (struct vring_avail *)(p + sizeof(struct vring_desc) * vblk->num);
	vblk->used = (struct vring_used *)(p + vring_size(vblk->num) - sizeof(u16) * 3 -
					   sizeof(struct vring_used_elem) * vblk->num);
	vblk->reqs = page_address(reqs);
	outl(vblk->iobase + VIRTIO_PCI_QUEUE_PFN, (u32)(page_to_phys(ring) >> VIRTIO_PCI_QUEUE_ADDR_SHIFT));
	return 0;
}

/* Reset, acknowledge, take no optional feature, the queue, the interrupt,
 * DRIVER_OK; then the capacity and /dev/vda, and one line saying so. */
static int virtblk_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	struct virtio_blk *vblk = &vda;
	if (vblk->pdev || !(pci_resource_flags(dev, 0) & IORESOURCE_IO) ||
	    pci_read_config_word(dev, PCI_SUBSYSTEM_ID) != VIRTIO_ID_BLOCK)
		return -ENODEV;			/* one disk; a legacy block device */
	pci_enable_device(dev);
	pci_set_master(dev);
	vblk->pdev = dev;
	vblk->iobase = (u16)pci_resource_start(dev, 0);
	init_waitqueue_head(&vblk->wq);

	u16 io = vblk->iobase;
	outb(io + VIRTIO_PCI_STATUS, 0);		/* reset */
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	u32 features = inl(io + VIRTIO_PCI_HOST_FEATURES);
	outl(io + VIRTIO_PCI_GUEST_FEATURES, 0);
	int err = virtblk_setup_vq(vblk);
	if (!err)
		err = request_irq(dev->irq, vp_interrupt, "virtio-blk");
	if (err) {
		outb(io + VIRTIO_PCI_STATUS, VIRTIO_CONFIG_S_FAILED);
		printk("virtio-blk %02x:%02x.%d: not used (%d)\n", dev->bus, PCI_SLOT(dev->devfn),
		       PCI_FUNC(dev->devfn), err);
		vblk->pdev = NULL;
		return err;
	}
	outb(io + VIRTIO_PCI_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
				     VIRTIO_CONFIG_S_DRIVER_OK);

	u64 capacity = inl(io + VIRTIO_PCI_CONFIG_OFF + VIRTIO_BLK_CONFIG_CAPACITY) |
		       (u64)inl(io + VIRTIO_PCI_CONFIG_OFF + VIRTIO_BLK_CONFIG_CAPACITY + 4) << 32;
	vblk->bdev = (struct block_device){ .name = "vda", .dev = MKDEV(VIRTBLK_MAJOR, 0),
					    .nr_sectors = capacity, .submit_rw = virtblk_submit_rw,
					    .private = vblk };
	err = register_blkdev(&vblk->bdev);
	printk("virtio-blk %02x:%02x.%d: [vda] %lu 512-byte sectors (%lu MiB), irq %u, queue %u%s%s\n",
	       dev->bus, PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn), (unsigned long)capacity,
	       (unsigned long)(capacity >> 11), dev->irq, vblk->num,
	       features & BIT(VIRTIO_BLK_F_RO) ? ", read-only (writes fail)" : "",
	       err ? ", no /dev/vda" : "");
	return 0;
}

static const struct pci_device_id virtblk_ids[] = {
	{ PCI_VENDOR_ID_REDHAT_QUMRANET, VIRTIO_ID_BLOCK_LEGACY },
	{ 0, 0 },
};

static const struct pci_driver virtio_blk_driver = {
	.name = "virtio-blk", .id_table = virtblk_ids, .probe = virtblk_probe,
};

void virtio_blk_init(void)
{
	pci_register_driver(&virtio_blk_driver);
}
