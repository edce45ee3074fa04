#!/usr/bin/env python3
"""scripts/mkdisk.py — the test boots' virtio disk (tests/boots.py, disk.virtio).

    mkdisk.py OUTPUT [SECTORS]     (default 2048: 1 MiB)

A raw image in which every 512-byte sector says its own number, 32 times:
sector n is the 16-byte line "flsector %6d\\n" % n, repeated.  A test
(tests/user/blk_virtio.c) then knows what any sector must hold, and that the
disk is this one: a real disk's sector 0 (a host's /dev/vda) is not the line
for 0, so the test writes nothing there."""
import os
import sys

def sector(n):
    line = b'flsector %6d\n' % n
    assert len(line) == 16
    return line * 32

def make(out, count=2048):
    """The image at out, written whole under another name first (a boot
    that starts meanwhile never sees half of it)."""
    tmp = '%s.%d.tmp' % (out, os.getpid())
    with open(tmp, 'wb') as f:
        for n in range(count):
            f.write(sector(n))
    os.replace(tmp, out)

def main():
    make(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2048)

if __name__ == '__main__':
    main()
