#!/bin/sh
# rel-roster: import (upsert, all-or-nothing, --rejects, --map), list with
# filters and student sets, add, set, deactivate.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

# A small school, written the way rel-roster list writes it.
school() {
	cat >adults.csv <<'X'
adult_id,given_name,family_name,email,role,login,active
A1,Amara,Osei,a1@school.example,counselor,aosei,1
A2,Jonas,Lindqvist,a2@school.example,teacher,jlindqvist,1
X
	cat >students.csv <<'X'
student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active,email,login
S1,Thandiwe,Müller-Okafor,Thandi,she/her,9,isiZulu,1,thandi.mo@students.example,tmuller
S2,Liam,O'Connor,,he/him,9,English,1,Liam.OConnor@students.example,loconnor
S3,Mei,"King, Jr.",,,10,Mandarin,1,,
X
	cat >groups.csv <<'X'
group_id,name,kind,lead_adult_id,active
ADV-1,Advisory 1,advisory,A1,1
C-1,Biology — period 2,class,A2,1
X
	cat >members.csv <<'X'
group_id,student_id,adult_id,active
ADV-1,S1,,1
ADV-1,S2,,1
ADV-1,,A2,1
C-1,S2,,1
C-1,S3,,1
X
}

loaded() {
	school
	roster_db
}

case_ "import several kinds in one transaction, with a summary each"
rel-init create 2>/dev/null
school
run rel-roster import adults.csv students.csv groups.csv members.csv
status_is 0
err_is <<'X'
rel-roster: 3 students: 3 added, 0 updated, 0 unchanged
rel-roster: 2 adults: 2 added, 0 updated, 0 unchanged
rel-roster: 2 groups: 2 added, 0 updated, 0 unchanged
rel-roster: 5 memberships: 5 added, 0 updated, 0 unchanged
X
check_eq "$(sql 'select count(*) from member')" 5 "memberships stored"

case_ "list writes back exactly what was imported"
loaded
for k in students adults groups members; do
	run rel-roster list "$k"
	status_is 0
	out_file_is "$k.csv"
done

case_ "import upserts by id and counts unchanged records"
loaded
sed 's/^S3,Mei,/S3,Meiling,/' students.csv >changed.csv
printf 'S4,Oluwaseun,Adeyemi,,,11,Yoruba,1,,\n' >>changed.csv
run rel-roster import changed.csv
status_is 0
err_is <<'X'
rel-roster: 4 students: 1 added, 1 updated, 2 unchanged
X
check_eq "$(sql "select given_name from student where student_id='S3'")" Meiling "updated name"

case_ "columns absent from the file keep their stored values"
loaded
printf 'student_id,given_name,family_name\nS1,Thandiwe,Müller-Okafor\n' >names.csv
run rel-roster import names.csv
status_is 0
err_is <<'X'
rel-roster: 1 student: 0 added, 0 updated, 1 unchanged
X
check_eq "$(sql "select grade||'/'||preferred_name from student where student_id='S1'")" 9/Thandi "kept columns"

case_ "bad records: every one reported, nothing imported, database unchanged"
loaded
db_save
cat >bad.csv <<'X'
student_id,given_name,family_name,grade
S9,Ana,Silva,9
S10,Bo,Chen,14
S11,,Diaz,10
S12,Eli,Ford,banana
X
run rel-roster import bad.csv
status_is 65
err_is <<'X'
rel-roster: bad.csv:3: grade: "14" is not a grade (PK, TK, KG, 1 to 13, or IT, PR, PS, UG, Other)
rel-roster: bad.csv:4: given_name: is empty; a name is required
rel-roster: bad.csv:5: grade: "banana" is not a grade (PK, TK, KG, 1 to 13, or IT, PR, PS, UG, Other)
rel-roster: 3 bad records; nothing was imported
X
db_unchanged

