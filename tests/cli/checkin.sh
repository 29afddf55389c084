#!/bin/sh
# rel-checkin: add (the acting adult, operands, a piped set), import (every
# bad input with its message, status and an unchanged database; --rejects,
# --dry-run, --map, duplicates), list with each filter, missing, and the
# pipes between them and other commands.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult has this login: the acting adult comes only from what a case
# sets. Reads that check what was recorded run as A901, the counselor, who
# sees every check-in; these cases are not about who may see what.
USER=nobody-here
export USER

# A few weeks of check-ins; today is 2026-11-20.
#   100201: greeting 11-02 (A902), check-in 11-10 (A905), exit ticket 11-18
#   100202: conference 10-20 (A901, private), greeting 11-19 (A902)
#   100203: check-in 09-30 (A904)
#   100204: check-in 11-15 from the student's own form (no adult)
logged() {
	loaded
	cat >checkins.csv <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-02T08:05:00,A902,greeting,,,,,team
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"new puppy, tired",team
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
100202,2026-10-20T10:00:00,A901,conference,3,,5,worried about exams,private
100202,2026-11-19T08:00:00,A902,greeting,,,,,team
100203,2026-09-30T12:00:00,A904,checkin,5,5,1,,team
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
	rel-checkin import checkins.csv 2>/dev/null ||
		fail_ "fixture check-in import failed"
}

HEADER=student_id,at,adult_id,kind,mood,understanding,workload,note,visibility

case_ "add: one check-in for each student named, by the adult --as names"
loaded
run rel-checkin add --as A902 --mood 4 --understanding 3 --workload 2 \
    --note "loves the robot arm" 100201 100203
status_is 0
out_is </dev/null
err_is <<'X'
rel-checkin: 2 check-ins: 2 added, 0 duplicates ignored
X
run rel-checkin list --as A901
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-20T10:00:00,A902,checkin,4,3,2,loves the robot arm,team
100203,2026-11-20T10:00:00,A902,checkin,4,3,2,loves the robot arm,team
X
run rel-checkin add --as A905 --kind exit_ticket --understanding 5 \
    --visibility staff 100204
status_is 0
err_is <<'X'
rel-checkin: check-in added for 100204
X
check_eq "$(sql 'select kind, visibility, mood is null from checkin where student = 4')" \
    "1|0|1" "codes stored"

case_ "add: the acting adult from --as, then \$REL_AS, then the login of \$USER"
loaded
REL_AS=A903
export REL_AS
run rel-checkin add --at 2026-11-01 100201
status_is 0
run rel-checkin add --as A904 --at 2026-11-02 100201
status_is 0
unset REL_AS
USER=kasante
run rel-checkin add --at 2026-11-03 100201
status_is 0
USER=nobody-here
run rel-checkin list --as A901 --format tsv
out_is <<'X'
student_id	at	adult_id	kind	mood	understanding	workload	note	visibility
100201	2026-11-01T00:00:00	A903	checkin					team
100201	2026-11-02T00:00:00	A904	checkin					team
100201	2026-11-03T00:00:00	A902	checkin					team
X

case_ "add: no acting adult is a usage error with a hint; nothing added"
loaded
db_save
USER=ghost
run rel-checkin add --mood 3 100201
USER=nobody-here
status_is 64
out_is </dev/null
# shellcheck disable=SC2016 # the message names the variable
err_has 'rel-checkin: who is writing this? Give --as ADULT_ID, set $REL_AS, or set your login on your adult record (rel-roster set adult ID --login ghost)'
err_has 'usage: rel-checkin add'
db_unchanged

case_ "add: an --as or \$REL_AS naming no active adult"
loaded
db_save
run rel-checkin add --as A999 100201
status_is 64
err_has 'rel-checkin: --as: "A999" is not an active adult'
REL_AS=A998
export REL_AS
run rel-checkin add 100201
status_is 78
err_is <<'X'
rel-checkin: $REL_AS: "A998" is not an active adult
X
unset REL_AS
db_unchanged

