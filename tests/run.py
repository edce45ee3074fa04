#!/usr/bin/env python3
"""tests/run.py — boot the test kernel in QEMU, read KTAP/TAP, count.

    tests/run.py                 every boot in tests/boots.py
    tests/run.py --only NAME     a boot by name (crash.divide_error, gdb.kmain),
                                 or in-kernel suites: printk  printk,cmdline  printk.width
                                 ktest:printk; programs of a runtests boot:
                                 user:cow_basic,cow_big  stress:mem_anon  cow_basic;
                                 scripts of tests/compat: compat.text,shell
    tests/run.py --list          the boots (and those only --only runs: selftests.mm.all)
    tests/run.py --results FILE  also write every case as JSON (tests/grade.py reads it)

Each boot gets a timeout.  A panic, a hang, a triple fault (QEMU runs with
-no-reboot, so it just exits), or a plan that does not match the results is
a failure, shown with its own lines; a /bin/runtests boot stopped by a
program is booted again after it (run_programs).  The run ends with the
list of failures, each with its lines, and the last line is always
"N passed, N failed".  Python 3 standard library only.
"""
import argparse
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
from boots import BOOTS, ON_REQUEST  # noqa: E402

BUILD = os.path.join(ROOT, os.environ.get('FAULTLINE_BUILD', 'build'))
TEST_ISO = os.path.join(BUILD, 'test.iso')
TEST_ELF = os.path.join(BUILD, 'kernel-test.elf')
# make gdb's kernel (-O0): the boots with kernel='debug' (make test builds it)
DEBUG_BUILD = os.path.join(ROOT, os.environ.get('FAULTLINE_DEBUG_BUILD',
                                                os.path.join('build', 'debug')))
TIMEOUT = int(os.environ.get('TEST_TIMEOUT', '120'))
QEMU_EXTRA = shlex.split(os.environ.get('QEMU_EXTRA', ''))

# isa-debug-exit: the kernel writes v, QEMU exits with (v << 1) | 1
EXIT_OK, EXIT_PANIC = 1, 3
CONTEXT = 12            # serial lines shown around a failure

print_lock = threading.Lock()


def kernel_files(boot):
    """(ISO, ELF) a boot runs: the test kernel (-O2, with tests/kernel), or
    with kernel='debug' make gdb's -O0 kernel, or with kernel='selftests'
    the test kernel with Linux's mm selftests in its initrd (/selftests)."""
    if boot.get('kernel') == 'debug':
        return os.path.join(DEBUG_BUILD, 'kernel.iso'), os.path.join(DEBUG_BUILD, 'kernel.elf')
    if boot.get('kernel') == 'selftests':
        return os.path.join(BUILD, 'selftests.iso'), TEST_ELF
    return TEST_ISO, TEST_ELF


def boot_timeout(boot):
    """How long a boot may run: its own `timeout`, or TIMEOUT."""
    return boot.get('timeout', TIMEOUT)


def disk_args(boot):
    """QEMU's options for a boot's `disk` (sectors): scripts/mkdisk.py's
    pattern image in BUILD, made once, as a virtio-blk-pci disk (/dev/vda).
    snapshot=on: the guest's writes go to a temporary overlay, so every
    boot (and every boot again after a panic) starts from the same image."""
    if not boot.get('disk'):
        return []
    sys.path.insert(0, os.path.join(ROOT, 'scripts'))
    import mkdisk
    path = os.path.join(BUILD, 'disk-%d.img' % boot['disk'])
    if not os.path.exists(path):
        mkdisk.make(path, boot['disk'])
    return ['-drive', 'file=%s,if=none,id=d0,format=raw,snapshot=on' % path.replace(',', ',,'),
            '-device', 'virtio-blk-pci,drive=d0']


