#!/usr/bin/env python3
"""scripts/profile.py — where the instructions of one kind of page fault go.

    make profile FAULT=anon-write          (the Makefile runs this script)
    scripts/profile.py --fault KIND --iso build/kernel.iso --kernel build/kernel.elf \\
        --user build/user/bin/faultbench --plugin build/insnprof.so [--addrs N]

Boots faultline with `faultbench --profile KIND` as init under the clock of
`make bench` (QEMU -icount shift=0,sleep=off: one tick per guest instruction),
with the QEMU plugin scripts/profile/insnprof.c loaded.  faultbench puts KIND's
timed loop (one access per page of 64 MiB) between two marker instructions; the
plugin counts, by address, every guest instruction executed between them: user
code, exception entry, the fault path, the return, and anything else that ran
(a timer tick).  This script maps the addresses to the functions of the kernel
ELF (nm) and of faultbench ([user]) and prints the instructions per page of
each function, sorted, with the total, beside faultbench's own figure for the
same loop from the same run (its RDTSC): the two agree to within a few
instructions (the faulting access is counted twice by the plugin, before and
after the fault, but retired once).

KINDS are faultbench's rows; file-read takes one fault per 16 pages
(fault-around), every other kind one fault per page.  --addrs N adds the N
hottest instruction addresses (function+offset): with `objdump -d
build/kernel.elf` beside it, the instruction that costs.  Python 3 standard
library only.
"""
import argparse
import bisect
import os
import re
import shlex
import subprocess
import sys
import tempfile

KINDS = ('anon-write', 'anon-read', 'file-read', 'file-cow', 'file-shared', 'fork-cow',
         'gup-populate')
PAGES = 16384                   # faultbench: 64 MiB, one access per 4 KiB page
USER_TOP = 1 << 47              # user addresses lie below; the kernel's in the upper half
TIMEOUT = 300                   # s: faultbench takes ~20 s under this clock
OTHERS_BELOW = 0.1              # %: functions below this are summed in one line
ROW = re.compile(r'^(\S+)\s+(\d+) ticks/page\s+(\d+) faults')


