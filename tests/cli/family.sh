#!/bin/sh
# rel-family: add, import, list and its summary, due, quiet; the defaults;
# every bad input with its message, status and an unchanged database; the
# round trip of list through import; who sees which contacts, and the
# audit row of a list that shows private ones.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult's login names whoever runs the tests: the acting adult comes
# only from --as or $REL_AS. Reads that check what was recorded run as
# A901, the counselor, who sees every contact.
USER=nobody.rel-family-tests
export USER

# The fixture school: adults A901-A905, students 100201-100212 (100212 is
# deactivated). A901 is the counselor; A902-A905 see the team contacts of
# the students of their groups (members.csv).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv "$DATA"/family.csv "$DATA"/family-sis.csv . ||
		fail_ "cannot copy the fixtures"
	roster_db
}

# The school with the twelve contacts of tests/data/family.csv.
contacted() {
	school
	rel-family import family.csv 2>/dev/null || fail_ "family import failed"
}

HEAD=student_id,at,adult_id,channel,direction,tone,contact_name,relationship,language,summary,follow_up_on,visibility

case_ "add a contact: every field, a confirmation on stderr"
school
run rel-family add --as A905 100202 --channel call --direction to_home \
    --tone positive --contact "Siobhan O'Connor" --relationship mother \
    --language English --summary "Asked the sharpest question about enzymes" \
    --follow-up 7d
status_is 0
out_is </dev/null
err_is <<'X'
rel-family: family contact added for 100202
X
run rel-family list --as A901
status_is 0
out_is <<X
$HEAD
100202,2026-11-20T10:00:00,A905,call,to_home,positive,Siobhan O'Connor,mother,English,Asked the sharpest question about enzymes,2026-11-27,private
X

case_ "add: the defaults are now, the acting adult, neutral and private"
school
REL_AS=A903
export REL_AS
run rel-family add 100201 --channel TEXT --direction From_Home
status_is 0
unset REL_AS
run rel-family list --as A901
out_is <<X
$HEAD
100201,2026-11-20T10:00:00,A903,text,from_home,neutral,,,,,,private
X
check_eq "$(sql "select visibility || ' ' || tone from family_contact")" \
    "2 neutral" "stored"

case_ "add --at, --visibility and --follow-up take dates and spans"
school
run rel-family add --as A901 --at 2026-11-02T09:15:42 --visibility team \
    --follow-up 2026-11-09 --channel home_visit --direction to_home 100205
status_is 0
run rel-family add --as A901 --at 3d --follow-up today --channel call \
    --direction to_home 100205
status_is 0
run rel-family add --as A901 --follow-up 2w --channel call \
    --direction to_home 100206
status_is 0
run rel-family add --as A901 --follow-up 1m --channel email \
    --direction to_home 100206
status_is 0
run rel-family list --as A901
out_is <<X
$HEAD
100205,2026-11-02T09:15:00,A901,home_visit,to_home,neutral,,,,,2026-11-09,team
100205,2026-11-17T00:00:00,A901,call,to_home,neutral,,,,,2026-11-20,private
100206,2026-11-20T10:00:00,A901,call,to_home,neutral,,,,,2026-12-04,private
100206,2026-11-20T10:00:00,A901,email,to_home,neutral,,,,,2026-12-20,private
X

case_ "add: a bad --at, --follow-up or --visibility is a usage error"
school
db_save
run rel-family add --as A901 --at 2026-02-30 --channel call --direction to_home 100201
status_is 64
err_has 'rel-family: --at: "2026-02-30" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)'
err_has 'usage: rel-family add'
run rel-family add --as A901 --follow-up soon --channel call --direction to_home 100201
status_is 64
err_has 'rel-family: --follow-up: "soon" is not a date (YYYY-MM-DD) or a span ahead of today (7d, 2w, 1m, today, tomorrow)'
run rel-family add --as A901 --visibility secret --channel call --direction to_home 100201
status_is 64
err_has 'rel-family: --visibility: "secret" is not staff, team or private'
db_unchanged

