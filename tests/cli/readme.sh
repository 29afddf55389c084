#!/bin/sh
# readme.sh: the README's tour is true: `make demo`'s script runs, and every
# command the tour shows then runs and exits 0 against the demo database,
# as a newcomer would type it. Both act as the sample school's counselor
# (the tour's `export REL_AS=A001`), so nothing in them is hidden.
# shellcheck disable=SC1091,SC2153,SC2154 # lib.sh sets REL_B and status
. "$REL_ROOT/tests/cli/lib.sh"

case_ "make demo's tour runs and leaves a checked database"
run sh "$REL_ROOT/tools/demo.sh" "$REL_ROOT/$REL_B"
status_is 0
[ -f demo/rel.db ] || fail_ "no demo/rel.db"
out_has '$ rel-init check --db demo/rel.db'
out_has '$ export REL_AS=A001'
! grep -q 'no acting adult' "$T/out" "$T/err" ||
	fail_ "the demo reads without an acting adult"

case_ "every command of the README tour runs after make demo"
sh "$REL_ROOT/tools/demo.sh" "$REL_ROOT/$REL_B" >/dev/null 2>&1 ||
	fail_ "the demo failed"
ln -s "$REL_ROOT/tests" tests
REL_DB="$T/demo/rel.db"
export REL_DB
# The tour's commands are the indented lines between "## A short tour"
# and the next heading; a line ending in a backslash goes on.
awk '/^## /{on = ($0 == "## A short tour"); next}
    on && /^    / {sub(/^    /, ""); printf "%s%s", $0, (/\\$/ ? "\n" : "\n\036\n")}' \
    "$REL_ROOT/README.md" >tour
n=0
cmd=""
while IFS= read -r line; do
	if [ "$line" = "$(printf '\036')" ]; then
		case $cmd in
		"export PATH="*) cmd="" ; continue ;;
		# Kept for the commands after it, as in the reader's shell.
		"export REL_AS="*) eval "$cmd"; cmd="" ; continue ;;
		esac
		n=$((n + 1))
		run_sh "$cmd"
		# An import with --rejects keeps the bad rows aside and says so
		# with 65, as the tour explains.
		want=0
		case $cmd in
		*--rejects*) want=65 ;;
		esac
		[ "$status" -eq "$want" ] || fail_ "exit status $status from: $cmd
$(head -n 5 "$T/err")"
		! grep -q 'no acting adult' "$T/err" ||
			fail_ "no acting adult for: $cmd"
		cmd=""
	else
		cmd="${cmd:+$cmd
}$line"
	fi
done <tour
[ "$n" -ge 8 ] || fail_ "only $n tour commands found"