case_ "add: a student set on stdin greets a whole class"
loaded
run_sh 'rel-roster list --group BIO9-P2 | rel-checkin add --kind greeting --as A902'
status_is 0
err_is <<'X'
rel-checkin: 4 check-ins: 4 added, 0 duplicates ignored
X
run rel-checkin list --as A901 --kind greeting
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-20T10:00:00,A902,greeting,,,,,team
100202,2026-11-20T10:00:00,A902,greeting,,,,,team
100204,2026-11-20T10:00:00,A902,greeting,,,,,team
100211,2026-11-20T10:00:00,A902,greeting,,,,,team
X
# The same greeting in the same minute is already there.
run_sh 'rel-roster list --group BIO9-P2 | rel-checkin add --kind greeting --as A902'
status_is 0
err_is <<'X'
rel-checkin: 4 check-ins: 0 added, 4 duplicates ignored
X
run rel-checkin add --kind greeting --as A902 100201
status_is 0
err_is <<'X'
rel-checkin: check-in already recorded; nothing added for 100201
X
check_eq "$(sql 'select count(*) from checkin')" 4 "rows"

case_ "add: no student named and no set on stdin"
loaded
db_save
run rel-checkin add --as A902
status_is 64
err_has 'rel-checkin: add: name the students, or pipe a student set in'
err_has 'usage: rel-checkin add'
db_unchanged

case_ "add: one bad student means nothing is added, and each is named"
loaded
db_save
run rel-checkin add --as A902 100201 100299 100212
status_is 65
out_is </dev/null
err_is <<'X'
rel-checkin: student_id: "100299" is not a known student
rel-checkin: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-checkin: 2 bad records; nothing was added
X
db_unchanged
printf 'student_id\n100201\n100288\n' >set.csv
STDIN=set.csv
run rel-checkin add --as A902
status_is 65
err_is <<'X'
rel-checkin: stdin:3: student_id: "100288" is not a known student
X
db_unchanged

case_ "add: bad option values are usage errors; nothing added"
loaded
db_save
for v in 6 0 x; do
	run rel-checkin add --as A902 --mood "$v" 100201
	status_is 64
	err_has "rel-checkin: --mood: \"$v\" is not a whole number from 1 to 5"
	err_has 'usage: rel-checkin add'
done
run rel-checkin add --as A902 --workload 9 100201
status_is 64
err_has 'rel-checkin: --workload: "9" is not a whole number from 1 to 5'
run rel-checkin add --as A902 --kind hello 100201
status_is 64
err_has 'rel-checkin: --kind: "hello" is not checkin, exit_ticket, greeting or conference'
run rel-checkin add --as A902 --visibility secret 100201
status_is 64
err_has 'rel-checkin: --visibility: "secret" is not staff, team or private'
run rel-checkin add --as A902 --at 2026-13-01 100201
status_is 64
err_has 'rel-checkin: --at: "2026-13-01" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)'
run rel-checkin add --as A902 --note "$(printf 'bell\007')" 100201
status_is 64
err_has 'rel-checkin: --note: "bell\x07" has a control character'
db_unchanged

case_ "add: --note takes what an import takes, REL_TEXT_MAX (4000) bytes"
loaded
db_save
long=$(printf '%4001s' '' | tr ' ' x)
run rel-checkin add --as A902 --note "$long" 100201
status_is 64
err_has 'rel-checkin: --note: "xxxxxxxx'
err_has 'is longer than 4000 bytes'
db_unchanged
run rel-checkin add --as A902 --note "${long%x}" 100201
status_is 0
out_is ""
check_eq "$(sql "SELECT length(note) FROM checkin WHERE note LIKE 'xxx%'")" 4000 "the note's length"

