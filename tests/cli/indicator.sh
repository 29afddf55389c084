#!/bin/sh
# rel-indicator: import (long and --wide), list and summary; the update
# rule; every bad input with its message, status and an unchanged
# database; --rejects and --dry-run; the round trip of list through
# import; the summary's window; who sees which students' indicators.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult's login names whoever runs the tests: the acting adult comes
# only from --as. Reads that check what was recorded run as A901, the
# counselor, who sees every student's indicators.
USER=nobody.rel-indicator-tests
export USER

HEAD=student_id,date,name,value,source
SHEAD=student_id,given_name,family_name,name,from,to,values,mean,latest,latest_on,previous_mean,change,rate

# The fixture school: students 100201-100212 (100212 deactivated); A901
# the counselor; A905 teaches BIO9-P2 (100201, 100202, 100204, 100211);
# A904 leads CLUB-ROBOT (100203, 100207, 100209).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv "$DATA"/survey-wide.csv . ||
		fail_ "cannot copy the fixtures"
	roster_db
}

# The window's edges, with today 2026-11-20: 2026-10-22 is the first day
# of the 30 ending today, 2026-10-21 and 2026-09-22 the last and first of
# the 30 before, and 2026-09-21 outside both.
indicators() {
	cat >ind.csv <<X
$HEAD
100201,2026-09-21,attendance,0,sis
100201,2026-09-22,attendance,1,sis
100201,2026-10-21,attendance,0,sis
100201,2026-10-22,attendance,1,sis
100201,2026-11-19,attendance,0.5,sis
100201,2026-11-20,attendance,1,sis
100201,2026-11-11,belonging,4,survey
100202,2026-10-01,grade_math,80,gradebook
100202,2026-11-02,grade_math,72.5,gradebook
100203,2026-10-01,participation,3,
X
}

loaded() {
	school
	indicators
	rel-indicator import ind.csv 2>/dev/null || fail_ "indicator import failed"
}

case_ "import: ten indicators, then the same again unchanged"
school
indicators
run rel-indicator import ind.csv
status_is 0
out_is </dev/null
err_is <<'X'
rel-indicator: 10 indicators: 10 added, 0 updated, 0 unchanged
X
run rel-indicator import ind.csv
status_is 0
err_is <<'X'
rel-indicator: 10 indicators: 0 added, 0 updated, 10 unchanged
X
check_eq "$(sql "select count(*) from indicator")" 10 "rows"

case_ "import: the same student, name and day replaces the value and source"
loaded
cat >again.csv <<X
$HEAD
100201,2026-11-19,attendance,0,sis
100202,2026-11-02,grade_math,72.5,
100201,2026-11-11,belonging,4,survey
X
run rel-indicator import again.csv
status_is 0
err_is <<'X'
rel-indicator: 3 indicators: 0 added, 2 updated, 1 unchanged
X
run rel-indicator list --as A901 --name attendance,grade_math --since 2026-11-01
out_is <<X
$HEAD
100201,2026-11-19,attendance,0,sis
100201,2026-11-20,attendance,1,sis
100202,2026-11-02,grade_math,72.5,
X

