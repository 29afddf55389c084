/*
 * test_render.c: documents in every format: the text and Markdown layouts
 * byte for byte, HTML's structure and escaping, charts (bars, lines, gaps,
 * marks, no data), sparklines, the data table alone for scripts, and
 * writing a whole file atomically.
 */
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

struct doc {
	struct rel_doc *d;
	FILE *fp;
	char *buf;
	size_t len;
};

static void
open_doc(struct doc *t, enum rel_fmt fmt, const char *title,
    const char *sub)
{
	struct rel_err e;

	t->buf = NULL;
	assert_non_null(t->fp = open_memstream(&t->buf, &t->len));
	assert_int_equal(rel_doc_open(&t->d, t->fp, fmt, title, sub, &e), 0);
}

static char *
close_doc(struct doc *t)
{
	struct rel_err e;

	assert_int_equal(rel_doc_close(t->d, &e), 0);
	assert_int_equal(fclose(t->fp), 0);
	return t->buf;
}

/* A small document: every kind of block. */
static void
write_sample(struct rel_doc *d)
{
	static const char *const cols[] = { "who", "n" };
	struct rel_out *o;
	struct rel_err e;

	rel_doc_para(d, "Of %d students, %d have an adult. A longer sentence "
	    "goes on past the width of a terminal line and wraps.", 12, 9);
	rel_doc_heading(d, "Students");
	rel_doc_item(d);
	rel_doc_strong(d, "Ana *B*");
	rel_doc_text(d, " (grade 9): line\none", (size_t)-1);
	rel_doc_end_item(d);
	rel_doc_item(d);
	rel_doc_textf(d, "%d notes", 3);
	rel_doc_end_item(d);
	rel_doc_heading(d, "Empty");
	rel_doc_none(d);
	o = rel_doc_table(d, cols, 2, 1);
	rel_out_cell(o, "A_1", 3);
	rel_out_cell(o, "4", 1);
	rel_out_endrow(o);
	assert_int_equal(rel_doc_table_end(d, o, &e), 0);
}

static void
test_table_layout(void **state)
{
	struct doc t;
	char *s;

	(void)state;
	open_doc(&t, REL_FMT_TABLE, "Title", "as of today");
	write_sample(t.d);
	s = close_doc(&t);
	assert_string_equal(s,
	    "Title\n"
	    "as of today\n"
	    "\n"
	    "Of 12 students, 9 have an adult. A longer sentence goes on past the width of\n"
	    "a terminal line and wraps.\n"
	    "\n"
	    "Students\n"
	    "  - Ana *B* (grade 9): line one\n"
	    "  - 3 notes\n"
	    "\n"
	    "Empty\n"
	    "  (none recorded yet)\n"
	    "\n"
	    "who  n\n"
	    "---  -\n"
	    "A_1  4\n");
	free(s);
}

static void
test_md_layout(void **state)
{
	struct doc t;
	char *s;

	(void)state;
	open_doc(&t, REL_FMT_MD, "Title_1", NULL);
	write_sample(t.d);
	s = close_doc(&t);
	assert_string_equal(s,
	    "# Title\\_1\n"
	    "\n"
	    "Of 12 students, 9 have an adult. A longer sentence goes on past the width of\n"
	    "a terminal line and wraps.\n"
	    "\n"
	    "## Students\n"
	    "\n"
	    "- **Ana \\*B\\*** (grade 9): line one\n"
	    "- 3 notes\n"
	    "\n"
	    "## Empty\n"
	    "\n"
	    "(none recorded yet)\n"
	    "\n"
	    "| who | n |\n"
	    "| --- | --- |\n"
	    "| A\\_1 | 4 |\n");
	free(s);
}

/* The only address in a page is the SVG namespace: nothing is fetched. */
static void
only_svg_address(const char *s)
{
	const char *p = s;

	while ((p = strstr(p, "http")) != NULL) {
		assert_memory_equal(p, "http://www.w3.org/2000/svg", 26);
		p += 26;
	}
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "src="));
	assert_null(strstr(s, "href="));
	assert_null(strstr(s, "@import"));
}

