#!/bin/sh
# rel-note: add, import, list, balance; the default visibilities; gratitude
# entries without a student; every bad input with its message, status and
# an unchanged database; the round trip of list through import; the
# balance of positive notes to concerns.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult's login names whoever runs the tests: the acting adult comes
# only from --as or $REL_AS. Reads that check what was recorded run as
# A901, the counselor, who sees every note; these cases are not about who
# may see what.
USER=nobody.rel-note-tests
export USER

# The fixture school: adults A901-A905, students 100201-100212 (100212 is
# deactivated).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . || fail_ "cannot copy the fixtures"
	roster_db
}

# The notes most cases start from. In the 90 days before REL_NOW:
#   100201: A901 3 affirmations, A902 1 concern
#   100202: A902 2 concerns, A901 1 feedback
#   100203: A903 1 observation and 1 feedback, A902 1 concern
#   100204: A901 2 affirmations (one staff)
#   100205: A902 1 observation
#   100206: A903 1 gratitude (not counted in a balance)
#   none:   A901 1 gratitude
# and one concern about 100207 from June, outside the default window.
noted() {
	school
	cat >notes.csv <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-10-01T08:30:00,A901,affirmation,Stayed after class to finish the lab,
100201,2026-10-15T08:30:00,A901,affirmation,"Led her group through a hard proof, patiently",
100201,2026-11-02T12:00:00,A902,concern,Missed two labs this week,
100201,2026-11-10T08:30:00,A901,affirmation,Helped a new student find the library,
100202,2026-10-20T14:00:00,A902,concern,Late three days running,
100202,2026-11-03T14:00:00,A902,concern,Left early without a word,
100202,2026-11-12T09:15:00,A901,feedback,"Your essay's argument is strong; now back it with two sources, as I know you can.",
100203,2026-11-05T10:00:00,A903,observation,Sits with the robotics team at lunch,
100203,2026-11-06T10:00:00,A903,feedback,Your code reviews are careful; try explaining them aloud next time,
100203,2026-11-07T10:00:00,A902,concern,Quiet in club this week,
100204,2026-10-08T11:00:00,A901,affirmation,Welcomed the exchange student,
100204,2026-11-18T11:00:00,A901,affirmation,Kept going on the long run,staff
100205,2026-11-01T13:00:00,A902,observation,Asked about the art club,
100206,2026-11-09T16:00:00,A903,gratitude,Thankful for her help setting up the fair,
,2026-11-19T17:00:00,A901,gratitude,Grateful for a quiet planning period,
100207,2026-06-01T09:00:00,A902,concern,Struggled at the end of last year,
X
	rel-note import notes.csv 2>/dev/null || fail_ "notes import failed"
}

case_ "add a note about a student, by the acting adult, now"
school
run rel-note add --as A901 100201 affirmation "Stayed after class to finish the lab"
status_is 0
out_is </dev/null
err_is <<'X'
rel-note: note added for 100201
X
run rel-note list --as A901
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-20T10:00:00,A901,affirmation,Stayed after class to finish the lab,team
X

case_ "the acting adult can come from REL_AS or a login"
school
REL_AS=A902
export REL_AS
run rel-note add 100202 feedback "Strong start; now the conclusion"
status_is 0
unset REL_AS
rel-roster set adult A903 --login "$USER" 2>/dev/null || fail_ "set login"
run rel-note add 100202 observation "Reads in the library at lunch"
status_is 0
check_eq "$(sql "select a.adult_id from note n join adult a on a.id = n.adult order by n.id" | tr '\n' ' ')" \
    "A902 A903 " "authors"

case_ "add: a concern is private by default, every other kind team"
school
for k in affirmation feedback observation concern gratitude; do
	run rel-note add --as A901 --at 2026-11-02T09:00 100201 "$k" "a $k"
	status_is 0
done
check_eq "$(sql "select kind || '=' || visibility from note order by id" | tr '\n' ' ')" \
    "affirmation=1 feedback=1 observation=1 concern=2 gratitude=1 " \
    "stored visibility"
run rel-note list --as A901
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T09:00:00,A901,affirmation,a affirmation,team
100201,2026-11-02T09:00:00,A901,feedback,a feedback,team
100201,2026-11-02T09:00:00,A901,observation,a observation,team
100201,2026-11-02T09:00:00,A901,concern,a concern,private
100201,2026-11-02T09:00:00,A901,gratitude,a gratitude,team
X

