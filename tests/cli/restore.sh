#!/bin/sh
# rel-restore: open, update, close, import, list, due; who sees a case and
# who may change it; the audit rows of private cases, which name every
# student party; every bad input with its message, status and an
# unchanged database; list | import round trips.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult's login names whoever runs the tests: the acting adult comes
# only from --as or $REL_AS.
USER=nobody.rel-restore-tests
export USER

# The fixture school: adults A901 (counselor), A902 and A905 (teachers;
# A902 leads BIO9-P2 with 100201, 100202, 100204, 100211), A903
# (advisor), A904 (coach); students 100201-100212 (100212 deactivated).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv "$DATA"/restore.csv \
	    "$DATA"/restore-parties.csv . || fail_ "cannot copy the fixtures"
	roster_db
}

# The four cases of tests/data/restore.csv and their parties:
#   R1 private, closed:       100203 harmed, 100207 responsible, A901 fac.
#   R2 private, circle_held:  100201 harmed, 100202 responsible, A901 fac.,
#                             A905 supporter; follow-up 2026-11-16
#   R3 team, agreement, A905: 100204 harmed, 100211 responsible, A905 fac.;
#                             follow-up 2026-11-23
#   R4 private, open:         100209 responsible, A901 fac., A903
#                             supporter; follow-up 2026-11-19
cases() {
	school
	rel-restore import restore.csv restore-parties.csv 2>/dev/null ||
		fail_ "cases import failed"
}

H='case_id,opened_at,adult_id,kind,summary,agreement,status,follow_up_on,closed_at,visibility'
P='case_id,student_id,adult_id,role'
D='case_id,follow_up_on,days_overdue,kind,status,student_id,given_name,family_name,role'

case_ "open a case with its parties as options; the case_id on stdout"
school
run rel-restore open --as A901 --kind harm --harmed 100201 \
    --responsible 100202 --facilitator A901 --supporter A905 \
    --summary "Took a phone and posted a photo" --follow-up 7d
status_is 0
out_is <<'X'
R1
X
err_is <<'X'
rel-restore: case R1 opened with 4 parties
X
run rel-restore list --as A901
out_is <<X
$H
R1,2026-11-20T10:00:00,A901,harm,Took a phone and posted a photo,,open,2026-11-27,,private
X
run rel-restore list --as A901 --parties
out_is <<X
$P
R1,100201,,harmed
R1,100202,,responsible
R1,,A901,facilitator
R1,,A905,supporter
X

case_ "open: role options repeat; the next free R number; --id, --at, --visibility"
cases
run rel-restore open --as A905 --kind circle --affected 100201 \
    --affected 100204 --affected=100211 --facilitator A905 \
    --at 2026-11-18T14:00 --visibility team --follow-up 2026-11-25
status_is 0
out_is <<'X'
R5
X
run rel-restore open --as A901 --id R-2026-07 --responsible 100210 \
    --kind Reentry --at 2026-11-19
status_is 0
out_is <<'X'
R-2026-07
X
run rel-restore open --as A901 --harmed 100205
out_is <<'X'
R6
X
run rel-restore list --as A901 --since 2026-11-18
out_is <<X
$H
R5,2026-11-18T14:00:00,A905,circle,,,open,2026-11-25,,team
R-2026-07,2026-11-19T00:00:00,A901,reentry,,,open,,,private
R6,2026-11-20T10:00:00,A901,harm,,,open,,,private
X
run rel-restore list --as A901 --parties --case R5
out_is <<X
$P
R5,100201,,affected
R5,100204,,affected
R5,100211,,affected
R5,,A905,facilitator
X

case_ "open --parties FILE, alone, or with options; - is stdin"
school
cat >p.csv <<'X'
role,student_id,adult_id
harmed,100203,
responsible,100207,
facilitator,,A901
X
run rel-restore open --as A901 --parties p.csv --summary "Lunch table"
status_is 0
out_is <<'X'
R1
X
STDIN=p.csv
run rel-restore open --as A901 --parties - --supporter A904
status_is 0
err_is <<'X'
rel-restore: case R2 opened with 4 parties
X
STDIN=/dev/null
run rel-restore list --as A901 --parties
out_is <<X
$P
R1,100203,,harmed
R1,100207,,responsible
R1,,A901,facilitator
R2,,A904,supporter
R2,100203,,harmed
R2,100207,,responsible
R2,,A901,facilitator
X

