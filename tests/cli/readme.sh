#!/bin/sh
# readme.sh: the README's tour is true: `make demo`'s script runs, and every
# command the tour shows then runs and exits 0 against the demo database,
# as a newcomer would type it. Both act as the sample school's counselor
# (the tour's `export REL_AS=A001`), so nothing in them is hidden.
# shellcheck disable=SC1091,SC2153,SC2154 # lib.sh sets REL_B and status
. "$REL_ROOT/tests/cli/lib.sh"

case_ "make demo's tour runs and leaves a checked database"
run sh "$REL_ROOT/tools/demo.sh" "$REL_ROOT/$REL_B"
status_is 0
[ -f demo/rel.db ] || fail_ "no demo/rel.db"
out_has '$ rel-init check --db demo/rel.db'
out_has '$ export REL_AS=A001'
! grep -q 'no acting adult' "$T/out" "$T/err" ||
	fail_ "the demo reads without an acting adult"

case_ "every command of the README tour runs after make demo"
sh "$REL_ROOT/tools/demo.sh" "$REL_ROOT/$REL_B" >/dev/null 2>&1 ||
	fail_ "the demo failed"
ln -s "$REL_ROOT/tests" tests
REL_DB="$T/demo/rel.db"
export REL_DB
# The tour's commands are the indented lines between "## A short tour"
# and the next heading; a line ending in a backslash goes on.
awk '/^## /{on = ($0 == "## A short tour"); next}
    on && /^    / {sub(/^    /, ""); printf "%s%s", $0, (/\\$/ ? "\n" : "\n\036\n")}' \
    "$REL_ROOT/README.md" >tour
n=0
cmd=""
while IFS= read -r line; do
	if [ "$line" = "$(printf '\036')" ]; then
		case $cmd in
		"export PATH="*) cmd="" ; continue ;;
		# Kept for the commands after it, as in the reader's shell.
		"export REL_AS="*) eval "$cmd"; cmd="" ; continue ;;
		esac
		n=$((n + 1))
		run_sh "$cmd"
		# An import with --rejects keeps the bad rows aside and says so
		# with 65, as the tour explains.
		want=0
		case $cmd in
		*--rejects*) want=65 ;;
		esac
		[ "$status" -eq "$want" ] || fail_ "exit status $status from: $cmd
$(head -n 5 "$T/err")"
		! grep -q 'no acting adult' "$T/err" ||
			fail_ "no acting adult for: $cmd"
		cmd=""
	else
		cmd="${cmd:+$cmd
}$line"
	fi
done <tour
[ "$n" -ge 8 ] || fail_ "only $n tour commands found"

case_ "the five commands from a district's export to a running school"
ln -s "$REL_ROOT/tests" tests
ln -s "$REL_ROOT/examples" examples
HOME="$T/home"
export HOME
# The section's commands, as the tour's are read above.
awk '/^## /{on = ($0 == "## From a district'"'"'s export to a running school"); next}
    on && /^    / {sub(/^    /, ""); printf "%s%s", $0, (/\\$/ ? "\n" : "\n\036\n")}' \
    "$REL_ROOT/README.md" >five
n=0
cmd=""
while IFS= read -r line; do
	if [ "$line" != "$(printf '\036')" ]; then
		cmd="${cmd:+$cmd
}$line"
		continue
	fi
	n=$((n + 1))
	case $cmd in
	# install.sh installs into a DESTDIR; the rest use the build.
	"make "*install*) cmd=""; continue ;;
	# Not into this machine's crontab: each job is run below instead.
	"crontab examples/rel.crontab") cmd=""; continue ;;
	esac
	unset REL_DB
	run_sh "$cmd"
	status_is 0
	cmd=""
done <five
check_eq "$n" 5 "five commands"
check_eq "$(sqlite3 home/.local/share/rel/rel.db 'SELECT count(*) FROM checkin')" 4 "the form's check-ins"
# The crontab's jobs, run as cron runs them: sh -c, \% made %, an empty
# pipe on standard input, its variables set, /srv in this directory,
# and a stand-in mail that keeps what it is given.
mkdir -p srv/rel srv/sis srv/forms bin
cp home/.local/share/rel/rel.db srv/rel/rel.db
cp -R "$DATA/oneroster/delta" srv/sis/oneroster
cp "$DATA/daily-form.csv" srv/forms/daily-checkin.csv
cat >bin/mail <<EOF2
#!/bin/sh
cat >"$T/mail.body"
EOF2
chmod +x bin/mail
jobs=0
grep -E '^[0-9*]' "$REL_ROOT/examples/rel.crontab" |
    sed -E 's/^([^ ]+ +){5}//' >cronjobs
while IFS= read -r job; do
	jobs=$((jobs + 1))
	job=$(printf '%s' "$job" | sed -e 's/\\%/%/g' -e "s|/srv/|$T/srv/|g")
	: | env -i PATH="$T/bin:$PATH" HOME="$T/home" REL_DB="$T/srv/rel/rel.db" \
	    REL_AS=u-ad1 REL_NOW="$REL_NOW" sh -c "$job" >"$T/out" 2>"$T/err" ||
	    fail_ "cron job failed: $job
$(cat "$T/err")"
done <cronjobs
check_eq "$jobs" 3 "three cron jobs"
grep -q '^REL_AS=u-ad1$' "$REL_ROOT/examples/rel.crontab" || fail_ "REL_AS changed"
check_eq "$(sqlite3 srv/rel/rel.db "SELECT active FROM student WHERE student_id = 'u-s3'")" 0 "the nightly delta"
check_eq "$(head -n 1 mail.body)" "<!DOCTYPE html>" "the Monday digest"

case_end