case_ "add --visibility overrides the default; a bad one is a usage error"
school
run rel-note add --as A901 --visibility team 100201 concern "Tired in class"
status_is 0
run rel-note add --as A901 --visibility PRIVATE 100201 affirmation "Kind to a new student"
status_is 0
run rel-note add --as A901 --visibility staff 100201 observation "Plays chess"
status_is 0
check_eq "$(sql "select kind || '=' || visibility from note order by id" | tr '\n' ' ')" \
    "concern=1 affirmation=2 observation=0 " "stored visibility"
db_save
run rel-note add --as A901 --visibility secret 100201 concern "x"
status_is 64
err_has 'rel-note: --visibility: "secret" is not staff, team or private'
err_has 'usage: rel-note add'
db_unchanged

case_ "add a gratitude entry with no student"
school
run rel-note add --as A903 gratitude "Grateful for a colleague who covered my class"
status_is 0
err_is <<'X'
rel-note: note added
X
check_eq "$(sql "select ifnull(student, 'none') || ' ' || adult || ' ' || kind from note")" \
    "none 3 gratitude" "stored"
run rel-note list --as A901
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
,2026-11-20T10:00:00,A903,gratitude,Grateful for a colleague who covered my class,team
X

case_ "add a gratitude entry: a student set on stdin is not read; exactly one entry"
school
printf 'student_id\n100201\n100202\n' >set.csv
STDIN=set.csv
run rel-note add --as A903 gratitude "Thankful for the robotics kids"
status_is 0
err_is <<'X'
rel-note: note added
X
check_eq "$(sql "select count(*) || ' ' || count(student) from note")" "1 0" \
    "one entry, no student"
run_sh 'printf "" | rel-note add --as A903 Gratitude "And for the quiet"'
status_is 0
check_eq "$(sql "select count(*) || ' ' || count(student) from note")" "2 0" \
    "still no student"

case_ "add: a note of another kind needs a student"
school
db_save
for k in affirmation feedback observation concern; do
	run rel-note add --as A901 "$k" "about nobody"
	status_is 64
	err_has 'rel-note: add: a student is needed: rel-note add STUDENT_ID KIND TEXT (only a gratitude entry may have none)'
	err_has 'usage: rel-note add'
done
db_unchanged

case_ "add: the wrong number of operands is a usage error"
school
db_save
run rel-note add --as A901 100201
status_is 64
err_has 'rel-note: add: give STUDENT_ID KIND TEXT, or KIND TEXT for a gratitude entry'
run rel-note add --as A901 100201 affirmation "one" "two"
status_is 64
run rel-note add --as A901
status_is 64
db_unchanged

case_ "add: no acting adult, or an unknown one, is a usage error"
school
db_save
run rel-note add 100201 affirmation "Good work"
status_is 64
err_has "rel-note: who is writing this? Give --as ADULT_ID, set \$REL_AS, or set your login on your adult record (rel-roster set adult ID --login $USER)"
run rel-note add --as A999 100201 affirmation "Good work"
status_is 64
err_has 'rel-note: --as: "A999" is not an active adult'
db_unchanged

case_ "add --at takes a date, a date-time or a span; a bad one is a usage error"
school
run rel-note add --as A901 --at 2026-09-15 100201 observation "one"
status_is 0
run rel-note add --as A901 --at '2026-09-16 14:30' 100201 observation "two"
status_is 0
run rel-note add --as A901 --at 14d 100201 observation "three"
status_is 0
run rel-note list --as A901
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-09-15T00:00:00,A901,observation,one,team
100201,2026-09-16T14:30:00,A901,observation,two,team
100201,2026-11-06T00:00:00,A901,observation,three,team
X
db_save
run rel-note add --as A901 --at 2026-02-30 100201 observation "four"
status_is 64
err_has 'rel-note: --at: "2026-02-30" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)'
db_unchanged

case_ "add: the same note again is a duplicate; nothing is added"
school
rel-note add --as A901 --at 2026-11-02T09:00 100201 affirmation "Good work" 2>/dev/null
run rel-note add --as A901 --at 2026-11-02T09:00 100201 affirmation "Good work"
status_is 0
err_is <<'X'
rel-note: note already recorded; nothing added for 100201
X
check_eq "$(sql "select count(*) from note")" 1 "notes"
run rel-note add --as A902 --at 2026-11-02T09:00 100201 affirmation "Good work"
status_is 0
err_is <<'X'
rel-note: note added for 100201
X

