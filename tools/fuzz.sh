#!/bin/sh
# fuzz.sh: build the libFuzzer targets of tests/fuzz with clang, replay
# their corpora and regressions, then fuzz each for $FUZZ_TIME seconds
# (default 60), two at a time. `make fuzz` runs it; TARGETS="time map"
# picks some of the targets.
#
# libcsv is compiled from its Debian source package (apt-get source, into
# build-fuzz/src, never committed) so that the fuzzer sees coverage inside
# the parser; librel is compiled with clang, fuzzer-no-link and the
# sanitizers into build-fuzz/. As root, the packages it needs (clang, its
# fuzzer runtime, dpkg-dev) are installed and a deb-src entry is added for
# the suites of the machine's deb entries; without root or network it says
# so and fails. Exits non-zero on any crash, leak or sanitizer report,
# printing the path of the input that caused it.
set -u
cd "$(dirname "$0")/.." || exit 1
FUZZ_TIME=${FUZZ_TIME:-60}
BF=build-fuzz
TARGETS=${TARGETS:-"csv csv_roundtrip import time map"}
die() { echo "fuzz: $*" >&2; exit 1; }
case $FUZZ_TIME in '' | *[!0-9]*) die "FUZZ_TIME=$FUZZ_TIME is not a number of seconds" ;; esac

# Packages: the fuzz build only, so that `make check` never pulls clang.
need=""
for p in clang libclang-rt-14-dev dpkg-dev libsqlite3-dev libsodium-dev; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $st in *"install ok installed"*) ;; *) need="$need $p" ;; esac
done
if [ -n "$need" ]; then
	[ "$(id -u)" -eq 0 ] || die "missing packages:$need (run as root, or: sudo apt-get install$need)"
	echo "fuzz: installing$need"
	# shellcheck disable=SC2086
	{ DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need; } >/dev/null ||
		die "apt-get failed for:$need"
fi

# libcsv's source: a deb-src entry mirroring every deb entry, then
# apt-get source. Both source list formats: deb822 (*.sources) and the
# one-line sources.list.
LIBCSV_C=""
find_libcsv() { LIBCSV_C=$(find "$BF/src" -name libcsv.c -path '*libcsv*' 2>/dev/null | head -1); }
find_libcsv
if [ -z "$LIBCSV_C" ]; then
	[ "$(id -u)" -eq 0 ] || die "libcsv's source is needed (build-fuzz/src) and fetching it needs root to add a deb-src entry; run make fuzz as root"
	srclist=/etc/apt/sources.list.d/rel-fuzz-src.sources
	srcline=/etc/apt/sources.list.d/rel-fuzz-src.list
	if ! grep -qs '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources &&
	    ! grep -qs '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then
		# deb822: copy each stanza whose Types has deb, as deb-src.
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			[ "$f" = "$srclist" ] && continue
			awk 'BEGIN { RS = ""; ORS = "\n\n" }
			    /(^|\n)Types:[^\n]*(^|[ \t])deb([ \t]|\n|$)/ {
				sub(/(^|\n)Types:[^\n]*/, "\nTypes: deb-src"); sub(/^\n/, ""); print }' "$f"
		done > "$srclist.tmp"
		# one-line format: deb [opts] URI suite components...
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			[ "$f" = "$srcline" ] && continue
			sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f"
		done > "$srcline.tmp"
		if [ -s "$srclist.tmp" ]; then mv "$srclist.tmp" "$srclist"; else rm -f "$srclist.tmp"; fi
		if [ -s "$srcline.tmp" ]; then mv "$srcline.tmp" "$srcline"; else rm -f "$srcline.tmp"; fi
	fi
	apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed (no network?): cannot fetch libcsv's source"
	mkdir -p "$BF/src"
	(cd "$BF/src" && apt-get source -qq libcsv >/dev/null 2>&1) ||
		die "apt-get source libcsv failed (no network, or no deb-src entry)"
	find_libcsv
	[ -n "$LIBCSV_C" ] || die "apt-get source libcsv gave no libcsv.c under $BF/src"
fi
echo "fuzz: libcsv source: $LIBCSV_C"

