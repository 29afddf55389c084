/*
 * test_out.c: every output format byte for byte, statements, write errors.
 */
#define _XOPEN_SOURCE 700	/* posix_openpt, for the terminal test */

#include <errno.h>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include "unit.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Marks the end of a row in a list of cells. */
static const char EOR[] = "";

/* Write rows (cells, with EOR after each row) in fmt and return what came
 * out, which the caller frees. */
static char *
render(enum rel_fmt fmt, unsigned flags, const char *const *cols,
    size_t ncols, const char *const *cells, size_t ncells)
{
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t len, i;
	FILE *fp;

	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, fmt, flags, cols, ncols, &e), 0);
	for (i = 0; i < ncells; i++)
		if (cells[i] == EOR)
			rel_out_endrow(o);
		else
			rel_out_cell(o, cells[i],
			    cells[i] ? strlen(cells[i]) : 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

#define RENDER(fmt, flags, cols, cells) \
	render((fmt), (flags), (cols), NELEM(cols), (cells), NELEM(cells))

#define CHECK(fmt, flags, cols, cells, want) do {			\
	char *got_ = RENDER((fmt), (flags), (cols), (cells));		\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

static void
test_fmt_parse(void **state)
{
	enum rel_fmt f = REL_FMT_AUTO;
	struct rel_err e;
	char buf[512];

	(void)state;
	assert_int_equal(rel_fmt_parse("csv", &f, &e), 0);
	assert_int_equal(f, REL_FMT_CSV);
	assert_int_equal(rel_fmt_parse("tsv", &f, &e), 0);
	assert_int_equal(f, REL_FMT_TSV);
	assert_int_equal(rel_fmt_parse("table", &f, &e), 0);
	assert_int_equal(f, REL_FMT_TABLE);
	assert_int_equal(rel_fmt_parse("json", &f, &e), 0);
	assert_int_equal(f, REL_FMT_JSON);

	assert_int_equal(rel_fmt_parse("xml", &f, &e), REL_EUSAGE);
	assert_int_equal(e.code, REL_EUSAGE);
	assert_int_equal(f, REL_FMT_JSON);
	rel_err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf,
	    "--format: \"xml\" is not one of csv, tsv, table, json, md, html");
	assert_int_equal(rel_fmt_parse("CSV", &f, &e), REL_EUSAGE);
	assert_int_equal(rel_fmt_parse("csv ", &f, &e), REL_EUSAGE);
	assert_int_equal(rel_fmt_parse("", &f, &e), REL_EUSAGE);
	rel_err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf,
	    "--format: \"\" is not one of csv, tsv, table, json, md, html");
	assert_int_equal(rel_fmt_parse("t\x1b[2J", &f, &e), REL_EUSAGE);
	rel_err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf,
	    "--format: \"t\\x1B[2J\" is not one of csv, tsv, table, json, md, html");
}

static void
test_csv_quoting(void **state)
{
	static const char *const cols[] = { "student_id", "note" };
	static const char *const cells[] = {
		"s1", "plain", EOR,
		"s2", "a, b", EOR,
		"s3", "she said \"hi\"", EOR,
		"s4", "two\nlines", EOR,
		"s5", "cr\rhere", EOR,
		"s6", NULL, EOR,
		"", "", EOR,
		" s7 ", "Müller 李", EOR,
	};

	(void)state;
	CHECK(REL_FMT_CSV, 0, cols, cells,
	    "student_id,note\n"
	    "s1,plain\n"
	    "s2,\"a, b\"\n"
	    "s3,\"she said \"\"hi\"\"\"\n"
	    "s4,\"two\nlines\"\n"
	    "s5,\"cr\rhere\"\n"
	    "s6,\n"
	    ",\n"
	    " s7 ,Müller 李\n");
}

static void
test_csv_sole_empty(void **state)
{
	static const char *const cols[] = { "note" };
	static const char *const cells[] = { "x", EOR, "", EOR, NULL, EOR,
	    EOR };

	(void)state;
	CHECK(REL_FMT_CSV, 0, cols, cells, "note\nx\n\"\"\n\"\"\n\"\"\n");
}