case_ "add: an unknown or deactivated student, an unknown kind, bad text"
school
db_save
run rel-note add --as A901 999999 affirmation "Good work"
status_is 65
out_is </dev/null
err_is <<'X'
rel-note: student_id: "999999" is not a known student
X
run rel-note add --as A901 100212 affirmation "Good work"
status_is 65
err_is <<'X'
rel-note: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
X
run rel-note add --as A901 100201 praise "Good work"
status_is 65
err_is <<'X'
rel-note: kind: "praise" is not affirmation, feedback, observation, concern or gratitude
X
run rel-note add --as A901 100201 affirmation ""
status_is 65
err_is <<'X'
rel-note: text: is empty; a note needs its text
X
run rel-note add --as A901 100201 affirmation "$(printf 'bell\007')"
status_is 65
err_is <<'X'
rel-note: text: "bell\x07" has a control character
X
db_unchanged

case_ "import notes; list writes them in student order, no student last"
noted
run rel-note list --as A901
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-10-01T08:30:00,A901,affirmation,Stayed after class to finish the lab,team
100201,2026-10-15T08:30:00,A901,affirmation,"Led her group through a hard proof, patiently",team
100201,2026-11-02T12:00:00,A902,concern,Missed two labs this week,private
100201,2026-11-10T08:30:00,A901,affirmation,Helped a new student find the library,team
100202,2026-10-20T14:00:00,A902,concern,Late three days running,private
100202,2026-11-03T14:00:00,A902,concern,Left early without a word,private
100202,2026-11-12T09:15:00,A901,feedback,"Your essay's argument is strong; now back it with two sources, as I know you can.",team
100203,2026-11-05T10:00:00,A903,observation,Sits with the robotics team at lunch,team
100203,2026-11-06T10:00:00,A903,feedback,Your code reviews are careful; try explaining them aloud next time,team
100203,2026-11-07T10:00:00,A902,concern,Quiet in club this week,private
100204,2026-10-08T11:00:00,A901,affirmation,Welcomed the exchange student,team
100204,2026-11-18T11:00:00,A901,affirmation,Kept going on the long run,staff
100205,2026-11-01T13:00:00,A902,observation,Asked about the art club,team
100206,2026-11-09T16:00:00,A903,gratitude,Thankful for her help setting up the fair,team
100207,2026-06-01T09:00:00,A902,concern,Struggled at the end of last year,private
,2026-11-19T17:00:00,A901,gratitude,Grateful for a quiet planning period,team
X

case_ "import: the summary; again, every note is a duplicate"
noted
run rel-note import notes.csv
status_is 0
err_is <<'X'
rel-note: 16 notes: 0 added, 0 updated, 0 unchanged, 16 duplicates ignored
X
check_eq "$(sql "select count(*) from note")" 16 "notes"

case_ "import: a date is its midnight; kinds and visibilities in any case"
school
cat >n.csv <<'X'
student_id,at,kind,text,visibility,adult_id
100201,2026-11-02,Affirmation,Good work,,A902
100202,2026-11-02 13:05,CONCERN,Seemed low,TEAM,A902
X
run rel-note import n.csv
status_is 0
err_is <<'X'
rel-note: 2 notes: 2 added, 0 updated, 0 unchanged
X
run rel-note list --as A901
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T00:00:00,A902,affirmation,Good work,team
100202,2026-11-02T13:05:00,A902,concern,Seemed low,team
X

case_ "import: an empty adult_id is the acting adult (--as), else none"
school
cat >n.csv <<'X'
student_id,at,adult_id,kind,text
100201,2026-11-02T09:00,,observation,Drew the whole lunch break
100202,2026-11-02T09:00,A905,observation,Asked for extra reading
X
run rel-note import --as A904 n.csv
status_is 0
printf 'student_id,at,kind,text\n100203,2026-11-02T09:00,observation,Builds robots\n' >m.csv
run rel-note import m.csv
status_is 0
run rel-note list --as A901
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T09:00:00,A904,observation,Drew the whole lunch break,team
100202,2026-11-02T09:00:00,A905,observation,Asked for extra reading,team
100203,2026-11-02T09:00:00,,observation,Builds robots,team
X
db_save
run rel-note import --as A999 n.csv
status_is 64
err_has 'rel-note: --as: "A999" is not an active adult'
db_unchanged

case_ "import: a gratitude entry without a student needs an adult"
school
db_save
printf 'student_id,at,adult_id,kind,text\n,2026-11-02,,gratitude,Thankful\n' >g.csv
run rel-note import g.csv
status_is 65
err_is <<'X'
rel-note: g.csv:2: adult_id: is empty; a gratitude entry with no student needs an adult (adult_id, or --as)
rel-note: 1 bad record; nothing was imported
X
db_unchanged
run rel-note import --as A901 g.csv
status_is 0
check_eq "$(sql "select ifnull(student, '-') || adult from note")" "-1" "stored"