case_ "a bad record in a later file rolls back the earlier files too"
rel-init create 2>/dev/null
school
db_save
printf 'group_id,student_id,adult_id,active\nADV-1,S404,,1\n' >members.csv
run rel-roster import adults.csv students.csv groups.csv members.csv
status_is 65
err_is <<'X'
rel-roster: members.csv:2: student_id: "S404" is not a known student
rel-roster: 1 bad record; nothing was imported
X
db_unchanged

case_ "a missing required column"
loaded
db_save
printf 'student_id,given_name\nS5,Ana\n' >f.csv
run rel-roster import f.csv
status_is 65
err_is <<'X'
rel-roster: f.csv:1: "family_name" is a required column and is missing from the header
X
db_unchanged

case_ "an unknown column, and --ignore-unknown"
loaded
db_save
printf 'student_id,given_name,family_name,shoe_size\nS5,Ana,Silva,38\n' >f.csv
run rel-roster import f.csv
status_is 65
err_has 'rel-roster: f.csv:1: "shoe_size" is not a known column (expected student_id, given_name, family_name, preferred_name, pronouns, grade, home_language, active, email, login; --ignore-unknown skips it, --map renames it)'
db_unchanged
run rel-roster import --ignore-unknown f.csv
status_is 0
check_eq "$(sql "select family_name from student where student_id='S5'")" Silva "imported"

case_ "--map renames another system's columns"
loaded
printf 'StudentNumber,First,Last,Grade\n100234,Ana,Silva,09\n' >sis.csv
run rel-roster import --map student_id=StudentNumber,given_name=First,family_name=Last,grade=Grade sis.csv
status_is 0
err_is <<'X'
rel-roster: 1 student: 1 added, 0 updated, 0 unchanged
X
check_eq "$(sql "select grade from student where student_id='100234'")" 9 "grade 09 stored as 9"

case_ "--map naming a column the file lacks"
loaded
db_save
printf 'StudentNumber,First,Last\n1,A,B\n' >sis.csv
run rel-roster import --kind students --map student_id=StudentNo,given_name=First,family_name=Last sis.csv
status_is 65
err_is <<'X'
rel-roster: sis.csv:1: --map: "StudentNo" is not a column in the header
X
db_unchanged

case_ "--rejects keeps the good records and every bad one with a reason"
loaded
cat >mixed.csv <<'X'
student_id,given_name,family_name,grade
S20,Ana,Silva,9
S21,Bo,Chen,14
S22,"Ngozi, Ada",Okeke,10
S23,x
X
run rel-roster import --rejects rejects.csv mixed.csv
status_is 65
err_is <<'X'
rel-roster: mixed.csv:3: grade: "14" is not a grade (PK, TK, KG, 1 to 13, or IT, PR, PS, UG, Other)
rel-roster: mixed.csv:5: 2 fields, expected 4 as in the header
rel-roster: 4 students: 2 added, 0 updated, 0 unchanged, 2 bad
rel-roster: 2 records rejected to rejects.csv; the rest were imported
X
cat rejects.csv >"$T/out"
out_is <<'X'
student_id,given_name,family_name,grade,reason
S21,Bo,Chen,14,"line 3: grade: ""14"" is not a grade (PK, TK, KG, 1 to 13, or IT, PR, PS, UG, Other)"
S23,x,,,"line 5: 2 fields, expected 4 as in the header"
X
check_eq "$(sql "select group_concat(student_id) from student where student_id like 'S2_'")" S20,S22 "good rows kept"

case_ "--rejects with no bad records writes a header-only file and exits 0"
loaded
printf 'student_id,given_name,family_name\nS30,Ana,Silva\n' >f.csv
run rel-roster import --rejects rj.csv f.csv
status_is 0
check_eq "$(cat rj.csv)" "student_id,given_name,family_name,reason" "rejects header"