static void
test_csv_excel_safe(void **state)
{
	static const char *const cols[] = { "a", "b", "c", "d", "e" };
	static const char *const cells[] = {
		"=SUM(A1:A9)", "+1", "-2", "@cmd", "plain", EOR,
		"=\"x\",y", "1+1", "", "a=b", "\ttab", EOR,
	};

	(void)state;
	CHECK(REL_FMT_CSV, REL_CSV_EXCEL_SAFE, cols, cells,
	    "a,b,c,d,e\n"
	    "\"'=SUM(A1:A9)\",\"'+1\",\"'-2\",\"'@cmd\",plain\n"
	    "\"'=\"\"x\"\",y\",1+1,,a=b,\"'\ttab\"\n");
	CHECK(REL_FMT_CSV, 0, cols, cells,
	    "a,b,c,d,e\n"
	    "=SUM(A1:A9),+1,-2,@cmd,plain\n"
	    "\"=\"\"x\"\",y\",1+1,,a=b,\ttab\n");
}

static void
test_tsv(void **state)
{
	static const char *const cols[] = { "student_id", "note", "x" };
	static const char *const cells[] = {
		"s1", "tab\there", "back\\slash", EOR,
		"s2", "line\nfeed", "cr\r\nlf", EOR,
		"", NULL, "\"quoted\", comma", EOR,
		"=1+1", "-3", "@x", EOR,
		"s4", EOR,
	};

	(void)state;
	CHECK(REL_FMT_TSV, 0, cols, cells,
	    "student_id\tnote\tx\n"
	    "s1\ttab\\there\tback\\\\slash\n"
	    "s2\tline\\nfeed\tcr\\r\\nlf\n"
	    "\t\t\"quoted\", comma\n"
	    "=1+1\t-3\t@x\n"
	    "s4\t\t\n");
	CHECK(REL_FMT_TSV, REL_CSV_EXCEL_SAFE, cols, cells,
	    "student_id\tnote\tx\n"
	    "s1\ttab\\there\tback\\\\slash\n"
	    "s2\tline\\nfeed\tcr\\r\\nlf\n"
	    "\t\t\"quoted\", comma\n"
	    "'=1+1\t'-3\t'@x\n"
	    "s4\t\t\n");
}

static void
test_json(void **state)
{
	static const char *const cols[] = { "id", "note" };
	static const char *const cells[] = {
		"1", "plain", EOR,
		"2", "say \"hi\" \\ bye", EOR,
		"3", "a\nb\tc\rd\be\ff", EOR,
		"4", "\x01\x1b[1m\x1f\x7f", EOR,
		"5", "Müller 李 \xE2\x80\xA6", EOR,
		NULL, "", EOR,
	};

	(void)state;
	CHECK(REL_FMT_JSON, 0, cols, cells,
	    "[\n"
	    "{\"id\":\"1\",\"note\":\"plain\"},\n"
	    "{\"id\":\"2\",\"note\":\"say \\\"hi\\\" \\\\ bye\"},\n"
	    "{\"id\":\"3\",\"note\":\"a\\nb\\tc\\rd\\be\\ff\"},\n"
	    "{\"id\":\"4\",\"note\":\"\\u0001\\u001b[1m\\u001f\x7f\"},\n"
	    "{\"id\":\"5\",\"note\":\"Müller 李 \xE2\x80\xA6\"},\n"
	    "{\"id\":\"\",\"note\":\"\"}\n"
	    "]\n");
}