case_ "non-ASCII and multi-line text round-trips through list | import"
school
# shellcheck disable=SC1111 # the curly quotes are the data
rel-note add --as A901 --at 2026-11-02T09:00 100206 affirmation \
    "Zoë's “résumé” — 学习, naïve café" 2>/dev/null || fail_ "add 1"
rel-note add --as A905 --at 2026-11-03T09:00 100208 feedback "$(printf 'First line, with a comma\nSecond line with "quotes"\n\tand a tab')" \
    2>/dev/null || fail_ "add 2"
rel-note add --as A903 --at 2026-11-04T09:00 gratitude "Gratitude: the team's patience" \
    2>/dev/null || fail_ "add 3"
run rel-note list --as A901
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100206,2026-11-02T09:00:00,A901,affirmation,"Zoë's “résumé” — 学习, naïve café",team
100208,2026-11-03T09:00:00,A905,feedback,"First line, with a comma
Second line with ""quotes""
	and a tab",team
,2026-11-04T09:00:00,A903,gratitude,Gratitude: the team's patience,team
X
cp "$T/out" exported.csv
run_sh 'rel-note list --as A901 | rel-note import'
status_is 0
err_is <<'X'
rel-note: 3 notes: 0 added, 0 updated, 0 unchanged, 3 duplicates ignored
X
# Into another school's database: the same list back, byte for byte.
REL_DB="$T/copy.db"
roster_db
STDIN=exported.csv
run rel-note import
status_is 0
err_is <<'X'
rel-note: 3 notes: 3 added, 0 updated, 0 unchanged
X
STDIN=/dev/null
run rel-note list --as A901
out_file_is exported.csv

case_ "import: the bad-input catalogue, each with file:line, column and value"
noted
rel-roster deactivate student 100212 2>/dev/null
db_save
cat >bad.csv <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T09:00:00,A901,affirmation,fine,
999999,2026-11-02T09:00:00,A901,affirmation,who?,
100201,2026-11-02T09:00:00,A999,affirmation,who wrote?,
100201,2026-11-02T09:00:00,A901,praise,nice,
100201,2026-13-02,A901,affirmation,bad date,
100201,2026-11-02T09:00:00,A901,affirmation,odd,secret
100201,2026-11-02T09:00:00,A901,affirmation,,
,2026-11-02T09:00:00,A901,concern,no student,
100212,2026-11-02T09:00:00,A901,affirmation,gone,
100201,,A901,affirmation,no time,
100201,2026-11-02T09:00:00,A901,,no kind,
100201,2026-11-02T09:00:00,A901,affirmation,"  ",
X
run rel-note import bad.csv
status_is 65
out_is </dev/null
err_is <<'X'
rel-note: bad.csv:3: student_id: "999999" is not a known student
rel-note: bad.csv:4: adult_id: "A999" is not a known adult
rel-note: bad.csv:5: kind: "praise" is not affirmation, feedback, observation, concern or gratitude
rel-note: bad.csv:6: at: "2026-13-02" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-note: bad.csv:7: visibility: "secret" is not staff, team or private
rel-note: bad.csv:8: text: is empty; a note needs its text
rel-note: bad.csv:9: student_id: is empty; only a gratitude entry may have no student
rel-note: bad.csv:10: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-note: bad.csv:11: at: is empty; expected a date-time (YYYY-MM-DDTHH:MM)
rel-note: bad.csv:12: kind: is empty; expected affirmation, feedback, observation, concern or gratitude
rel-note: bad.csv:13: text: is empty; a note needs its text
rel-note: 11 bad records; nothing was imported
X
db_unchanged

case_ "import: each bad input alone is 65 and changes nothing"
noted
db_save
h='student_id,at,adult_id,kind,text,visibility'
for row in \
    '999999,2026-11-02T09:00:00,A901,affirmation,who?,' \
    '100201,2026-11-02T09:00:00,A999,affirmation,who wrote?,' \
    '100201,2026-11-02T09:00:00,A901,praise,nice,' \
    '100201,2026-11-31,A901,affirmation,bad date,' \
    '100201,yesterday,A901,affirmation,bad date,' \
    '100201,2026-11-02T09:00:00,A901,affirmation,odd,2' \
    '100201,2026-11-02T09:00:00,A901,affirmation,,'; do
	printf '%s\n%s\n' "$h" "$row" >one.csv
	run rel-note import one.csv
	status_is 65
	err_has 'rel-note: one.csv:2: '
	err_has 'rel-note: 1 bad record; nothing was imported'
	db_unchanged
