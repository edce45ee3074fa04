# math.sh — numbers: expr seq factor bc dc shuf (a fixed set, sorted) and
# the shell's $(( )), awk and printf on the same sums.
echo "== expr"
expr 2 + 3 '*' 4
expr 17 / 5; expr 17 % 5; expr -5 + 2
expr length hello
expr substr hello 2 3
expr index hello l
expr match abc123 '[a-z]*'
expr abc123 : '[a-z]*\([0-9]*\)'
expr 3 '<' 10; expr abc '<' abd
expr 0 '|' 7; expr 3 '&' 0
expr 5 = 5; echo "status $?"; expr 5 = 6; echo "status $?"
expr 1 / 0 2>&1; echo "status $?"
i=0; while [ $i -lt 5 ]; do i=$(expr $i + 1); done; echo $i
echo "== seq"
seq 3
seq 2 5 | tr '\n' ' '; echo
seq 10 -3 1 | tr '\n' ' '; echo
seq -s, 5
seq -w 8 11 | tr '\n' ' '; echo
seq 0.5 0.5 2
seq 5 1 | wc -l
echo "== factor"
factor 1 2 12 97 360 1000000007 600851475143
echo 84 | factor
echo "== bc dc"
echo '2^64' | bc
echo 'scale=10; 4*a(1)' | bc -l 2>&1 | head -1
echo 'scale=5; 10/3' | bc
echo 'define f(n) { if (n < 2) return n; return f(n-1) + f(n-2); }; f(20)' | bc
echo 'obase=16; 255' | bc
echo 'ibase=2; 101010' | bc
echo '3 4 + 5 * p' | dc
echo '2 10 ^ p' | dc
echo '16 o 255 p' | dc
echo '10 k 1 3 / p' | dc
echo "== shuf"
shuf -i 1-10 | sort -n | tr '\n' ' '; echo
seq 5 | shuf | sort | tr '\n' ' '; echo
shuf -n 3 -i 1-100 | wc -l
shuf -e a b c | sort | tr '\n' ' '; echo
echo "== the same sums three ways"
n=0; for i in $(seq 100); do n=$((n + i * i)); done; echo $n
seq 100 | awk '{ s += $1 * $1 } END { print s }'
echo "$(seq -s '^2+' 100)^2" | bc
printf '%d %05.1f %.3e\n' $((1 << 40)) 2.25 1234.5
awk 'BEGIN { printf "%.6f %d %s\n", 1/3, 2147483648 * 2, 017 }'
