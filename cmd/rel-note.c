/* rel-note: see rel-note(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rel/rel.h"
#include "usage-rel-note.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "KIND is affirmation, feedback, observation, concern or gratitude; only a\n"
	    "gratitude entry may leave out STUDENT_ID. Every verb takes --db PATH and\n"
	    "--as ADULT_ID. list and balance read a student set on standard input.\n");
}

enum {
	O_AT = REL_O_OWN, O_STUDENT, O_ADULT, O_KIND, O_SINCE,
	O_UNTIL, O_LAST, O_BY
};

static const struct option longopts[] = {
	{ "at", required_argument, NULL, O_AT },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "adult", required_argument, NULL, O_ADULT },
	{ "kind", required_argument, NULL, O_KIND },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "last", required_argument, NULL, O_LAST },
	{ "by", required_argument, NULL, O_BY },
	{ NULL, 0, NULL, 0 }
};

static const int add_opts[] = { REL_O_DB, REL_O_AS, O_AT, REL_O_VIS, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_VIS, REL_O_MAP, REL_O_IGNORE, REL_O_REJECTS,
	REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_STUDENT, O_ADULT, O_KIND,
	O_SINCE, O_UNTIL, O_LAST, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int balance_opts[] = { REL_O_DB, REL_O_AS, O_BY, O_ADULT, O_SINCE,
	O_UNTIL, REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

/* The columns of rel_note_kind(), in its order. */
enum { C_STUDENT, C_AT, C_ADULT, C_KIND, C_TEXT, C_VIS, NCOLS };

static int
do_add(struct rel_cli_args *a)
{
	const char *v[NCOLS] = { NULL };
	char at[REL_DATETIME_LEN];
	struct rel_cli_add ca;
	struct rel_err e;
	enum rel_vis vis;
	int64_t secs;
	int k;

	rel_err_clear(&e);
	if (a->nargs != 2 && a->nargs != 3) {
		rel_warn("add: give STUDENT_ID KIND TEXT, or KIND TEXT for a "
		    "gratitude entry");
		usage(stderr, REL_EUSAGE);
	}
	k = a->nargs - 2;
	if (a->nargs == 2 && strcasecmp(a->args[0], "gratitude") != 0) {
		rel_warn("add: a student is needed: rel-note add STUDENT_ID KIND "
		    "TEXT (only a gratitude entry may have none)");
		usage(stderr, REL_EUSAGE);
	}
	if (V(O_AT) != NULL) {
		if (rel_time_opt("--at", V(O_AT), 0, &secs, &e) != 0)
			return fail(&e);
		rel_datetime_format(secs, at);
	} else
		snprintf(at, sizeof(at), "%s", rel_now_text());
	/* The visibility option is checked as an option (64); the write
	 * function reads it back as the column. */
	if (V(REL_O_VIS) != NULL && rel_vis_opt(V(REL_O_VIS), &vis,
	    &e) != 0)
		return fail(&e);
	v[C_AT] = at;
	v[C_KIND] = a->args[k];
	v[C_TEXT] = a->args[k + 1];
	v[C_VIS] = V(REL_O_VIS);
	rel_cli_add_init(&ca, a);
	ca.need_actor = 1;
	ca.kind = rel_note_kind();
	ca.v = v;
	ca.usage = usage;
	if (k == 1)
		return rel_cli_add(&ca, a->args, 1);
	/* A gratitude entry is about no student: never a set. */
	ca.no_set = 1;
	return rel_cli_add(&ca, NULL, 0);
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	rel_cli_import_init(&ci, a);
	ci.kinds = rel_note_kind();
	ci.nkinds = 1;
	return rel_cli_import(&ci);
}

/* What list and balance hand to their run(). */
struct query {
	struct rel_cli_args *a;
	enum rel_balance_by by;
	int balance;
};

static int
run_query(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;
	struct rel_cli_args *a = q->a;
	struct rel_filter f;
	int rc;

	rel_filter_init(&f);
	f.adult = V(O_ADULT);
	f.set = set;
	if ((rc = rel_filter_times(&f, q->balance && V(O_SINCE) == NULL ?
	    "90d" : V(O_SINCE), V(O_UNTIL), e)) != 0)
		return rc;
	if (q->balance)
		return rel_note_balance(db, q->by, &f, o, e);
	f.student = V(O_STUDENT);
	f.kind = V(O_KIND);
	if (V(O_LAST) != NULL && (rc = rel_cli_int("--last", V(O_LAST), 1,
	    1000000, &f.last, e)) != 0)
		return rc;
	return rel_note_list(db, &f, o, e);
}

static int
do_query(struct rel_cli_args *a, int balance)
{
	struct rel_cli_query cq;
	struct query q;
	struct rel_err e;

	if (a->nargs > 0) {
		rel_warn("%s: takes no operands (a student set comes on standard "
		    "input)", balance ? "balance" : "list");
		usage(stderr, REL_EUSAGE);
	}
	memset(&q, 0, sizeof(q));
	q.a = a;
	q.balance = balance;
	q.by = REL_BALANCE_STUDENT;
	if (V(O_BY) != NULL) {
		if (strcmp(V(O_BY), "adult") == 0)
			q.by = REL_BALANCE_ADULT;
		else if (strcmp(V(O_BY), "student") != 0) {
			rel_err_value(&e, REL_EUSAGE, NULL, 0, "--by", V(O_BY),
			    strlen(V(O_BY)), "is not student or adult");
			return fail(&e);
		}
	}
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = balance ? rel_balance_cols(q.by, &cq.ncols) :
	    rel_note_cols(&cq.ncols);
	cq.run = run_query;
	cq.ctx = &q;
	cq.usage = usage;
	return rel_cli_query(&cq);
}

static int
do_list(struct rel_cli_args *a)
{
	return do_query(a, 0);
}

static int
do_balance(struct rel_cli_args *a)
{
	return do_query(a, 1);
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "add", add_opts, do_add },
		{ "import", import_opts, do_import },
		{ "list", list_opts, do_list },
		{ "balance", balance_opts, do_balance },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
