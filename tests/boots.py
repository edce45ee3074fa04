"""The boots `make test` runs (tests/run.py reads this table).

kind 'ktap':  the test kernel runs in-kernel suites (test=...) and prints KTAP;
              every case is one result.  A boot of /bin/runtests (init=) is
              booted again after a program that stops the kernel (panic,
              hang): that program fails with the kernel's last lines, the
              next boot starts after it (runtests --after), and a program
              that never ran fails, named (tests/run.py run_programs).
              `prefix` goes before every case name; `twin` names the boot
              whose failures it repeats (see user.cpu_max); `expect_fail`
              ({program: [regexes]}): programs that must fail, with those
              lines in their failure (the runner's own test).
kind 'panic': a boot whose expected result is a panic: it passes when QEMU ends
              with the panic exit status and every `expect` regex is found in
              the serial output (in order).
kind 'console': `input` is typed on the serial console; the `expect`
              regexes must appear in order and the kernel must power off.
              `input` may be steps, (regex, text): text is typed once a line
              matches regex (None: a second after the step before); a text
              keys(...) is typed on the PS/2 keyboard instead, through QEMU's
              monitor (sendkey), as into the framebuffer's window.
kind 'screenshot': the serial console on stdio and a monitor socket; when the
              output matches `ready`, the display is dumped (screendump) and
              Enter is typed; the `pixels` (x, y, 0xRRGGBB, what) and, with
              `model`, a grid of samples every `grid` pixels must match, the
              `expect` regexes must appear in order, and the kernel must power off.
kind 'bench': /bin/faultbench under QEMU -icount (guest instructions, exact):
              every path's count must be within its budget in the file
              `budget` (tests/bench-budget); a path over it fails, named.
kind 'profile': `make profile FAULT=fault` (the QEMU plugin counting one kind
              of fault by function): its total is within `slack` (a fraction)
              of faultbench's own figure for that row, printed in the same
              run, and every name in `functions` has a row.
kind 'labs':  tests/labproof.py, run after every other boot: each lab's
              student tree (scripts/mklab.py) builds without warnings, passes
              every test outside the lab and fails each of its graded tests
              (tests/labs.py); the full tree scores full marks.
kind 'gdb':   gdb in batch mode against a halted QEMU runs tests/gdb/NAME.gdb;
              the `# expect:` lines of that script are regexes its output must
              contain, in order, and the kernel must end cleanly afterwards.
              kernel='debug': against make gdb's -O0 kernel (build/debug),
              not the -O2 test kernel; `doc`: a document whose gdb transcript
              must be this session's (tests/run.py check_transcript).
kind 'compat': tests/compat, the compatibility corpus (tests/compatrun.py):
              its run.sh is the first program and runs every script under
              BusyBox (the .bash ones under bash), while the same run.sh runs
              them on the Linux host; one case per script, compat.NAME, whose
              two outputs must be the same (a mismatch shows a diff).
kind 'selftest': tests/test_run.py, the runner's own unit tests (canned
              serial logs through its parser, resumption and summary).
kind 'kselftest': a /bin/runtests boot of Linux's own selftests (run and
              resumed as a 'ktap' runtests boot), each test one case, named
              with its kselftest totals; it passes when they say fail:0 and
              it exits 0 or 4 (skip) (tests/run.py run_kselftest).
              kernel='selftests': build/selftests.iso, whose initrd has them.

Keys any boot may have: `mem` (QEMU's -m, 256M by default), `qemu` (more
QEMU options), `disk` (sectors: scripts/mkdisk.py's pattern image, made in
the build folder, attached as a virtio-blk-pci disk, /dev/vda, snapshot=on
so the image never changes), `timeout` (seconds for the whole boot, TEST_TIMEOUT by
default), `silence` (a runtests boot: seconds without console output after
which the kernel is taken to hang).

ON_REQUEST: boots only `tests/run.py --only NAME` runs (make selftests).
"""

# The backtrace of a trap names the function that faulted, the test case
# that called it and the test runner: all three must be symbolised.
def crash(case, *expect, qemu=()):
    return dict(name='crash.' + case, kind='panic', cmdline='test=crash.' + case,
                expect=list(expect) + [r'Call Trace:',
                                       r'\] (\? )?%s\+0x[0-9a-f]+/0x[0-9a-f]+' % case,
                                       r'\] run_suite\+0x',
                                       r'Kernel panic - not syncing: '],
                qemu=list(qemu))

