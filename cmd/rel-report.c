/* rel-report: see rel-report(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rel/rel.h"
#include "usage-rel-report.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "FMT is table, csv, tsv, json, md or html. COLUMN is grade,\n"
	    "home_language, pronouns, group, advisory, class, team or club. A student\n"
	    "set on standard input narrows every report.\n");
}

enum { O_OUT = REL_O_OWN, O_ASOF, O_BY, O_MINSTR, O_DAYS, O_CHECKINS,
	O_STUDENT, O_GROUP, O_MEASURE, O_SINCE, O_UNTIL, O_ALL };

static const struct option longopts[] = {
	{ "out", required_argument, NULL, O_OUT },
	{ "as-of", required_argument, NULL, O_ASOF },
	{ "by", required_argument, NULL, O_BY },
	{ "min-strength", required_argument, NULL, O_MINSTR },
	{ "days", required_argument, NULL, O_DAYS },
	{ "checkins", required_argument, NULL, O_CHECKINS },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "group", required_argument, NULL, O_GROUP },
	{ "measure", required_argument, NULL, O_MEASURE },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "all", no_argument, NULL, O_ALL },
	{ NULL, 0, NULL, 0 }
};

#define COMMON REL_O_DB, REL_O_AS, REL_O_FORMAT, REL_O_EXCEL, O_OUT
static const int coverage_opts[] = { COMMON, O_ASOF, O_BY, O_MINSTR, O_DAYS,
	0 };
static const int caseload_opts[] = { COMMON, O_ASOF, O_DAYS, 0 };
static const int student_opts[] = { COMMON, O_ASOF, O_CHECKINS, 0 };
static const int trend_opts[] = { COMMON, O_STUDENT, O_GROUP, O_MEASURE,
	O_SINCE, O_UNTIL, 0 };
static const int weekly_opts[] = { COMMON, O_ASOF, O_ALL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

typedef int (*report_fn)(struct rel_db *, const struct rel_report *,
    struct rel_doc *, struct rel_err *);

/* A day option: a date, or a span back from today; never after today. */
static int
day_opt(const struct rel_cli_args *a, int o, int32_t *day,
    struct rel_err *e)
{
	const char *s = V(o);
	char opt[32];

	if (s == NULL)
		return 0;
	snprintf(opt, sizeof(opt), "--%s", a->name[o - REL_OPT]);
	if (rel_when_parse(s, strlen(s), day) != 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
		    "is not a date (YYYY-MM-DD) or a span back from today (7d, "
		    "2w, yesterday)");
	if (*day > rel_today())
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
		    "is after today: a report reads what has happened");
	return 0;
}

/* The format: --format, else what --out's name says, else a table on a
 * terminal and CSV otherwise. */
static int
format(const struct rel_cli_args *a, enum rel_fmt *f, struct rel_err *e)
{
	static const struct {
		const char *ext;
		enum rel_fmt fmt;
	} exts[] = {
		{ ".html", REL_FMT_HTML }, { ".htm", REL_FMT_HTML },
		{ ".md", REL_FMT_MD }, { ".csv", REL_FMT_CSV },
		{ ".tsv", REL_FMT_TSV }, { ".json", REL_FMT_JSON },
		{ ".txt", REL_FMT_TABLE },
	};
	const char *out = V(O_OUT), *dot;
	size_t i;

	if (V(REL_O_FORMAT) != NULL)
		return rel_fmt_parse(V(REL_O_FORMAT), f, e);
	*f = out == NULL && isatty(STDOUT_FILENO) ? REL_FMT_TABLE : REL_FMT_CSV;
	if (out != NULL && (dot = strrchr(out, '.')) != NULL &&
	    strchr(dot, '/') == NULL)
		for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
			if (strcmp(dot, exts[i].ext) == 0)
				*f = exts[i].fmt;
	return 0;
}

/*
 * Every verb: the database opened (read-write: reading private records
 * writes an audit row), the acting adult, the student set, then the
 * report written into memory. Only when the report is whole and its audit
 * row recorded is it shown: on standard output, or as --out FILE,
 * replaced atomically, so that a cron job never mails half a report.
 */
