# misc.sh — dates and calendars at fixed times (date -d, -u, -r, cal),
# which, run-parts, ascii, mkpasswd with a fixed salt, and a little ed editing session.
# Masked: the current date and time (only their shape is compared).
echo "== date"
date -u -d @0
date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %a %b %j %u %s'
date -u -d '2024-02-29 12:34:56' '+%A %d %B %Y, week %V, day %j'
date -d @86399 -u +%T
TZ=UTC0 date -d '2000-01-01 00:00' +%s
date -u -D '%d.%m.%Y' -d '24.12.2023' +%F
touch -d '2021-06-15 08:00:00' stamp; date -u -r stamp +'%F %T'
date +%Y | grep -qE '^20[0-9][0-9]$' && echo "this year has four digits"
date -u '+%F %T' | grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$' && echo "now has its shape"
a=$(date +%s); sleep 1; b=$(date +%s); [ $((b - a)) -ge 1 ] && [ $((b - a)) -le 5 ] && echo "a second passed"
echo "== cal"
cal 2 2024
cal 9 1752
cal 12 2023 | head -3
echo "== which run-parts"
which sh | sed "s|^$HOME/\.\./bin|BIN|;s|.*/||"
which nonexistent; echo "which: $?"
mkdir parts && printf '#!/bin/sh\necho part one\n' > parts/10one && printf '#!/bin/sh\necho part two\n' > parts/20two
printf '#!/bin/sh\necho dotted name\n' > parts/30.dotted && chmod +x parts/*
run-parts parts
run-parts --test parts | sed 's|.*/||'
echo "== ascii mkpasswd"
ascii 2>&1 | head -3
mkpasswd -m sha512 password saltsalt
mkpasswd -m md5 password saltsalt
echo "== ed"
printf 'line one\nline two\nline three\n' > doc
ed doc <<'END'
2d
1s/one/ONE/
$a
appended
.
w
q
END
cat doc
echo "== nl on a here-doc"
nl -w2 <<'END'
alpha
beta
END
