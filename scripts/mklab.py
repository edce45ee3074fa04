#!/usr/bin/env python3
"""scripts/mklab.py — cut a lab's student tree out of the solved kernel.

    scripts/mklab.py LAB [OUT]     write the student tree (default build/labs/LAB)
    scripts/mklab.py --list        the labs (tests/labs.py) and where their regions are
    scripts/mklab.py --check       every marker well formed, every lab in tests/labs.py

`make lab LAB=cow [OUT=dir]` runs it.  The student tree is a copy of the
repository's tracked files (as they are in the working tree) in a fresh git
repository with one commit, ready to push to a course's server.  In it, the
regions of LAB are replaced by their stubs and a `TODO(lab LAB)` comment
with the region's hints; the regions of every other lab stay solved (their
markers too), so the labs are independent and can be done in any order.
Nothing else changes.  The file `.lab` names the lab: `make grade` there
grades only it.

The markers (C comments only, so the solved kernel compiles exactly as if
they were not there):

	/* LAB cow: BEGIN — one line: what the student writes here
	 * hint: a hint, as many lines as the region needs
	 * hint: another hint (a hint may go on over lines that start with
	 *       spaces past the '*') */
		...the solution, as the solved kernel runs it...
	/* LAB cow: STUB
		...the stub: what the student tree has instead; `//` comments only,
		since it sits inside a comment in the solved tree...
	   LAB cow: END */

A region whose stub is empty (the student writes lines that the stub
simply leaves out) has a STUB block with only a `//` comment saying what
is missing, or nothing between STUB and END.  Lab names are lower-case words; regions
do not nest; each lab's regions may be in several files.  In the student
tree a region becomes:

	/* TODO(lab cow): one line: what the student writes here
	 * hint: a hint ...
	 * (docs/labs/cow.md) */
		...the stub...

A stub must keep the kernel working: the student tree boots, passes every
test outside its lab, and fails every graded test of its lab (`make test`
proves it for every lab: tests/labproof.py).  A helper only the solution
calls is marked `__maybe_unused` (kernel/types.h), or the -Werror build of
the student tree fails.

Python 3 standard library only.
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))

BEGIN = re.compile(r'^(\s*)/\* LAB ([a-z][a-z0-9_]*): BEGIN\b\s*(?:—|--|-)?\s*(.*)$')
STUB = re.compile(r'^\s*/\* LAB ([a-z][a-z0-9_]*): STUB\s*$')
END_OF_STUB = re.compile(r'^\s*LAB ([a-z][a-z0-9_]*): END \*/\s*$')
ANY = re.compile(r'\bLAB [a-z][a-z0-9_]*: (BEGIN|STUB|END)\b')
SOURCE_EXT = ('.c', '.h', '.S', '.asm')


class MarkerError(Exception):
    pass


def parse(path, text):
    """The file as a list of pieces: str (lines outside regions) or dict
    (a region: lab, indent, summary, hints, solution, stub, line)."""
    lines = text.splitlines(keepends=True)
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        m = BEGIN.match(line)
        if not m:
            if ANY.search(line):
                raise MarkerError('%s:%d: LAB marker outside a region: %s'
                                  % (path, i + 1, line.strip()))
            out.append(line)
            i += 1
            continue
        indent, lab, first = m.groups()
        start = i + 1
        # the BEGIN comment: to the line holding */
        comment = [first]
        while '*/' not in lines[i]:
            i += 1
            if i == len(lines):
                raise MarkerError('%s:%d: LAB %s: BEGIN comment never closed' % (path, start, lab))
            comment.append(re.sub(r'^\s*\*\s?', '', lines[i].rstrip('\n')))
        comment[-1] = comment[-1].split('*/')[0].rstrip()
        if len(comment) == 1:
            comment[0] = comment[0].split('*/')[0].rstrip()
        summary, hints = comment[0].strip(), [c for c in comment[1:]]
        if not summary:
            raise MarkerError('%s:%d: LAB %s: BEGIN says nothing about what to write'
                              % (path, start, lab))
        i += 1
        solution, stub = [], None
        while True:
            if i == len(lines):
                raise MarkerError('%s:%d: LAB %s: region never ends' % (path, start, lab))
            line = lines[i]
            ms = STUB.match(line)
            if ms:
                if ms.group(1) != lab:
                    raise MarkerError('%s:%d: LAB %s inside LAB %s\'s region'
                                      % (path, i + 1, ms.group(1), lab))
                break
            if BEGIN.match(line) or ANY.search(line):
                raise MarkerError('%s:%d: a LAB marker inside LAB %s\'s region (regions do not'
                                  ' nest)' % (path, i + 1, lab))
            solution.append(line)
            i += 1
        stub = []
        i += 1
        while True:
            if i == len(lines):
                raise MarkerError('%s:%d: LAB %s: STUB never ends (want "LAB %s: END */")'
                                  % (path, start, lab, lab))
            me = END_OF_STUB.match(lines[i])
            if me:
                if me.group(1) != lab:
                    raise MarkerError('%s:%d: LAB %s ends LAB %s\'s stub'
                                      % (path, i + 1, me.group(1), lab))
                break
            if '*/' in lines[i] or '/*' in lines[i]:
                raise MarkerError('%s:%d: LAB %s: a stub sits inside a comment: use // '
                                  'comments in it' % (path, i + 1, lab))
            stub.append(lines[i])
            i += 1
        i += 1
        out.append(dict(lab=lab, indent=indent, summary=summary, hints=hints,
                        solution=solution, stub=stub, line=start, path=path))
    return out


def student_text(pieces, lab):
    """The file with lab's regions replaced by TODO comments and stubs."""
    text = []
    for p in pieces:
        if isinstance(p, str):
            text.append(p)
            continue
        if p['lab'] != lab:     # another lab: as in the solved tree
            text.append(region_text(p))
            continue
        ind = p['indent']
        body = ['%s/* TODO(lab %s): %s\n' % (ind, lab, p['summary'])]
        body += ['%s * %s\n' % (ind, h) if h.strip() else '%s *\n' % ind for h in p['hints']]
        body.append('%s * (docs/labs/%s.md) */\n' % (ind, lab))
        text += body + p['stub']
    return ''.join(text)


