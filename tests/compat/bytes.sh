# bytes.sh — bytes and their encodings: od hexdump xxd base64 uuencode
# uudecode md5sum sha1sum sha256sum sha512sum sha3sum crc32 strings dd
# printf dos2unix unix2dos shred, over /dev/zero and files made here.
printf 'ABC\000\001\377\n' > bin
echo "== od"
od -c bin
od -An -tx1 bin
od -An -to2 bin
od -An -tu4 -N4 bin
od -Ad -tx2 -j2 bin
echo "== hexdump xxd"
hexdump -C bin
hexdump -e '8/1 "%02x " "\n"' bin
xxd bin
xxd -p bin
xxd -p bin | xxd -r -p | od -An -c
xxd -i bin | head -2
echo "== base64 uuencode"
base64 bin
base64 bin | base64 -d | cmp - bin && echo "base64 round trip"
echo 'hello world, a longer line to wrap' | base64 -w 16
uuencode bin name.bin | tee uu
uudecode -o back uu && cmp back bin && echo "uudecode round trip"
uuencode -m bin name.bin | head -2
echo "== sums"
printf 'abc' > abc
md5sum abc
sha1sum abc
sha256sum abc
sha512sum abc
sha3sum abc
sha3sum -a 512 abc | cut -c1-32
crc32 abc
md5sum abc bin > sums && md5sum -c sums
echo tampered > abc && md5sum -c sums; echo "md5sum -c: $?"
echo "== dd"
dd if=/dev/zero of=zeros bs=512 count=8 2>/dev/null
wc -c < zeros
od -An -tx1 zeros | sort -u
seq 1000 > numbers
dd if=numbers of=part bs=1 skip=10 count=20 2>/dev/null
cat part; echo
dd if=numbers bs=100 count=2 2>&1 >/dev/null
printf 'abcdefgh' | dd bs=3 2>/dev/null | od -c | head -1
dd if=/dev/zero of=sparse bs=1 count=1 seek=99999 2>/dev/null
wc -c < sparse
printf 'abcdef' | dd of=patched bs=1 2>/dev/null
printf 'XY' | dd of=patched bs=1 seek=2 conv=notrunc 2>/dev/null
cat patched; echo
head -c 100000 /dev/zero | md5sum
echo "== strings printf"
printf 'xx\001hello\002ab\003world!\n' > mixed
strings -n 4 mixed
strings mixed | wc -l
printf '%s|%5s|%-5s|%.2s\n' a b c defgh
printf '%d %i %o %x %X %u\n' 42 -7 8 255 255 3
printf '%5.1f %e %g\n' 3.14159 12345.678 0.0001
printf '%c%c%c\n' A B C
printf '\101\x42\n'
printf '%b\n' 'tab\there' 'nl\\n'
printf '%s\n' one two three
printf '%03d:%+d\n' 5 5
echo "== dos2unix unix2dos"
printf 'a\nb\n' > unix
unix2dos unix && od -c unix | head -1
dos2unix unix && od -c unix | head -1
echo "== shred"
echo secret > s && shred -u s; ls