case_ "add: --at is a date-time, a date or a span, kept to the minute"
loaded
run rel-checkin add --as A902 --at 2026-11-19T08:05:33 100201
status_is 0
run rel-checkin add --as A902 --at '2026-11-18 13:07' 100201
status_is 0
run rel-checkin add --as A902 --at 2026-11-17 100201
status_is 0
run rel-checkin add --as A902 --at 1w 100201
status_is 0
run rel-checkin add --as A902 --at yesterday 100201
status_is 0
run rel-checkin list --as A901
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-13T00:00:00,A902,checkin,,,,,team
100201,2026-11-17T00:00:00,A902,checkin,,,,,team
100201,2026-11-18T13:07:00,A902,checkin,,,,,team
100201,2026-11-19T00:00:00,A902,checkin,,,,,team
100201,2026-11-19T08:05:00,A902,checkin,,,,,team
X
check_eq "$(sql 'select count(*) from checkin where at % 60 <> 0')" 0 "whole minutes"

case_ "import: a file of check-ins, with codes stored and names listed"
loaded
cat >c.csv <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T14:30:59,A905,CheckIn,4,3,2,"a note, with a comma",Team
100202,2026-11-10,A901,conference,,,,"two
lines",PRIVATE
100203,2026-11-10T09:00:00Z,A904,,,,,,
X
run rel-checkin import c.csv
status_is 0
err_is <<'X'
rel-checkin: 3 check-ins: 3 added, 0 updated, 0 unchanged
X
run rel-checkin list --as A901
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"a note, with a comma",team
100202,2026-11-10T00:00:00,A901,conference,,,,"two
lines",private
100203,2026-11-10T09:00:00,A904,checkin,,,,,team
X
check_eq "$(sql 'select at, kind, visibility from checkin where student = 2')" \
    "1794268800|3|2" "stored as seconds and codes"

case_ "import: an empty adult_id is the acting adult, if there is one"
loaded
printf 'student_id,at,adult_id\n100201,2026-11-10T08:00,\n' >c.csv
run rel-checkin import c.csv
status_is 0
printf 'student_id,at,adult_id\n100202,2026-11-10T08:00,\n' >c.csv
run rel-checkin import --as A903 c.csv
status_is 0
USER=isolberg
printf 'student_id,at,adult_id\n100203,2026-11-10T08:00,\n' >c.csv
run rel-checkin import c.csv
status_is 0
USER=nobody-here
run rel-checkin list --as A901
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T08:00:00,,checkin,,,,,team
100202,2026-11-10T08:00:00,A903,checkin,,,,,team
100203,2026-11-10T08:00:00,A903,checkin,,,,,team
X

# bad_row LINE: a file of two good records and LINE as its third; the
# import must fail with 65 and leave the database as it was.
bad_row() {
	{
		echo "$HEADER"
		echo "100201,2026-11-10T08:00,A902,,,,,,"
		echo "100202,2026-11-10T08:00,A902,,,,,,"
		echo "$1"
	} >bad.csv
	db_save
	run rel-checkin import bad.csv
	status_is 65
	out_is </dev/null
	db_unchanged
}

case_ "import: an unknown student"
logged
bad_row '100299,2026-11-10T08:00,A902,,,,,,'
err_is <<'X'
rel-checkin: bad.csv:4: student_id: "100299" is not a known student
rel-checkin: 1 bad record; nothing was imported
X

case_ "import: a deactivated student"
logged
bad_row '100212,2026-11-10T08:00,A902,,,,,,'
err_is <<'X'
rel-checkin: bad.csv:4: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-checkin: 1 bad record; nothing was imported
X

case_ "import: an unknown adult"
logged
bad_row '100203,2026-11-10T08:00,A999,,,,,,'
err_is <<'X'
rel-checkin: bad.csv:4: adult_id: "A999" is not a known adult
rel-checkin: 1 bad record; nothing was imported
X

case_ "import: mood 6, 0 and x, and the other scales"
logged
for v in 6 0 x -1 3.5 ' 3'; do
	bad_row "100203,2026-11-10T08:00,A902,,$v,,,,"
	err_is <<X