static void
test_html_page(void **state)
{
	struct doc t;
	char *s;

	(void)state;
	open_doc(&t, REL_FMT_HTML, "<script>alert('x')</script> & co",
	    "sub \"quoted\"");
	write_sample(t.d);
	s = close_doc(&t);
	assert_memory_equal(s, "<!DOCTYPE html>\n<html lang=\"en\">", 31);
	assert_non_null(strstr(s, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(s, "<title>&lt;script&gt;alert(&#39;x&#39;)"
	    "&lt;/script&gt; &amp; co</title>"));
	assert_non_null(strstr(s, "<h1>&lt;script&gt;"));
	assert_non_null(strstr(s, "<p class=\"subtitle\">sub &quot;quoted"
	    "&quot;</p>"));
	assert_non_null(strstr(s, "<h2>Students</h2>\n<ul>\n<li><strong>Ana "
	    "*B*</strong> (grade 9): line one</li>\n<li>3 notes</li>\n</ul>\n"
	    "<h2>Empty</h2>"));
	assert_non_null(strstr(s, "<p class=\"none\">(none recorded yet)</p>"));
	assert_non_null(strstr(s, "<td class=\"num\">4</td>"));
	assert_non_null(strstr(s, "@media print"));
	assert_string_equal(s + strlen(s) - 24, "</main>\n</body>\n</html>\n");
	only_svg_address(s);
	free(s);
}

/* Scripts get the data table and nothing else: no title, no text, no
 * other table, no chart, no second data table. */
static void
test_script_formats(void **state)
{
	static const char *const cols[] = { "a", "b" };
	static const double v[] = { 1, 2 };
	static const char *const cats[] = { "x", "y" };
	struct rel_series sr = { "s", v };
	struct rel_chart c;
	struct rel_out *o;
	struct rel_err e;
	struct doc t;
	char *s;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.title = "chart";
	c.cats = cats;
	c.ncats = 2;
	c.series = &sr;
	c.nseries = 1;
	c.ref = NAN;
	open_doc(&t, REL_FMT_CSV, "Title", "sub");
	assert_int_equal(rel_doc_human(t.d), 0);
	rel_doc_heading(t.d, "H");
	rel_doc_para(t.d, "text");
	rel_doc_item(t.d);
	rel_doc_text(t.d, "item", 4);
	rel_doc_end_item(t.d);
	rel_doc_bars(t.d, &c);
	rel_doc_lines(t.d, &c);
	o = rel_doc_table(t.d, cols, 2, 0);
	rel_out_cell(o, "not", 3);
	rel_out_endrow(o);
	assert_int_equal(rel_doc_table_end(t.d, o, &e), 0);
	o = rel_doc_table(t.d, cols, 2, 1);
	rel_out_cell(o, "1", 1);
	rel_out_cell(o, "x,y", 3);
	rel_out_endrow(o);
	assert_int_equal(rel_doc_table_end(t.d, o, &e), 0);
	o = rel_doc_table(t.d, cols, 2, 1);
	rel_out_cell(o, "second", 6);
	rel_out_endrow(o);
	assert_int_equal(rel_doc_table_end(t.d, o, &e), 0);
	s = close_doc(&t);
	assert_string_equal(s, "a,b\n1,\"x,y\"\n");
	free(s);
}

/* --excel-safe reaches a document's data table in CSV and TSV; the
 * formats for people show the text as it is. */
static void
test_excel_safe(void **state)
{
	static const enum rel_fmt fmts[] = { REL_FMT_CSV, REL_FMT_TSV,
		REL_FMT_MD };
	static const char *const want[] = { "a,b\n\"'=cmd|'/C calc'!A0\",x\n",
		"a\tb\n'=cmd|'/C calc'!A0\tx\n", "=cmd" };
	const char *const cols[] = { "a", "b" };
	struct rel_out *o;
	struct rel_err e;
	struct doc t;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		open_doc(&t, fmts[i], "Title", NULL);
		rel_doc_csv_flags(t.d, REL_CSV_EXCEL_SAFE);
		o = rel_doc_table(t.d, cols, 2, 1);
		rel_out_cell(o, "=cmd|'/C calc'!A0", 17);
		rel_out_cell(o, "x", 1);
		rel_out_endrow(o);
		assert_int_equal(rel_doc_table_end(t.d, o, &e), 0);
		s = close_doc(&t);
		if (fmts[i] == REL_FMT_MD) {
			assert_non_null(strstr(s, want[i]));
			assert_null(strstr(s, "'="));
		} else
			assert_string_equal(s, want[i]);
		free(s);
	}
}