done

case_ "import: a text longer than 4000 bytes, a control byte in the text"
noted
db_save
{
	echo 'student_id,at,kind,text'
	printf '100201,2026-11-02,observation,'
	awk 'BEGIN { for (i = 0; i < 4001; i++) printf "x"; print "" }'
	printf '100201,2026-11-02,observation,ring\007\n'
} >long.csv
run rel-note import --as A901 long.csv
status_is 65
err_has 'rel-note: long.csv:2: text: "xxxx'
err_has '" is longer than 4000 bytes'
err_has 'rel-note: long.csv:3: text: "ring\x07" has a control character'
db_unchanged

case_ "import: a missing required column, an unknown one, --ignore-unknown"
noted
db_save
printf 'student_id,at,kind\n100201,2026-11-02,affirmation\n' >f.csv
run rel-note import f.csv
status_is 65
err_is <<'X'
rel-note: f.csv:1: "text" is a required column and is missing from the header
X
db_unchanged
printf 'student_id,at,kind,text,room\n100201,2026-11-02,affirmation,Good,304\n' >g.csv
run rel-note import --as A901 g.csv
status_is 65
err_has 'rel-note: g.csv:1: "room" is not a known column (expected student_id, at, adult_id, kind, text, visibility; --ignore-unknown skips it, --map renames it)'
db_unchanged
run rel-note import --as A901 --ignore-unknown g.csv
status_is 0
err_is <<'X'
rel-note: 1 note: 1 added, 0 updated, 0 unchanged
X

case_ "import --rejects keeps the good notes and sets the bad ones aside"
noted
cat >mixed.csv <<'X'
student_id,at,adult_id,kind,text,visibility
100208,2026-11-02T09:00:00,A905,affirmation,Brave question in class,
999999,2026-11-02T09:00:00,A905,affirmation,who?,
100209,2026-11-02T09:00:00,A905,praise,nice,
100209,2026-11-02T09:00:00,A905,observation,Sketches between tasks,
X
run rel-note import --rejects rejects.csv mixed.csv
status_is 65
err_is <<'X'
rel-note: mixed.csv:3: student_id: "999999" is not a known student
rel-note: mixed.csv:4: kind: "praise" is not affirmation, feedback, observation, concern or gratitude
rel-note: 4 notes: 2 added, 0 updated, 0 unchanged, 2 bad
rel-note: 2 records rejected to rejects.csv; the rest were imported
X
check_eq "$(sql "select count(*) from note")" 18 "notes"
check_eq "$(cat rejects.csv)" 'student_id,at,adult_id,kind,text,visibility,reason
999999,2026-11-02T09:00:00,A905,affirmation,who?,,"line 3: student_id: ""999999"" is not a known student"
100209,2026-11-02T09:00:00,A905,praise,nice,,"line 4: kind: ""praise"" is not affirmation, feedback, observation, concern or gratitude"' \
    "rejects.csv"

case_ "import --dry-run checks and counts, and writes nothing"
noted
db_save
printf 'student_id,at,adult_id,kind,text\n100208,2026-11-02,A905,affirmation,Brave question\n100201,2026-10-01T08:30:00,A901,affirmation,Stayed after class to finish the lab\n' >d.csv
run rel-note import --dry-run d.csv
status_is 0
err_is <<'X'
rel-note: dry run, nothing written: 2 notes: 1 added, 0 updated, 0 unchanged, 1 duplicate ignored
X
db_unchanged
printf 'student_id,at,adult_id,kind,text\n999999,2026-11-02,A905,affirmation,x\n' >e.csv
run rel-note import --dry-run e.csv
status_is 65
err_has 'rel-note: e.csv:2: student_id: "999999" is not a known student'
db_unchanged

case_ "import --map renames another system's headings"
school
cat >sis.csv <<'X'
StudentNumber,Date,Staff,Type,Comment
100210,2026-11-02,A904,Affirmation,Coached the younger players
X
run rel-note import --map student_id=StudentNumber,at=Date,adult_id=Staff,kind=Type,text=Comment sis.csv
status_is 0
err_is <<'X'
rel-note: 1 note: 1 added, 0 updated, 0 unchanged
X
run rel-note list --as A901 --student 100210
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100210,2026-11-02T00:00:00,A904,affirmation,Coached the younger players,team
X
db_save
run rel-note import --map 'student_id' sis.csv
status_is 64
db_unchanged