rel-checkin: bad.csv:4: mood: "$v" is not a whole number from 1 to 5
rel-checkin: 1 bad record; nothing was imported
X
done
bad_row '100203,2026-11-10T08:00,A902,,,7,,,'
err_has 'rel-checkin: bad.csv:4: understanding: "7" is not a whole number from 1 to 5'
bad_row '100203,2026-11-10T08:00,A902,,,,0,,'
err_has 'rel-checkin: bad.csv:4: workload: "0" is not a whole number from 1 to 5'

case_ "import: a bad date, and a missing one"
logged
bad_row '100203,2026-13-01,A902,,,,,,'
err_is <<'X'
rel-checkin: bad.csv:4: at: "2026-13-01" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-checkin: 1 bad record; nothing was imported
X
bad_row '100203,2026-11-10T25:00,A902,,,,,,'
err_has 'rel-checkin: bad.csv:4: at: "2026-11-10T25:00" is not a date-time'
bad_row '100203,,A902,,,,,,'
err_has 'rel-checkin: bad.csv:4: at: is empty; expected a date-time (YYYY-MM-DDTHH:MM)'

case_ "import: an unknown kind, and a bad visibility"
logged
bad_row '100203,2026-11-10T08:00,A902,hello,,,,,'
err_is <<'X'
rel-checkin: bad.csv:4: kind: "hello" is not checkin, exit_ticket, greeting or conference
rel-checkin: 1 bad record; nothing was imported
X
bad_row '100203,2026-11-10T08:00,A902,,,,,,secret'
err_has 'rel-checkin: bad.csv:4: visibility: "secret" is not staff, team or private'

case_ "import: every bad record is reported; none is imported"
logged
cat >bad.csv <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100299,2026-11-10T08:00,A902,,,,,,
100201,2026-11-10T08:00,A999,,,,,,
100201,2026-11-10T08:00,A902,,6,,,,
100201,2026-13-01,A902,,,,,,
100201,2026-11-10T08:00,A902,hello,,,,,
100201,2026-11-10T08:00,A902,,,,,,
X
db_save
run rel-checkin import bad.csv
status_is 65
err_is <<'X'
rel-checkin: bad.csv:2: student_id: "100299" is not a known student
rel-checkin: bad.csv:3: adult_id: "A999" is not a known adult
rel-checkin: bad.csv:4: mood: "6" is not a whole number from 1 to 5
rel-checkin: bad.csv:5: at: "2026-13-01" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-checkin: bad.csv:6: kind: "hello" is not checkin, exit_ticket, greeting or conference
rel-checkin: 5 bad records; nothing was imported
X
db_unchanged

case_ "import: a missing required column, an unknown one, --ignore-unknown"
logged
db_save
printf 'student_id,adult_id\n100201,A902\n' >c.csv
run rel-checkin import c.csv
status_is 65
err_has 'at'
printf 'student_id,at,period\n100201,2026-11-10T08:00,3\n' >c.csv
run rel-checkin import c.csv
status_is 65
err_has 'period'
db_unchanged
run rel-checkin import --ignore-unknown --as A902 c.csv
status_is 0
err_is <<'X'
rel-checkin: 1 check-in: 1 added, 0 updated, 0 unchanged
X

