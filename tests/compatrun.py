#!/usr/bin/env python3
"""tests/compatrun.py — the compatibility corpus (tests/compat/README.md).

tests/compat/run.sh runs each script of tests/compat under BusyBox, in a
fresh folder, and frames its output and exit status with markers.  It runs
twice: on this Linux host (here, in a temporary folder) and inside faultline
(the boot `compat` of tests/boots.py: run.sh is the first program).  One
case per script (compat.text, compat.files, ...): the two outputs must be
the same, but for the one mask applied here to both: the work folder's path
and the scripts' folder read $WORK and $COMPAT (the host's are temporary).
A mismatch prints a unified diff, Linux's lines as "-", faultline's as "+".

    tests/compatrun.py --host [NAME...]   the host side alone, as TAP: each
                                          script must end with status 0 under
                                          BusyBox on Linux (make test-linux)
    tests/compatrun.py --applets          the BusyBox applets the scripts run

Python 3 standard library only.
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(ROOT, 'tests', 'compat')
HOST_TIMEOUT = 120
DIFF_LINES = 40         # at most this many lines of a mismatch's diff

# The host's BusyBox and bash, as the Makefile puts them in the initrd
# (/bin/busybox, /bin/bash): only static binaries go in, so only then is the
# kernel's run of the same binary.
HOST_BUSYBOX, HOST_BASH = '/bin/busybox', '/bin/bash-static'

HEADER = re.compile(r'^@@compat work=(\S+) scripts=(\S+)$')
BEGIN = re.compile(r'^@@compat begin (\S+)$')
END = re.compile(r'^@@compat end (\S+) status (\d+)$')
SKIP = re.compile(r'^@@compat skip (\S+): (.*)$')
# The kernel's console line for a system call it does not implement (named
# once per boot, docs/syscalls.md): not the script's output.  It is left
# out of the comparison (what the program did with -ENOSYS still shows in
# its own output) and listed in the case's name.
NOT_IMPLEMENTED = re.compile(r'^\S+\[\d+\]: system call \d+ \((\w+)\) not implemented: -ENOSYS$')


def is_static(path):
    """An executable with no program interpreter (what the Makefile's
    BUSYBOX_BIN and BASH_BIN test with readelf)."""
    import struct
    try:
        with open(path, 'rb') as f:
            data = f.read(1 << 16)
    except OSError:
        return False
    if not os.access(path, os.X_OK) or data[:5] != b'\x7fELF\x02':    # ELF64
        return False
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    types = [struct.unpack_from('<I', data, phoff + i * phentsize)[0] for i in range(phnum)]
    return 3 not in types       # PT_INTERP


def names_():
    """The scripts of the corpus: NAME for tests/compat/NAME.sh and NAME.bash."""
    out = []
    for f in sorted(os.listdir(SCRIPTS)):
        base, ext = os.path.splitext(f)
        if ext in ('.sh', '.bash') and base != 'run':
            out.append(base)
    return out


def is_bash(name):
    return os.path.exists(os.path.join(SCRIPTS, name + '.bash'))


def parse(lines, enosys=None):
    """{name: [its lines..., 'exit status N']}, {name: why skipped}; the
    work and scripts paths are masked as $WORK and $COMPAT.  A script that
    began but never ended has its lines so far and no status line.  With
    enosys (a dict), the kernel's not-implemented lines are left out and
    enosys[name] lists the calls they named."""
    runs, skipped, cur, work, scripts = {}, {}, None, None, None
    name = None
    for line in lines:
        m = NOT_IMPLEMENTED.match(line) if enosys is not None else None
        if m and cur is not None:
            enosys.setdefault(name, []).append(m.group(1))
            continue
        m = HEADER.match(line)
        if m:
            work, scripts = m.group(1), m.group(2)
            continue
        m = SKIP.match(line)
        if m:
            skipped[m.group(1)] = m.group(2)
            continue
        m = BEGIN.match(line)
        if m:
            name = m.group(1)
            cur = runs[name] = []
            continue
        m = END.match(line)
        if m and cur is not None and runs.get(m.group(1)) is cur:
            cur.append('exit status ' + m.group(2))
            cur = None
            continue
        if cur is not None:
            if work:
                line = line.replace(work, '$WORK')
            if scripts:
                line = line.replace(scripts + '/', '$COMPAT/')
            cur.append(line)
    return runs, skipped


def host_run(only=()):
    """Run the corpus with BusyBox on this host: (lines, problem or None)."""
    bash = HOST_BASH if is_static(HOST_BASH) else '-'
    with tempfile.TemporaryDirectory(prefix='faultline-compat.') as tmp:
        cmd = [HOST_BUSYBOX, 'sh', os.path.join(SCRIPTS, 'run.sh'), SCRIPTS,
               os.path.join(tmp, 'compat'), HOST_BUSYBOX, bash] + list(only)
        # Every signal at its default and none blocked, as faultline's init
        # starts the scripts and a terminal's shell would, whatever this
        # runner inherited: a make started with & ignores SIGINT and SIGQUIT,
        # nohup SIGHUP, and a shell cannot trap a signal ignored at its start
        # (POSIX: shell_jobs's traps said nothing on the host); Python itself
        # ignores SIGPIPE and SIGXFSZ, and execv keeps that (`yes | head`
        # said "Broken pipe" on the host where yes dies of SIGPIPE)
        cmd = [sys.executable, '-c', 'import os, signal, sys\n'
               'for s in signal.valid_signals():\n'
               '    if s not in (signal.SIGKILL, signal.SIGSTOP):\n'
               '        try:\n'
               '            signal.signal(s, signal.SIG_DFL)\n'
               '        except (OSError, ValueError):\n'
               '            pass\n'
               'signal.pthread_sigmask(signal.SIG_SETMASK, [])\n'
               'os.execv(sys.argv[1], sys.argv[1:])'] + cmd
        try:
            p = subprocess.run(cmd, cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=HOST_TIMEOUT)
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b'').decode(errors='replace').splitlines()
            return out, 'the host run took more than %d s' % HOST_TIMEOUT
        out = (p.stdout + p.stderr).decode(errors='replace').splitlines()
        return out, None if p.returncode == 0 else 'run.sh ended with status %d' % p.returncode


def diff(host, guest):
    d = list(difflib.unified_diff(host, guest, 'Linux (BusyBox on the host)', 'faultline',
                                  n=2, lineterm=''))
    more = len(d) - DIFF_LINES
    return ['  ' + l for l in d[:DIFF_LINES]] + (['  ... (%d more lines)' % more] if more > 0 else [])


def missing_tools():
    if not is_static(HOST_BUSYBOX):
        return 'no static %s on this host (busybox-static: scripts/deps.sh installs it)' \
            % HOST_BUSYBOX
    return None


def run_compat(boot, Result, run_qemu, tail, describe_exit, EXIT_OK):
    """tests/run.py's runner of kind 'compat': the boot and the host run at
    once; one case per script."""
    res = Result(boot)
    only = boot.get('only', ())
    wanted = list(only) or names_()
    why = missing_tools()
    if why:
        for n in wanted:
            res.add('compat.%s (skipped: %s)' % (n, why), True)
        return res
    host = {}
    t = threading.Thread(target=lambda: host.update(out=host_run(only)))
    t.start()
    lines, rc, timed_out, _ = run_qemu(dict(boot, cmdline=' '.join([boot['cmdline']] + list(only))))
    t.join()
    host_lines, host_problem = host['out']
    linux, linux_skipped = parse(host_lines)
    enosys = {}
    guest, _ = parse(lines, enosys)
    clean = rc == EXIT_OK and not timed_out
    for n in wanted:
        name = 'compat.' + n
        if n in linux_skipped:
            res.add('%s (skipped: %s on the host: bash-static, scripts/deps.sh installs it)'
                    % (name, linux_skipped[n]), True)
        elif n not in linux:
            res.add(name, False, ['no output from the host run (%s)' % (host_problem or '?')] +
                    tail(host_lines, 20))
        elif n not in guest:
            res.add(name, False, ['never ran in faultline (%s)' % describe_exit(rc, timed_out)]
                    + tail(lines, 20))
        elif linux[n] != guest[n]:
            res.add(name, False, ['its output in faultline differs from Linux\'s:'] +
                    diff(linux[n], guest[n]) +
                    (['faultline named system calls it lacks (-ENOSYS) while it ran: ' +
                      ', '.join(enosys[n])] if n in enosys else []))
        elif n in enosys:
            res.add('%s (faultline named %s: -ENOSYS)' % (name, ', '.join(enosys[n])), True)
        else:
            res.add(name, True)
    if not clean:
        res.add('compat: boot', False, ['expected a clean end after the last script, got: ' +
                                        describe_exit(rc, timed_out)] + tail(lines))
    return res


# Words before a command that run the command after them.
PREFIXES = {'env', 'exec', 'xargs', 'timeout', 'setsid', 'nice', 'time', 'command', '!', 'then',
            'do', 'else', 'elif', 'if', 'while', 'until', 'sudo', '-exec'}
SEPARATORS = re.compile(r'\|\||&&|[|;&(){}`]|\$\(')
ASH_BUILTINS = {'echo', 'printf', 'test', '[', '[[', 'kill', 'pwd', 'true', 'false', 'read',
                'getopts', 'wait', 'trap', 'type', 'command', 'ulimit', 'umask', 'cd', 'eval'}


def applets(lines=None):
    """{applet: [scripts]}: the BusyBox applets the .sh scripts run, found
    as the first word of each command (after env, xargs, timeout N,
    -exec, ...).  A heuristic: it reads words, not the shell's grammar."""
    names = set(subprocess.run([HOST_BUSYBOX, '--list'], capture_output=True,
                               text=True).stdout.split())
    used = {}
    for n in names_():
        if is_bash(n):
            continue
        with open(os.path.join(SCRIPTS, n + '.sh')) as f:
            text = f.read()
        text = re.sub(r"(?m)^\s*#.*$|\s#.*$", '', text)
        text = re.sub(r"<<-?\s*['\"]?(\w+)['\"]?(.*?\n).*?\n\s*\1\n", r'\2', text, flags=re.S)
        text = re.sub(r"'[^'\n]*'", "''", text)        # quoted text is data,
        text = re.sub(r'"[^"$`\n]*"', '""', text)      # but for $(...) and `...`
        for seg in SEPARATORS.split(text.replace('\\\n', ' ')):
            for line in seg.split('\n'):
                words = line.split()
                while words and (words[0] in PREFIXES or '=' in words[0] or
                                 words[0].startswith('-') or words[0].replace('.', '').isdigit()):
                    if words[0] in names:       # env, xargs, timeout, ... themselves
                        used.setdefault(words[0], set()).add(n)
                    words = words[1:]
                if words and words[0] in names:
                    used.setdefault(words[0], set()).add(n)
    return used


