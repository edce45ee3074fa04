#!/usr/bin/env python3
"""scripts/bench.py — faultbench's fault costs in faultline, next to Linux 6.1's.

    make bench              faultline measured now; Linux 6.1's figures quoted
    make bench LINUX=1      both measured now, in this run: the same faultbench
                            binary as /init of Debian's Linux 6.1 kernel
    scripts/bench.py --iso build/kernel.iso --prog build/user/bin/faultbench [--linux]

Both kernels run under the same clock, QEMU's `-icount shift=0,sleep=off
-cpu qemu64`, where the guest's RDTSC counts guest instructions: a figure is
an exact instruction count and repeats from run to run, whatever the host's
load (docs/performance.md).  faultbench prints one row per workload,
"NAME  N ticks/page  F faults" or "NAME  N ticks in all"; the table keeps that
shape, faultline's figure first (so a row still reads as tests/run.py reads
faultbench's), then Linux's and the ratio faultline/Linux.  A row one kernel
lacks (the boot row: Linux has no such measurement) shows '-'.

The Linux side: scripts/deps.sh --linux-kernel downloads Debian's
linux-image-6.1.0-*-cloud-amd64-unsigned package (apt-get download, nothing
installed) into LINUX_CACHE (default /var/tmp/faultline-linux) and extracts
its vmlinuz; faultbench becomes /init of an initramfs made here (the file it
maps lives in the initramfs, a tmpfs; it needs no /proc); the kernel boots
with `console=ttyS0 quiet panic=-1 mitigations=off transparent_hugepage=never`
and -m 512M, and when /init exits it panics and QEMU exits (-no-reboot).
Python 3 standard library only.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mkcpio  # noqa: E402  (scripts/mkcpio.py: the initramfs)

CLOCK = ['-icount', 'shift=0,sleep=off', '-cpu', 'qemu64', '-m', '512M']
TIMEOUT = 900                   # s, each boot: Linux takes ~20 s of CPU, more under load
LINUX_APPEND = 'console=ttyS0 quiet panic=-1 mitigations=off transparent_hugepage=never'
ROW = re.compile(r'^(\S+)\s+(\d+) ticks(?:/page\s+(\d+) faults| in all)')

# Without LINUX=1: Linux 6.1's figures as last measured by `make bench LINUX=1`
# (update them from such a run, with its date and kernel, when they drift).
QUOTED_FROM = ('quoted, not measured now: make bench LINUX=1 on 2026-12-03, Debian '
               'linux-image-6.1.0-57-cloud-amd64-unsigned (6.1.192-3)')
QUOTED = {'anon-write': (3296, 16384), 'anon-read': (1230, 16384), 'file-read': (582, 1025),
          'file-cow': (4347, 16384), 'file-shared': (2182, 16384), 'fork-cow': (4460, 16384),
          'fork-all': (96770321, None), 'gup-populate': (3413, 16384)}


def parse(lines):
    """faultbench's rows: {name: (count, faults or None)}, in order."""
    rows = {}
    for line in lines:
        m = ROW.match(line.replace('\r', '').strip())
        if m:
            rows[m.group(1)] = (int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return rows


def run(cmd, what):
    """Run a QEMU; (status, output lines) — status None on a timeout."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT)
        status, out = p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        status, out = None, e.stdout or b''
    except OSError as e:
        sys.exit('bench: cannot run %s: %s' % (cmd[0], e))
    return status, out.decode(errors='replace').replace('\r', '').splitlines()


def boot_faultline(args):
    cmd = ['qemu-system-x86_64', '-no-reboot', '-boot', 'd', '-cdrom', args.iso,
           '-display', 'none', '-monitor', 'none', '-serial', 'stdio'] + CLOCK + \
          ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
           '-fw_cfg', 'name=opt/faultline/cmdline,string=init=/bin/faultbench fbcon=0']
    status, lines = run(cmd + shlex.split(args.qemu_extra), 'faultline')
    if status != 1:             # isa-debug-exit: the kernel's power-off is status 1
        return None, 'faultline: QEMU status %s' % status, lines
    return parse(lines), None, lines


def linux_kernel(cache):
    """The path of Debian's Linux 6.1 vmlinuz, downloaded on first use."""
    p = subprocess.run([os.path.join(HERE, 'deps.sh'), '--linux-kernel', cache],
                       stdout=subprocess.PIPE, text=True)
    path = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ''
    if p.returncode != 0 or not os.path.exists(path):
        sys.exit('bench: make bench LINUX=1 needs Debian\'s Linux 6.1 kernel and could not get '
                 'it (the reason is above; as root, `scripts/deps.sh --linux-kernel %s` '
                 'fetches it).  make bench without LINUX=1 shows the quoted figures.' % cache)
    return path


def boot_linux(args, vmlinuz, workdir):
    stage = os.path.join(workdir, 'initramfs')
    for d in ('dev', 'tmp', 'proc'):
        os.makedirs(os.path.join(stage, d), exist_ok=True)
    with open(args.prog, 'rb') as src, open(os.path.join(stage, 'init'), 'wb') as dst:
        dst.write(src.read())
    os.chmod(os.path.join(stage, 'init'), 0o755)
    cpio = os.path.join(workdir, 'initramfs.cpio')
    with open(cpio, 'wb') as f:
        f.write(mkcpio.build(stage))
    cmd = ['qemu-system-x86_64', '-no-reboot', '-display', 'none', '-monitor', 'none',
           '-serial', 'stdio'] + CLOCK + \
          ['-kernel', vmlinuz, '-initrd', cpio, '-append', LINUX_APPEND]
    status, lines = run(cmd + shlex.split(args.qemu_extra), 'Linux')
    rows = parse(lines)
    # /init returning panics Linux ("Attempted to kill init"): with -no-reboot QEMU exits 0
    if status is None or not rows:
        return None, 'Linux 6.1: %s' % ('no exit within %d s' % TIMEOUT if status is None
                                        else 'faultbench printed no row'), lines
    return rows, None, lines


def fmt(row):
    """A figure as faultbench prints it; '-' for a row this kernel lacks."""
    if row is None:
        text = '%8s' % '-'
    elif row[1] is None:
        text = '%8d ticks in all' % row[0]
    else:
        text = '%8d ticks/page %6d faults' % row
    return text.ljust(33)


def table(ours, theirs, source):
    out = ['faultbench: 64 MiB, one byte per 4 KiB page, guest ticks (-icount: instructions)',
           '%-12s %-33s %-33s %s' % ('', '   faultline (now)', '   Linux 6.1', 'ratio')]
    names = list(ours) + [n for n in theirs if n not in ours]
    for name in names:
        a, b = ours.get(name), theirs.get(name)
        ratio = '%5.2f' % (a[0] / b[0]) if a and b and b[0] else '    -'
        out.append('%-12s %s %s %s' % (name, fmt(a), fmt(b), ratio))
    out.append('Linux 6.1: ' + source)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--iso', required=True, help='faultline\'s ISO (faultbench in its initrd)')
    ap.add_argument('--prog', required=True, help='the faultbench binary (Linux\'s /init)')
    ap.add_argument('--linux', action='store_true', help='measure Linux 6.1 in this run')
    ap.add_argument('--linux-cache', default=os.environ.get('LINUX_CACHE',
                                                            '/var/tmp/faultline-linux'))
    ap.add_argument('--workdir', default='build/linux-bench', help='the initramfs for Linux')
    ap.add_argument('--qemu-extra', default='')
    args = ap.parse_args()
    for f in (args.iso, args.prog):
        if not os.path.exists(f):
            sys.exit('bench: missing %s (make bench builds it)' % f)

    results = {}
    jobs = [('faultline', lambda: boot_faultline(args))]  # (name, boot): results[name]
    if args.linux:
        vmlinuz = linux_kernel(args.linux_cache)
        os.makedirs(args.workdir, exist_ok=True)
        jobs.append(('Linux 6.1', lambda: boot_linux(args, vmlinuz, args.workdir)))
        source = 'measured now, in this run: Debian %s' % \
            os.path.basename(vmlinuz).replace('.vmlinuz', '')
    else:
        source = QUOTED_FROM
    sys.stderr.write('bench: booting %s under QEMU -icount (about %s)...\n'
                     % (' and '.join(j[0] for j in jobs), '20 s' if len(jobs) == 1 else
                        'a minute'))
    # the two boots at once: each count is exact whatever else runs
    threads = [threading.Thread(target=lambda n=n, f=f: results.__setitem__(n, f()))
               for n, f in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    failed = [r for r in results.values() if r[1]]
    for rows, why, lines in failed:
        sys.stderr.write('\n'.join('  | ' + l for l in lines[-25:]) + '\n')
        sys.stderr.write('bench: %s\n' % why)
    if failed:
        return 1
    ours = results['faultline'][0]
    theirs = results['Linux 6.1'][0] if args.linux else \
        {n: (c, f) for n, (c, f) in QUOTED.items()}
    print('\n'.join(table(ours, theirs, source)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
