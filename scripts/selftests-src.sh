#!/bin/sh
# scripts/selftests-src.sh TARBALL DIR — Linux's mm selftests, and only
# what they need, from Debian's linux-source tarball (scripts/deps.sh
# installs it) into DIR (make selftests: build/selftests/src).  Nothing
# of Linux is ever copied into this repository; docs/selftests.md.
#
#   DIR/linux/      the members below, as the tarball has them
#   DIR/usr/include the UAPI headers as `make headers_install` writes them:
#                   each through Linux's own scripts/headers_install.sh (and
#                   its unifdef), the asm-generic wrappers of the headers x86
#                   does not have, unistd_{32,64,x32}.h from the syscall tables
#
# The archive is ~150 MB of xz (1.5 GB of tar): decompressing it takes
# ~20 s of CPU whatever is taken out of it, so make runs this once per
# clean build (its stamp, DIR/.done, depends only on the tarball and this
# script).  Debian's is in 62 xz blocks, which xz (5.4) decompresses on
# every CPU at once (-T0): tar's own -J would use one.  Prints how long it took.
set -eu
tarball=$1
dir=$2
top=$(basename "$tarball" .tar.xz)	# linux-source-6.12: the archive's own top folder
start=$(date +%s)

# The members: the mm tests and kselftest's headers; what they include
# from the kernel's tree by relative path (-I top_srcdir in the tests'
# Makefile); tools/include/uapi (its TOOLS_INCLUDES); the UAPI sources and
# the scripts that install them.
members="tools/testing/selftests/mm
tools/testing/selftests/kselftest.h
tools/testing/selftests/kselftest_harness.h
tools/include/uapi
mm/gup_test.h
lib/test_hmm_uapi.h
include/vdso/time64.h
include/uapi
arch/x86/include/uapi
arch/x86/entry/syscalls/syscall_32.tbl
arch/x86/entry/syscalls/syscall_64.tbl
scripts/headers_install.sh
scripts/syscallhdr.sh
scripts/unifdef.c"

[ -r "$tarball" ] || { echo "selftests: no $tarball: run scripts/deps.sh as root" \
	"(it installs Debian's linux-source-6.12)" >&2; exit 1; }
rm -rf "$dir" "$dir.tmp"
mkdir -p "$dir.tmp"
echo "  TAR     $tarball (the mm selftests and UAPI headers)"
# shellcheck disable=SC2086	# one word per member
{ xz -dc -T0 "$tarball" || touch "$dir.tmp/xz-failed"; } | tar -x -C "$dir.tmp" --no-same-owner \
	$(for m in $members; do printf '%s/%s ' "$top" "$m"; done)
[ ! -e "$dir.tmp/xz-failed" ] || { echo "selftests: xz could not read $tarball" >&2; exit 1; }
mv "$dir.tmp/$top" "$dir.tmp/linux"

# headers_install, as Linux's top Makefile runs it (make headers):
echo "  HDRINST $dir/usr/include"
src=$dir.tmp/linux
mkdir -p "$dir.tmp/usr/include"
inc=$(cd "$dir.tmp/usr/include" && pwd)
gcc -O2 -w -o "$src/scripts/unifdef" "$src/scripts/unifdef.c"
(
	cd "$src"
	# each header of include/uapi/{linux,asm-generic} and arch/x86/include/uapi
	# (the folders the tests include from: drm/, sound/, ... are left out),
	# two at a time per CPU: ~800 runs of the script; unifdef runs from the
	# tree's top (the script calls scripts/unifdef)
	{ find include/uapi/linux include/uapi/asm-generic -name '*.h' |
		sed 's|^include/uapi/\(.*\)|include/uapi/\1 \1|'
	  find arch/x86/include/uapi -name '*.h' |
		sed 's|^arch/x86/include/uapi/\(.*\)|arch/x86/include/uapi/\1 \1|'
	} > "$inc.list"
	sed 's|.* \(.*\)/[^/]*$|\1|' "$inc.list" | sort -u | (cd "$inc" && xargs mkdir -p)
	sed "s|\([^ ]*\) \(.*\)|\1 $inc/\2|" "$inc.list" |
		xargs -n 2 -P "$((2 * $(nproc)))" sh scripts/headers_install.sh
	rm "$inc.list"
	# the mandatory asm headers x86 leaves to asm-generic (Makefile.asm-headers)
	for h in $(sed -n 's/^mandatory-y += //p' include/uapi/asm-generic/Kbuild); do
		case $h in unistd.h) ;; *)
			[ -e "arch/x86/include/uapi/asm/$h" ] ||
				echo "#include <asm-generic/$h>" > "$inc/asm/$h";;
		esac
	done
	# the syscall numbers (arch/x86/entry/syscalls/Makefile)
	t=arch/x86/entry/syscalls
	sh scripts/syscallhdr.sh --abis i386 --emit-nr $t/syscall_32.tbl "$inc/asm/unistd_32.h"
	sh scripts/syscallhdr.sh --abis common,64 --emit-nr $t/syscall_64.tbl "$inc/asm/unistd_64.h"
	sh scripts/syscallhdr.sh --abis common,x32 --emit-nr --offset __X32_SYSCALL_BIT \
		$t/syscall_64.tbl "$inc/asm/unistd_x32.h"
)
touch "$dir.tmp/.done"
mv "$dir.tmp" "$dir"		# all or nothing: an interrupted run leaves no half tree
echo "  (extracted and installed in $(($(date +%s) - start)) s)"