case_ "--dry-run validates and writes nothing"
loaded
db_save
printf 'student_id,given_name,family_name\nS40,Ana,Silva\n' >f.csv
run rel-roster import --dry-run f.csv
status_is 0
err_is <<'X'
rel-roster: dry run, nothing written: 1 student: 1 added, 0 updated, 0 unchanged
X
db_unchanged

case_ "import reads stdin; header-only input adds nothing"
loaded
printf 'student_id,given_name,family_name\n' >f.csv
STDIN=f.csv
run rel-roster import
status_is 0
err_is <<'X'
rel-roster: 0 students: 0 added, 0 updated, 0 unchanged
X

case_ "empty input to import is an error"
loaded
db_save
: >f.csv
run rel-roster import f.csv
status_is 65
err_is <<'X'
rel-roster: f.csv: empty input: expected a header row
X
db_unchanged

case_ "an unknown lead adult and a membership with both ids"
loaded
db_save
printf 'group_id,name,lead_adult_id\nG9,Chess Club,A99\n' >g.csv
printf 'group_id,student_id,adult_id\nADV-1,S1,A1\n' >m.csv
run rel-roster import g.csv m.csv
status_is 65
err_is <<'X'
rel-roster: g.csv:2: lead_adult_id: "A99" is not a known adult (import the adults first)
rel-roster: m.csv:2: a membership needs exactly one of student_id and adult_id
rel-roster: 2 bad records; nothing was imported
X
db_unchanged

case_ "bad values for role, email, login and active"
loaded
db_save
cat >a.csv <<'X'
adult_id,given_name,family_name,email,role,login,active
A7,Ana,Silva,not-an-email,teacher,asilva,1
A8,Bo,Chen,b@x.example,wizard,bchen,1
A9,Cy,Diaz,c@x.example,coach,aosei,1
A10,Di,Eze,d@x.example,staff,deze,maybe
X
run rel-roster import a.csv
status_is 65
err_is <<'X'
rel-roster: a.csv:2: email: "not-an-email" is not an email address (name@host)
rel-roster: a.csv:3: role: "wizard" is not one of teacher, counselor, advisor, coach, admin or staff
rel-roster: a.csv:4: login: "aosei" is already the login of adult A1
rel-roster: a.csv:5: active: "maybe" is not 1 or 0 (true/false, yes/no)
rel-roster: 4 bad records; nothing was imported
X
db_unchanged

case_ "a student's email and login are unique; emails compare without case"
loaded
db_save
cat >s.csv <<'X'
student_id,given_name,family_name,email,login
S8,Ana,Silva,THANDI.MO@students.example,asilva
S9,Bo,Chen,bo@students.example,loconnor
S10,Cy,Diaz,cy@,cdiaz
X
run rel-roster import s.csv
status_is 65
err_is <<'X'
rel-roster: s.csv:2: email: "THANDI.MO@students.example" is already the email of student S1
rel-roster: s.csv:3: login: "loconnor" is already the login of student S2
rel-roster: s.csv:4: email: "cy@" is not an email address (name@host)
rel-roster: 3 bad records; nothing was imported
X
db_unchanged
run rel-roster set student S1 --email t.mo@students.example
status_is 0
check_eq "$(sql "select email from student where student_id='S1'")" t.mo@students.example "email changed by set"

case_ "list filters: grade, group, adult, name"
loaded
run rel-roster list --grade 9
out_is <<'X'
student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active,email,login
S1,Thandiwe,Müller-Okafor,Thandi,she/her,9,isiZulu,1,thandi.mo@students.example,tmuller
S2,Liam,O'Connor,,he/him,9,English,1,Liam.OConnor@students.example,loconnor
X
run rel-roster list --group C-1
out_has 'S2,Liam'
out_has 'S3,Mei'
out_lines 3
run rel-roster list --adult A2
out_lines 4
run rel-roster list --name müller
out_lines 2
# case folds for ASCII letters only (SQLite's LIKE)
run rel-roster list --name MÜLLER
out_lines 1
run rel-roster list --name okafor
out_has S1
out_lines 2
run rel-roster list groups --adult A2
out_is <<'X'
group_id,name,kind,lead_adult_id,active
ADV-1,Advisory 1,advisory,A1,1
C-1,Biology — period 2,class,A2,1
X

