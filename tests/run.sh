#!/bin/sh
# run.sh BUILD_DIR: run every unit test and CLI test, then print one line:
# "N passed, N failed". Exits 1 if anything failed.
set -u
B=${1:-build}
REL_ROOT=$(cd "$(dirname "$0")/.." && pwd)
REL_BIN="$REL_ROOT/$B/bin"
REL_B=$B
export REL_ROOT REL_BIN REL_B
REL_WRAP=${REL_WRAP:-}
export REL_WRAP
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
passed=0
failed=0

for t in "$REL_ROOT/$B"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	# shellcheck disable=SC2086
	$REL_WRAP "$t" >"$log" 2>&1
	rc=$?
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

for s in "$REL_ROOT"/tests/cli/*.sh; do
	case $(basename "$s") in lib.sh) continue ;; esac
	sh "$s" >"$log" 2>&1
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	if [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
		echo "FAIL cli  $(basename "$s"): $p passed, $f failed"
		grep -v '^ok - ' "$log" | head -n 60
		[ "$p" -eq 0 ] && [ "$f" -eq 0 ] && f=1
	else
		echo "ok   cli  $(basename "$s"): $p"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