def region_text(p):
    """A region as it is in the solved tree (for the other labs)."""
    ind, lab = p['indent'], p['lab']
    head = ['%s/* LAB %s: BEGIN — %s' % (ind, lab, p['summary'])]
    head += ['%s * %s' % (ind, h) for h in p['hints']]
    head[-1] += ' */'
    tail = ['%s/* LAB %s: STUB\n' % (ind, lab)] + p['stub'] + ['%s   LAB %s: END */\n' % (ind, lab)]
    return '\n'.join(head) + '\n' + ''.join(p['solution']) + ''.join(tail)


def tracked_files(root):
    out = subprocess.run(['git', 'ls-files', '-z'], cwd=root, capture_output=True, check=True)
    return [f for f in out.stdout.decode().split('\0') if f]


def scan(root):
    """{path: pieces} of every tracked source file that has a region."""
    found = {}
    for f in tracked_files(root):
        if not f.endswith(SOURCE_EXT) or not os.path.isfile(os.path.join(root, f)):
            continue
        with open(os.path.join(root, f), encoding='utf-8') as fh:
            text = fh.read()
        if 'LAB ' not in text:
            continue
        pieces = parse(f, text)
        if any(isinstance(p, dict) for p in pieces):
            found[f] = pieces
    return found


def regions_by_lab(found):
    labs = {}
    for f, pieces in found.items():
        for p in pieces:
            if isinstance(p, dict):
                labs.setdefault(p['lab'], []).append(p)
    return labs


def load_labs():
    from labs import LABS      # tests/labs.py: the grader's table
    return LABS


def handout_points(path):
    """The points a handout's "What the grader checks" section gives: its
    table's points column (| test | N | why |), or "N points" in its prose."""
    with open(path, encoding='utf-8') as fh:
        text = fh.read()
    start = text.find('## What the grader checks')
    if start < 0:
        return 0
    end = text.find('\n## ', start + 1)
    section = text[start:end if end > 0 else len(text)]
    rows = re.findall(r'^\|[^|\n]*\| (\d+) \|', section, re.M)
    if rows:
        return sum(int(n) for n in rows)
    return sum(int(n) for n in re.findall(r'\b(\d+) points?\b', section))


