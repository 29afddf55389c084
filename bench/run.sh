#!/bin/sh
# run.sh: the benchmark, run by `make bench` (see bench/README.md).
#
#	sh bench/run.sh BUILD_DIR [full | small]
#
# Each target times a rel command against its peer in the same run, the
# runs of the two alternating, and prints the medians, their ratio and
# the goal of DESIGN.md ("Performance"); one row per target is appended
# to bench/results.csv. Any command that fails stops the bench: a failure
# is an error, never a fast result. BENCH_RUNS sets the number of runs
# (default 3; hyperfine picks its own for the one-student target), and
# BENCH_ONLY the targets to run, of: import (with growth), flag, student,
# coverage, stream (default: every one). BENCH_KEEP=1 keeps the
# databases in BUILD_DIR/bench/tmp, for profiling.
set -u
prog=bench

usage() {
	echo "usage: sh bench/run.sh BUILD_DIR [full | small]" >&2
	exit 64
}
die() {
	echo "$prog: $*" >&2
	exit 1
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 1
case $1 in /*) B=$1 ;; *) B=$(pwd)/$1 ;; esac
SCALE=${2:-full}
BIN=$B/bin
GEN=$B/bench/gen
RESULTS=$ROOT/bench/results.csv

# The district and the two sizes of check-ins of each scale. The
# streaming target reads the file of a million rows.
case $SCALE in
full) STUDENTS=100000 SMALL_N=1000000 BIG_N=10000000 STREAM=small ;;
small) STUDENTS=10000 SMALL_N=100000 BIG_N=1000000 STREAM=big ;;
*) usage ;;
esac
RUNS=${BENCH_RUNS:-3}
case $RUNS in '' | *[!0-9]* | 0) die "BENCH_RUNS: \"$RUNS\" is not a number of runs (1 or more)" ;; esac
TARGETS="import flag student coverage stream"
ONLY=${BENCH_ONLY:-$TARGETS}
for t in $ONLY; do
	case " $TARGETS " in *" $t "*) ;; *) die "BENCH_ONLY: \"$t\" is not one of: $TARGETS" ;; esac
done
# want TARGET: whether to run it.
want() {
	case " $ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}

for t in "$GEN" "$BIN/rel-checkin" /usr/bin/time sqlite3 mlr hyperfine; do
	command -v "$t" >/dev/null 2>&1 || die "$t: not found (run make bench, which builds and installs what the bench needs)"
done
PATH=$BIN:$PATH
export PATH

# A label for a row count: 1000000 -> 1M.
label() {
	awk -v n="$1" 'BEGIN { if (n >= 1000000 && n % 1000000 == 0) print n / 1000000 "M";
		else if (n >= 1000 && n % 1000 == 0) print n / 1000 "k"; else print n }'
}
SMALL_L=$(label "$SMALL_N")
BIG_L=$(label "$BIG_N")

# The data: made again only when gen or the sizes have changed.
DATA=$B/bench/data-$SCALE
stamp="gen $(cksum <"$GEN" | cut -d ' ' -f 1); $STUDENTS students; $SMALL_N and $BIG_N check-ins"
if [ "$(cat "$DATA/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "$prog: making the $SCALE data in $DATA"
	rm -rf "$DATA"
	mkdir -p "$DATA" || exit 1
	"$GEN" "$DATA/small" "$STUDENTS" "$SMALL_N" || die "gen failed"
	"$GEN" "$DATA/big" "$STUDENTS" "$BIG_N" || die "gen failed"
	echo "$stamp" >"$DATA/stamp"
fi
FILE_small=$DATA/small/checkins.csv
FILE_big=$DATA/big/checkins.csv
if [ "$STREAM" = small ]; then
	STREAM_FILE=$FILE_small STREAM_L=$SMALL_L
else
	STREAM_FILE=$FILE_big STREAM_L=$BIG_L
fi

# The databases are big: in TMP, removed at the end.
TMP=$B/bench/tmp
rm -rf "$TMP"
mkdir -p "$TMP" || exit 1
if [ -n "${BENCH_KEEP:-}" ]; then
	trap 'rm -f "$TMP/time" "$TMP/err" "$TMP/out"; echo "$prog: databases kept in $TMP"' EXIT
else
	trap 'rm -rf "$TMP"' EXIT
fi
trap 'exit 130' INT
trap 'exit 143' TERM

# The rows of results.csv share the date, the commit and the machine.
RUN_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] &&
	COMMIT=$COMMIT-dirty
CPU=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
MACHINE="$(hostname 2>/dev/null || uname -n), $(nproc) cpus, ${CPU:-unknown cpu}"

# measure WHAT CMD...: run CMD once, standard input from $IN (default
# /dev/null) and standard output to /dev/null. Sets MS (wall time in
# milliseconds) and KIB (peak resident set, from /usr/bin/time). A
# failing command stops the bench, with its messages.
measure() {
	what=$1
	shift
	t0=$(date +%s%N)
	/usr/bin/time -o "$TMP/time" -f '%M' "$@" <"${IN:-/dev/null}" >/dev/null 2>"$TMP/err"
	rc=$?
	t1=$(date +%s%N)
	if [ "$rc" -ne 0 ]; then
		echo "$prog: $what: exit status $rc from: $*" >&2
		sed 's/^/	/' "$TMP/err" "$TMP/time" | head -n 20 >&2
		exit 1
	fi
	MS=$(((t1 - t0) / 1000000))
	KIB=$(tail -n 1 "$TMP/time")
}

# median N...: the median of the numbers.
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# max N...: the largest.
max() {
	printf '%s\n' "$@" | sort -n | tail -n 1
}

# csv FIELD: FIELD as one CSV field.
csv() {
	case $1 in
	*[,\"]*) printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')" ;;
	*) printf '%s' "$1" ;;
	esac
}

# report TARGET REL_MS PEER PEER_MS GOAL PEAK_KIB: one line on standard
# output and one row in results.csv. GOAL is "<= R" for the ratio
# rel/peer, or "< N MiB" for the peak memory; empty fields are "-".
[ -s "$RESULTS" ] ||
	echo "date,commit,machine,scale,target,rel_s,peer,peer_s,ratio,goal,met,peak_kib" >"$RESULTS"
report() {
	line=$(awk -v rel="$2" -v peer="$4" -v goal="$5" -v kib="$6" 'BEGIN {
		rs = rel == "" ? "" : sprintf("%.3f", rel / 1000)
		ps = peer == "" ? "" : sprintf("%.3f", peer / 1000)
		ratio = ""
		if (rel != "" && peer != "" && peer > 0)
			ratio = sprintf("%.3f", rel / peer)
		split(goal, g, " ")
		if (g[1] == "<=")
			met = ratio != "" && ratio + 0 <= g[2] + 0
		else
			met = kib != "" && kib + 0 < g[2] * 1024
		printf "%s|%s|%s|%s|%s|%s\n", rs, ps, ratio, met ? "met" : "NOT MET",
		    kib == "" ? "" : sprintf("%.1f MiB", kib / 1024), kib
	}')
	IFS='|' read -r rs ps ratio met peak kib <<EOF
$line
EOF
	printf '%-40s %9s %9s %8s %12s %-8s %s\n' "$1" "${rs:--}" "${ps:--}" \
	    "${ratio:--}" "$5" "$met" "${peak:--}"
	printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$RUN_DATE" "$COMMIT" \
	    "$(csv "$MACHINE")" "$SCALE" "$(csv "$1")" "$rs" "$(csv "$3")" "$ps" \
	    "$ratio" "$(csv "$5")" "$met" "$kib" >>"$RESULTS"
}

# The district, without check-ins: the roster, the map, notes and
# attendance, as of the evening of the last day of the big file.
REL_NOW=$(cat "$DATA/big/now")
REL_AS=A00001
REL_DB=$TMP/district.db
export REL_NOW REL_AS REL_DB
echo "$prog: $SCALE scale: $STUDENTS students, $SMALL_L and $BIG_L check-ins, $RUNS runs, at $REL_NOW"
d=$DATA/big
printf '%-40s %9s %9s %8s %12s %-8s %s\n' target rel_s peer_s ratio goal met peak
measure "rel-init create" rel-init create
measure "rel-roster import" rel-roster import "$d/adults.csv" "$d/groups.csv" \
    "$d/students.csv" "$d/members.csv"
measure "rel-map import" rel-map import "$d/connections.csv"
measure "rel-note import" rel-note import "$d/notes.csv"
measure "rel-indicator import" rel-indicator import "$d/indicators.csv"
[ -e "$REL_DB-wal" ] && { sqlite3 "$REL_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null || exit 1; }
[ -e "$REL_DB-wal" ] && die "$REL_DB-wal is still there after a checkpoint"

# The reader: a counselor, who sees every record; the student of the
# card: the one in the middle.
COUNSELOR=$(sqlite3 "$REL_DB" "SELECT adult_id FROM adult WHERE role = 'counselor' AND active = 1 ORDER BY adult_id LIMIT 1")
MIDDLE=$(sqlite3 "$REL_DB" "SELECT student_id FROM student ORDER BY student_id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM student)")
if [ -z "$COUNSELOR" ] || [ -z "$MIDDLE" ]; then
	die "no counselor or no student in the district"
fi

# 1. Import: into a fresh copy of the district, against sqlite3 .import
# into a fresh file. The last databases of the big size are kept for the
# reads.
# import_size LABEL FILE N RUNS: sets MED (rel), PEER (sqlite3) and PEAK.
import_size() {
	rels="" peers="" kibs=""
	i=0
	while [ "$i" -lt "$4" ]; do
		i=$((i + 1))
		rm -f "$TMP/rel.db" "$TMP/rel.db-wal" "$TMP/rel.db-shm" \
		    "$TMP/peer.db" "$TMP/peer.db-journal"
		cp "$TMP/district.db" "$TMP/rel.db" || exit 1
		REL_DB=$TMP/rel.db measure "import $1" rel-checkin import "$2"
		rels="$rels $MS" kibs="$kibs $KIB"
		measure "sqlite3 .import $1" sqlite3 "$TMP/peer.db" ".import --csv $2 c"
		peers="$peers $MS"
	done
	got=$(sqlite3 "$TMP/rel.db" 'SELECT count(*) FROM checkin')
	[ "$got" = "$3" ] || die "import $1: $got check-ins in the database, not $3"
	got=$(sqlite3 "$TMP/peer.db" 'SELECT count(*) FROM c')
	[ "$got" = "$3" ] || die "sqlite3 .import $1: $got rows in the table, not $3"
	# shellcheck disable=SC2086
	MED=$(median $rels) PEER=$(median $peers) PEAK=$(max $kibs)
}
if want import; then
	import_size "$SMALL_L" "$FILE_small" "$SMALL_N" "$RUNS"
	report "import $SMALL_L" "$MED" "sqlite3 .import" "$PEER" '<= 1.5' "$PEAK"
	report "import $SMALL_L memory" '' '' '' '< 256 MiB' "$PEAK"
	MED_small=$MED
	import_size "$BIG_L" "$FILE_big" "$BIG_N" "$RUNS"
	report "import $BIG_L" "$MED" "sqlite3 .import" "$PEER" '<= 1.5' "$PEAK"
	report "import $BIG_L memory" '' '' '' '< 256 MiB' "$PEAK"
	# 2. Growth: ten times the rows, at most 11 times the time.
	report "growth $BIG_L/$SMALL_L" "$MED" "import $SMALL_L" "$MED_small" '<= 11' ''
else
	# The reads still need the big databases: one import each.
	import_size "$BIG_L" "$FILE_big" "$BIG_N" 1
fi
mv "$TMP/rel.db" "$TMP/rel-big.db" && mv "$TMP/peer.db" "$TMP/peer-big.db" || exit 1
rm -f "$TMP/rel.db-wal" "$TMP/rel.db-shm"

# The reads: on the big database, as the counselor.
REL_DB=$TMP/rel-big.db
REL_AS=$COUNSELOR
DAY=${REL_NOW%%T*}

# 3. Early warning: every rule over every student (</dev/null: no set),
# against the last check-in per student in sqlite3 and in Miller.
bench_flag() {
	rels="" peers="" mlrs="" kibs=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		measure "rel-flag" rel-flag
		rels="$rels $MS" kibs="$kibs $KIB"
		measure "sqlite3 max(at)" sqlite3 "$TMP/peer-big.db" \
		    'SELECT student_id, max(at) FROM c GROUP BY student_id'
		peers="$peers $MS"
		measure "mlr stats1" mlr --icsv --ocsv stats1 -a max -f at \
		    -g student_id "$FILE_big"
		mlrs="$mlrs $MS"
	done
	# shellcheck disable=SC2086
	rel=$(median $rels) kib=$(max $kibs)
	# shellcheck disable=SC2086
	report "flag vs sqlite3 max(at)" "$rel" "sqlite3 max(at) group by" \
	    "$(median $peers)" '<= 0.25' "$kib"
	# shellcheck disable=SC2086
	report "flag vs mlr stats1" "$rel" "mlr stats1 max" "$(median $mlrs)" \
	    '<= 0.05' "$kib"
}

# 4. One student's card, against opening the file, with hyperfine (which
# runs all of one command's runs, then the other's). Its peak once.
bench_student() {
	measure "rel-report student" rel-report student "$MIDDLE"
	kib=$KIB
	set -- --warmup 3 -N --export-json "$TMP/hyperfine.json"
	[ -n "${BENCH_RUNS:-}" ] && set -- "$@" --runs "$RUNS"
	hyperfine "$@" "rel-report student $MIDDLE" "sqlite3 $REL_DB 'select 1'" \
	    >"$TMP/err" 2>&1 || { cat "$TMP/err" >&2; die "hyperfine failed"; }
	# The medians, in seconds, in microseconds; report takes milliseconds.
	# shellcheck disable=SC2046
	set -- $(awk -F : '/"median"/ { sub(/,.*/, "", $2);
		printf "%d\n", $2 * 1000000 }' "$TMP/hyperfine.json")
	[ $# -eq 2 ] || die "$TMP/hyperfine.json: expected two medians"
	report "student card vs sqlite3 select 1" \
	    "$(awk -v u="$1" 'BEGIN { printf "%.3f", u / 1000 }')" \
	    "sqlite3 'select 1'" \
	    "$(awk -v u="$2" 'BEGIN { printf "%.3f", u / 1000 }')" '<= 3' "$kib"
}