static void
test_json_empty_and_odd(void **state)
{
	static const char *const cols[] = { "id", "we\"ird" };
	static const char *const one[] = { "x", EOR };
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL, *got;
	size_t len;
	FILE *fp;

	(void)state;
	got = render(REL_FMT_JSON, 0, cols, 2, NULL, 0);
	assert_string_equal(got, "[]\n");
	free(got);
	CHECK(REL_FMT_JSON, 0, cols, one,
	    "[\n{\"id\":\"x\",\"we\\\"ird\":\"\"}\n]\n");

	/* An embedded NUL and bytes that are not UTF-8. */
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_JSON, 0, cols, 2, &e),
	    0);
	rel_out_cell(o, "a\0b", 3);
	rel_out_cell(o, "x\xff\xC3y\xE6\x9D", 6);
	rel_out_endrow(o);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "[\n{\"id\":\"a\\u0000b\","
	    "\"we\\\"ird\":\"x\\ufffd\\ufffdy\\ufffd\\ufffd\"}\n]\n");
	free(buf);
}

static void
test_missing_and_extra_cells(void **state)
{
	static const char *const cols[] = { "a", "b" };
	static const char *const cells[] = {
		"1", EOR,
		"1", "2", "3", "4", EOR,
		EOR,
	};

	(void)state;
	CHECK(REL_FMT_CSV, 0, cols, cells, "a,b\n1,\n1,2\n,\n");
	CHECK(REL_FMT_TSV, 0, cols, cells, "a\tb\n1\t\n1\t2\n\t\n");
	CHECK(REL_FMT_JSON, 0, cols, cells,
	    "[\n{\"a\":\"1\",\"b\":\"\"},\n{\"a\":\"1\",\"b\":\"2\"},\n"
	    "{\"a\":\"\",\"b\":\"\"}\n]\n");
	CHECK(REL_FMT_TABLE, 0, cols, cells,
	    "a  b\n-  -\n1\n1  2\n\n");
}

static void
test_unended_row(void **state)
{
	static const char *const cols[] = { "a", "b" };
	static const char *const cells[] = { "1", "2", EOR, "3" };

	(void)state;
	CHECK(REL_FMT_CSV, 0, cols, cells, "a,b\n1,2\n3,\n");
	CHECK(REL_FMT_JSON, 0, cols, cells,
	    "[\n{\"a\":\"1\",\"b\":\"2\"},\n{\"a\":\"3\",\"b\":\"\"}\n]\n");
	CHECK(REL_FMT_TABLE, 0, cols, cells, "a  b\n-  -\n1  2\n3\n");
}

static void
test_table_align(void **state)
{
	static const char *const cols[] = { "name", "grade", "note" };
	static const char *const cells[] = {
		"Thandiwe Müller-Okafor", "9", "loves chess", EOR,
		"李小龙", "10", "", EOR,
		"Al", NULL, "x", EOR,
		"Zoë", "", NULL, EOR,
	};

	(void)state;
	CHECK(REL_FMT_TABLE, 0, cols, cells,
	    "name                    grade  note\n"
	    "----------------------  -----  -----------\n"
	    "Thandiwe Müller-Okafor  9      loves chess\n"
	    "李小龙                  10\n"
	    "Al                             x\n"
	    "Zoë\n");
}

static void
test_table_wide_header(void **state)
{
	static const char *const cols[] = { "student_id", "g" };
	static const char *const cells[] = { "s1", "12", EOR };

	(void)state;
	CHECK(REL_FMT_TABLE, 0, cols, cells,
	    "student_id  g\n"
	    "----------  --\n"
	    "s1          12\n");
}

static void
test_table_empty(void **state)
{
	static const char *const cols[] = { "student_id", "note" };
	char *got;

	(void)state;
	got = render(REL_FMT_TABLE, 0, cols, 2, NULL, 0);
	assert_string_equal(got, "student_id  note\n----------  ----\n");
	free(got);
}

