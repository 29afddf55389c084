#!/bin/sh
# Crashes and backups during a large import: rel-checkin import killed with
# SIGKILL at random points leaves exactly the rows from before or from
# after it, never some of them, the database passes rel-init check, and the
# same import run again succeeds; rel-init backup taken while an import
# writes is a consistent copy holding the rows from before or from after.
#
# The killed processes are the real binaries ("$BIN/..."), never the
# $REL_WRAP wrapper, so the loop costs the same under valgrind. The delays
# come from awk's rand() with a seed printed in the output: set
# REL_CRASH_SEED to replay a failure, REL_CRASH_TRIES to change the count.
# shellcheck disable=SC1091,SC2034,SC2153
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody-here
REL_AS=A001
export USER REL_AS
# Under the sanitizers an import is five times slower and a killed process
# checks nothing: the loops run the plain build's commands when they exist.
BIN=$REL_BIN
if [ "$REL_B" = build-san ] && [ -x "$REL_ROOT/build/bin/rel-checkin" ] &&
    [ -x "$REL_ROOT/build/bin/rel-init" ]; then
	BIN=$REL_ROOT/build/bin
	echo "# ASan build: the loops run $BIN"
fi
SEED=${REL_CRASH_SEED:-$(date +%s)}
TRIES=${REL_CRASH_TRIES:-50}
ROWS=60000

# Milliseconds since the epoch (GNU date), to size the delays from one
# measured import: never compared with a limit.
now_ms() {
	date +%s%3N
}

case_ "kill -9 at random points of an import: the rows from before or after, never between"
sample_db 300 1
make_checkins "$ROWS"
cp "$REL_DB" start.db
before=$(checkin_state start.db)
t0=$(now_ms)
"$BIN/rel-checkin" import checkins.csv 2>import.err ||
	fail_ "the reference import failed: $(cat import.err)"
t1=$(now_ms)
after=$(checkin_state "$REL_DB")
[ "$before" != "$after" ] || fail_ "the import changed nothing"
dur=$((t1 - t0))
[ "$dur" -gt 0 ] || dur=1
# The delays spread from 0 to 2 times one import's duration, so that
# some kills land before the commit and some after it.
spread=$((dur * 2))
echo "# seed $SEED, $TRIES tries, one import took ${dur} ms, delays 0-${spread} ms"
awk -v seed="$SEED" -v n="$TRIES" -v s="$spread" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++)
		printf "%.3f\n", rand() * s / 1000
}' >delays
nb=0
na=0
i=0
while read -r d; do
	i=$((i + 1))
	cp start.db try.db
	rm -f try.db-wal try.db-shm
	"$BIN/rel-checkin" import --db try.db checkins.csv 2>/dev/null &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	got=$(checkin_state try.db)
	if [ "$got" = "$before" ]; then
		nb=$((nb + 1))
	elif [ "$got" = "$after" ]; then
		na=$((na + 1))
	else
		fail_ "try $i (delay ${d}s): rows '$got', expected '$before' or '$after'"
	fi
	out=$("$BIN/rel-init" check --db try.db 2>&1) ||
		fail_ "try $i (delay ${d}s): rel-init check: $out"
	[ "$out" = ok ] || fail_ "try $i: rel-init check said: $out"
	"$BIN/rel-checkin" import --db try.db checkins.csv 2>retry.err ||
		fail_ "try $i (delay ${d}s): the import run again failed: $(cat retry.err)"
	got=$(checkin_state try.db)
	check_eq "$got" "$after" "try $i (delay ${d}s): rows after the import run again"
done <delays
echo "# $nb tries left the rows from before the import, $na those from after it"
[ "$((nb + na))" -eq "$TRIES" ] || fail_ "only $((nb + na)) of $TRIES tries ended before or after"
[ "$nb" -ge 3 ] || fail_ "only $nb tries killed the import before its commit (seed $SEED)"
[ "$na" -ge 3 ] || fail_ "only $na tries killed the import after its commit (seed $SEED)"
# The last try's database, through the wrapper, once.
REL_DB=$T/try.db
run rel-init check
status_is 0
out_is <<'X'
ok
X

case_ "rel-init backup during an import: a consistent copy of before or after"
sample_db 300 1
make_checkins "$ROWS"
cp "$REL_DB" start.db
before=$(checkin_state start.db)
cp start.db after.db
t0=$(now_ms)
"$BIN/rel-checkin" import --db after.db checkins.csv 2>/dev/null ||
	fail_ "the reference import failed"
t1=$(now_ms)
after=$(checkin_state after.db)
nb=0
na=0
# Backups started from the import's start to after its end (in tenths of
# one measured import).
awk -v ms="$((t1 - t0))" 'BEGIN {
	split("0 1 2 3 5 7 9 12 15", f, " ")
	for (i = 1; i <= 9; i++)
		printf "%.3f\n", f[i] * ms / 10000
}' >delays
while read -r d; do
	cp start.db bk.db
	rm -f bk.db-wal bk.db-shm backup.db
	"$BIN/rel-checkin" import --db bk.db checkins.csv 2>/dev/null &
	pid=$!
	sleep "$d"
	"$BIN/rel-init" backup --db bk.db backup.db 2>backup.err ||
		fail_ "delay $d: rel-init backup failed: $(cat backup.err)"
	wait "$pid" || fail_ "delay $d: the import failed beside the backup"
	[ ! -e backup.db-wal ] || fail_ "delay $d: the backup has a -wal file"
	out=$("$BIN/rel-init" check --db backup.db 2>&1) ||
		fail_ "delay $d: rel-init check of the backup: $out"
	check_eq "$(sqlite3 backup.db 'pragma integrity_check')" ok \
	    "delay $d: integrity of the backup"
	got=$(checkin_state backup.db)
	if [ "$got" = "$before" ]; then
		nb=$((nb + 1))
	elif [ "$got" = "$after" ]; then
		na=$((na + 1))
	else
		fail_ "delay $d: backup rows '$got', expected '$before' or '$after'"
	fi
	check_eq "$(checkin_state bk.db)" "$after" "delay $d: the database after the import"
done <delays
echo "# backups: $nb held the rows from before the import, $na those from after it"
REL_DB=$T/backup.db
run rel-init check
status_is 0
out_is <<'X'
ok
X
