/*
 * test_csv.c: the reader and writer of the pipe protocol.
 */
#include "unit.h"

static FILE *
mem(const char *s, size_t len)
{
	FILE *fp = fmemopen((void *)(uintptr_t)s, len, "r");

	assert_non_null(fp);
	return fp;
}

/* Read all of s; return the records joined as "f1|f2;" with lines. */
static char *
slurp(const char *s, size_t len, char *out, size_t n, int *bad)
{
	const struct rel_csv_row *row;
	struct rel_csv *r;
	struct rel_err e;
	FILE *fp = mem(s, len);
	size_t o = 0, i;
	int rc;

	*bad = 0;
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
	rc = rel_csv_header(r, &row, &e);
	if (rc == REL_CSV_ROW) {
		while ((rc = rel_csv_next(r, &row, &e)) != REL_CSV_END) {
			if (rc == REL_CSV_FATAL)
				break;
			if (rc == REL_CSV_BAD)
				(*bad)++;
			o += (size_t)snprintf(out + o, n - o, "%ld:", row->line);
			for (i = 0; i < row->n; i++)
				o += (size_t)snprintf(out + o, n - o, "%s%s",
				    i ? "|" : "", row->f[i]);
			o += (size_t)snprintf(out + o, n - o, ";");
		}
	}
	out[o] = '\0';
	rel_csv_close(r);
	fclose(fp);
	return out;
}

#define A "h,i\n1,2\n\"x\ny\",3\n4,5\n"
#define B "h,i\r\n1,2\r\n\"x\ny\",3\r\n4,5\r\n"
#define C "h,i\r1,2\r\"x\ny\",3\r4,5"

static void
test_line_ends(void **state)
{
	char a[256], b[256], c[256];
	int bad;

	(void)state;
	slurp(A, strlen(A), a, sizeof(a), &bad);
	assert_string_equal(a, "2:1|2;3:x\ny|3;5:4|5;");
	slurp(B, strlen(B), b, sizeof(b), &bad);
	assert_string_equal(b, a);
	slurp(C, strlen(C), c, sizeof(c), &bad);
	assert_string_equal(c, a);
}

/* A line with no quote is split at its commas without libcsv: empty
 * fields, a trailing comma, CRLF and CR ends, and such lines around a
 * quoted field that spans lines must read as libcsv reads them. */
static void
test_quote_free_lines(void **state)
{
	static const char in[] = "h,i,j\n,,\r\na,,\rb,c,\"d\ne\"\n"
	    "\"x\",y,z\n é,ü ,\t\n1,2\n";
	char out[512];
	int bad;

	(void)state;
	slurp(in, strlen(in), out, sizeof(out), &bad);
	assert_string_equal(out, "2:||;3:a||;4:b|c|d\ne;6:x|y|z;"
	    "7: é|ü |\t;8:1|2;");
	assert_int_equal(bad, 1);
}

static void
test_blank_lines_and_spaces(void **state)
{
	char out[256];
	int bad;

	(void)state;
	slurp("h,i\n\n a , b \n\n", 14, out, sizeof(out), &bad);
	assert_string_equal(out, "3: a | b ;");
	assert_int_equal(bad, 0);
}

static void
test_empty_and_bom(void **state)
{
	const struct rel_csv_row *row;
	struct rel_csv *r;
	struct rel_err e;
	FILE *fp;

	(void)state;
	fp = mem("\xEF\xBB\xBF", 3);
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_END);
	assert_int_equal(e.code, REL_EDATA);
	rel_csv_close(r);
	fclose(fp);

	fp = mem("\xEF\xBB\xBF" "a,b\n", 7);
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_ROW);
	assert_string_equal(row->f[0], "a");
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_END);
	rel_csv_close(r);
	fclose(fp);
}

