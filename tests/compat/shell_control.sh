# shell_control.sh — BusyBox sh's control flow: if, case, for, while,
# until, break/continue N, functions (local, return, recursion), exit
# statuses of pipelines and lists, !, &&, ||, set -e, set -u, getopts,
# read, test and [ ], command, type, true/false.
echo "== if and test"
for x in 0 5 10; do
	if [ $x -lt 5 ]; then echo "$x small"; elif [ $x -eq 5 ]; then echo "$x five"; else echo "$x big"; fi
done
[ abc = abc ] && echo str-eq
[ abc != abd ] && echo str-ne
[ -z "" ] && [ -n x ] && echo z-n
[ 3 -ge 3 -a 2 -le 3 ] && echo and
[ 1 -gt 2 -o 2 -gt 1 ] && echo or
[ ! -e nofile ] && echo not-exists
touch f; mkdir d
[ -f f ] && [ -d d ] && [ -r f ] && [ -w f ] && ! [ -x f ] && echo file-tests
[ -s f ] || echo empty
test "abc" \< "abd" && echo lt
[[ abc == a* ]] && echo "[[ glob"
[[ -n x && ! -z x ]] && echo "[[ &&"
test; echo "test alone: $?"
echo "== case"
for w in apple Banana cherry 42 ''; do
	case $w in
	a*) echo "$w: a-word" ;;
	[A-Z]*) echo "$w: capital" ;;
	*rr*|*zz*) echo "$w: double" ;;
	[0-9]*) echo "$w: number" ;;
	'') echo "empty" ;;
	esac
done
case x in (x) echo "paren pattern";; esac
echo "== loops"
for i in 1 2 3; do printf "$i "; done; echo
for i in $(seq 5); do [ $i = 2 ] && continue; [ $i = 4 ] && break; printf "$i "; done; echo
i=0; while [ $i -lt 3 ]; do i=$((i+1)); printf "w$i "; done; echo
i=0; until [ $i -ge 3 ]; do i=$((i+1)); printf "u$i "; done; echo
for a in 1 2; do for b in 1 2 3; do [ $b = 2 ] && continue 2; echo "$a$b"; done; done
for a in 1 2; do for b in 1 2; do [ $a = 2 ] && break 2; echo "$a$b"; done; done
seq 3 | while read n; do echo "read $n"; done
for i do echo "no list: $i"; done
echo "== functions"
greet() { echo "hello $1"; return 3; }
greet world; echo "status $?"
outer() { local v=inner; echo "in: $v"; }
v=outer; outer; echo "out: $v"
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1-1))) + $(fib $(($1-2))) )); fi; }
fib 10
count() { echo $#; }; count a "b c" d
f2() { echo "f2 first"; }; f2() { echo "f2 redefined"; }; f2
unset -f f2; type f2 >/dev/null 2>&1 || echo "f2 gone"
echo "== statuses"
false | true; echo "pipe: $?"
true | false; echo "pipe: $?"
! true; echo "not: $?"
false || echo "or ran"
true && echo "and ran"
false && echo never; echo "and-list: $?"
(exit 42); echo "subshell: $?"
sh -c 'exit 7'; echo "sh -c: $?"
nonexistent_cmd 2>/dev/null; echo "not found: $?"
touch noexec; ./noexec 2>/dev/null; echo "not executable: $?"
{ false; true; }; echo "group: $?"
echo "== set -e, set -u"
sh -c 'set -e; echo before; false; echo after'; echo "set -e: $?"
sh -c 'set -e; false || true; if false; then :; fi; echo survived'
sh -c 'set -u; echo $nope' 2>&1 | sed 's/^[^:]*: //'; 
sh -c 'set -o pipefail; false | true'; echo "pipefail: $?"
echo "== getopts"
parse() {
	OPTIND=1
	while getopts "ab:c" opt; do
		case $opt in
		a) echo "-a" ;;
		b) echo "-b $OPTARG" ;;
		c) echo "-c" ;;
		?) echo "bad option" ;;
		esac
	done
	shift $((OPTIND - 1)); echo "rest: $*"
}
parse -a -b val -c file1 file2
parse -ab2 -- -c
parse -x 2>&1 | sed 's/^[^:]*: //'
getopt -o ab: -- -a -b x y 2>&1
echo "== read"
printf 'one two three\n' | { read a b; echo "[$a] [$b]"; }
printf 'back\\slash\n' | { read -r l; echo "$l"; }
printf 'back\\slash\n' | { read l; echo "$l"; }
printf 'no newline' | { read l; echo "status $? [$l]"; }
printf 'a,b\n' | { IFS=, read x y; echo "$y$x"; }
{ read l1; read l2; } <<'END'
first
second
END
echo "$l1/$l2"
read -t 1 nothing < /dev/null; echo "read eof: $?"
echo "== command type"
command -v cd; command -v nonexistent; echo "$?"
type echo | head -1
type greet | head -1
command echo via command
alias ll='echo aliased'
eval ll
unalias ll
true; false; : ; echo "colon: $?"