case_ "import --rejects keeps the good records and each bad one with a reason"
logged
cat >mixed.csv <<'X'
student_id,at,adult_id,mood
100205,2026-11-19T10:00,A903,4
100299,2026-11-19T10:00,A903,4
100206,2026-11-19T10:00,A903,6
100206,2026-11-19T10:05,A903,5
X
run rel-checkin import --rejects rj.csv mixed.csv
status_is 65
err_is <<'X'
rel-checkin: mixed.csv:3: student_id: "100299" is not a known student
rel-checkin: mixed.csv:4: mood: "6" is not a whole number from 1 to 5
rel-checkin: 4 check-ins: 2 added, 0 updated, 0 unchanged, 2 bad
rel-checkin: 2 records rejected to rj.csv; the rest were imported
X
cat rj.csv >"$T/out"
out_is <<'X'
student_id,at,adult_id,mood,reason
100299,2026-11-19T10:00,A903,4,"line 3: student_id: ""100299"" is not a known student"
100206,2026-11-19T10:00,A903,6,"line 4: mood: ""6"" is not a whole number from 1 to 5"
X
run rel-checkin list --as A901 --adult A903
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100205,2026-11-19T10:00:00,A903,checkin,4,,,,team
100206,2026-11-19T10:05:00,A903,checkin,5,,,,team
X

case_ "import --dry-run checks and writes nothing"
logged
db_save
printf 'student_id,at,adult_id\n100205,2026-11-19T10:00,A903\n100203,2026-09-30T12:00,A904\n' >f.csv
run rel-checkin import --dry-run f.csv
status_is 0
err_is <<'X'
rel-checkin: dry run, nothing written: 2 check-ins: 1 added, 0 updated, 0 unchanged, 1 duplicate ignored
X
db_unchanged
printf 'student_id,at,adult_id\n100299,2026-11-19T10:00,A903\n' >f.csv
run rel-checkin import --dry-run f.csv
status_is 65
err_has 'rel-checkin: f.csv:2: student_id: "100299" is not a known student'
db_unchanged

case_ "import --map reads a form's export with its own headings"
loaded
cat >form.csv <<'X'
Timestamp,Student ID,How are you feeling (1-5),How well did you understand today (1-5),Anything else?
2026-11-19 08:01:12,100201,4,3,
2026-11-19 08:02:40,100202,2,4,"I lost my bus pass, can someone help"
2026-11-19 08:03:05,100204,5,5,
X
run rel-checkin import --map 'at=Timestamp,student_id=Student ID,mood=How are you feeling (1-5),understanding=How well did you understand today (1-5),note=Anything else?' form.csv
status_is 0
err_is <<'X'
rel-checkin: 3 check-ins: 3 added, 0 updated, 0 unchanged
X
run rel-checkin list --as A901
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-19T08:01:00,,checkin,4,3,,,team
100202,2026-11-19T08:02:00,,checkin,2,4,,"I lost my bus pass, can someone help",team
100204,2026-11-19T08:03:00,,checkin,5,5,,,team
X

case_ "import: the same student, adult, kind and minute is a duplicate, counted"
logged
cat >again.csv <<'X'
student_id,at,adult_id,kind,mood
100201,2026-11-10T14:30:20,A905,checkin,2
100201,2026-11-10T14:30:00,A902,checkin,2
100201,2026-11-10T14:30:00,A905,greeting,
100204,2026-11-15T11:45:00,,checkin,2
X
run rel-checkin import again.csv
status_is 0
err_is <<'X'
rel-checkin: 4 check-ins: 2 added, 0 updated, 0 unchanged, 2 duplicates ignored
X
check_eq "$(sql 'select count(*) from checkin')" 9 "rows"
check_eq "$(sql 'select mood from checkin where student = 1 and adult = 5 and kind = 0')" \
    4 "the first one kept"

case_ "import reads stdin, and several files as one transaction"
loaded
printf 'student_id,at\n100201,2026-11-19T08:00\n' >a.csv
printf 'student_id,at\n100299,2026-11-19T08:00\n' >b.csv
db_save
run rel-checkin import --as A901 a.csv b.csv
status_is 65
err_has 'rel-checkin: b.csv:2: student_id: "100299" is not a known student'
db_unchanged
STDIN=a.csv
run rel-checkin import --as A901
status_is 0
err_is <<'X'
rel-checkin: 1 check-in: 1 added, 0 updated, 0 unchanged
X

