#!/bin/sh
# The catalogue of bad input (tests/data/bad, described in its README): every
# importer over every case. A case is a template NAME.csv (or NAME.gen, a
# snippet that prints the input, for the ones too big to commit) written
# once for all importers; this script fills in each importer's header and
# rows, runs the import, and checks the exit status, every message line,
# and that the database is unchanged after a failure, or that the rows
# landed exactly after a success, as NAME.expect says.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1090,SC1091,SC2034,SC2154
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody-here
export USER
BAD="$DATA/bad"

# Each importer: its program (ARGS are its import arguments before the
# file), a header H and a good row R with slots {id}, {date}, {text} and
# {n} (the row's number in the file, which keeps rows' keys apart), and
# where the text slot is stored (TBL.TXT, read back in KEY order: rowid,
# or the day or time for the indicator and checkin tables, which have no
# rowid). A
# slot that an importer's row lacks makes a case that fills it not apply
# (its .expect says skip). LIST lists what was imported (the counselor
# A901 sees every record). The students 100201-100209 and adult A903 are
# in the fixture school.
IMPORTERS="rel-roster rel-checkin rel-note rel-family rel-goal rel-indicator
rel-profile rel-restore rel-map oneroster"
importer() {
	WHO=$1
	PROG=$1
	ID='10020{n}'
	KEY=rowid
	LIST='list --as A901'
	case $1 in
	rel-roster)
		H='student_id,given_name,family_name'
		R='{id},{text},Okafor'
		ID='S{n}' TBL=student TXT=given_name LIST="list student" ;;
	rel-checkin)
		H='student_id,at,mood,note'
		R='{id},{date}T09:00:00,4,{text}'
		TBL=checkin TXT=note KEY=at ;;
	rel-note)
		H='student_id,at,kind,text'
		R='{id},{date}T09:00:00,affirmation,{text}'
		TBL=note TXT=text ;;
	rel-family)
		H='student_id,at,channel,direction,summary'
		R='{id},{date}T09:00:00,call,to_home,{text}'
		TBL=family_contact TXT=summary ;;
	rel-goal)
		H='student_id,text,start'
		R='{id},{text},{date}'
		TBL=goal TXT=text ;;
	rel-indicator)
		H='student_id,date,name,value,source'
		R='{id},{date},attendance,0.95,{text}'
		TBL=indicator TXT=source KEY=day ;;
	rel-profile)
		H='student_id,kind,value,at'
		R='{id},strength,{text},{date}T09:00:00'
		TBL=profile_item TXT=value ;;
	rel-restore)
		H='case_id,opened_at,kind,summary'
		R='{id},{date}T09:00:00,harm,{text}'
		ID='C{n}' TBL=restorative_case TXT=summary ;;
	rel-map)
		H='student_id,adult_id,strength,at,note'
		R='{id},A903,2,{date},{text}'
		TBL=connection TXT=note ;;
	oneroster)
		# The case is users.csv in a copy of the bulk export whose
		# enrollments are emptied, so that the users are all there is.
		PROG=rel-roster
		H=$(head -n 1 "$DATA/oneroster/bulk/users.csv")
		R='{id},active,2026-08-01T08:00:00.000Z,true,org-hv,student,'
		R="${R}stu{n},,{text},Okafor,,S-900{n},,,,,09,"
		ID='u-s{n}' TBL=student TXT=given_name LIST="list student" ;;
	esac
	NC=$(printf '%s\n' "$H" | awk -F, '{ print NF }')
	C1=${H%%,*}
	CT=$(printf '%s\n' "$R" | awk -F, '{ for (i = 1; i <= NF; i++)
	    if ($i == "{text}") print i }')
	CT=$(printf '%s\n' "$H" | cut -d, -f"$CT")
	export H R ID
}

# fill: the template on stdin, filled for the current importer. {H} is the
# header; {R} a good row, {R SLOT=VALUE} one whose slot holds VALUE (CSV
# text, quoted if need be). Exits 3 when the importer has no such slot.
fill() {
	perl -pe '
	BEGIN { $n = 0; $skip = 0; }
	sub row {
		my ($slot, $val) = @_;
		my $r = $ENV{R};
		$n++;
		my %v = (id => $ENV{ID}, date => sprintf("2026-11-%02d", $n),
		    text => "note $n");
		if (defined $slot) {
			$skip = 1 unless $r =~ /\{\Q$slot\E\}/;
			$v{$slot} = $val;
		}
		$r =~ s/\{(id|date|text)\}/$v{$1}/g;
		$r =~ s/\{n\}/$n/g;
		return $r;
	}
	s/\{H\}/$ENV{H}/g;
	s/\{R(?: (\w+)=([^\r\n]*?))?\}(?=[\r\n,]|\z)/row($1, $2)/ge;
	END { exit 3 if $skip; }'
}