case_ "import: each bad record is rejected with its line; nothing is imported"
loaded
db_save
for bad in \
    '999999,2026-11-02,attendance,1,|student_id: "999999" is not a known student' \
    '100212,2026-11-02,attendance,1,|student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)' \
    ',2026-11-02,attendance,1,|student_id: is empty; an id is required' \
    '100201,2026-11-31,attendance,1,|date: "2026-11-31" is not a date (YYYY-MM-DD)' \
    '100201,11/02/2026,attendance,1,|date: "11/02/2026" is not a date (YYYY-MM-DD)' \
    '100201,2026-11-02T08:00,attendance,1,|date: "2026-11-02T08:00" is a date-time; an indicator is for a whole day: expected a date (YYYY-MM-DD)' \
    '100201,2026-11-21,attendance,1,|date: "2026-11-21" is after today, 2026-11-20; an indicator is a value already measured' \
    '100201,,attendance,1,|date: is empty; expected a date (YYYY-MM-DD)' \
    '100201,2026-11-02,,1,|name: is empty; expected an indicator name (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes)' \
    '100201,2026-11-02,Attendance,1,|name: "Attendance" is not an indicator name (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes)' \
    '100201,2026-11-02,grade math,1,|name: "grade math" is not an indicator name (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes)' \
    '100201,2026-11-02,9th_grade,1,|name: "9th_grade" is not an indicator name (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes)' \
    '100201,2026-11-02,a2345678901234567890123456789012345678901234567890123456789012345,1,|name: "a23456789012345678901234567890123456789012345678901234567890..." is not an indicator name (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes)' \
    '100201,2026-11-02,belonging,,|value: is empty; expected a number' \
    '100201,2026-11-02,belonging,high,|value: "high" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging,0x10,|value: "0x10" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging,inf,|value: "inf" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging,nan,|value: "nan" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging,1e999,|value: "1e999" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging, 3,|value: " 3" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging,3 ,|value: "3 " is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,belonging,"3,5",|value: "3,5" is not a number (a decimal such as 3, 0.5 or -1.25)' \
    '100201,2026-11-02,attendance,1.5,|value: "1.5" is not an attendance value: 1 present, 0 absent, or the fraction of a partial day between them' \
    '100201,2026-11-02,attendance,-0.1,|value: "-0.1" is not an attendance value: 1 present, 0 absent, or the fraction of a partial day between them'
do
	printf '%s\n%s\n' "$HEAD" "${bad%%|*}" >one.csv
	run rel-indicator import one.csv
	status_is 65
	err_is <<X
