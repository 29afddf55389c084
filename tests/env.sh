# env.sh: sourced by tests/run.sh and tests/cli/lib.sh, so that every test
# sees the same environment whoever runs it and from whatever shell
# profile: no NO_COLOR, TERM, locale, time zone, login, umask or REL_*
# setting of the caller's reaches a test. A test that is about one of
# them sets it itself, for the command it is about.
# shellcheck shell=sh
unset NO_COLOR COLUMNS LINES LANGUAGE LC_ALL LC_CTYPE LC_COLLATE \
    LC_MESSAGES LC_NUMERIC LC_TIME XDG_DATA_HOME || true
# Every REL_ variable but those the harness itself passes down.
for rel_v in $(env | sed -n 's/^\(REL_[A-Za-z0-9_]*\)=.*/\1/p'); do
	case $rel_v in
	REL_ROOT | REL_BIN | REL_B | REL_WRAP | REL_JOBS) ;;
	*) unset "$rel_v" ;;
	esac
done
unset rel_v
LANG=C.UTF-8
TERM=dumb
TZ=UTC
# No fixture adult has this login, whoever runs the tests.
USER=rel-test-nobody
LOGNAME=rel-test-nobody
export LANG TERM TZ USER LOGNAME
umask 022
# A TMPDIR that is not a writable directory would fail every case.
if [ -n "${TMPDIR:-}" ] && { [ ! -d "$TMPDIR" ] || [ ! -w "$TMPDIR" ]; }; then
	unset TMPDIR
fi