static void
test_bad_rows_continue(void **state)
{
	const char in[] = "a,b\n1\n2,\"x\"y\n3,4\n5,\xC3\n6,\"open\n";
	const struct rel_csv_row *row;
	struct rel_csv *r;
	struct rel_err e;
	FILE *fp = mem(in, sizeof(in) - 1);

	(void)state;
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_ROW);
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_BAD);
	assert_int_equal(e.line, 2);
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_BAD);
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "after the closing quote"));
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_ROW);
	assert_int_equal(row->line, 4);
	assert_string_equal(row->f[1], "4");
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_BAD);
	assert_int_equal(e.line, 5);
	assert_string_equal(e.column, "b");
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_BAD);
	assert_int_equal(e.line, 6);
	assert_non_null(strstr(e.msg, "never closed"));
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_END);
	rel_csv_close(r);
	fclose(fp);
}

/* A CR LF pair split across the reader's 64 KiB buffers still counts as
 * one line end, and a line longer than the buffer is read whole. */
static void
test_buffer_edges(void **state)
{
	size_t n = 65536 * 6, pos;
	char *in = malloc(n), *out = malloc(2 * n);
	int bad;

	(void)state;
	assert_non_null(in);
	assert_non_null(out);
	memcpy(in, "a\r\n", 3);
	memset(in + 3, 'x', 65535 - 3);
	in[65535] = '\r';		/* the last byte of the first buffer */
	in[65536] = '\n';
	memset(in + 65537, 'y', 65536 * 4);
	pos = 65537 + 65536 * 4;
	in[pos++] = '\n';
	in[pos++] = 'z';
	slurp(in, pos, out, 2 * n, &bad);
	assert_int_equal(bad, 0);
	assert_memory_equal(out, "2:xxx", 5);
	assert_non_null(strstr(out, ";3:yyy"));
	assert_string_equal(out + strlen(out) - 6, "y;4:z;");
	free(in);
	free(out);
}

static uint64_t seed = 42;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

/* Property: whatever fields are written, the reader gives them back, and
 * a second write is byte-identical to the first. */
static void
test_roundtrip_property(void **state)
{
	static const char *const atoms[] = { "a", "Z", " ", ",", "\"", "\r",
		"\n", "\r\n", "é", "李", "\t", "=", "x,y", "\"\"", "" };
	char fields[8][64];
	size_t nf, i, k, iter, len1, len2;
	char *buf1 = NULL, *buf2 = NULL;

	(void)state;
	for (iter = 0; iter < 2000; iter++) {
		const struct rel_csv_row *row;
		struct rel_csv_writer w;
		struct rel_csv *r;
		struct rel_err e;
		FILE *fp;
		int rows, rc;

		nf = 1 + rnd(5);
		for (i = 0; i < nf; i++) {
			fields[i][0] = '\0';
			for (k = rnd(6); k > 0; k--)
				strcat(fields[i], atoms[rnd(15)]);
		}
		fp = open_memstream(&buf1, &len1);
		rel_csv_writer_init(&w, fp, 0);
		for (i = 0; i < nf; i++) {
			char h[8];

			snprintf(h, sizeof(h), "h%zu", i);
			rel_csv_put(&w, h, strlen(h));
		}
		rel_csv_endrow(&w);
		for (rows = 0; rows < 3; rows++) {
			for (i = 0; i < nf; i++)
				rel_csv_put(&w, fields[i], strlen(fields[i]));
			rel_csv_endrow(&w);
		}
		fclose(fp);

		fp = mem(buf1, len1);
		assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
		assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_ROW);
		{
			FILE *out = open_memstream(&buf2, &len2);
			struct rel_csv_writer w2;

			rel_csv_writer_init(&w2, out, 0);
			rel_csv_put_row(&w2, row);
			while ((rc = rel_csv_next(r, &row, &e)) == REL_CSV_ROW) {
				for (i = 0; i < nf; i++)
					assert_string_equal(row->f[i], fields[i]);
				rel_csv_put_row(&w2, row);
			}
			assert_int_equal(rc, REL_CSV_END);
			fclose(out);
		}
		assert_int_equal(len1, len2);
		assert_memory_equal(buf1, buf2, len1);
		rel_csv_close(r);
		fclose(fp);
		free(buf1);
		free(buf2);
		buf1 = buf2 = NULL;
	}
}

