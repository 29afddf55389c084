#!/bin/sh
# The fuzz targets of tests/fuzz, built with the normal compiler and
# replay.c's main(): each runs every input of its seed corpus and of its
# regressions (crashes the fuzzer once found) once, with no crash, no
# broken invariant and nothing on stderr. Under REL_WRAP (valgrind) and
# the sanitizer build too; `make fuzz` is the fuzzing itself.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

for t in csv csv_roundtrip import time map; do
	case_ "fuzz target $t replays its corpus and regressions"
	dirs="$REL_ROOT/tests/fuzz/corpus/$t"
	[ -d "$REL_ROOT/tests/fuzz/regress/$t" ] &&
		dirs="$dirs $REL_ROOT/tests/fuzz/regress/$t"
	# shellcheck disable=SC2086
	n=$(find $dirs -type f ! -name '.*' | wc -l)
	[ "$n" -gt 0 ] || fail_ "no inputs for $t"
	# shellcheck disable=SC2086
	run "$REL_ROOT/$REL_B/tests/fuzz/$t" $dirs
	status_is 0
	out_is <<X
$n inputs
X
	err_empty
done
case_end
