#!/bin/sh
# run.sh BUILD_DIR: run every unit test and CLI test, then print one line:
# "N passed, N failed". Exits 1 if anything failed.
#
# Tests run $REL_JOBS at a time (default: the number of processors, at
# most 4); each test keeps its own log, and the results are printed in
# order once all have run. Every CLI case works in its own temporary
# directory, so the scripts do not disturb each other.
#
# run.sh --one BUILD_DIR LOGDIR TEST: run one test into LOGDIR (internal).
set -u
if [ "${1:-}" = --one ]; then
	B=$2 dir=$3 t=$4
	name=$(basename "$t")
	# shellcheck disable=SC2086
	case $t in
	*.sh) sh "$t" >"$dir/$name.log" 2>&1 ;;
	*) $REL_WRAP "$t" >"$dir/$name.log" 2>&1 ;;
	esac
	echo $? >"$dir/$name.rc"
	exit 0
fi

B=${1:-build}
REL_ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/env.sh
. "$REL_ROOT/tests/env.sh"
REL_BIN="$REL_ROOT/$B/bin"
REL_B=$B
REL_WRAP=${REL_WRAP:-}
export REL_ROOT REL_BIN REL_B REL_WRAP
jobs=${REL_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -gt 4 ] && jobs=4
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
passed=0
failed=0

units=""
for t in "$REL_ROOT/$B"/tests/test_*; do
	[ -x "$t" ] && units="$units $t"
done
clis=""
for s in "$REL_ROOT"/tests/cli/*.sh; do
	case $(basename "$s") in lib.sh) continue ;; esac
	clis="$clis $s"
done
# shellcheck disable=SC2086
printf '%s\n' $units $clis |
    xargs -P "$jobs" -n 1 sh "$REL_ROOT/tests/run.sh" --one "$B" "$dir"

for t in $units; do
	name=$(basename "$t")
	log="$dir/$name.log"
	rc=$(cat "$dir/$name.rc" 2>/dev/null || echo 127)
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, or a sanitizer or valgrind found a fault
	fi
	if [ "$f" -ne 0 ]; then
		echo "FAIL unit $name (exit $rc)"
		grep -v '^\[ \(RUN\|  OK\) ' "$log" | head -n 40
	else
		echo "ok   unit $name: $p"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

for s in $clis; do
	name=$(basename "$s")
	log="$dir/$name.log"
	rc=$(cat "$dir/$name.rc" 2>/dev/null || echo 127)
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	# A script that stopped on an error did not run all its cases.
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	if [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
		echo "FAIL cli  $name: $p passed, $f failed (exit $rc)"
		grep -v '^ok - ' "$log" | head -n 60
		[ "$p" -eq 0 ] && [ "$f" -eq 0 ] && f=1
	else
		echo "ok   cli  $name: $p"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