# What a console step types on the PS/2 keyboard (QEMU's sendkey; tests/run.py
# sendkey_names): characters as a US keyboard types them, and '<name>' parts
# as the key of that name in QEMU ('<up>', '<ctrl-c>', '<caps_lock>').
def keys(*parts):
    return dict(keys=parts)

JOB = r'sh -c .read x; echo got .*x; exec sleep 30.'   # console.newuser's first job, as ash shows it

BOOTS = [
    # the fault_trace suite feeds the fault-storm check a storm: its warning
    dict(name='ktest', kind='ktap', cmdline='test=all',
         expect=[r'^fault storm: pid 0 \(.*\) took the same fault 4096 times in a row: '
                 r'addr 7ffffffde000 rip 401234 err 7 vma 7ffffffde000-7ffffffdf000, '
                 r'path wp-reuse, result 0 each time$']),
    # tests/user: every program in the initrd's /tests, run by /bin/runtests
    # as the first program; the same binaries pass on Linux (make test-linux)
    # fault_trace=ring: the trace's ring and the fault-storm check on (runtests
    # kills a program in a storm at once, kernel/fault_trace.h), quietly
    dict(name='user', kind='ktap', cmdline='fault_trace=ring init=/bin/runtests'),
    # the same with SMEP and SMAP on (-cpu max): every user access of the
    # kernel must go through uaccess (stac/clac).  Every program runs again,
    # not a chosen few: any system call with a pointer can miss a stac.
    # Its cases are named "cpu_max:PROG.CHECK"; one that also fails in
    # `user` is reported once, there (tests/run.py merge_twins), so a
    # broken fault path is one failure per check, and what fails only here
    # is what SMEP/SMAP changed, under its own name.
    dict(name='user.cpu_max', kind='ktap', cmdline='fault_trace=ring init=/bin/runtests fbcon=0',
         qemu=['-cpu', 'max'], expect=[r'page tables: .* SMEP on, SMAP on'],
         prefix='cpu_max:', twin='user'),
    # /dev/vda: the virtio disk (drivers/virtio_blk.c) with a 1 MiB image
    # whose sectors say their numbers; the other runtests boots have no
    # disk, and there blk_virtio skips every check, saying so
    dict(name='disk.virtio', kind='ktap', disk=2048,
         cmdline='fault_trace=ring init=/bin/runtests -- /tests blk_virtio',
         expect=[r'^virtio-blk 00:\w\w\.0: \[vda\] 2048 512-byte sectors \(1 MiB\), irq \d+']),
    # tests/stress: the hostile programs (memory exhaustion, fork bombs,
    # process trees), never run on Linux; runtests checks after each that
    # every frame is back and the page counts agree with the page tables
    dict(name='stress', kind='ktap', cmdline='fault_trace=ring init=/bin/runtests -- /stress'),
    # the shell a student meets with make run: commands, a crash, exit
    dict(name='console.shell', kind='console', cmdline='',
         input='ls /\ncat /etc/motd\nhello_tap\nsegv\necho after $?\nexit 7\n',
         expect=[r'faultline init: pid 1', r'^\$ ls /', r'^bin$', r'^tests$',
                 r'Welcome to faultline', r'^ok 2 - write of nothing',
                 r'segv: reading address 0', r'^Segmentation fault',
                 r'^after 139$', r'shell exited with status 7, powering off']),
    # BusyBox as the userland (make run USERLAND=busybox): its init makes
    # the applets commands (/etc/busybox-setup), then its ash on the console
    # runs a pipeline, $(( )), a background job, cd, a redirection, poweroff
    dict(name='console.busybox', kind='console', cmdline='init=/bin/busybox -- init',
         input='echo hi from ash\nls /bin | head -3\necho $((6*7))\nsleep 1 & wait\n'
               'echo bg $?\ncd /tmp && pwd\necho x > f && cat f | tr x y\npoweroff -f\n',
         expect=[r'busybox: \d+ applets in /bin', r'built-in shell \(ash\)',
                 r'^hi from ash$', r'^acpid$', r'^42$', r'^bg 0$', r'^/tmp$', r'^y$',
                 r'reboot: powering off']),
    # the terminal under BusyBox's ash: job control is on (its init makes the
    # console the shell's controlling terminal), Ctrl-C stops the foreground
    # job, a background job is listed and killed, a raw-mode read (read -n 1)
    # takes one key without Enter (and a line typed ahead with it, during a
    # sleep, is whole for the canonical read after it: back in canonical
    # mode, what raw mode left reads as one line, its newline too; head
    # waited for it forever when the newline was lost; raw mode echoes that
    # newline as ^J, as Linux's ECHOCTL), Ctrl-D on an empty line is end of
    # file,
    # vi's insert mode, ESC and :wq write a file
    dict(name='console.tty', kind='console', cmdline='init=/bin/busybox -- init',
         input=[(r'built-in shell \(ash\)', 'echo ready\n'), (r'^ready$', 'sleep 30\n'),
                (None, '\x03'), (r'\^C', 'echo after $?\n'), (r'^after', 'sleep 30 &\n'),
                # kill only once the job is sleep itself (its comm): until its exec, the
                # child of an interactive ash still ignores SIGTERM as ash
                # does, and a kill then is lost (the job ends Done, 30 s on)
                (None, 'until [ "$(cat /proc/$!/comm)" = sleep ]; do :; done; jobs\n'),
                (r'Running', 'kill %1; wait; echo killed $?\n'),
                (r'^killed', 'read -n 1 k; echo; echo key=$k\n'), (None, 'z'),
                (r'^key=', 'sleep 1; read -n 1 k; head -n 1; echo key=$k\n'), (None, 'zhello\n'),
                (r'^key=', 'cat > /tmp/typed\n'), (None, 'one line\n'), (None, '\x04'),
                (None, 'cat /tmp/typed\n'), (r'^one line$', 'vi /tmp/vi.txt\n'),
                (None, 'ihello from vi'), (None, '\x1b'), (None, ':wq\n'),
                (None, 'cat /tmp/vi.txt; poweroff -f\n')],
         expect=[r'^ready$', r'\^C', r'^after 130$', r'\[1\]\+\s+Running\s+sleep 30',
                 r'^killed \d+$', r'Terminated\s+sleep 30', r'^key=z$', r'^zhello\^Jhello$', r'^key=z$',
                 r'^one line$', r'^hello from vi$',
                 r'reboot: powering off']),
    # BusyBox's ash tried as a new user would (issue 15 point 7), the
    # commands whose output the kernel makes: job control, ps, top, free,
    # df, mount, sleep.
    # Job control: Ctrl-Z stops the foreground job ("^Z" and ash's "[1]+
    # Stopped" on one line: Linux's n_tty echoes no newline); jobs lists it
    # Stopped; bg runs it on (jobs: Running; kill ends it: 128 + SIGTERM);
    # fg brings a stopped tr back and Ctrl-C ends it.  A key goes only once
    # the program is seen to run (a loaded host may take seconds to start
    # it): each job first reads a line and answers it.  Not its echo: that
    # comes when the line is read, but Ctrl-Z throws away what is typed and
    # not yet taken, as Linux's n_tty does.
    # The figures: ps shows the console (5,1) as the shell's terminal and
    # none (?) for init, RSS within VSZ; top once (-n 1) shows memory, the
    # CPU line, the load, and a busy loop at most of the CPU; free's columns
    # add up to the total, no "-/+ buffers/cache" line (a kernel before 3.14
    # to BusyBox); df shows / with what its files hold, /dev with nothing,
    # Size = Used + Available; mount lists the three file systems; sleep 1
    # takes a second.  awk checks the relations and prints a verdict.
    dict(name='console.newuser', kind='console', cmdline='init=/bin/busybox -- init',
         input=[(r'built-in shell \(ash\)', 'echo ready\n'),
                (r'^ready$', "sh -c 'read x; echo got $x; exec sleep 30'\n"), (None, 'go\n'),
                (r'^got go$', '\x1a'), (r'Stopped', 'jobs\n'), (r'Stopped', 'bg\n'),
                (r'^\[1\] sh -c', 'jobs\n'), (r'Running', 'kill %1; wait %1; echo waited $?\n'),
                (r'^waited', 'tr a-z A-Z\n'), (None, 'one\n'), (r'^ONE$', '\x1a'),
                (r'Stopped', 'fg\n'), (r'^tr a-z A-Z$', 'two\n'), (r'^TWO$', '\x03'),
                (r'\^C', 'echo fg $?\n'),
                (r'^fg ', "ps -o pid,ppid,tty,stat,vsz,rss,comm | awk -v sh=$$ '$1 == sh && "
                          "$3 == \"5,1\" && $6 > 100 && $6 < $5 {print \"ps: shell ok\"} "
                          "$1 == 1 && $3 == \"?\" {print \"ps: init ok\"}'\n"),
                (r'^ps: ', '(while :; do :; done) & sleep 1; top -n 1; kill %1\n'),
                (r'^Load average', "free | awk 'NR == 2 && $2 == $3 + $4 + $6 && $5 <= $6 && "
                                   "$7 <= $2 {print \"free: adds up\"} NR == 3 "
                                   "{print \"free: then\", $1}'\n"),
                (r'^free: then', "df | awk '$6 == \"/\" && $3 > 1000 && $2 == $3 + $4 "
                                 "{print \"df /: ok\"} $6 == \"/dev\" && $3 == 0 && "
                                 "$2 == $4 {print \"df /dev: ok\"}'; mount\n"),
                (r'^devtmpfs on', 'time sleep 1\n'), (r'^real', 'poweroff -f\n')],
         expect=[r'^ready$', r'^got go$', r'^\^Z\[1\]\+\s+Stopped\s+%s$' % JOB,
                 r'^\[1\]\+\s+Stopped\s+%s$' % JOB, r'^\[1\] %s$' % JOB,
                 r'^\[1\]\+\s+Running\s+%s$' % JOB, r'^waited 143$',
                 r'^ONE$', r'^\^Z\[1\]\+\s+Stopped\s+tr a-z A-Z$', r'^tr a-z A-Z$', r'^TWO$',
                 r'^\^C$', r'^fg 130$', r'^ps: init ok$', r'^ps: shell ok$',
                 r'Mem: \d+K used, \d+K free, \d+K shrd, 0K buff, \d+K cached$',
                 r'^CPU:\s+\d+% usr\s+\d+% sys', r'^Load average: \d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+$',
                 r'PID\s+PPID USER\s+STAT\s+VSZ %VSZ %CPU COMMAND',
                 r'^\s*\d+\s+\d+ root\s+R\s+\d+\s+\d+%\s+([5-9]\d|100)% -/bin/sh$',
                 r'^free: adds up$', r'^free: then Swap:$', r'^df /: ok$', r'^df /dev: ok$',
                 r'^ramfs on / type ramfs \(rw\)$', r'^proc on /proc type proc \(rw,nosuid,nodev,noexec\)$',
                 r'^devtmpfs on /dev type devtmpfs \(rw,nosuid\)$', r'^real\s+0m 1\.\d\ds$',
                 r'reboot: powering off']),
    # tests/compat: shell scripts over 60+ BusyBox applets and the shell's
    # features, plus a bash script; each one's output in faultline must be
    # its output with BusyBox (bash-static) on Linux (tests/compat/README.md)
    # run.sh's arguments: the scripts, a new work folder, busybox and bash
    dict(name='compat', kind='compat',
         cmdline='fbcon=0 init=/bin/busybox -- sh /compat/run.sh /compat /tmp/compat '
                 '/bin/busybox /bin/bash'),
    # the framebuffer window's keyboard is a terminal too (drivers/keyboard.c):
    # under BusyBox's ash, everything typed on the PS/2 keyboard: Caps Lock
    # and Shift, then ash's line editor (raw mode) gets the arrows and End as
    # ESC sequences (Up: the last command again), Ctrl-C stops the foreground
    # job as from the serial port, a raw read (read -n) gets the Right
    # arrow's three bytes and Alt's ESC prefix, and cat in canonical mode
    # gets Backspace (DEL: VERASE), Enter (\r: ICRNL) and Ctrl-D (VEOF)
    dict(name='console.keyboard', kind='console', cmdline='init=/bin/busybox -- init',
         input=[(r'built-in shell \(ash\)',
                 keys('echo ', '<caps_lock>', 'kbd', '<caps_lock>', '_ok $((6*7))\n')),
                (r'^KBD_ok 42$', keys('<up>', '\n')),
                (r'^KBD_ok 42$', keys('echo ab', '<left>', 'X', '<end>', 'c\n')),
                (r'^aXbc$', keys('sleep 30\n')), (None, keys('<ctrl-c>')),
                (r'\^C', keys('echo after $?\n')),
                (r'^after', keys('read -n 3 k; echo; echo ${#k} ${k#?}\n')), (None, keys('<right>')),
                (r'^3 ', keys('read -n 2 k; echo; echo ${#k} ${k#?}\n')), (None, keys('<alt-x>')),
                (r'^2 ', keys('cat > /tmp/typed\n')),
                (None, keys('one linx', '<backspace>', 'e\n', '<ctrl-d>')),
                (None, keys('cat /tmp/typed; poweroff -f\n'))],
         expect=[r'i8042: PS/2 keyboard on IRQ 1', r'^KBD_ok 42$', r'^KBD_ok 42$', r'^aXbc$',
                 r'\^C', r'^after 130$', r'^3 \[C$', r'^2 x$', r'^one line$',
                 r'reboot: powering off']),
    # no i8042 at all (QEMU's pc without one): the kernel says so, and the
    # serial console is the terminal as before
    dict(name='console.no_i8042', kind='console', cmdline='', qemu=['-machine', 'pc,i8042=off'],
         input='echo still here\nexit 7\n',
         expect=[r'i8042: no controller: no keyboard', r'^still here$',
                 r'shell exited with status 7, powering off']),
    crash('divide_error', r'Oops: divide error: error code 0x0 \(vector 0\)',
          r'RIP: crash_divide_error_fn\+0x'),
    crash('invalid_opcode', r'Oops: invalid opcode: error code 0x0 \(vector 6\)',
          r'RIP: crash_invalid_opcode_fn\+0x'),
    crash('breakpoint', r'Oops: int3: error code 0x0 \(vector 3\)',
          r'RIP: crash_breakpoint_fn\+0x'),
    crash('unmapped_read', r'Oops: page fault: error code 0x0 \(vector 14\)',
          r'CR2: ffffffffc0000000'),
    crash('stack_overflow', r'Oops: double fault: error code 0x0 \(vector 8\)',
          r'kernel stack overflow: the stack ran into the boot stack\'s guard page'),
    crash('null_deref', r'BUG: kernel NULL pointer dereference, address: 0000000000000000',
          r'#PF: supervisor read access in kernel mode',
          r'#PF: error_code\(0x0000\) - not-present page',
          r'PML4\[  0\] = 0000000000000000', r'not present: the walk stops here',
          r'Oops: page fault'),
    crash('write_kernel_text', r'BUG: unable to handle page fault for address: ffffffff8',
          r'#PF: supervisor write access in kernel mode',
          r'#PF: error_code\(0x0003\) - permissions violation \(read-only\)',
          r'PT  \[\s*\d+\] = [0-9a-f]+  pfn [0-9a-f]+  P A G$',
          r'RIP: crash_write_kernel_text_fn\+0x'),
    crash('exec_data', r'#PF: supervisor instruction fetch in kernel mode',
          r'#PF: error_code\(0x0011\) - permissions violation \(not executable\)',
          r'PT  \[\s*\d+\] = 8[0-9a-f]+  pfn [0-9a-f]+  P W A D G NX$'),
    crash('panic_message', r'Kernel panic - not syncing: crash test: 42 is the answer',
          r'RIP: [0-9a-f]{4}:[0-9a-f]{16} panic_message\+0x'),
    # -cpu max has SMEP and SMAP: the kernel must turn both on
    dict(name='ktest.cpu_max', kind='ktap', cmdline='test=kpgtable', qemu=['-cpu', 'max'],
         expect=[r'page tables: .* SMEP on, SMAP on'], prefix='cpu_max:', twin='ktest'),
    # out of memory must not take the console and /proc with it (issue 12.4):
    # tests/stress/oom_console exhausts RAM with a ramfs file and VMAs, then
    # reads /proc and writes the console (a hostile program: never on the host)
    dict(name='stress.oom_console', kind='ktap', cmdline='fault_trace=ring init=/stress/oom_console'),
    dict(name='gdb.kmain', kind='gdb', cmdline='test=printk'),
    dict(name='gdb.pt', kind='gdb', cmdline='test=printk'),
    # /proc/self/pagemap's PFNs are the ones `pt` finds in the page tables:
    # tests/user/proc_pagemap with `pt` leaves two pages' entries for gdb
    dict(name='gdb.pagemap', kind='gdb', cmdline='init=/tests/proc_pagemap -- pt'),
    # the runner itself: its unit tests, and a real boot of tests/runner/
    # (a_pass, b_panic panics the kernel, c_spin never ends, d_pass): the
    # panic costs b_panic only, runtests kills c_spin at its timeout (-t 3),
    # and a_pass and d_pass still count
    dict(name='runner', kind='selftest'),
    dict(name='runner.resume', kind='ktap',
         cmdline='fault_trace=ring init=/bin/runtests -- -t 3 /runner',
         expect_fail={'b_panic': [r'the kernel stopped while it ran \(kernel panic\)',
                                  r'# Subtest: b_panic', r'sysrq: Trigger a crash',
                                  r'Kernel panic - not syncing: sysrq triggered crash',
                                  r'Call Trace:'],
                      'c_spin': [r'# c_spin: still running after 3 s: killed',
                                 r'# c_spin: killed by signal 9']}),
]