case_ "add: a follow-up before the contact's date is bad data"
school
db_save
run rel-family add --as A901 --at 2026-11-10T09:00 --follow-up 2026-11-09 \
    --channel call --direction to_home 100201
status_is 65
out_is </dev/null
err_is <<'X'
rel-family: follow_up_on: "2026-11-09" is before the contact's date, 2026-11-10; a follow-up must be on or after it
X
db_unchanged

case_ "add: --channel and --direction are required; a student is needed"
school
db_save
run rel-family add --as A901 --direction to_home 100201
status_is 64
err_has 'rel-family: add: --channel and --direction are required'
err_has 'usage: rel-family add'
run rel-family add --as A901 --channel call 100201
status_is 64
err_has 'rel-family: add: --channel and --direction are required'
run rel-family add --as A901 --channel call --direction to_home
status_is 64
err_has 'rel-family: add: give STUDENT_ID, or a student set on standard input'
db_unchanged

case_ "add: bad values, unknown and deactivated students are bad data"
school
db_save
run rel-family add --as A901 --channel fax --direction to_home 100201
status_is 65
err_is <<'X'
rel-family: channel: "fax" is not one of call, text, email, letter, home_visit, meeting, conference, workshop or event
X
run rel-family add --as A901 --channel call --direction outbound 100201
status_is 65
err_is <<'X'
rel-family: direction: "outbound" is not one of to_home or from_home
X
run rel-family add --as A901 --channel call --direction to_home --tone angry 100201
status_is 65
err_is <<'X'
rel-family: tone: "angry" is not one of positive, neutral or concern
X
run rel-family add --as A901 --channel call --direction to_home 999999
status_is 65
err_is <<'X'
rel-family: student_id: "999999" is not a known student
X
run rel-family add --as A901 --channel call --direction to_home 100212
status_is 65
err_is <<'X'
rel-family: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
X
run rel-family add --as A901 --channel call --direction to_home \
    --contact "$(printf 'Rosa\tDíaz')" 100201
status_is 65
err_has 'rel-family: contact_name: "Rosa\tDíaz" has a control character'
db_unchanged

case_ "add: no acting adult, or an unknown one, is a usage error"
school
db_save
run rel-family add --channel call --direction to_home 100201
status_is 64
err_has "rel-family: who is writing this? Give --as ADULT_ID, set \$REL_AS, or set your login on your adult record (rel-roster set adult ID --login $USER)"
run rel-family add --as A999 --channel call --direction to_home 100201
status_is 64
err_has 'rel-family: --as: "A999" is not an active adult'
db_unchanged

case_ "add: the same contact again is a duplicate"
school
rel-family add --as A901 --at 2026-11-02T09:00 --channel call \
    --direction to_home 100201 2>/dev/null
run rel-family add --as A901 --at 2026-11-02T09:00:30 --channel call \
    --direction to_home --tone concern 100201
status_is 0
err_is <<'X'
rel-family: family contact already recorded; nothing added for 100201
X
check_eq "$(sql "select count(*) || ' ' || min(tone) from family_contact")" \
    "1 neutral" "contacts"

case_ "add for a student set on stdin: one contact each, or none"
school
printf 'student_id\n100206\n100208\n' >set.csv
STDIN=set.csv
run rel-family add --as A901 --at 2026-11-18T19:00 --channel workshop \
    --direction to_home --summary "Came to the multilingual families workshop"
status_is 0
err_is <<'X'
rel-family: 2 family contacts: 2 added, 0 duplicates ignored
X
printf 'student_id\n100207\n999999\n' >bad.csv
STDIN=bad.csv
db_save
run rel-family add --as A901 --channel call --direction to_home
status_is 65
err_has 'rel-family: stdin:3: student_id: "999999" is not a known student'
db_unchanged