def main(argv):
    """--host [NAME...]: TAP, one line per script, ok when it ends with
    status 0 under BusyBox on this host (its output is shown when not)."""
    if argv and argv[0] == '--applets':
        used = applets()
        builtin = sorted(a for a in used if a in ASH_BUILTINS)
        programs = sorted(a for a in used if a not in ASH_BUILTINS)
        print('%d BusyBox applets run by the .sh scripts, as programs:' % len(programs))
        print('  ' + ' '.join(programs))
        print('and %d that ash runs as its own builtins:' % len(builtin))
        print('  ' + ' '.join(builtin))
        return 0
    if not argv or argv[0] != '--host':
        print(__doc__)
        return 2
    only = argv[1:]
    why = missing_tools()
    wanted = only or names_()
    print('1..%d' % len(wanted))
    if why:
        for i, n in enumerate(wanted, 1):
            print('ok %d - compat.%s # SKIP %s' % (i, n, why))
        return 0
    lines, problem = host_run(only)
    runs, skipped = parse(lines)
    failed = 0
    for i, n in enumerate(wanted, 1):
        if n in skipped:
            print('ok %d - compat.%s # SKIP %s' % (i, n, skipped[n]))
        elif runs.get(n, [''])[-1] == 'exit status 0':
            print('ok %d - compat.%s' % (i, n))
        else:
            failed += 1
            print('not ok %d - compat.%s' % (i, n))
            for l in runs.get(n) or ['no output (%s)' % (problem or '?')] + lines[-20:]:
                print('# ' + l)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