static void
test_table_control(void **state)
{
	static const char *const cols[] = { "id", "note" };
	static const char *const cells[] = {
		"1", "line one\r\nline two\nthree\rfour", EOR,
		"2", "tab\there\x1b[31mred\x7f!", EOR,
		"3", "c1\xC2\x9B" "2J\xC2\xA0nbsp", EOR,
		"4", "\n\n", EOR,
		" 6 ", "trailing  ", EOR,
		"5", "bad\xff" "byte", EOR,
	};

	(void)state;
	CHECK(REL_FMT_TABLE, 0, cols, cells,
	    "id   note\n"
	    "---  ----------------------------\n"
	    "1    line one line two three four\n"
	    "2    tab here [31mred !\n"
	    "3    c1 2J\xC2\xA0nbsp\n"
	    "4\n"
	    " 6   trailing\n"
	    "5    bad\xEF\xBF\xBD" "byte\n");
}

/* n copies of s. */
static char *
rep(const char *s, size_t n)
{
	size_t len = strlen(s), i;
	char *p = malloc(len * n + 1);

	assert_non_null(p);
	for (i = 0; i < n; i++)
		memcpy(p + i * len, s, len);
	p[len * n] = '\0';
	return p;
}

static void
check_cut(const char *in, const char *want)
{
	static const char *const cols[] = { "v" };
	const char *cells[] = { in, EOR };
	char *exp, *got, *under;
	size_t w;

	/* The underline is as wide as the widest cell. */
	w = rel_utf8_width(want, strlen(want));
	under = rep("-", w);
	assert_non_null(exp = malloc(strlen(under) + strlen(want) + 8));
	sprintf(exp, "v\n%s\n%s\n", under, want);
	got = render(REL_FMT_TABLE, 0, cols, 1, cells, 2);
	assert_string_equal(got, exp);
	free(got);
	free(exp);
	free(under);
}

static void
test_table_truncate(void **state)
{
	char *a60 = rep("a", 60), *a61 = rep("a", 61), *a59 = rep("a", 59);
	char *li30 = rep("李", 30), *li31 = rep("李", 31), *li29 = rep("李", 29);
	char *a58 = rep("a", 58), *ue = rep("ü", 70), *ue59 = rep("ü", 59);
	char in[512], want[512];

	(void)state;
	check_cut(a60, a60);
	snprintf(want, sizeof(want), "%s…", a59);
	check_cut(a61, want);
	check_cut(li30, li30);
	/* A wide character that would cross column 59 goes whole. */
	snprintf(want, sizeof(want), "%s…", li29);
	check_cut(li31, want);
	snprintf(in, sizeof(in), "%s李李", a58);
	snprintf(want, sizeof(want), "%s…", a58);
	check_cut(in, want);
	/* Cut between two-byte characters, never inside one. */
	snprintf(want, sizeof(want), "%s…", ue59);
	check_cut(ue, want);
	/* A combining mark stays with its letter at the cut. */
	snprintf(in, sizeof(in), "%se\xCC\x81xyz", a58);
	snprintf(want, sizeof(want), "%se\xCC\x81…", a58);
	check_cut(in, want);
	/* Control characters count after flattening: CR LF is one. */
	snprintf(in, sizeof(in), "%s\r\nx", a58);
	snprintf(want, sizeof(want), "%s x", a58);
	check_cut(in, want);
	snprintf(in, sizeof(in), "%s\n\n", a59);
	snprintf(want, sizeof(want), "%s…", a59);
	check_cut(in, want);
	free(a60);
	free(a61);
	free(a59);
	free(li30);
	free(li31);
	free(li29);
	free(a58);
	free(ue);
	free(ue59);
}

static void
test_table_many(void **state)
{
	static const char *const cols[] = { "n", "sq" };
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL, a[32], b[32];
	size_t len, i;
	FILE *fp;

	(void)state;
	/* Enough cells to grow the arena and the cell array several times. */
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_TABLE, 0, cols, 2, &e),
	    0);
	for (i = 0; i < 5000; i++) {
		snprintf(a, sizeof(a), "%zu", i);
		snprintf(b, sizeof(b), "%zu", i * i);
		rel_out_cell(o, a, strlen(a));
		rel_out_cell(o, b, strlen(b));
		rel_out_endrow(o);
	}
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_memory_equal(buf, "n     sq\n----  --------\n0     0\n1     1\n",
	    strlen("n     sq\n----  --------\n0     0\n1     1\n"));
	assert_string_equal(buf + len - strlen("4999  24990001\n"),
	    "4999  24990001\n");
	free(buf);
}