# An allocator misuse is caught by a check, not a trap: panic() gives the
# message, and the backtrace names the test case that did it and the test
# runner.  test is 'suite.case'; message is a regex.
def misuse(test, message):
    case = test.split('.', 1)[1]
    return dict(name=test, kind='panic', cmdline='test=' + test,
                expect=[r'Kernel panic - not syncing: ' + message, r'Call Trace:',
                        r'\] %s\+0x[0-9a-f]+/0x[0-9a-f]+' % case, r'\] run_suite\+0x'])


PTR = r'0x[0-9a-f]{16}'     # a pointer as panic's %p prints it

BOOTS += [
    misuse('kmalloc_misuse.double_free', r'kfree: double free of %s \(size class 64\)' % PTR),
    misuse('kmalloc_misuse.double_free_last',
           r'kfree: %s is in a free page \(pfn 0x[0-9a-f]+\): freed twice, or used after free'
           % PTR),
    misuse('kmalloc_misuse.foreign_pointer',
           r'kfree: foreign pointer 0xffffffff8[0-9a-f]{7} \(not in the direct map\)'),
    misuse('kmalloc_misuse.misaligned_free',
           r'kfree: %s is not at an object boundary \(size class 64, offset 0x[0-9a-f]*8\)' % PTR),
    misuse('kmalloc_misuse.foreign_page',
           r'kfree: foreign pointer 0xffff888[0-9a-f]{9} \(pfn 0x[0-9a-f]+ is not a kmalloc page\)'),
    misuse('kmalloc_misuse.large_interior',
           r'kfree: %s is not at an object boundary \(inside the 16384-byte allocation at %s\)'
           % (PTR, PTR)),
    misuse('page_alloc_misuse.double_free',
           r'free_pages: double free of pfn [0-9a-f]+ \(order 0, refcount 0\)'),
    misuse('page_alloc_misuse.free_reserved', r'free_pages: pfn [0-9a-f]+ is reserved'),
    misuse('page_alloc_misuse.wrong_order',
           r'free_pages: pfn [0-9a-f]+ freed as order 1, allocated as order 2'),
]