case_ "open: every bad party is named, with file:line for the file; nothing is opened"
school
sqlite3 "$REL_DB" "INSERT INTO adult (adult_id, given_name, family_name, updated_at) VALUES ('100208', 'Sam', 'Same', 'x')"
cat >p.csv <<'X'
student_id,adult_id,role
100201,,harmed
999999,,responsible
100202,A902,affected
,,supporter
100203,,bystander
100212,,affected
,A999,facilitator
100201,,affected
X
db_save
run rel-restore open --as A901 --harmed 100201 --responsible 424242 \
    --supporter 100208 --parties p.csv
status_is 65
out_is </dev/null
err_is <<'X'
rel-restore: --responsible: "424242" is not a known student or adult
rel-restore: --supporter: "100208" is both a student and an adult; name them in a --parties file, under student_id or adult_id
rel-restore: p.csv:3: student_id: "999999" is not a known student
rel-restore: p.csv:4: adult_id: is given as well as student_id; a party is a student or an adult, one to a row
rel-restore: p.csv:5: student_id: is empty, and so is adult_id; a party is a student or an adult
rel-restore: p.csv:6: role: "bystander" is not one of harmed, responsible, affected, supporter or facilitator
rel-restore: p.csv:7: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-restore: p.csv:8: adult_id: "A999" is not a known adult
rel-restore: p.csv:9: student_id: "100201" is already a party to R1, as harmed; a person has one role in a case
rel-restore: 9 bad parties; the case was not opened
X
db_unchanged
check_eq "$(sql "select count(*) from restorative_case")" 0 "cases"

case_ "open: each bad party alone is 65 and changes nothing"
school
db_save
for o in "--harmed 999999" "--facilitator A999" "--affected 100212"; do
	# shellcheck disable=SC2086 # the option and its value
	run rel-restore open --as A901 --harmed 100201 $o
	status_is 65
	err_has 'rel-restore: 1 bad party; the case was not opened'
	db_unchanged
done
printf 'student_id,adult_id,role\n100202,,friend\n' >p.csv
run rel-restore open --as A901 --harmed 100201 --parties p.csv
status_is 65
err_has 'rel-restore: p.csv:2: role: "friend" is not one of'
db_unchanged

case_ "open: bad case values, usage errors; nothing is opened"
cases
db_save
run rel-restore open --as A901 --harmed 100201 --kind fight
status_is 65
err_is <<'X'
rel-restore: kind: "fight" is not one of harm, conflict, circle or reentry
X
run rel-restore open --as A901 --harmed 100201 --at 2026-11-20 --follow-up 2026-11-19
status_is 65
err_is <<'X'
rel-restore: follow_up_on: "2026-11-19" is before the case was opened, 2026-11-20; a follow-up must be on or after it
X
run rel-restore open --as A901 --harmed 100201 --id R2
status_is 65
err_is <<'X'
rel-restore: case_id: "R2" is already a case
X
run rel-restore open --as A901 --harmed 100201 --summary "$(printf 'bell\007')"
status_is 65
err_is <<'X'
rel-restore: summary: "bell\x07" has a control character
X
run rel-restore open --as A901 --harmed 100201 --follow-up soon
status_is 64
err_has 'rel-restore: --follow-up: "soon" is not a date (YYYY-MM-DD) or a span ahead of today (today, tomorrow, 7d, 2w, 1m)'
err_has 'usage: rel-restore open'
run rel-restore open --as A901 --harmed 100201 --at 2026-02-30
status_is 64
run rel-restore open --as A901 --harmed 100201 --visibility secret
status_is 64
err_has 'rel-restore: --visibility: "secret" is not staff, team or private'
run rel-restore open --as A901 --summary "No one"
status_is 64
err_has 'rel-restore: open: a case needs at least one party: give --harmed ID, --responsible ID, --affected ID, --supporter ID, --facilitator ID or --parties FILE'
run rel-restore open --as A901 100201
status_is 64
err_has 'rel-restore: open: takes no operands'
run rel-restore open --harmed 100201
status_is 64
err_has 'rel-restore: who is writing this? Give --as ADULT_ID'
run rel-restore open --as A999 --harmed 100201
status_is 64
err_has 'rel-restore: --as: "A999" is not an active adult'
printf 'student_id,adult_id,role\n' >none.csv
run rel-restore open --as A901 --parties none.csv
status_is 65
err_is <<'X'
rel-restore: a case needs at least one party, and none.csv names none; the case was not opened
X
run rel-restore open --as A901 --parties missing.csv
status_is 66
db_unchanged