case_ "import reads stdin, and several files as one transaction"
school
printf 'student_id,at,adult_id,kind,text\n100201,2026-11-02,A901,observation,One\n' >a.csv
printf 'kind,text,at,adult_id,student_id\nobservation,Two,2026-11-03,A902,100202\n' >b.csv
STDIN=b.csv
run rel-note import a.csv -
status_is 0
err_is <<'X'
rel-note: 2 notes: 2 added, 0 updated, 0 unchanged
X
printf 'student_id,at,adult_id,kind,text\n999999,2026-11-02,A901,observation,Three\n' >c.csv
db_save
run rel-note import a.csv c.csv
status_is 65
db_unchanged

case_ "list --student, --adult and --kind"
noted
run rel-note list --as A901 --student 100203
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100203,2026-11-05T10:00:00,A903,observation,Sits with the robotics team at lunch,team
100203,2026-11-06T10:00:00,A903,feedback,Your code reviews are careful; try explaining them aloud next time,team
100203,2026-11-07T10:00:00,A902,concern,Quiet in club this week,private
X
run rel-note list --as A901 --adult A903
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100203,2026-11-05T10:00:00,A903,observation,Sits with the robotics team at lunch,team
100203,2026-11-06T10:00:00,A903,feedback,Your code reviews are careful; try explaining them aloud next time,team
100206,2026-11-09T16:00:00,A903,gratitude,Thankful for her help setting up the fair,team
X
run rel-note list --as A901 --kind concern --adult A902
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T12:00:00,A902,concern,Missed two labs this week,private
100202,2026-10-20T14:00:00,A902,concern,Late three days running,private
100202,2026-11-03T14:00:00,A902,concern,Left early without a word,private
100203,2026-11-07T10:00:00,A902,concern,Quiet in club this week,private
100207,2026-06-01T09:00:00,A902,concern,Struggled at the end of last year,private
X
run rel-note list --as A901 --kind Gratitude
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100206,2026-11-09T16:00:00,A903,gratitude,Thankful for her help setting up the fair,team
,2026-11-19T17:00:00,A901,gratitude,Grateful for a quiet planning period,team
X
run rel-note list --as A901 --student 100211
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
X

case_ "list --since and --until: dates, date-times and spans"
noted
run rel-note list --as A901 --since 2026-11-10
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-10T08:30:00,A901,affirmation,Helped a new student find the library,team
100202,2026-11-12T09:15:00,A901,feedback,"Your essay's argument is strong; now back it with two sources, as I know you can.",team
100204,2026-11-18T11:00:00,A901,affirmation,Kept going on the long run,staff
,2026-11-19T17:00:00,A901,gratitude,Grateful for a quiet planning period,team
X
run rel-note list --as A901 --until 2026-10-08
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-10-01T08:30:00,A901,affirmation,Stayed after class to finish the lab,team
100204,2026-10-08T11:00:00,A901,affirmation,Welcomed the exchange student,team
100207,2026-06-01T09:00:00,A902,concern,Struggled at the end of last year,private
X
run rel-note list --as A901 --since 7d
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100204,2026-11-18T11:00:00,A901,affirmation,Kept going on the long run,staff
,2026-11-19T17:00:00,A901,gratitude,Grateful for a quiet planning period,team
X
run rel-note list --as A901 --since 2026-11-05T10:00 --until 2026-11-07T10:00
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100203,2026-11-05T10:00:00,A903,observation,Sits with the robotics team at lunch,team
100203,2026-11-06T10:00:00,A903,feedback,Your code reviews are careful; try explaining them aloud next time,team
X

case_ "list --last N: the newest N of each student"
noted
run rel-note list --as A901 --last 1
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-10T08:30:00,A901,affirmation,Helped a new student find the library,team
100202,2026-11-12T09:15:00,A901,feedback,"Your essay's argument is strong; now back it with two sources, as I know you can.",team
100203,2026-11-07T10:00:00,A902,concern,Quiet in club this week,private
100204,2026-11-18T11:00:00,A901,affirmation,Kept going on the long run,staff
100205,2026-11-01T13:00:00,A902,observation,Asked about the art club,team
100206,2026-11-09T16:00:00,A903,gratitude,Thankful for her help setting up the fair,team
100207,2026-06-01T09:00:00,A902,concern,Struggled at the end of last year,private
,2026-11-19T17:00:00,A901,gratitude,Grateful for a quiet planning period,team
X
run rel-note list --as A901 --last 2 --student 100201 --kind affirmation
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-10-15T08:30:00,A901,affirmation,"Led her group through a hard proof, patiently",team
100201,2026-11-10T08:30:00,A901,affirmation,Helped a new student find the library,team
X
for n in 0 -1 x; do
	run rel-note list --last "$n"
	status_is 64
	err_has "rel-note: --last: \"$n\" is not a number from 1 to 1000000"