# The fault path in gdb: /bin/faultpaths (user/bin/faultpaths.c) is the first
# program and touches memory once in each way, at fixed addresses;
# tests/gdb/fault_NAME.gdb stops in the handler of each path (break-fault,
# scripts/gdb/faultline.py) and checks the backtrace, the struct vm_fault,
# and what vmas, pt, page and faults show there (faults: the trace's ring,
# fault_trace=ring).
BOOTS += [dict(name='gdb.fault_' + name, kind='gdb', cmdline='fault_trace=ring init=/bin/faultpaths')
          for name in ('anon', 'file', 'shared', 'signals', 'pfn', 'gup')]
# The same program under make gdb's -O0 kernel (build/debug): at a stop in
# each path, every local a student looks at first has a value (at -Og many
# were <optimized out>); and docs/tour.md's gdb session, replayed, must
# still print what the tour shows.
BOOTS += [dict(name='gdb.locals', kind='gdb', cmdline='fault_trace=ring init=/bin/faultpaths',
               kernel='debug'),
          dict(name='gdb.tour', kind='gdb', cmdline='fault_trace=ring init=/bin/faultpaths',
               kernel='debug',
               doc='docs/tour.md')]

# fbdemo draws the Mandelbrot set on /dev/fb0 through a shared mapping and
# waits for Enter; a screendump then shows what reached the display.  fbcon=0
# keeps the kernel's text console off the framebuffer (the serial console
# stays).  The counts are the fault path's: two faults per page written
# first (vmf_insert_pfn read-only, then pfn_mkwrite), one after a flush.
BOOTS += [
    dict(name='screenshot.fbdemo', kind='screenshot',
         cmdline='fbcon=0 init=/bin/fbdemo -- --wait',
         ready=r'fbdemo: done, press Enter', size=(1024, 768), model='fbdemo', grid=16,
         expect=[r'fbdemo: 1024x768, 32 bits per pixel, 4096 bytes per line',
                 r'fbdemo: drew the Mandelbrot set: 1536 minor faults for 768 pages',
                 r'fbdemo: pfn_mkwrite marked 768 pages damaged',
                 r'fbdemo: fsync flushed 768 pages \(0 damaged now\)',
                 r'fbdemo: redrew the marks: 64 minor faults for 64 pages, '
                 r'FBIO_FAULTLINE_FLUSH flushed 64',
                 r'init exited with status 0'],
         pixels=[(16, 16, 0xff0000, 'red mark, top left'),
                 (48, 48, 0xff0000, 'red mark, centre'),
                 (79, 79, 0xff0000, 'red mark, bottom right'),
                 (96, 16, 0x00ff00, 'green mark, top left'),
                 (159, 79, 0x00ff00, 'green mark, bottom right'),
                 (176, 16, 0x0000ff, 'blue mark, top left'),
                 (239, 79, 0x0000ff, 'blue mark, bottom right'),
                 (80, 48, 0x19071a, 'between the red and green marks: escapes at once'),
                 (0, 0, 0x19071a, 'top left corner: c = -2.50-1.31i escapes at once'),
                 (585, 384, 0x000000, 'in the set: c = -0.50+0i (main cardioid)'),
                 (438, 384, 0x000000, 'in the set: c = -1.00+0i (period-2 bulb)'),
                 (700, 100, 0x421e0f, 'outside: escapes after 16 iterations'),
                 (1023, 767, 0x09012f, 'bottom right corner: escapes after 2')]),
]

