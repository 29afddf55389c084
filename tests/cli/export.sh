#!/bin/sh
# rel-export: export (files, modes, round trip, visibility, the audit row,
# narrowing, the inspection packet, spreadsheet safety), the de-identified
# export (nothing re-identifies, stable pseudonyms, the key kept in, weeks,
# suppression), audit (rows, filters, who sees which), purge (counts,
# permission, no old text left in the file), and the usage errors.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult's login names whoever runs the tests.
USER=nobody.rel-export-tests
export USER

# The sample school of 60 students (seed 1): A001 counselor, A002 admin,
# A003 coach, A004-A006 teachers; students S0001-S0060.
school() {
	sample_db 60 1
}

# files DIR: the names in a directory, on one line.
files() {
	(cd "$1" && printf '%s ' *)
}

# mode FILE: its permission bits, in octal.
mode() {
	stat -c %a "$1"
}

case_ "export writes one file per kind and a manifest, 0700 and 0600"
school
run rel-export export --as A001 --out ex --purpose "end of term archive"
status_is 0
err_is <<'X'
rel-export: exported to ex: student 60, adult 6, group 17, member 374, connection 93, checkin 1746, profile 234, note 141, family 122, goal 29, progress 64, case 3, party 9, indicator 3840
X
out_is </dev/null
check_eq "$(files ex)" "adult.csv case.csv checkin.csv connection.csv family.csv goal.csv group.csv indicator.csv manifest.csv member.csv note.csv party.csv profile.csv progress.csv student.csv " "files"
check_eq "$(mode ex)" 700 "directory mode"
for f in ex/*.csv; do
	check_eq "$(mode "$f")" 600 "$f mode"
done
run cat ex/manifest.csv
out_is <<'X'
file,kind,rows,at,adult_id,purpose,deidentified
student.csv,student,60,2026-11-20T10:00:00,A001,end of term archive,0
adult.csv,adult,6,2026-11-20T10:00:00,A001,end of term archive,0
group.csv,group,17,2026-11-20T10:00:00,A001,end of term archive,0
member.csv,member,374,2026-11-20T10:00:00,A001,end of term archive,0
connection.csv,connection,93,2026-11-20T10:00:00,A001,end of term archive,0
checkin.csv,checkin,1746,2026-11-20T10:00:00,A001,end of term archive,0
profile.csv,profile,234,2026-11-20T10:00:00,A001,end of term archive,0
note.csv,note,141,2026-11-20T10:00:00,A001,end of term archive,0
family.csv,family,122,2026-11-20T10:00:00,A001,end of term archive,0
goal.csv,goal,29,2026-11-20T10:00:00,A001,end of term archive,0
progress.csv,progress,64,2026-11-20T10:00:00,A001,end of term archive,0
case.csv,case,3,2026-11-20T10:00:00,A001,end of term archive,0
party.csv,party,9,2026-11-20T10:00:00,A001,end of term archive,0
indicator.csv,indicator,3840,2026-11-20T10:00:00,A001,end of term archive,0
X

case_ "export --no-excel-safe: each file is the kind's list, byte for byte"
school
rel-export export --as A001 --out ex --purpose test --no-excel-safe 2>/dev/null ||
	fail_ "export failed"
run rel-roster list students --all
out_file_is ex/student.csv
run rel-roster list adults --all
out_file_is ex/adult.csv
run rel-roster list groups --all
out_file_is ex/group.csv
run rel-roster list members --all
out_file_is ex/member.csv
run rel-map list --as A001
out_file_is ex/connection.csv
run rel-checkin list --as A001
out_file_is ex/checkin.csv
run rel-profile list --as A001 --history
out_file_is ex/profile.csv
run rel-note list --as A001
out_file_is ex/note.csv
run rel-family list --as A001
out_file_is ex/family.csv
run rel-goal list --as A001 --status all
out_file_is ex/goal.csv
run rel-goal list --as A001 --status all --progress
out_file_is ex/progress.csv
run rel-restore list --as A001
out_file_is ex/case.csv
run rel-restore list --as A001 --parties
out_file_is ex/party.csv
run rel-indicator list --as A001
out_file_is ex/indicator.csv

case_ "a full export imports back into an empty database, and exports the same"
school
rel-export export --as A001 --out ex --purpose test --no-excel-safe 2>/dev/null ||
	fail_ "export failed"
REL_DB="$T/copy.db"
rel-init create >/dev/null 2>&1 || fail_ "rel-init create failed"
run rel-roster import ex/adult.csv ex/student.csv ex/group.csv ex/member.csv
status_is 0
run rel-map import ex/connection.csv
status_is 0
run rel-checkin import ex/checkin.csv
status_is 0
run rel-profile import ex/profile.csv
status_is 0
run rel-note import ex/note.csv
status_is 0
run rel-family import ex/family.csv
status_is 0
run rel-goal import ex/goal.csv
status_is 0
run rel-goal import --progress ex/progress.csv
status_is 0
run rel-restore import ex/case.csv
status_is 0
run rel-restore import --parties ex/party.csv --as A001
status_is 0
run rel-indicator import ex/indicator.csv
status_is 0
run rel-export export --as A001 --out again --purpose test --no-excel-safe
status_is 0
for f in ex/*.csv; do
	cmp -s "$f" "again/${f#ex/}" || fail_ "$f differs after the round trip"
done

case_ "export is audited: purpose, kinds and rows, every student"
school
run rel-export export --as A001 --out ex --kind student,note --purpose "board report"
status_is 0
check_eq "$(sql "SELECT a.adult_id, u.command, u.purpose, u.students, u.detail FROM audit u JOIN adult a ON a.id = u.adult")" \
    "A001|rel-export export|board report|60|student 60, note 141" "audit row"
check_eq "$(sql "SELECT args FROM audit")" \
    "--as A001 --out ex --kind student,note --purpose 'board report'" "args"
check_eq "$(sql "SELECT count(*) FROM audit_student")" 60 "students named"
check_eq "$(files ex)" "manifest.csv note.csv student.csv " "files"

case_ "export: an existing directory is 73, and nothing is written or audited"
school
mkdir ex
: >ex/student.csv
db_save
run rel-export export --as A001 --out ex --purpose test
status_is 73
err_is <<'X'
rel-export: ex: cannot create: File exists (an export goes into a new directory)
X
db_unchanged
run rel-export export --as A001 --out ex --purpose test --deidentify
status_is 73
db_unchanged
check_eq "$(files ex)" "student.csv " "directory left alone"
check_eq "$(wc -c <ex/student.csv | tr -d ' ')" 0 "file left alone"
ln -s elsewhere link
run rel-export export --as A001 --out link --purpose test
status_is 73
db_unchanged
[ ! -e elsewhere ] || fail_ "followed a symbolic link"
run rel-export export --as A001 --out no/such/dir --purpose test
status_is 73
err_has 'rel-export: no/such/dir: cannot create: No such file or directory'
db_unchanged

case_ "export: usage errors are 64 and change nothing"
school
db_save
run rel-export export --as A001 --out ex
status_is 64
err_has 'rel-export: export: --purpose TEXT is required'
err_has 'usage: rel-export export'
run rel-export export --as A001 --out ex --purpose ""
status_is 64
run rel-export export --as A001 --purpose test
status_is 64
err_has 'rel-export: export: --out DIR is required'
run rel-export export --out ex --purpose test
status_is 64
err_has 'rel-export: who is writing this? Give --as ADULT_ID'
run rel-export export --as A999 --out ex --purpose test
status_is 64
err_has 'rel-export: --as: "A999" is not an active adult'
run rel-export export --as A001 --out ex --purpose test --kind notes
status_is 64
err_has 'rel-export: --kind: "notes" is not student, adult, group, member, connection, checkin, profile, note, family, goal, progress, case, party or indicator'
run rel-export export --as A001 --out ex --purpose test --kind student,
status_is 64
run rel-export export --as A001 --out ex --purpose test extra
status_is 64
err_has 'rel-export: export: takes no operands'
run rel-export export --as A001 --out ex --purpose test --excel-safe --no-excel-safe
status_is 64
run rel-export export --as A001 --out ex --purpose test --before 2026-01-01
status_is 64
err_has 'rel-export: export: --before does not apply here'
db_unchanged
[ ! -e ex ] || fail_ "a failed export left its directory"

case_ "export --student: an unknown student is 65, and nothing is made"
school
db_save
run rel-export export --as A001 --out ex --purpose test --student S9999
status_is 65
err_is <<'X'
rel-export: --student: "S9999" is not a known student
X
db_unchanged
[ ! -e ex ] || fail_ "a failed export left its directory"

case_ "export: a teacher gets only what the teacher may see"
school
run rel-export export --as A003 --out ex --purpose test --no-excel-safe
status_is 0
run rel-note list --as A003
out_file_is ex/note.csv
run rel-checkin list --as A003
out_file_is ex/checkin.csv
run rel-profile list --as A003 --history
out_file_is ex/profile.csv
run rel-map list --as A003
out_file_is ex/connection.csv
run rel-indicator list --as A003
out_file_is ex/indicator.csv
# A003 sees far less than a counselor; none of the private notes of others.
check_eq "$(wc -l <ex/note.csv | tr -d ' ')" 2 "notes A003 sees"
check_eq "$(sql "SELECT count(*) FROM note WHERE visibility = 2")" 10 "private notes held"
grep -q ',private$' ex/note.csv && fail_ "a private note went out"
check_eq "$(sql "SELECT a.adult_id, u.detail FROM audit u JOIN adult a ON a.id = u.adult")" \
    "A003|student 60, adult 6, group 17, member 374, connection 93, checkin 0, profile 0, note 1, family 3, goal 0, progress 0, case 0, party 0, indicator 0" "audit row"

case_ "export narrowed by a student set on stdin: the kinds about students"
school
printf 'student_id\nS0002\nS0003\n' >set.csv
STDIN=set.csv
run rel-export export --as A001 --out ex --purpose test --no-excel-safe
status_is 0
err_has 'rel-export: exported to ex: student 2, member'
check_eq "$(files ex)" "case.csv checkin.csv connection.csv family.csv goal.csv indicator.csv manifest.csv member.csv note.csv party.csv profile.csv progress.csv student.csv " "files"
check_eq "$(cut -d, -f1 ex/student.csv | tr '\n' ' ')" "student_id S0002 S0003 " "students"
for f in connection checkin profile note indicator; do
	check_eq "$(tail -n +2 "ex/$f.csv" | grep -v '^S000[23],' | grep -c '^S[0-9]')" 0 "other students in $f"
done
check_eq "$(tail -n +2 ex/member.csv | cut -d, -f2 | sort -u | tr '\n' ' ')" "S0002 S0003 " "members"
run rel-checkin list --as A001
STDIN=set.csv
run rel-checkin list --as A001
out_file_is ex/checkin.csv
check_eq "$(sql "SELECT students FROM audit WHERE command = 'rel-export export'")" 2 "audited students"

case_ "export --student: the packet holds the student's cases, and names no other student of them"
school
run rel-export export --as A001 --student S0048 --out pk --purpose "parent inspection request"
status_is 0
check_eq "$(cat pk/party.csv)" "case_id,student_id,adult_id,role
R1,S0048,,harmed
R1,,A002,facilitator" "parties: the student and the adults only"
check_eq "$(cut -d, -f1 pk/case.csv | tr '\n' ' ')" "case_id R1 " "cases"
! grep -q S0036 pk/*.csv || fail_ "the other student of the case is in the packet"

case_ "export --student: the inspection packet, with the student's audit rows"
school
rel-profile show S0001 --as A004 >/dev/null 2>&1 || fail_ "show failed"
rel-profile show S0002 --as A004 >/dev/null 2>&1 || fail_ "show failed"
printf 'student_id\nS0001\n' >set.csv
STDIN=set.csv
run rel-export export --as A001 --out packet --student S0001 --purpose "parent request" --no-excel-safe
status_is 0
err_is <<'X'
rel-export: exported to packet: student 1, member 5, connection 1, checkin 9, profile 3, note 2, family 0, goal 0, progress 0, case 0, party 0, indicator 64, audit 1
X
run cat packet/audit.csv
out_is <<'X'
at,adult_id,command,purpose,student_id
2026-11-20T10:00:00,A004,rel-profile show,,S0001
X
check_eq "$(tail -n +2 packet/student.csv | cut -d, -f1)" S0001 "student"
grep -h 'S00' packet/*.csv | grep -v S0001 && fail_ "another student in the packet"
run rel-note list --as A001 --student S0001
out_file_is packet/note.csv

case_ "export: deactivated students and their records are included"
school
rel-roster deactivate student S0001 2>/dev/null || fail_ "deactivate failed"
run rel-export export --as A001 --out ex --purpose test --kind student,checkin
status_is 0
grep -q '^S0001,.*,0,[^,]*,[^,]*$' ex/student.csv || fail_ "deactivated student left out"
check_eq "$(grep -c '^S0001,' ex/checkin.csv)" 9 "their check-ins"
check_eq "$(rel-checkin list --as A001 2>/dev/null | grep -c '^S0001,')" 0 "list leaves them out"

case_ "export is spreadsheet-safe by default; --no-excel-safe writes cells as they are"
school
cat >n.csv <<'X'
student_id,at,adult_id,kind,text
S0001,2026-11-19T09:00,A001,observation,"=HYPERLINK(""http://x"",""y"")"
S0001,2026-11-19T09:05,A001,observation,-1 for effort
X
rel-note import n.csv 2>/dev/null || fail_ "import failed"
run rel-export export --as A001 --out safe --purpose test --kind note
status_is 0
grep -qF '"'"'"'=HYPERLINK(""http://x"",""y"")"' safe/note.csv ||
	fail_ "formula not neutralised: $(grep HYPER safe/note.csv)"
grep -qF '"'"'"'-1 for effort"' safe/note.csv || fail_ "- not neutralised"
run rel-export export --as A001 --out plain --purpose test --kind note --no-excel-safe
status_is 0
grep -qF ',"=HYPERLINK(""http://x"",""y"")",' plain/note.csv || fail_ "plain cell changed"
grep -qF ',-1 for effort,' plain/note.csv || fail_ "plain cell changed"

case_ "--excel-safe on a list prefixes and quotes = + - @ TAB CR; without it, exact"
school
printf 'student_id,at,adult_id,note\nS0001,2026-11-19T09:00,A001,=2+3\nS0001,2026-11-19T09:01,A001,+1 today\nS0001,2026-11-19T09:02,A001,@home\nS0001,2026-11-19T09:03,A001,"\ttabbed"\nS0001,2026-11-19T09:04,A001,"a, b"\n' >c.csv
rel-checkin import c.csv 2>/dev/null || fail_ "import failed"
run rel-checkin list --as A001 --student S0001 --since 2026-11-19T09:00 --until 2026-11-19T09:05 --excel-safe
status_is 0
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
S0001,2026-11-19T09:00:00,A001,checkin,,,,"'=2+3",team
S0001,2026-11-19T09:01:00,A001,checkin,,,,"'+1 today",team
S0001,2026-11-19T09:02:00,A001,checkin,,,,"'@home",team
S0001,2026-11-19T09:03:00,A001,checkin,,,,"'	tabbed",team
S0001,2026-11-19T09:04:00,A001,checkin,,,,"a, b",team
X
run rel-checkin list --as A001 --student S0001 --since 2026-11-19T09:00 --until 2026-11-19T09:05
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
S0001,2026-11-19T09:00:00,A001,checkin,,,,=2+3,team
S0001,2026-11-19T09:01:00,A001,checkin,,,,+1 today,team
S0001,2026-11-19T09:02:00,A001,checkin,,,,@home,team
S0001,2026-11-19T09:03:00,A001,checkin,,,,	tabbed,team
S0001,2026-11-19T09:04:00,A001,checkin,,,,"a, b",team
X

case_ "de-identified export: no id, name, login, email or text of the source appears"
sample_db 300 3
run rel-export export --as A001 --out research --deidentify --purpose "study of check-in frequency"
status_is 0
err_has 'rel-export: de-identified and exported to research: student 300, adult 25'
{
	sql "SELECT student_id FROM student UNION SELECT given_name FROM student
	    UNION SELECT family_name FROM student
	    UNION SELECT preferred_name FROM student WHERE preferred_name <> ''
	    UNION SELECT pronouns FROM student WHERE pronouns <> ''
	    UNION SELECT adult_id FROM adult UNION SELECT given_name FROM adult
	    UNION SELECT family_name FROM adult UNION SELECT email FROM adult
	    UNION SELECT login FROM adult UNION SELECT group_id FROM grp
	    UNION SELECT name FROM grp
	    UNION SELECT note FROM checkin WHERE note <> ''
	    UNION SELECT note FROM connection WHERE note <> ''
	    UNION SELECT note FROM connection_event WHERE note <> ''
	    UNION SELECT text FROM note
	    UNION SELECT value FROM profile_item
	    EXCEPT SELECT home_language FROM student"
} >secrets.txt
[ "$(wc -l <secrets.txt)" -gt 900 ] || fail_ "too few secrets: $(wc -l <secrets.txt)"
# Whole words: a login such as a003 may turn up inside the hexadecimal
# digits of a pseudonym by chance. Text of several lines is searched line
# by line.
if grep -rwF -f secrets.txt research >found.txt; then
	fail_ "the export re-identifies: $(head -n 5 found.txt)"
fi
# The search does find them in a full export.
rel-export export --as A001 --out full --purpose test 2>/dev/null ||
	fail_ "export failed"
[ "$(grep -rwhoF -f secrets.txt full | sort -u | wc -l)" -gt 900 ] ||
	fail_ "the search finds too little in a full export"
# Nor anything that looks like a date-time or a date.
grep -rE '[0-9]{4}-[0-9]{2}-[0-9]{2}' research/*.csv | grep -v '^research/manifest.csv:' &&
	fail_ "a date was not coarsened"
check_eq "$(cut -d, -f2 research/checkin.csv | tail -n +2 | grep -cvE '^[0-9]{4}-W[0-9]{2}$')" 0 "weeks"
check_eq "$(cut -d, -f1 research/student.csv | tail -n +2 | grep -cvE '^s_[0-9a-f]{32}$')" 0 "pseudonyms"
tail -n +2 research/student.csv | sort -c || fail_ "rows not in pseudonym order"
key=$(sql "SELECT value FROM setting WHERE key = 'deidentify_key'")
check_eq "${#key}" 64 "key length"
grep -rqF "$key" research && fail_ "the key was exported"
grep -rqiF "$(printf %s "$key" | cut -c1-16)" research && fail_ "part of the key was exported"
check_eq "$(sql "SELECT detail FROM audit WHERE id = 1")" \
    "de-identified: student 300, adult 25, group 94, member 1925, connection 710, checkin 8324, profile 1246, note 710, family 524, goal 132, progress 305, case 12, party 42, indicator 19200" "audit detail"
check_eq "$(sql "SELECT count(*) FROM audit_student WHERE audit = 1")" 300 "audit names the real students"

case_ "de-identified: suppression of small grades, languages, roles and groups"
sample_db 300 3
sql "UPDATE student SET grade = '13' WHERE student_id IN ('S0001', 'S0002', 'S0003')" ||
	fail_ "update failed"
run rel-export export --as A001 --out r --deidentify --purpose test --kind student,adult,group,member
status_is 0
# Grade 13 has 3 students: left empty; the others are kept.
check_eq "$(tail -n +2 r/student.csv | cut -d, -f6 | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
    "$(sql "SELECT ' ' || count(*) || ' ' || CASE grade WHEN '13' THEN '' ELSE grade END FROM student GROUP BY grade ORDER BY CASE grade WHEN '13' THEN '' ELSE grade END" | tr '\n' ';')" "grades"
# A home language is kept only with 10 or more students of its grade.
want=$(sql "SELECT sum(n) FROM (SELECT count(*) AS n FROM student
    WHERE home_language IS NOT NULL AND grade <> '13'
    GROUP BY grade, home_language HAVING count(*) >= 10)")
check_eq "$(tail -n +2 r/student.csv | cut -d, -f7 | grep -c .)" "$want" "languages kept"
check_eq "$(tail -n +2 r/student.csv | cut -d, -f6,7 | sort -u | tr '\n' ' ')" \
    ", 10, 10,English 10,Spanish 11, 11,English 11,Spanish 12, 12,English 12,Spanish 9, 9,English 9,Spanish " "grade and language pairs"
# Only teacher (19 adults) is a role held by 10 or more.
check_eq "$(tail -n +2 r/adult.csv | cut -d, -f5 | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
    " 6 ; 19 teacher;" "roles"
# Groups with fewer than 10 active student members are left out, with
# every membership.
want=$(sql "SELECT count(*) FROM grp g WHERE (SELECT count(*) FROM member m
    WHERE m.grp = g.id AND m.student IS NOT NULL AND m.active = 1) >= 10")
check_eq "$(tail -n +2 r/group.csv | wc -l | tr -d ' ')" "$want" "groups kept"
want=$(sql "SELECT count(*) FROM member m WHERE (SELECT count(*) FROM member x
    WHERE x.grp = m.grp AND x.student IS NOT NULL AND x.active = 1) >= 10")
check_eq "$(tail -n +2 r/member.csv | wc -l | tr -d ' ')" "$want" "memberships kept"
check_eq "$(tail -n +2 r/member.csv | cut -d, -f1 | sort -u | wc -l | tr -d ' ')" \
    "$(tail -n +2 r/group.csv | wc -l | tr -d ' ')" "memberships of kept groups only"

case_ "de-identified: the same student has the same pseudonym in every export"
school
run rel-export export --as A001 --out one --deidentify --purpose test --kind student
status_is 0
key=$(sql "SELECT value FROM setting WHERE key = 'deidentify_key'")
run rel-export export --as A004 --out two --deidentify --purpose test --kind student,checkin
status_is 0
check_eq "$(sql "SELECT value FROM setting WHERE key = 'deidentify_key'")" "$key" "key made once"
cmp -s one/student.csv two/student.csv || fail_ "pseudonyms differ between exports"
run rel-export export --as A001 --out s1 --deidentify --purpose test --student S0001
status_is 0
p=$(tail -n 1 s1/student.csv | cut -d, -f1)
grep -q "^$p," one/student.csv || fail_ "S0001's pseudonym $p is not in the full export"
check_eq "$(cut -d, -f1 s1/checkin.csv | tail -n +2 | sort -u)" "$p" "the packet's check-ins carry it"
[ ! -e s1/audit.csv ] || fail_ "a de-identified packet has an audit.csv"
# Another database has another key, and other pseudonyms.
REL_DB="$T/other.db"
sample_db 60 1
run rel-export export --as A001 --out three --deidentify --purpose test --kind student
status_is 0
cmp -s one/student.csv three/student.csv && fail_ "two databases share pseudonyms"

case_ "audit: rows for a show, a list of private rows, and every export"
school
rel-profile show S0001 --as A004 >/dev/null 2>&1 || fail_ "show failed"
rel-note list --as A001 --kind concern >/dev/null 2>&1 || fail_ "list failed"
rel-note list --as A001 --kind affirmation >/dev/null 2>&1 || fail_ "list failed"
rel-export export --as A001 --out ex --kind student --purpose "board report" 2>/dev/null ||
	fail_ "export failed"
run rel-export audit --as A001
status_is 0
out_is <<'X'
at,adult_id,command,args,purpose,students,detail
2026-11-20T10:00:00,A004,rel-profile show,S0001 --as A004,,1,profile card
2026-11-20T10:00:00,A001,rel-note list,--as A001 --kind concern,,8,10 private rows
2026-11-20T10:00:00,A001,rel-export export,--as A001 --out ex --kind student --purpose 'board report',board report,60,student 60
X
err_empty

case_ "audit --student: only the accesses that touched the student, naming no other"
school
rel-profile show S0001 --as A004 >/dev/null 2>&1 || fail_ "show failed"
rel-profile show S0002 --as A004 >/dev/null 2>&1 || fail_ "show failed"
rel-note list --as A001 --kind concern >/dev/null 2>&1 || fail_ "list failed"
rel-export export --as A001 --out ex --kind student --purpose "board report" 2>/dev/null ||
	fail_ "export failed"
touched=$(sql "SELECT count(*) FROM audit_student x JOIN student s ON s.id = x.student WHERE s.student_id = 'S0001'")
run rel-export audit --as A001 --student S0001
status_is 0
check_eq "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" "$touched" "rows"
out_has '2026-11-20T10:00:00,A004,rel-profile show,,S0001'
out_has 'rel-export export,board report,S0001'
check_eq "$(grep -o 'S[0-9][0-9][0-9][0-9]' "$T/out" | sort -u)" S0001 "students named"
run rel-export audit --as A001 --by-student
status_is 0
out_has '2026-11-20T10:00:00,A004,rel-profile show,,S0002'
check_eq "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" "$(sql "SELECT count(*) FROM audit_student")" "pairs"

case_ "audit: a teacher sees their own rows; no acting adult sees none"
school
rel-profile show S0001 --as A004 >/dev/null 2>&1 || fail_ "show failed"
rel-profile show S0002 --as A005 >/dev/null 2>&1 || fail_ "show failed"
rel-export export --as A001 --out ex --kind student --purpose test 2>/dev/null ||
	fail_ "export failed"
run rel-export audit --as A004
status_is 0
out_is <<'X'
at,adult_id,command,args,purpose,students,detail
2026-11-20T10:00:00,A004,rel-profile show,S0001 --as A004,,1,profile card
X
run rel-export audit --as A004 --student S0002
status_is 0
out_is <<'X'
at,adult_id,command,purpose,student_id
X
run rel-export audit
status_is 0
out_is <<'X'
at,adult_id,command,args,purpose,students,detail
X
err_has 'rel-export: no acting adult, so only staff records are shown'
REL_AS=A002
export REL_AS
run rel-export audit
check_eq "$(tail -n +2 "$T/out" | wc -l | tr -d ' ')" 3 "an admin sees every row"
unset REL_AS

case_ "audit: --adult, --since, --until, --format; bad filters"
school
rel-profile show S0001 --as A004 >/dev/null 2>&1 || fail_ "show failed"
REL_NOW=2026-11-21T09:00:00 rel-profile show S0002 --as A005 >/dev/null 2>&1 ||
	fail_ "show failed"
run rel-export audit --as A001 --adult A005
out_is <<'X'
at,adult_id,command,args,purpose,students,detail
2026-11-21T09:00:00,A005,rel-profile show,S0002 --as A005,,1,profile card
X
run rel-export audit --as A001 --since 2026-11-21
out_lines 2
out_has 'A005'
run rel-export audit --as A001 --until 2026-11-20
out_lines 2
out_has 'A004'
run rel-export audit --as A001 --format json --adult A004
out_has '"command":"rel-profile show"'
db_save
run rel-export audit --as A001 --student S9999
status_is 65
err_is <<'X'
rel-export: --student: "S9999" is not a known student
X
run rel-export audit --as A001 --adult A999
status_is 65
run rel-export audit --as A001 --since yesterdayish
status_is 64
run rel-export audit --as A001 --format xml
status_is 64
run rel-export audit --as A001 --purpose x
status_is 64
err_has 'rel-export: audit: --purpose does not apply here'
db_unchanged

case_ "purge: deleted text leaves the file; newer text stays; the audit row has counts only"
school
rel-note add --as A001 --at 2026-08-01T09:00 S0001 observation "OLD-MARKER-q7Zx1 in the summer" 2>/dev/null ||
	fail_ "add failed"
rel-note add --as A001 --at 2026-11-01T09:00 S0001 observation "NEW-MARKER-q7Zx2 this term" 2>/dev/null ||
	fail_ "add failed"
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
check_eq "$(grep -c OLD-MARKER-q7Zx1 "$REL_DB")" 1 "old marker there before"
run rel-export purge --as A001 --before 2026-09-01 --purpose "retention: one year"
status_is 0
err_is <<'X'
rel-export: purged before 2026-09-01T00:00:00: checkin 153, note 14, connection 0, profile 1, family 17, goal 0, case 0, indicator 120
X
for f in "$REL_DB" "$REL_DB-wal" "$REL_DB-journal"; do
	[ -e "$f" ] || continue
	check_eq "$(grep -c OLD-MARKER-q7Zx1 "$f")" 0 "old marker in $f"
done
check_eq "$(grep -c NEW-MARKER-q7Zx2 "$REL_DB")" 1 "new marker kept"
check_eq "$(sql "SELECT count(*) FROM note WHERE at < '2026-09-01'")" 0 "old notes"
check_eq "$(sql "SELECT count(*) FROM checkin WHERE at < strftime('%s', '2026-09-01')")" 0 "old check-ins"
check_eq "$(sql "SELECT a.adult_id, u.command, u.purpose, u.students, u.detail FROM audit u JOIN adult a ON a.id = u.adult")" \
    "A001|rel-export purge|retention: one year|0|checkin 153, note 14, connection 0, profile 1, family 17, goal 0, case 0, indicator 120" "audit row"
check_eq "$(sql "SELECT count(*) FROM audit_student")" 0 "no student named"
run rel-init check
status_is 0

case_ "purge: goals and cases closed before the date go with their progress and parties; open ones stay"
school
open_cases=$(sql "SELECT count(*) FROM restorative_case WHERE closed_at IS NULL")
open_goals=$(sql "SELECT count(*) FROM goal WHERE closed_at IS NULL")
run rel-export purge --as A001 --before 2026-11-01 --kind goal,case
status_is 0
err_is <<'X'
rel-export: purged before 2026-11-01T00:00:00: goal 4, case 1
X
check_eq "$(sql "SELECT count(*) FROM goal WHERE closed_at < '2026-11-01'")" 0 "old closed goals"
check_eq "$(sql "SELECT count(*) FROM progress p WHERE NOT EXISTS (SELECT 1 FROM goal g WHERE g.id = p.goal)")" 0 "orphan progress"
check_eq "$(sql "SELECT count(*) FROM party p WHERE NOT EXISTS (SELECT 1 FROM restorative_case c WHERE c.id = p.rcase)")" 0 "orphan parties"
check_eq "$(sql "SELECT count(*) FROM progress")" 56 "progress left"
check_eq "$(sql "SELECT count(*) FROM party")" 6 "parties left"
check_eq "$(sql "SELECT count(*) FROM restorative_case WHERE closed_at IS NULL")" "$open_cases" "open cases kept"
check_eq "$(sql "SELECT count(*) FROM goal WHERE closed_at IS NULL")" "$open_goals" "open goals kept"

case_ "purge --dry-run counts and deletes nothing; --kind chooses"
school
db_save
run rel-export purge --as A001 --before 2026-09-01 --dry-run
status_is 0
err_is <<'X'
rel-export: dry run, nothing deleted; would purge before 2026-09-01T00:00:00: checkin 153, note 13, connection 0, profile 1, family 17, goal 0, case 0, indicator 120
X
db_unchanged
run rel-export purge --as A002 --before 2026-09-01 --kind note,profile
status_is 0
err_is <<'X'
rel-export: purged before 2026-09-01T00:00:00: note 13, profile 1
X
check_eq "$(sql "SELECT count(*) FROM checkin WHERE at < strftime('%s', '2026-09-01')")" 153 "check-ins kept"
check_eq "$(sql "SELECT detail FROM audit")" "note 13, profile 1" "detail"

case_ "purge: current profile items and each connection's latest mark are kept"
school
rel-profile add --as A001 --at 2026-01-05 S0001 interest "old but true" 2>/dev/null ||
	fail_ "add failed"
rel-profile add --as A001 --at 2026-01-05 S0001 interest "old and retired" 2>/dev/null ||
	fail_ "add failed"
rel-profile retire --as A001 --at 2026-02-01 S0001 interest "old and retired" 2>/dev/null ||
	fail_ "retire failed"
rel-map mark --adult A005 --strength 1 --at 2026-01-10 S0001 2>/dev/null || fail_ "mark failed"
rel-map mark --adult A005 --strength 2 --at 2026-02-10 S0001 2>/dev/null || fail_ "mark failed"
rel-map mark --adult A006 --strength 1 --at 2026-01-10 S0002 2>/dev/null || fail_ "mark failed"
run rel-export purge --as A001 --before 2026-06-01 --kind profile,connection
status_is 0
err_is <<'X'
rel-export: purged before 2026-06-01T00:00:00: connection 1, profile 1
X
check_eq "$(sql "SELECT value FROM profile_item WHERE at < '2026-06-01'")" "old but true" "current item kept"
check_eq "$(sql "SELECT e.strength, e.at FROM connection_event e JOIN adult a ON a.id = e.adult WHERE a.adult_id = 'A005' AND e.at < '2026-06-01'")" \
    "2|2026-02-10T00:00:00" "the latest mark kept"
check_eq "$(sql "SELECT count(*) FROM connection_event e JOIN adult a ON a.id = e.adult WHERE a.adult_id = 'A006' AND e.at < '2026-06-01'")" \
    1 "a sole mark kept"

case_ "purge: only a counselor or an admin; bad options are 64; nothing changes"
school
db_save
run rel-export purge --as A004 --before 2026-09-01
status_is 77
err_is <<'X'
rel-export: only a counselor or an admin may purge records, and A004 is neither
X
run rel-export purge --before 2026-09-01
status_is 64
err_has 'rel-export: who is writing this? Give --as ADULT_ID'
run rel-export purge --as A001
status_is 64
err_has 'rel-export: purge: --before WHEN is required'
run rel-export purge --as A001 --before 2026-13-01
status_is 64
err_has 'rel-export: --before: "2026-13-01"'
run rel-export purge --as A001 --before 2027-01-01
status_is 64
err_has 'rel-export: --before: "2027-01-01" is in the future; a purge deletes only what is past'
run rel-export purge --as A001 --before 2026-09-01 --kind student
status_is 64
err_has 'rel-export: --kind: "student" is not checkin, note, connection, profile, family, goal, case or indicator (the other kinds are never purged)'
run rel-export purge --as A001 --before 2026-09-01 --purpose ""
status_is 64
run rel-export purge --as A001 --before 2026-09-01 --out x
status_is 64
db_unchanged

case_ "--help, --version, unknown verbs and options"
school
for v in export audit purge; do
	run rel-export "$v" --help
	status_is 0
	out_has "usage: rel-export $v [--db PATH] [--as ADULT_ID]"
	[ "$v" = purge ] || out_lacks 'rel-export purge'
	err_empty
done
run rel-export --help
status_is 0
out_has 'usage: rel-export export [--db PATH] [--as ADULT_ID] --out DIR'
out_has 'rel-export purge [--db PATH] [--as ADULT_ID] --before WHEN'
run rel-export --version
status_is 0
out_is <<'X'
rel-export (rel) 0.1.0
X
run rel-export
status_is 64
err_has 'usage: rel-export'
run rel-export import
status_is 64
err_has 'rel-export: unknown verb "import"'
run rel-export audit --nope
status_is 64
err_has 'rel-export: audit: unknown option --nope'
run rel export --help
status_is 0
out_has 'usage: rel-export export'

case_ "--db names the database; a missing one is 66; a write error on stdout is 74"
school
mv "$REL_DB" "$T/other.db"
run rel-export export --db "$T/other.db" --as A001 --out ex --purpose test --kind adult
status_is 0
run rel-export audit --db "$T/none.db" --as A001
status_is 66
run rel-export export --db "$T/none.db" --as A001 --out ex2 --purpose test
status_is 66
[ ! -e ex2 ] || fail_ "directory made without a database"
run_sh "rel-export audit --db '$T/other.db' --as A001 >/dev/full"
status_is 74
err_is <<'X'
rel-export: standard output: write error: No space left on device
X