case_ "list: by student, adult and kind"
logged
run rel-checkin list --as A901 --student 100201
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-02T08:05:00,A902,greeting,,,,,team
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"new puppy, tired",team
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
X
run rel-checkin list --as A901 --adult A902
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-02T08:05:00,A902,greeting,,,,,team
100202,2026-11-19T08:00:00,A902,greeting,,,,,team
X
run rel-checkin list --as A901 --kind checkin
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"new puppy, tired",team
100203,2026-09-30T12:00:00,A904,checkin,5,5,1,,team
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
run rel-checkin list --as A901 --student 100201 --adult A905 --kind exit_ticket
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
X
run rel-checkin list --as A901 --student 100205
status_is 0
out_is <<X
$HEADER
X

case_ "list: --since and --until take dates, date-times and spans"
logged
run rel-checkin list --as A901 --since 2026-11-15 --until 2026-11-18
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
run rel-checkin list --as A901 --since '2026-11-15T11:45' --until '2026-11-18T09:00'
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
run rel-checkin list --as A901 --since 2d
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
100202,2026-11-19T08:00:00,A902,greeting,,,,,team
X
run rel-checkin list --as A901 --since 1m --until 3w
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100202,2026-10-20T10:00:00,A901,conference,3,,5,worried about exams,private
X
run rel-checkin list --until yesterday --since today
status_is 64
err_has 'rel-checkin: --until: "yesterday" is not after --since today'

case_ "list --last N: the newest N of each student"
logged
run rel-checkin list --as A901 --last 1
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
100202,2026-11-19T08:00:00,A902,greeting,,,,,team
100203,2026-09-30T12:00:00,A904,checkin,5,5,1,,team
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
run rel-checkin list --as A901 --last 2 --student 100201
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"new puppy, tired",team
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
X
run rel-checkin list --as A901 --last 1 --kind greeting --until 2026-11-18
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-02T08:05:00,A902,greeting,,,,,team
X

case_ "list: a student set on stdin narrows it"
logged
run_sh 'rel-roster list --group BIO9-P2 | rel-checkin list --as A901 --since 2026-11-10'
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"new puppy, tired",team
100201,2026-11-18T09:00:00,A905,exit_ticket,,4,,,staff
100202,2026-11-19T08:00:00,A902,greeting,,,,,team
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
printf 'student_id\n' >empty.csv
STDIN=empty.csv
run rel-checkin list --as A901
out_is <<X
$HEADER
X

case_ "list: bad options"
logged
run rel-checkin list --kind hello
status_is 64
err_has 'rel-checkin: --kind: "hello" is not checkin, exit_ticket, greeting or conference'
err_has 'usage: rel-checkin list'
run rel-checkin list --as A901 --student 100299
status_is 65
out_is </dev/null
err_is <<'X'
rel-checkin: --student: "100299" is not a known student
X
run rel-checkin list --as A901 --adult A999
status_is 65
err_is <<'X'
rel-checkin: --adult: "A999" is not a known adult
X
for n in 0 -1 x; do
	run rel-checkin list --last "$n"
	status_is 64
	err_has "rel-checkin: --last: \"$n\" is not a number from 1 to 1000000"
done
run rel-checkin list --since 2026-13-01
status_is 64
err_has 'rel-checkin: --since: "2026-13-01" is not a date'
run rel-checkin list --format xml
status_is 64
run rel-checkin list 100201
status_is 64
err_has 'rel-checkin: list: unexpected operand "100201"'