static void
test_writer_quoting(void **state)
{
	struct rel_csv_writer w;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	(void)state;
	fp = open_memstream(&buf, &len);
	rel_csv_writer_init(&w, fp, 0);
	rel_csv_put(&w, "plain", 5);
	rel_csv_put(&w, " sp ", 4);
	rel_csv_put(&w, "a,b", 3);
	rel_csv_put(&w, "q\"", 2);
	rel_csv_put(&w, NULL, 0);
	rel_csv_endrow(&w);
	rel_csv_put(&w, "", 0);
	rel_csv_endrow(&w);
	fclose(fp);
	assert_string_equal(buf, "plain, sp ,\"a,b\",\"q\"\"\",\n\"\"\n");
	free(buf);

	fp = open_memstream(&buf, &len);
	rel_csv_writer_init(&w, fp, REL_CSV_EXCEL_SAFE);
	rel_csv_put(&w, "=1+1", 4);
	rel_csv_put(&w, "-x", 2);
	rel_csv_put(&w, "ok", 2);
	rel_csv_put(&w, "@\"a", 3);
	rel_csv_endrow(&w);
	fclose(fp);
	assert_string_equal(buf, "\"'=1+1\",\"'-x\",ok,\"'@\"\"a\"\n");
	free(buf);
}

static void
test_iconv(void **state)
{
	const char in[] = "n\r\nJos\xE9\r\n";
	const struct rel_csv_row *row;
	struct rel_csv *r;
	struct rel_err e;
	FILE *fp = mem(in, sizeof(in) - 1);

	(void)state;
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", "cp1252", &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_ROW);
	assert_int_equal(rel_csv_next(r, &row, &e), REL_CSV_ROW);
	assert_string_equal(row->f[0], "Jos\xC3\xA9");
	rel_csv_close(r);
	fclose(fp);
	assert_int_equal(rel_csv_open_fp(&r, stdin, "t", "no-such-enc", &e),
	    REL_EUSAGE);
}

static void
bind_hdr(const char *line, struct rel_csv **r, FILE **fp,
    const struct rel_csv_row **hdr)
{
	struct rel_err e;

	*fp = mem(line, strlen(line));
	assert_int_equal(rel_csv_open_fp(r, *fp, "t", NULL, &e), 0);
	assert_int_equal(rel_csv_header(*r, hdr, &e), REL_CSV_ROW);
}

static void
test_bind_and_map(void **state)
{
	static const struct rel_csv_col cols[] = { { "student_id", REL_COL_REQUIRED },
		{ "grade", 0 }, { "note", 0 } };
	const struct rel_csv_row *hdr;
	struct rel_csv_renames *m = NULL;
	struct rel_csv *r;
	struct rel_err e;
	int idx[3];
	FILE *fp;

	(void)state;
	bind_hdr("note,student_id\n", &r, &fp, &hdr);
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 3, NULL, 0, idx, &e), 0);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], -1);
	assert_int_equal(idx[2], 0);
	rel_csv_close(r);
	fclose(fp);

	bind_hdr("grade,extra\n", &r, &fp, &hdr);
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 3, NULL, 1, idx, &e),
	    REL_EDATA);
	assert_non_null(strstr(e.msg, "required"));
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 2, NULL, 0, idx, &e),
	    REL_EDATA);
	rel_csv_close(r);
	fclose(fp);

	assert_int_equal(rel_csv_renames_parse(&m, "student_id=Id,grade=Gr",
	    &e), 0);
	bind_hdr("Id,Gr,x\n", &r, &fp, &hdr);
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 3, m, 1, idx, &e), 0);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 1);
	rel_csv_close(r);
	fclose(fp);
	rel_csv_renames_free(m);
	assert_int_equal(rel_csv_renames_parse(&m, "student_id=Id", &e), 0);
	bind_hdr("Id,student_id\n", &r, &fp, &hdr);
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 3, m, 1, idx, &e),
	    REL_EDATA);
	assert_non_null(strstr(e.msg, "twice"));
	rel_csv_close(r);
	fclose(fp);
	rel_csv_renames_free(m);

	assert_int_equal(rel_csv_renames_parse(&m, "a=", &e), REL_EUSAGE);
	assert_int_equal(rel_csv_renames_parse(&m, "=b", &e), REL_EUSAGE);
	assert_int_equal(rel_csv_renames_parse(&m, "ab", &e), REL_EUSAGE);
	assert_int_equal(rel_csv_renames_parse(&m, "", &e), REL_EUSAGE);
	assert_int_equal(rel_csv_renames_parse(&m, "nope=x", &e), 0);
	bind_hdr("x\n", &r, &fp, &hdr);
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 3, m, 1, idx, &e),
	    REL_EUSAGE);
	rel_csv_close(r);
	fclose(fp);
	rel_csv_renames_free(m);
}