# The fault path's cost, counted in guest instructions (not timed: the count
# does not depend on the machine's load), against tests/bench-budget.  The
# same QEMU flags as `make bench` and as the Linux reference figures.
BOOTS += [
    dict(name='bench', kind='bench', cmdline='init=/bin/faultbench fbcon=0', mem='512M',
         qemu=['-icount', 'shift=0,sleep=off', '-cpu', 'qemu64'], budget='tests/bench-budget'),
]

# make profile (scripts/profile.py with the QEMU plugin scripts/profile/insnprof.c):
# the instructions of one kind of fault, per function, in one boot.  Its total
# must agree (within `slack`) with faultbench's own RDTSC figure for the same
# loop in the same run, and the fault path's `functions` must be named.
BOOTS += [
    dict(name='profile.anon-write', kind='profile', fault='anon-write', slack=0.01,
         functions=['do_page_fault', 'handle_mm_fault', 'handle_pte_fault',
                    'do_anonymous_page', 'touch [user]']),
]

# The system-call fuzzer (tests/fuzz/fuzz.c, tests/fuzz/README.md) as init:
# a fixed set of seeds, each a few tens of thousands of calls with bad
# pointers, huge lengths and random flags, in batches; after every batch
# the kernel must be alive, every frame back and the page-count audit
# clean.  A failure names the seed and the calls: replay them with
# `make fuzz SEED=n CALLS=m FUZZ_ARGS='--from i -v'`.  fbcon=0: no text
# console on the framebuffer (the fuzzer writes there through /dev/fb0);
# fault_trace=ring: a fault storm is named on the console at once.
FUZZ_SEEDS = (1, 2, 3, 4)
FUZZ_CALLS = 40000
# The first seed also shows the console is not flooded by unknown system
# calls: the kernel names them rate-limited, then counts what it left out.
BOOTS += [dict(name='fuzz.seed%d' % seed, kind='ktap',
               cmdline='fbcon=0 fault_trace=ring init=/fuzz/fuzz -- --seed %d --calls %d --batch 1000'
               % (seed, FUZZ_CALLS),
               expect=[r'^sys_ni_syscall: \d+ callbacks suppressed$'] if seed == 1 else [])
          for seed in FUZZ_SEEDS]
