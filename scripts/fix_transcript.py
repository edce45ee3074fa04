#!/usr/bin/env python3
"""scripts/fix_transcript.py BOOT — bring a document's gdb transcript's line
numbers up to date (docs/tour.md for gdb.tour, docs/labs/LAB.md for
gdb.lab_LAB).

tests/run.py fails such a boot when the document shows a line the session
does not print, e.g. `at mm/memory.c:471` after mm/memory.c moved.  When
only line numbers moved (the text is the same), this replays the session
(as tests/run.py does: QEMU with -gdb, gdb -batch with the boot's script)
and writes the session's numbers into the document: `file.c:N` and a
source line's leading `N<tab>`.  Anything else that differs it leaves for
you, and says where.  Run make debug-kernel first (make test does).

Python 3 standard library only.
"""
import sys, os, re, subprocess
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
os.chdir(ROOT)
os.environ.setdefault('FAULTLINE_BUILD', 'build'); os.environ.setdefault('FAULTLINE_DEBUG_BUILD', 'build/debug')
import run, boots
if len(sys.argv) != 2:
    sys.exit(__doc__)
name = sys.argv[1]
b = [x for x in boots.BOOTS if x['name'] == name][0]
port = run.free_port()
script = os.path.join(run.ROOT, 'tests', 'gdb', b['name'].split('.', 1)[1] + '.gdb')
iso, elf = run.kernel_files(b)
gdb = ['gdb', '-batch', '-nx', '-x', 'scripts/gdb/init.gdb', '-ex', 'target remote :%d' % port, '-x', script, elf]
def side():
    p = subprocess.run(gdb, capture_output=True, text=True, timeout=200, cwd=run.ROOT)
    return (p.stdout + p.stderr).splitlines()
lines, rc, to, out = run.run_qemu(b, ['-gdb', 'tcp:127.0.0.1:%d' % port, '-S'], side)
doc = os.path.join(run.ROOT, b['doc'])
text = open(doc).read()
new_lines = text.split('\n')
# walk the code blocks with (gdb) lines, as check_transcript does
inblock = False; isgdb = False; pos = 0; fixed = 0
blocks = re.findall(r'^```\n(.*?)^```', text, re.S | re.M)
gdbblocks = set(i for i, bl in enumerate(blocks) if '\n(gdb)' in '\n' + bl)
bi = -1
for i, l in enumerate(new_lines):
    if l.startswith('```'):
        if not inblock:
            bi += 1; inblock = True; isgdb = bi in gdbblocks
        else:
            inblock = False
        continue
    if not inblock or not isgdb:
        continue
    body = l.split('  # ', 1)[0].rstrip()
    note = l[len(body):]
    if body.startswith('(gdb) ') or body.strip() in ('', '...', '(gdb)') or body.startswith('$ '):
        continue
    rx = re.compile(run.transcript_pattern(body))
    rxm = re.compile(run.transcript_pattern(run.without_line_numbers(body)))
    for j in range(pos, len(out)):
        if rx.match(out[j]):
            pos = j + 1; break
        if rxm.match(run.without_line_numbers(out[j])):
            # take the output's numbers into the doc line
            nums_out = [m.group(0) for m in run.LINE_NUMBER.finditer(out[j])]
            k = iter(nums_out)
            nb = run.LINE_NUMBER.sub(lambda m: next(k), body)
            new_lines[i] = nb + note
            fixed += 1; pos = j + 1; break
    else:
        print('no match for', body); break
open(doc, 'w').write('\n'.join(new_lines))
print('fixed', fixed, 'lines; rc', rc)