static void
test_spark(void **state)
{
	const double v[] = { 1, 5, 3, NAN, 0, 9, 2.99 };
	char buf[3 * 7 + 1];

	(void)state;
	/* lo and below: U+2581; hi and above: U+2588; 3 of 1..5 is the
	 * middle, the fifth step; a gap is a space. */
	assert_string_equal(rel_spark(buf, v, 7, 1, 5),
	    "\xE2\x96\x81\xE2\x96\x88\xE2\x96\x85 \xE2\x96\x81\xE2\x96\x88"
	    "\xE2\x96\x84");
	assert_string_equal(rel_spark(buf, v, 0, 1, 5), "");
}

static void
chart(struct rel_chart *c, const char *const *cats, size_t n,
    const struct rel_series *s, size_t ns)
{
	memset(c, 0, sizeof(*c));
	c->title = "Coverage by grade";
	c->y_label = "% of students";
	c->cats = cats;
	c->ncats = n;
	c->series = s;
	c->nseries = ns;
	c->lo = 0;
	c->hi = 100;
	c->unit = "%";
	c->ref = NAN;
}

static void
test_bars(void **state)
{
	static const char *const cats[] = { "grade 9", "grade <10>" };
	static const double a[] = { 50, 100 }, b[] = { 25, NAN };
	static const unsigned char mark[] = { 0, 1 };
	const struct rel_series s[] = { { "adult", a }, { "primary", b } };
	struct rel_chart c;
	struct doc t;
	char *p;

	(void)state;
	chart(&c, cats, 2, s, 2);
	c.mark = mark;
	c.mark_label = "small";
	c.ref = 75;
	c.ref_label = "school: 75%";
	open_doc(&t, REL_FMT_TABLE, "T", NULL);
	rel_doc_bars(t.d, &c);
	p = close_doc(&t);
	/* 40 columns for 100: 50 is 20 blocks, 25 is 10; a gap is "-". */
	assert_string_equal(p,
	    "T\n"
	    "\n"
	    "Coverage by grade\n"
	    "  grade 9     adult    \xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88 50%\n"
	    "              primary  \xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88 25%\n"
	    "  grade <10>  adult    \xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88\xE2\x96\x88"
	    "\xE2\x96\x88\xE2\x96\x88 100%\n"
	    "              primary  -\n"
	    "  school: 75%\n");
	free(p);

	open_doc(&t, REL_FMT_HTML, "T", NULL);
	rel_doc_bars(t.d, &c);
	rel_doc_bars(t.d, &c);
	p = close_doc(&t);
	assert_non_null(strstr(p, "<figcaption>Coverage by grade</figcaption>"));
	assert_non_null(strstr(p, "role=\"img\""));
	assert_non_null(strstr(p, "<title>Coverage by grade</title>"));
	assert_non_null(strstr(p, "grade &lt;10&gt;"));
	/* Each chart's hatch has its own id, and the marked group uses it. */
	assert_non_null(strstr(p, "<pattern id=\"hatch1\""));
	assert_non_null(strstr(p, "<pattern id=\"hatch2\""));
	assert_non_null(strstr(p, "fill=\"url(#hatch2)\""));
	assert_non_null(strstr(p, ">small</text>"));
	assert_non_null(strstr(p, ">school: 75%</text>"));
	assert_non_null(strstr(p, "stroke-dasharray=\"5 4\""));
	/* The palette's first two colours, one per series. */
	assert_non_null(strstr(p, "fill=\"#0072B2\""));
	assert_non_null(strstr(p, "fill=\"#E69F00\""));
	only_svg_address(p);
	free(p);

	open_doc(&t, REL_FMT_MD, "T", NULL);
	rel_doc_bars(t.d, &c);
	p = close_doc(&t);
	assert_string_equal(p,
	    "# T\n\n"
	    "**Coverage by grade**\n\n"
	    "|  | adult | primary |\n"
	    "| --- | --- | --- |\n"
	    "| grade 9 | 50% | 25% |\n"
	    "| grade \\<10\\> | 100% |  |\n");
	free(p);
}

