# shell_jobs.sh — BusyBox sh's processes: & and wait, $!, wait's statuses,
# kill and trap (EXIT, INT, TERM, USR1, HUP, a trap in a subshell),
# signals' exit statuses (128+N), sleep, timeout, background pipelines.
# Masked: PIDs (only compared with each other, never printed), and what
# ash says on its stderr when wait finds a job killed by a signal (below).
echo "== background"
sleep 0.2 & p=$!
[ "$p" -gt 0 ] && echo "got a pid"
wait $p; echo "waited: $?"
(exit 5) & wait $!; echo "status of a background job: $?"
(sleep 0.1; echo late) & echo early; wait
for i in 3 1 2; do (sleep 0.$i; echo "job $i" > job$i) & done; wait
cat job1 job2 job3
# (wait's stderr: whether ash says "Terminated" depends on whether the job
# died before wait began, which is the scheduler's choice: not compared)
sh -c 'kill -9 $$' & wait $! 2>/dev/null; echo "killed by 9: $?"
sh -c 'kill $$' & wait $! 2>/dev/null; echo "killed by TERM: $?"
sleep 10 & s=$!; kill $s; wait $s 2>/dev/null; echo "sleep killed: $?"
sleep 10 & s=$!; kill -USR1 $s; wait $s 2>/dev/null; echo "sleep killed by USR1: $?"
echo pipe | cat & wait
wait; echo "wait with nothing: $?"
echo "== traps"
sh -c 'trap "echo exit trap" EXIT; echo body'
sh -c 'trap "echo exit trap; exit 3" EXIT; exit 1'; echo "status $?"
sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
sh -c 'trap "echo got TERM; exit 9" TERM; kill $$; echo not here'; echo "status $?"
sh -c 'trap "echo got INT" INT; kill -INT $$; echo continued'
sh -c 'trap "" HUP; kill -HUP $$; echo ignored HUP'
sh -c 'trap "echo hup" HUP; trap - HUP; kill -HUP $$; echo not here'; echo "default HUP: $?"
sh -c 'trap "echo in trap" USR2; (kill -USR2 $$); echo subshell signalled parent'
sh -c 'trap "echo outer" EXIT; (trap "echo inner" EXIT; echo sub); echo main'
sh -c 'trap "echo caught; kill \$p; exit 0" USR1; sleep 5 & p=$!; (sleep 0.2; kill -USR1 $$) & wait $p'; echo "trap during wait: $?"
sh -c 'trap' ; sh -c 'trap "echo x" INT TERM; trap' 
echo "== kill"
kill -l 9 15
kill -l | head -c 40; echo
kill -0 $$ && echo "kill -0 self"
kill -9 999999 2>/dev/null; echo "kill nobody: $?"
setsid sh -c 'sleep 10 & sleep 10 & kill 0; echo not here'; echo "kill 0 in a new session: $?"
echo "== timeout sleep"
timeout 3 sleep 0.1; echo "in time: $?"
timeout -s KILL 0.3 sleep 5; echo "timed out: $?"
timeout 1 sh -c 'trap "echo term; exit 4" TERM; sleep 5 & wait'; echo "timeout TERM: $?"
usleep 1000 && echo usleep
sleep 0 && echo "sleep 0"
sleep 1s && echo "sleep 1s"
