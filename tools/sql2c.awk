# sql2c.awk: turn lib/schema.sql into a C array of migrations.
# A line "-- migration N" starts migration N; they must count up from 1.
BEGIN { n = 0; print "/* generated from lib/schema.sql by tools/sql2c.awk */"
	print "#include <stddef.h>"
	print "const char *const rel_schema_migrations[] = {" }
/^-- migration [0-9]+/ {
	if (n > 0) print ","
	n++
	if ($3 != n) { print "migration " $3 " out of order" > "/dev/stderr"; exit 1 }
	next
}
n > 0 {
	gsub(/\\/, "\\\\"); gsub(/"/, "\\\"")
	printf "\"%s\\n\"\n", $0
}
END { if (n > 0) print ","; print "NULL };"
	print "const int rel_schema_latest = " n ";" }
