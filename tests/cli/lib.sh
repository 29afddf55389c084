# lib.sh: the CLI test harness, sourced by every tests/cli/*.sh.
#
# A case starts with `case_ NAME`: a fresh temporary directory as the
# working directory, and a fresh $REL_DB path in its own directory db/
# (mode 0700; no database yet), as a user's database lives apart from
# where they work: rel writes no --out file beside the database.
# `run CMD ...` runs one command with stdin from $STDIN (default /dev/null,
# as under cron) and keeps its stdout, stderr and exit status; the checks
# below compare them. Each case prints "ok - NAME" or "not ok - NAME" with
# the reasons; tests/run.sh counts them.
#
# Environment from tests/run.sh: REL_BIN (the built commands), REL_ROOT
# (the source tree), REL_WRAP (optional command prefix, e.g. valgrind).
# shellcheck shell=sh disable=SC2034

set -u
. "$REL_ROOT/tests/env.sh"
PATH="$REL_BIN:$PATH"
export PATH
DATA="$REL_ROOT/tests/data"
REL_WRAP=${REL_WRAP:-}
REL_B=${REL_B:-build}
T=""
NAME=""
FAILS=""
status=0
STDIN=/dev/null

# Finish the case in progress, if any: report and remove its directory.
case_end() {
	[ -n "$NAME" ] || return 0
	if [ -z "$FAILS" ]; then
		echo "ok - $NAME"
	else
		echo "not ok - $NAME"
		printf '%s\n' "$FAILS" | sed 's/^/#   /'
		if [ -s "$T/err" ]; then
			echo "#   stderr was:"
			head -n 20 "$T/err" | sed 's/^/#     /'
		fi
	fi
	cd "$REL_ROOT" || exit 1
	rm -rf "$T"
	NAME=""
}

case_() {
	case_end
	NAME=$1
	FAILS=""
	STDIN=/dev/null
	T=$(mktemp -d "${TMPDIR:-/tmp}/relcli.XXXXXX") || exit 1
	cd "$T" || exit 1
	mkdir -m 700 "$T/db" || exit 1
	REL_DB="$T/db/rel.db"
	REL_NOW=2026-11-20T10:00:00
	REL_BUSY_TIMEOUT=2000
	export REL_DB REL_NOW REL_BUSY_TIMEOUT
	unset REL_AS XDG_DATA_HOME || true
	: >"$T/out"
	: >"$T/err"
}

fail_() {
	FAILS="${FAILS:+$FAILS
}$*"
}

# run CMD [ARG...]: one rel command, wrapped by $REL_WRAP when set.
run() {
	# shellcheck disable=SC2086
	$REL_WRAP "$@" <"$STDIN" >"$T/out" 2>"$T/err"
	status=$?
}

# run_sh 'PIPELINE': a shell pipeline (not wrapped), e.g. with pipes.
run_sh() {
	sh -c "$1" <"$STDIN" >"$T/out" 2>"$T/err"
	status=$?
}

status_is() {
	[ "$status" -eq "$1" ] || fail_ "exit status $status, expected $1"
}

# out_is / err_is: exact text from standard input (a here-document).
out_is() {
	cat >"$T/expect"
	cmp -s "$T/expect" "$T/out" ||
		fail_ "stdout differs:
$(diff "$T/expect" "$T/out" | head -n 20)"
}

err_is() {
	cat >"$T/expect"
	cmp -s "$T/expect" "$T/err" ||
		fail_ "stderr differs:
$(diff "$T/expect" "$T/err" | head -n 20)"
}

out_file_is() {
	cmp -s "$1" "$T/out" ||
		fail_ "stdout differs from $1:
$(diff "$1" "$T/out" | head -n 20)"
}

out_has() {
	grep -qF -- "$1" "$T/out" || fail_ "stdout lacks: $1"
}

out_lacks() {
	! grep -qF -- "$1" "$T/out" || fail_ "stdout has: $1"
}

err_has() {
	grep -qF -- "$1" "$T/err" || fail_ "stderr lacks: $1"
}

err_empty() {
	[ ! -s "$T/err" ] || fail_ "stderr not empty"
}