static void
test_open_copies_names(void **state)
{
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL, n1[8], n2[8];
	const char *cols[2] = { n1, n2 };
	size_t len;
	FILE *fp;

	(void)state;
	strcpy(n1, "id");
	strcpy(n2, "name");
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_JSON, 0, cols, 2, &e),
	    0);
	strcpy(n1, "XX");
	strcpy(n2, "YY");
	rel_out_cell(o, "1", 1);
	rel_out_cell(o, "Ann", 3);
	rel_out_endrow(o);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "[\n{\"id\":\"1\",\"name\":\"Ann\"}\n]\n");
	free(buf);
	assert_int_equal(rel_out_close(NULL, &e), 0);
	assert_int_equal(rel_out_close(NULL, NULL), 0);
}

/* The header waits for the first row or the close, so a command that
 * fails before any row can abort and leave its output empty. */
static void
test_header_deferred(void **state)
{
	static const char *const cols[] = { "a", "b" };
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	(void)state;
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_TSV, 0, cols, 2, &e), 0);
	fflush(fp);
	assert_string_equal(buf, "");
	rel_out_abort(o);
	fflush(fp);
	assert_string_equal(buf, "");
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_JSON, 0, cols, 2, &e), 0);
	rel_out_abort(o);
	fflush(fp);
	assert_string_equal(buf, "");
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_TSV, 0, cols, 2, &e), 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	assert_string_equal(buf, "a\tb\n");
	/* AUTO on something that is not a terminal is CSV. */
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_AUTO, 0, cols, 2, &e),
	    0);
	rel_out_cell(o, "x,y", 3);
	rel_out_endrow(o);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "a\tb\na,b\n\"x,y\",\n");
	free(buf);
}

/* A table written to a pseudo-terminal, as the terminal gets it; 0 if
 * there is none to be had. */
static int
on_pty(char *got, size_t size, size_t want)
{
	static const char *const cols[] = { "id", "name" };
	struct rel_out *o;
	struct rel_err e;
	struct termios t;
	size_t n = 0;
	ssize_t r;
	int m, s;
	FILE *fp;

	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) == -1 || grantpt(m) != 0 ||
	    unlockpt(m) != 0 || (s = open(ptsname(m), O_RDWR | O_NOCTTY)) == -1) {
		if (m != -1)
			close(m);
		return 0;
	}
	/* No LF to CR LF on the way through. */
	assert_int_equal(tcgetattr(s, &t), 0);
	t.c_oflag &= ~(tcflag_t)OPOST;
	assert_int_equal(tcsetattr(s, TCSANOW, &t), 0);
	assert_non_null(fp = fdopen(s, "w"));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_AUTO, 0, cols, 2, &e),
	    0);
	rel_out_cell(o, "1", 1);
	rel_out_cell(o, "Ann", 3);
	rel_out_endrow(o);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	while (n < size - 1 && (r = read(m, got + n, size - 1 - n)) > 0) {
		n += (size_t)r;
		if (n >= want)
			break;
	}
	got[n] = '\0';
	close(m);
	return 1;
}

/* On a terminal, a table; its header in bold unless NO_COLOR is set and
 * not empty, or TERM is dumb. */