case_ "list: a deactivated student's check-ins only when named; an adult who left still counts"
logged
rel-roster deactivate student 100203 2>/dev/null
rel-roster deactivate adult A905 2>/dev/null
run rel-checkin list --as A901 --kind checkin
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100201,2026-11-10T14:30:00,A905,checkin,4,3,2,"new puppy, tired",team
100204,2026-11-15T11:45:00,,checkin,2,,,,team
X
run rel-checkin list --as A901 --student 100203
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100203,2026-09-30T12:00:00,A904,checkin,5,5,1,,team
X
printf 'student_id\n100203\n' >set.csv
STDIN=set.csv
run rel-checkin list --as A901
out_has '100203,2026-09-30T12:00:00'
STDIN=/dev/null
# what list writes imports back, the check-ins of A905 included
run rel-checkin list --as A901
cp "$T/out" all.csv
run rel-checkin import all.csv
status_is 0
err_is <<'X'
rel-checkin: 6 check-ins: 0 added, 0 updated, 0 unchanged, 6 duplicates ignored
X
printf 'student_id,at,adult_id\n100205,2026-11-19T10:00,A905\n' >c.csv
run rel-checkin import c.csv
status_is 0
# but a deactivated adult is nobody's acting adult
run rel-checkin add --as A905 100205
status_is 64
err_has 'rel-checkin: --as: "A905" is not an active adult'

case_ "list: formats, and --excel-safe"
logged
run rel-checkin add --as A901 --note "=SUM(A1:A9)" --at 2026-11-20T09:00 100205
status_is 0
run rel-checkin list --as A901 --student 100205 --excel-safe
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
100205,2026-11-20T09:00:00,A901,checkin,,,,"'=SUM(A1:A9)",team
X
run rel-checkin list --as A901 --student 100205
out_has ',=SUM(A1:A9),'
run rel-checkin list --as A901 --student 100203 --format json
out_has '"at":"2026-09-30T12:00:00"'
run rel-checkin list --as A901 --student 100203 --format table
out_has '100203      2026-09-30T12:00:00  A904'

case_ "list imports back unchanged, into this database and a fresh one"
logged
run rel-checkin list --as A901
status_is 0
cp "$T/out" all.csv
run rel-checkin import all.csv
status_is 0
err_is <<'X'
rel-checkin: 7 check-ins: 0 added, 0 updated, 0 unchanged, 7 duplicates ignored
X
REL_DB="$T/fresh.db"
rel-init create 2>/dev/null
rel-roster import adults.csv students.csv groups.csv members.csv 2>/dev/null
run rel-checkin import all.csv
status_is 0
err_is <<'X'
rel-checkin: 7 check-ins: 7 added, 0 updated, 0 unchanged
X
run rel-checkin list --as A901
out_file_is all.csv

case_ "missing: the students with no check-in for 14 days, never first"
logged
run rel-checkin missing --as A901
status_is 0
out_is <<'X'
student_id,given_name,family_name,grade,last_checkin,days_since
100205,Ana Sofía,García-Ramos,11,,
100206,Minh Anh,Nguyễn,10,,
100207,Kaito,Watanabe,12,,
100208,Zeynep,Yıldız,11,,
100209,Aroha,Ngata,10,,
100210,Dmitri,Volkov-Sato,12,,
100211,Fatima Zahra,El Amrani,9,,
100203,Mei,"King, Jr.",10,2026-09-30,51
X
run rel-checkin missing --as A901 --since 3d
out_is <<'X'
student_id,given_name,family_name,grade,last_checkin,days_since
100205,Ana Sofía,García-Ramos,11,,
100206,Minh Anh,Nguyễn,10,,
100207,Kaito,Watanabe,12,,
100208,Zeynep,Yıldız,11,,
100209,Aroha,Ngata,10,,
100210,Dmitri,Volkov-Sato,12,,
100211,Fatima Zahra,El Amrani,9,,
100203,Mei,"King, Jr.",10,2026-09-30,51
100204,Oluwaseun,Adeyemi,9,2026-11-15,5
X