def qemu_cmd(boot, serial_path, extra=()):
    # a boot with 'input' gets it typed on the serial console (stdin)
    serial = 'stdio' if 'input' in boot else 'file:' + serial_path
    cmd = ['qemu-system-x86_64', '-m', boot.get('mem', '256M'), '-no-reboot',
           '-boot', 'd', '-cdrom', kernel_files(boot)[0], '-display', 'none', '-monitor', 'none',
           '-serial', serial,
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
    if boot.get('cmdline'):
        # QEMU option syntax: a literal comma is written ",,"
        cmd += ['-fw_cfg', 'name=opt/faultline/cmdline,string=' +
                boot['cmdline'].replace(',', ',,')]
    return cmd + disk_args(boot) + list(boot.get('qemu', [])) + list(extra) + QEMU_EXTRA


class Result:
    """The cases of one boot: (name, passed, detail-lines)."""

    def __init__(self, boot):
        self.boot = boot
        self.cases = []
        self.programs = []      # (name, passed): each KTAP suite's own result line

    def add(self, name, ok, detail=None):
        self.cases.append((name, ok, detail or []))


def context(lines, idx, before=CONTEXT, after=3):
    lo, hi = max(0, idx - before), min(len(lines), idx + after + 1)
    return ['  | ' + l for l in lines[lo:hi]]


def tail(lines, n=40):
    return ['  | ' + l for l in lines[-n:]] or ['  | (no serial output)']


def describe_exit(rc, timed_out, limit=None):
    if timed_out:
        return 'hang: no exit within %ds' % (limit or TIMEOUT)
    if rc == EXIT_OK:
        return 'clean exit'
    if rc == EXIT_PANIC:
        return 'kernel panic'
    if rc == 0:
        return 'QEMU exited by itself (triple fault or reset with -no-reboot)'
    return 'QEMU exit status %d' % rc


def read_serial(path):
    if not os.path.exists(path):        # QEMU may refuse to start at all
        return []
    with open(path, errors='replace') as f:
        return [l.rstrip('\r\n') for l in f]


# QEMU's names (the monitor's sendkey) for the keys of a US keyboard that
# type a character other than a letter or a digit; SHIFTED: what Shift and
# a key type
KEY_NAMES = {' ': 'spc', '\n': 'ret', '\t': 'tab', '-': 'minus', '=': 'equal',
             '[': 'bracket_left', ']': 'bracket_right', '\\': 'backslash', ';': 'semicolon',
             "'": 'apostrophe', '`': 'grave_accent', ',': 'comma', '.': 'dot', '/': 'slash'}
SHIFTED = dict(zip('!@#$%^&*()_+{}|:"~<>?', '1234567890-=[]\\;\'`,./'))
KEY_HOLD_MS = 20        # each key is held this long (sendkey's default, 100, is slow)


def sendkey_names(parts):
    """The sendkey arguments that type `parts` (boots.keys): each character
    as its key (with shift- for capitals and symbols), and a part '<name>'
    as the key QEMU calls name ('<up>', '<ctrl-c>', '<caps_lock>')."""
    names = []
    for part in parts:
        if len(part) > 2 and part[0] == '<' and part[-1] == '>':
            names.append(part[1:-1])
            continue
        for c in part:
            if 'A' <= c <= 'Z':
                names.append('shift-' + c.lower())
            elif 'a' <= c <= 'z' or '0' <= c <= '9':
                names.append(c)
            elif c in KEY_NAMES:
                names.append(KEY_NAMES[c])
            elif c in SHIFTED:
                base = SHIFTED[c]
                names.append('shift-' + KEY_NAMES.get(base, base))
            else:
                raise ValueError('no key of a US keyboard types %r' % c)
    return names


def run_qemu_typing(boot, serial):
    """A console boot whose input is steps, (regex, text): each text is
    typed once the console has printed a line matching its regex since the
    step before (None: one second after it), as a person would type at a
    prompt, after a program started (Ctrl-C must find it running).  A text
    that is boots.keys(...) is typed on the PS/2 keyboard, through QEMU's
    monitor (sendkey), not on the serial port."""
    import threading
    cmd = qemu_cmd(boot, serial)
    monitor_path, monitor = None, None
    if any(isinstance(text, dict) for _, text in boot['input']):
        monitor_path = os.path.join(os.path.dirname(serial), 'monitor.sock')
        cmd[cmd.index('-monitor') + 1] = 'unix:%s,server,nowait' % monitor_path
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.PIPE)
    out, cond = [], threading.Condition()

    def reader():
        for raw in iter(proc.stdout.readline, b''):
            with cond:
                out.append(raw.decode(errors='replace').rstrip('\r\n'))
                cond.notify_all()
        with cond:
            out.append(None)		# QEMU ended
            cond.notify_all()
    threading.Thread(target=reader, daemon=True).start()
    deadline, seen, timed_out = time.time() + TIMEOUT, 0, False
    for regex, text in boot['input']:
        with cond:
            if regex is None:
                cond.wait(1.0)
            else:
                rx = re.compile(regex)
                while not any(l is not None and rx.search(l) for l in out[seen:]):
                    if None in out or time.time() > deadline:
                        break
                    cond.wait(0.5)
            seen = len(out)
        if isinstance(text, dict):
            problem = None
            try:
                monitor = monitor or Monitor(monitor_path, time.monotonic() + max(1, deadline - time.time()))
                for name in sendkey_names(text['keys']):
                    problem = problem or monitor.command('sendkey %s %d' % (name, KEY_HOLD_MS))
            except OSError as e:
                problem = 'monitor %s: %s' % (monitor_path, e)
            if problem:
                with cond:
                    out.append('[runner] ' + problem)
                proc.kill()
                break
            continue
        try:
            proc.stdin.write(text.encode())
            proc.stdin.flush()
        except OSError:
            break
    try:
        proc.wait(timeout=max(1, deadline - time.time()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        timed_out = True
    if monitor:
        monitor.close()
    time.sleep(0.2)
    with cond:
        lines = read_serial(serial) + [l for l in out if l is not None]
    return lines, proc.returncode, timed_out, None


def run_qemu(boot, extra=(), side=None, watch=None):
    """Boot; returns (serial lines, exit code, timed out, side output).
    watch(lines), if given, is called with the serial output twice a
    second while QEMU runs: a true result stops QEMU there (the exit code
    is then None)."""
    with tempfile.TemporaryDirectory() as tmp:
        serial = os.path.join(tmp, 'serial.log')
        if watch:
            return run_qemu_watched(boot, extra, serial, watch)
        if isinstance(boot.get('input'), list):
            return run_qemu_typing(boot, serial)
        proc = subprocess.Popen(qemu_cmd(boot, serial, extra), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                stdin=subprocess.PIPE if 'input' in boot else subprocess.DEVNULL)
        side_out = None
        timed_out = False
        try:
            if side:
                side_out = side()
            out, _ = proc.communicate(input=boot.get('input', '').encode() or None,
                                      timeout=boot_timeout(boot))
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
            timed_out = True
        lines = read_serial(serial)
        if out and out.strip():
            prefix = '' if 'input' in boot else '[qemu] '    # stdio: the console itself
            lines += [prefix + l.rstrip('\r') for l in out.decode(errors='replace').splitlines()]
        return lines, proc.returncode, timed_out, side_out


def run_qemu_watched(boot, extra, serial, watch):
    out_path = serial + '.out'
    with open(out_path, 'wb') as out:
        proc = subprocess.Popen(qemu_cmd(boot, serial, extra), stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline, timed_out, rc = time.monotonic() + boot_timeout(boot), False, None
        while True:
            try:
                rc = proc.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                pass
            if time.monotonic() > deadline:
                timed_out = True
            elif not watch(read_serial(serial)):
                continue
            proc.kill()
            proc.wait()
            break
    lines = read_serial(serial)
    with open(out_path, errors='replace') as f:
        lines += ['[qemu] ' + l.rstrip('\r\n') for l in f if l.strip()]
    return lines, rc, timed_out, None


TAP_LINE = re.compile(r'^(\s*)(not ok|ok) (\d+)\s*(?:- )?([^#]*?)\s*(#.*)?$')
PLAN = re.compile(r'^(\s*)1\.\.(\d+)$')
FREE_FRAMES = re.compile(r'free frames (\d+) before the tests, (\d+) after')
SUBTEST = re.compile(r'^(\s*)# Subtest: (\S+)')
PROGRAMS = re.compile(r'^# runtests: programs:(.*)$')     # user/bin/runtests.c
OWN_LINES = 25          # at most this many of a failed case's own lines


def own(lines, start, end, limit=OWN_LINES):
    """A failed case's detail: its own lines, lines[start..end] (from after
    the result before it to its own result line), the last `limit`."""
    part = lines[max(start, end + 1 - limit):end + 1]
    return ['  | ' + l for l in part]


def kernel_lines(lines, start, end, limit=45):
    """What a program's failure shows: the lines of lines[start..end] that
    are not its own (indented) output: the kernel's messages while it ran
    (an oops, a fault storm) and runtests' diagnostics ("# prog: ...")."""
    part = [l for l in lines[start:end + 1] if not l.startswith('    ') or
            SUBTEST.match(l)]
    return ['  | ' + l for l in part[-limit:]]


class Ktap:
    """What parse_ktap saw: the top plan and results, the suite running at
    the end (and where its header was), runtests' list of programs, the
    suites that printed their result."""
    def __init__(self):
        self.plan, self.seen, self.running, self.running_at = None, 0, None, None
        self.listed, self.done = None, []


def parse_ktap(lines, res, prefix=''):
    """Nested KTAP: indented results are cases of the suite named by the
    preceding "# Subtest:"; top-level results are suites (a runtests
    program).  A failed case's detail is its own lines: from the result
    before it to its own.  A suite whose result line fails although none
    of its cases did (a program's exit status, a page leak, the page-count
    audit) or whose plan does not match gets a case of its own."""
    st = Ktap()
    suite, sub_plan, sub_seen, since, failed = None, None, 0, 0, False
    for i, line in enumerate(lines):
        m = PROGRAMS.match(line)
        if m:
            st.listed = m.group(1).split()
            since = i + 1
            continue
        m = SUBTEST.match(line)
        if m and m.group(1):
            suite, sub_plan, sub_seen, failed = m.group(2), None, 0, False
            st.running_at = since = i
            continue
        m = PLAN.match(line)
        if m:
            if m.group(1):
                sub_plan = int(m.group(2))
            else:
                st.plan = int(m.group(2))
            continue
        m = TAP_LINE.match(line)
        if not m:
            continue
        indent, status, num, name, directive = m.groups()
        ok = status == 'ok'
        if indent:              # a case
            sub_seen += 1
            full = '%s%s.%s' % (prefix, suite or '?', name)
            if directive and 'SKIP' in directive.upper():
                res.add(full + ' (skipped)', True)
            else:
                res.add(full, ok, [] if ok else own(lines, since, i))
                failed |= not ok
            since = i + 1
            continue
        st.seen += 1            # a suite's (or a flat TAP program's) result
        if suite is None:       # flat TAP: top-level lines are the cases
            res.add(prefix + name, ok, [] if ok else own(lines, since, i))
        else:
            res.programs.append((prefix + suite, ok))
            st.done.append(suite)
            if sub_plan is None or sub_plan != sub_seen:
                res.add('%s%s: plan' % (prefix, suite), False,
                        ['%s planned %s cases, printed %d' % (suite, sub_plan, sub_seen)] +
                        kernel_lines(lines, st.running_at, i))
            elif not ok and not failed:
                res.add('%s%s: result' % (prefix, suite), False,
                        kernel_lines(lines, st.running_at, i))
        suite, since = None, i + 1
    st.running = suite
    return st


def boot_end_ok(rc, timed_out, st):
    return rc == EXIT_OK and not timed_out and st.plan is not None and st.plan == st.seen \
        and not st.running


def boot_trouble(rc, timed_out, st, reason=None):
    why = reason or describe_exit(rc, timed_out)
    if st.plan is None:
        why += '; no KTAP plan'
    elif st.plan != st.seen:
        why += '; planned %d suites, saw %d' % (st.plan, st.seen)
    if st.running:
        why += '; stopped in suite %s' % st.running
    return why


def run_ktap(boot):
    res = Result(boot)
    if RUNTESTS.search(boot.get('cmdline', '')):
        lines = run_programs(boot, res)
    else:
        lines, rc, timed_out, _ = run_qemu(boot)
        st = parse_ktap(lines, res, boot.get('prefix', ''))
        if not boot_end_ok(rc, timed_out, st):
            res.add('%s: boot (%s)' % (boot['name'], boot.get('cmdline', '')), False,
                    [boot_trouble(rc, timed_out, st)] + tail(lines))
    if not res.cases:
        res.add('%s: boot' % boot['name'], False, ['no test results'] + tail(lines))
    if boot.get('expect'):
        missing = expect_in_order(lines, boot['expect'])
        res.add('%s: output' % boot['name'], not missing,
                ['serial output lacks /%s/' % missing] + tail(lines) if missing else [])
    m = [FREE_FRAMES.search(l) for l in lines]
    m = [x for x in m if x]
    if m:       # the whole run gives back every frame it took
        before, after = int(m[-1].group(1)), int(m[-1].group(2))
        res.add('%s: free frames back to the start' % boot['name'], before == after,
                ['free frames: %d before the tests, %d after' % (before, after)])
    if boot.get('expect_fail'):
        expected_failures(boot, res)
    return res


# ---- /bin/runtests boots: a program that stops the kernel costs only itself ----

RUNTESTS = re.compile(r'(^|\s)init=/bin/runtests(\s|$)')
STORM = re.compile(r'fault storm: pid (\d+) \(([^)]*)\)')
STORM_GRACE = 20        # s: runtests kills a storming program within ~2 s
STUCK_BOOTS = 3         # boots in a row stopped by their first program: give up


def runtests_args(cmdline):
    """(the kernel options before " -- ", runtests' words after it)."""
    head, _, args = cmdline.partition(' -- ')
    return head, args.split()


def runtests_after(cmdline, program):
    """The cmdline that runs the programs after `program` (runtests --after)."""
    head, words = runtests_args(cmdline)
    rest, i = [], 0
    while i < len(words):
        if words[i] == '--after':
            i += 2
            continue
        rest.append(words[i])
        i += 1
    return ' '.join([head, '--', '--after', program] + rest)


def runtests_only(cmdline, programs):
    """The cmdline that runs only these programs of the boot's folder."""
    head, words = runtests_args(cmdline)
    opts, i = [], 0
    while i < len(words) and words[i].startswith('-'):
        opts += words[i:i + 2]
        i += 2
    folder = words[i] if i < len(words) else '/tests'
    return ' '.join([head, '--'] + opts + [folder] + list(programs))


class StormWatch:
    """run_qemu's watch for a runtests boot: stop QEMU when runtests itself
    (pid 1) is caught in a fault storm (nothing can end it), or when after
    a storm's warning the console stays silent for STORM_GRACE seconds, or
    (`silence`: the boot's key) when it stays silent that long at all: a
    boot of long programs (make selftests) whose kernel hangs ends there,
    not at its whole timeout."""
    def __init__(self, silence=None):
        self.reason, self.init_storm = None, False
        self.count, self.since, self.silence = 0, time.monotonic(), silence

    def __call__(self, lines):
        storms = [m for m in map(STORM.search, lines) if m]
        if any(m.group(1) == '1' for m in storms):
            self.init_storm = True
            self.reason = 'runtests itself (pid 1) is caught in a fault storm'
            return True
        if len(lines) != self.count:
            self.count, self.since = len(lines), time.monotonic()
        if storms and time.monotonic() - self.since > STORM_GRACE:
            self.reason = 'a fault storm, then no output for %d s' % STORM_GRACE
            return True
        if self.silence and time.monotonic() - self.since > self.silence:
            self.reason = 'hang: no output for %d s' % self.silence
            return True
        return False


def run_programs(boot, res):
    """A runtests boot, booted again after a program that stopped the
    kernel (a panic, a hang, a triple fault): that program fails, with the
    kernel's last lines, and the next boot starts after it (runtests
    --after), until every program ran.  A program that never ran (runtests
    itself caught, or STUCK_BOOTS boots in a row stopped by their first
    program) is a failure, named.  Returns the serial lines of all boots."""
    prefix, all_lines, listed, ran, stuck = boot.get('prefix', ''), [], None, [], 0
    segment, never_why = boot, None
    while True:
        watch = StormWatch(boot.get('silence'))
        lines, rc, timed_out, _ = run_qemu(segment, watch=watch)
        st = parse_ktap(lines, res, prefix)
        all_lines += lines
        listed = listed if listed is not None else st.listed
        ran += st.done
        if boot_end_ok(rc, timed_out, st):
            break
        why = watch.reason or describe_exit(rc, timed_out, boot_timeout(boot))
        if st.running:
            ran.append(st.running)
            res.programs.append((prefix + st.running, False))
            res.add('%s%s: the kernel stopped while it ran (%s)' % (prefix, st.running, why),
                    False, [boot_trouble(rc, timed_out, st, why)] +
                    kernel_lines(lines, st.running_at, len(lines) - 1))
        else:
            res.add('%s: boot (%s)' % (boot['name'], segment.get('cmdline', '')), False,
                    [boot_trouble(rc, timed_out, st, why)] + tail(lines))
        if listed is None or not (st.done or st.running):
            never_why = 'the boot before it ended before running a program'
            break
        if watch.init_storm:
            never_why = why
            break
        stuck = stuck + 1 if st.running and not st.done else 0
        if stuck >= STUCK_BOOTS:
            never_why = 'the last %d boots each stopped in their first program' % stuck
            break
        if not [p for p in listed if p not in ran]:
            break
        segment = dict(boot, cmdline=runtests_after(boot.get('cmdline', ''), ran[-1]))
    for p in listed or []:
        if p not in ran:
            res.programs.append((prefix + p, False))
            res.add('%s%s: never ran' % (prefix, p), False, ['never ran: ' + (never_why or '?')])
    return all_lines


def expected_failures(boot, res):
    """boot['expect_fail']: {program: [regexes]}: the runner's own test.
    Each program must fail, and its failures' lines show the regexes in
    order; it then counts as one passed case."""
    for prog, patterns in boot['expect_fail'].items():
        mine = [c for c in res.cases if c[0] == prog or c[0].startswith((prog + '.', prog + ':'))]
        bad = [c for c in mine if not c[1]]
        res.cases = [c for c in res.cases if c not in mine]
        res.programs = [p for p in res.programs if p[0] != prog]
        lines = [l for c in bad for l in [c[0]] + c[2]]
        missing = expect_in_order(lines, patterns) if bad else None
        name = '%s: %s fails, reported as it should' % (boot['name'], prog)
        if not bad:
            res.add(name, False, ['%s passed: it should have failed' % prog])
        else:
            res.add(name, not missing, ['its failure lacks /%s/:' % missing] + lines
                    if missing else [])


# ---- kind 'kselftest': Linux's mm selftests under /bin/runtests ----

TOTALS = re.compile(r'^    # Totals: pass:(\d+) fail:(\d+) xfail:(\d+) xpass:(\d+) skip:(\d+) '
                    r'error:(\d+)')
RESULT = re.compile(r'^(not ok|ok) \d+ (\S+)$')
KSFT_SKIP = 4           # kselftest's exit status for "skipped" (kselftest.h)


def kselftest_blocks(lines):
    """{name: (its lines, from "# Subtest: name" to its result line)} of a
    runtests boot (every segment, for a program the kernel stopped: up to
    where the serial output ends)."""
    blocks, name, start = {}, None, 0
    for i, line in enumerate(lines):
        m = SUBTEST.match(line)
        if m and m.group(1):
            if name:
                blocks[name] = lines[start:i]
            name, start = m.group(2), i
            continue
        m = RESULT.match(line)
        if m and name == m.group(2):
            blocks[name] = lines[start:i + 1]
            name = None
    if name:
        blocks[name] = lines[start:]
    return blocks


def kselftest_verdict(name, block, whole_skip_fails=False):
    """(passed, the totals and how it ended, why it failed) of one test's
    lines.  It passes when its kselftest totals say fail:0 (a test that
    prints none: when it exits 0) and it exits 0 or 4 (kselftest's skip), and
    runtests found no page leaked and the page counts right after it.  Totals
    of nothing at all (pass:0 ... skip:0) with exit 0 are a test that found
    the kernel lacking and tested nothing (mremap_dontunmap's "No kernel
    support for MREMAP_DONTUNMAP"): not a pass; nor, with whole_skip_fails
    (make test's goal tests, which must run here), is exit 4."""
    totals = [m for m in map(TOTALS.match, block) if m]
    status, signal, problems = 0, None, []
    for line in block:
        m = re.match(r'^# %s: (.*)$' % re.escape(name), line)
        if not m:
            continue
        what = m.group(1)
        if what.startswith('exit status '):
            status = int(what.split()[-1])
        elif what.startswith('killed by signal'):
            signal = what
        else:               # a timeout, a fault storm, a leak, the page-count audit
            problems.append(what)
    counts = dict(zip(('pass', 'fail', 'xfail', 'xpass', 'skip', 'error'),
                      map(int, totals[-1].groups()))) if totals else None
    shown = ' '.join('%s:%d' % kv for kv in counts.items()) if counts else '(no kselftest totals)'
    ended = signal or ('exit 4 (skip)' if status == KSFT_SKIP else 'exit %d' % status)
    not_run = [l.split('# SKIP not run: ', 1)[1] for l in block if '# SKIP not run: ' in l]
    if not_run:             # mm.run's "# skip: WHY": runtests did not run it
        ended += ', not run: ' + not_run[0]
    why = []
    if counts and counts['fail']:
        why.append('%d failed' % counts['fail'])
    if counts and not any(counts.values()) and status != KSFT_SKIP:
        why.append('it tested nothing')
    if signal or status not in (0, KSFT_SKIP):
        why.append(ended)
    elif status == KSFT_SKIP and whole_skip_fails:
        why.append('skipped as a whole (a goal test must run)')
    why += problems
    return not why, '%-52s %s' % (shown, ended), why


def run_kselftest(boot):
    """A runtests boot of Linux's selftests (tests/selftests/mm.run), each
    test one case named with its kselftest totals: "ok  selftests.mm:cow
    pass:N fail:0 ...  exit 0".  A test that stopped the kernel, or never
    ran, fails with run_programs' lines; a failed test shows its "not ok"
    lines, the kernel's messages while it ran (an unknown system call is
    named there) and its last lines."""
    res, scratch = Result(boot), Result(boot)
    iso = kernel_files(boot)[0]
    if boot.get('kernel') == 'selftests' and not os.path.exists(iso):
        res.add(boot['name'], False, ['missing %s: make test builds it when Debian\'s '
                                      'linux-source-6.12 is installed (scripts/deps.sh, as '
                                      'root); docs/selftests.md' % iso])
        return res
    lines = run_programs(boot, scratch)
    listed = next((m.group(1).split() for m in map(PROGRAMS.match, lines) if m), [])
    blocks = kselftest_blocks(lines)
    stopped = {}            # name: run_programs' case (the kernel stopped, never ran)
    for case, ok, detail in scratch.cases:
        for prog in listed:
            if not ok and (case.startswith(prog + ': the kernel stopped') or
                           case == prog + ': never ran'):
                stopped[prog] = (case[len(prog) + 2:], detail)
    width = max([len(p) for p in listed] + [8])
    for prog in listed:
        label = '%s:%-*s' % (boot['name'], width, prog)
        if prog in stopped:
            what, detail = stopped[prog]
            res.add('%s %s' % (label, what), False, detail)
            continue
        block = blocks.get(prog)
        if block is None:
            res.add('%s no output' % label, False, ['runtests printed nothing for it'])
            continue
        ok, shown, why = kselftest_verdict(prog, block, boot.get('whole_skip_fails'))
        detail = []
        if not ok:
            detail = ['%s: %s' % (prog, ', '.join(why))]
            detail += ['  | ' + l for l in block if l.startswith('    not ok')][:20]
            detail += ['  | ' + l for l in block[1:] if not l.startswith('    ')][-15:]
            detail += ['  (its last lines)'] + ['  | ' + l for l in block[-OWN_LINES:]]
        res.add('%s %s' % (label, shown), ok, detail)
    for case in scratch.cases:          # a boot that ended badly between programs
        if case[0].startswith(boot['name'] + ': '):
            res.add(*case)
    m = [x for x in map(FREE_FRAMES.search, lines) if x]
    if m:
        before, after = int(m[-1].group(1)), int(m[-1].group(2))
        res.add('%s: free frames back to the start' % boot['name'], before == after,
                ['free frames: %d before the tests, %d after' % (before, after)])
    return res


BENCH_LINE = re.compile(r'^(\S+)\s+(\d+) ticks')


def read_budget(path):
    """tests/bench-budget: {path: budget}, in the file's order."""
    budget = {}
    with open(path) as f:
        for line in f:
            words = line.split('#', 1)[0].split()
            if words:
                budget[words[0]] = int(words[1])
    return budget


def run_bench(boot):
    """faultbench under -icount: every path within its budget (instructions)."""
    res = Result(boot)
    lines, rc, timed_out, _ = run_qemu(boot)
    counts = {m.group(1): int(m.group(2)) for m in map(BENCH_LINE.match, lines) if m}
    if rc != EXIT_OK or timed_out or not counts:
        res.add(boot['name'], False, [describe_exit(rc, timed_out)] + tail(lines))
        return res
    budget = read_budget(os.path.join(ROOT, boot['budget']))
    for path, limit in budget.items():
        got = counts.get(path)
        if got is None:
            res.add('%s.%s' % (boot['name'], path), False,
                    ['faultbench printed no count for %s' % path] + tail(lines))
        else:
            res.add('%s.%s: %d instructions, budget %d' % (boot['name'], path, got, limit),
                    got <= limit,
                    ['%s costs %d guest instructions, over its budget of %d (+%.1f%%) in %s'
                     % (path, got, limit, 100.0 * (got - limit) / limit, boot['budget'])])
    for path in counts.keys() - budget.keys():
        res.add('%s.%s' % (boot['name'], path), False,
                ['%s has no budget in %s' % (path, boot['budget'])])
    return res


PROFILE_BENCH = re.compile(r'\(faultbench: (\d+) ticks/page\)')
PROFILE_ROW = re.compile(r'^(.*?)\s+(\d+\.\d)\s+(\d+\.\d)$')


def run_profile(boot):
    """make profile FAULT=...: one boot of faultbench under the QEMU plugin.
    Its total agrees with faultbench's figure; the fault path is named."""
    res = Result(boot)
    name = boot['name']
    # a make of its own (not the jobserver of the make test that runs us)
    env = {k: v for k, v in os.environ.items() if k not in ('MAKEFLAGS', 'MFLAGS', 'MAKELEVEL')}
    cmd = ['make', '-s', '--no-print-directory', 'profile', 'FAULT=' + boot['fault']]
    if os.path.basename(BUILD.rstrip('/')) == 'debug':
        cmd.append('DEBUG=1')
    try:
        p = subprocess.run(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=3 * TIMEOUT)
        lines, ok = (p.stdout + p.stderr).splitlines(), p.returncode == 0
        why = 'make profile failed (status %d)' % p.returncode
    except subprocess.TimeoutExpired:
        lines, ok, why = [], False, 'make profile: no result within %ds' % (3 * TIMEOUT)
    rows = {m.group(1).strip(): float(m.group(2)) for m in map(PROFILE_ROW.match, lines) if m}
    bench = [int(m.group(1)) for m in map(PROFILE_BENCH.search, lines) if m]
    if not ok or 'total' not in rows or not bench:
        res.add(name, False, [why if not ok else 'make profile printed no total or no '
                              'faultbench figure', ' '.join(cmd)] + tail(lines))
        return res
    total, want = rows['total'], bench[0]
    res.add('%s: total %.1f instructions, faultbench %d' % (name, total, want),
            abs(total - want) <= boot['slack'] * want,
            ['the profile\'s total, %.1f, is more than %.0f%% from faultbench\'s %d'
             % (total, 100 * boot['slack'], want)] + ['  | ' + l for l in lines])
    missing = [f for f in boot['functions'] if f not in rows]
    res.add('%s: names %s' % (name, ', '.join(boot['functions'])), not missing,
            ['no row for %s' % ', '.join(missing)] + ['  | ' + l for l in lines])
    return res


def expect_in_order(lines, patterns, where=None):
    """The first pattern not found (searching after the previous match), or
    None; `where`, a list, gets the line the search for it started at."""
    pos = 0
    for pat in patterns:
        rx = re.compile(pat)
        for j in range(pos, len(lines)):
            if rx.search(lines[j]):
                pos = j + 1
                break
        else:
            if where is not None:
                where.append(pos)
            return pat
    return None


def run_panic(boot):
    res = Result(boot)
    lines, rc, timed_out, _ = run_qemu(boot)
    missing = expect_in_order(lines, boot['expect'])
    if rc != EXIT_PANIC or timed_out:
        res.add(boot['name'], False, ['expected a kernel panic, got: ' +
                                      describe_exit(rc, timed_out)] + tail(lines))
    elif missing:
        res.add(boot['name'], False, ['panic output lacks /%s/' % missing] + tail(lines, 60))
    else:
        res.add(boot['name'], True)
    return res


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def run_gdb(boot):
    res = Result(boot)
    script = os.path.join(ROOT, 'tests', 'gdb', boot['name'].split('.', 1)[1] + '.gdb')
    with open(script) as f:
        expect = [l.split(':', 1)[1].strip() for l in f if l.startswith('# expect:')]
    iso, elf = kernel_files(boot)
    for f in (iso, elf):
        if not os.path.exists(f):
            res.add(boot['name'], False, ['missing %s: make test builds it (make debug-kernel)'
                                          % f])
            return res
    port = free_port()
    gdb = ['gdb', '-batch', '-nx', '-x', os.path.join(ROOT, 'scripts', 'gdb', 'init.gdb'),
           '-ex', 'target remote :%d' % port, '-x', script, elf]

    def side():
        try:
            p = subprocess.run(gdb, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)
            return (p.stdout + p.stderr).splitlines()
        except subprocess.TimeoutExpired as e:
            return ['gdb timed out'] + (e.stdout or b'').decode(errors='replace').splitlines()

    lines, rc, timed_out, out = run_qemu(boot, ['-gdb', 'tcp:127.0.0.1:%d' % port, '-S'], side)
    out = out or []
    where = []
    missing = expect_in_order(out, expect, where)
    start = max(0, where[0] - 5) if where else max(0, len(out) - 40)
    show = ['  gdb| ' + l for l in out[start:start + 40]]	# from the last match on
    drift = check_transcript(boot['doc'], script, out) if boot.get('doc') and not missing else []
    if missing:
        res.add(boot['name'], False, ['gdb output lacks /%s/' % missing] + show)
    elif drift:
        res.add(boot['name'], False, drift)
    elif rc != EXIT_OK or timed_out:
        res.add(boot['name'], False, ['after gdb: ' + describe_exit(rc, timed_out)] + show +
                tail(lines))
    else:
        res.add(boot['name'], True)
    return res


HEXISH = re.compile(r'\b(0x[0-9a-f]+|[0-9a-f]*[0-9][0-9a-f]*)\b')


def transcript_pattern(line):
    """A regex for one output line a document quotes: the same text, but
    pointers, pfns, addresses and other numbers of 5+ digits (or 3+ hex
    digits with a letter) may differ; line numbers and small counts may not."""
    parts, pos = [], 0
    for m in HEXISH.finditer(line):
        tok = m.group(1)
        digits = tok[2:] if tok.startswith('0x') else tok
        vary = len(digits) >= 5 or (not tok.startswith('0x') and len(digits) >= 3 and
                                    not digits.isdigit()) or line[:m.start()].endswith('pfn ')
        parts.append(re.escape(line[pos:m.start()]))
        parts.append(('0x' if tok.startswith('0x') else '') + '[0-9a-f]+' if vary
                     else re.escape(tok))
        pos = m.end()
    return ''.join(parts) + re.escape(line[pos:])


# A student tree (scripts/mklab.py writes .lab): a lab's stub or the
# student's code moves the source lines below it, so there the documents'
# line numbers may differ (in the full tree they may not: a drifted tour
# must fail).
IN_STUDENT_TREE = os.path.exists(os.path.join(ROOT, '.lab'))
LINE_NUMBER = re.compile(r'(\.[ch]:)\d+|^\d+(?=\t)')


def without_line_numbers(line):
    return LINE_NUMBER.sub(lambda m: (m.group(1) or '') + 'N', line)


def check_transcript(doc, script, out):
    """Does `doc` (docs/tour.md) quote this gdb session?  In its code
    blocks with "(gdb) " lines: the commands must be the script's, in
    order (but those after a "# (not in the tour)" line); every other line
    but "$ ..." (the shell) and "..." must begin a line of the output, in
    order (transcript_pattern).  A note after "  # " is the tour's own.
    The lines that differ, or []."""
    with open(os.path.join(ROOT, doc)) as f:
        text = f.read()
    with open(script) as f:
        cmds, hidden = [], False
        for l in f:
            l = l.rstrip('\n')
            if l.startswith('# (not in the tour)'):
                hidden = True
            elif l.strip() and not l.startswith('#'):
                if not hidden:
                    cmds.append(l)
                hidden = False
    quoted, shown = [], []
    for block in re.findall(r'^```\n(.*?)^```', text, re.S | re.M):
        if '\n(gdb)' not in '\n' + block:
            continue
        for l in block.splitlines():
            l = l.split('  # ', 1)[0].rstrip()
            if l.startswith('(gdb) '):
                quoted.append(l[6:].strip())
            elif l.strip() not in ('', '...', '(gdb)') and not l.startswith('$ '):
                shown.append(l)
    problems = []
    for i, (a, b) in enumerate(zip(quoted + [None] * len(cmds), cmds + [None] * len(quoted))):
        if a != b:
            problems.append('%s: command %d is "(gdb) %s", but %s runs "%s" there'
                            % (doc, i + 1, a, os.path.relpath(script, ROOT), b))
            break
    if IN_STUDENT_TREE:
        shown = [without_line_numbers(l) for l in shown]
        out = [without_line_numbers(l) for l in out]
    pos = 0
    for l in shown:
        rx = re.compile(transcript_pattern(l))
        for j in range(pos, len(out)):
            if rx.match(out[j]):
                pos = j + 1
                break
        else:
            near = ['  gdb| ' + o for o in out[max(0, pos - 2):pos + 8]]
            problems += ['%s shows a line this session (%s) does not print, after its line %d:'
                         % (doc, os.path.relpath(script, ROOT), pos), '    ' + l,
                         '  the session there:'] + near + \
                        ['  (if only line numbers moved: scripts/fix_transcript.py NAME updates them)']
            break
    return problems


def run_console(boot):
    """Type boot['input'] at the console; expect the regexes, in order, and a clean end."""
    res = Result(boot)
    lines, rc, timed_out, _ = run_qemu(boot)
    missing = expect_in_order(lines, boot['expect'])
    if missing:
        res.add(boot['name'], False, ['console output lacks /%s/' % missing] + tail(lines, 60))
    elif rc != EXIT_OK or timed_out:
        res.add(boot['name'], False, ['expected a clean power-off, got: ' +
                                      describe_exit(rc, timed_out)] + tail(lines))
    else:
        res.add(boot['name'], True)
    return res


# ---- kind 'screenshot': a picture on /dev/fb0, checked pixel by pixel ----

PPM_HEADER = re.compile(rb'P6\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)\s+'
                        rb'(?:#[^\n]*\n\s*)*(\d+)\s')


def read_ppm(path):
    """(width, height, RGB bytes) of a binary PPM (P6, maxval 255), as QEMU's
    screendump writes it; None while the file is incomplete."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError:
        return None
    m = PPM_HEADER.match(data)
    if not m or int(m.group(3)) != 255:
        return None
    w, h = int(m.group(1)), int(m.group(2))
    pixels = data[m.end():]
    return (w, h, pixels) if len(pixels) == w * h * 3 else None


# fbdemo's picture (user/bin/fbdemo.c), recomputed: the same IEEE double
# operations in the same order, so the escape times agree bit for bit.
FBDEMO_MAX_ITER = 128
FBDEMO_PALETTE = [(66, 30, 15), (25, 7, 26), (9, 1, 47), (4, 4, 73), (0, 7, 100),
                  (12, 44, 138), (24, 82, 177), (57, 125, 209), (134, 181, 229),
                  (211, 236, 248), (241, 233, 191), (248, 201, 95), (255, 170, 0),
                  (204, 128, 0), (153, 87, 0), (106, 52, 3)]
FBDEMO_MARKS = [(16, (255, 0, 0)), (96, (0, 255, 0)), (176, (0, 0, 255))]   # x0, colour


def fbdemo_escape_time(x, y, xres, yres):
    scale = 3.5 / xres
    cx = -2.5 + (x + 0.5) * scale
    cy = (y + 0.5 - yres / 2.0) * scale
    q = (cx - 0.25) * (cx - 0.25) + cy * cy
    if q * (q + (cx - 0.25)) <= 0.25 * cy * cy:
        return FBDEMO_MAX_ITER                  # main cardioid
    if (cx + 1.0) * (cx + 1.0) + cy * cy <= 0.0625:
        return FBDEMO_MAX_ITER                  # period-2 bulb
    zx = zy = x2 = y2 = 0.0
    n = 0
    while n < FBDEMO_MAX_ITER and x2 + y2 <= 4.0:
        zy = 2.0 * zx * zy + cy
        zx = x2 - y2 + cx
        x2 = zx * zx
        y2 = zy * zy
        n += 1
    return n


def fbdemo_colour(x, y, w, h):
    for x0, rgb in FBDEMO_MARKS:
        if x0 <= x < x0 + 64 and 16 <= y < 16 + 64:
            return rgb
    n = fbdemo_escape_time(x, y, w, h)
    return (0, 0, 0) if n >= FBDEMO_MAX_ITER else FBDEMO_PALETTE[n % 16]


MODELS = {'fbdemo': fbdemo_colour}


def rgb_hex(rgb):
    return '#%02x%02x%02x' % tuple(rgb)


def check_pixels(shot, boot):
    """(named pixels wrong, model pixels wrong): lines 'pixel (x,y) ...'."""
    w, h, px = shot

    def at(x, y):
        i = (y * w + x) * 3
        return tuple(px[i:i + 3])

    named = []
    for x, y, want, what in boot.get('pixels', []):
        want = ((want >> 16) & 255, (want >> 8) & 255, want & 255)
        if at(x, y) != want:
            named.append('pixel (%d,%d), %s: expected %s, found %s'
                         % (x, y, what, rgb_hex(want), rgb_hex(at(x, y))))
    model, step, wrong, total = MODELS.get(boot.get('model')), boot.get('grid', 16), [], 0
    if model:
        for y in range(step // 2, h, step):
            for x in range(step // 2, w, step):
                total += 1
                want = model(x, y, w, h)
                if at(x, y) != want:
                    wrong.append('pixel (%d,%d): expected %s (%s model), found %s'
                                 % (x, y, rgb_hex(want), boot['model'], rgb_hex(at(x, y))))
        if wrong:
            wrong = ['%d of %d sampled pixels differ from the model' % (len(wrong), total)] \
                + wrong[:12]
    return named, wrong, total


class Monitor:
    """QEMU's human monitor (HMP) on a unix socket, connected as soon as
    QEMU has made it (OSError when it never does, by the deadline); its
    commands are sent one at a time, each answered before the next."""

    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.sock.settimeout(max(1.0, deadline - time.monotonic()))
        got = b''
        while not got.endswith(b'(qemu) '):         # the banner, then the prompt
            got += self.sock.recv(4096) or b'(qemu) '

    def command(self, command):
        """The error text, or None."""
        try:
            self.sock.sendall(command.encode() + b'\n')
            got = b''
            # the echo, then a new prompt once the command is done: closing
            # the socket sooner would drop what QEMU has not read yet
            while b'\n(qemu) ' not in got:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return 'monitor closed during %r' % command
                got += chunk
        except OSError as e:
            return 'monitor: %s' % e
        return None

    def close(self):
        self.sock.close()


def monitor_command(path, command, deadline):
    """Send one HMP command to QEMU's monitor socket; the error text, or None."""
    try:
        monitor = Monitor(path, deadline)
    except OSError as e:
        return 'monitor %s: %s' % (path, e)
    try:
        return monitor.command(command)
    finally:
        monitor.close()


def run_screenshot(boot):
    """Boot with a monitor socket and the serial console on stdio; when the
    serial output matches boot['ready'], screendump the display, press Enter
    on the console, and expect a clean power-off, the `expect` regexes in
    order, and the pixels: boot['pixels'] (x, y, 0xRRGGBB, what) and, with
    boot['model'], a grid of samples (every boot['grid'] pixels) against
    the picture recomputed here.  The screenshot is kept in build/."""
    res = Result(boot)
    name = boot['name']
    deadline = time.monotonic() + TIMEOUT
    kept = os.path.join(BUILD, name + '.ppm')
    with tempfile.TemporaryDirectory() as tmp:
        monitor = os.path.join(tmp, 'monitor.sock')
        shot_path = os.path.join(tmp, 'screen.ppm')
        cmd = qemu_cmd(dict(boot, input=''), None)     # 'input': the serial console on stdio
        cmd[cmd.index('-monitor') + 1] = 'unix:%s,server,nowait' % monitor
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        lines, ready, ready_rx = [], threading.Event(), re.compile(boot['ready'])

        def reader():
            for raw in proc.stdout:
                line = raw.decode(errors='replace').rstrip('\r\n')
                lines.append(line)
                if ready_rx.search(line):
                    ready.set()
            ready.set()                 # EOF: QEMU is gone, stop waiting

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        problem, shot = None, None
        ready.wait(max(0.0, deadline - time.monotonic()))
        if not any(ready_rx.search(l) for l in lines):
            problem = 'serial output lacks /%s/ (%s)' % (
                boot['ready'], 'QEMU exited' if proc.poll() is not None else
                'no such line within %ds' % TIMEOUT)
        else:
            problem = monitor_command(monitor, 'screendump ' + shot_path, deadline)
            while not problem and shot is None:
                shot = read_ppm(shot_path)
                if shot is None and time.monotonic() > deadline:
                    problem = 'screendump: %s incomplete after %ds' % (shot_path, TIMEOUT)
                elif shot is None:
                    time.sleep(0.1)
        try:                            # press Enter: the program exits, init powers off
            proc.stdin.write(b'\n')
            proc.stdin.close()
        except OSError:
            pass
        timed_out = False
        try:
            proc.wait(max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            timed_out = True
        t.join(5)
        if shot:                        # kept for a look (any image viewer reads PPM)
            os.makedirs(BUILD, exist_ok=True)
            shutil.copyfile(shot_path, kept)
    rc = proc.returncode
    if problem:
        res.add('%s: screendump' % name, False, [problem] + tail(lines))
    else:
        w, h, _ = shot
        want = boot.get('size')
        size_ok = not want or tuple(want) == (w, h)
        res.add('%s: screendump (%dx%d)' % (name, w, h), size_ok,
                [] if size_ok else ['screendump is %dx%d, expected %dx%d' % (w, h, *want)])
        named, wrong, total = check_pixels(shot, boot)
        res.add('%s: %d named pixels' % (name, len(boot.get('pixels', []))), not named,
                named + ['(the screenshot: %s)' % kept] + tail(lines, 20) if named else [])
        if boot.get('model'):
            res.add('%s: %d sampled pixels match the %s model' % (name, total, boot['model']),
                    not wrong, wrong + ['(the screenshot: %s)' % kept] if wrong else [])
    missing = expect_in_order(lines, boot.get('expect', []))
    res.add('%s: serial output' % name, not missing,
            ['serial output lacks /%s/' % missing] + tail(lines) if missing else [])
    clean = rc == EXIT_OK and not timed_out
    res.add('%s: clean power-off after Enter' % name, clean,
            [] if clean else [describe_exit(rc, timed_out)] + tail(lines))
    return res


def run_gdb_twice(boot):
    """gdb against QEMU is timing-sensitive on a loaded machine: a session
    that fails is run once more, and a pass on the second try is reported
    as such (its first failure printed), never silently."""
    res = run_gdb(boot)
    if all(ok for _, ok, _ in res.cases):
        return res
    again = run_gdb(boot)
    if not all(ok for _, ok, _ in again.cases):
        return res
    with print_lock:
        print('note: %s failed once, then passed; the first failure:' % boot['name'])
        for name, ok, detail in res.cases:
            if not ok:
                print('\n'.join(detail[:12]))
    again.cases = [(name + ' (on the second try)', ok, d) for name, ok, d in again.cases]
    return again


def run_selftest(boot):
    """tests/test_run.py: each unit test of the runner is a case."""
    import io
    import unittest
    res = Result(boot)
    with print_lock:            # the tests swap run_qemu for a fake: no boot at the time
        suite = unittest.defaultTestLoader.loadTestsFromName('test_run')
        for test in unittest.TestSuite(t for s in suite for t in s):
            out = io.StringIO()
            r = unittest.TextTestRunner(stream=out, verbosity=0).run(test)
            res.add('%s.%s' % (boot['name'], test.id().split('.', 1)[1]), r.wasSuccessful(),
                    ['  | ' + l for l in out.getvalue().splitlines()])
    return res


def run_compat(boot):
    """tests/compat: each script with BusyBox on this host and in faultline,
    the two outputs compared (tests/compatrun.py)."""
    import compatrun
    return compatrun.run_compat(boot, Result, run_qemu, tail, describe_exit, EXIT_OK)


RUNNERS = {'ktap': run_ktap, 'compat': run_compat, 'selftest': run_selftest, 'kselftest': run_kselftest, 'panic': run_panic, 'gdb': run_gdb_twice, 'console': run_console,
           'bench': run_bench, 'profile': run_profile,
           'screenshot': run_screenshot}


def select(only):
    """The boots --only names: a boot; BOOT:PROG,PROG (the programs of a
    runtests boot: user:cow_basic), a tests/user program (cow_basic: the
    user boot with it alone), labs.LAB, or in-kernel suites (printk,
    printk.width, ktest:printk)."""
    if not only:
        return BOOTS
    named = [b for b in BOOTS + ON_REQUEST if b['name'] == only]
    if named:
        return named
    if only.startswith('labs.'):        # one lab's proof: labs.cow
        return [dict(name='labs', kind='labs', labs=[only.split('.', 1)[1]])]
    if only.startswith('compat.'):      # scripts of the corpus: compat.text,files
        b = [b for b in BOOTS if b['name'] == 'compat'][0]
        return [dict(b, only=only.split('.', 1)[1].split(','))]
    by_name = {b['name']: b for b in BOOTS + ON_REQUEST}
    boot, sep, what = only.partition(':')
    if not sep and os.path.exists(os.path.join(ROOT, 'tests', 'user', only + '.c')):
        boot, sep, what = 'user', ':', only
    if sep and what and RUNTESTS.search(by_name.get(boot, {}).get('cmdline', '')):
        b = by_name[boot]
        return [dict(b, cmdline=runtests_only(b['cmdline'], what.split(',')))]
    if sep and boot == 'ktest':
        only = what
    return [dict(name='ktest', kind='ktap', cmdline='test=' + only)]


def merge_twins(results):
    """A boot with `twin` (user.cpu_max: the user programs again, with SMEP
    and SMAP on) names its cases with its `prefix`; a case that fails in
    both is one failure, the twin's, which says it fails on both."""
    by_name = {r.boot['name']: r for r in results}
    for r in results:
        twin, prefix = by_name.get(r.boot.get('twin')), r.boot.get('prefix', '')
        if not twin or not prefix:
            continue
        failing = {name: i for i, (name, ok, _) in enumerate(twin.cases) if not ok}
        kept = []
        for name, ok, detail in r.cases:
            plain = name[len(prefix):] if name.startswith(prefix) else None
            if not ok and plain in failing:
                i = failing[plain]
                n, o, d = twin.cases[i]
                twin.cases[i] = (n, o, d + ['  (fails the same way in %s, on %s)'
                                            % (r.boot['name'], ' '.join(r.boot.get('qemu', [])))])
            else:
                kept.append((name, ok, detail))
        r.cases = kept


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', help='a boot name or test= value')
    ap.add_argument('--list', action='store_true')
    ap.add_argument('-j', type=int, default=2, help='boots at once (default 2)')
    ap.add_argument('--results', metavar='FILE',
                    help='write every case (and every suite\'s own result) as JSON')
    args = ap.parse_args()
    if args.list:
        for b in BOOTS:
            print('%-28s %-6s %s' % (b['name'], b['kind'], b.get('cmdline', '')))
        for b in ON_REQUEST:        # not in make test: --only runs them (make selftests)
            print('%-28s %-6s %s  (--only)' % (b['name'], b['kind'], b.get('cmdline', '')))
        return 0
    for f in (TEST_ISO, TEST_ELF):
        if not os.path.exists(f):
            print('missing %s: run make test' % f)
            print('0 passed, 1 failed')
            return 1
    boots = select(args.only)
    late = [b for b in boots if b['kind'] == 'labs']     # after the rest: reuses their results
    with ThreadPoolExecutor(max_workers=args.j) as pool:
        results = list(pool.map(lambda b: RUNNERS[b['kind']](b),
                                [b for b in boots if b['kind'] != 'labs']))
    for b in late:
        import labproof     # tests/labproof.py: every lab's student tree, proven
        results.append(labproof.run_labs(b, results, Result))
    merge_twins(results)
    passed, failures = 0, []
    for r in results:
        for name, ok, detail in r.cases:
            print('%s %s' % ('ok    ' if ok else 'FAILED', name))
            passed += ok
            if not ok:
                failures.append((name, detail))
    if args.results:
        write_results(args.results, results)
    if failures:                # the list, each failure with its own lines
        print('\n%d failed:' % len(failures))
        for name, detail in failures:
            print('\nFAILED %s' % name)
            for d in detail:
                print(d)
        print()
    print('%d passed, %d failed' % (passed, len(failures)))
    return 1 if failures else 0


def write_results(path, results):
    """Every case as {boot, name, ok, detail}; every KTAP suite's own
    result line (a user program: its exit status, leak and audit checks)
    as {boot, name, ok, suite: true}."""
    import json
    rows = []
    for r in results:
        rows += [dict(boot=r.boot['name'], name=n, ok=ok, detail=d) for n, ok, d in r.cases]
        rows += [dict(boot=r.boot['name'], name=n, ok=ok, suite=True) for n, ok in r.programs]
    with open(path, 'w') as f:
        json.dump(rows, f, indent=0)


if __name__ == '__main__':
    sys.exit(main())