static void
test_lines(void **state)
{
	static const char *const cats[] = { "09-01", "09-08", "09-15",
		"09-22" };
	static const double a[] = { 3, NAN, 4, 4.5 }, b[] = { NAN, NAN, NAN,
		2 };
	const struct rel_series s[] = { { "mood", a }, { "understanding", b } };
	struct rel_chart c;
	struct doc t;
	char *p, *q;

	(void)state;
	chart(&c, cats, 4, s, 2);
	c.lo = 1;
	c.hi = 5;
	c.unit = NULL;
	c.decimals = 2;
	c.x_label = "week of";
	c.y_label = "mean";
	open_doc(&t, REL_FMT_TABLE, "T", NULL);
	rel_doc_lines(t.d, &c);
	p = close_doc(&t);
	assert_string_equal(p,
	    "T\n\nCoverage by grade\n"
	    "  mood           \xE2\x96\x85 \xE2\x96\x87\xE2\x96\x88"
	    "  first 3.00, last 4.50, low 3.00, high 4.50\n"
	    "  understanding     \xE2\x96\x83"
	    "  first 2.00, last 2.00, low 2.00, high 2.00\n"
	    "                 09-01 to 09-22\n");
	free(p);

	open_doc(&t, REL_FMT_HTML, "T", NULL);
	rel_doc_lines(t.d, &c);
	p = close_doc(&t);
	/* The gap splits mood's line in two, then understanding's: three
	 * polylines; a lone point is a marker all the same. */
	q = strstr(p, "<polyline");
	assert_non_null(q);
	assert_non_null(strstr(q, "points=\"58.0,"));
	assert_non_null(q = strstr(q + 1, "<polyline"));
	assert_non_null(q = strstr(q + 1, "<polyline"));
	assert_null(strstr(q + 1, "<polyline"));
	assert_non_null(strstr(p, "<title>understanding, 09-22: 2.00</title>"));
	assert_non_null(strstr(p, ">week of</text>"));
	assert_non_null(strstr(p, ">mean</text>"));
	assert_non_null(strstr(p, "stroke-dasharray=\"6 3\""));
	only_svg_address(p);
	free(p);
}

static void
test_no_data(void **state)
{
	static const char *const cats[] = { "a" };
	static const double a[] = { NAN };
	const struct rel_series s[] = { { "mood", a } };
	struct rel_chart c;
	struct doc t;
	char *p;

	(void)state;
	chart(&c, cats, 1, s, 1);
	open_doc(&t, REL_FMT_HTML, "T", NULL);
	rel_doc_lines(t.d, &c);
	c.ncats = 0;
	rel_doc_bars(t.d, &c);
	p = close_doc(&t);
	assert_null(strstr(p, "<svg"));
	assert_non_null(strstr(p, "<p class=\"none\">(no data)</p>"));
	free(p);
}

static void
test_file_replace(void **state)
{
	char dir[] = "/tmp/rel-render-XXXXXX", path[64], bad[96], buf[32];
	struct rel_err e;
	struct stat sb;
	mode_t mask;
	FILE *fp;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.html", dir);
	assert_int_equal(rel_file_replace(path, "old\n", 4, &e), 0);
	assert_int_equal(rel_file_replace(path, "new page\n", 9, &e), 0);
	assert_non_null(fp = fopen(path, "r"));
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_int_equal(n, 9);
	assert_memory_equal(buf, "new page\n", 9);
	/* A report may hold records: the owner's alone, whatever the
	 * umask, also when it replaces a file of another mode. */
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(chmod(path, 0644), 0);
	mask = umask(0);
	assert_int_equal(rel_file_replace(path, "new page\n", 9, &e), 0);
	umask(mask);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	snprintf(bad, sizeof(bad), "%s/no/such/out.html", dir);
	assert_int_equal(rel_file_replace(bad, "x", 1, &e), REL_ECANTCREAT);
	assert_non_null(strstr(e.msg, "cannot create a file there"));
	assert_int_equal(rel_file_replace(dir, "x", 1, &e), REL_ECANTCREAT);
	snprintf(bad, sizeof(bad), "%s/", dir);
	assert_int_equal(rel_file_replace(bad, "x", 1, &e), REL_EUSAGE);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_layout),
		cmocka_unit_test(test_md_layout),
		cmocka_unit_test(test_html_page),
		cmocka_unit_test(test_script_formats),
		cmocka_unit_test(test_excel_safe),
		cmocka_unit_test(test_spark),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_no_data),
		cmocka_unit_test(test_file_replace),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