# one more seed with SMEP and SMAP on (-cpu max): a kernel access to user
# memory outside uaccess, on any path the fuzzer reaches, oopses there
BOOTS += [dict(name='fuzz.cpu_max', kind='ktap',
               cmdline='fbcon=0 fault_trace=ring init=/fuzz/fuzz -- --seed 5 --calls %d --batch 1000'
               % FUZZ_CALLS,
               qemu=['-cpu', 'max'], expect=[r'page tables: .* SMEP on, SMAP on'])]

# The labs (docs/labs/README.md): every student tree proven, two at a time,
# after the boots above (whose results give the full tree's grade).  Not in
# a student tree (scripts/mklab.py writes its .lab): its own lab is unsolved.
import os  # noqa: E402
if not os.path.exists(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                   '.lab')):
    BOOTS += [dict(name='labs', kind='labs')]

# Each lab handout's "Seeing it in gdb" session (docs/labs/LAB.md), replayed
# against make gdb's kernel: the commands are the handout's, in order, and
# tests/gdb/lab_LAB.gdb checks what each comment there says it shows.
# (fault_trace=ring, as make gdb boots: the handouts' `faults` reads the ring)
BOOTS += [dict(name='gdb.lab_' + lab, kind='gdb', cmdline='fault_trace=ring ' + cmdline,
               kernel='debug',
               doc='docs/labs/%s.md' % lab)
          for lab, cmdline in (('pgtable', 'init=/bin/faultpaths'), ('anon', 'init=/bin/faultpaths'),
                               ('cow', 'init=/tests/cow_basic'),
                               ('filemap', 'init=/bin/faultpaths'),
                               ('shared', 'init=/bin/faultpaths'), ('pfn', 'init=/bin/faultpaths'),
                               ('gup', 'init=/bin/faultpaths'))]