case_ "import: twelve contacts, then the same again as duplicates"
school
run rel-family import family.csv
status_is 0
err_is <<'X'
rel-family: 12 family contacts: 12 added, 0 updated, 0 unchanged
X
run rel-family import family.csv
status_is 0
err_is <<'X'
rel-family: 12 family contacts: 0 added, 0 updated, 0 unchanged, 12 duplicates ignored
X
check_eq "$(sql "select count(*) from family_contact")" 12 "contacts"
check_eq "$(sql "select group_concat(visibility, '') from (select visibility from family_contact order by id)")" \
    "122220122222" "visibility: private unless given"

case_ "import: each bad record is rejected with its line; nothing is imported"
contacted
db_save
for bad in \
    '999999,2026-11-02,A901,call,to_home,,,,,,,|student_id: "999999" is not a known student' \
    '100212,2026-11-02,A901,call,to_home,,,,,,,|student_id: "100212" is deactivated' \
    '100201,2026-11-02,A999,call,to_home,,,,,,,|adult_id: "A999" is not a known adult' \
    '100201,2026-11-02,A901,fax,to_home,,,,,,,|channel: "fax" is not one of call, text, email, letter, home_visit, meeting, conference, workshop or event' \
    '100201,2026-11-02,A901,,to_home,,,,,,,|channel: is empty; expected call, text, email, letter, home_visit, meeting, conference, workshop or event' \
    '100201,2026-11-02,A901,call,inbound,,,,,,,|direction: "inbound" is not one of to_home or from_home' \
    '100201,2026-11-02,A901,call,to_home,cheerful,,,,,,|tone: "cheerful" is not one of positive, neutral or concern' \
    '100201,2026-11-02,A901,call,to_home,,,,,,,secret|visibility: "secret" is not staff, team or private' \
    '100201,2026-11-31,A901,call,to_home,,,,,,,|at: "2026-11-31" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)' \
    '100201,,A901,call,to_home,,,,,,,|at: is empty; expected a date-time (YYYY-MM-DDTHH:MM)' \
    '100201,2026-11-02,A901,call,to_home,,,,,,2026-11-31,|follow_up_on: "2026-11-31" is not a date (YYYY-MM-DD)' \
    '100201,2026-11-02T09:00,A901,call,to_home,,,,,,2026-11-01,|follow_up_on: "2026-11-01" is before the contact'"'"'s date, 2026-11-02; a follow-up must be on or after it'
do
	printf '%s\n%s\n' "$HEAD" "${bad%%|*}" >one.csv
	run rel-family import one.csv
	status_is 65
	err_is <<X