case_ "update: status, agreement and follow-up; only what is given changes"
cases
run rel-restore update R2 --as A901 --status agreement \
    --agreement "Will split the grade work and check in Fridays"
status_is 0
out_is </dev/null
err_is <<'X'
rel-restore: case R2 updated
X
run rel-restore update R2 --as A901 --follow-up 2w
status_is 0
run rel-restore list --as A901 --case R2
out_is <<X
$H
R2,2026-11-02T09:30:00,A901,conflict,Argument in biology over a group grade,Will split the grade work and check in Fridays,agreement,2026-12-04,,private
X
run rel-restore update R2 --as A901 --status Repaired --follow-up none
status_is 0
run rel-restore list --as A901 --case R2
out_is <<X
$H
R2,2026-11-02T09:30:00,A901,conflict,Argument in biology over a group grade,Will split the grade work and check in Fridays,repaired,,,private
X

case_ "update: bad values, a closed or unknown case; nothing changes"
cases
db_save
run rel-restore update R2 --as A901
status_is 64
err_has 'rel-restore: update: give --status, --agreement or --follow-up'
run rel-restore update --as A901 --status repaired
status_is 64
err_has 'rel-restore: update: give one CASE_ID'
run rel-restore update R2 --as A901 --status closed
status_is 64
err_has 'rel-restore: --status: a case is closed with rel-restore close, not update'
run rel-restore update R2 --as A901 --status mended
status_is 64
err_has 'rel-restore: --status: "mended" is not one of open, circle_held, agreement or repaired'
run rel-restore update R2 --as A901 --follow-up 2026-11-01
status_is 65
err_is <<'X'
rel-restore: --follow-up: "2026-11-01" is before the case was opened, 2026-11-02; a follow-up must be on or after it
X
run rel-restore update R1 --as A901 --status repaired
status_is 65
err_is <<'X'
rel-restore: case_id: "R1" is closed; a closed case is not changed
X
run rel-restore update R9 --as A901 --status repaired
status_is 65
err_is <<'X'
rel-restore: case_id: "R9" is not a known case
X
run rel-restore update R2 --as A901 --agreement "$(printf 'a\033b')"
status_is 65
err_is <<'X'
rel-restore: --agreement: "a\x1Bb" has a control character
X
run rel-restore update R2 --status repaired
status_is 64
db_unchanged

case_ "update and close: the author, a facilitator, a counselor; not a supporter (77), not a stranger (65)"
cases
db_save
run rel-restore update R2 --as A905 --status repaired
status_is 77
err_is <<'X'
rel-restore: case_id: "R2" may be changed only by its author, its facilitators, counselors and admins
X
run rel-restore close R4 --as A903
status_is 77
run rel-restore update R2 --as A904 --status repaired
status_is 65
err_is <<'X'
rel-restore: case_id: "R2" is not a known case
X
db_unchanged
# R3 is A905's; A902 sees it (a team case of BIO9-P2's students) but did
# not write it and does not facilitate it.
run rel-restore update R3 --as A902 --status repaired
status_is 77
run rel-restore update R3 --as A905 --status repaired
status_is 0
rel-restore import --as A905 --parties /dev/stdin 2>/dev/null <<'X' || fail_ "party import"
case_id,student_id,adult_id,role
R3,,A902,facilitator
X
run rel-restore update R3 --as A902 --follow-up 2026-12-01
status_is 0
run rel-restore update R4 --as A901 --status circle_held
status_is 0
check_eq "$(sql "select case_id || ' ' || status || ' ' || ifnull(follow_up_on, '') from restorative_case where case_id in ('R3', 'R4') order by id")" \
    "R3 repaired 2026-12-01
R4 circle_held 2026-11-19" "stored"

