# shell_expand.sh — BusyBox sh's words: variables, parameter expansion,
# quoting, $(...), `...`, $(( )), globbing, IFS, set --, shift, eval.
echo "== variables"
a=hello b="two words" n=
echo $a "$b" ${a}x "${n}" end
echo ${#a} ${#b}
echo "${a:-dflt} ${n:-dflt} ${unset:-dflt} ${n-set-but-empty}|"
echo "${n:=assigned} $n"
echo "${a:+alt} [${unset:+alt}]"
(echo ${unset:?is not set}) 2>&1 | sed 's/^[^:]*: //'
echo "== patterns"
p=/usr/local/lib/libfoo.so.1.2
echo ${p#*/} ${p##*/} ${p%.*} ${p%%.*}
echo ${p/lib/LIB} ${p//lib/LIB}
echo ${p:5:5} ${p:15} ${p: -3}
f=archive.tar.gz; echo ${f%.tar.gz}.tgz ${f#*.}
echo "== quoting"
echo 'single $a `x`' "double $a \$a \"q\"" \$a \\
echo "tab:	|" 'nl:
|'
echo $'c-style\tescape'
x='  spaced   out  '
echo [$x] ["$x"]
set -- $x; echo $#
echo "== command substitution"
echo $(echo inner $(echo nested))
echo `echo back quotes`
n=$(printf 'a\nb\n\n\n'); echo "[$n]"
echo "$(seq 3 | wc -l) lines"
echo $( (echo sub; echo shell) | tr '\n' ' ')
echo "== arithmetic"
i=5
echo $((i + 3)) $((i * i)) $((17 / 5)) $((17 % 5)) $((-17 / 5)) $((2 ** 10))
echo $((1 << 10)) $((0xff)) $((010)) $((7 & 3)) $((7 | 8)) $((7 ^ 2)) $((~0))
echo $((i > 3 && i < 10)) $((i == 5 ? 100 : 200)) $((!i))
echo $((i += 2)) $((i++)) $i $((--i)) $i
echo $(( (1 + 2) * (3 + 4) ))
echo $((9223372036854775807 + 1))
j=3; echo $((j*j + $i))
echo "== globbing"
touch a1 a2 b1 .hidden 'sp ace'
echo a*
echo ?1
echo [ab]2 [!a]1
echo *.none
echo .h*
echo "sp"*
for f in *; do printf '<%s>' "$f"; done; echo
set -f; echo a*; set +f
echo "== IFS and set"
IFS=: read -r u p r <<'END'
root:x:0:0
END
echo "$u|$p|$r"
s='a:b::c'
old=$IFS IFS=:; set -- $s; IFS=$old
echo $# "$1" "$3" "$4"
set -- one "two three" four
echo $# "$@"
for w in "$@"; do echo "[$w]"; done
echo "$*" 
IFS=,; echo "$*"; IFS=$old
shift; echo $1; shift 2; echo $#
echo "== eval"
v=inner; cmd='echo $v'; eval "$cmd"
eval "x1=1; x2=2"; echo $x1$x2
name=dyn; eval "$name=value"; eval echo \$$name
echo "== special parameters"
f() { echo "$# $1 ${2:-none}"; }
f
f a b
echo $0 | sed 's|.*/||'
true; echo $?; false; echo $?
echo "${#}" "$-" | tr -d 'hBmi'
