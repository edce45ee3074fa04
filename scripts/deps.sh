#!/bin/sh
# scripts/deps.sh — install the Debian packages the build, run and tests need.
#   scripts/deps.sh          install what is missing (as root), or print the command
#   scripts/deps.sh --check  exit 0 when everything is there, 1 otherwise
#                            (the optional packages: musl-tools, busybox-static,
#                            linux-source-6.12, are installed but not checked)
#   scripts/deps.sh --linux-kernel [DIR]
#                            download Debian's Linux 6.1 kernel (the newest
#                            linux-image-6.1.0-*-cloud-amd64-unsigned package) into
#                            DIR (default /var/tmp/faultline-linux) and extract its
#                            vmlinuz there: `make bench LINUX=1` boots it.  Nothing is
#                            installed into /boot; the package is only downloaded.
PKGS="qemu-system-x86 nasm grub-pc-bin grub-common xorriso mtools gdb python3 gcc make binutils musl-tools busybox-static bash-static util-linux"

missing() {
    for t in qemu-system-x86_64 nasm grub-mkrescue xorriso mformat gdb python3 gcc ld; do
        command -v "$t" >/dev/null 2>&1 || { echo "$t"; return; }
    done
    [ -d /usr/lib/grub/i386-pc ] || echo "grub-pc-bin (/usr/lib/grub/i386-pc)"
    # make run SWAP=...: mkswap (util-linux, in /sbin: off a user's PATH)
    command -v mkswap >/dev/null 2>&1 || [ -x /sbin/mkswap ] || echo "util-linux (mkswap)"
}

# --linux-kernel: the reference kernel of make bench LINUX=1 (scripts/linux-bench.sh).
# Prints the path of the vmlinuz; a failure says why and what to run.
linux_kernel() {
    dir=${1:-/var/tmp/faultline-linux}
    pat='^linux-image-6\.1\.0-[0-9]+-cloud-amd64-unsigned$'
    mkdir -p "$dir" || { echo "deps: cannot create $dir" >&2; return 1; }
    pkg=$(apt-cache search --names-only "$pat" 2>/dev/null | cut -d' ' -f1 | sort -V | tail -1)
    if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
        apt-get update -qq >&2 || true
        pkg=$(apt-cache search --names-only "$pat" 2>/dev/null | cut -d' ' -f1 | sort -V | tail -1)
    fi
    if [ -z "$pkg" ]; then
        echo "deps: no package matching $pat in apt's lists (Debian 12 bookworm has them);" >&2
        echo "  run as root: apt-get update" >&2
        return 1
    fi
    [ -f "$dir/$pkg.vmlinuz" ] && { echo "$dir/$pkg.vmlinuz"; return 0; }
    for t in apt-get dpkg-deb; do
        command -v $t >/dev/null 2>&1 || { echo "deps: $t is missing (Debian's apt and dpkg are needed)" >&2; return 1; }
    done
    echo "deps: downloading $pkg into $dir" >&2
    tmp=$(mktemp -d "$dir/dl.XXXXXX") && chmod 755 "$tmp" || return 1   # apt's _apt user writes there
    if ! (cd "$tmp" && apt-get download -q "$pkg" >&2); then
        rm -rf "$tmp"
        echo "deps: apt-get download $pkg failed (no network to the Debian mirror, or stale lists:" >&2
        echo "  run as root: apt-get update; then make bench LINUX=1 again)" >&2
        return 1
    fi
    dpkg-deb -x "$tmp"/*.deb "$tmp/root" && cp "$tmp"/root/boot/vmlinuz-* "$dir/$pkg.vmlinuz.new" \
        && mv "$dir/$pkg.vmlinuz.new" "$dir/$pkg.vmlinuz"
    rc=$?
    rm -rf "$tmp"
    [ $rc = 0 ] || { echo "deps: could not extract /boot/vmlinuz-* from $pkg" >&2; return 1; }
    echo "$dir/$pkg.vmlinuz"
}
if [ "$1" = "--linux-kernel" ]; then
    linux_kernel "$2"
    exit $?
fi

m=$(missing)
if [ "$1" = "--check" ]; then
    [ -z "$m" ] && exit 0
    echo "deps: missing $m" >&2
    exit 1
fi
# musl-gcc (musl-tools) builds tests/user/musl_*.c; without it the build
# skips them, so it is installed here but never fails --check.
command -v musl-gcc >/dev/null 2>&1 || [ "$(id -u)" != 0 ] || m="${m:-musl-gcc}"
# busybox-static: BusyBox in the initrd (make run USERLAND=busybox, the
# console.busybox test); likewise installed, never required by --check.
[ -x /bin/busybox ] || [ "$(id -u)" != 0 ] || m="${m:-busybox-static}"
# bash-static: /bin/bash in the initrd (the compat boot's bash script,
# tests/compat/bash_features.bash); likewise installed, never required.
[ -x /bin/bash-static ] || [ "$(id -u)" != 0 ] || m="${m:-bash-static}"
# linux-source-6.12: the tarball Linux's mm selftests are built from (make
# selftests, make test's selftests.mm; docs/selftests.md).  Installed apart
# from the rest, from bookworm-security: where apt has no such package the
# install goes on without it, saying so, and the selftests.mm boot fails,
# saying why.  Never required by --check.
LINUX_SRC_PKG=linux-source-6.12
[ -f /usr/src/$LINUX_SRC_PKG.tar.xz ] || [ "$(id -u)" != 0 ] || m="${m:-$LINUX_SRC_PKG}"
[ -z "$m" ] && { echo "deps: everything is installed"; exit 0; }
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing $PKGS"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq $PKGS >/dev/null || exit 1
    if [ ! -f /usr/src/$LINUX_SRC_PKG.tar.xz ]; then
        echo "deps: installing $LINUX_SRC_PKG (~150 MB)"
        apt-get install -y -qq --no-install-recommends $LINUX_SRC_PKG >/dev/null ||
            echo "deps: could not install $LINUX_SRC_PKG (apt needs bookworm-security in" \
                 "its sources): make selftests and make test's selftests.mm need it" >&2
    fi
    m=$(missing)
    [ -z "$m" ] || { echo "deps: still missing $m" >&2; exit 1; }
else
    echo "deps: missing $m; run as root:" >&2
    echo "  sudo apt-get install -y $PKGS" >&2
    exit 1
fi