case_ "close: closed_at now or --at; the outcome ends the summary"
cases
run rel-restore close R2 --as A901 --outcome "They finished the project together"
status_is 0
out_is </dev/null
err_is <<'X'
rel-restore: case R2 closed
X
run rel-restore close R4 --as A901 --at 2026-11-19T15:30
status_is 0
run rel-restore list --as A901 --status closed --since 2026-11-01
out_is <<X
$H
R2,2026-11-02T09:30:00,A901,conflict,"Argument in biology over a group grade
Outcome: They finished the project together",,closed,2026-11-16,2026-11-20T10:00:00,private
R4,2026-11-12T08:45:00,A901,reentry,Return after a three-day suspension,,closed,2026-11-19,2026-11-19T15:30:00,private
X
db_save
run rel-restore close R2 --as A901
status_is 65
err_is <<'X'
rel-restore: case_id: "R2" is closed; a closed case is not changed
X
run rel-restore close R3 --as A905 --at 2026-11-01
status_is 65
err_is <<'X'
rel-restore: --at: "2026-11-01T00:00:00" is before the case was opened, 2026-11-09T13:00:00
X
run rel-restore close R3 --as A905 --at yesterday-ish
status_is 64
run rel-restore close --as A905
status_is 64
err_has 'rel-restore: close: give one CASE_ID'
run rel-restore close R3 R4 --as A905
status_is 64
db_unchanged

case_ "import cases and parties in one run; the summary per kind; again, all duplicates"
school
run rel-restore import restore.csv restore-parties.csv
status_is 0
err_is <<'X'
rel-restore: 4 cases: 4 added, 0 updated, 0 unchanged
rel-restore: 13 parties: 13 added, 0 updated, 0 unchanged
X
run rel-restore import --as A901 restore.csv restore-parties.csv
status_is 0
err_is <<'X'
rel-restore: 4 cases: 0 added, 0 updated, 0 unchanged, 4 duplicates ignored
rel-restore: 13 parties: 0 added, 0 updated, 0 unchanged, 13 duplicates ignored
X
run rel-restore list --as A901
out_is <<X
$H
R1,2026-10-05T10:15:00,A901,harm,Shared a photo of a classmate without asking,Will delete the photo and apologise in person,closed,,2026-10-30T15:00:00,private
R2,2026-11-02T09:30:00,A901,conflict,Argument in biology over a group grade,,circle_held,2026-11-16,,private
R3,2026-11-09T13:00:00,A905,harm,Knocked a lab model off the bench,Will rebuild the model together after school,agreement,2026-11-23,,team
R4,2026-11-12T08:45:00,A901,reentry,Return after a three-day suspension,,open,2026-11-19,,private
X

case_ "import: defaults, made ids, values in any case; --parties reads party files"
school
cat >c.csv <<'X'
opened_at,kind,summary,status,visibility,case_id
2026-11-02,Conflict,Words at lunch,CIRCLE_HELD,,
2026-11-03 13:05,,,,Team,
2026-11-04,circle,Closed already,,,R10
X
run rel-restore import --as A903 c.csv
status_is 0
err_is <<'X'
rel-restore: 3 cases: 3 added, 0 updated, 0 unchanged
X
printf 'case_id,student_id,adult_id,role\nR1,100201,,Affected\n' >p.csv
printf 'case_id,student_id\nR1,100202\n' >q.csv
run rel-restore import --as A903 --parties p.csv
status_is 0
run rel-restore import --as A903 --parties q.csv
status_is 65
err_is <<'X'
rel-restore: q.csv:1: "role" is a required column and is missing from the header
X
run rel-restore list --as A901
out_is <<X
$H
R1,2026-11-02T00:00:00,A903,conflict,Words at lunch,,circle_held,,,private
R2,2026-11-03T13:05:00,A903,harm,,,open,,,team
R10,2026-11-04T00:00:00,A903,circle,Closed already,,open,,,private
X
run rel-restore list --as A901 --parties
out_is <<X
$P
R1,100201,,affected
X

