# archive.sh — archives and compression: tar gzip gunzip zcat bzip2 bunzip2
# bzcat unxz xzcat unlzma lzcat lzop cpio,
# with sums of what comes back.  Masked: tar tv's date and time columns (not
# printed); archives are compared by what they give back, not by their bytes.
mkdir -p src/sub
seq 2000 > src/numbers
printf 'hello\n' > src/sub/hello
ln -s numbers src/link
chmod 600 src/sub/hello
echo "== tar"
tar cf a.tar src
tar tf a.tar | sort
mkdir out && tar xf a.tar -C out
diff -r src out/src && echo "tar round trip"
stat -c '%a %n' out/src/sub/hello
readlink out/src/link
tar czf a.tgz src/numbers src/sub
tar tzf a.tgz | sort
mkdir out2 && (cd out2 && tar xzf ../a.tgz) && cmp src/numbers out2/src/numbers && echo "tgz round trip"
tar cf - src/sub | tar tf - | sort
tar xf a.tar -O src/sub/hello
tar cjf a.tbz src/numbers && tar xjf a.tbz -O src/numbers | md5sum
tar cf b.tar src/sub src/link && tar tvf b.tar | awk '{ print $1, $2, $3, $NF }'
echo "== gzip"
cp src/numbers n && gzip n && ls n*
gzip -t n.gz && echo "gzip -t ok"
zcat n.gz | tail -1
gunzip n.gz && md5sum n
gzip -c n > n.gz && od -An -tx1 -N3 n.gz
gzip -dc n.gz | wc -l
echo garbage > bad.gz && gunzip -t bad.gz 2>&1; echo "gunzip bad: $?"
gzip -9 -c n | gunzip | cmp - n && echo "gzip -9 round trip"
echo "== bzip2"
bzip2 -k n && ls n.bz2 && bzcat n.bz2 | md5sum
bunzip2 -c n.bz2 | head -2
echo "== xz lzma lzop"
# BusyBox only decompresses xz and lzma: `seq 50 | xz -9` and
# `seq 50 | xz --format=lzma`, made once by the host's xz-utils
base64 -d > s.xz <<'END'
/Td6WFoAAATm1rRGAgAhARwAAAAQz1jM4ACMAFxdABiCgo8iTvimVffwmaUlDZBFkVpRtJvKrNwF
MuyFUp+xSG3v3OhLuWG64JxTf5jIqVQO/D0q0wbXZkQ9VmSmzT3Xxx9E9BjfAgs/4sbGe+Hnf3lE
HHuffc7GPtAAANqdHszR0vk4AAF4jQEAAAA3SO7VscRn+wIAAAAABFla
END
base64 -d > s.lzma <<'END'
XQAAgAD//////////wAYgoKPIk74plX38JmlJQ2QRZFaUbSbyqzcBTLshVKfsUht79zoS7lhuuCc
U3+YyKlUDvw9KtMG12ZEPVZkps0918cfRPQY3wILP+LGxnvh5395RBx7n33O13/5+//6fBwA
END
seq 50 | md5sum
xzcat s.xz | md5sum
unxz -c s.xz | tail -1
xz -dk s.xz && wc -l s
lzcat s.lzma | md5sum
unlzma -c s.lzma | head -1
rm s && lzma -d s.lzma && ls s.lzma 2>&1; wc -l < s
lzop -k n && lzop -t n.lzo && echo "lzop -t ok"; lzop -dc n.lzo | md5sum
echo "== cpio"
find src | sort | cpio -o -H newc > a.cpio 2>cpio.err; cat cpio.err
cpio -t < a.cpio 2>/dev/null | sort
mkdir out3 && (cd out3 && cpio -id < ../a.cpio 2>/dev/null) && diff -r src out3/src && echo "cpio round trip"