rel-indicator: one.csv:2: ${bad#*|}
rel-indicator: 1 bad record; nothing was imported
X
	db_unchanged
done
printf '%s\n100201,2026-11-02,belonging,3,"%s"\n' "$HEAD" "$(printf 'a\tb')" >one.csv
run rel-indicator import one.csv
status_is 65
err_has 'rel-indicator: one.csv:2: source: "a\tb" has a control character'
db_unchanged

case_ "import: a whole file is all or nothing, every bad line reported"
loaded
db_save
cat >mixed.csv <<X
$HEAD
100204,2026-11-18,belonging,5,survey
999999,2026-11-18,belonging,5,survey
100204,2026-11-18,attendance,2,sis
X
run rel-indicator import mixed.csv
status_is 65
err_is <<'X'
rel-indicator: mixed.csv:3: student_id: "999999" is not a known student
rel-indicator: mixed.csv:4: value: "2" is not an attendance value: 1 present, 0 absent, or the fraction of a partial day between them
rel-indicator: 2 bad records; nothing was imported
X
db_unchanged

case_ "import: a missing or unknown column"
loaded
db_save
printf 'student_id,date,name\n100201,2026-11-02,belonging\n' >short.csv
run rel-indicator import short.csv
status_is 65
err_has 'rel-indicator: short.csv:1: "value" is a required column and is missing from the header'
printf 'student_id,date,name,value,teacher\n100201,2026-11-02,belonging,3,x\n' >extra.csv
run rel-indicator import extra.csv
status_is 65
err_has 'rel-indicator: extra.csv:1: "teacher" is not a known column (expected student_id, date, name, value, source; --ignore-unknown skips it, --map renames it)'
db_unchanged
run rel-indicator import --ignore-unknown extra.csv
status_is 0
err_is <<'X'
rel-indicator: 1 indicator: 1 added, 0 updated, 0 unchanged
X

case_ "import --rejects keeps the good records and sets the bad ones aside"
loaded
cat >mixed.csv <<X
$HEAD
100204,2026-11-18,belonging,5,survey
999999,2026-11-18,belonging,5,survey
X
run rel-indicator import --rejects rejects.csv mixed.csv
status_is 65
err_is <<'X'
rel-indicator: mixed.csv:3: student_id: "999999" is not a known student
rel-indicator: 2 indicators: 1 added, 0 updated, 0 unchanged, 1 bad
rel-indicator: 1 record rejected to rejects.csv; the rest were imported
X
check_eq "$(sql "select count(*) from indicator")" 11 "rows"
check_eq "$(cat rejects.csv)" "$HEAD,reason
999999,2026-11-18,belonging,5,survey,\"line 3: student_id: \"\"999999\"\" is not a known student\"" \
    "rejects.csv"

case_ "import --dry-run checks and counts, and writes nothing"
loaded
db_save
run rel-indicator import --dry-run ind.csv
status_is 0
err_is <<'X'
rel-indicator: dry run, nothing written: 10 indicators: 0 added, 0 updated, 10 unchanged
X
printf '%s\n100204,2026-11-18,belonging,5,survey\n' "$HEAD" >new.csv
run rel-indicator import --dry-run new.csv
status_is 0
err_is <<'X'
rel-indicator: dry run, nothing written: 1 indicator: 1 added, 0 updated, 0 unchanged
X
db_unchanged

case_ "import --wide with --map: one indicator per column, empty cells skipped"
school
run rel-indicator import --wide --map 'student_id=StudentNumber,date=SurveyDate,belonging=Belonging (1-5),adult_to_talk_to=Adult to talk to (1-5)' survey-wide.csv
status_is 0
err_is <<'X'
rel-indicator: 7 indicators: 7 added, 0 updated, 0 unchanged
X
run rel-indicator list --as A901
out_is <<X
$HEAD
100201,2026-11-18,adult_to_talk_to,5,
100201,2026-11-18,belonging,4,
100202,2026-11-18,belonging,2,
100204,2026-11-18,adult_to_talk_to,4,
100204,2026-11-18,belonging,5,
100209,2026-11-18,adult_to_talk_to,2,
100209,2026-11-18,belonging,3,
X
cat >wide.csv <<'X'
student_id,date,participation,grade_math,source
100201,2026-11-18,4,91,lms
100202,2026-11-18,,,lms
X
run rel-indicator import --wide wide.csv
status_is 0
err_is <<'X'
rel-indicator: 2 indicators: 2 added, 0 updated, 0 unchanged
X
run rel-indicator list --as A901 --source lms
out_is <<X
$HEAD
100201,2026-11-18,grade_math,91,lms
100201,2026-11-18,participation,4,lms
X

case_ "import --wide: a header that is not a name, or a long-form column, is refused"
school
db_save
run rel-indicator import --wide --map student_id=StudentNumber,date=SurveyDate survey-wide.csv
status_is 65
err_is <<'X'
rel-indicator: survey-wide.csv:1: "Belonging (1-5)" is not an indicator name (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes); rename the column with --map, e.g. --map NAME="Belonging (1-5)"
X
run rel-indicator import --wide survey-wide.csv
status_is 65
err_has 'rel-indicator: survey-wide.csv:1: "StudentNumber" is not an indicator name'
printf 'student_id,date,name,value\n100201,2026-11-18,belonging,4\n' >long.csv
run rel-indicator import --wide long.csv
status_is 65
err_is <<'X'
rel-indicator: long.csv:1: "name" is a column of the long form (name, value), not of a wide one: import it without --wide
X
printf 'date,belonging\n2026-11-18,4\n' >noid.csv
run rel-indicator import --wide noid.csv
status_is 65
err_has 'rel-indicator: noid.csv:1: "student_id" is a required column and is missing from the header'
run rel-indicator import --wide --map 'belonging=Belonging (1-5),belonging=Adult to talk to (1-5),student_id=StudentNumber,date=SurveyDate' survey-wide.csv
status_is 65
err_has 'appears twice after --map'
run rel-indicator import --wide --ignore-unknown survey-wide.csv
status_is 64
err_has 'rel-indicator: import: --ignore-unknown does not apply with --wide (every other column is an indicator)'
db_unchanged

case_ "import --wide: a bad cell rejects its whole row, named by its header"
school
db_save
cat >wide.csv <<'X'
student_id,date,belonging,attendance
100201,2026-11-18,4,1
100202,2026-11-18,3,2
999999,2026-11-18,3,1
100204,2026-11-18,,
X
run rel-indicator import --wide wide.csv
status_is 65
err_is <<'X'
rel-indicator: wide.csv:3: attendance: "2" is not an attendance value: 1 present, 0 absent, or the fraction of a partial day between them
rel-indicator: wide.csv:4: student_id: "999999" is not a known student
rel-indicator: 2 bad records; nothing was imported
X
db_unchanged
run rel-indicator import --wide --rejects rejects.csv wide.csv
status_is 65
err_is <<'X'
rel-indicator: wide.csv:3: attendance: "2" is not an attendance value: 1 present, 0 absent, or the fraction of a partial day between them
rel-indicator: wide.csv:4: student_id: "999999" is not a known student
rel-indicator: 6 indicators: 2 added, 0 updated, 0 unchanged, 4 bad
rel-indicator: 2 records rejected to rejects.csv; the rest were imported
X
run rel-indicator list --as A901
out_is <<X
$HEAD
100201,2026-11-18,attendance,1,
100201,2026-11-18,belonging,4,
X
check_eq "$(cat rejects.csv)" 'student_id,date,belonging,attendance,reason
100202,2026-11-18,3,2,"line 3: attendance: ""2"" is not an attendance value: 1 present, 0 absent, or the fraction of a partial day between them"
999999,2026-11-18,3,1,"line 4: student_id: ""999999"" is not a known student"' "rejects.csv"

case_ "import --wide --dry-run counts each value"
school
db_save
run rel-indicator import --wide --dry-run --map 'student_id=StudentNumber,date=SurveyDate,belonging=Belonging (1-5),adult_to_talk_to=Adult to talk to (1-5)' survey-wide.csv
status_is 0
err_is <<'X'
rel-indicator: dry run, nothing written: 7 indicators: 7 added, 0 updated, 0 unchanged
X
db_unchanged

case_ "list: by student, name, date; the shortest text that reads back; list | import round-trips"
loaded
cat >odd.csv <<X
$HEAD
100204,2026-11-18,participation,0.1,
100204,2026-11-18,ratio,0.3333333333333333,
100204,2026-11-18,tiny,1e-20,
100204,2026-11-18,big,123456789012,
100204,2026-11-18,neg,-2.50,
100204,2026-11-18,plus,+7,
X
rel-indicator import odd.csv 2>/dev/null || fail_ "import failed"
run rel-indicator list --as A901 --student 100204
status_is 0
out_is <<X
$HEAD
100204,2026-11-18,big,123456789012,
100204,2026-11-18,neg,-2.5,
100204,2026-11-18,participation,0.1,
100204,2026-11-18,plus,7,
100204,2026-11-18,ratio,0.33333333333333331,
100204,2026-11-18,tiny,1e-20,
X
run rel-indicator list --as A901
status_is 0
cp "$T/out" all.csv
check_eq "$(head -n 4 all.csv)" "$HEAD
100201,2026-09-21,attendance,0,sis
100201,2026-09-22,attendance,1,sis
100201,2026-10-21,attendance,0,sis" "order"
mv "$REL_DB" old.db
roster_db
run rel-indicator import all.csv
status_is 0
run rel-indicator list --as A901
out_file_is all.csv
mv "$REL_DB" new.db
REL_DB=old.db
run_sh 'rel-indicator list --as A901 | rel-indicator import --db new.db'
status_is 0
err_is <<'X'
rel-indicator: 16 indicators: 0 added, 0 updated, 16 unchanged
X

case_ "list --student, --name, --source, --since, --until, and a student set"
loaded
run rel-indicator list --as A901 --student 100201 --name attendance --since 2026-10-21 --until 2026-11-19
out_is <<X
$HEAD
100201,2026-10-21,attendance,0,sis
100201,2026-10-22,attendance,1,sis
100201,2026-11-19,attendance,0.5,sis
X
run rel-indicator list --as A901 --name belonging,participation
out_is <<X
$HEAD
100201,2026-11-11,belonging,4,survey
100203,2026-10-01,participation,3,
X
run rel-indicator list --as A901 --source gradebook --since 30d
out_is <<X
$HEAD
100202,2026-11-02,grade_math,72.5,gradebook
X
printf 'student_id\n100202\n100203\n' >set.csv
STDIN=set.csv
run rel-indicator list --as A901
out_is <<X
$HEAD
100202,2026-10-01,grade_math,80,gradebook
100202,2026-11-02,grade_math,72.5,gradebook
100203,2026-10-01,participation,3,
X

case_ "list and summary: bad filters"
loaded
run rel-indicator list --as A901 --name Attendance
status_is 64
err_has 'rel-indicator: --name: "Attendance" is not a name or a comma-separated list of names (a lowercase word: a-z, then a-z, 0-9 or _, at most 64 bytes)'
err_has 'usage: rel-indicator list'
run rel-indicator list --as A901 --name attendance,
status_is 64
run rel-indicator list --as A901 --since 2026-11-31
status_is 64
err_has 'rel-indicator: --since: "2026-11-31" is not a date (YYYY-MM-DD) or a span back from today (14d, 6w, 3m, today)'
run rel-indicator list --as A901 --since 2026-11-10 --until 2026-11-01
status_is 64
err_has 'rel-indicator: --until: "2026-11-01" is before --since 2026-11-10'
run rel-indicator list --as A901 --student 999999
status_is 65
err_is <<'X'
rel-indicator: --student: "999999" is not a known student
X
run rel-indicator list --as A901 100201
status_is 64
err_has 'rel-indicator: list: takes no operands (a student set comes on standard input)'
run rel-indicator list --as A901 --days 3
status_is 64
err_has 'rel-indicator: list: --days does not apply here'
run rel-indicator summary --as A901 --days 0
status_is 64
err_has 'rel-indicator: --days: "0" is not a number from 1 to 3660'
run rel-indicator summary --as A901 --days 7 --since 2026-11-01
status_is 64
err_has 'rel-indicator: give --since or --days, not both'
run rel-indicator summary --as A901 --since 2026-11-21
status_is 64
err_has 'rel-indicator: --since: "2026-11-21" is after the window'

case_ "summary: the 30 days ending today against the 30 before"
loaded
run rel-indicator summary --as A901
status_is 0
out_is <<X
$SHEAD
100201,Thandiwe,Müller-Okafor,attendance,2026-10-22,2026-11-20,3,0.83,1,2026-11-20,0.50,0.33,83.3
100201,Thandiwe,Müller-Okafor,belonging,2026-10-22,2026-11-20,1,4.00,4,2026-11-11,,,
100202,Liam,O'Connor,grade_math,2026-10-22,2026-11-20,1,72.50,72.5,2026-11-02,80.00,-7.50,
X
err_empty

case_ "summary --until, --days and --since set the window"
loaded
run rel-indicator summary --as A901 --until 2026-10-21
out_is <<X
$SHEAD
100201,Thandiwe,Müller-Okafor,attendance,2026-09-22,2026-10-21,2,0.50,0,2026-10-21,0.00,0.50,50.0
100202,Liam,O'Connor,grade_math,2026-09-22,2026-10-21,1,80.00,80,2026-10-01,,,
100203,Mei,"King, Jr.",participation,2026-09-22,2026-10-21,1,3.00,3,2026-10-01,,,
X
run rel-indicator summary --as A901 --name attendance --days 1
out_is <<X
$SHEAD
100201,Thandiwe,Müller-Okafor,attendance,2026-11-20,2026-11-20,1,1.00,1,2026-11-20,0.50,0.50,100.0
X
# 29 days: the previous window is 2026-09-23 to 2026-10-21.
run rel-indicator summary --as A901 --name attendance --since 2026-10-22 --until 2026-11-19
out_is <<X
$SHEAD
100201,Thandiwe,Müller-Okafor,attendance,2026-10-22,2026-11-19,2,0.75,0.5,2026-11-19,0.00,0.75,75.0
X
printf 'student_id\n100202\n' >set.csv
STDIN=set.csv
run rel-indicator summary --as A901 --format tsv
out_is <<'X'
student_id	given_name	family_name	name	from	to	values	mean	latest	latest_on	previous_mean	change	rate
100202	Liam	O'Connor	grade_math	2026-10-22	2026-11-20	1	72.50	72.5	2026-11-02	80.00	-7.50	
X

case_ "who sees what: counselors all; a teacher their team's; no one, none"
loaded
run rel-indicator list --as A905 --name grade_math,participation
status_is 0
out_is <<X
$HEAD
100202,2026-10-01,grade_math,80,gradebook
100202,2026-11-02,grade_math,72.5,gradebook
X
run rel-indicator summary --as A904
out_is <<X
$SHEAD
X
run rel-indicator summary --as A904 --until 2026-10-21
out_is <<X
$SHEAD
100203,Mei,"King, Jr.",participation,2026-09-22,2026-10-21,1,3.00,3,2026-10-01,,,
X
run rel-indicator list
status_is 0
out_is <<X
$HEAD
X
err_has 'rel-indicator: no acting adult, so only staff records are shown'
run rel-indicator summary
out_is <<X
$SHEAD
X
rel-indicator list --as A905 >/dev/null 2>&1
check_eq "$(sql "select count(*) from audit")" 0 "audit rows: indicators are not private"

case_ "import needs no acting adult; an unknown --as is still a usage error"
school
indicators
db_save
run rel-indicator import --as A999 ind.csv
status_is 64
err_has 'rel-indicator: --as: "A999" is not an active adult'
db_unchanged
run rel-indicator import --as A905 ind.csv
status_is 0

case_ "--help, --version, unknown verbs and options; rel indicator"
school
for v in import list summary; do
	run rel-indicator "$v" --help
	status_is 0
	out_has "usage: rel-indicator $v [--db PATH] [--as ADULT_ID]"
	[ "$v" = summary ] || out_lacks 'rel-indicator summary'
	err_empty
done
run rel-indicator --help
status_is 0
out_has 'usage: rel-indicator import [--db PATH] [--as ADULT_ID] [--wide]'
out_has 'rel-indicator summary [--db PATH] [--as ADULT_ID] [--student ID]'
run rel-indicator -h
status_is 0
run rel-indicator --version
status_is 0
out_is <<'X'
rel-indicator (rel) 0.1.0
X
run rel-indicator
status_is 64
err_has 'usage: rel-indicator'
run rel-indicator add
status_is 64
err_has 'rel-indicator: unknown verb "add"'
run rel-indicator import --name attendance
status_is 64
err_has 'rel-indicator: import: --name does not apply here'
run rel-indicator list --wide
status_is 64
err_has 'rel-indicator: list: --wide does not apply here'
run rel help
out_has 'indicator  attendance, grades and survey scales over time'
run rel indicator --version
status_is 0

case_ "--db names the database; a missing one is 66"
loaded
mv "$REL_DB" "$T/other.db"
run rel-indicator list --as A901 --db "$T/other.db"
status_is 0
out_lines 11
run rel-indicator list --db "$T/none.db"
status_is 66
run rel-indicator import --db "$T/none.db" ind.csv
status_is 66
run rel-indicator import ind.csv missing.csv --db "$T/other.db"
status_is 66

case_ "a write error on stdout exits 74"
loaded
run_sh 'rel-indicator list --as A901 >/dev/full'
status_is 74
err_is <<'X'
rel-indicator: standard output: write error: No space left on device
X
run_sh 'rel-indicator summary --as A901 >/dev/full'
status_is 74

case_ "the sample school: attendance for twelve weeks, two surveys"
sample_db 40
check_eq "$(sql "select count(*) from indicator")" 2560 "rows: 64 a student"
check_eq "$(sql "select count(distinct day) from indicator where name = 'attendance'")" 60 "weekdays"
check_eq "$(sql "select min(day) || ' ' || max(day) from indicator where name = 'attendance'")" \
    "2026-08-28 2026-11-19" "days"
check_eq "$(sql "select group_concat(distinct day) from indicator where name = 'belonging'")" \
    "2026-09-09,2026-11-11" "survey Wednesdays"
run rel-indicator summary --as A001 --name attendance
status_is 0
out_lines 41