case_ "import: the bad-input catalogue of cases, each with file:line, column and value"
cases
db_save
cat >bad.csv <<'X'
case_id,opened_at,adult_id,kind,summary,agreement,status,follow_up_on,closed_at,visibility
R20,2026-11-02T09:00:00,A901,harm,fine,,open,,,
R21,2026-11-02T09:00:00,A999,harm,who wrote?,,open,,,
R22,2026-11-02T09:00:00,A901,fight,nice,,open,,,
R23,2026-13-02,A901,harm,bad date,,open,,,
R24,2026-11-02T09:00:00,A901,harm,bad status,,done,,,
R25,2026-11-02T09:00:00,A901,harm,early follow-up,,open,2026-11-01,,
R26,2026-11-02T09:00:00,A901,harm,bad follow-up,,open,2026-11-31,,
R27,2026-11-02T09:00:00,A901,harm,closed without a date,,closed,,,
R28,2026-11-02T09:00:00,A901,harm,a date not closed,,open,,2026-11-10,
R29,2026-11-02T09:00:00,A901,harm,closed before opened,,closed,,2026-11-01,
R30,2026-11-02T09:00:00,A901,harm,odd,,open,,,secret
R31,,A901,harm,no time,,open,,,
R2,2026-11-02T09:30:00,A901,conflict,Another story,,circle_held,2026-11-16,,private
X
run rel-restore import --as A901 bad.csv
status_is 65
out_is </dev/null
err_is <<'X'
rel-restore: bad.csv:3: adult_id: "A999" is not a known adult
rel-restore: bad.csv:4: kind: "fight" is not one of harm, conflict, circle or reentry
rel-restore: bad.csv:5: opened_at: "2026-13-02" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-restore: bad.csv:6: status: "done" is not one of open, circle_held, agreement, repaired or closed
rel-restore: bad.csv:7: follow_up_on: "2026-11-01" is before the case was opened, 2026-11-02; a follow-up must be on or after it
rel-restore: bad.csv:8: follow_up_on: "2026-11-31" is not a date (YYYY-MM-DD)
rel-restore: bad.csv:9: closed_at: is empty; a closed case needs the date-time it was closed
rel-restore: bad.csv:10: closed_at: "2026-11-10" is given, but the status is open; only a closed case has closed_at
rel-restore: bad.csv:11: closed_at: "2026-11-01" is before the case was opened, 2026-11-02T09:00:00
rel-restore: bad.csv:12: visibility: "secret" is not staff, team or private
rel-restore: bad.csv:13: opened_at: is empty; expected a date-time (YYYY-MM-DDTHH:MM)
rel-restore: bad.csv:14: case_id: "R2" is already a case, with other values (rel-restore update changes a case)
rel-restore: 12 bad records; nothing was imported
X
db_unchanged

case_ "import: the bad-input catalogue of parties"
cases
db_save
cat >bad.csv <<'X'
case_id,student_id,adult_id,role
R2,100203,,affected
R9,100204,,harmed
R2,999999,,affected
R2,,A999,supporter
R2,100212,,affected
R2,100204,,bystander
R2,100204,A902,affected
R2,,,affected
R2,100201,,affected
,100204,,affected
R2,100205,,
X
run rel-restore import --as A901 bad.csv
status_is 65
err_is <<'X'
rel-restore: bad.csv:3: case_id: "R9" is not a known case
rel-restore: bad.csv:4: student_id: "999999" is not a known student
rel-restore: bad.csv:5: adult_id: "A999" is not a known adult
rel-restore: bad.csv:6: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-restore: bad.csv:7: role: "bystander" is not one of harmed, responsible, affected, supporter or facilitator
rel-restore: bad.csv:8: adult_id: is given as well as student_id; a party is a student or an adult, one to a row
rel-restore: bad.csv:9: student_id: is empty, and so is adult_id; a party is a student or an adult
rel-restore: bad.csv:10: student_id: "100201" is already a party to R2, as harmed; a person has one role in a case
rel-restore: bad.csv:11: case_id: is empty; an id is required
rel-restore: bad.csv:12: role: is empty; expected harmed, responsible, affected, supporter or facilitator
rel-restore: 10 bad records; nothing was imported
X
db_unchanged

case_ "import: each bad input alone is 65 and changes nothing"
cases
db_save
for row in \
    'R20,2026-11-02T09:00:00,A999,harm,,,open,,,' \
    'R20,2026-11-02T09:00:00,A901,fight,,,open,,,' \
    'R20,2026-11-31,A901,harm,,,open,,,' \
    'R20,2026-11-02T09:00:00,A901,harm,,,mended,,,' \
    'R20,2026-11-02T09:00:00,A901,harm,,,open,2026-11-01,,' \
    'R20,2026-11-02T09:00:00,A901,harm,,,open,,,2'; do
	printf '%s\n%s\n' "$H" "$row" >one.csv
	run rel-restore import --as A901 one.csv
	status_is 65
	err_has 'rel-restore: one.csv:2: '
	err_has 'rel-restore: 1 bad record; nothing was imported'
	db_unchanged
done
for row in 'R2,999999,,affected' 'R2,,A999,supporter' 'R9,100204,,harmed' \
    'R2,100204,,friend'; do
	printf '%s\n%s\n' "$P" "$row" >one.csv
	run rel-restore import --as A901 one.csv
	status_is 65
	err_has 'rel-restore: one.csv:2: '
	db_unchanged
