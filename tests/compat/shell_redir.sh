# shell_redir.sh — BusyBox sh's redirections and pipelines: > >> < 2>&1
# >&- <> exec N>, here-documents (quoted, unquoted, <<-), here-strings via
# <<, pipelines of many stages, a pipe's end of file and SIGPIPE, subshells
# and { } groups, /dev/null and /dev/zero.
echo "== files"
echo one > f; echo two >> f; cat f
cat < f | wc -l
echo err >&2 2>/dev/null
{ echo out; echo err >&2; } > o 2> e; echo "o=$(cat o) e=$(cat e)"
{ echo out; echo err >&2; } > both 2>&1; cat both
{ echo out; echo err >&2; } 2>&1 > /dev/null | sed 's/^/piped: /'
ls nofile 2>/dev/null || echo "ls failed quietly"
: > emptied; wc -c < emptied
echo x >| clobber; cat clobber
set -C; echo y > clobber 2>/dev/null || echo "noclobber refused"; set +C
echo "== file descriptors"
exec 3> fd3; echo "to three" >&3; exec 3>&-; cat fd3
exec 4< f; read l <&4; read m <&4; exec 4<&-; echo "$l $m"
exec 5<> rw; echo hello >&5; exec 5>&-; cat rw
echo abc > rw2; exec 6<> rw2; read -n 1 c <&6; echo Z >&6; exec 6>&-; echo "$c $(cat rw2)"
(echo closed >&7) 2>/dev/null || echo "fd 7 not open"
exec 8>&1; echo "dup of stdout" >&8; exec 8>&-
cat <&- 2>/dev/null; echo "cat with stdin closed: $?"
echo "== here-documents"
name=world
cat <<END
hello $name $(echo sub) $((1+1)) \$escaped
END
cat <<'END'
quoted $name $(echo sub) \n
END
cat <<-END
	tabs stripped $name
		one more
	END
cat <<"END" | tr a-z A-Z
piped heredoc
END
while read a b; do echo "$b-$a"; done <<END
1 one
2 two
END
f() { cat; }; f <<END
into a function
END
cat <<A; cat <<B
first
A
second
B
echo "== pipelines"
seq 10 | grep -v 5 | sort -rn | head -3 | tr '\n' ' '; echo
seq 100000 | tail -1
yes | head -3
yes abc | head -c 20 | wc -c
seq 20000 | (read first; echo "first $first"; cat > /dev/null)
(trap '' PIPE; yes 2>/dev/null | head -1)
echo "a b c" | { read x y z; echo "$z$y$x"; }
x=outer; echo new | read x; echo "after pipe: $x"
cat /dev/null | wc -c
head -c 4096 /dev/zero | wc -c
echo "== subshells and groups"
v=1; (v=2; echo "sub $v"); echo "parent $v"
{ v=3; echo "group $v"; }; echo "parent $v"
(cd /; pwd); pwd | sed "s|$HOME|~|"
(exit 3) || echo "subshell failed: $?"
echo $( (echo a; (echo b; (echo c))) | tr '\n' ' ')
umask 077; (umask 022; touch sub-umask); touch umask-077
stat -c '%a %n' sub-umask umask-077; umask 022
