#!/usr/bin/env python3
"""scripts/mkcpio.py — write a cpio "newc" archive of a staging directory.

    scripts/mkcpio.py STAGING_DIR OUT.cpio

The kernel unpacks it at boot (kernel/fs/initrd.c).  Entries: every
directory and regular file under STAGING_DIR (not the directory itself),
named relative to it ("bin", "bin/hello"), each directory before what it
holds, names sorted, with their permission bits.  Everything else in the
header is fixed (uid/gid 0, mtime 0, inodes numbered in order), so the same
tree always gives the same bytes.  Symbolic links are stored as links (the
kernel skips them, with a note); other file types are refused.

newc layout, per entry: "070701", then 13 fields of 8 hex digits (ino mode
uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize
check), the name with its NUL padded so header + name is a multiple of 4,
the data padded to 4.  The last entry is "TRAILER!!!".  Python 3 standard
library only.
"""
import os
import stat
import sys

MAGIC = b'070701'
TRAILER = 'TRAILER!!!'


def pad4(n):
    return (4 - n % 4) % 4


def entry(ino, mode, nlink, name, data=b''):
    """One newc entry: header, padded name, padded data."""
    name_b = name.encode() + b'\0'
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(name_b), 0]
    hdr = MAGIC + b''.join(b'%08x' % f for f in fields)
    assert len(hdr) == 110
    out = hdr + name_b + b'\0' * pad4(len(hdr) + len(name_b))
    return out + data + b'\0' * pad4(len(data))


def walk(root):
    """(relative name, lstat) of everything under root, parents first, sorted."""
    def rec(rel):
        path = os.path.join(root, rel) if rel else root
        for name in sorted(os.listdir(path)):
            r = os.path.join(rel, name) if rel else name
            st = os.lstat(os.path.join(root, r))
            yield r, st
            if stat.S_ISDIR(st.st_mode):
                yield from rec(r)
    return rec('')


def build(root):
    out = bytearray()
    ino = 0
    for rel, st in walk(root):
        ino += 1
        path = os.path.join(root, rel)
        perm = stat.S_IMODE(st.st_mode)
        if stat.S_ISDIR(st.st_mode):
            out += entry(ino, stat.S_IFDIR | perm, 2, rel)
        elif stat.S_ISREG(st.st_mode):
            with open(path, 'rb') as f:
                out += entry(ino, stat.S_IFREG | perm, 1, rel, f.read())
        elif stat.S_ISLNK(st.st_mode):
            out += entry(ino, stat.S_IFLNK | 0o777, 1, rel, os.readlink(path).encode())
        else:
            sys.exit('mkcpio: %s: not a directory, regular file or symbolic link' % path)
    out += entry(0, 0, 1, TRAILER)
    return bytes(out)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: mkcpio.py STAGING_DIR OUT.cpio')
    root, dest = sys.argv[1], sys.argv[2]
    if not os.path.isdir(root):
        sys.exit('mkcpio: %s is not a directory' % root)
    data = build(root)
    tmp = dest + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, dest)       # never a half-written archive under the real name


if __name__ == '__main__':
    main()
