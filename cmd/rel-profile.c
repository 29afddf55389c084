/* rel-profile: see rel-profile(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-profile.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "Every verb takes --db PATH and --as ADULT_ID. KIND is strength, interest,\n"
	    "motivation, identity, language, learns_best, worry or support.\n");
}

enum {
	O_SOURCE = REL_O_OWN, O_AT, O_STUDENT, O_KIND, O_ADULT,
	O_SINCE, O_UNTIL, O_HISTORY, O_CHECKINS
};

static const struct option longopts[] = {
	{ "source", required_argument, NULL, O_SOURCE },
	{ "at", required_argument, NULL, O_AT },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "kind", required_argument, NULL, O_KIND },
	{ "adult", required_argument, NULL, O_ADULT },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "history", no_argument, NULL, O_HISTORY },
	{ "checkins", required_argument, NULL, O_CHECKINS },
	{ NULL, 0, NULL, 0 }
};

static const int add_opts[] = { REL_O_DB, REL_O_AS, O_SOURCE, O_AT, REL_O_VIS, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_VIS, REL_O_MAP, REL_O_IGNORE, REL_O_REJECTS,
	REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_STUDENT, O_KIND, O_SOURCE,
	O_ADULT, O_SINCE, O_UNTIL, O_HISTORY, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int show_opts[] = { REL_O_DB, REL_O_AS, O_HISTORY, O_CHECKINS,
	REL_O_FORMAT, 0 };
static const int retire_opts[] = { REL_O_DB, REL_O_AS, O_AT, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

/* The verbs that name one item take exactly its three operands. */
static void
operands(struct rel_cli_args *a, const char *verb, int n)
{
	if (a->nargs == n)
		return;
	rel_warn("%s: %s", verb, n == 1 ? "give one STUDENT_ID" :
	    "give STUDENT_ID, KIND and VALUE");
	usage(stderr, REL_EUSAGE);
}

static int
do_add(struct rel_cli_args *a)
{
	const char *v[8] = { NULL };
	char at[REL_DATETIME_LEN];
	struct rel_cli_add ca;
	enum rel_vis vis;
	struct rel_err e;
	int64_t secs;

	operands(a, "add", 3);
	if (V(O_AT) != NULL) {
		if (rel_time_opt("--at", V(O_AT), 0, &secs, &e) != 0)
			return fail(&e);
		rel_datetime_format(secs, at);
	}
	if (V(REL_O_VIS) != NULL && rel_vis_opt(V(REL_O_VIS), &vis, &e) != 0)
		return fail(&e);
	/* In the order of the kind's columns: student_id (the operand),
	 * kind, value, source, at, adult_id (the acting adult),
	 * visibility, retired_at. */
	v[1] = a->args[1];
	v[2] = a->args[2];
	v[3] = V(O_SOURCE);
	v[4] = V(O_AT) != NULL ? at : NULL;
	v[6] = V(REL_O_VIS) != NULL ? rel_vis_name(vis) : NULL;
	rel_cli_add_init(&ca, a);
	ca.need_actor = 1;
	ca.kind = rel_profile_kind();
	ca.v = v;
	ca.usage = usage;
	return rel_cli_add(&ca, a->args, 1);
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	rel_cli_import_init(&ci, a);
	ci.kinds = rel_profile_kind();
	ci.nkinds = 1;
	return rel_cli_import(&ci);
}

static int
run_list(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_filter *f = ctx;

	f->set = set;
	return rel_profile_list(db, f, o, e);
}

static int
do_list(struct rel_cli_args *a)
{
	struct rel_cli_query q;
	struct rel_filter f;
	struct rel_err e;

	if (a->nargs > 0) {
		rel_warn("list: students come from --student or a set on "
		    "standard input");
		usage(stderr, REL_EUSAGE);
	}
	rel_filter_init(&f);
	if (rel_filter_times(&f, V(O_SINCE), V(O_UNTIL), &e) != 0)
		return fail(&e);
	f.student = V(O_STUDENT);
	f.adult = V(O_ADULT);
	f.kind = V(O_KIND);
	f.source = V(O_SOURCE);
	f.history = V(O_HISTORY) != NULL;
	rel_cli_query_init(&q, a);
	q.want_set = 1;
	q.cols = rel_profile_cols(&q.ncols);
	q.run = run_list;
	q.ctx = &f;
	q.usage = usage;
	return rel_cli_query(&q);
}

static int
do_show(struct rel_cli_args *a)
{
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	long checkins = 3;
	int rc, md = 0;

	operands(a, "show", 1);
	if (V(O_CHECKINS) != NULL && rel_cli_int("--checkins", V(O_CHECKINS),
	    0, 1000, &checkins, &e) != 0)
		return fail(&e);
	if (V(REL_O_FORMAT) != NULL) {
		if (strcmp(V(REL_O_FORMAT), "md") == 0 ||
		    strcmp(V(REL_O_FORMAT), "markdown") == 0)
			md = 1;
		else if (strcmp(V(REL_O_FORMAT), "text") != 0) {
			rel_err_value(&e, REL_EUSAGE, NULL, 0, "--format",
			    V(REL_O_FORMAT), strlen(V(REL_O_FORMAT)),
			    "is not text or md");
			return fail(&e);
		}
	}
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_reader(db, V(REL_O_AS), &who, &e)) == 0)
		rc = rel_profile_show(db, a->args[0], V(O_HISTORY) != NULL,
		    (int)checkins, md, stdout, &e);
	rel_db_close(db);
	return rc != 0 ? fail(&e) : 0;
}

static int
do_retire(struct rel_cli_args *a)
{
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	int rc;

	operands(a, "retire", 3);
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_need(db, V(REL_O_AS), &who, &e)) == 0)
		rc = rel_profile_retire(db, a->args[0], a->args[1], a->args[2],
		    V(O_AT), &e);
	rel_db_close(db);
	if (rc != 0)
		return fail(&e);
	rel_warn("profile item retired for %s", a->args[0]);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "add", add_opts, do_add },
		{ "import", import_opts, do_import },
		{ "list", list_opts, do_list },
		{ "show", show_opts, do_show },
		{ "retire", retire_opts, do_retire },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