/* --map: an old name holding a comma (or a quote) is quoted as in CSV. */
static void
test_map_quoted(void **state)
{
	static const struct rel_csv_col cols[] = { { "mood", 0 },
		{ "note", 0 }, { "at", 0 } };
	const struct rel_csv_row *hdr;
	struct rel_csv_renames *m;
	struct rel_csv *r;
	struct rel_err e;
	FILE *fp;
	int idx[3];

	(void)state;
	assert_int_equal(rel_csv_renames_parse(&m, "mood=\"How are you, "
	    "today?\",note=\"Say \"\"more\"\"\",at=When = now", &e), 0);
	bind_hdr("When = now,\"How are you, today?\",\"Say \"\"more\"\"\"\n",
	    &r, &fp, &hdr);
	assert_int_equal(rel_csv_bind(hdr, "t", cols, 3, m, 0, idx, &e), 0);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], 2);
	assert_int_equal(idx[2], 0);
	rel_csv_close(r);
	fclose(fp);
	rel_csv_renames_free(m);
	/* Unterminated, empty, or text after the closing quote. */
	assert_int_equal(rel_csv_renames_parse(&m, "mood=\"How", &e),
	    REL_EUSAGE);
	assert_non_null(strstr(e.msg, "quote an old name"));
	assert_int_equal(rel_csv_renames_parse(&m, "mood=\"\"", &e),
	    REL_EUSAGE);
	assert_int_equal(rel_csv_renames_parse(&m, "mood=\"a\"b", &e),
	    REL_EUSAGE);
	assert_int_equal(rel_csv_renames_parse(&m, "mood=,note=x", &e),
	    REL_EUSAGE);
}

static void
test_header_rules(void **state)
{
	const struct rel_csv_row *row;
	struct rel_csv *r;
	struct rel_err e;
	FILE *fp;

	(void)state;
	fp = mem("a,,b\n", 5);
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_FATAL);
	assert_non_null(strstr(e.msg, "no name"));
	rel_csv_close(r);
	fclose(fp);
	fp = mem("a,b,a\n", 6);
	assert_int_equal(rel_csv_open_fp(&r, fp, "t", NULL, &e), 0);
	assert_int_equal(rel_csv_header(r, &row, &e), REL_CSV_FATAL);
	assert_non_null(strstr(e.msg, "twice"));
	rel_csv_close(r);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_quote_free_lines),
		cmocka_unit_test(test_blank_lines_and_spaces),
		cmocka_unit_test(test_empty_and_bom),
		cmocka_unit_test(test_bad_rows_continue),
		cmocka_unit_test(test_buffer_edges),
		cmocka_unit_test(test_roundtrip_property),
		cmocka_unit_test(test_writer_quoting),
		cmocka_unit_test(test_iconv),
		cmocka_unit_test(test_bind_and_map),
		cmocka_unit_test(test_map_quoted),
		cmocka_unit_test(test_header_rules),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
