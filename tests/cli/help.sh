#!/bin/sh
# --help on every command and verb: the usage comes from the man page's
# SYNOPSIS (tools/usage.awk), so these cases check that the text and the
# code agree. For each verb: --help prints only its own forms, on stdout,
# exit 0; every option its usage shows is accepted; and every other option
# the command knows (its longopts and the shared ones) is refused, so an
# option the verb takes cannot be missing from its usage. Mistyped verbs,
# commands and options suggest the closest.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# The options a command knows, "name arg" or "name flag" a line: its own
# struct option tables and the shared ones of lib/cli.c.
known_opts() {
	sed -n 's/.*{ "\([a-z-]*\)", \([a-z_]*\),.*/\1 \2/p' \
	    "$REL_ROOT/cmd/$1.c" "$REL_ROOT/lib/cli.c" |
	    sed 's/ required_argument$/ arg/; s/ no_argument$/ flag/' |
	    grep -v '^\(help\|version\) ' | sort -u
}

# The verbs of a command's full usage: the word after its name.
verbs_of() {
	sed -n "s/^\(usage:\|      \) $1 \[*\([a-z]*\)\]* *.*/\2/p" "$T/all" |
	    sort -u
}

check_command() {
	c=$1
	run "$c" --help
	status_is 0
	err_empty
	cp "$T/out" "$T/all"
	known_opts "$c" >"$T/known"
	verbs=$(verbs_of "$c")
	[ -n "$verbs" ] || fail_ "$c: no verbs in its usage"
	for v in $verbs; do
		REL_HELP_OPTIONS=1 run "$c" "$v" --help
		if [ "$status" -ne 0 ]; then
			fail_ "$c $v --help: exit $status"
			continue
		fi
		# Only this verb's forms ("rules" has "rules set" too).
		others=$(sed -n "s/^\(usage:\|      \) $c \[*\([a-z]*\)\]* *.*/\2/p" \
		    "$T/out" | grep -vx "$v")
		[ -z "$others" ] || fail_ "$c $v --help shows other verbs: $others"
		grep -q "^usage: $c \[*$v" "$T/out" ||
			fail_ "$c $v --help: no usage line for $v"
		grep -o -- '--[a-z][a-z0-9-]*' "$T/out" | sort -u >"$T/shown"
		# What the verb takes (lib/cli.c says so on stderr, with
		# $REL_HELP_OPTIONS set) is what its usage shows.
		tr ' ' '\n' <"$T/err" | grep -- '^--' | grep -vx -- '--help' |
		    sort -u >"$T/takes"
		[ "$(sed -n 1p "$T/err" | cut -c1-8)" = "options:" ] ||
			fail_ "$c $v --help: no options line on stderr"
		comm -13 "$T/shown" "$T/takes" | while read -r o; do
			echo "$c $v takes $o, but its usage does not show it"
		done >"$T/diff"
		comm -23 "$T/shown" "$T/takes" | while read -r o; do
			echo "$c $v: its usage shows $o, which it does not take"
		done >>"$T/diff"
		[ ! -s "$T/diff" ] || fail_ "$(cat "$T/diff")"
		# And without that hook: every option shown is accepted, all
		# in one run, since the first refused one would be named.
		set --
		while read -r o; do
			kind=$(sed -n "s/^${o#--} //p" "$T/known")
			case $kind in
			arg) set -- "$@" "$o=x" ;;
			flag) set -- "$@" "$o" ;;
			"") fail_ "$c $v: usage shows $o, which $c does not know" ;;
			*)	# an argument for one verb, a flag for another
				"$c" "$v" "$o=x" --help >/dev/null 2>&1 ||
				    "$c" "$v" "$o" --help >/dev/null 2>&1 ||
				    fail_ "$c $v: $o of its usage is refused" ;;
			esac
		done <"$T/shown"
		"$c" "$v" "$@" --help >/dev/null 2>"$T/probe" ||
			fail_ "$c $v: an option of its usage is refused: $(cat "$T/probe")"
	done
}

for c in rel-checkin rel-csv rel-export rel-family rel-flag rel-goal \
    rel-indicator rel-init rel-map rel-note rel-profile rel-report \
    rel-restore rel-roster; do
	case_ "$c: --help on each verb shows its forms and exactly its options"
	check_command "$c"
done

case_ "rel --help and -h: the forms from rel(1), then the commands"
run rel --help
status_is 0
out_has 'usage: rel COMMAND [ARG ...]'
out_has '       rel help [COMMAND]'
out_has '  map        which adults know each student; who has nobody'
run rel -h
status_is 0
out_has 'usage: rel COMMAND [ARG ...]'