case_ "an unknown group or adult in a filter is an error"
loaded
run rel-roster list --group NOPE
status_is 65
err_is <<'X'
rel-roster: --group: "NOPE" is not a known group
X

case_ "a student set on stdin narrows the list"
loaded
run_sh 'rel-roster list --grade 9 | rel-roster list --group C-1'
status_is 0
out_is <<'X'
student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active,email,login
S2,Liam,O'Connor,,he/him,9,English,1,Liam.OConnor@students.example,loconnor
X

case_ "an empty set selects nobody; a terminal or /dev/null selects everyone"
loaded
: >empty.csv
STDIN=empty.csv
run rel-roster list
out_lines 1
STDIN=/dev/null
run rel-roster list
out_lines 4

case_ "an unknown student in a set is an error"
loaded
printf 'student_id,x\nS1,a\nS77,b\n' >set.csv
STDIN=set.csv
run rel-roster list
status_is 65
err_is <<'X'
rel-roster: stdin:3: student_id: "S77" is not a known student
X

case_ "a set without a student_id column is an error"
loaded
printf 'id\nS1\n' >set.csv
STDIN=set.csv
run rel-roster list
status_is 65
err_is <<'X'
rel-roster: stdin:1: a student set needs a student_id column
X

case_ "add, set and deactivate; history stays"
loaded
run rel-roster add student S50 --given-name Zoë --family-name Ñuñez --grade kg
status_is 0
err_is <<'X'
rel-roster: student_id S50: added
X
check_eq "$(sql "select grade from student where student_id='S50'")" KG "grade code"
run rel-roster add student S50 --given-name Zoë --family-name Ñuñez
status_is 65
err_is <<'X'
rel-roster: student_id: "S50" already exists (rel-roster set changes it)
X
run rel-roster set student S50 --grade 1 --pronouns she/her
status_is 0
check_eq "$(sql "select grade||pronouns from student where student_id='S50'")" 1she/her "set"
run rel-roster set student S51 --grade 2
status_is 65
err_is <<'X'
rel-roster: student_id: "S51" is not a known student (rel-roster add makes one)
X
run rel-roster add student S52 --given-name Ana
status_is 65
err_is <<'X'
rel-roster: family_name: is required for a new student
X
run rel-roster deactivate student S50
status_is 0
run rel-roster list --name Zoë
out_lines 1
run rel-roster list --inactive
out_has 'S50,Zoë,Ñuñez'
out_lines 2
run rel-roster list --all
out_lines 5
check_eq "$(sql "select count(*) from student where student_id='S50'")" 1 "never deleted"

case_ "memberships: add and deactivate"
loaded
run rel-roster add member C-1 --student S1
status_is 0
run rel-roster list --group C-1
out_lines 4
run rel-roster deactivate member C-1 --student S1
status_is 0
run rel-roster list --group C-1
out_lines 3
run rel-roster list members --group C-1 --all
out_has 'C-1,S1,,0'
run rel-roster deactivate member C-1 --student S3 --adult A1
status_is 64

case_ "options that do not apply are usage errors"
loaded
run rel-roster add adult A5 --given-name A --family-name B --grade 9
status_is 64
err_has 'rel-roster: add: --grade does not apply to a adult'
run rel-roster list adults --grade 9
status_is 64
err_has 'rel-roster: --grade applies to students'
run rel-roster list --format xml
status_is 64
err_has 'rel-roster: --format: "xml" is not one of csv, tsv, table, json'
run rel-roster list nonsense
status_is 64
run rel-roster frob
status_is 64