# row [SLOT VALUE]: one filled row, for .gen snippets.
row() {
	if [ $# -eq 0 ]; then
		echo '{R}' | fill
	else
		printf '{R %s=%s}\n' "$1" "$2" | fill
	fi
}

# expect CASE: the case's .expect lines for the current importer (its own
# lines if it has any, else the "all" lines), keyword first, with the
# placeholders filled in.
expect() {
	PROG=$PROG FILE=$FILE NC=$NC C1=$C1 CT=$CT WHO=$WHO perl -ne '
	next unless /^(\S+) (.*\n)/s;
	push @own, $2 if $1 eq $ENV{WHO};
	push @all, $2 if $1 eq "all";
	END {
		for (@own ? @own : @all) {
			s/\{prog\}/$ENV{PROG}/g; s/\{file\}/$ENV{FILE}/g;
			s/\{nc\}/$ENV{NC}/g; s/\{nc1\}/$ENV{NC} + 1/ge;
			s/\{c1\}/$ENV{C1}/g; s/\{ct\}/$ENV{CT}/g;
			print;
		}
	}' "$BAD/$1.expect"
}

# The fixture school, made once and copied into each case.
SCHOOL=$(mktemp -d "${TMPDIR:-/tmp}/relbad.XXXXXX") || exit 1
trap 'script_end $?; rm -rf "$SCHOOL"' EXIT
(
	cd "$SCHOOL" || exit 1
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . &&
	REL_DB="$SCHOOL/rel.db" rel-init create >/dev/null 2>&1 &&
	REL_DB="$SCHOOL/rel.db" rel-roster import adults.csv students.csv \
	    groups.csv members.csv 2>/dev/null &&
	sqlite3 rel.db .dump >dump
) || { echo "not ok - bad: cannot make the fixture school"; exit 1; }

# one CASE: run the current importer over CASE and check it.
one() {
	c=$1
	case_ "bad $c $WHO"
	cp "$SCHOOL/rel.db" "$REL_DB"
	# A huge input goes to the importer through a pipe (the reader may
	# stop early; the generator then dies of SIGPIPE), except into the
	# OneRoster directory, which needs a file.
	gen=
	if [ -f "$BAD/$c.gen" ] && [ "$WHO" != oneroster ]; then
		gen=1
		mkfifo in
		(. "$BAD/$c.gen") >in 2>/dev/null &
	elif [ -f "$BAD/$c.gen" ]; then
		(. "$BAD/$c.gen") >in
	else
		fill <"$BAD/$c.csv" >in
	fi
	filled=$?
	# The .expect's lines for this importer, by keyword (README).
	expect "$c" >exp
	want_exit=999 want_rows=999 skip='' bytes=''
	: >want.err
	: >want.text
	while IFS= read -r l; do
		case $l in
		"exit "*) want_exit=${l#exit } ;;
		"rows "*) want_rows=${l#rows } ;;
		"err "* | "errp "*) printf '%s\n' "$l" >>want.err ;;
		"text "*) printf '%s\n' "${l#text }" >>want.text ;;
		"bytes "*) printf '%s\n' "${l#bytes }" >>want.text; bytes=1 ;;
		skip*) skip=1 ;;
		esac
	done <exp
	if [ "$filled" -ne 0 ]; then
		[ -n "$skip" ] || fail_ "the case fills a slot $WHO lacks, and" \
		    "the .expect does not skip it"
		return
	fi
	if [ -n "$skip" ]; then
		fail_ "the .expect skips $WHO, but the case applies to it"
		return
	fi
	if [ "$WHO" = oneroster ]; then
		cp -R "$DATA/oneroster/bulk" bulk
		head -n 1 "$DATA/oneroster/bulk/enrollments.csv" >bulk/enrollments.csv
		mv in bulk/users.csv
		set -- rel-roster import --oneroster bulk
	elif [ -n "$gen" ]; then
		STDIN=in
		set -- "$WHO" import
	else
		mv in "$c.csv"
		set -- "$WHO" import "$c.csv"
	fi
	cp "$SCHOOL/dump" "$T/db.before"	# db_save, made once
	run "$@"
	[ -z "$gen" ] || wait
	status_is "$want_exit"
	# err: a message line exactly; errp: a line that starts so. When
	# either is given, stderr has those lines and no others.
	if [ -s want.err ]; then
		awk 'NR == FNR { k[NR] = $1; w[NR] = substr($0, length($1) + 2);
		    n = NR; next }
		{ m++; if (m > n || (k[m] == "err" && $0 != w[m]) ||
		    (k[m] == "errp" && index($0, w[m]) != 1)) bad = 1 }
		END { exit bad || m != n }' want.err "$T/err" ||
			fail_ "stderr differs from the .expect:
