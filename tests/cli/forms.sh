#!/bin/sh
# Exports of online forms: --student-from email, --date-format and quoted
# --map headings, for every importer; and rel-checkin(1)'s crontab line
# run as cron runs it.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

# The OneRoster fixture gives students with emails and logins; u-t1 is a
# teacher of u-s1, u-s2 (homeroom) and u-s3 (biology, with u-t2).
school() {
	rel-init create 2>/dev/null || fail_ "create failed"
	rel-roster import --oneroster "$DATA/oneroster/bulk" 2>/dev/null ||
	    fail_ "the roster failed"
	cp "$DATA/daily-form.csv" . || fail_ "no form"
}

MAP='at=Timestamp,student_id=Email Address,mood="How are you feeling today? (1 = rough, 5 = great)",understanding=How well did you understand the lessons? (1-5),workload=How heavy is your workload? (1-5),note="Anything else, for your advisor?"'
US='%m/%d/%Y %H:%M:%S'

case_ "a form's export: emails and logins, US timestamps, headings with commas"
school
run rel-checkin import --as u-t1 --student-from email --date-format "$US" --map "$MAP" daily-form.csv
status_is 0
err_is <<'X'
rel-checkin: 4 check-ins: 4 added, 0 updated, 0 unchanged
X
run rel-checkin list --adult u-t1 --as u-t1
out_is <<'X'
student_id,at,adult_id,kind,mood,understanding,workload,note,visibility
u-s1,2026-11-19T08:02:00,u-t1,checkin,4,3,2,,team
u-s1,2026-11-20T08:01:00,u-t1,checkin,3,,,,team
u-s2,2026-11-19T08:05:00,u-t1,checkin,2,4,5,"three tests this week, and I work on Saturdays",team
u-s3,2026-11-19T08:07:00,u-t1,checkin,5,5,3,the robotics team won!,team
X
# The same export again, as cron imports it every evening.
run rel-checkin import --as u-t1 --student-from email --date-format "$US" --map "$MAP" daily-form.csv
status_is 0
err_has '4 check-ins: 0 added'
# A student who has left since: their answers already here are still
# duplicates, so the evening's import goes on working.
rel-roster deactivate student u-s3 2>/dev/null || fail_ "deactivate"
run rel-checkin import --as u-t1 --student-from email --date-format "$US" --map "$MAP" daily-form.csv
status_is 0
err_is <<'X'
rel-checkin: 4 check-ins: 0 added, 0 updated, 0 unchanged, 4 duplicates ignored
X
# A new answer of theirs is refused, as any write about them is.
printf '11/20/2026 9:00:00,nakana@students.hv.example,3,3,3,\n' >>daily-form.csv
run rel-checkin import --as u-t1 --student-from email --date-format "$US" --map "$MAP" daily-form.csv
status_is 65
err_has 'daily-form.csv:6: student_id: "u-s3" is deactivated'

case_ "a bad row: an unknown email, a date that does not match, a day that is none"
school
cat >>daily-form.csv <<'X'
11/20/2026 8:03:00,nobody@students.hv.example,3,3,3,
2026-11-20 08:04:00,nakana@students.hv.example,3,3,3,
2/30/2026 8:05:00,nakana@students.hv.example,3,3,3,
X
db_save
run rel-checkin import --as u-t1 --student-from email --date-format "$US" --map "$MAP" daily-form.csv
status_is 65
err_is <<'X'
rel-checkin: daily-form.csv:6: student_id: "nobody@students.hv.example" is not the email or login of a known student (--student-from email)
rel-checkin: daily-form.csv:7: at: "2026-11-20 08:04:00" does not match --date-format "%m/%d/%Y %H:%M:%S" (or is no real date)
rel-checkin: daily-form.csv:8: at: "2/30/2026 8:05:00" does not match --date-format "%m/%d/%Y %H:%M:%S" (or is no real date)
rel-checkin: 3 bad records; nothing was imported
X
db_unchanged
# --rejects keeps the good rows and every bad one with its reason.
run rel-checkin import --as u-t1 --student-from email --date-format "$US" --map "$MAP" --rejects bad.csv daily-form.csv
status_is 65
check_eq "$(sql 'SELECT count(*) FROM checkin')" 4 "the good rows"
check_eq "$(sed -n 2p bad.csv)" '11/20/2026 8:03:00,nobody@students.hv.example,3,3,3,,"line 6: student_id: ""nobody@students.hv.example"" is not the email or login of a known student (--student-from email)"' "a reject"

case_ "without --student-from, an email is not an id; without --date-format, US dates are refused"
school
db_save
run rel-checkin import --as u-t1 --date-format "$US" --map "$MAP" daily-form.csv
status_is 65
err_has 'rel-checkin: daily-form.csv:2: student_id: "ahaddad@students.hv.example" is not a known student'
run rel-checkin import --as u-t1 --student-from email --map "$MAP" daily-form.csv
status_is 65
err_has 'rel-checkin: daily-form.csv:2: at: "11/19/2026 8:02:41" is not a date-time'
db_unchanged

