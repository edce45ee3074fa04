# tests/compat/run.sh — run the compatibility corpus (tests/compat/README.md).
#
#   busybox sh run.sh SCRIPTS WORK BUSYBOX BASH [NAME...]
#
# Runs every SCRIPTS/*.sh under BusyBox's sh and every SCRIPTS/*.bash under
# BASH ("-": none here), or only the NAMEs given, each in a fresh directory
# WORK/NAME with a clean environment: PATH is WORK/bin, a folder of BusyBox's
# applets as symbolic links, so what runs is BusyBox, never the host's GNU
# tools.  Each script's output (stdout and stderr, both into one regular
# file, so buffering is the same everywhere) is printed between markers:
#
#   @@compat work=WORK scripts=SCRIPTS
#   @@compat begin NAME
#   ...its output...
#   @@compat end NAME status N
#
# The same file runs on the Linux host (tests/compatrun.py) and inside
# faultline as the first program (the `compat` boot of tests/boots.py);
# tests/run.py compares the two.  It writes nothing outside WORK.
scripts=$1 work=$2 bb=$3 bash=$4
shift 4
umask 022
# WORK must be new: nothing else is ever written, let alone removed
"$bb" mkdir "$work" && "$bb" mkdir "$work/bin" || exit 1
# the applets, as BusyBox's --install -s makes them (it needs /proc/self/exe)
for a in $("$bb" --list); do
	"$bb" ln -s "$bb" "$work/bin/$a"
done
echo "@@compat work=$work scripts=$scripts"
if [ $# = 0 ]; then
	for f in "$scripts"/*.sh "$scripts"/*.bash; do
		n=${f##*/} && n=${n%.*}
		[ -f "$f" ] && [ "$n" != run ] && set -- "$@" "$n"
	done
fi
for name in "$@"; do
	dir=$work/$name
	"$bb" mkdir "$dir" || exit 1
	if [ -f "$scripts/$name.bash" ]; then
		script=$scripts/$name.bash shell=$bash
		if [ "$bash" = - ] || [ ! -x "$bash" ]; then
			echo "@@compat skip $name: no bash here"
			continue
		fi
	else
		script=$scripts/$name.sh shell="$bb sh"
	fi
	echo "@@compat begin $name"
	(cd "$dir" && exec "$bb" env -i PATH="$work/bin" HOME="$dir" TZ=UTC0 LC_ALL=C TERM=dumb \
		$shell "$script" </dev/null >"$work/$name.out" 2>&1)
	status=$?
	"$bb" cat "$work/$name.out"
	echo "@@compat end $name status $status"
done
