/* rel-family: see rel-family(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-family.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "C is call, text, email, letter, home_visit, meeting, conference, workshop or\n"
	    "event; D is to_home or from_home; T is positive, neutral or concern. Every\n"
	    "verb takes --db PATH and --as ADULT_ID. Without STUDENT_IDs, add, list, due,\n"
	    "quiet and guardians take a student set on standard input.\n");
}

enum {
	O_AT = REL_O_OWN, O_CHANNEL, O_DIRECTION, O_TONE, O_CONTACT,
	O_RELATIONSHIP, O_LANGUAGE, O_SUMMARYTEXT, O_FOLLOWUP, O_STUDENT,
	O_ADULT, O_SINCE, O_UNTIL, O_SUMMARY, O_ON, O_ALL
};

/* --summary is the text of a contact for add, and asks for the
 * per-student summary in list: so add has options of its own. */
#define SHARED_OPTS \
	{ "at", required_argument, NULL, O_AT }, \
	{ "channel", required_argument, NULL, O_CHANNEL }, \
	{ "direction", required_argument, NULL, O_DIRECTION }, \
	{ "tone", required_argument, NULL, O_TONE }, \
	{ "contact", required_argument, NULL, O_CONTACT }, \
	{ "relationship", required_argument, NULL, O_RELATIONSHIP }, \
	{ "language", required_argument, NULL, O_LANGUAGE }, \
	{ "follow-up", required_argument, NULL, O_FOLLOWUP }, \
	{ "student", required_argument, NULL, O_STUDENT }, \
	{ "adult", required_argument, NULL, O_ADULT }, \
	{ "since", required_argument, NULL, O_SINCE }, \
	{ "until", required_argument, NULL, O_UNTIL }, \
	{ "on", required_argument, NULL, O_ON }, \
	{ "all", no_argument, NULL, O_ALL }

static const struct option add_longopts[] = {
	SHARED_OPTS,
	{ "summary", required_argument, NULL, O_SUMMARYTEXT },
	{ NULL, 0, NULL, 0 }
};

static const struct option longopts[] = {
	SHARED_OPTS,
	{ "summary", no_argument, NULL, O_SUMMARY },
	{ NULL, 0, NULL, 0 }
};

