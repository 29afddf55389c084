#!/bin/sh
# Out of memory: the failmalloc shim (tests/shim/failmalloc.c) fails the
# Nth allocation of a rel command, for N over the whole run: every N up to
# 50, then about 1.15 times the one before up to the number of allocations
# a whole run makes (measured here by the shim's counting mode). Each run
# exits 0 or 70 (never by a signal), says one line naming the program,
# and leaves the database as before or as after the import, passing
# rel-init check. Under valgrind (REL_WRAP) a sample of the failing runs
# goes through it too, with its leak check; the shim still counts there
# (see below). Under AddressSanitizer an LD_PRELOAD allocator cannot work:
# the plain build's commands are used when they exist, else the cases skip.
# shellcheck disable=SC1091,SC2034,SC2153,SC2154
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody-here
export USER
BIN=$REL_BIN
SHIM="$REL_ROOT/$REL_B/tests/shim/failmalloc.so"
SKIP=""
case $REL_B in
build-san)
	if [ -x "$REL_ROOT/build/bin/rel-checkin" ] &&
	    [ -f "$REL_ROOT/build/tests/shim/failmalloc.so" ]; then
		BIN=$REL_ROOT/build/bin
		SHIM=$REL_ROOT/build/tests/shim/failmalloc.so
		echo "# ASan build: the malloc shim runs against $BIN"
	else
		SKIP="AddressSanitizer owns malloc and no plain build is here (make all tests)"
	fi
	;;
esac
# valgrind replaces every function named malloc, the shim's too, unless
# told to replace only libc's; the shim allocates through __libc_malloc,
# which valgrind replaces, so its leak check still sees every block.
WRAP=$REL_WRAP
case $WRAP in
valgrind*) WRAP="$WRAP --soname-synonyms=somalloc=nouserintercepts" ;;
esac

# N values for a run of $1 allocations.
ns() {
	awk -v t="$1" 'BEGIN {
		for (n = 1; n <= 50 && n <= t; n++)
			print n
		for (n = 50; n <= t; n = int(n * 1.15) + 1)
			if (n > 50)
				print n
		print t
	}'
}

# one PROG N ARGS...: the command with the Nth allocation failing, not
# wrapped; its status in $st, its messages in err.n.
one() {
	n=$1
	shift
	prog=$1
	shift
	LD_PRELOAD=$SHIM REL_FAILMALLOC_N=$n "$BIN/$prog" "$@" </dev/null \
	    >out.n 2>err.n
	st=$?
}

# judge WHAT PROG: the status and messages of the last run.
judge() {
	case $st in
	0) ;;
	70)	check_eq "$(wc -l <err.n | tr -d ' ')" 1 "$1: lines of messages"
		grep -q "^$2: .*out of memory" err.n ||
			fail_ "$1: message: $(head -n 3 err.n)" ;;
	*)	fail_ "$1: exit status $st: $(head -n 3 err.n)" ;;
	esac
}

case_ "out of memory: an import fails cleanly at every sampled allocation"
if [ -n "$SKIP" ]; then
	NAME="$NAME # skip: $SKIP"
else
	REL_AS=A001
	export REL_AS
	"$BIN/rel-init" create --sample 40 --seed 1 >/dev/null 2>&1 ||
		fail_ "rel-init create failed"
	awk 'BEGIN {
		print "student_id,at,adult_id,kind,mood,note"
		for (i = 0; i < 200; i++)
			printf "S%04d,2025-10-%02dT09:%02d:00,A%03d,checkin,%d,oom test %d\n",
			    i % 40 + 1, int(i / 40) + 1, i % 60, i % 5 + 1, i % 5 + 1, i
	}' >checkins.csv
	cp "$REL_DB" start.db
	before=$(checkin_state "$REL_DB")
	LD_PRELOAD=$SHIM REL_FAILMALLOC_COUNT=$T/count \
	    "$BIN/rel-checkin" import checkins.csv 2>/dev/null ||
		fail_ "the counting run failed"
	after=$(checkin_state "$REL_DB")
	total=$(cat count 2>/dev/null || echo 0)
	[ "$total" -gt 100 ] || fail_ "the shim counted only '$total' allocations"
	ns "$total" >ns.txt
	nf=0
	nok=0
	while read -r n; do
		cp start.db "$REL_DB"
		rm -f "$REL_DB-wal" "$REL_DB-shm"
		one "$n" rel-checkin import checkins.csv
		judge "N=$n" rel-checkin
		got=$(checkin_state "$REL_DB")
		if [ "$st" -eq 0 ]; then
			nok=$((nok + 1))
			check_eq "$got" "$after" "N=$n: rows after a successful import"
		else
			nf=$((nf + 1))
			check_eq "$got" "$before" "N=$n: rows after a failed import"
		fi
		check_ok "" "N=$n: "
	done <ns.txt
	echo "# import: $total allocations; $(wc -l <ns.txt | tr -d ' ') runs, N from 1 to $total: $nf failed (70), $nok succeeded"
	[ "$nf" -ge 20 ] || fail_ "only $nf runs failed: is the shim loaded?"
fi

case_ "out of memory: a list fails cleanly at every sampled allocation"
if [ -n "$SKIP" ]; then
	NAME="$NAME # skip: $SKIP"
