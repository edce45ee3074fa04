/* kernel/fs/initrd.h — the initial ramdisk: a cpio "newc" archive that GRUB
 * loads as a multiboot2 module (boot/grub.cfg: module2 ... initrd), unpacked
 * into ramfs at boot.  scripts/mkcpio.py writes it.
 *
 * An archive is a list of entries, each a 110-byte ASCII header, the name,
 * then the data, ending with an entry named "TRAILER!!!":
 *
 *	+0    "070701"  magic ("070702": the same with a checksum of the data)
 *	+6    13 fields of 8 hex digits: ino mode uid gid nlink mtime filesize
 *	      devmajor devminor rdevmajor rdevminor namesize check
 *	+110  name, namesize bytes with its NUL, padded so 110 + namesize is a
 *	      multiple of 4
 *	      data, filesize bytes, padded to a multiple of 4
 *
 * Two layers: cpio_parse() checks and walks the entries, calling back for
 * each (no filesystem: the tests check it alone); initrd_unpack() is the
 * callback that makes the directories and files under a root. */
#ifndef KERNEL_FS_INITRD_H
#define KERNEL_FS_INITRD_H

#include "kernel/types.h"

#define CPIO_HEADER_SIZE	110
#define CPIO_TRAILER		"TRAILER!!!"

struct boot_info;

/* One entry as cpio_parse() hands it on: pointers into the archive. */
struct cpio_entry {
	size_t offset;		/* of its header in the archive */
	const char *name;	/* as stored ("bin/x", "."), NUL-terminated */
	u32 mode;		/* type and permission bits (S_IFREG | 0755) */
	u32 ino, nlink, mtime;
	const void *data;
	size_t size;		/* bytes of data */
};

/* What a parse or an unpack did, and where it stopped if it failed. */
struct initrd_stats {
	unsigned int files, dirs;	/* made (or, for dirs, found) */
	unsigned int skipped;		/* entries of other types, and "." */
	u64 bytes;			/* of file data written */
	long error_offset;		/* header offset of the bad entry, or -1 */
	char error[96];			/* why, when error_offset >= 0 */
};

/* Called for each entry before the trailer; 0 to go on, or -errno to stop
 * (the parse then records the entry's offset and returns that error). */
typedef int (*cpio_actor_t)(const struct cpio_entry *e, void *arg, struct initrd_stats *st);

/* Check and walk the archive at data[0, size).  0 when the trailer is
 * reached (bytes after it are ignored: cpio pads to 512); -EINVAL for a
 * malformed entry, or the actor's error.  On any error, st->error_offset
 * is the offset of the header at fault and st->error says why; the
 * entries before it have been handed to the actor.  st is zeroed first. */
int cpio_parse(const void *data, size_t size, cpio_actor_t actor, void *arg,
	       struct initrd_stats *st);

/* Unpack the archive into the directory root ("/" or "/tmp/x", which must
 * exist): "bin/x" becomes root/bin/x, "." is skipped, directories and
 * regular files are made with their permission bits (a directory that
 * exists is kept), other types are skipped with a note on the console.
 * Stops at the first malformed entry or filesystem error, printing the
 * offset and the reason, keeping what it made.  Returns as cpio_parse. */
int initrd_unpack(const void *data, size_t size, const char *root, struct initrd_stats *st);

/* At boot: unpack the module GRUB loaded with the string "initrd" into "/"
 * and print a line saying what it held (or that there was none). */
void initrd_init(const struct boot_info *bi);

#endif