static int
run(struct rel_cli_args *a, struct rel_report *r, report_fn fn)
{
	struct rel_actor who;
	struct rel_db *db = NULL;
	struct rel_doc *d = NULL;
	struct rel_err e;
	enum rel_fmt fmt;
	FILE *mem = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	rel_err_clear(&e);
	if ((rc = format(a, &fmt, &e)) != 0)
		return fail(&e);
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	/* Before anything is read: a refused --out leaves no audit row. */
	if ((rc = rel_db_out_check(db, "--out", V(O_OUT), REL_DB_OUT_AWAY,
	    &e)) != 0 ||
	    (rc = rel_actor_reader(db, V(REL_O_AS), &who, &e)) != 0 ||
	    (rc = rel_set_stdin(db, &r->set, &e)) != 0)
		goto out;
	if ((mem = open_memstream(&buf, &len)) == NULL) {
		rc = rel_err_set(&e, REL_ESOFTWARE, "out of memory");
		goto out;
	}
	if ((rc = rel_doc_open(&d, mem, fmt, NULL, NULL, &e)) != 0)
		goto out;
	rel_doc_csv_flags(d, V(REL_O_EXCEL) != NULL ? REL_CSV_EXCEL_SAFE : 0);
	rc = fn(db, r, d, &e);
	if (rc != 0) {
		rel_doc_abort(d);
		goto out;
	}
	if ((rc = rel_doc_close(d, &e)) != 0 ||
	    (rc = rel_audit_flush(db, 0, NULL, NULL, &e)) != 0)
		goto out;
	/* glibc's memstream can fail its last allocation at fclose and
	 * still say 0, leaving buf NULL. */
	if (fclose(mem) != 0 || (buf == NULL && len > 0)) {
		mem = NULL;
		rc = rel_err_set(&e, REL_ESOFTWARE, "out of memory");
		goto out;
	}
	mem = NULL;
	if (V(O_OUT) != NULL)
		rc = rel_file_replace(V(O_OUT), buf, len, &e);
	else if (len > 0)
		fwrite(buf, 1, len, stdout);
out:
	if (mem != NULL)
		fclose(mem);
	free(buf);
	rel_db_close(db);
	if (rc != 0)
		return fail(&e);
	/* With --out, say where it went: the path a script mails. */
	if (V(O_OUT) != NULL && isatty(STDERR_FILENO))
		fprintf(stderr, "%s: wrote %s\n", rel_getprogname(), V(O_OUT));
	return 0;
}

/* The options every report shares, into r. */
static int
options(struct rel_cli_args *a, struct rel_report *r, int nargs)
{
	struct rel_err e;
	long n;

	rel_err_clear(&e);
	rel_report_init(r);
	if (a->nargs != nargs) {
		if (nargs == 0)
			rel_warn("takes no operands (a student set comes on "
			    "standard input)");
		else
			rel_warn("name one student");
		usage(stderr, REL_EUSAGE);
	}
	if (day_opt(a, O_ASOF, &r->as_of, &e) != 0 ||
	    day_opt(a, O_UNTIL, &r->as_of, &e) != 0 ||
	    day_opt(a, O_SINCE, &r->since, &e) != 0)
		return fail(&e);
	if (V(O_SINCE) != NULL && r->since > r->as_of) {
		rel_err_value(&e, REL_EUSAGE, NULL, 0, "--since", V(O_SINCE),
		    strlen(V(O_SINCE)), "is after --until: the range is empty");
		return fail(&e);
	}
	n = r->min_strength;
	if (rel_cli_num(a, O_MINSTR, 1, 3, &n, &e) != 0)
		return fail(&e);
	r->min_strength = (int)n;
	n = r->seen_days;
	if (rel_cli_num(a, O_DAYS, 1, 366, &n, &e) != 0)
		return fail(&e);
	r->seen_days = (int)n;
	n = r->checkins;
	if (rel_cli_num(a, O_CHECKINS, 0, 1000, &n, &e) != 0)
		return fail(&e);
	r->checkins = (int)n;
	r->by = V(O_BY);
	r->all = V(O_ALL) != NULL;
	r->student = V(O_STUDENT);
	r->group = V(O_GROUP);
	r->measures = V(O_MEASURE);
	if (r->student != NULL && r->group != NULL) {
		rel_warn("--student and --group: give one");
		usage(stderr, REL_EUSAGE);
	}
	if (nargs == 1)
		r->student = a->args[0];
	return 0;
}

static int
do_coverage(struct rel_cli_args *a)
{
	struct rel_report r;
	int rc;

	if ((rc = options(a, &r, 0)) != 0)
		return rc;
	return run(a, &r, rel_report_coverage);
}

static int
do_equity(struct rel_cli_args *a)
{
	struct rel_report r;
	int rc;

	if ((rc = options(a, &r, 0)) != 0)
		return rc;
	if (r.by == NULL) {
		rel_warn("equity: give --by COLUMN (grade, home_language, "
		    "pronouns, group, advisory, class, team or club)");
		usage(stderr, REL_EUSAGE);
	}
	r.equity = 1;
	return run(a, &r, rel_report_coverage);
}

static int
do_caseload(struct rel_cli_args *a)
{
	struct rel_report r;
	int rc;

	if ((rc = options(a, &r, 0)) != 0)
		return rc;
	return run(a, &r, rel_report_caseload);
}

static int
do_student(struct rel_cli_args *a)
{
	struct rel_report r;
	int rc;

	if ((rc = options(a, &r, 1)) != 0)
		return rc;
	return run(a, &r, rel_report_student);
}

static int
do_trend(struct rel_cli_args *a)
{
	struct rel_report r;
	int rc;

	if ((rc = options(a, &r, 0)) != 0)
		return rc;
	return run(a, &r, rel_report_trend);
}

static int
do_weekly(struct rel_cli_args *a)
{
	struct rel_report r;
	int rc;

	if ((rc = options(a, &r, 0)) != 0)
		return rc;
	return run(a, &r, rel_report_weekly);
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "coverage", coverage_opts, do_coverage },
		{ "equity", coverage_opts, do_equity },
		{ "caseload", caseload_opts, do_caseload },
		{ "student", student_opts, do_student },
		{ "trend", trend_opts, do_trend },
		{ "weekly", weekly_opts, do_weekly },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
