#!/bin/sh
# scripts/deps.sh — install the Debian packages the build, run and tests need.
#   scripts/deps.sh          install what is missing (as root), or print the command
#   scripts/deps.sh --check  exit 0 when everything is there, 1 otherwise
PKGS="qemu-system-x86 nasm grub-pc-bin grub-common xorriso mtools gdb python3 gcc make binutils musl-tools"

missing() {
    for t in qemu-system-x86_64 nasm grub-mkrescue xorriso mformat gdb python3 gcc ld; do
        command -v "$t" >/dev/null 2>&1 || { echo "$t"; return; }
    done
    [ -d /usr/lib/grub/i386-pc ] || echo "grub-pc-bin (/usr/lib/grub/i386-pc)"
}

m=$(missing)
if [ "$1" = "--check" ]; then
    [ -z "$m" ] && exit 0
    echo "deps: missing $m" >&2
    exit 1
fi
# musl-gcc (musl-tools) builds tests/user/musl_*.c; without it the build
# skips them, so it is installed here but never fails --check.
command -v musl-gcc >/dev/null 2>&1 || [ "$(id -u)" != 0 ] || m="${m:-musl-gcc}"
[ -z "$m" ] && { echo "deps: everything is installed"; exit 0; }
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing $PKGS"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $PKGS >/dev/null || exit 1
    m=$(missing)
    [ -z "$m" ] || { echo "deps: still missing $m" >&2; exit 1; }
else
    echo "deps: missing $m; run as root:" >&2
    echo "  sudo apt-get install -y $PKGS" >&2
    exit 1
fi