done

case_ "list narrowed by a student set on stdin; gratitude without a student is left out"
noted
printf 'student_id,given_name\n100206,Minh Anh\n100205,Ana Sofía\n' >set.csv
STDIN=set.csv
run rel-note list --as A901
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100205,2026-11-01T13:00:00,A902,observation,Asked about the art club,team
100206,2026-11-09T16:00:00,A903,gratitude,Thankful for her help setting up the fair,team
X
STDIN=/dev/null
run_sh 'rel-roster list --group ADV-204 | rel-note list --as A901 --kind concern'
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T12:00:00,A902,concern,Missed two labs this week,private
100202,2026-10-20T14:00:00,A902,concern,Late three days running,private
100202,2026-11-03T14:00:00,A902,concern,Left early without a word,private
X

case_ "list: bad filters"
noted
run rel-note list --kind praise
status_is 64
out_is </dev/null
err_has 'rel-note: --kind: "praise" is not affirmation, feedback, observation, concern or gratitude'
err_has 'usage: rel-note list'
run rel-note list --as A901 --student 999999
status_is 65
err_is <<'X'
rel-note: --student: "999999" is not a known student
X
run rel-note list --as A901 --adult A999
status_is 65
err_is <<'X'
rel-note: --adult: "A999" is not a known adult
X
run rel-note list --since 2026-11-10 --until 2026-11-01
status_is 64
err_has 'rel-note: --until: "2026-11-01" is not after --since 2026-11-10'
run rel-note list --since soon
status_is 64
err_has 'rel-note: --since: "soon" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)'
run rel-note list 100201
status_is 64
err_has 'rel-note: list: takes no operands (a student set comes on standard input)'
printf 'student_id\n999999\n' >set.csv
STDIN=set.csv
run rel-note list --as A901
status_is 65
err_has 'rel-note: stdin:2: student_id: "999999" is not a known student'

case_ "list --format and --excel-safe"
school
rel-note add --as A901 --at 2026-11-02T09:00 100201 observation "=1+1 on the board" 2>/dev/null
run rel-note list --as A901 --excel-safe
out_is <<'X'
student_id,at,adult_id,kind,text,visibility
100201,2026-11-02T09:00:00,A901,observation,"'=1+1 on the board",team
X
run rel-note list --as A901 --format tsv
out_is <<'X'
student_id	at	adult_id	kind	text	visibility
100201	2026-11-02T09:00:00	A901	observation	=1+1 on the board	team
X
run rel-note list --format yaml
status_is 64

case_ "balance by student: positive, concerns, other, ratio and lean"
noted
run rel-note balance --as A901
status_is 0
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100202,Liam,O'Connor,1,2,0,0.5,concerns
100203,Mei,"King, Jr.",1,1,1,1.0,mixed
100205,Ana Sofía,García-Ramos,0,0,1,,mixed
100201,Thandiwe,Müller-Okafor,3,1,0,3.0,positive
100204,Oluwaseun,Adeyemi,2,0,0,,positive
X
err_empty
run rel-note balance --as A901 --since 2026-01-01 --by student
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100202,Liam,O'Connor,1,2,0,0.5,concerns
100207,Kaito,Watanabe,0,1,0,0.0,concerns
100203,Mei,"King, Jr.",1,1,1,1.0,mixed
100205,Ana Sofía,García-Ramos,0,0,1,,mixed
100201,Thandiwe,Müller-Okafor,3,1,0,3.0,positive
100204,Oluwaseun,Adeyemi,2,0,0,,positive
X
run rel-note balance --as A901 --since 2026-11-01 --until 2026-11-10
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100202,Liam,O'Connor,0,1,0,0.0,concerns
100201,Thandiwe,Müller-Okafor,1,1,0,1.0,mixed
100203,Mei,"King, Jr.",1,1,1,1.0,mixed
100205,Ana Sofía,García-Ramos,0,0,1,,mixed
X

case_ "balance: 3 positive notes per concern lean positive, fewer are mixed"
school
for i in 1 2 3; do
	rel-note add --as A901 --at "2026-11-0${i}T09:00" 100208 affirmation "Good $i" 2>/dev/null
	rel-note add --as A901 --at "2026-11-0${i}T09:00" 100209 affirmation "Good $i" 2>/dev/null