class Symbols:
    """Function start addresses of an ELF (nm -n): the function an address is in.
    NASM's local labels (`isr_common.done`, size 0) belong to the function
    above them; gcc's clones (`foo.part.0`, `foo.cold`) are functions of
    their own and keep their names."""

    def __init__(self, elf, tag=''):
        try:
            out = subprocess.run(['nm', '-n', '-S', '--defined-only', elf], check=True,
                                 capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as e:
            sys.exit('profile: nm %s: %s' % (elf, e))
        self.starts, self.names = [], []
        for line in out.splitlines():
            w = line.split()
            if len(w) < 3 or w[-2] not in 'tTwW':
                continue
            sized, name = len(w) == 4, w[-1]
            if not sized and '.' in name:       # a NASM local label
                continue
            addr = int(w[0], 16)
            if self.starts and self.starts[-1] == addr:     # aliases: the first name
                continue
            self.starts.append(addr)
            self.names.append(name + tag)

    def lookup(self, addr):
        """(function, offset), or ('?', addr) below the first symbol."""
        i = bisect.bisect_right(self.starts, addr) - 1
        return (self.names[i], addr - self.starts[i]) if i >= 0 else ('?', addr)


def read_counts(path):
    """The plugin's output: (windows, {address: count})."""
    windows, counts = 0, {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == 'windows':
                windows = int(w[1])
            elif w[0] == 'overflow':
                sys.exit('profile: the plugin\'s table of addresses overflowed: '
                         'raise TABLE_BITS in scripts/profile/insnprof.c')
            else:
                counts[int(w[0], 16)] = int(w[1])
    return windows, counts


def boot(args, out_path):
    """Run faultbench --profile KIND with the plugin: the serial lines."""
    cmdline = 'init=/bin/faultbench fbcon=0 -- --profile ' + args.fault
    with tempfile.TemporaryDirectory() as tmp:
        serial = os.path.join(tmp, 'serial.log')
        cmd = ['qemu-system-x86_64', '-no-reboot', '-boot', 'd', '-cdrom', args.iso,
               '-display', 'none', '-monitor', 'none', '-serial', 'file:' + serial,
               '-icount', 'shift=0,sleep=off', '-cpu', 'qemu64', '-m', '512M',
               '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
               '-fw_cfg', 'name=opt/faultline/cmdline,string=' + cmdline,
               '-plugin', '%s,out=%s' % (os.path.abspath(args.plugin), out_path)]
        cmd += shlex.split(args.qemu_extra)
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                               timeout=TIMEOUT)
            rc, qemu_out = p.returncode, p.stdout + p.stderr
        except subprocess.TimeoutExpired:
            rc, qemu_out = None, 'no power-off within %d s' % TIMEOUT
        lines = []
        if os.path.exists(serial):
            with open(serial, errors='replace') as f:
                lines = [l.rstrip('\r\n') for l in f]
    if rc != 1:                 # isa-debug-exit: the kernel's power-off is status 1
        sys.stderr.write('\n'.join(lines[-30:] + qemu_out.splitlines()[-10:]) + '\n')
        sys.exit('profile: the boot did not end cleanly (QEMU status %s): %s'
                 % (rc, ' '.join(shlex.quote(c) for c in cmd)))
    return lines


def profile(args):
    """The report, as a list of lines."""
    kernel, user = Symbols(args.kernel), Symbols(args.user, ' [user]')
    with tempfile.TemporaryDirectory() as tmp:
        out_path = os.path.join(tmp, 'counts')
        lines = boot(args, out_path)
        if not os.path.exists(out_path):
            sys.exit('profile: the plugin wrote nothing (%s)' % args.plugin)
        windows, counts = read_counts(out_path)
    rows = {m.group(1): m for m in map(ROW.match, lines) if m}
    if args.fault not in rows:
        sys.stderr.write('\n'.join(lines[-20:]) + '\n')
        sys.exit('profile: faultbench printed no row for %s' % args.fault)
    ticks, faults = int(rows[args.fault].group(2)), int(rows[args.fault].group(3))
    if windows != 1:
        sys.exit('profile: %d marked windows, expected 1 (faultbench --profile %s)'
                 % (windows, args.fault))

    per_fn, where = {}, {}
    for addr, n in counts.items():
        fn, off = (user if addr < USER_TOP else kernel).lookup(addr)
        per_fn[fn] = per_fn.get(fn, 0) + n
        where[addr] = (fn, off)
    total = sum(per_fn.values())
    per = PAGES
    out = ['profile of %s: %d pages, %d faults, in guest instructions (faultbench: %d '
           'ticks/page)' % (args.fault, PAGES, faults, ticks),
           'each figure: the count between the markers / %d pages; one fault: %.0f on average'
           % (per, total / faults if faults else 0),
           '',
           '%-32s %10s %7s' % ('function', 'instrs', '%')]
    others, n_others = 0, 0
    for fn, n in sorted(per_fn.items(), key=lambda kv: (-kv[1], kv[0])):
        pct = 100.0 * n / total
        if pct < OTHERS_BELOW:
            others, n_others = others + n, n_others + 1
            continue
        out.append('%-32s %10.1f %7.1f' % (fn, n / per, pct))
    if n_others:
        out.append('%-32s %10.1f %7.1f' % ('(%d others, each < %.1f%%)' % (n_others, OTHERS_BELOW),
                                           others / per, 100.0 * others / total))
    out.append('%-32s %10.1f %7.1f' % ('total', total / per, 100.0))
    if args.addrs:
        out += ['', 'hottest instructions (objdump -d --start-address=ADDR %s)' % args.kernel,
                '%-18s %-40s %10s' % ('address', 'function+offset', 'instrs')]
        for addr, n in sorted(counts.items(), key=lambda kv: -kv[1])[:args.addrs]:
            fn, off = where[addr]
            out.append('%-18x %-40s %10.1f' % (addr, '%s+0x%x' % (fn, off), n / per))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--fault', required=True, choices=KINDS, metavar='KIND',
                    help='one of ' + ', '.join(KINDS))
    ap.add_argument('--iso', required=True)
    ap.add_argument('--kernel', required=True, help='the kernel ELF in the ISO')
    ap.add_argument('--user', required=True, help='faultbench, the ELF in the initrd')
    ap.add_argument('--plugin', required=True, help='insnprof.so')
    ap.add_argument('--addrs', type=int, default=0, help='also the N hottest addresses')
    ap.add_argument('--qemu-extra', default='', help='more QEMU options')
    args = ap.parse_args()
    for f in (args.iso, args.kernel, args.user, args.plugin):
        if not os.path.exists(f):
            sys.exit('profile: missing %s (make profile builds it)' % f)
    print('\n'.join(profile(args)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