case_ "formats: json, tsv and table"
loaded
run rel-roster list --grade 10 --format json
out_is <<'X'
[
{"student_id":"S3","given_name":"Mei","family_name":"King, Jr.","preferred_name":"","pronouns":"","grade":"10","home_language":"Mandarin","active":"1","email":"","login":""}
]
X
run rel-roster list adults --format tsv
out_is <<'X'
adult_id	given_name	family_name	email	role	login	active
A1	Amara	Osei	a1@school.example	counselor	aosei	1
A2	Jonas	Lindqvist	a2@school.example	teacher	jlindqvist	1
X
run rel-roster list --grade 9 --format table
out_is <<'X'
student_id  given_name  family_name    preferred_name  pronouns  grade  home_language  active  email                          login
----------  ----------  -------------  --------------  --------  -----  -------------  ------  -----------------------------  --------
S1          Thandiwe    Müller-Okafor  Thandi          she/her   9      isiZulu        1       thandi.mo@students.example     tmuller
S2          Liam        O'Connor                       he/him    9      English        1       Liam.OConnor@students.example  loconnor
X

case_ "--excel-safe neutralises formulas"
loaded
run rel-roster add student S60 --given-name '=HYPERLINK("x")' --family-name Silva
run rel-roster list --name HYPER --excel-safe
out_has "S60,\"'=HYPERLINK(\"\"x\"\")\",Silva"

case_ "no database: 66 with a hint"
run rel-roster list
status_is 66
err_is <<EOF2
rel-roster: $T/db/rel.db: no database here (create one with: rel-init create)
EOF2

case_ "a closed pipe ends quietly; a full disk fails with 74"
sample_db 300
run_sh 'rel-roster list | head -n 1'
status_is 0
err_empty
run_sh 'rel-roster list >/dev/full'
status_is 74
err_is <<'X'
rel-roster: standard output: write error: No space left on device
X

# A header that is slow to come (a pipe, a FIFO, a huge header) must not
# hold up other writers: the write lock is taken once every input's header
# has been read and checked.
case_ "an import takes the write lock only after its headers are checked"
loaded
mkfifo slow.csv
( rel-roster import slow.csv >imp.out 2>imp.err; echo $? >imp.st ) &
imp=$!
writer_not_locked_out
printf 'student_id,given_name,family_name\nS90,Ana,Lee\n' >slow.csv
wait "$imp"
check_eq "$(cat imp.st)" 0 "the import's status"
check_eq "$(cat imp.err)" "rel-roster: 1 student: 1 added, 0 updated, 0 unchanged" \
    "the import's summary"
check_eq "$(sql "SELECT given_name FROM student WHERE student_id = 'S90'")" Ana \
    "the imported student"

case_ "standard input is read once: - twice is a usage error"
loaded
db_save
printf 'student_id,given_name,family_name\nS91,Bo,Ma\n' >one.csv
STDIN=one.csv
run rel-roster import - -
status_is 64
err_has 'rel-roster: standard input (-) can be read only once'
db_unchanged

case_ "a busy database exits 75 and a retry succeeds"
loaded
# The holder waits for the lock if the probe below has it for a moment.
( printf '.timeout 10000\nBEGIN IMMEDIATE;\n'; sleep 6; printf 'COMMIT;\n' ) |
    sqlite3 "$REL_DB" &
holder=$!
# Wait until the other process really holds the write lock.
i=0
while sqlite3 "$REL_DB" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
REL_BUSY_TIMEOUT=300 run rel-roster add student S70 --given-name A --family-name B
status_is 75
err_has 'the database is busy (another program holds its lock; waited 300 ms); try again later'
check_eq "$(sql "select count(*) from student where student_id='S70'")" 0 "nothing written"
wait "$holder"
run rel-roster add student S70 --given-name A --family-name B
status_is 0

