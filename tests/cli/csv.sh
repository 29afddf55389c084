#!/bin/sh
# rel-csv and the reader every importer shares: each bad input of the pipe
# protocol gets its message (file:line), its exit status, and nothing else.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

case_ "check: a good file prints its size"
printf 'student_id,note\nS1,"hello, world"\nS2,""\n' >f.csv
run rel-csv check f.csv
status_is 0
out_is <<'X'
f.csv: 2 records, 2 columns
X
err_empty

case_ "check: header-only input is valid and empty"
printf 'a,b\n' >f.csv
run rel-csv check f.csv
status_is 0
out_is <<'X'
f.csv: 0 records, 2 columns
X

case_ "check: empty input has no header"
: >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv: empty input: expected a header row
X

case_ "BOM is stripped, not rejected"
printf '\357\273\277a,b\n1,2\n' >f.csv
run rel-csv clean f.csv
status_is 0
out_is <<'X'
a,b
1,2
X

case_ "invalid UTF-8 names file:line and column"
printf 'a,b\n1,2\n3,x\377\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:3: b: invalid UTF-8 at byte 2 of the field (convert the file with rel-csv clean --from ENCODING)
X
out_is </dev/null

case_ "a NUL byte is rejected"
printf 'a,b\n1,x\000y\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:2: b: a NUL byte at byte 2 of the field
X

case_ "too many and too few fields, every one reported"
printf 'a,b\n1,2,3\n4\n5,6\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:2: 3 fields, expected 2 as in the header
rel-csv: f.csv:3: 1 field, expected 2 as in the header
X

case_ "unterminated quote names the line it starts on"
printf 'a,b\n1,2\n3,"abc\ndef\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:3: a quoted field is never closed (it starts on line 3)
X

case_ "junk after a closing quote"
printf 'a,b\n1,"x"y\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:2: text after the closing quote of a field (expected a comma or the end of the line)
X

case_ "a bare quote in an unquoted field; reading resumes on the next line"
printf 'a,b\n1,x"y\n2,3\n4,5,6\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:2: a quote inside an unquoted field (quote the whole field and double the quote)
rel-csv: f.csv:4: 3 fields, expected 2 as in the header
X

case_ "duplicate header names"
printf 'a,b,a\n1,2,3\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:1: "a" is in the header twice (columns 1 and 3)
X

case_ "empty header name"
printf 'a,,b\n1,2,3\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:1: header: column 2 has no name
X

case_ "LF, CRLF and CR read alike, with quoted newlines and line numbers"
printf 'a,b\n"x\ny",2\n3\n' >lf.csv
printf 'a,b\r\n"x\ny",2\r\n3\r\n' >crlf.csv
printf 'a,b\r"x\ny",2\r3\r' >cr.csv
run rel-csv check lf.csv crlf.csv cr.csv
status_is 65
err_is <<'X'
rel-csv: lf.csv:4: 1 field, expected 2 as in the header
rel-csv: crlf.csv:4: 1 field, expected 2 as in the header
rel-csv: cr.csv:4: 1 field, expected 2 as in the header
X

case_ "clean: CRLF and CR become LF; the quoted newline is kept"
printf 'a,b\r\n"x\ny",2\r\n' >crlf.csv
printf 'a,b\r"x\ny",2\r' >cr.csv
run rel-csv clean crlf.csv
status_is 0
cp "$T/out" crlf.out
run rel-csv clean cr.csv
out_file_is crlf.out
out_is <<'X'
a,b
"x
y",2
X

case_ "clean: spaces around fields are kept and quoting is minimal"
printf 'a,b,c\n" x ","y","z,""w"""\n' >f.csv
run rel-csv clean f.csv
status_is 0
out_is <<'X'
a,b,c
 x ,y,"z,""w"""
X

case_ "clean output reads back byte for byte"
printf 'a,b\n"1\r\n2",""\n,\n"",x\n' >f.csv
run rel-csv clean f.csv
cp "$T/out" once.csv
run rel-csv clean once.csv
status_is 0
out_file_is once.csv

case_ "a lone empty field survives as a row"
printf 'a\n""\nx\n' >f.csv
run rel-csv clean f.csv
out_is <<'X'
a
""
x
X

case_ "a field longer than 1 MiB is read whole"
awk 'BEGIN { printf "a,b\n1,\""; for (i = 0; i < 40000; i++) printf "0123456789abcdef0123456789, \"\"x"; printf "\"\n" }' >big.csv
run rel-csv clean big.csv
status_is 0
out_file_is big.csv

case_ "a field over 16 MiB is refused"
{ printf 'a\n"'; head -c 17000000 /dev/zero | tr '\000' x; printf '"\n'; } >huge.csv
run rel-csv check huge.csv
status_is 65
err_is <<'X'
rel-csv: huge.csv:2: a field longer than 16 MiB (is a quote never closed?)
X

case_ "--from cp1252 converts a legacy export"
printf 'name\r\nJos\351\r\nM\374ller\r\n' >legacy.csv
run rel-csv clean --from cp1252 legacy.csv
status_is 0
out_is <<'X'
name
José
Müller
X

case_ "--from with an unknown encoding is a usage error"
printf 'a\n' >f.csv
run rel-csv clean --from klingon f.csv
status_is 64
err_has 'rel-csv: --from: "klingon" is not an encoding iconv knows'

case_ "a missing file exits 66"
run rel-csv check nope.csv
status_is 66
err_is <<'X'
rel-csv: nope.csv: No such file or directory
X

case_ "check reads stdin for -"
printf 'a\n1\n' >f.csv
STDIN=f.csv
run rel-csv check -
status_is 0
out_is <<'X'
stdin: 1 record, 1 column
X

case_ "a write error on stdout exits 74"
printf 'a\n1\n' >f.csv
run_sh 'rel-csv clean f.csv >/dev/full'
status_is 74
err_has 'rel-csv: standard output: write error: No space left on device'

case_ "control bytes in echoed values are escaped"
printf 'x\033[2J,x\033[2J\n' >f.csv
run rel-csv check f.csv
status_is 65
err_is <<'X'
rel-csv: f.csv:1: "x\x1B[2J" is in the header twice (columns 1 and 2)
X

case_ "usage errors exit 64"
run rel-csv frobnicate
status_is 64
err_has 'usage: rel-csv check'
run rel-csv --help
status_is 0
out_has 'usage: rel-csv check'

# The repeat check was quadratic: a header of half a million names took
# minutes, with the import holding the write lock. The CPU limit is two
# hundred times what a linear check needs; the old one needed minutes.
case_ "a header of 500,000 columns is checked in linear time"
awk 'BEGIN { for (i = 1; i <= 500000; i++) printf "c%d,", i; print "c17" }' \
    >wide.csv
run_sh 'ulimit -t 30; rel-csv check wide.csv'
status_is 65
err_is <<'X'
rel-csv: wide.csv:1: "c17" is in the header twice (columns 17 and 500001)
X
awk 'BEGIN { printf "student_id,given_name,family_name";
    for (i = 1; i <= 500000; i++) printf ",c%d", i; print "" }' >wide.csv
rel-init create >/dev/null 2>&1 || fail_ "rel-init create failed"
db_save
run_sh 'ulimit -t 30; rel-roster import --ignore-unknown wide.csv'
status_is 0
err_is <<'X'
rel-roster: 0 students: 0 added, 0 updated, 0 unchanged
X
db_unchanged
