#!/bin/sh
# Every command that writes to standard output, with large output (the
# sample school of 300 students): a closed pipe (| head -1) ends it quietly,
# and the pipeline's status is head's (the command itself exits 0 or dies
# of SIGPIPE, 141); a full one (>/dev/full) exits 74 with
# "standard output: write error: No space left on device".
# shellcheck disable=SC1091,SC2034,SC2154
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody-here
export USER

# Every command that writes to standard output, with large output: a
# closed pipe ends it quietly, a full one exits 74 with the message.
case_ "stdout: | head -1 is quiet and >/dev/full exits 74, for every command"
sample_db 300 1
REL_AS=A001
export REL_AS
"$REL_BIN/rel-checkin" list >checkins.out 2>/dev/null
while IFS= read -r c; do
	prog=${c%% *}
	# Not wrapped: killed by SIGPIPE, valgrind would report the blocks
	# still in use at the signal; quietness is the command's own.
	run_sh "{ $REL_BIN/$c; echo \$? >st; } | head -1 >/dev/null"
	st=$(cat st)
	[ "$status" -eq 0 ] || fail_ "$c | head -1: status $status"
	case $st in
	0|141) ;;
	*) fail_ "$c | head -1: the command exited $st" ;;
	esac
	[ ! -s "$T/err" ] || fail_ "$c | head -1: said: $(head -n 3 "$T/err")"
	run_sh "$REL_WRAP $c >/dev/full"
	[ "$status" -eq 74 ] || fail_ "$c >/dev/full: status $status"
	grep -qxF "$prog: standard output: write error: No space left on device" \
	    "$T/err" || fail_ "$c >/dev/full: said: $(head -n 3 "$T/err")"
done <<'X'
rel-checkin list
rel-checkin missing
rel-note list
rel-note balance
rel-family list
rel-family due
rel-family quiet
rel-family guardians
rel-goal list
rel-goal due
rel-restore list
rel-restore due
rel-indicator list
rel-indicator summary
rel-profile list
rel-profile show S0001
rel-map list
rel-map gaps
rel-map suggest
rel-map caseload
rel-map history 2026-11-01
rel-roster list
rel-roster list adults
rel-roster list groups
rel-roster ids student
rel-flag
rel-flag rules
rel-report coverage
rel-report equity --by grade
rel-report caseload
rel-report student S0001
rel-report student S0001 --format html
rel-report trend
rel-report weekly
rel-export audit
rel-csv clean checkins.out
rel-csv check checkins.out
rel-init check
rel help
rel-checkin --help
X
