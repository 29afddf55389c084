/* rel-checkin: see rel-checkin(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-checkin.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "Every verb takes --db PATH and --as ADULT_ID. Without STUDENT_IDs, the\n"
	    "students come from a student set on standard input.\n");
}

enum {
	O_KIND = REL_O_OWN, O_MOOD, O_UNDERSTANDING, O_WORKLOAD, O_NOTE, O_AT,
	O_STUDENT, O_ADULT, O_SINCE, O_UNTIL, O_LAST
};

static const struct option longopts[] = {
	{ "kind", required_argument, NULL, O_KIND },
	{ "mood", required_argument, NULL, O_MOOD },
	{ "understanding", required_argument, NULL, O_UNDERSTANDING },
	{ "workload", required_argument, NULL, O_WORKLOAD },
	{ "note", required_argument, NULL, O_NOTE },
	{ "at", required_argument, NULL, O_AT },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "adult", required_argument, NULL, O_ADULT },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "last", required_argument, NULL, O_LAST },
	{ NULL, 0, NULL, 0 }
};

static const int add_opts[] = { REL_O_DB, REL_O_AS, O_KIND, O_MOOD, O_UNDERSTANDING,
	O_WORKLOAD, O_NOTE, O_AT, REL_O_VIS, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_VIS, REL_O_MAP, REL_O_IGNORE, REL_O_REJECTS,
	REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_STUDENT, O_ADULT, O_KIND,
	O_SINCE, O_UNTIL, O_LAST, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int missing_opts[] = { REL_O_DB, REL_O_AS, O_SINCE, O_KIND, O_ADULT,
	REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

/* The record of an add, in the columns of rel_checkin_kind: its values
 * are checked once, by the library's own rules, so that a bad one is a
 * usage error said once (naming the option) rather than a bad record for
 * every student. */
static int
do_add(struct rel_cli_args *a)
{
	const char *v[9] = { NULL };
	size_t len[9] = { 0 };
	char at[REL_DATETIME_LEN];
	struct rel_rec r = { 9, v, len, NULL, 0, NULL };
	struct rel_cli_add ca;
	struct rel_err e;
	int64_t secs;
	size_t i;

	rel_err_clear(&e);
	v[3] = V(O_KIND);
	v[4] = V(O_MOOD);
	v[5] = V(O_UNDERSTANDING);
	v[6] = V(O_WORKLOAD);
	v[7] = V(O_NOTE);
	v[8] = V(REL_O_VIS);
	for (i = 0; i < 9; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	if (rel_checkin_check(&r, &e) != 0) {
		size_t n = strlen(e.column);

		/* The column's option: "note" is --note. */
		if (n + 3 <= sizeof(e.column)) {
			memmove(e.column + 2, e.column, n + 1);
			memcpy(e.column, "--", 2);
		}
		e.code = REL_EUSAGE;
		return fail(&e);
	}
	if (V(O_AT) != NULL) {
		if (rel_time_opt("--at", V(O_AT), 0, &secs, &e) != 0)
			return fail(&e);
	} else
		secs = rel_now();
	rel_datetime_format(secs, at);
	if (a->nargs == 0 && !rel_set_wanted(stdin)) {
		rel_warn("add: name the students, or pipe a student set in");
		usage(stderr, REL_EUSAGE);
	}
	v[1] = at;
	rel_cli_add_init(&ca, a);
	ca.need_actor = 1;
	ca.kind = rel_checkin_kind();
	ca.v = v;
	ca.usage = usage;
	return rel_cli_add(&ca, a->args, (size_t)a->nargs);
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	rel_cli_import_init(&ci, a);
	ci.kinds = rel_checkin_kind();
	ci.nkinds = 1;
	return rel_cli_import(&ci);
}

static int
run_list(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_filter *f = ctx;

	f->set = set;
	return rel_checkin_list(db, f, o, e);
}

static int
run_missing(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_filter *f = ctx;

	f->set = set;
	return rel_checkin_missing(db, f, o, e);
}

/* list and missing. */
static int
do_query(struct rel_cli_args *a, int missing)
{
	struct rel_cli_query q;
	struct rel_filter f;
	struct rel_err e;

	rel_err_clear(&e);
	if (a->nargs > 0) {
		rel_warn("%s: unexpected operand \"%s\"", missing ? "missing" :
		    "list", a->args[0]);
		usage(stderr, REL_EUSAGE);
	}
	rel_filter_init(&f);
	f.student = V(O_STUDENT);
	f.adult = V(O_ADULT);
	f.kind = V(O_KIND);
	if (rel_filter_times(&f, missing && V(O_SINCE) == NULL ? "14d" :
	    V(O_SINCE), V(O_UNTIL), &e) != 0)
		return fail(&e);
	if (V(O_LAST) != NULL && rel_cli_int("--last", V(O_LAST), 1, 1000000,
	    &f.last, &e) != 0)
		return fail(&e);
	rel_cli_query_init(&q, a);
	q.want_set = 1;
	q.cols = missing ? rel_missing_cols(&q.ncols) :
	    rel_checkin_cols(&q.ncols);
	q.run = missing ? run_missing : run_list;
	q.ctx = &f;
	q.usage = usage;
	return rel_cli_query(&q);
}

static int
do_list(struct rel_cli_args *a)
{
	return do_query(a, 0);
}

static int
do_missing(struct rel_cli_args *a)
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
		{ "missing", missing_opts, do_missing },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
