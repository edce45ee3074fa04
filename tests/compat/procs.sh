# procs.sh — processes and the system seen from a script: ps pidof kill
# killall renice setsid env id whoami groups uname tty stty true false yes
# time, and /proc's files for them.
# Masked: PIDs (never printed: compared with each other), what the host
# runs besides this script (ps and pidof look only for this script's own
# processes, by a command line nothing else has), times, the host name and
# the kernel's name and version (uname -m and -o only: uname -s is
# "faultline" on purpose, docs/syscalls.md).  Not here: logname (glibc's
# getlogin reads /proc/self/loginuid, audit's, which faultline lacks) and
# readlink /proc/self (a directory in faultline, a link in Linux).
echo "== ps"
# until a background sleep has run exec: ps then shows it, not the shell
running() { n=0; until [ $(ps -o args | grep -c "^$1") = ${2:-1} ] || [ $n = 50 ]; do sleep 0.1; n=$((n+1)); done; }
sleep 7.25 & p=$!
running 'sleep 7.25'
ps | grep -c '[s]leep 7.25'
ps -o pid,comm,args | awk -v p=$p '$1 == p { print "ps:", $2, $3, $4 }'
ps -o user,stat,ppid,pid | awk -v p=$p -v me=$$ '$4 == p { print $1, $2, $3 == me }'
[ "$(pidof sleep | tr ' ' '\n' | grep -cx $p)" = 1 ] && echo "pidof finds it"
tr '\0' ' ' < /proc/$p/cmdline; echo
cat /proc/$p/comm
awk '{ print $2, $3, $4 == me }' me=$$ /proc/$p/stat
grep -E '^(Name|State|PPid):' /proc/$p/status | sed "s/$$/ME/"
kill $p; wait $p 2>/dev/null; echo "killed: $?"	# (no "Terminated": shell_jobs.sh says why)
sleep 7.5 & sleep 7.5 & running 'sleep 7.5' 2
killall sleep 2>&1; wait 2>/dev/null; echo "killall: done"
kill -0 $p 2>/dev/null || echo "gone"
echo "== self"
[ $$ = "$(sh -c 'echo $PPID')" ] && echo "a child's PPID is my PID"
sh -c 'echo $$ > pid; exec sh -c "echo \$\$ > pid2"'; cmp -s pid pid2 && echo "exec keeps the pid"
echo "== renice setsid"
sh -c 'renice -n 7 $$ >/dev/null; cut -d" " -f19 /proc/self/stat'
setsid sh -c 'ps -o pid,sid | awk -v me=$$ "\$1 == me { print \"own session:\", \$1 == \$2 }"'
sh -c 'ps -o pid,pgid | awk -v me=$$ "\$1 == me { print \"pgid same as parent:\", \$1 != \$2 }"'
echo "== env"
env | sort
env -i PATH="$PATH" A=1 B=2 env
env -u HOME env | grep -c HOME
X=exported; export X; sh -c 'echo $X'
Y=only-here sh -c 'echo $Y'; echo "Y after: [${Y-}]"
env | grep -c '^TZ=UTC0$'
echo "== ids"
id -u; id -g; id -G; id -un; id -gn; id
whoami
groups
echo "== uname"
uname -m; uname -o
echo "== tty stty"
tty; echo "tty: $?"
stty 2>&1 | head -1 | sed 's/^stty: //'
echo "== yes true false"
yes | head -2
yes a b | head -1
true; echo $?; false; echo $?
env true && echo "env true"
env false || echo "env false"
time -f '%x' true 2>&1 || time true 2>&1 | wc -l
