# files.sh — files and folders: mkdir rmdir cp mv ln rm touch chmod stat ls
# readlink realpath link unlink truncate du find xargs basename dirname
# mktemp cmp diff patch mkfifo fallocate sync, all in the current folder.
# Masked: times (ls -l's date column is not printed; touch -d sets fixed
# ones), inode numbers, and a folder's size and blocks (those of ext4 and of
# a RAM file system differ on Linux too).
echo "== mkdir rmdir"
mkdir a
mkdir -p a/b/c d/e
mkdir a 2>&1; echo "mkdir again: $?"
mkdir -m 700 private
rmdir d/e d
rmdir a 2>&1; echo "rmdir non-empty: $?"
ls -d a a/b a/b/c private
echo "== touch cp mv"
touch -d '2020-01-02 03:04:05' old
touch new
echo data > f
cp f g
cp -p old old.copy
cp -r a a2
cp f a/b/
mv g h
mv h a/b/c/
mv a2 a3
ls -R a a3 | sed 's/^/  /'
cp f /nonexistent/x 2>&1; echo "cp: $?"
echo "== ls"
ls
ls -a a
ls -1 a/b
ls -p
ls -F a/b
ls -r
ls -S f old new a3
ls -l f old | awk '{ print $1, $2, $3, $4, $5, $NF }'
ls -ld private a | awk '{ print $1, $2, $3, $4, $NF }'
echo "== stat"
stat -c '%n %s %a %A %F %h %U %G' f old
stat -c '%n %a %A %F %h %U %G' private a
stat -c '%y %Y' old
stat -t f | cut -d' ' -f1-2
stat -c '%N' f
echo "== chmod"
chmod 600 f && stat -c '%a' f
chmod u+x,g+r f && stat -c '%a %A' f
chmod -R go-rwx a && stat -c '%a' a a/b/c
chmod a+r f; stat -c '%a' f
chmod 4755 f; stat -c '%A' f
chmod 1777 a; stat -c '%A' a
chmod 755 a f
echo "== ln readlink realpath"
ln -s f sym
ln -s a/b dirlink
ln -s nowhere dangling
ln f hard
stat -c '%h' f hard
for l in sym dirlink dangling; do readlink $l; done
readlink -f dirlink | sed "s|^$HOME|~|"
realpath a/b/../b/c | sed "s|^$HOME|~|"
realpath sym | sed "s|^$HOME|~|"
ls -l sym | awk '{ print $1, $(NF-2), $(NF-1), $NF }'
cat sym
ls dirlink
test -L sym && test -e sym && echo "sym is a link to something"
test -L dangling && ! test -e dangling && echo "dangling dangles"
ln -sf g sym && readlink sym
ln -sfn f sym && readlink sym
link f hard2 && stat -c '%h' f
unlink hard2 && stat -c '%h' f
cat a/b/c/../../b/c/h
echo "== rm"
rm hard
rm nofile 2>&1; echo "rm: $?"
rm -f nofile; echo "rm -f: $?"
rm -r a3 && ls -d a3 2>&1
rm -rf dirlink && ls -d a/b
rm a 2>&1; echo "rm dir: $?"
echo "== truncate fallocate"
echo 0123456789 > t
truncate -s 4 t && cat t; echo
truncate -s 10 t && od -c t | head -1
truncate -s 1M big && stat -c '%s' big
fallocate -l 8192 fa && stat -c '%s' fa
echo "== du"
head -c 10000 /dev/zero > z10k
du -k z10k
du -a a | awk '{ print $2 }' | sort
du -sk big
echo "== find"
mkdir -p tree/x/y tree/z && touch tree/x/y/one.c tree/x/two.h tree/z/three.c tree/four
find tree | sort
find tree -name '*.c' | sort
find tree -type d | sort
find tree -type f -name 't*' | sort
find tree -maxdepth 1 | sort
find tree -mindepth 2 -type f | sort
find tree -path '*x*' -prune -o -type f -print | sort
find tree -newer old -name four
find tree -empty -type f | wc -l
find tree -name one.c -exec echo found {} \;
find tree -type f -exec ls {} + | sort | tr '\n' ' '; echo
find . -maxdepth 1 -size +1000k
find tree -name '*.h' -exec rm {} \;; find tree -name '*.h'
echo "== xargs"
find tree -type f | sort | xargs echo
seq 7 | xargs -n 3 echo
seq 3 | xargs -I{} echo item {}
printf 'a b\0c\0' | xargs -0 -n1 echo
echo 1 2 3 | xargs -t echo 2>&1
echo | xargs echo empty
seq 5 | xargs sh -c 'echo $#' x
echo "== basename dirname mktemp"
basename /usr/lib/libc.so.6
basename /a/b/file.txt .txt
basename /
dirname /usr/lib/libc.so.6
dirname file
dirname /a/
t=$(mktemp tmp.XXXXXX) && test -f "$t" && echo "mktemp made ${#t} chars: ${t%??????}"
d=$(mktemp -d dir.XXXXXX) && test -d "$d" && echo "mktemp -d made a folder"
echo "== cmp diff patch"
printf 'one\ntwo\nthree\nfour\n' > v1
printf 'one\n2\nthree\nfour\nfive\n' > v2
cmp v1 v1 && echo same
cmp v1 v2; echo "cmp: $?"
cmp -l v1 v2 2>&1 | head -4
cmp -s v1 v2; echo "cmp -s: $?"
diff v1 v2; echo "diff: $?"
diff -u v1 v2 | tail -n +3
diff -u v1 v2 > p.diff
cp v1 v3 && patch v3 < p.diff && cmp v2 v3 && echo patched
mkdir dd1 dd2 && echo x > dd1/a && echo y > dd2/a && echo z > dd2/b
diff -r dd1 dd2; echo "diff -r: $?"
echo "== mkfifo"
mkfifo pipe
stat -c '%F' pipe
ls -l pipe | cut -c1
(echo through the fifo > pipe &) ; cat pipe
sync && echo synced