static void
test_auto_terminal(void **state)
{
	static const char plain[] = "id  name\n--  ----\n1   Ann\n";
	static const char bold[] = "\033[1mid  name\033[0m\n--  ----\n1   Ann\n";
	char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	char got[256];

	(void)state;
	nc = nc != NULL ? strdup(nc) : NULL;
	term = term != NULL ? strdup(term) : NULL;
	setenv("NO_COLOR", "1", 1);
	setenv("TERM", "xterm", 1);
	if (!on_pty(got, sizeof(got), strlen(plain))) {
		free(nc);
		free(term);
		skip();
	}
	assert_string_equal(got, plain);
	setenv("NO_COLOR", "", 1);
	assert_true(on_pty(got, sizeof(got), strlen(bold)));
	assert_string_equal(got, bold);
	unsetenv("NO_COLOR");
	assert_true(on_pty(got, sizeof(got), strlen(bold)));
	assert_string_equal(got, bold);
	setenv("TERM", "dumb", 1);
	assert_true(on_pty(got, sizeof(got), strlen(plain)));
	assert_string_equal(got, plain);
	if (nc != NULL)
		setenv("NO_COLOR", nc, 1);
	if (term != NULL)
		setenv("TERM", term, 1);
	else
		unsetenv("TERM");
	free(nc);
	free(term);
}

static sqlite3 *
memdb(void)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	    "CREATE TABLE s(id TEXT, name TEXT, grade INTEGER, note TEXT);"
	    "INSERT INTO s VALUES('s1', 'Thandiwe Müller-Okafor', 9,"
	    " 'likes \"chess\", and go');"
	    "INSERT INTO s VALUES('s2', '李', NULL, NULL);"
	    "INSERT INTO s VALUES('s3', '', 10, 'two' || char(10) || 'lines');",
	    NULL, NULL, NULL), SQLITE_OK);
	return db;
}

