# text.sh — the text filters: sed awk grep cut tr sort uniq wc head tail tee
# rev tac nl paste fold expand unexpand, on files made here.
cat > fruit <<'END'
banana 3 yellow
apple 10 red
cherry 7 red
apple 2 green
date 5 brown
elderberry 12 black
fig 1 purple
END
echo "== sort"
sort fruit
sort -k2,2n fruit
sort -k2,2nr -t ' ' fruit | head -3
sort -u -k1,1 fruit | cut -d' ' -f1
sort -r fruit | tail -2
echo "== uniq"
cut -d' ' -f3 fruit | sort | uniq -c
cut -d' ' -f1 fruit | sort | uniq -d
cut -d' ' -f1 fruit | sort | uniq -u | wc -l
echo "== cut"
cut -c1-3 fruit | head -3
cut -d' ' -f2- fruit | tail -2
printf 'a:b:c\nd:e:f\n' | cut -d: -f1,3 -O-
echo "== tr"
echo 'Hello, World' | tr a-z A-Z
echo 'Hello, World' | tr -d lo
echo 'aaabbbccc   x' | tr -s 'a-c '
echo 'hello' | tr -c 'l\n' '.'
echo "== wc"
wc -l fruit
wc -w < fruit
wc -c < fruit
printf 'one\ntwo three\n' | wc
echo "== head tail"
head -n 2 fruit
tail -n 2 fruit
tail -n +6 fruit
head -c 12 fruit; echo
seq 100 | tail -c 12
echo "== tee"
echo teed | tee t1 t2 > /dev/null
cat t1 t2
echo more | tee -a t1 | tr a-z A-Z
cat t1
echo "== grep"
grep red fruit
grep -c apple fruit
grep -v -e red -e apple fruit
grep -n '^[cd]' fruit
grep -i APPLE fruit | head -1
grep -w 'fig' fruit
grep -o '[0-9][0-9]*' fruit | tr '\n' ' '; echo
grep -E 'ap+le|fig' fruit | wc -l
egrep '(ch|d)' fruit | cut -d' ' -f1
fgrep '1 p' fruit
grep -x 'fig 1 purple' fruit
grep -q nothing fruit; echo "grep -q: $?"
grep -A1 cherry fruit
grep -B1 date fruit
mkdir -p g/h && echo needle > g/h/x && echo hay > g/y
grep -r needle g
grep -rl hay g
grep -L needle g/y
echo "== sed"
sed 's/apple/APPLE/' fruit | head -2
sed -n '2,4p' fruit
sed '/red/d' fruit
sed -e 's/ [0-9]* / /' -e 'y/abc/ABC/' fruit | head -3
sed -n '$p' fruit
sed '1!G;h;$!d' fruit | head -2
sed -E 's/([a-z]+) ([0-9]+)/\2 \1/' fruit | head -2
sed '3q' fruit
sed = fruit | head -4
sed 's/e/E/2g' fruit | head -3
printf 'x\ny\n' | sed 'a\
after' 
printf 'x\ny\n' | sed '1i before'
cp fruit f2 && sed -i 's/ .*//' f2 && cat f2 | tr '\n' ' '; echo
sed -n '/cherry/,/date/{=;p}' fruit
echo "== awk"
awk '{ s += $2 } END { print "sum", s, "n", NR }' fruit
awk '$3 == "red" { print $1 }' fruit
awk -F' ' '{ print length($1), toupper($1) }' fruit | head -3
awk '{ c[$3]++ } END { for (k in c) print k, c[k] }' fruit | sort
awk 'BEGIN { printf "%5.2f|%-4s|%03d|%x|%c\n", 3.14159, "ab", 7, 255, 65 }'
awk 'BEGIN { n = split("a,b,c", p, ","); print n, p[1] p[3]; s = "foo bar foo"; gsub(/foo/, "baz", s); print s }'
awk 'BEGIN { print substr("hello", 2, 3), index("hello", "ll"), match("xxabc", /ab/), RSTART, RLENGTH }'
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'
awk -v x=5 'BEGIN { print x * 2; print 7 % 3, int(-3.7), -7 % 3 }'
awk 'NR % 2 == 0' fruit
awk '{ $2 = $2 * 10; print }' OFS=: fruit | head -2
awk 'BEGIN { while ((getline line < "fruit") > 0) n++; print "lines", n }'
printf '1,2\n3,4\n' | awk -F, '{ print $2 "," $1 }'
awk 'BEGIN { x["a"] = 1; delete x["a"]; print length(x) ("a" in x) }'
awk 'BEGIN { print sprintf("%s-%d", "n", 42); print 1e3, 0.1 + 0.2, 100000 * 100000 }'
echo "== rev tac nl paste fold expand"
echo 'stressed' | rev
tac fruit | head -2
nl fruit | head -2
nl -ba -s: fruit | tail -1
seq 6 | paste - - -
seq 4 | paste -s -d+
paste -d, t1 t2
echo 'abcdefghijklmnopqrstuvwxyz' | fold -w 10
printf 'a\tb\tc\n' | expand -t 4
printf 'a       b\n' | unexpand -a | od -c | head -1
