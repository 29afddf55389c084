#!/bin/sh
# Colour: a table on a terminal has its header in bold, unless NO_COLOR is
# set and not empty (no-color.org) or TERM is dumb; through a pipe, never,
# even with --format table. script(1) gives the command a terminal.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

ESC=$(printf '\033')

# on_tty 'COMMAND': run it on a pseudo-terminal; its output in $T/out.
on_tty() {
	script -qec "$1" /dev/null </dev/null >"$T/out" 2>"$T/err"
	status=$?
}

has_bold() {
	grep -q "^${ESC}\[1madult_id  *given_name.*${ESC}\[0m" "$T/out" ||
		fail_ "$1: no bold header: $(od -c "$T/out" | head -n 3)"
}

no_esc() {
	! grep -q "$ESC" "$T/out" || fail_ "$1: an escape in the output"
}

case_ "a table on a terminal: the header in bold, the rows plain"
sample_db 3
TERM=xterm on_tty "rel-roster list adult"
status_is 0
has_bold "TERM=xterm"
[ "$(grep -c "$ESC" "$T/out")" -eq 1 ] || fail_ "escapes beyond the header"
grep -q '^A001  ' "$T/out" || fail_ "no plain row for A001"
# An empty NO_COLOR is as if unset.
NO_COLOR='' TERM=xterm on_tty "rel-roster list adult"
has_bold "NO_COLOR empty"

case_ "NO_COLOR set, or TERM=dumb: no colour on a terminal"
sample_db 3
NO_COLOR=1 TERM=xterm on_tty "rel-roster list adult"
status_is 0
no_esc "NO_COLOR=1"
out_has 'adult_id'
NO_COLOR=no TERM=xterm on_tty "rel-roster list adult --format table"
no_esc "NO_COLOR=no, --format table"
TERM=dumb on_tty "rel-roster list adult"
no_esc "TERM=dumb"
out_has 'adult_id'

case_ "through a pipe: never coloured, even as a table"
sample_db 3
TERM=xterm run_sh 'rel-roster list adult --format table | cat'
status_is 0
no_esc "--format table to a pipe"
out_has 'adult_id'
TERM=xterm run rel-roster list adult --format table
no_esc "--format table to a file"
TERM=xterm on_tty "rel-roster list adult | cat"
no_esc "a pipe inside a terminal"
out_has 'adult_id,'

case_end