static const int add_opts[] = { REL_O_DB, REL_O_AS, O_AT, O_CHANNEL,
	O_DIRECTION, O_TONE, O_CONTACT, O_RELATIONSHIP, O_LANGUAGE,
	O_SUMMARYTEXT, O_FOLLOWUP, REL_O_VIS, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_VIS, REL_O_MAP,
	REL_O_IGNORE, REL_O_REJECTS, REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_SUMMARY, O_STUDENT,
	O_ADULT, O_CHANNEL, O_DIRECTION, O_TONE, O_SINCE, O_UNTIL,
	REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int due_opts[] = { REL_O_DB, REL_O_AS, O_ON, O_ALL, O_ADULT,
	REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int quiet_opts[] = { REL_O_DB, REL_O_AS, O_SINCE, REL_O_FORMAT,
	REL_O_EXCEL, 0 };
static const int guardians_opts[] = { REL_O_DB, REL_O_AS, O_ALL,
	REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

/* The columns of rel_family_kind(), in its order. */
enum {
	C_STUDENT, C_AT, C_ADULT, C_CHANNEL, C_DIRECTION, C_TONE, C_NAME,
	C_RELATIONSHIP, C_LANGUAGE, C_SUMMARY, C_FOLLOW, C_VIS, NCOLS
};

static int
do_add(struct rel_cli_args *a)
{
	const char *v[NCOLS] = { NULL };
	char at[REL_DATETIME_LEN], follow[REL_DATE_LEN];
	struct rel_cli_add ca;
	struct rel_err e;
	enum rel_vis vis;
	int32_t day;
	int64_t secs;

	rel_err_clear(&e);
	if (V(O_CHANNEL) == NULL || V(O_DIRECTION) == NULL) {
		rel_warn("add: --channel and --direction are required");
		usage(stderr, REL_EUSAGE);
	}
	if (a->nargs == 0 && !rel_set_wanted(stdin)) {
		rel_warn("add: give STUDENT_ID, or a student set on standard "
		    "input");
		usage(stderr, REL_EUSAGE);
	}
	if (V(O_AT) != NULL) {
		if (rel_time_opt("--at", V(O_AT), 0, &secs, &e) != 0)
			return fail(&e);
		rel_datetime_format(secs, at);
	} else
		snprintf(at, sizeof(at), "%s", rel_now_text());
	if (V(O_FOLLOWUP) != NULL) {
		if (rel_family_ahead("--follow-up", V(O_FOLLOWUP), &day,
		    &e) != 0)
			return fail(&e);
		rel_date_format(day, follow);
		v[C_FOLLOW] = follow;
	}
	/* The visibility option is checked as an option (64); the write
	 * function reads it back as the column. */
	if (V(REL_O_VIS) != NULL && rel_vis_opt(V(REL_O_VIS), &vis,
	    &e) != 0)
		return fail(&e);
	v[C_AT] = at;
	v[C_CHANNEL] = V(O_CHANNEL);
	v[C_DIRECTION] = V(O_DIRECTION);
	v[C_TONE] = V(O_TONE);
	v[C_NAME] = V(O_CONTACT);
	v[C_RELATIONSHIP] = V(O_RELATIONSHIP);
	v[C_LANGUAGE] = V(O_LANGUAGE);
	v[C_SUMMARY] = V(O_SUMMARYTEXT);
	v[C_VIS] = V(REL_O_VIS);
	rel_cli_add_init(&ca, a);
	ca.need_actor = 1;
	ca.kind = rel_family_kind();
	ca.v = v;
	ca.usage = usage;
	return rel_cli_add(&ca, a->args, (size_t)a->nargs);
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	rel_cli_import_init(&ci, a);
	ci.kinds = rel_family_kind();
	ci.nkinds = 1;
	return rel_cli_import(&ci);
}

/* What the read verbs hand to their run(). */
struct query {
	struct rel_cli_args *a;
	enum rel_family_whose whose;
	int32_t on;
	int64_t since;
};

static int
run_list(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;
	struct rel_cli_args *a = q->a;
	struct rel_family_filter ff;
	int rc;

	rel_family_filter_init(&ff);
	ff.f.student = V(O_STUDENT);
	ff.f.adult = V(O_ADULT);
	ff.f.set = set;
	ff.channel = V(O_CHANNEL);
	ff.direction = V(O_DIRECTION);
	ff.tone = V(O_TONE);
	if ((rc = rel_filter_times(&ff.f, V(O_SINCE), V(O_UNTIL), e)) != 0)
		return rc;
	return V(O_SUMMARY) != NULL ? rel_family_summary(db, &ff, o, e) :
	    rel_family_list(db, &ff, o, e);
}

static int
run_due(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;
	struct rel_cli_args *a = q->a;

	return rel_family_due(db, q->whose, V(O_ADULT), q->on, set, o, e);
}

static int
run_quiet(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;

	/* What quiet cannot see, it cannot count: say so, once, to an
	 * adult who does not see every contact. */
	if (rel_actor(db)->id != 0 && !rel_actor(db)->sees_all)
		rel_warn("quiet counts only the family contacts you may see "
		    "(yours, and the staff and team ones of your students); a "
		    "counselor sees them all");
	return rel_family_quiet(db, q->since, set, o, e);
}

static int
run_guardians(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;
	struct rel_cli_args *a = q->a;

	return rel_family_guardians(db, set, V(O_ALL) != NULL, o, e);
}

static int
do_query(struct rel_cli_args *a, const char *verb,
    int (*run)(struct rel_db *, void *, int, struct rel_out *,
    struct rel_err *), const char *const *cols, size_t ncols)
{
	struct rel_cli_query cq;
	struct query q;
	struct rel_err e;

	rel_err_clear(&e);
	if (a->nargs > 0) {
		rel_warn("%s: takes no operands (a student set comes on standard "
		    "input)", verb);
		usage(stderr, REL_EUSAGE);
	}
	memset(&q, 0, sizeof(q));
	q.a = a;
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = cols;
	cq.ncols = ncols;
	cq.run = run;
	cq.ctx = &q;
	cq.usage = usage;
	if (run == run_due) {
		if (V(O_ALL) != NULL && V(O_ADULT) != NULL) {
			rel_warn("due: give --all or --adult, not both");
			usage(stderr, REL_EUSAGE);
		}
		q.whose = V(O_ALL) != NULL ? REL_FAMILY_ALL :
		    V(O_ADULT) != NULL ? REL_FAMILY_ADULT : REL_FAMILY_MINE;
		q.on = rel_today();
		if (V(O_ON) != NULL &&
		    rel_family_ahead("--on", V(O_ON), &q.on, &e) != 0)
			return fail(&e);
	}
	if (run == run_quiet && rel_time_opt("--since", V(O_SINCE) != NULL ?
	    V(O_SINCE) : "30d", 0, &q.since, &e) != 0)
		return fail(&e);
	return rel_cli_query(&cq);
}

static int
do_list(struct rel_cli_args *a)
{
	const char *const *cols;
	size_t n;

	cols = V(O_SUMMARY) != NULL ? rel_family_summary_cols(&n) :
	    rel_family_cols(&n);
	return do_query(a, "list", run_list, cols, n);
}

static int
do_due(struct rel_cli_args *a)
{
	const char *const *cols;
	size_t n;

	cols = rel_family_due_cols(&n);
	return do_query(a, "due", run_due, cols, n);
}

static int
do_quiet(struct rel_cli_args *a)
{
	const char *const *cols;
	size_t n;

	cols = rel_family_quiet_cols(&n);
	return do_query(a, "quiet", run_quiet, cols, n);
}

static int
do_guardians(struct rel_cli_args *a)
{
	const char *const *cols;
	size_t n;

	cols = rel_family_guardian_cols(&n);
	return do_query(a, "guardians", run_guardians, cols, n);
}

int
main(int argc, char **argv)
{
	static const struct {
		struct rel_cli_verb v;
		const struct option *longopts;
	} verbs[] = {
		{ { "add", add_opts, do_add }, add_longopts },
		{ { "import", import_opts, do_import }, longopts },
		{ { "list", list_opts, do_list }, longopts },
		{ { "due", due_opts, do_due }, longopts },
		{ { "quiet", quiet_opts, do_quiet }, longopts },
		{ { "guardians", guardians_opts, do_guardians }, longopts },
	};
	struct rel_cli_args a;
	const char *verb;
	size_t i;

	/* rel_cli_main, but with add's own options. */
	verb = rel_cli_verb(argc, argv, usage);
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]) &&
	    strcmp(verb, verbs[i].v.name) != 0; i++)
		;
	if (i == sizeof(verbs) / sizeof(verbs[0])) {
		rel_cli_unknown_verb(verb, verbs, sizeof(verbs) /
		    sizeof(verbs[0]), sizeof(verbs[0]));
		usage(stderr, REL_EUSAGE);
	}
	rel_cli_parse(argc - 1, argv + 1, verb, verbs[i].longopts,
	    verbs[i].v.opts, &a, usage);
	return rel_cli_finish(verbs[i].v.run(&a));
}
