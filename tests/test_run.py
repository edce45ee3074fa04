"""tests/test_run.py — the runner's own unit tests (boot 'runner', kind
'selftest', in make test; or: python3 -m unittest tests/test_run.py).

Canned serial logs go through tests/run.py: a failure's detail is its own
lines, a program whose result fails with no failed check gets a case, a
runtests boot stopped by a program resumes after it, a program that never
ran is named, the cpu_max twin's failures are reported once, --only
picks one program, text typed on the keyboard becomes QEMU's key names,
and Linux's selftests are judged by their kselftest totals and exit
status.  Python 3 standard library only."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

HEAD = ['faultline: an x86-64 teaching kernel', 'KTAP version 1', '1..3',
        '# runtests: programs: anon_fault cow_basic mem_fault']
ANON_OK = ['    # Subtest: anon_fault', '    1..1', '    ok 1 - reads zero', 'ok 1 anon_fault']
COW_FAIL = ['    # Subtest: cow_basic', '    1..2', '    ok 1 - the child sees the parent\'s data',
            '    # got 0, want 1', '    not ok 2 - the parent keeps its own copy',
            '# cow_basic: exit status 1', 'not ok 2 cow_basic']
STORM = ['    # Subtest: mem_fault',
         'fault storm: pid 4 (mem_fault) took the same fault 4096 times in a row: addr 10000000 '
         'rip 401000 err 7 vma 10000000-10001000, path wp-reuse, result 0 each time',
         '    1..2', '    ok 1 - first', '# mem_fault: caught in a fault storm (...): killed',
         '# mem_fault: killed by signal 9 (Killed)', 'not ok 3 mem_fault']
PANIC = ['    # Subtest: cow_basic', 'Kernel panic - not syncing: wp_page_copy: VM_PFNMAP',
         'Call Trace:', ' [<ffffffff80100000>] wp_page_copy+0x10/0x80']


def boot(**kw):
    return dict(dict(name='user', kind='ktap', cmdline='init=/bin/runtests'), **kw)


def names(res, ok=None):
    return [n for n, o, _ in res.cases if ok is None or o == ok]


class Parse(unittest.TestCase):
    def test_failed_check_shows_its_own_lines(self):
        res = run.Result(boot())
        st = run.parse_ktap(HEAD + ANON_OK + COW_FAIL, res)
        self.assertEqual(st.listed, ['anon_fault', 'cow_basic', 'mem_fault'])
        self.assertEqual(names(res, False), ['cow_basic.the parent keeps its own copy'])
        detail = dict((n, d) for n, _, d in res.cases)['cow_basic.the parent keeps its own copy']
        self.assertEqual(detail, ['  |     # got 0, want 1',
                                  '  |     not ok 2 - the parent keeps its own copy'])

    def test_program_failing_alone_gets_a_case(self):
        res = run.Result(boot())
        run.parse_ktap(HEAD + ['    # Subtest: anon_fault', '    1..1', '    ok 1 - reads zero',
                               '# anon_fault: free memory 100 kB before, 96 kB after: '
                               'pages leaked', 'not ok 1 anon_fault'], res)
        self.assertEqual(names(res, False), ['anon_fault: result'])
        self.assertIn('pages leaked', res.cases[-1][2][-2])

    def test_storm_shows_in_the_program_failure(self):
        res = run.Result(boot())
        run.parse_ktap(HEAD + STORM, res)
        self.assertEqual(names(res, False), ['mem_fault: plan'])
        detail = '\n'.join(res.cases[-1][2])
        self.assertIn('fault storm: pid 4 (mem_fault)', detail)
        self.assertIn('killed by signal 9', detail)
        self.assertNotIn('ok 1 - first', detail)


class Resume(unittest.TestCase):
    def setUp(self):
        self.saved = run.run_qemu
        self.cmdlines = []

    def tearDown(self):
        run.run_qemu = self.saved

    def fake(self, *segments):
        segs = list(segments)

        def run_qemu(b, extra=(), side=None, watch=None):
            self.cmdlines.append(b['cmdline'])
            lines, rc = segs.pop(0)
            if watch and watch(lines):
                rc = None
            return lines, rc, False, None
        run.run_qemu = run_qemu

    def test_panic_costs_one_program(self):
        self.fake((HEAD + ANON_OK + PANIC, run.EXIT_PANIC),
                  (['KTAP version 1', '1..1', '# runtests: programs: mem_fault',
                    '    # Subtest: mem_fault', '    1..1', '    ok 1 - x', 'ok 1 mem_fault'],
                   run.EXIT_OK))
        res = run.run_ktap(boot())
        self.assertEqual(self.cmdlines, ['init=/bin/runtests',
                                         'init=/bin/runtests -- --after cow_basic'])
        self.assertEqual(names(res, True), ['anon_fault.reads zero', 'mem_fault.x'])
        self.assertEqual(names(res, False),
                         ['cow_basic: the kernel stopped while it ran (kernel panic)'])
        self.assertIn('Kernel panic - not syncing: wp_page_copy: VM_PFNMAP',
                      '\n'.join(res.cases[1][2]))
        self.assertEqual(res.programs[1], ('cow_basic', False))

    def test_storm_in_runtests_itself_names_the_rest(self):
        self.fake((HEAD + ANON_OK + ['    # Subtest: cow_basic', 'fault storm: pid 1 (runtests) '
                                     'took the same fault 4096 times in a row: ...'], None))
        res = run.run_ktap(boot())
        self.assertEqual(len(self.cmdlines), 1)
        self.assertEqual(names(res, False), [
            'cow_basic: the kernel stopped while it ran (runtests itself (pid 1) is caught '
            'in a fault storm)', 'mem_fault: never ran'])

    def test_first_program_stuck_three_times_gives_up(self):
        seg = (['KTAP version 1', '1..2', '# runtests: programs: a b', '    # Subtest: a',
                'Kernel panic - not syncing: x'], run.EXIT_PANIC)
        self.fake(*[seg] * 5)
        self.assertEqual(run.runtests_after('init=/bin/runtests -- -t 3 /runner', 'a'),
                         'init=/bin/runtests -- --after a -t 3 /runner')
        res = run.run_ktap(boot())
        self.assertEqual(len(self.cmdlines), 3)
        self.assertEqual(names(res, False)[-1], 'b: never ran')


KS_HEAD = ['KTAP version 1', '1..3', '# runtests: programs: map_fixed_noreplace cow mkdirty']
KS_PASS = ['    # Subtest: map_fixed_noreplace', '    TAP version 13', '    1..2', '    ok 1 a',
           '    ok 2 b # SKIP no hugetlb',
           '    # Totals: pass:1 fail:0 xfail:0 xpass:0 skip:1 error:0', 'ok 1 map_fixed_noreplace']
KS_FAIL = ['    # Subtest: cow', '    TAP version 13', '    1..2', '    ok 1 a',
           '    not ok 2 vmsplice() failed', 'cow[3]: system call 278 (vmsplice) not implemented',
           '    # Totals: pass:1 fail:1 xfail:0 xpass:0 skip:0 error:0',
           '# cow: exit status 1', 'not ok 2 cow']
KS_NOTHING = ['    # Subtest: mkdirty', '    TAP version 13',
              '    # Totals: pass:0 fail:0 xfail:0 xpass:0 skip:0 error:0', 'ok 3 mkdirty']


class Kselftest(unittest.TestCase):
    def verdict(self, block, name='t', **kw):
        return run.kselftest_verdict(name, ['    # Subtest: ' + name] + block, **kw)

    def test_totals_and_exit_status(self):
        ok, shown, why = self.verdict(KS_PASS[1:], 'map_fixed_noreplace')
        self.assertTrue(ok)
        self.assertRegex(shown, r'^pass:1 fail:0 xfail:0 xpass:0 skip:1 error:0 +exit 0$')
        ok, shown, why = self.verdict(KS_FAIL[1:], 'cow')
        self.assertEqual((ok, why), (False, ['1 failed', 'exit 1']))

    def test_a_test_that_tested_nothing_fails(self):
        ok, _, why = self.verdict(KS_NOTHING[1:], 'mkdirty')
        self.assertEqual((ok, why), (False, ['it tested nothing']))

    def test_skip_passes_but_not_for_a_goal_test(self):
        skipped = ['    1..0 # SKIP no MADV_POPULATE', '# t: exit status 4', 'not ok 1 t']
        ok, shown, _ = self.verdict(skipped)
        self.assertTrue(ok)
        self.assertIn('(no kselftest totals)', shown)
        self.assertIn('exit 4 (skip)', shown)
        ok, _, why = self.verdict(skipped, whole_skip_fails=True)
        self.assertEqual((ok, why), (False, ['skipped as a whole (a goal test must run)']))

    def test_a_run_the_list_skips(self):
        # runtests's lines for a run of mm.run marked "# skip: why"
        skipped = ['    # SKIP not run: hugetlbfs (out of scope)',
                   '    # Totals: pass:0 fail:0 xfail:0 xpass:0 skip:1 error:0',
                   '# t: exit status 4', 'ok 1 t']
        ok, shown, _ = self.verdict(skipped)
        self.assertTrue(ok)
        self.assertRegex(shown, r'^pass:0 fail:0 xfail:0 xpass:0 skip:1 error:0 +exit 4 \(skip\), '
                                r'not run: hugetlbfs \(out of scope\)$')
        ok, _, why = self.verdict(skipped, whole_skip_fails=True)
        self.assertFalse(ok)

    def test_kernel_side_problems_fail(self):
        ok, _, why = self.verdict(KS_PASS[1:-1] + [
            '# t: free memory 100 kB before, 96 kB after: pages leaked', 'not ok 1 t'])
        self.assertEqual((ok, why), (False, ['free memory 100 kB before, 96 kB after: '
                                             'pages leaked']))
        ok, _, why = self.verdict(['    1..1', '# t: killed by signal 11 (Segmentation fault)',
                                   'not ok 1 t'])
        self.assertEqual((ok, why), (False, ['killed by signal 11 (Segmentation fault)']))

    def test_boot_one_case_per_test_and_a_panic_resumes(self):
        saved = run.run_qemu
        calls = []

        def fake(b, extra=(), side=None, watch=None):
            calls.append(b['cmdline'])
            if len(calls) == 1:
                return (KS_HEAD + KS_PASS + ['    # Subtest: cow',
                                             'Kernel panic - not syncing: x'], run.EXIT_PANIC,
                        False, None)
            return (['KTAP version 1', '1..1', '# runtests: programs: mkdirty'] + KS_NOTHING,
                    run.EXIT_OK, False, None)
        run.run_qemu = fake
        try:
            res = run.run_kselftest(dict(name='selftests.mm', kind='kselftest',
                                         cmdline='init=/bin/runtests -- -l /selftests/mm.run '
                                                 '/selftests/mm'))
        finally:
            run.run_qemu = saved
        self.assertEqual(calls[1], 'init=/bin/runtests -- --after cow -l /selftests/mm.run '
                                   '/selftests/mm')
        self.assertEqual([(n.split()[0], n.split()[1], ok) for n, ok, _ in res.cases], [
            ('selftests.mm:map_fixed_noreplace', 'pass:1', True),
            ('selftests.mm:cow', 'the', False),
            ('selftests.mm:mkdirty', 'pass:0', False)])
        self.assertIn('kernel panic', res.cases[1][0])


class Report(unittest.TestCase):
    def test_twin_failure_is_reported_once(self):
        user, cpu = run.Result(boot()), run.Result(boot(name='user.cpu_max', prefix='cpu_max:',
                                                        twin='user', qemu=['-cpu', 'max']))
        user.add('cow_basic.x', False, ['  | not ok 1 - x'])
        cpu.add('cpu_max:cow_basic.x', False, ['  | not ok 1 - x'])
        cpu.add('cpu_max:fb_io.y', False, ['  | not ok 1 - y'])
        cpu.add('cpu_max:fb_io.z', True)
        run.merge_twins([user, cpu])
        self.assertEqual(names(cpu), ['cpu_max:fb_io.y', 'cpu_max:fb_io.z'])
        self.assertIn('fails the same way in user.cpu_max', user.cases[0][2][-1])

    def test_only_one_program(self):
        b, = run.select('user:cow_basic,cow_big')
        self.assertEqual((b['name'], b['cmdline']),
                         ('user', 'fault_trace=ring init=/bin/runtests -- /tests cow_basic cow_big'))
        b, = run.select('cow_basic')
        self.assertEqual(b['cmdline'], 'fault_trace=ring init=/bin/runtests -- /tests cow_basic')
        b, = run.select('stress:mem_anon')
        self.assertEqual(b['cmdline'], 'fault_trace=ring init=/bin/runtests -- /stress mem_anon')
        b, = run.select('ktest:printk')
        self.assertEqual(b['cmdline'], 'test=printk')


class Keys(unittest.TestCase):
    def test_text_as_qemu_key_names(self):
        self.assertEqual(run.sendkey_names(['echo A_1 $?\n', '<up>', '<ctrl-c>', '<']),
                         ['e', 'c', 'h', 'o', 'spc', 'shift-a', 'shift-minus', '1', 'spc',
                          'shift-4', 'shift-slash', 'ret', 'up', 'ctrl-c', 'shift-comma'])
        with self.assertRaises(ValueError):
            run.sendkey_names(['\x03'])       # a control character: '<ctrl-c>', not text


if __name__ == '__main__':
    unittest.main()
