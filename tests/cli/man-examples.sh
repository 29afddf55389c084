#!/bin/sh
# man-examples.sh: every command in the EXAMPLES of every man page runs and
# exits 0, so that the manuals show pipelines that work.
#
# The convention the pages follow: EXAMPLES holds `.Bd -literal` blocks; in
# them a line beginning with "$ " is a command (a line ending in a
# backslash goes on to the next line), and the lines after it, up to the
# next command or the end of the block, are what it prints: standard
# output, then standard error. A line "..." ends what is checked: the
# output shown above it must begin the real output. A command shown without
# output is only required to exit 0. One case per page: the commands run in order in the case's
# directory, with a copy of tests/data and a sample school of 60 students,
# so a later command may use what an earlier one imported. They run as the
# sample school's counselor, A001, who sees every record: the examples show
# a counselor's day, not what rel hides from other adults (rel(7), PRIVACY).
# A001 is the acting adult through her login ($USER), as a counselor would
# set it up, rather than $REL_AS: a $REL_AS naming nobody is an error (78)
# in a database that does not hold her, such as rel-init(1)'s new school
# year, where a login that matches nobody just leaves no acting adult.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

# The login of A001, the sample school's counselor.
USER=a001
export USER

# The EXAMPLES commands of one mdoc page, one file each (001, 002, ...) in
# the directory dir, with the mdoc escapes of a command turned back into
# the characters they stand for.
# shellcheck disable=SC2016 # an awk program, not shell: nothing to expand
EXTRACT='
function unescape(s,    out, i, c, n) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c != "\\") {
			out = out c
			continue
		}
		if (substr(s, i + 1, 1) == "e") {
			out = out "\\"; i++
		} else if (substr(s, i + 1, 1) == "-") {
			out = out "-"; i++
		} else if (substr(s, i + 1, 1) == "&") {
			i++
		} else if (substr(s, i + 1, 3) == "(aq") {
			out = out "\047"; i += 3
		} else if (substr(s, i + 1, 3) == "(dq") {
			out = out "\""; i += 3
		} else {
			out = out c
		}
	}
	return out
}
/^\.Sh / { inex = ($0 == ".Sh EXAMPLES"); lit = 0; next }
!inex { next }
/^\.Bd -literal/ { lit = 1; next }
/^\.Ed/ { lit = 0; cont = 0; outf = ""; next }
!lit { next }
{
	line = unescape($0)
	if (cont) {
		cmd = cmd "\n" line
	} else if (substr(line, 1, 2) == "$ ") {
		cmd = substr(line, 3)
	} else {
		if (outf != "")
			printf "%s\n", line >> outf
		next
	}
	cont = (substr(line, length(line), 1) == "\\")
	if (!cont) {
		file = sprintf("%s/%03d", dir, ++n)
		printf "%s\n", cmd > file
		close(file)
		outf = file ".out"
		printf "" > outf
	}
}
'

for page in "$REL_ROOT"/man/man[157]/*.[157]; do
	[ -f "$page" ] || continue
	name=$(basename "$page")
	case_ "man $name: every EXAMPLES command runs as shown"
	cp -R "$DATA"/. "$T"/ || fail_ "cannot copy $DATA into the case directory"
	sample_db 60
	ex="$T/.examples"
	mkdir "$ex" || fail_ "cannot make $ex"
	awk -v dir="$ex" "$EXTRACT" "$page" ||
		fail_ "$name: cannot extract the EXAMPLES commands"
	n=0
	for f in "$ex"/[0-9][0-9][0-9]; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		cmd=$(cat "$f")
		run_sh "$cmd"
		# shellcheck disable=SC2154 # run_sh (lib.sh) sets status
		[ "$status" -eq 0 ] ||
			fail_ "$name: exit status $status, expected 0, from: $cmd
$(head -n 5 "$T/err")"
		if [ -s "$f.out" ]; then
			cat "$T/out" "$T/err" >"$T/both"
			k=$(grep -n -x -m 1 '\.\.\.' "$f.out" | cut -d: -f1)
			if [ -n "$k" ]; then
				head -n $((k - 1)) "$f.out" >"$f.head"
				mv "$f.head" "$f.out"
				head -n $((k - 1)) "$T/both" >"$T/head"
				mv "$T/head" "$T/both"
			fi
			cmp -s "$f.out" "$T/both" ||
				fail_ "$name: the output of: $cmd
differs from the page:
$(diff "$f.out" "$T/both" | head -n 10)"
		fi
	done
	[ "$n" -gt 0 ] || fail_ "$name: no commands found in EXAMPLES"
done