rel-family: one.csv:2: ${bad#*|}$(case $bad in *deactivated*) echo " (rel-roster set student 100212 --active 1 brings them back)" ;; esac)
rel-family: 1 bad record; nothing was imported
X
	db_unchanged
done

case_ "import: a whole file is all or nothing, every bad line reported"
contacted
db_save
cat >mixed.csv <<X
$HEAD
100207,2026-11-19T15:05,A904,call,to_home,positive,,,,Good news,,
999999,2026-11-19T15:05,A904,call,to_home,positive,,,,Who?,,
100208,2026-11-19T15:20,A905,email,from_home,neutral,,,,,2026-11-18,
X
run rel-family import mixed.csv
status_is 65
err_is <<'X'
rel-family: mixed.csv:3: student_id: "999999" is not a known student
rel-family: mixed.csv:4: follow_up_on: "2026-11-18" is before the contact's date, 2026-11-19; a follow-up must be on or after it
rel-family: 2 bad records; nothing was imported
X
db_unchanged

case_ "import --rejects keeps the good contacts and sets the bad ones aside"
contacted
cat >mixed.csv <<X
$HEAD
100207,2026-11-19T15:05,A904,call,to_home,positive,,,,Good news,,
999999,2026-11-19T15:05,A904,call,to_home,positive,,,,Who?,,
X
run rel-family import --rejects rejects.csv mixed.csv
status_is 65
err_is <<'X'
rel-family: mixed.csv:3: student_id: "999999" is not a known student
rel-family: 2 family contacts: 1 added, 0 updated, 0 unchanged, 1 bad
rel-family: 1 record rejected to rejects.csv; the rest were imported
X
check_eq "$(sql "select count(*) from family_contact")" 13 "contacts"
check_eq "$(cat rejects.csv)" "$HEAD,reason
999999,2026-11-19T15:05,A904,call,to_home,positive,,,,Who?,,,\"line 3: student_id: \"\"999999\"\" is not a known student\"" \
    "rejects.csv"

case_ "import --dry-run checks and counts, and writes nothing"
contacted
db_save
run rel-family import --dry-run family.csv family-sis.csv --ignore-unknown
status_is 65
run rel-family import --dry-run family.csv
status_is 0
err_is <<'X'
rel-family: dry run, nothing written: 12 family contacts: 0 added, 0 updated, 0 unchanged, 12 duplicates ignored
X
db_unchanged

case_ "import --map renames another system's headings; --visibility fills the empty ones"
school
run rel-family import --visibility team --map student_id=StudentNumber,at=ContactDate,adult_id=Staff,channel=Method,direction=Direction,tone=Outcome,contact_name=Contact,relationship=Relation,language=Lang,summary=Notes family-sis.csv
status_is 0
err_is <<'X'
rel-family: 2 family contacts: 2 added, 0 updated, 0 unchanged
X
run rel-family list --as A901
out_is <<X
$HEAD
100207,2026-11-19T15:05:00,A904,call,to_home,positive,Hiroshi Watanabe,father,Japanese,Shared his patience mentoring the new robotics members,,team
100208,2026-11-19T15:20:00,A905,email,from_home,neutral,Ayşe Yıldız,mother,Turkish,Asked for the lab schedule,,team
X
db_save
run rel-family import family-sis.csv
status_is 65
err_has 'rel-family: family-sis.csv:1: "StudentNumber" is not a known column (expected student_id, at, adult_id, channel, direction, tone, contact_name, relationship, language, summary, follow_up_on, visibility; --ignore-unknown skips it, --map renames it)'
run rel-family import --ignore-unknown family-sis.csv
status_is 65
err_has 'rel-family: family-sis.csv:1: "student_id" is a required column and is missing from the header'
run rel-family import --visibility everyone family.csv
status_is 64
db_unchanged

case_ "list: every contact, by student then time; list | import round-trips"
contacted
run rel-family list --as A901
status_is 0
cp "$T/out" all.csv
check_eq "$(sed 1d all.csv | sort)" "$(sed 1d family.csv | sed \
    -e 's/,,$/,,private/' -e 's/,$/,private/' | sort)" \
    "the list is the file, with its defaults"
mv "$REL_DB" old.db
roster_db
run rel-family import all.csv
status_is 0
run rel-family list --as A901
out_file_is all.csv
mv "$REL_DB" new.db
REL_DB=old.db
run_sh 'rel-family list --as A901 | rel-family import --db new.db'
status_is 0
err_is <<'X'
rel-family: 12 family contacts: 0 added, 0 updated, 0 unchanged, 12 duplicates ignored
X

case_ "list --student, --adult, --channel, --direction, --tone, --since, --until"
contacted
run rel-family list --as A901 --student 100202 --tone concern
out_is <<X
$HEAD
100202,2026-10-14T15:40:00,A902,call,to_home,concern,Siobhan O'Connor,mother,English,Late to biology three times; she will look at the bus times,2026-10-21,private
100202,2026-11-12T15:30:00,A905,call,to_home,concern,Declan O'Connor,father,English,Slept through two labs; says he works evenings now,2026-11-17,private
X
run rel-family list --as A901 --adult A902 --direction from_home
out_is <<X
$HEAD
100202,2026-10-22T08:05:00,A902,email,from_home,neutral,Siobhan O'Connor,mother,English,Wrote that he now takes the earlier bus,,private
X
run rel-family list --as A901 --channel TEXT --since 2026-10-01
out_is <<X
$HEAD
100204,2026-11-16T12:15:00,A903,text,to_home,positive,Funmi Adeyemi,mother,Yoruba,Kept going on the long run; so proud,,team
X
run rel-family list --as A901 --since 2026-09-19 --until 2026-09-30
out_is <<X
$HEAD
100203,2026-09-30T17:00:00,A904,text,to_home,positive,Lin King,grandmother,Mandarin,Sent a photo of the robot's first run,,staff
100205,2026-09-19T16:00:00,A901,call,to_home,positive,Lucía García-Ramos,mother,Spanish,"Called back as agreed: settling in, and she joined the art club",,private
X
run rel-family list --as A901 --since 3d
out_is <<X
$HEAD
100206,2026-11-18T19:00:00,A901,workshop,to_home,neutral,Thanh Nguyễn,father,Vietnamese,Came to the multilingual families workshop,,private
X

case_ "list narrowed by a student set on stdin"
contacted
run_sh 'rel-roster list --group CLUB-ROBOT | rel-family list --as A901 --tone concern'
status_is 0
out_is <<X
$HEAD
100209,2026-11-06T09:00:00,A902,email,to_home,concern,Mere Ngata,aunt,te reo Māori,Quiet in club for two weeks; asked how things are at home,2026-11-13,private
X

case_ "list --summary: the balance of each student's contacts"
contacted
run rel-family list --summary --as A901
status_is 0
out_is <<'X'
student_id,given_name,family_name,contacts,positive,neutral,concern,to_home,from_home,last_at,last_positive_at,balance
100201,Thandiwe,Müller-Okafor,2,1,1,0,2,0,2026-11-04T18:30:00,2026-10-06T16:10:00,
100202,Liam,O'Connor,3,0,1,2,2,1,2026-11-12T15:30:00,,0.0
100203,Mei,"King, Jr.",1,1,0,0,1,0,2026-09-30T17:00:00,2026-09-30T17:00:00,
100204,Oluwaseun,Adeyemi,1,1,0,0,1,0,2026-11-16T12:15:00,2026-11-16T12:15:00,
100205,Ana Sofía,García-Ramos,2,1,0,1,1,1,2026-09-19T16:00:00,2026-09-19T16:00:00,1.0
100206,Minh Anh,Nguyễn,1,0,1,0,1,0,2026-11-18T19:00:00,,
100209,Aroha,Ngata,1,0,0,1,1,0,2026-11-06T09:00:00,,0.0
100211,Fatima Zahra,El Amrani,1,1,0,0,1,0,2026-10-28T13:20:00,2026-10-28T13:20:00,
X
run rel-family list --summary --as A901 --since 2026-11-01 --student 100202
out_is <<'X'
student_id,given_name,family_name,contacts,positive,neutral,concern,to_home,from_home,last_at,last_positive_at,balance
100202,Liam,O'Connor,1,0,0,1,1,0,2026-11-12T15:30:00,,0.0
X

case_ "list: bad filters"
contacted
run rel-family list --as A901 --channel fax
status_is 64
out_is </dev/null
err_has 'rel-family: --channel: "fax" is not call, text, email, letter, home_visit, meeting, conference, workshop or event'
err_has 'usage: rel-family list'
run rel-family list --as A901 --direction out
status_is 64
err_has 'rel-family: --direction: "out" is not to_home or from_home'
run rel-family list --as A901 --tone angry --summary
status_is 64
err_has 'rel-family: --tone: "angry" is not positive, neutral or concern'
run rel-family list --as A901 --student 999999
status_is 65
err_is <<'X'
rel-family: --student: "999999" is not a known student
X
run rel-family list --as A901 --adult A999
status_is 65
err_is <<'X'
rel-family: --adult: "A999" is not a known adult
X
run rel-family list --since 2026-11-10 --until 2026-11-01
status_is 64
err_has 'rel-family: --until: "2026-11-01" is not after --since 2026-11-10'
run rel-family list 100201
status_is 64
err_has 'rel-family: list: takes no operands (a student set comes on standard input)'
run rel-family list --on today
status_is 64
err_has 'rel-family: list: --on does not apply here'
run rel-family list --summary "text"
status_is 64

case_ "who sees what: a teacher their own, staff and their team's; no one, staff only"
contacted
run rel-family list --as A904
status_is 0
out_is <<X
$HEAD
100203,2026-09-30T17:00:00,A904,text,to_home,positive,Lin King,grandmother,Mandarin,Sent a photo of the robot's first run,,staff
X
run rel-family list --as A905
out_is <<X
$HEAD
100201,2026-10-06T16:10:00,A903,call,to_home,positive,Nomsa Müller-Okafor,mother,isiZulu,Called to share how she welcomed a new student in advisory,,team
100202,2026-11-12T15:30:00,A905,call,to_home,concern,Declan O'Connor,father,English,Slept through two labs; says he works evenings now,2026-11-17,private
100203,2026-09-30T17:00:00,A904,text,to_home,positive,Lin King,grandmother,Mandarin,Sent a photo of the robot's first run,,staff
100204,2026-11-16T12:15:00,A903,text,to_home,positive,Funmi Adeyemi,mother,Yoruba,Kept going on the long run; so proud,,team
100211,2026-10-28T13:20:00,A905,letter,to_home,positive,Khadija El Amrani,mother,Arabic,A letter about her strong start in biology,,private
X
run rel-family list --summary --as A904
out_is <<'X'
student_id,given_name,family_name,contacts,positive,neutral,concern,to_home,from_home,last_at,last_positive_at,balance
100203,Mei,"King, Jr.",1,1,0,0,1,0,2026-09-30T17:00:00,2026-09-30T17:00:00,
X
run rel-family list
status_is 0
out_lines 2
err_has 'rel-family: no acting adult, so only staff records are shown'

case_ "a list that shows private contacts is audited; staff ones are not"
contacted
rel-family list --as A904 >/dev/null 2>&1
check_eq "$(sql "select count(*) from audit")" 0 "audit rows after a staff list"
rel-family list --as A905 >/dev/null 2>&1
check_eq "$(sql "select a.adult_id || ' ' || u.command || ' ' || u.students || ' ' || u.detail from audit u join adult a on a.id = u.adult")" \
    "A905 rel-family list 2 2 private rows" "audit row"
check_eq "$(sql "select group_concat(s.student_id, ' ') from audit_student x join student s on s.id = x.student")" \
    "100202 100211" "students"

case_ "due: the acting adult's open follow-ups, days overdue"
contacted
run rel-family due --as A905
status_is 0
out_is <<'X'
student_id,given_name,family_name,follow_up_on,days_overdue,at,adult_id,channel,tone,contact_name,relationship,language,summary
100202,Liam,O'Connor,2026-11-17,3,2026-11-12T15:30:00,A905,call,concern,Declan O'Connor,father,English,Slept through two labs; says he works evenings now
X
run rel-family due --as A904
status_is 0
out_lines 1

case_ "due --all and --adult: done once a later contact is recorded"
contacted
run rel-family due --as A901 --all
out_is <<'X'
student_id,given_name,family_name,follow_up_on,days_overdue,at,adult_id,channel,tone,contact_name,relationship,language,summary
100209,Aroha,Ngata,2026-11-13,7,2026-11-06T09:00:00,A902,email,concern,Mere Ngata,aunt,te reo Māori,Quiet in club for two weeks; asked how things are at home
100202,Liam,O'Connor,2026-11-17,3,2026-11-12T15:30:00,A905,call,concern,Declan O'Connor,father,English,Slept through two labs; says he works evenings now
X
run rel-family due --as A901 --adult A902
out_is <<'X'
student_id,given_name,family_name,follow_up_on,days_overdue,at,adult_id,channel,tone,contact_name,relationship,language,summary
100209,Aroha,Ngata,2026-11-13,7,2026-11-06T09:00:00,A902,email,concern,Mere Ngata,aunt,te reo Māori,Quiet in club for two weeks; asked how things are at home
X
rel-family add --as A904 --channel text --direction to_home --tone positive \
    --summary "Back to his old self at robotics" 100209 2>/dev/null
run rel-family due --as A901 --all --format tsv
out_is <<'X'
student_id	given_name	family_name	follow_up_on	days_overdue	at	adult_id	channel	tone	contact_name	relationship	language	summary
100202	Liam	O'Connor	2026-11-17	3	2026-11-12T15:30:00	A905	call	concern	Declan O'Connor	father	English	Slept through two labs; says he works evenings now
X

case_ "due --on: what falls due by a day ahead"
contacted
rel-family add --as A905 --channel call --direction to_home --follow-up 5d 100201 2>/dev/null
run rel-family due --as A905 --on 7d
out_is <<'X'
student_id,given_name,family_name,follow_up_on,days_overdue,at,adult_id,channel,tone,contact_name,relationship,language,summary
100202,Liam,O'Connor,2026-11-17,3,2026-11-12T15:30:00,A905,call,concern,Declan O'Connor,father,English,Slept through two labs; says he works evenings now
100201,Thandiwe,Müller-Okafor,2026-11-25,-5,2026-11-20T10:00:00,A905,call,neutral,,,,
X
run rel-family due --as A905 --on 2026-11-16
out_lines 1

case_ "due: a teacher cannot see a later private contact, so it stays open for them"
contacted
rel-family add --as A901 --at 2026-11-18T10:00 --channel call --direction from_home 100202 2>/dev/null
run rel-family due --as A905
out_lines 2
out_has '100202,Liam'
run rel-family due --as A901 --all
out_lines 2
out_has '100209,Aroha'

case_ "due pipes as a student set"
contacted
run_sh 'rel-family due --as A901 --all | rel-family list --summary --as A901'
status_is 0
out_is <<'X'
student_id,given_name,family_name,contacts,positive,neutral,concern,to_home,from_home,last_at,last_positive_at,balance
100202,Liam,O'Connor,3,0,1,2,2,1,2026-11-12T15:30:00,,0.0
100209,Aroha,Ngata,1,0,0,1,1,0,2026-11-06T09:00:00,,0.0
X

case_ "due: bad options"
contacted
run rel-family due
status_is 64
err_has 'rel-family: due: whose follow-ups? With no acting adult, give --as ADULT_ID, --adult ID, or --all for everyone'
err_has 'usage: rel-family due'
run rel-family due --as A901 --all --adult A902
status_is 64
err_has 'rel-family: due: give --all or --adult, not both'
run rel-family due --as A901 --on someday
status_is 64
err_has 'rel-family: --on: "someday" is not a date (YYYY-MM-DD) or a span ahead of today (7d, 2w, 1m, today, tomorrow)'
run rel-family due --as A901 --adult A999
status_is 65
err_is <<'X'
rel-family: --adult: "A999" is not a known adult
X
run rel-family due --as A901 --since 3d
status_is 64
err_has 'rel-family: due: --since does not apply here'

case_ "quiet: no contact in 30 days, or only concerns; never contacted first"
contacted
run rel-family quiet --as A901
status_is 0
out_is <<'X'
student_id,given_name,family_name,grade,last_contact_at,last_positive_at,contacts_in_window,concerns_in_window,reason
100207,Kaito,Watanabe,12,,,0,0,none
100208,Zeynep,Yıldız,11,,,0,0,none
100210,Dmitri,Volkov-Sato,12,,,0,0,none
100205,Ana Sofía,García-Ramos,11,2026-09-19T16:00:00,2026-09-19T16:00:00,0,0,none
100203,Mei,"King, Jr.",10,2026-09-30T17:00:00,2026-09-30T17:00:00,0,0,none
100209,Aroha,Ngata,10,2026-11-06T09:00:00,,1,1,concern_only
X
err_empty
run rel-family quiet --as A901 --since 2026-11-10
out_is <<'X'
student_id,given_name,family_name,grade,last_contact_at,last_positive_at,contacts_in_window,concerns_in_window,reason
100207,Kaito,Watanabe,12,,,0,0,none
100208,Zeynep,Yıldız,11,,,0,0,none
100210,Dmitri,Volkov-Sato,12,,,0,0,none
100205,Ana Sofía,García-Ramos,11,2026-09-19T16:00:00,2026-09-19T16:00:00,0,0,none
100203,Mei,"King, Jr.",10,2026-09-30T17:00:00,2026-09-30T17:00:00,0,0,none
100211,Fatima Zahra,El Amrani,9,2026-10-28T13:20:00,2026-10-28T13:20:00,0,0,none
100201,Thandiwe,Müller-Okafor,9,2026-11-04T18:30:00,2026-10-06T16:10:00,0,0,none
100209,Aroha,Ngata,10,2026-11-06T09:00:00,,0,0,none
100202,Liam,O'Connor,9,2026-11-12T15:30:00,,1,1,concern_only
X

case_ "quiet narrowed by a student set; a teacher is told what it counts"
contacted
run_sh 'rel-roster list --group ADV-204 | rel-family quiet --as A901'
out_is <<'X'
student_id,given_name,family_name,grade,last_contact_at,last_positive_at,contacts_in_window,concerns_in_window,reason
100209,Aroha,Ngata,10,2026-11-06T09:00:00,,1,1,concern_only
X
run_sh 'rel-roster list --group ADV-204 | rel-family quiet --as A905'
status_is 0
out_is <<'X'
student_id,given_name,family_name,grade,last_contact_at,last_positive_at,contacts_in_window,concerns_in_window,reason
100209,Aroha,Ngata,10,,,0,0,none
100201,Thandiwe,Müller-Okafor,9,2026-10-06T16:10:00,2026-10-06T16:10:00,0,0,none
100202,Liam,O'Connor,9,2026-11-12T15:30:00,,1,1,concern_only
X
err_is <<'X'
rel-family: quiet counts only the family contacts you may see (yours, and the staff and team ones of your students); a counselor sees them all
X

case_ "quiet: bad options"
contacted
run rel-family quiet --as A901 --since whenever
status_is 64
err_has 'rel-family: --since: "whenever" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)'
run rel-family quiet --as A901 --all
status_is 64
err_has 'rel-family: quiet: --all does not apply here'
run rel-family quiet --as A901 100201
status_is 64
err_has 'rel-family: quiet: takes no operands (a student set comes on standard input)'

case_ "--help, --version, unknown verbs and options"
school
for v in add import list due quiet; do
	run rel-family "$v" --help
	status_is 0
	out_has "usage: rel-family $v [--db PATH] [--as ADULT_ID]"
	[ "$v" = quiet ] || out_lacks 'rel-family quiet'
	err_empty
done
run rel-family --help
status_is 0
out_has 'usage: rel-family add [--db PATH] [--as ADULT_ID] --channel CHANNEL'
out_has 'rel-family quiet [--db PATH]'
run rel-family -h
status_is 0
run rel-family --version
status_is 0
out_is <<'X'
rel-family (rel) 0.1.0
X
run rel-family
status_is 64
err_has 'usage: rel-family'
run rel-family remove
status_is 64
err_has 'rel-family: unknown verb "remove"'
run rel-family add --summary
status_is 64
err_has 'rel-family: add: a value is needed after --summary'
run rel-family import --tone positive family.csv
status_is 64
err_has 'rel-family: import: --tone does not apply here'

case_ "--db names the database; a missing one is 66"
contacted
mv "$REL_DB" "$T/other.db"
run rel-family list --as A901 --db "$T/other.db"
status_is 0
out_lines 13
run rel-family list --db "$T/none.db"
status_is 66
run rel-family add --db "$T/none.db" --as A901 --channel call --direction to_home 100201
status_is 66

case_ "a write error on stdout exits 74"
contacted
run_sh 'rel-family list --as A901 >/dev/full'
status_is 74
err_is <<'X'
rel-family: standard output: write error: No space left on device
X
run_sh 'rel-family quiet --as A901 >/dev/full'
status_is 74
