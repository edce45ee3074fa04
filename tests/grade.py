#!/usr/bin/env python3
"""tests/grade.py — grade the labs (tests/labs.py) on the test kernel.

    tests/grade.py                 every lab (in a student tree: its lab, from .lab)
    tests/grade.py --lab cow       one lab
    tests/grade.py --test NAME     only the graded tests whose name contains NAME
    tests/grade.py --json FILE     where the Gradescope results go (build/grade.json)

`make grade [LAB=x] [TEST=name]` builds the test kernel and runs this.  Only
the boots the lab needs run: one /bin/runtests boot with the lab's programs
(runtests DIR PROG...), one in-kernel boot with its suites, and the boots of
tests/boots.py it names.  Each graded test prints PASS or FAIL with its
points and, on failure, its own diagnostic lines; each lab ends with
"Score: N/M", and the output with "N passed, N failed" (graded tests).
build/grade.json is Gradescope's autograder results format: tests[] with
name, score, max_score, output, and the total score.
"""
import argparse
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
import run  # noqa: E402  (tests/run.py: the boots and their runners)
from labs import LABS  # noqa: E402

USER_DIR = os.path.join(ROOT, 'tests', 'user')
MAX_PROGS = 15          # words after "--" the kernel keeps (CMDLINE_ARGS 16), minus the dir
BOOT_NAMES = {b['name']: b for b in run.BOOTS}


def user_programs():
    return {f[:-2] for f in os.listdir(USER_DIR) if f.endswith('.c')}


def classify(name, progs=None):
    """('user', program) | ('boot', boot name) | ('ktest', suite)."""
    progs = progs if progs is not None else user_programs()
    head = name.split('.', 1)[0]
    if head in progs:
        return 'user', head
    for b in BOOT_NAMES:
        if name == b or name.startswith(b + ':') or name.startswith(b + ' '):
            return 'boot', b
    return 'ktest', head


def matches(test, case):
    """Does graded test `test` own result name `case`?"""
    return case == test or case.startswith(test + '.') or case.startswith(test + ':') or \
        case.startswith(test + ' (')


def boots_for(tests, progs=None):
    """The boots that run these graded tests (names)."""
    user, suites, named = [], [], []
    for t in tests:
        kind, what = classify(t, progs)
        bucket = user if kind == 'user' else suites if kind == 'ktest' else named
        if what not in bucket:
            bucket.append(what)
    boots = []
    for i in range(0, len(user), MAX_PROGS):
        chunk = user[i:i + MAX_PROGS]
        boots.append(dict(name='user', kind='ktap',
                          cmdline='init=/bin/runtests -- /tests ' + ' '.join(chunk)))
    if suites:
        boots.append(dict(name='ktest', kind='ktap', cmdline='test=' + ','.join(suites)))
    boots += [BOOT_NAMES[n] for n in named]
    return boots


