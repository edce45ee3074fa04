/* drivers/virtio_blk.h — the virtio-blk disk (drivers/virtio_blk.c). */
#ifndef DRIVERS_VIRTIO_BLK_H
#define DRIVERS_VIRTIO_BLK_H

/* Bind the first legacy virtio-blk-pci device found by pci_init, if any,
 * as /dev/vda; quiet when there is none. */
void virtio_blk_init(void);

#endif