$(sed 's/^errp\{0,1\} //' want.err | diff - "$T/err" | head -n 20)"
	fi
	if [ "$status" -ne 0 ]; then
		db_unchanged
		return
	fi
	before=$(sqlite3 "$SCHOOL/rel.db" \
	    "SELECT count(*) || ' ' || coalesce(max($KEY), 0) FROM $TBL")
	after=$(sql "SELECT count(*) FROM $TBL")
	check_eq "$((after - ${before% *}))" "$want_rows" "rows added"
	# text: each new row's text slot as stored, in order; bytes: only
	# its length, for text too long to write out.
	new="FROM $TBL WHERE $KEY > '${before#* }' ORDER BY $KEY"
	if [ -n "$bytes" ]; then
		sql "SELECT length(CAST($TXT AS BLOB)) $new" >stored
	else
		sql "SELECT $TXT $new" >stored
	fi
	cmp -s want.text stored || fail_ "$TBL.$TXT stored differs:
$(diff want.text stored | head -n 10)"
	# No value ran as SQL: the fixture's students are all still there.
	check_eq "$(sql "SELECT count(*) FROM student
	    WHERE student_id BETWEEN '100201' AND '100212'")" 12 "students"
	# Formula cells are stored verbatim; --excel-safe neutralises them
	# on the way out.
	if grep -q '^[=+@-]' stored && [ -n "$LIST" ]; then
		# shellcheck disable=SC2086
		run "$PROG" $LIST --excel-safe
		status_is 0
		# A quote in a cell makes the writer quote it: look at the
		# cell's start up to its first quote.
		while IFS= read -r v; do
			out_has "'${v%%\"*}"
		done <stored
	fi
}

# converted: the Latin-1 case through rel-csv clean --from latin1, which
# the importers' message points to, lands as UTF-8. The UTF-16 cases (a
# check-in file as they are) likewise with --from UTF-16.
converted() {
	case_ "bad $1 converted $WHO"
	cp "$SCHOOL/rel.db" "$REL_DB"
	fill <"$BAD/$1.csv" >in.csv
	run_sh "rel-csv clean --from $2 in.csv | $REL_WRAP $WHO import"
	status_is 0
	if [ "$1" = latin1 ]; then
		check_eq "$(sql "SELECT $TXT FROM $TBL WHERE $TXT = 'Müller'")" \
		    Müller "$TBL.$TXT"
	else
		check_eq "$(sql "SELECT count(*) FROM checkin")" 1 "check-ins"
	fi
}

# Under valgrind (REL_WRAP set), where one import costs a second or two,
# each case runs for one importer, in turn down the list, so that every
# importer meets a few cases: the plain and sanitizer runs cover every
# importer over every case. A case that the reader (or the header's
# binding, lib/csv.c) rejects before any kind sees it, marked "reader" in
# its .expect, runs for rel-checkin: the reader is the same code for all.
i=0
for f in "$BAD"/${BAD_ONLY:-*}.expect; do
	c=$(basename "$f" .expect)
	only=
	if [ -n "$REL_WRAP" ]; then
		# shellcheck disable=SC2086
		set -- $IMPORTERS
		shift $((i % $#))
		only=$1
		i=$((i + 1))
		! grep -q '^reader$' "$f" || only=rel-checkin
	fi
	for w in $IMPORTERS; do
		[ -z "$only" ] || [ "$w" = "$only" ] || continue
		importer "$w"
		FILE=$c.csv
		[ -f "$BAD/$c.gen" ] && FILE=stdin
		[ "$w" = oneroster ] && FILE=users.csv
		one "$c"
		case $c,$w in
		latin1,oneroster) ;;
		latin1,*) converted latin1 latin1 ;;
		utf16*,rel-checkin) converted "$c" UTF-16 ;;
		esac
	done
done