# Linux's own mm selftests (Linux 6.12's tools/testing/selftests/mm, built
# with musl-gcc from Debian's linux-source-6.12: tests/selftests/, and
# docs/selftests.md), in build/selftests.iso's /selftests/mm, run by
# /bin/runtests as tests/selftests/mm.run says (their arguments).  make test
# runs the goal tests that pass (tests/selftests-goal); make selftests runs
# every test (selftests.mm.all, below).  3 GiB: virtual_address_range
# maps the whole 128 TiB in 1 GiB chunks and touches each (a page table and
# a page directory per chunk: ~1 GiB of page tables), and mremap_test's
# four 2 GiB cases map 2 GiB of shared anonymous memory, which overcommit's
# heuristic refuses (-ENOMEM) where RAM is not larger, as Linux's does.  A test may run for
# -t seconds, 180 as kselftest gives each mm test (the tests' `settings`
# file), then runtests kills it and waits up to 20 s for its orphans;
# a kernel that prints nothing for `silence` seconds hangs.  In make test's
# boot a test skipped as a whole (exit 4) fails: each goal test is one that
# must run here (tests/run.py kselftest_verdict, `whole_skip_fails`).
def selftests_goal():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'selftests-goal')) as f:
        return [w for w in (l.split('#', 1)[0].strip() for l in f) if w]


def selftests_boot(name, tests, timeout, per_test, **kw):
    return dict(name=name, kind='kselftest', kernel='selftests', mem='3G',
                cmdline='fault_trace=ring init=/bin/runtests -- -t %d -l /selftests/mm.run '
                        '/selftests/mm %s' % (per_test, ' '.join(tests)),
                timeout=timeout, silence=per_test + 90, **kw)


BOOTS += [selftests_boot('selftests.mm', selftests_goal(), 900, 180, whole_skip_fails=True)]
ON_REQUEST = [selftests_boot('selftests.mm.all', [], 3600, 180)]