done

case_ "import: a party to a case one may not change is 77, and nothing is imported"
cases
db_save
printf '%s\nR2,100203,,affected\n' "$P" >p.csv
run rel-restore import --as A905 p.csv
status_is 77
err_is <<'X'
rel-restore: p.csv:2: case_id: "R2" may be changed only by its author, its facilitators, counselors and admins
X
run rel-restore import p.csv
status_is 65
err_has 'rel-restore: p.csv:2: case_id: "R2" is not a known case'
db_unchanged

case_ "import --rejects keeps the good rows; --dry-run writes nothing; --map renames"
cases
cat >mixed.csv <<'X'
case_id,opened_at,adult_id,kind,summary,agreement,status,follow_up_on,closed_at,visibility
R20,2026-11-16T09:00:00,A901,harm,fine,,open,,,
R21,2026-11-16T09:00:00,A901,fight,bad,,open,,,
X
db_save
run rel-restore import --dry-run mixed.csv
status_is 65
db_unchanged
run rel-restore import --rejects rejects.csv mixed.csv
status_is 65
err_is <<'X'
rel-restore: mixed.csv:3: kind: "fight" is not one of harm, conflict, circle or reentry
rel-restore: 2 cases: 1 added, 0 updated, 0 unchanged, 1 bad
rel-restore: 1 record rejected to rejects.csv; the rest were imported
X
check_eq "$(cat rejects.csv)" "$H,reason
R21,2026-11-16T09:00:00,A901,fight,bad,,open,,,,\"line 3: kind: \"\"fight\"\" is not one of harm, conflict, circle or reentry\"" \
    "rejects.csv"
check_eq "$(sql "select count(*) from restorative_case")" 5 "cases"
db_save
printf 'Case,Opened,Type\nR40,2026-11-17,Conflict\n' >sis.csv
run rel-restore import --dry-run --map case_id=Case,opened_at=Opened,kind=Type sis.csv
status_is 0
err_is <<'X'
rel-restore: dry run, nothing written: 1 case: 1 added, 0 updated, 0 unchanged
X
db_unchanged
run rel-restore import --as A901 --map case_id=Case,opened_at=Opened,kind=Type sis.csv
status_is 0
check_eq "$(sql "select kind || ' ' || status from restorative_case where case_id = 'R40'")" \
    "conflict open" "mapped"
run rel-restore import --visibility team --parties restore-parties.csv
status_is 64
err_has 'rel-restore: --visibility does not apply to parties'

case_ "list | import round-trips into a fresh database, byte for byte"
cases
run rel-restore update R3 --as A905 --agreement "$(printf 'Line one, with a comma\nLine "two"')"
status_is 0
rel-restore list --as A901 >cases.csv 2>/dev/null || fail_ "list"
rel-restore list --as A901 --parties >parties.csv 2>/dev/null || fail_ "list parties"
# Into the same database, through files: a list of private rows that
# pipes into an import of its own database would wait for the import's
# write lock to write its audit row, and the import for the list's end.
run rel-restore import --as A901 cases.csv parties.csv
status_is 0
err_is <<'X'
rel-restore: 4 cases: 0 added, 0 updated, 0 unchanged, 4 duplicates ignored
rel-restore: 13 parties: 0 added, 0 updated, 0 unchanged, 13 duplicates ignored
X
db=$REL_DB
REL_DB="$T/copy.db"
roster_db
run_sh "rel-restore list --db '$db' --as A901 | rel-restore import"
status_is 0
err_is <<'X'
rel-restore: 4 cases: 4 added, 0 updated, 0 unchanged
X
run_sh "rel-restore list --db '$db' --as A901 --parties | rel-restore import --as A901 --parties"
status_is 0
err_is <<'X'
rel-restore: 13 parties: 13 added, 0 updated, 0 unchanged
X
run rel-restore list --as A901
out_file_is cases.csv
run rel-restore list --as A901 --parties
out_file_is parties.csv

