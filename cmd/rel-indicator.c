/* rel-indicator: see rel-indicator(1), the one description of the command. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-indicator.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "DAY is a date (YYYY-MM-DD) or a span back from today (14d, 6w, today). Every\n"
	    "verb takes --db PATH and --as ADULT_ID; list and summary take a student set\n"
	    "on standard input.\n");
}

enum {
	O_WIDE = REL_O_OWN, O_STUDENT, O_NAME, O_SOURCE, O_SINCE, O_UNTIL,
	O_DAYS
};

static const struct option longopts[] = {
	{ "wide", no_argument, NULL, O_WIDE },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "name", required_argument, NULL, O_NAME },
	{ "source", required_argument, NULL, O_SOURCE },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "days", required_argument, NULL, O_DAYS },
	{ NULL, 0, NULL, 0 }
};

static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_MAP,
	REL_O_IGNORE, REL_O_REJECTS, REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, O_WIDE, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_STUDENT, O_NAME,
	O_SOURCE, O_SINCE, O_UNTIL, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int summary_opts[] = { REL_O_DB, REL_O_AS, O_STUDENT, O_NAME,
	O_SOURCE, O_SINCE, O_UNTIL, O_DAYS, REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	if (V(O_WIDE) != NULL && V(REL_O_IGNORE) != NULL) {
		rel_warn("import: --ignore-unknown does not apply with --wide "
		    "(every other column is an indicator)");
		usage(stderr, REL_EUSAGE);
	}
	rel_cli_import_init(&ci, a);
	ci.kinds = rel_indicator_kind();
	ci.nkinds = 1;
	if (V(O_WIDE) != NULL)
		ci.wide = rel_indicator_wide();
	return rel_cli_import(&ci);
}

/* What the read verbs hand to their run(). */
struct query {
	struct rel_cli_args *a;
	int summary;
	int32_t from, to;
};

static int
run(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;
	struct rel_cli_args *a = q->a;
	struct rel_indicator_filter f;
	int rc;

	rel_indicator_filter_init(&f);
	f.student = V(O_STUDENT);
	f.names = V(O_NAME);
	f.source = V(O_SOURCE);
	f.set = set;
	if (q->summary)
		return rel_indicator_summary(db, &f, q->from, q->to, o, e);
	if ((rc = rel_indicator_days(&f, V(O_SINCE), V(O_UNTIL), e)) != 0)
		return rc;
	return rel_indicator_list(db, &f, o, e);
}

static int
do_query(struct rel_cli_args *a, const char *verb, int summary)
{
	struct rel_cli_query cq;
	struct query q;
	struct rel_err e;
	const char *const *cols;
	size_t n;

	rel_err_clear(&e);
	if (a->nargs > 0) {
		rel_warn("%s: takes no operands (a student set comes on standard "
		    "input)", verb);
		usage(stderr, REL_EUSAGE);
	}
	memset(&q, 0, sizeof(q));
	q.a = a;
	q.summary = summary;
	if (summary && rel_indicator_window(V(O_SINCE), V(O_UNTIL), V(O_DAYS),
	    &q.from, &q.to, &e) != 0) {
		rel_err_print(&e);
		usage(stderr, REL_EUSAGE);
	}
	cols = summary ? rel_indicator_summary_cols(&n) :
	    rel_indicator_cols(&n);
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = cols;
	cq.ncols = n;
	cq.run = run;
	cq.ctx = &q;
	cq.usage = usage;
	return rel_cli_query(&cq);
}

static int
do_list(struct rel_cli_args *a)
{
	return do_query(a, "list", 0);
}

static int
do_summary(struct rel_cli_args *a)
{
	return do_query(a, "summary", 1);
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "import", import_opts, do_import },
		{ "list", list_opts, do_list },
		{ "summary", summary_opts, do_summary },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) /
	    sizeof(verbs[0]), longopts, usage);
}
