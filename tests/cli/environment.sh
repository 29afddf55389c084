#!/bin/sh
# The tests do not depend on the caller's environment: colour.sh, which
# is about NO_COLOR and TERM, and checkin.sh, which reads the acting
# adult, times and temporary files, pass under an environment a user's
# shell profile might set (tests/env.sh clears or fixes each of these).
# They run unwrapped: under valgrind they already run on their own.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

for s in colour.sh checkin.sh; do
	case_ "$s passes with NO_COLOR, TERM, TZ, LANG, USER, umask, TMPDIR and REL_* set"
	run_sh "umask 077; NO_COLOR=1 TERM=xterm-256color TZ=Pacific/Chatham \
	    LANG=C LC_ALL=C USER=jdoe LOGNAME=jdoe TMPDIR=/nonexistent \
	    REL_AS=A901 REL_DB=/nonexistent/rel.db REL_NOW=2020-01-01 \
	    REL_BUSY_TIMEOUT=1 XDG_DATA_HOME=/nonexistent REL_WRAP= \
	    sh '$REL_ROOT/tests/cli/$s'"
	status_is 0
	grep -q '^not ok' "$T/out" && fail_ "$(grep -A3 '^not ok' "$T/out" | head -n 8)"
	grep -q '^ok - ' "$T/out" || fail_ "no case ran"
done

case_end