def run_boots(boots, jobs=2):
    """Run the boots; rows as tests/run.py --results writes them."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda b: run.RUNNERS[b['kind']](b), boots))
    rows = []
    for r in results:
        rows += [dict(boot=r.boot['name'], name=n, ok=ok, detail=d) for n, ok, d in r.cases]
        rows += [dict(boot=r.boot['name'], name=n, ok=ok, suite=True) for n, ok in r.programs]
    return rows


TAP_RESULT = re.compile(r'^\s*\|?\s*(not ok|ok) \d+')


def own_lines(detail, name=None):
    """A case's own lines out of the serial context the runner keeps: from
    after the previous TAP result line to its own `not ok` (the one that
    names the case, when name is given)."""
    lines = [l[4:] if l.startswith('  | ') else l for l in detail]
    check = name.split('.', 1)[-1] if name else None
    end = None
    for i in range(len(lines) - 1, -1, -1):
        m = re.match(r'^\s*not ok \d+\s*(?:- )?(.*?)\s*(#.*)?$', lines[i])
        if m and (check is None or m.group(1) == check):
            end = i + 1
            break
    if end is None:
        return [l.strip() for l in lines if l.strip()][-20:]
    start = 0
    for i in range(end - 2, -1, -1):
        if TAP_RESULT.match(lines[i]) or re.match(r'^\s*# Subtest:', lines[i]):
            start = i + 1
            break
    return [l.strip() for l in lines[start:end] if l.strip()]


def evaluate(test, rows):
    """(passed, output lines) of one graded test against the results."""
    mine = [r for r in rows if matches(test, r['name'])]
    if not mine:
        boot_trouble = [r for r in rows if not r['ok'] and ': boot' in r['name']]
        out = ['did not run: no result named "%s"' % test]
        if boot_trouble:
            out.append('the boot that should have run it ended early:')
            out += [l for l in own_lines(boot_trouble[0]['detail'])][:25]
        else:
            out.append('(is the name in tests/labs.py still the check\'s name?)')
        return False, out
    failed = [r for r in mine if not r['ok']]
    if not failed:
        return True, []
    out = []
    for r in failed:
        if r.get('suite'):
            if len(failed) == 1:
                out.append('%s: the program itself failed: it exited with an error, leaked '
                           'pages, or left page counts that disagree with the page tables '
                           '(run it: make run INIT=/tests/%s)' % (r['name'], r['name']))
            continue
        if r['name'] != test:
            out.append('%s:' % r['name'])
        out += ['  ' + l for l in own_lines(r.get('detail', []), r['name'])]
    return False, out


def selected_labs(lab):
    marker = os.path.join(ROOT, '.lab')
    if os.path.exists(marker):
        with open(marker) as f:
            mine = f.read().strip()
        if lab and lab != mine:
            sys.stderr.write('grade: this is the student tree of lab %s; LAB=%s cannot be graded '
                             'here\n' % (mine, lab))
            sys.exit(2)
        return [mine]
    if lab:
        if lab not in LABS:
            sys.stderr.write('grade: no lab "%s"; the labs are: %s\n' % (lab, ' '.join(LABS)))
            sys.exit(2)
        return [lab]
    return list(LABS)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lab')
    ap.add_argument('--test', help='only graded tests whose name contains this')
    ap.add_argument('--json', default=os.path.join(run.BUILD, 'grade.json'))
    ap.add_argument('--rows', help='grade these results (tests/run.py --results) instead of '
                    'booting')
    args = ap.parse_args()
    labs = selected_labs(args.lab)
    plan = [(lab, pts, t) for lab in labs for pts, t in LABS[lab]['tests']
            if not args.test or args.test in t]
    if not plan:
        print('grade: no graded test of %s matches "%s"' % (' '.join(labs), args.test))
        print('0 passed, 1 failed')
        return 1
    if args.rows:
        with open(args.rows) as f:
            rows = json.load(f)
    else:
        for f in (run.TEST_ISO, run.TEST_ELF):
            if not os.path.exists(f):
                print('missing %s: run make grade' % f)
                print('0 passed, 1 failed')
                return 1
        rows = run_boots(boots_for([t for _, _, t in plan]))
    passed = failed = 0
    total = total_max = 0
    gradescope = []
    for lab in labs:
        entries = [(pts, t) for l, pts, t in plan if l == lab]
        if not entries:
            continue
        print('== lab %s: %s (%s)' % (lab, LABS[lab]['title'], LABS[lab]['handout']))
        score = maximum = 0
        for pts, t in entries:
            ok, out = evaluate(t, rows)
            maximum += pts
            score += pts if ok else 0
            passed += ok
            failed += not ok
            print('%s [%d/%d] %s' % ('PASS' if ok else 'FAIL', pts if ok else 0, pts, t))
            for l in out:
                print('       ' + l)
            gradescope.append(dict(name='%s: %s' % (lab, t), score=pts if ok else 0,
                                   max_score=pts, output='\n'.join(out)))
        print('Score: %d/%d  (lab %s)' % (score, maximum, lab))
        total += score
        total_max += maximum
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, 'w') as f:
        json.dump(dict(score=total, max_score=total_max, tests=gradescope,
                       output='%d of %d points' % (total, total_max)), f, indent=1)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
