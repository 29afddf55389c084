#!/bin/sh
# demo.sh BUILD_DIR: make demo/rel.db with the fictional sample school and
# run a short tour on it. Each command is shown before its output. The
# tour is a counselor's day: after the school is made, it acts as the
# sample school's counselor, A001, as the README's tour does.
set -eu
B=${1:-build}
case $B in
/*) ;;
*) B="$(pwd)/$B" ;;
esac
PATH="$B/bin:$PATH"
export PATH
unset REL_DB REL_AS
rm -rf demo
# The reports go beside the database's directory, never into it.
mkdir demo demo/reports

show() {
	printf '\n$ %s\n' "$1"
	sh -c "$1" </dev/null
}

show "rel-init create --db demo/rel.db --sample 120 --seed 7"
# rel shows each adult only what they need to know (rel(7), PRIVACY); the
# counselor sees every record. An export lasts beyond one command, so it
# is shown here and done in this shell.
printf '\n$ %s\n' "export REL_AS=A001"
REL_AS=A001
export REL_AS
show "rel-roster list --db demo/rel.db --grade 9 --format table | head -n 8"
show "rel-roster list groups --db demo/rel.db --adult A010 --format table"
show "rel-roster list --db demo/rel.db --adult A010 | rel-roster list --db demo/rel.db --grade 10 --format table"
# A fictional SIS export with its own column names and one bad row.
cat >demo/sis-export.csv <<'X'
StudentNumber,First,Last,Grade
S0901,Amaru,Quispe,09
S0902,Leilani,Kahale,14
S0903,Siosaia,Tupou,10
X
show "rel-csv check demo/sis-export.csv"
show "rel-roster import --db demo/rel.db --map student_id=StudentNumber,given_name=First,family_name=Last,grade=Grade demo/sis-export.csv || echo \"exit status \$?: nothing was imported\""
show "rel-roster import --db demo/rel.db --map student_id=StudentNumber,given_name=First,family_name=Last,grade=Grade --rejects demo/fix-me.csv demo/sis-export.csv || cat demo/fix-me.csv"
# The mapping meeting: who has nobody in grade 9, and who might reach them.
show "rel-roster list --db demo/rel.db --grade 9 | rel-map gaps --db demo/rel.db --format table | head -n 8"
show "rel-roster list --db demo/rel.db --grade 9 | rel-map gaps --db demo/rel.db | rel-map suggest --db demo/rel.db --top 1 --format table | head -n 6"
# The sample's school year: whom nobody has checked in with for two weeks.
# The daily practice: whom nobody has checked in with lately, and which of
# them have no adult who knows them well; one student's profile card; a
# check-in and an affirmation; how each adult's notes lean.
show "rel-checkin missing --db demo/rel.db --format table | head -n 8"
show "rel-checkin missing --db demo/rel.db | rel-map gaps --db demo/rel.db --format table"
show "rel-profile show S0029 --db demo/rel.db"
show "rel-checkin add S0029 --db demo/rel.db --mood 3 --understanding 4 --workload 3 --note 'Talked about building PCs'"
show "rel-note add S0029 affirmation 'You explained the proof step by step.' --db demo/rel.db"
show "rel-note balance --db demo/rel.db --by adult --format table | head -n 8"
# Families, goals and repair: whose family has not heard from school, the
# follow-ups owed, a positive call home, a support plan, and what is due.
show "rel-family quiet --db demo/rel.db --format table | head -n 8"
show "rel-family due --db demo/rel.db --format table"
show "rel-family add S0029 --db demo/rel.db --channel call --direction to_home --tone positive --summary 'Called to share the robotics win'"
show "rel-goal add S0029 --db demo/rel.db --kind support --text 'Check-in/check-out with a mentor' --tier 2 --champion A001 --duration 6w --check-every 7d"
show "rel-goal due --db demo/rel.db --format table | head -n 8"
show "rel-restore due --db demo/rel.db --format table"
# Early signals: attendance from the school's system, then this week's
# flags with their reasons, each beside a strength of the student.
show "rel-indicator summary --db demo/rel.db --name attendance --format table | head -n 8"
show "rel-flag --db demo/rel.db --summary --format table | head -n 12"
# Reports for the team meeting: coverage by grade (the equity lens), one
# student's card, and Monday's digest as one HTML page for the mail.
show "rel-report coverage --db demo/rel.db --by grade --format table"
show "rel-report student S0029 --db demo/rel.db --format table"
show "rel-report weekly --db demo/rel.db --all --out demo/reports/weekly.html"
show "rel-init check --db demo/rel.db"
printf '\nThe weekly digest is %s/demo/reports/weekly.html: open it in a browser.\n' "$(pwd)"
printf 'The database is demo/rel.db; try: export REL_DB=demo/rel.db REL_AS=A001; rel-roster list --format table\n'