case_ "100,000 students stream in and round-trip byte for byte"
rel-init create 2>/dev/null
awk 'BEGIN {
	split("Zoë,José,Thandiwe,Liam,Mei,Søren,Ngozi,Łukasz,Ayşe,Dũng", g, ",")
	split("Müller-Okafor|O'\''Connor|\"King, Jr.\"|Nguyễn|Çelik|Silva", f, "|")
	print "student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active,email,login"
	for (i = 1; i <= 100000; i++)
		printf "S%06d,%s,%s,,,%d,English,1,,\n", i, g[i % 10 + 1], f[i % 6 + 1], 9 + i % 4
}' >big.csv
# Sanitizers and valgrind inflate memory by design: measure the plain build.
if [ -x /usr/bin/time ] && [ "$REL_B" = build ] && [ -z "$REL_WRAP" ]; then
	run_sh '/usr/bin/time -f "%M" -o mem.txt rel-roster import big.csv'
	mem=$(tail -n 1 mem.txt)
	[ "$mem" -lt 32768 ] || fail_ "peak memory ${mem} KiB, expected under 32 MiB"
else
	run_sh 'rel-roster import big.csv'
fi
status_is 0
err_has '100000 students: 100000 added'
run_sh 'rel-roster list'
out_file_is big.csv

case_ "ids: the active ids that begin with a prefix, sorted, for completion"
cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
    "$DATA"/members.csv .
roster_db
db_save
run rel-roster ids student 10021
status_is 0
out_is <<'OUT'
100210
100211
OUT
err_empty
run rel-roster ids adult
status_is 0
out_is <<'OUT'
A901
A902
A903
A904
A905
OUT
run rel-roster ids groups ADV-
status_is 0
out_is <<'OUT'
ADV-204
OUT
run rel-roster ids student 9
status_is 0
out_lines 0
db_unchanged

case_ "ids: LIKE's wildcards are plain characters; at most 500 ids"
rel-init create 2>/dev/null
{
	echo "adult_id,given_name,family_name"
	echo "A_1,Ana,Ruiz"
	echo "AB1,Bo,Chen"
	echo "A%1,Cy,Doe"
} >a.csv
awk 'BEGIN { print "student_id,given_name,family_name"
	for (i = 1; i <= 600; i++) printf "S%04d,Zoë,Silva\n", i }' >s.csv
rel-roster import a.csv s.csv 2>/dev/null
run rel-roster ids adult A_
out_is <<'OUT'
A_1
OUT
run rel-roster ids adult A%
out_is <<'OUT'
A%1
OUT
run rel-roster ids student
status_is 0
out_lines 500
out_has S0500
out_lacks S0501
run rel-roster ids student S06
out_is <<'OUT'
S0600
OUT

case_ "ids: a range of the UNIQUE index, not a scan of the table"
sample_db 20
# The WHERE clause of lib/roster.c's ids_sql: keep the two alike.
for t in student:student_id adult:adult_id grp:group_id; do
	plan=$(sql "EXPLAIN QUERY PLAN SELECT ${t#*:} FROM ${t%:*}
	    WHERE ${t#*:} >= 'S' AND ${t#*:} < 'S' || char(1114111) AND active
	    ORDER BY ${t#*:} LIMIT 500")
	case $plan in
	*"SEARCH ${t%:*} USING INDEX"*">? AND"*"<?)"*) ;;
	*) fail_ "${t%:*}: not an index range: $plan" ;;
	esac
done

case_ "ids: a kind of student, adult or group is required (64)"
sample_db 5
run rel-roster ids member
status_is 64
err_has 'rel-roster: ids: a kind is student, adult or group'
err_has 'usage: rel-roster'
run rel-roster ids
status_is 64
run rel-roster ids pupil
status_is 64
run rel-roster ids student S0 extra
status_is 64
run rel-roster ids student --format csv
status_is 64
err_has '--format does not apply here'

case_ "ids: no database is 66"
run rel-roster ids student --db nowhere.db
status_is 66
out_lines 0