case_ "list filters: --student, --adult, --kind, --status, --open, --since, --until, --case"
cases
run rel-restore list --as A901 --student 100202
out_is <<X
$H
R2,2026-11-02T09:30:00,A901,conflict,Argument in biology over a group grade,,circle_held,2026-11-16,,private
X
run rel-restore list --as A901 --adult A905 --format tsv
out_is <<'X'
case_id	opened_at	adult_id	kind	summary	agreement	status	follow_up_on	closed_at	visibility
R2	2026-11-02T09:30:00	A901	conflict	Argument in biology over a group grade		circle_held	2026-11-16		private
R3	2026-11-09T13:00:00	A905	harm	Knocked a lab model off the bench	Will rebuild the model together after school	agreement	2026-11-23		team
X
run rel-restore list --as A901 --kind harm --open
out_lines 2
out_has 'R3,'
run rel-restore list --as A901 --status closed
out_lines 2
out_has 'R1,'
run rel-restore list --as A901 --since 2026-11-09 --until 2026-11-09
out_lines 2
out_has 'R3,'
run rel-restore list --as A901 --open --parties --student 100209
out_is <<X
$P
R4,100209,,responsible
R4,,A901,facilitator
R4,,A903,supporter
X

case_ "list: a student set on stdin gives the cases of any of its students"
cases
printf 'student_id\n100207\n100211\n' >set.csv
STDIN=set.csv
run rel-restore list --as A901
status_is 0
out_lines 3
out_has 'R1,'
out_has 'R3,'
STDIN=/dev/null
run_sh 'rel-roster list --group ADV-204 | rel-restore list --as A901 --parties'
out_is <<X
$P
R2,100201,,harmed
R2,100202,,responsible
R2,,A901,facilitator
R2,,A905,supporter
R3,100204,,harmed
R3,100211,,responsible
R3,,A905,facilitator
R4,100209,,responsible
R4,,A901,facilitator
R4,,A903,supporter
X

case_ "list: bad filters"
cases
run rel-restore list --as A901 --kind fight
status_is 64
err_has 'rel-restore: --kind: "fight" is not one of harm, conflict, circle or reentry'
err_has 'usage: rel-restore list'
run rel-restore list --as A901 --status "done"
status_is 64
err_has 'rel-restore: --status: "done" is not one of open, circle_held, agreement, repaired or closed'
run rel-restore list --as A901 --student 999999
status_is 65
err_is <<'X'
rel-restore: --student: "999999" is not a known student
X
run rel-restore list --as A901 --case R9
status_is 65
err_is <<'X'
rel-restore: --case: "R9" is not a known case
X
run rel-restore list --since 2026-11-10 --until 2026-11-01
status_is 64
run rel-restore list R1
status_is 64
err_has 'rel-restore: list: takes no operands'
printf 'student_id\n999999\n' >set.csv
STDIN=set.csv
run rel-restore list --as A901
status_is 65
err_has 'rel-restore: stdin:2: student_id: "999999" is not a known student'

case_ "who sees what: author, parties, team of a team case, counselors"
cases
run rel-restore list --as A902
out_is <<X
$H
R3,2026-11-09T13:00:00,A905,harm,Knocked a lab model off the bench,Will rebuild the model together after school,agreement,2026-11-23,,team
X
run rel-restore list --as A905 --parties
out_is <<X
$P
R2,100201,,harmed
R2,100202,,responsible
R2,,A901,facilitator
R2,,A905,supporter
R3,100204,,harmed
R3,100211,,responsible
R3,,A905,facilitator
X
run rel-restore list --as A904
out_is <<X
$H
X
run rel-restore list
status_is 0
out_is <<X
$H
X
err_has 'rel-restore: no acting adult, so only staff records are shown'
run rel-restore list --as A901
out_lines 5
run rel-restore due --as A904
out_is <<X
$D
X

case_ "the audit row of a list of private cases names every student party"
cases
run rel-restore list --as A902
status_is 0
check_eq "$(sql "select count(*) from audit")" 0 "no audit row for team rows"
run rel-restore list --as A901 --student 100201
status_is 0
check_eq "$(sql "select u.command, u.students, u.detail from audit u")" \
    "rel-restore list|2|1 private row" "the audit row"
run rel-export audit --as A901 --student 100202
status_is 0
out_is <<'X'
at,adult_id,command,purpose,student_id
2026-11-20T10:00:00,A901,rel-restore list,,100202
X
run rel-restore list --as A901
check_eq "$(sql "select students || ' ' || detail from audit order by id desc limit 1")" \
    "5 3 private rows" "the second audit row"