case_ "missing: counting only one kind, or one adult"
logged
run_sh 'rel-roster list --group BIO9-P2 | rel-checkin missing --as A901 --kind greeting --since 2026-11-01'
status_is 0
out_is <<'X'
student_id,given_name,family_name,grade,last_checkin,days_since
100204,Oluwaseun,Adeyemi,9,,
100211,Fatima Zahra,El Amrani,9,,
X
run_sh 'rel-roster list --group BIO9-P2 | rel-checkin missing --as A901 --adult A905 --since 1d'
out_is <<'X'
student_id,given_name,family_name,grade,last_checkin,days_since
100202,Liam,O'Connor,9,,
100204,Oluwaseun,Adeyemi,9,,
100211,Fatima Zahra,El Amrani,9,,
100201,Thandiwe,Müller-Okafor,9,2026-11-18,2
X
run rel-checkin missing --kind hello
status_is 64
run rel-checkin missing --as A901 --adult A999
status_is 65
err_is <<'X'
rel-checkin: --adult: "A999" is not a known adult
X
run rel-checkin missing --until today
status_is 64
err_has 'rel-checkin: missing: --until does not apply here'

case_ "missing pipes into another command: greet them, or find them an adult"
logged
run_sh 'rel-checkin missing --as A901 --since 14d | rel-checkin add --kind greeting --as A903'
status_is 0
err_is <<'X'
rel-checkin: 8 check-ins: 8 added, 0 duplicates ignored
X
run rel-checkin missing --as A901
status_is 0
out_lines 1
run_sh 'rel-checkin missing --as A901 --since today | rel-map suggest --top 1 | cut -d, -f1,4,5'
status_is 0
out_is <<'X'
student_id,rank,adult_id
100201,1,A901
100202,1,A901
100204,1,A901
X

case_ "a deactivated student is never missing, even when a set names them"
logged
printf 'student_id\n100212\n100203\n' >set.csv
STDIN=set.csv
run rel-checkin missing --as A901
out_is <<'X'
student_id,given_name,family_name,grade,last_checkin,days_since
100203,Mei,"King, Jr.",10,2026-09-30,51
X

case_ "unknown verbs and options that do not apply are usage errors"
logged
db_save
run rel-checkin frob
status_is 64
err_has 'rel-checkin: unknown verb "frob"'
run rel-checkin
status_is 64
run rel-checkin add --as A902 --format csv 100201
status_is 64
err_has 'rel-checkin: add: --format does not apply here'
run rel-checkin import --last 3 checkins.csv
status_is 64
run rel-checkin list --mood 3
status_is 64
db_unchanged

case_ "--help, --version; every verb takes --db and --as"
run rel-checkin --help
status_is 0
out_has 'usage: rel-checkin add [--db PATH] [--as ADULT_ID] [--kind KIND]'
out_has 'rel-checkin missing [--db PATH]'
run rel-checkin list --help
status_is 0
out_has 'usage: rel-checkin list [--db PATH]'
out_lacks 'rel-checkin import'
run rel-checkin --version
status_is 0
out_is <<'X'
rel-checkin (rel) 0.1.0
X
loaded
mv db/rel.db other.db
for verb in list missing; do
	run rel-checkin "$verb" --db other.db --as A901
	status_is 0
done
printf 'student_id,at\n100201,2026-11-19T08:00\n' >a.csv
run rel-checkin import --db other.db --as A901 a.csv
status_is 0
run rel-checkin add --db other.db --as A901 100202
status_is 0
check_eq "$(sqlite3 other.db 'select count(*) from checkin where adult = 1')" 2 "rows"

case_ "no database: 66 with a hint"
run rel-checkin list
status_is 66
err_is <<EOF2
rel-checkin: $T/db/rel.db: no database here (create one with: rel-init create)
EOF2
run rel-checkin add --as A901 100201
status_is 66

case_ "a closed pipe ends quietly; a full disk fails with 74"
logged
run_sh 'rel-checkin list --as A901 | head -n 1'
status_is 0
err_empty
run_sh 'rel-checkin missing --as A901 >/dev/full'
status_is 74
err_is <<'X'
rel-checkin: standard output: write error: No space left on device
X

case_ "rel checkin runs rel-checkin"
logged
run rel checkin list --as A901 --student 100203
status_is 0
out_has '100203,2026-09-30T12:00:00,A904,checkin,5,5,1,,team'