done
rel-note add --as A901 --at 2026-11-04T09:00 100208 concern "Tired" 2>/dev/null
rel-note add --as A901 --at 2026-11-04T09:00 100209 concern "Tired" 2>/dev/null
rel-note add --as A901 --at 2026-11-05T09:00 100209 concern "Tired again" 2>/dev/null
run rel-note balance --as A901
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100209,Aroha,Ngata,3,2,0,1.5,mixed
100208,Zeynep,Yıldız,3,1,0,3.0,positive
X

case_ "balance --by adult"
noted
run rel-note balance --as A901 --by adult
status_is 0
out_is <<'X'
adult_id,given_name,family_name,positive,concerns,other,ratio,lean
A902,Kwame,Asante,0,4,1,0.0,concerns
A901,Hana,Nakamura-Reyes,6,0,0,,positive
A903,Ingrid,Solberg,1,0,1,,positive
X
run rel-note balance --as A901 --by adult --adult A903
out_is <<'X'
adult_id,given_name,family_name,positive,concerns,other,ratio,lean
A903,Ingrid,Solberg,1,0,1,,positive
X

case_ "balance --adult: one adult's own notes about each student"
noted
run rel-note balance --as A901 --adult A902
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100201,Thandiwe,Müller-Okafor,0,1,0,0.0,concerns
100202,Liam,O'Connor,0,2,0,0.0,concerns
100203,Mei,"King, Jr.",0,1,0,0.0,concerns
100205,Ana Sofía,García-Ramos,0,0,1,,mixed
X
run rel-note balance --as A901 --adult A905
status_is 0
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
X

case_ "balance narrowed by a student set on stdin"
noted
printf 'student_id\n100201\n100202\n100206\n' >set.csv
STDIN=set.csv
run rel-note balance --as A901
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100202,Liam,O'Connor,1,2,0,0.5,concerns
100201,Thandiwe,Müller-Okafor,3,1,0,3.0,positive
X
run rel-note balance --as A901 --by adult
out_is <<'X'
adult_id,given_name,family_name,positive,concerns,other,ratio,lean
A902,Kwame,Asante,0,3,0,0.0,concerns
A901,Hana,Nakamura-Reyes,4,0,0,,positive
X

case_ "balance: bad options"
noted
run rel-note balance --by group
status_is 64
err_has 'rel-note: --by: "group" is not student or adult'
run rel-note balance --as A901 --adult A999
status_is 65
err_is <<'X'
rel-note: --adult: "A999" is not a known adult
X
run rel-note balance --kind concern
status_is 64
err_has 'rel-note: balance: --kind does not apply here'
run rel-note balance --until 2026-01-01
status_is 64
err_has 'rel-note: --until: "2026-01-01" is not after --since 90d'

case_ "--help, --version, unknown verbs and options"
school
for v in add import list balance; do
	run rel-note "$v" --help
	status_is 0
	out_has "usage: rel-note $v [--db PATH] [--as ADULT_ID]"
	[ "$v" = balance ] || out_lacks 'rel-note balance'
	err_empty
done
run rel-note --help
status_is 0
out_has 'usage: rel-note add [--db PATH] [--as ADULT_ID] [--at WHEN]'
out_has 'rel-note balance [--db PATH] [--as ADULT_ID] [--by student|adult]'
run rel-note -h
status_is 0
run rel-note --version
status_is 0
out_is <<'X'
rel-note (rel) 0.1.0
X
run rel-note list --version
status_is 0
run rel-note
status_is 64
err_has 'usage: rel-note'
run rel-note remove
status_is 64
err_has 'rel-note: unknown verb "remove"'
run rel-note add --kind concern 100201 concern x
status_is 64
err_has 'rel-note: add: --kind does not apply here'
run rel-note list --nope
status_is 64
err_has 'rel-note: list: unknown option --nope'

case_ "--db names the database; a missing one is 66"
school
mv "$REL_DB" "$T/other.db"
run rel-note add --db "$T/other.db" --as A901 100201 affirmation "Good"
status_is 0
run rel-note list --as A901 --db "$T/other.db"
out_lines 2
run rel-note list --db "$T/none.db"
status_is 66
run rel-note add --db "$T/none.db" --as A901 100201 affirmation "Good"
status_is 66

case_ "a write error on stdout exits 74"
noted
run_sh 'rel-note list --as A901 >/dev/full'
status_is 74
err_is <<'X'
rel-note: standard output: write error: No space left on device
X
run_sh 'rel-note balance --as A901 >/dev/full'
status_is 74