static void
test_stmt(void **state)
{
	static const char *const cols[] = { "student_id", "name", "grade",
	    "note" };
	struct rel_out *o;
	struct rel_err e;
	sqlite3_stmt *st;
	char *buf = NULL;
	size_t len;
	FILE *fp;
	sqlite3 *db = memdb();

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db,
	    "SELECT id, name, grade, note FROM s ORDER BY id", -1, &st, NULL),
	    SQLITE_OK);
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, 4, &e), 0);
	assert_int_equal(rel_out_stmt(o, st, &e), 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf,
	    "student_id,name,grade,note\n"
	    "s1,Thandiwe Müller-Okafor,9,\"likes \"\"chess\"\", and go\"\n"
	    "s2,李,,\n"
	    "s3,,10,\"two\nlines\"\n");
	free(buf);

	/* The statement is left to the caller: reset, it runs again. */
	assert_int_equal(sqlite3_reset(st), SQLITE_OK);
	buf = NULL;
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_TABLE, 0, cols, 4, &e),
	    0);
	assert_int_equal(rel_out_stmt(o, st, &e), 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf,
	    "student_id  name                    grade  note\n"
	    "----------  ----------------------  -----  ---------------------\n"
	    "s1          Thandiwe Müller-Okafor  9      likes \"chess\", and go\n"
	    "s2          李\n"
	    "s3                                  10     two lines\n");
	free(buf);
	sqlite3_finalize(st);

	/* No rows. */
	assert_int_equal(sqlite3_prepare_v2(db,
	    "SELECT id, name, grade, note FROM s WHERE 0", -1, &st, NULL),
	    SQLITE_OK);
	buf = NULL;
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_JSON, 0, cols, 4, &e), 0);
	assert_int_equal(rel_out_stmt(o, st, &e), 0);
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "[]\n");
	free(buf);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_stmt_error(void **state)
{
	static const char *const cols[] = { "x" };
	struct rel_out *o;
	struct rel_err e;
	sqlite3_stmt *st;
	char *buf = NULL;
	size_t len;
	FILE *fp;
	sqlite3 *db = memdb();

	(void)state;
	/* The second row fails only when it is stepped to. */
	assert_int_equal(sqlite3_prepare_v2(db,
	    "SELECT 1 UNION ALL SELECT abs(-9223372036854775808)", -1, &st,
	    NULL), SQLITE_OK);
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, 1, &e), 0);
	rel_err_clear(&e);
	assert_int_equal(rel_out_stmt(o, st, &e), REL_ESOFTWARE);
	assert_int_equal(e.code, REL_ESOFTWARE);
	assert_string_equal(e.msg, "integer overflow");
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "x\n1\n");
	free(buf);
	/* Not reset behind the caller's back: the error is still there. */
	assert_int_not_equal(sqlite3_reset(st), SQLITE_OK);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_stmt_busy(void **state)
{
	static const char *const cols[] = { "x" };
	char path[] = "/tmp/test_out.XXXXXX";
	struct rel_out *o;
	struct rel_err e;
	sqlite3_stmt *st;
	sqlite3 *a, *b;
	char *buf = NULL;
	size_t len;
	FILE *fp;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) != -1);
	close(fd);
	assert_int_equal(sqlite3_open(path, &a), SQLITE_OK);
	assert_int_equal(sqlite3_open(path, &b), SQLITE_OK);
	assert_int_equal(sqlite3_exec(a, "CREATE TABLE t(x);"
	    "INSERT INTO t VALUES (1);", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(b, "SELECT x FROM t", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(a, "BEGIN EXCLUSIVE", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_non_null(fp = open_memstream(&buf, &len));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, 1, &e), 0);
	assert_int_equal(rel_out_stmt(o, st, &e), REL_EBUSY);
	assert_int_equal(e.code, REL_EBUSY);
	assert_string_equal(e.msg, "database is locked");
	assert_int_equal(rel_out_close(o, &e), 0);
	fclose(fp);
	assert_string_equal(buf, "x\n");
	free(buf);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(a, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(b);
	sqlite3_close(a);
	unlink(path);
}

static void
check_dev_full(enum rel_fmt fmt, size_t rows)
{
	static const char *const cols[] = { "id", "note" };
	struct rel_out *o;
	struct rel_err e;
	size_t i;
	FILE *fp;

	assert_non_null(fp = fopen("/dev/full", "w"));
	assert_int_equal(rel_out_open(&o, fp, fmt, 0, cols, 2, &e), 0);
	for (i = 0; i < rows; i++) {
		rel_out_cell(o, "s1", 2);
		rel_out_cell(o, "some note text", 14);
		rel_out_endrow(o);
	}
	rel_err_clear(&e);
	assert_int_equal(rel_out_close(o, &e), REL_EIO);
	assert_int_equal(e.code, REL_EIO);
	if (rows < 10)
		assert_string_equal(e.msg, "write error: No space left on device");
	else
		assert_memory_equal(e.msg, "write error: ", 13);
	/* fp is still ours to close. */
	fclose(fp);
}

static void
test_dev_full(void **state)
{
	static const char *const cols[] = { "id" };
	struct rel_out *o;
	FILE *fp;

	(void)state;
	check_dev_full(REL_FMT_CSV, 1);
	check_dev_full(REL_FMT_TSV, 1);
	check_dev_full(REL_FMT_JSON, 0);
	check_dev_full(REL_FMT_TABLE, 1);
	/* More than a stdio buffer: writes fail before the final flush. */
	check_dev_full(REL_FMT_CSV, 20000);
	check_dev_full(REL_FMT_TABLE, 20000);

	/* Without a struct rel_err the status still says it. */
	assert_non_null(fp = fopen("/dev/full", "w"));
	assert_int_equal(rel_out_open(&o, fp, REL_FMT_CSV, 0, cols, 1, NULL),
	    0);
	assert_int_equal(rel_out_close(o, NULL), REL_EIO);
	fclose(fp);
}

/* Markdown: a pipe table; what would end a cell or start emphasis is
 * escaped, a line break is a space. */
/* rel_out_hold: rows before it are shown at once, rows after it only at
 * close, and never after an abort. */
static void
test_hold(void **state)
{
	static const char *const cols[] = { "id", "vis" };
	enum rel_fmt fmts[] = { REL_FMT_CSV, REL_FMT_JSON };
	struct rel_out *o;
	struct rel_err e;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp;

	(void)state;
	for (i = 0; i < NELEM(fmts); i++) {
		assert_non_null(fp = open_memstream(&buf, &len));
		assert_int_equal(rel_out_open(&o, fp, fmts[i], 0, cols, 2, &e),
		    0);
		rel_out_cell(o, "S1", 2);
		rel_out_cell(o, "staff", 5);
		rel_out_endrow(o);
		assert_int_equal(rel_out_hold(o, &e), 0);
		assert_int_equal(rel_out_hold(o, &e), 0);	/* once is enough */
		fflush(fp);
		assert_string_equal(buf, fmts[i] == REL_FMT_CSV ?
		    "id,vis\nS1,staff\n" : "[\n{\"id\":\"S1\",\"vis\":\"staff\"}");
		rel_out_cell(o, "S2", 2);
		rel_out_cell(o, "private", 7);
		rel_out_endrow(o);
		fflush(fp);
		assert_null(strstr(buf, "private"));
		if (i == 0) {
			assert_int_equal(rel_out_close(o, &e), 0);
			assert_int_equal(fclose(fp), 0);
			assert_string_equal(buf,
			    "id,vis\nS1,staff\nS2,private\n");
		} else {
			rel_out_abort(o);	/* the audit row failed */
			assert_int_equal(fclose(fp), 0);
			assert_null(strstr(buf, "private"));
		}
		free(buf);
		buf = NULL;
	}
}

static void
test_md(void **state)
{
	static const char *const cols[] = { "name", "note" };
	static const char *const cells[] = {
		"a|b", "*bold* _x_\nnext", EOR,
		"", "[link](x)", EOR,
	};

	(void)state;
	CHECK(REL_FMT_MD, 0, cols, cells,
	    "| name | note |\n"
	    "| --- | --- |\n"
	    "| a\\|b | \\*bold\\* \\_x\\_ next |\n"
	    "|  | \\[link\\](x) |\n");
}

/* HTML: a table element, every cell escaped, numbers marked to align. */
static void
test_html(void **state)
{
	static const char *const cols[] = { "who", "n", "pct" };
	static const char *const cells[] = {
		"<b>Ana</b> & \"Bo\" O'Neil", "12", "-3.5%", EOR,
		"x\x01y", "1.2.3", "", EOR,
	};

	(void)state;
	CHECK(REL_FMT_HTML, 0, cols, cells,
	    "<table>\n<thead><tr><th>who</th><th>n</th><th>pct</th>"
	    "</tr></thead>\n<tbody>\n"
	    "<tr><td>&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Bo&quot; O&#39;Neil"
	    "</td><td class=\"num\">12</td><td class=\"num\">-3.5%</td>"
	    "</tr>\n"
	    "<tr><td>x\xEF\xBF\xBDy</td><td>1.2.3</td><td></td></tr>\n"
	    "</tbody>\n</table>\n");
}

/* None: cells are taken and nothing is written. */
static void
test_none(void **state)
{
	static const char *const cols[] = { "a" };
	static const char *const cells[] = { "x", EOR };

	(void)state;
	CHECK(REL_FMT_NONE, 0, cols, cells, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_parse),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_sole_empty),
		cmocka_unit_test(test_csv_excel_safe),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_empty_and_odd),
		cmocka_unit_test(test_missing_and_extra_cells),
		cmocka_unit_test(test_unended_row),
		cmocka_unit_test(test_table_align),
		cmocka_unit_test(test_table_wide_header),
		cmocka_unit_test(test_table_empty),
		cmocka_unit_test(test_table_control),
		cmocka_unit_test(test_table_truncate),
		cmocka_unit_test(test_table_many),
		cmocka_unit_test(test_open_copies_names),
		cmocka_unit_test(test_header_deferred),
		cmocka_unit_test(test_auto_terminal),
		cmocka_unit_test(test_stmt),
		cmocka_unit_test(test_stmt_error),
		cmocka_unit_test(test_stmt_busy),
		cmocka_unit_test(test_dev_full),
		cmocka_unit_test(test_hold),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_none),
	};

	return cmocka_run_group_tests_name("out", tests, NULL, NULL);
}