else
	REL_AS=A001
	export REL_AS
	"$BIN/rel-init" create --sample 40 --seed 1 >/dev/null 2>&1 ||
		fail_ "rel-init create failed"
	"$BIN/rel-checkin" list >expect.csv 2>/dev/null || fail_ "list failed"
	LD_PRELOAD=$SHIM REL_FAILMALLOC_COUNT=$T/count \
	    "$BIN/rel-checkin" list >/dev/null 2>&1 || fail_ "the counting run failed"
	total=$(cat count 2>/dev/null || echo 0)
	ns "$total" >ns.txt
	nf=0
	while read -r n; do
		one "$n" rel-checkin list
		judge "N=$n" rel-checkin
		if [ "$st" -eq 0 ]; then
			cmp -s out.n expect.csv || fail_ "N=$n: the list differs"
		else
			nf=$((nf + 1))
		fi
	done <ns.txt
	echo "# list: $total allocations; $(wc -l <ns.txt | tr -d ' ') runs: $nf failed (70)"
	[ "$nf" -ge 20 ] || fail_ "only $nf runs failed: is the shim loaded?"
	check_ok "" "list: "
fi

case_ "out of memory: other importers, a card, the flags and the audit log fail cleanly"
if [ -n "$SKIP" ]; then
	NAME="$NAME # skip: $SKIP"
else
	REL_AS=A001
	export REL_AS
	"$BIN/rel-init" create --sample 40 --seed 1 >/dev/null 2>&1 ||
		fail_ "rel-init create failed"
	"$BIN/rel-note" list >notes.csv 2>/dev/null
	"$BIN/rel-roster" list >students.csv 2>/dev/null
	"$BIN/rel-profile" list >profile.csv 2>/dev/null
	cp "$REL_DB" start.db
	sqlite3 start.db .dump >start.dump
	runs=0
	nf=0
	while IFS= read -r c; do
		# shellcheck disable=SC2086
		LD_PRELOAD=$SHIM REL_FAILMALLOC_COUNT=$T/count "$BIN"/$c \
		    </dev/null >/dev/null 2>&1 || fail_ "$c: the counting run failed"
		total=$(cat count 2>/dev/null || echo 0)
		# Every fourth N up to 50, then 1.3 times the one before.
		awk -v t="$total" 'BEGIN {
			for (n = 1; n <= 50 && n <= t; n += 4)
				print n
			for (n = 50; n <= t; n = int(n * 1.3) + 1)
				if (n > 50)
					print n
		}' >ns.txt
		while read -r n; do
			cp start.db "$REL_DB"
			rm -f "$REL_DB-wal" "$REL_DB-shm"
			# shellcheck disable=SC2086
			one "$n" $c
			judge "$c, N=$n" "${c%% *}"
			# These write nothing new (the imports read back what
			# is there; the reads may add an audit row): every
			# other table is as it was.
			sqlite3 "$REL_DB" .dump | grep -v '^INSERT INTO audit' >now.dump
			grep -v '^INSERT INTO audit' start.dump | cmp -s - now.dump ||
				fail_ "$c, N=$n: the database changed"
			runs=$((runs + 1))
			[ "$st" -eq 0 ] || nf=$((nf + 1))
		done <ns.txt
	done <<'X'
rel-note import notes.csv
rel-roster import students.csv
rel-profile import profile.csv
rel-report student S0001
rel-flag
rel-export audit
X
	check_ok "" "others: "
	echo "# other commands: $runs runs, $nf failed (70)"
	[ "$nf" -ge 50 ] || fail_ "only $nf runs failed"
fi

# Through the wrapper: under valgrind, its leak check on the failing runs
# (every fifth N of the sample).
case_ "out of memory: failing runs through \$REL_WRAP, no leak"
if [ -n "$SKIP" ]; then
	NAME="$NAME # skip: $SKIP"
elif [ "$BIN" != "$REL_BIN" ]; then
	NAME="$NAME # skip: ASan build: the plain commands ran above, unwrapped"
else
	REL_AS=A001
	export REL_AS
	rel-init create --sample 40 --seed 1 >/dev/null 2>&1 ||
		fail_ "rel-init create failed"
	awk 'BEGIN {
		print "student_id,at,adult_id,kind,mood,note"
		for (i = 0; i < 50; i++)
			printf "S%04d,2025-10-%02dT09:%02d:00,A001,checkin,%d,oom %d\n",
			    i % 40 + 1, int(i / 40) + 1, i % 60, i % 5 + 1, i
	}' >checkins.csv
	cp "$REL_DB" start.db
	before=$(checkin_state "$REL_DB")
	LD_PRELOAD=$SHIM REL_FAILMALLOC_COUNT=$T/count \
	    "$BIN/rel-checkin" import checkins.csv 2>/dev/null ||
		fail_ "the counting run failed"
	total=$(cat count 2>/dev/null || echo 0)
	ns "$total" | awk 'NR % 5 == 1' >ns.txt
	k=0
	nf=0
	while read -r n; do
		cp start.db "$REL_DB"
		rm -f "$REL_DB-wal" "$REL_DB-shm"
		LD_PRELOAD=$SHIM REL_FAILMALLOC_N=$n
		export LD_PRELOAD REL_FAILMALLOC_N
		# shellcheck disable=SC2086
		$WRAP "$BIN/rel-checkin" import checkins.csv </dev/null >out.n 2>err.n
		st=$?
		unset LD_PRELOAD REL_FAILMALLOC_N
		judge "N=$n" rel-checkin
		[ "$st" -eq 0 ] || { nf=$((nf + 1)); check_eq "$(checkin_state "$REL_DB")" "$before" "N=$n: rows"; }
		k=$((k + 1))
	done <ns.txt
	echo "# wrapped: $k runs, $nf failed (70)${WRAP:+, under $WRAP}"
	[ "$nf" -ge 5 ] || fail_ "only $nf runs failed: does the shim work under the wrapper?"
fi