out_lines() {
	n=$(wc -l <"$T/out" | tr -d ' ')
	[ "$n" -eq "$1" ] || fail_ "stdout has $n lines, expected $1"
}

# db_save / db_unchanged: the database's full content, before and after.
db_save() {
	sqlite3 "$REL_DB" .dump >"$T/db.before" 2>&1 || fail_ "cannot dump $REL_DB"
}

db_unchanged() {
	sqlite3 "$REL_DB" .dump >"$T/db.after" 2>&1
	cmp -s "$T/db.before" "$T/db.after" ||
		fail_ "database changed:
$(diff "$T/db.before" "$T/db.after" | head -n 20)"
}

# writer_not_locked_out: for about two seconds, another program can take
# the database's write lock at once (an import in the background must not
# be holding it).
writer_not_locked_out() {
	sleep 1
	i=0
	while [ $i -lt 10 ]; do
		sqlite3 "$REL_DB" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null \
		    2>"$T/probe.err" || {
			fail_ "another writer was locked out: $(cat "$T/probe.err")"
			return
		}
		sleep 0.1
		i=$((i + 1))
	done
}

# sql QUERY: print a query's result (for checks on stored rows).
sql() {
	sqlite3 "$REL_DB" "$1"
}

# check_eq ACTUAL EXPECTED WHAT
check_eq() {
	[ "$1" = "$2" ] || fail_ "$3: got '$1', expected '$2'"
}

# roster_db: a new $REL_DB holding adults.csv, students.csv, groups.csv
# and members.csv from the case directory.
roster_db() {
	rel-init create >/dev/null 2>&1 || fail_ "rel-init create failed"
	rel-roster import adults.csv students.csv groups.csv members.csv \
	    2>/dev/null || fail_ "fixture import failed"
}

# loaded: roster_db with the fixture school of tests/data: adults
# A901-A905, students 100201-100212 (100212 is deactivated), BIO9-P2
# holding 100201 100202 100204 100211. A script may define its own.
loaded() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . || fail_ "cannot copy the fixtures"
	roster_db
}

# sample_db [N [SEED]]: $REL_DB holds the fictional sample school.
sample_db() {
	rel-init create --sample "${1:-40}" --seed "${2:-1}" >/dev/null 2>&1 ||
		fail_ "rel-init create --sample failed"
}

# Fault tests (crash.sh, fault.sh, oom.sh).
# make_checkins N: checkins.csv, N fictional check-ins, all new, for the
# 300 students and 25 adults of `sample_db 300` (S0001-S0300,
# A001-A025), each with a note of its own, so that a half-written note
# would change the sum of their lengths.
make_checkins() {
	awk -v n="$1" 'BEGIN {
		print "student_id,at,adult_id,kind,mood,understanding,workload,note,visibility"
		for (i = 0; i < n; i++) {
			j = int(i / 300)
			printf "S%04d,2025-10-%02dT%02d:%02d:00,A%03d,checkin,%d,%d,%d,test note %d,team\n",
			    i % 300 + 1, j % 28 + 1, 8 + int(j / 28), i % 60,
			    i % 25 + 1, i % 5 + 1, (i + 2) % 5 + 1,
			    (i + 3) % 5 + 1, i
		}
	}' >checkins.csv
}

# checkin_state [DB]: the check-ins' count and a checksum of their content.
checkin_state() {
	sqlite3 "${1:-$REL_DB}" 'select count(*), total(length(note)),
	    total(mood), total(student) from checkin'
}

# check_ok [DB [PREFIX]]: rel-init check, not wrapped, says ok.
check_ok() {
	ck=$("$REL_BIN/rel-init" check --db "${1:-$REL_DB}" 2>&1) ||
		fail_ "${2:-}rel-init check: $ck"
	[ "$ck" = ok ] || fail_ "${2:-}rel-init check said: $ck"
}

# script_end STATUS: at exit, the last case ends; a script that stops on
# an error (a failed command under set -e, a bad arithmetic expression)
# fails the case it stopped in, rather than reporting it as passed.
script_end() {
	if [ "$1" -ne 0 ]; then
		[ -n "$NAME" ] || NAME="the script's end"
		FAILS="${FAILS:+$FAILS
}the script stopped here, with exit status $1"
	fi
	case_end
}

trap 'script_end $?' EXIT