# Build: librel as SANITIZE=fuzz (clang, fuzzer-no-link), libcsv from its
# source, each target linked with libFuzzer.
FLAGS="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
make -s -j2 SANITIZE=fuzz CC=clang "$BF/librel.a" || die "building librel with clang failed"
mkdir -p "$BF/fuzz"
if [ ! -f "$BF/libcsv.o" ]; then
	clang -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer -I"$(dirname "$LIBCSV_C")" -c -o "$BF/libcsv.o" "$LIBCSV_C" ||
		die "compiling $LIBCSV_C failed"
fi
libs="$(pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3) $(pkg-config --libs libsodium 2>/dev/null || echo -lsodium) -pthread -lm"
for t in $TARGETS; do
	# shellcheck disable=SC2086
	clang -std=c11 -Wall -Wextra -Werror -O1 -g $FLAGS -Iinclude -Ilib \
	    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$BF/fuzz/$t" \
	    "tests/fuzz/$t.c" "$BF/librel.a" "$BF/libcsv.o" $libs ||
		die "building the $t target failed"
done

# Run: each target replays its corpus and regressions (-runs=0 over the
# committed folders), then fuzzes for FUZZ_TIME seconds into a scratch
# corpus under build-fuzz seeded from the committed one. Two at a time.
run_target() {
	t=$1
	out="$BF/out/$t"
	rm -rf "$out" && mkdir -p "$out/corpus" "$out/crash"
	dirs="tests/fuzz/corpus/$t"
	[ -d "tests/fuzz/regress/$t" ] && dirs="$dirs tests/fuzz/regress/$t"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	# shellcheck disable=SC2086
	if ! "$BF/fuzz/$t" -runs=0 -artifact_prefix="$out/crash/" $dict $dirs \
	    >"$out/replay.log" 2>&1; then
		echo "fail" >"$out/status"
		return
	fi
	# FUZZ_TIME=0: the replay only (libFuzzer reads 0 as no limit).
	limit="-max_total_time=$FUZZ_TIME"
	[ "$FUZZ_TIME" -eq 0 ] && limit="-runs=0"
	# shellcheck disable=SC2086
	"$BF/fuzz/$t" "$limit" -max_len="$(max_len "$t")" \
	    -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
	    -artifact_prefix="$out/crash/" $dict "$out/corpus" $dirs \
	    >"$out/fuzz.log" 2>&1
	echo $? >"$out/status"
}
max_len() {
	case $1 in
	time | map) echo 256 ;;
	*) echo 4096 ;;
	esac
}
summary() {
	t=$1
	out="$BF/out/$t"
	if [ ! -f "$out/fuzz.log" ]; then
		echo "fuzz $t: the corpus replay failed:" >&2
		grep -E 'ERROR|SUMMARY|invariant|runtime error|Test unit written' "$out/replay.log" | tail -20 >&2
		echo "fuzz: log: $out/replay.log" >&2
		return 1
	fi
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 \2/p' "$out/fuzz.log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$out/fuzz.log" | tail -1)
	crashes=$(find "$out/crash" -type f | wc -l)
	st=$(cat "$out/status")
	if [ "$st" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		echo "fuzz $t: FAILED (status $st):" >&2
		grep -E 'ERROR|SUMMARY|invariant|runtime error|Test unit written' "$out/fuzz.log" | head -20 >&2
		find "$out/crash" -type f | sed 's/^/fuzz: crash input: /' >&2
		echo "fuzz: log: $out/fuzz.log" >&2
		return 1
	fi
	# shellcheck disable=SC2086
	set -- $runs
	echo "fuzz $t: ${1:-?} runs in ${2:-?} s, 0 crashes (${cov:-cov: ?})"
}

# ASan keeps the last 256 MiB freed unusable by default; in the import
# target (SQLite allocating and freeing) that churns fresh pages and runs
# five times slower. 64 MiB still catches a use after free of anything
# freed in the last few inputs.
ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64}
export ASAN_OPTIONS
fail=0
# shellcheck disable=SC2086
set -- $TARGETS
while [ $# -gt 0 ]; do
	a=$1; shift
	run_target "$a" &
	pa=$!
	b=""
	if [ $# -gt 0 ]; then
		b=$1; shift
		run_target "$b" &
		pb=$!
		wait $pb
	fi
	wait $pa
	summary "$a" || fail=1
	[ -n "$b" ] && { summary "$b" || fail=1; }
done
exit $fail