def check(root):
    """Markers well formed; the labs in the source and in tests/labs.py agree;
    each lab's files in tests/labs.py are where its regions are."""
    found = scan(root)
    labs = regions_by_lab(found)
    table = load_labs()
    problems = []
    for lab in labs:
        if lab not in table:
            problems.append('LAB %s has regions (%s) but no entry in tests/labs.py'
                            % (lab, ', '.join(sorted({p['path'] for p in labs[lab]}))))
    for lab, entry in table.items():
        files = sorted({p['path'] for p in labs.get(lab, [])})
        if not files:
            problems.append('tests/labs.py: lab %s has no regions in the source' % lab)
        elif sorted(entry['files']) != files:
            problems.append('tests/labs.py: lab %s lists files %s, its regions are in %s'
                            % (lab, sorted(entry['files']), files))
        if not os.path.exists(os.path.join(root, entry['handout'])):
            problems.append('lab %s: no handout %s' % (lab, entry['handout']))
        else:
            said, total = handout_points(os.path.join(root, entry['handout'])), \
                sum(points for points, _ in entry['tests'])
            if said != total:
                problems.append('%s: "What the grader checks" gives %d points, tests/labs.py %d'
                                % (entry['handout'], said, total))
    # each file must come back unchanged through parse + region_text: then
    # the markers are written the one way the parser and the docs describe
    for f, pieces in found.items():
        with open(os.path.join(root, f), encoding='utf-8') as fh:
            original = fh.read()
        again = ''.join(p if isinstance(p, str) else region_text(p) for p in pieces)
        if again != original:
            problems.append('%s: a marker is not written the canonical way (see the top of '
                            'scripts/mklab.py): rewrite it as mklab would' % f)
    return problems


def make_lab(root, lab, out):
    table = load_labs()
    found = scan(root)
    labs = regions_by_lab(found)
    if lab not in table or lab not in labs:
        known = sorted(set(table) & set(labs))
        sys.stderr.write('mklab: no lab "%s"; the labs are: %s\n' % (lab, ' '.join(known)))
        return 2
    out = os.path.abspath(out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    changed = []
    for f in tracked_files(root):
        src, dst = os.path.join(root, f), os.path.join(out, f)
        if not os.path.lexists(src):
            continue            # deleted in the working tree
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if f in found and any(isinstance(p, dict) and p['lab'] == lab for p in found[f]):
            with open(dst, 'w', encoding='utf-8') as fh:
                fh.write(student_text(found[f], lab))
            shutil.copymode(src, dst)
            changed.append(f)
        elif os.path.islink(src):
            os.symlink(os.readlink(src), dst)
        else:
            shutil.copy2(src, dst)      # the mtime too: a copied build/ stays up to date
    with open(os.path.join(out, '.lab'), 'w') as fh:
        fh.write(lab + '\n')
    git = ['git', '-c', 'user.name=faultline labs', '-c', 'user.email=labs@faultline.invalid',
           '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false']
    env = dict(os.environ, GIT_AUTHOR_DATE='2000-01-01T00:00:00Z',
               GIT_COMMITTER_DATE='2000-01-01T00:00:00Z')
    subprocess.run(git + ['init', '-q'], cwd=out, check=True)
    subprocess.run(git + ['add', '-A'], cwd=out, check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'faultline: lab %s (%s)' % (lab, table[lab]['title'])],
                   cwd=out, check=True, env=env)
    n = len(labs[lab])
    shown = os.path.relpath(out, os.getcwd())
    print('mklab: %s: lab %s, %d region%s to write in %s; handout %s'
          % (out if shown.startswith('..') else shown, lab, n, '' if n == 1 else 's', ' '.join(changed),
             table[lab]['handout']))
    return 0


def main(argv):
    if len(argv) < 2 or argv[1] in ('-h', '--help'):
        print(__doc__.split('\n\n')[1])
        return 0 if len(argv) >= 2 else 2
    try:
        if argv[1] == '--check':
            problems = check(ROOT)
            for p in problems:
                print('mklab: ' + p)
            print('mklab: markers %s' % ('wrong' if problems else 'ok'))
            return 1 if problems else 0
        if argv[1] == '--list':
            labs = regions_by_lab(scan(ROOT))
            for lab, entry in load_labs().items():
                where = ', '.join('%s:%d' % (p['path'], p['line']) for p in labs.get(lab, []))
                print('%-8s %s\n         %s' % (lab, entry['title'], where))
            return 0
        lab = argv[1]
        out = argv[2] if len(argv) > 2 and argv[2] else os.path.join(ROOT, 'build', 'labs', lab)
        return make_lab(ROOT, lab, out)
    except MarkerError as e:
        sys.stderr.write('mklab: %s\n' % e)
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