case_ "a verb's usage error shows its own forms on stderr, 64"
run rel-map gaps --min-adults 0
status_is 64
out_is </dev/null
err_is <<'X'
rel-map: --min-adults: "0" is not a number from 1 to 1000
usage: rel-map gaps [--db PATH] [--min-strength N] [--min-adults N]
               [--no-primary | --ignore-primary] [--format FMT] [--excel-safe]
X
run rel-report coverage --help
status_is 0
out_is <<'X'
usage: rel-report coverage [--by COLUMN] [--min-strength N] [--days N]
                  [--as-of DATE] [COMMON OPTIONS]
The common options are [--db PATH] [--as ADULT_ID] [--format FMT] [--excel-safe]
[--out FILE].
X

case_ "a mistyped verb: did you mean, 64, the whole usage"
run rel-map gap
status_is 64
out_is </dev/null
err_has 'rel-map: unknown verb "gap"; did you mean "gaps"?'
err_has 'usage: rel-map mark'
err_has '       rel-map history'
run rel-map sug
status_is 64
err_has 'rel-map: unknown verb "sug"; did you mean "suggest"?'
run rel-map frobnicate
status_is 64
err_has 'rel-map: unknown verb "frobnicate"'
! grep -q 'did you mean' "$T/err" || fail_ "a suggestion for frobnicate"
run rel-checkin lsit
status_is 64
err_has 'rel-checkin: unknown verb "lsit"; did you mean "list"?'
run rel-csv chek
status_is 64
err_has 'rel-csv: unknown verb "chek"; did you mean "check"?'
run rel-init craete
status_is 64
err_has 'rel-init: unknown verb "craete"; did you mean "create"?'
run rel-family qiuet
status_is 64
err_has 'rel-family: unknown verb "qiuet"; did you mean "quiet"?'
run rel-restore updat
status_is 64
err_has 'rel-restore: unknown verb "updat"; did you mean "update"?'
run rel-flag rulse
status_is 64
err_has 'rel-flag: unknown verb "rulse"; did you mean "rules"?'
run rel-flag rules rest
status_is 64
err_has 'rel-flag: rules: unknown verb "rest"; did you mean "reset"?'

case_ "a mistyped command in rel: did you mean, 64"
run rel mpa
status_is 64
err_is <<'X'
rel: unknown command "mpa"; did you mean "map"?
X
run rel help rpeort
status_is 64
err_is <<'X'
rel: help: unknown command "rpeort"; did you mean "report"?
X
run rel frobnicate
status_is 64
err_is <<'X'
rel: unknown command "frobnicate" (rel help lists them)
X

case_ "a mistyped long option: did you mean, among those the verb takes"
run rel-map gaps --min-strenght 2
status_is 64
err_is <<'X'
rel-map: gaps: unknown option --min-strenght; did you mean --min-strength?
usage: rel-map gaps [--db PATH] [--min-strength N] [--min-adults N]
               [--no-primary | --ignore-primary] [--format FMT] [--excel-safe]
X
run rel-checkin list --formt=csv
status_is 64
err_has 'rel-checkin: list: unknown option --formt=csv; did you mean --format?'
run rel-map history --hepl
status_is 64
err_has 'rel-map: history: unknown option --hepl; did you mean --help?'
# --excel-safe=1: a known option given a value is no misspelling.
run rel-map gaps --excel-safe=1
status_is 64
err_has 'rel-map: gaps: unknown option --excel-safe=1'
! grep -q 'did you mean' "$T/err" || fail_ "a suggestion for --excel-safe=1"
# --top is rel-map suggest's, not gaps': not suggested there.
run rel-map gaps --tpo 3
status_is 64
! grep -q 'did you mean' "$T/err" || fail_ "gaps suggested an option it does not take"

# A synopsis restated in a comment drifts from the command; the man page,
# from which usage() is made, is the one source.
case_ "each command's source names its man page in one line, no synopsis"
for f in "$REL_ROOT"/cmd/*.c; do
	c=$(basename "$f" .c)
	check_eq "$(sed -n 1p "$f")" \
	    "/* $c: see $c(1), the one description of the command. */" \
	    "the first line of cmd/$c.c"
	[ -f "$REL_ROOT/man/man1/$c.1" ] || fail_ "no man page for $c"
	! sed -n '2,/^[a-z]/p' "$f" | grep -q "^ \*   $c " ||
		fail_ "cmd/$c.c still restates its synopsis"
done

case_end