# once CMD...: run CMD, standard output to $TMP/out; stop if it fails.
once() {
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null && return 0
	rc=$?
	cat "$TMP/err" >&2
	die "exit status $rc from: $*"
}

# 5. Coverage: rel-map gaps and rel-report coverage --by grade, against
# the same joins in sqlite3 (bench/gaps.sql, bench/coverage.sql) over the
# same database. First a check that the peers find what rel finds: the
# same students in a gap, the same counts.
bench_coverage() {
	once rel-map gaps
	mv "$TMP/out" "$TMP/gaps.rel"
	sqlite3 "$REL_DB" <"$ROOT/bench/gaps.sql" >"$TMP/gaps.sqlite" ||
		die "sqlite3 bench/gaps.sql failed"
	once rel-csv clean "$TMP/gaps.sqlite"
	cut -d , -f 1 "$TMP/out" >"$TMP/gaps.peer"
	cut -d , -f 1 "$TMP/gaps.rel" | cmp -s - "$TMP/gaps.peer" ||
		die "bench/gaps.sql does not find the students rel-map gaps finds ($(wc -l <"$TMP/gaps.peer") and $(wc -l <"$TMP/gaps.rel") lines)"
	once rel-report coverage --by grade
	cut -d , -f 1-4,6,8 "$TMP/out" >"$TMP/cov.rel"
	sqlite3 -cmd ".parameter set @day \"'$DAY'\"" "$REL_DB" \
	    <"$ROOT/bench/coverage.sql" >"$TMP/cov.sqlite" ||
		die "sqlite3 bench/coverage.sql failed"
	once rel-csv clean "$TMP/cov.sqlite"
	cut -d , -f 1-4,6,8 "$TMP/out" | cmp -s - "$TMP/cov.rel" ||
		die "bench/coverage.sql does not count what rel-report coverage counts"

	rels="" peers="" crels="" cpeers="" kibs="" ckibs=""
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		measure "rel-map gaps" rel-map gaps
		rels="$rels $MS" kibs="$kibs $KIB"
		IN=$ROOT/bench/gaps.sql measure "sqlite3 gaps.sql" sqlite3 "$REL_DB"
		peers="$peers $MS"
		measure "rel-report coverage" rel-report coverage --by grade
		crels="$crels $MS" ckibs="$ckibs $KIB"
		IN=$ROOT/bench/coverage.sql measure "sqlite3 coverage.sql" \
		    sqlite3 -cmd ".parameter set @day \"'$DAY'\"" "$REL_DB"
		cpeers="$cpeers $MS"
	done
	# shellcheck disable=SC2086
	report "map gaps vs sqlite3" "$(median $rels)" "sqlite3 bench/gaps.sql" \
	    "$(median $peers)" '<= 1.5' "$(max $kibs)"
	# shellcheck disable=SC2086
	report "report coverage vs sqlite3" "$(median $crels)" \
	    "sqlite3 bench/coverage.sql" "$(median $cpeers)" '<= 1.5' \
	    "$(max $ckibs)"
}

# 6. Streaming: each command that reads CSV, or a student set, on
# standard input and writes CSV, once over a million rows (the check-ins
# file: a student set with more columns riding along), one verb of each
# command that has such verbs. The import's peak is that of import above.
bench_stream() {
	while IFS= read -r cmd; do
		# shellcheck disable=SC2086
		IN=$STREAM_FILE measure "$cmd" $cmd
		report "stream $STREAM_L: $cmd" "$MS" '' '' '< 32 MiB' "$KIB"
	done <<'EOF'
rel-csv check
rel-csv clean
rel-csv clean --excel-safe
rel-csv clean --from latin1
rel-roster list
rel-map gaps
rel-map list
rel-checkin list
rel-note list
rel-family quiet
rel-goal list
rel-indicator list
rel-profile list
rel-restore list
rel-flag
rel-report coverage
EOF
}

for t in flag student coverage stream; do
	want "$t" && "bench_$t"
done
echo "$prog: results appended to $RESULTS"
