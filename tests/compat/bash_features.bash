# bash_features.bash — bash (Debian's bash-static) in faultline as on Linux:
# pipelines and PIPESTATUS, subshells, traps (EXIT, ERR, RETURN, a signal
# sent with kill -USR1 $$), here-documents (quoted and unquoted) and
# here-strings, indexed and associative arrays, [[ ]] with patterns and
# =~, brace expansion, extglob and globstar, functions with local and
# namerefs, printf -v, mapfile, coproc, wait -n, $RANDOM from a seed.
# Not here: process substitution, <(...) and >(...): bash passes them as
# /dev/fd/N, and faultline has no /dev/fd (Linux's is /proc/self/fd).
# Masked: PIDs ($$, $BASHPID, $!: only compared with each other).
trap 'echo "EXIT trap: status $?"' EXIT
echo "== pipelines"
printf 'c\nb\na\n' | sort | tr a-z A-Z | paste -sd,
true | false | true; echo "PIPESTATUS ${PIPESTATUS[*]}"
set -o pipefail; false | true; echo "pipefail $?"; set +o pipefail
echo hello | { read w; echo "got $w"; }
shopt -s lastpipe; echo lastpipe | read lp; echo "lastpipe: ${lp:-unset}"; shopt -u lastpipe
seq 3 |& cat
echo "== subshells"
x=1; (x=2; echo "inner $x"); echo "outer $x"
[ "$BASHPID" != "$(echo $BASHPID)" ] && echo "a subshell has its own BASHPID"
[ "$$" = "$(echo $$)" ] && echo "but the same \$\$"
echo "depth $BASH_SUBSHELL $(echo $BASH_SUBSHELL) $( (echo $BASH_SUBSHELL) )"
out=$(exit 3); echo "status of \$(exit 3): $?"
echo "== traps"
trap 'echo "USR1 caught"' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo "USR2 in $FUNCNAME"' USR2
f() { kill -USR2 $$; echo "f goes on"; }; f
"$BASH" -c 'trap "echo child: TERM; exit 5" TERM; kill -TERM $$; echo not here'; echo "child status $?"
( trap 'echo "ERR trap at line $LINENO"' ERR; false; echo "after false" )
g() { trap 'echo "RETURN from g"' RETURN; echo "in g"; }; g; trap - RETURN
"$BASH" -c 'trap "echo sub EXIT" EXIT; exit 7'; echo "sub status $?"
trap -p USR1
echo "== here-documents"
name=world
cat <<EOT
unquoted: hello $name, $((6*7)), $(echo cmd) \$literal
EOT
cat <<'EOT'
quoted: hello $name, $((6*7)), $(echo cmd)
EOT
cat <<-EOT
	dash: tabs go, $name stays
	EOT
tr a-z A-Z <<< "here-string $name"
read -r a b c <<< "one two three four"; echo "$a|$b|$c"
mapfile -t lines <<EOT
first
second
third
EOT
echo "${#lines[@]} lines, last ${lines[-1]}"
echo "== arrays"
arr=(zero one "two words" three)
echo "${#arr[@]} ${arr[2]} ${arr[@]:1:2}"
arr+=(four); arr[10]=ten
echo "${!arr[@]}"
for e in "${arr[@]}"; do printf '[%s]' "$e"; done; echo
unset 'arr[1]'; echo "${arr[*]}"
declare -A color=([apple]=red [banana]=yellow)
color[cherry]="dark red"
for k in $(printf '%s\n' "${!color[@]}" | sort); do echo "$k=${color[$k]}"; done
echo "${#color[@]} keys"
[[ -v color[apple] ]] && echo "apple is set"
nums=(5 3 9 1); sorted=($(printf '%s\n' "${nums[@]}" | sort -n)); echo "${sorted[*]}"
read -ra parts <<< "a b c"; echo "${#parts[@]}: ${parts[1]}"
IFS=, read -ra csv <<< "x,y,,z"; declare -p csv
echo "== [[ ]]"
s=faultline
[[ $s == fault* ]] && echo "glob match"
[[ $s =~ ^(fa)(u[a-z]+)line$ ]] && echo "regex: ${BASH_REMATCH[0]} ${BASH_REMATCH[2]}"
[[ -n $s && ! -z $s ]] && echo "and/not"
[[ 10 -gt 9 && abc < abd ]] && echo "numbers and strings"
[[ $s == "fault*" ]] || echo "quoted: no glob"
echo "== expansions"
echo {a,b,c}{1,2} {1..5} {05..10..2} {z..w}
v="Hello World"; echo "${v^^} ${v,,} ${v^} ${#v} ${v/World/There} ${v:6}"
p=/a/b/c.tar.gz; echo "${p##*/} ${p%%.*} ${p#/a/}"
ref=v; echo "${!ref}"
declare -n nr=v; nr="via nameref"; echo "$v"
printf -v padded '%05d' 42; echo "$padded"
echo $(( 2**20 )) $(( 17 % 5 )) $(( 0x1f )) $(( 8#17 )) $(( 2#1010 ))
for ((i = 0; i < 3; i++)); do printf "$i"; done; echo
let "y = 6 * 7"; echo $y
echo "== globbing"
mkdir -p g/sub/deep && touch g/a.c g/b.h g/sub/c.c g/sub/deep/d.c
shopt -s globstar; echo g/**/*.c; shopt -u globstar
shopt -s extglob
echo g/!(*.c) g/@(a|b).*
shopt -u extglob
shopt -s nullglob; echo "none: [" g/*.none "]"; shopt -u nullglob
echo "== functions"
counter() { local -i n=$1; n+=1; echo $n; }; counter 41
outer() { local v=local; inner; }; inner() { echo "dynamic scope: $v"; }; outer
fact() { (( $1 <= 1 )) && echo 1 || echo $(( $1 * $(fact $(( $1 - 1 ))) )); }; fact 12
declare -f counter | head -1
type -t counter cd ls
echo "== wait -n and coproc"
# (each in a subshell: when bash learns that a job ended, before or
# while it waits, is up to the scheduler, and changes what jobs and wait -n
# report about jobs that ended earlier)
(
	sleep 1 & s1=$!; (sleep 0.1; exit 4) &
	wait -n; echo "first done: $?"
	wait $s1; echo "sleep: $?"
)
(
	coproc UPPER { tr a-z A-Z; }
	echo "through a coproc" >&${UPPER[1]}
	exec {UPPER[1]}>&-
	read -r line <&${UPPER[0]}; echo "$line"
	wait $UPPER_PID; echo "coproc status $?"
)
echo "== RANDOM from a seed"
RANDOM=42; a=$RANDOM; RANDOM=42; b=$RANDOM; [ $a = $b ] && echo "same seed, same number"
echo "== exit"
exit 0
