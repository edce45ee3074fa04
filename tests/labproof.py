"""tests/labproof.py — CI's proof of every lab (the boot 'labs' of tests/boots.py).

For each lab of tests/labs.py, two labs at a time:
  1. scripts/mklab.py writes its student tree into build/labs/<lab>;
  2. the tree is built (make build/test.iso) with the full tree's objects
     copied in first, so only the files holding the lab's regions compile
     afresh, with -Werror: a warning fails the build;
  3. its test kernel boots what the stub could break (ktest: every in-kernel
     suite; user: every tests/user program; console.shell: the shell), plus
     the boots holding the lab's graded tests (crash.*, screenshot.*);
  4. every case outside the lab's entry in tests/labs.py must pass, and every
     graded test of the lab must fail (a stub that passes one means that
     test proves nothing).
Then the full tree must score full marks: its graded tests are found among
the results of the boots `make test` ran before this one (or, alone, in
boots of their own).  gdb.*, bench and the cpu_max boots are not rerun: the
gdb sessions expect the solution's function structure (gdb.lab_<lab>, the
handout's session, is owned by its lab in tests/labs.py but grades nothing),
and no lab region changes what the others check.

Python 3 standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import grade  # noqa: E402
from labs import LABS  # noqa: E402

BASE_BOOTS = ['ktest', 'user', 'console.shell']
SKIP_COPY = {'labs', 'debug', 'linux-tmp', 'kernel.isodir', 'test.isodir', 'grade.json'}


def copy_build(src, dst):
    """The full tree's build products, mtimes kept: make then rebuilds only
    what the student tree changed."""
    def ignore(d, names):
        top = os.path.abspath(d) == os.path.abspath(src)
        return [n for n in names if (top and n in SKIP_COPY) or n.endswith(('.iso', '.ppm'))]
    shutil.copytree(src, dst, symlinks=True, ignore=ignore, dirs_exist_ok=True)


def prepare(lab, build):
    """mklab + build; (tree, problem lines or [])."""
    out = os.path.join(build, 'labs', lab)
    p = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'mklab.py'), lab, out],
                       capture_output=True, text=True)
    if p.returncode:
        return out, ['mklab %s failed:' % lab] + (p.stdout + p.stderr).splitlines()
    copy_build(build, os.path.join(out, 'build'))
    p = subprocess.run(['make', '-C', out, 'build/test.iso', 'build/kernel-test.elf'],
                       capture_output=True, text=True)
    log = (p.stdout + p.stderr).splitlines()
    warnings = [l for l in log if 'warning:' in l or 'error:' in l]
    if p.returncode or warnings:
        return out, ['the student tree of %s does not build cleanly:' % lab] + \
            (warnings or log[-30:])
    return out, []


def student_rows(lab, tree):
    """Boot the student tree: its rows (tests/run.py --results) for each boot."""
    named = [what for kind, what in (grade.classify(t) for _, t in LABS[lab]['tests'])
             if kind == 'boot']
    rows = []
    for boot in BASE_BOOTS + [b for b in dict.fromkeys(named) if b not in BASE_BOOTS]:
        with tempfile.NamedTemporaryFile(suffix='.json') as f:
            p = subprocess.run([sys.executable, 'tests/run.py', '-j', '1', '--only', boot,
                                '--results', f.name], cwd=tree, capture_output=True, text=True,
                               env=dict(os.environ, FAULTLINE_BUILD='build'))
            try:
                rows += json.load(open(f.name))
            except ValueError:
                rows.append(dict(boot=boot, name='%s: boot' % boot, ok=False,
                                 detail=(p.stdout + p.stderr).splitlines()[-30:]))
    return rows


def owned(lab, name):
    entry = LABS[lab]
    return any(grade.matches(t, name) for _, t in entry['tests']) or \
        any(grade.matches(t, name) for t in entry.get('also', []))


def explained(lab, row, rows):
    """A program's (or suite's) own result line fails when one of its checks
    fails: when that check is the lab's, the line is the lab's too.  (A
    program whose own checks the lab breaks hides, this way, a leak of the
    same program; its graded checks fail anyway.)"""
    if not row.get('suite') or row['ok']:
        return False
    return any(not r['ok'] and owned(lab, r['name']) for r in rows
               if r['name'].startswith(row['name'] + '.'))


def prove(lab, build):
    """[(case name, ok, detail)] for one lab."""
    tree, problem = prepare(lab, build)
    name = 'labs.%s' % lab
    if problem:
        return [(name + ': student tree builds without warnings', False, problem)]
    cases = [(name + ': student tree builds without warnings', True, [])]
    rows = student_rows(lab, tree)
    outside = [r for r in rows if not owned(lab, r['name']) and not explained(lab, r, rows)]
    broken = [r for r in outside if not r['ok']]
    detail = ['the stub of lab %s breaks tests outside the lab (tests/labs.py):' % lab]
    for r in broken[:10]:
        detail += ['  %s' % r['name']] + ['    ' + l for l in grade.own_lines(r.get('detail', []), r['name'])][:8]
    cases.append(('%s: passes every test outside the lab (%d)' % (name, len(outside)),
                  not broken and bool(outside), detail if broken else ['no results'] + [
                      str(r) for r in rows[:5]]))
    passing = [t for _, t in LABS[lab]['tests'] if grade.evaluate(t, rows)[0]]
    cases.append(('%s: fails every graded test with the stub (%d)'
                  % (name, len(LABS[lab]['tests'])), not passing,
                  ['these graded tests pass with the stub, so they prove nothing of the lab:'] +
                  ['  ' + t for t in passing]))
    return cases


def rows_of(results):
    rows = []
    for r in results:
        rows += [dict(boot=r.boot['name'], name=n, ok=ok, detail=d) for n, ok, d in r.cases]
        rows += [dict(boot=r.boot['name'], name=n, ok=ok, suite=True) for n, ok in r.programs]
    return rows


def full_marks(earlier):
    """The full tree's grade: from the earlier boots' results where they ran
    the graded tests, else from boots of their own."""
    rows = rows_of(earlier or [])
    tests = [t for lab in LABS for _, t in LABS[lab]['tests']]
    missing = [t for t in tests if not any(grade.matches(t, r['name']) for r in rows)]
    if missing:
        rows += grade.run_boots(grade.boots_for(missing))
    failed, points = [], 0
    for lab in LABS:
        for pts, t in LABS[lab]['tests']:
            ok, out = grade.evaluate(t, rows)
            points += pts
            if not ok:
                failed += ['%s (%d points, lab %s)' % (t, pts, lab)] + ['  ' + l for l in out[:8]]
    return ('labs: the full tree scores full marks (%d points)' % points, not failed,
            ['the solved tree loses points on:'] + failed)


def run_labs(boot, earlier, result):
    """The 'labs' boot: every lab proven, two at a time, then the full tree."""
    res = result(boot)
    build = os.environ.get('FAULTLINE_BUILD', 'build')
    build = build if os.path.isabs(build) else os.path.join(ROOT, build)
    p = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'mklab.py'), '--check'],
                       capture_output=True, text=True)
    res.add('labs: markers well formed, tests/labs.py agrees (mklab --check)', p.returncode == 0,
            p.stdout.splitlines())
    labs = boot.get('labs') or list(LABS)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for cases in pool.map(lambda lab: prove(lab, build), labs):
            for c in cases:
                res.add(*c)
    res.add(*full_marks(earlier))
    return res