run rel-restore list --as A905 --parties --case R2
check_eq "$(sql "select students || ' ' || detail from audit order by id desc limit 1")" \
    "2 4 private rows" "the parties' audit row"
run rel-restore due --as A901
check_eq "$(sql "select students || ' ' || detail from audit order by id desc limit 1")" \
    "3 3 private rows" "due's audit row"

case_ "due: follow-ups on or before today, one row per student party"
cases
run rel-restore due --as A901
status_is 0
out_is <<X
$D
R2,2026-11-16,4,conflict,circle_held,100201,Thandiwe,Müller-Okafor,harmed
R2,2026-11-16,4,conflict,circle_held,100202,Liam,O'Connor,responsible
R4,2026-11-19,1,reentry,open,100209,Aroha,Ngata,responsible
X
run rel-restore due --as A901 --on 7d
out_is <<X
$D
R2,2026-11-16,4,conflict,circle_held,100201,Thandiwe,Müller-Okafor,harmed
R2,2026-11-16,4,conflict,circle_held,100202,Liam,O'Connor,responsible
R4,2026-11-19,1,reentry,open,100209,Aroha,Ngata,responsible
R3,2026-11-23,-3,harm,agreement,100204,Oluwaseun,Adeyemi,harmed
R3,2026-11-23,-3,harm,agreement,100211,Fatima Zahra,El Amrani,responsible
X
run rel-restore due --as A901 --on 2026-11-18 --adult A903
out_is <<X
$D
X
run rel-restore due --as A901 --adult A903
out_is <<X
$D
R4,2026-11-19,1,reentry,open,100209,Aroha,Ngata,responsible
X
run rel-restore due --as A905
out_lines 3
# A deactivated student's rows are left out; a case with no active
# student party has none (every row names a student, for a set).
rel-roster deactivate student 100209 2>/dev/null || fail_ "deactivate"
run rel-restore due --as A901
out_lines 3
out_lacks 'R4,'
run rel-restore due --as A901 --on soon
status_is 64
err_has 'rel-restore: --on: "soon" is not a date (YYYY-MM-DD) or a span ahead of today'
run rel-restore due --as A901 --adult A999
status_is 65

case_ "due pipes as a student set, and reads one"
cases
run_sh 'rel-restore due --as A901 | rel-roster list'
status_is 0
out_lines 4
out_has '100209,'
printf 'student_id\n100202\n100204\n' >set.csv
STDIN=set.csv
run rel-restore due --as A901 --on 7d
out_is <<X
$D
R2,2026-11-16,4,conflict,circle_held,100202,Liam,O'Connor,responsible
R3,2026-11-23,-3,harm,agreement,100204,Oluwaseun,Adeyemi,harmed
X

case_ "--help, --version, unknown verbs and options"
school
for v in open update close import list due; do
	run rel-restore "$v" --help
	status_is 0
	out_has "usage: rel-restore $v [--db PATH] [--as ADULT_ID]"
	[ "$v" = due ] || out_lacks 'rel-restore due'
	err_empty
done
run rel-restore --help
status_is 0
out_has 'usage: rel-restore open [--db PATH] [--as ADULT_ID] [--kind KIND]'
out_has 'rel-restore due [--db PATH] [--as ADULT_ID] [--on WHEN]'
run rel-restore --version
status_is 0
out_is <<'X'
rel-restore (rel) 0.1.0
X
run rel-restore
status_is 64
run rel-restore remove
status_is 64
err_has 'rel-restore: unknown verb "remove"'
run rel-restore open --status open --harmed 100201
status_is 64
err_has 'rel-restore: open: --status does not apply here'
run rel-restore list --outcome x
status_is 64
err_has 'rel-restore: list: --outcome does not apply here'
run rel-restore list --parties x.csv
status_is 64
err_has 'rel-restore: list: takes no operands'
run rel-restore open --as A901 --harmed
status_is 64
err_has 'rel-restore: open: a value is needed after --harmed'

case_ "--db names the database; a missing one is 66; a write error on stdout is 74"
cases
mv "$REL_DB" "$T/other.db"
run rel-restore list --db "$T/other.db" --as A901
out_lines 5
run rel-restore list --db "$T/none.db"
status_is 66
run rel-restore open --db "$T/none.db" --as A901 --harmed 100201
status_is 66
run_sh "rel-restore list --db '$T/other.db' --as A901 >/dev/full"
status_is 74
err_is <<'X'
rel-restore: standard output: write error: No space left on device
X