case_ "12-hour clocks and month names; a date column takes the day"
school
cat >f.csv <<'X'
Submitted,Student,Channel,Follow up by,Notes
"Nov 19, 2026 3:05:00 PM",nakana@students.hv.example,call,"Nov 26, 2026",asked about the robotics trip
"November 20, 2026 9:15:00 a.m.",tkowalczyk,email,"Dec 1, 2026 12:00:00 AM",
X
sed -i 's/^Submitted,Student,Channel,/Submitted,Student,Channel,Way,/; s/,call,/,call,to_home,/; s/,email,/,email,from_home,/' f.csv
run rel-family import --as u-t2 --student-from email --date-format '%b %d, %Y %I:%M:%S %p' --map 'at=Submitted,student_id=Student,channel=Channel,direction=Way,follow_up_on=Follow up by,summary=Notes' f.csv
status_is 0
check_eq "$(sql "SELECT s.student_id, f.at, f.direction, f.follow_up_on FROM family_contact f JOIN student s ON s.id = f.student ORDER BY f.at")" \
"u-s3|2026-11-19T15:05:00|to_home|2026-11-26
u-s2|2026-11-20T09:15:00|from_home|2026-12-01" "contacts"

case_ "notes and indicators take the same options"
school
printf 'When,Who,What\n20/11/2026 10:00,ahaddad@students.hv.example,helped a classmate with the lab write-up\n' >n.csv
run rel-note import --as u-t1 --student-from email --date-format '%d/%m/%Y %H:%M' --map 'at=When,student_id=Who,text=What' --visibility team n.csv
status_is 65
err_has 'kind'
printf 'When,Who,What,kind\n20/11/2026 10:00,ahaddad@students.hv.example,helped a classmate with the lab write-up,affirmation\n' >n.csv
run rel-note import --as u-t1 --student-from email --date-format '%d/%m/%Y %H:%M' --map 'at=When,student_id=Who,text=What' n.csv
status_is 0
check_eq "$(sql "SELECT at, kind FROM note")" "2026-11-20T10:00:00|affirmation" "the note"
printf 'day,email,belonging\n11/18/2026,nakana,3.5\n' >s.csv
run rel-indicator import --student-from email --date-format '%m/%d/%Y' --wide --map 'date=day,student_id=email' s.csv
status_is 0
check_eq "$(sql "SELECT name, day, value FROM indicator")" "belonging|2026-11-18|3.5" "the indicator"

case_ "bad options: --student-from, --date-format, a --map quote"
school
db_save
run rel-checkin import --as u-t1 --student-from name daily-form.csv
status_is 64
err_has 'rel-checkin: --student-from: "name" is not id or email'
run rel-checkin import --as u-t1 --date-format '%m/%d/%Q' daily-form.csv
status_is 64
err_has 'rel-checkin: --date-format: "%m/%d/%Q" has %Q, which is not one of'
run rel-checkin import --as u-t1 --date-format '%H:%M' daily-form.csv
status_is 64
err_has 'needs a year (%Y or %y), a month (%m or %b) and a day (%d)'
run rel-checkin import --as u-t1 --date-format '%m/%d/%Y %I:%M' daily-form.csv
status_is 64
err_has 'needs %I and %p together'
run rel-checkin import --as u-t1 --map 'mood="How are you' daily-form.csv
status_is 64
err_has 'rel-checkin: --map: "mood=\"How are you" is not NEW=OLD'
run rel-roster import --student-from email students.csv
status_is 64
err_has 'rel-roster: import: --student-from does not apply here'
db_unchanged

case_ "the crontab line of rel-checkin(1) imports the form, as cron runs it"
school
mkdir -p srv/rel srv/forms
mv "$REL_DB" srv/rel/rel.db
cp daily-form.csv srv/forms/daily-checkin.csv
line=$(sed -n 's/^30 18 \* \* 1\\-5  //p' "$REL_ROOT/man/man1/rel-checkin.1" | head -n 1 |
    sed -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' -e 's/\\e/\\/g' -e "s|/srv/|$T/srv/|g")
[ -n "$line" ] || fail_ "no crontab line in rel-checkin.1"
# cron: sh -c, % written as \% (cron turns \% into %), an empty pipe.
line=$(printf '%s' "$line" | sed 's/\\%/%/g')
: | env -i PATH="$PATH" HOME="$T" REL_DB="$T/srv/rel/rel.db" REL_AS=u-t1 \
    REL_NOW="$REL_NOW" sh -c "$line" >"$T/out" 2>"$T/err"
check_eq "$(cat "$T/err")" "rel-checkin: 4 check-ins: 4 added, 0 updated, 0 unchanged" "what cron mails"
check_eq "$(sqlite3 srv/rel/rel.db 'SELECT count(*) FROM checkin')" 4 "check-ins"

case_end
