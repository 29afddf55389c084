/* rel-goal: see rel-goal(1), the one description of the command. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rel/rel.h"
#include "usage-rel-goal.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "Every verb takes --db PATH and --as ADULT_ID. list and due read a student set\n"
	    "on standard input.\n");
}

enum {
	O_AREA = REL_O_OWN, O_AT, O_CHAMPION, O_CHECK, O_DUE, O_DURATION,
	O_ID, O_KIND, O_MINE, O_NOTE, O_ON, O_OUTCOME, O_PROGRESS, O_RATING,
	O_SETBY, O_SINCE, O_START, O_STATUS, O_STRATEGIES, O_STUDENT,
	O_TEXT, O_TIER, O_UNTIL
};

static const struct option longopts[] = {
	{ "area", required_argument, NULL, O_AREA },
	{ "at", required_argument, NULL, O_AT },
	{ "champion", required_argument, NULL, O_CHAMPION },
	{ "check-every", required_argument, NULL, O_CHECK },
	{ "due", required_argument, NULL, O_DUE },
	{ "duration", required_argument, NULL, O_DURATION },
	{ "id", required_argument, NULL, O_ID },
	{ "kind", required_argument, NULL, O_KIND },
	{ "mine", no_argument, NULL, O_MINE },
	{ "note", required_argument, NULL, O_NOTE },
	{ "on", required_argument, NULL, O_ON },
	{ "outcome", required_argument, NULL, O_OUTCOME },
	{ "progress", no_argument, NULL, O_PROGRESS },
	{ "rating", required_argument, NULL, O_RATING },
	{ "set-by", required_argument, NULL, O_SETBY },
	{ "since", required_argument, NULL, O_SINCE },
	{ "start", required_argument, NULL, O_START },
	{ "status", required_argument, NULL, O_STATUS },
	{ "strategies", required_argument, NULL, O_STRATEGIES },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "text", required_argument, NULL, O_TEXT },
	{ "tier", required_argument, NULL, O_TIER },
	{ "until", required_argument, NULL, O_UNTIL },
	{ NULL, 0, NULL, 0 }
};

static const int add_opts[] = { REL_O_DB, REL_O_AS, O_AREA, O_AT,
	O_CHAMPION, O_CHECK, O_DUE, O_DURATION, O_ID, O_KIND, O_SETBY,
	O_START, O_STRATEGIES, O_TEXT, O_TIER, REL_O_VIS, 0 };
static const int progress_opts[] = { REL_O_DB, REL_O_AS, O_AT, O_NOTE,
	O_RATING, 0 };
static const int close_opts[] = { REL_O_DB, REL_O_AS, O_AT, O_OUTCOME,
	O_STATUS, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_MAP,
	REL_O_IGNORE, REL_O_REJECTS, REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, REL_O_VIS, O_PROGRESS, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_AREA, O_CHAMPION,
	O_KIND, O_PROGRESS, O_SINCE, O_STATUS, O_STUDENT, O_UNTIL,
	REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int due_opts[] = { REL_O_DB, REL_O_AS, O_AREA, O_CHAMPION,
	O_KIND, O_MINE, O_ON, O_STUDENT, REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

/* One operand, the student or goal a verb is about. */
static void
one_operand(const struct rel_cli_args *a, const char *verb, const char *what)
{
	if (a->nargs != 1) {
		rel_warn("%s: give one %s", verb, what);
		usage(stderr, REL_EUSAGE);
	}
}

/* The columns of rel_goal_kind() and rel_progress_kind(), in order. */
enum {
	C_ID, C_STUDENT, C_KIND, C_AREA, C_TEXT, C_SETBY, C_CHAMP, C_TIER,
	C_STRAT, C_START, C_DUE, C_EVERY, C_STATUS, C_OUTCOME, C_CLOSED,
	C_AT, C_ADULT, C_VIS, NCOLS
};
enum { P_GOAL, P_AT, P_ADULT, P_RATING, P_NOTE, NPCOLS };

/* --at into YYYY-MM-DDTHH:MM:SS, now when not given. */
static int
at_opt(const struct rel_cli_args *a, char *at, int64_t *secs,
    struct rel_err *e)
{
	*secs = rel_now();
	if (V(O_AT) != NULL && rel_time_opt("--at", V(O_AT), 0, secs, e) != 0)
		return e->code;
	rel_datetime_format(*secs, at);
	return 0;
}

static int
do_add(struct rel_cli_args *a)
{
	const char *v[NCOLS] = { NULL };
	char at[REL_DATETIME_LEN], start[REL_DATE_LEN], due[REL_DATE_LEN];
	char id[REL_GOAL_ID_LEN];
	enum rel_outcome out;
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	enum rel_vis vis;
	int32_t day, end;
	int64_t secs;
	int rc;

	rel_err_clear(&e);
	one_operand(a, "add", "STUDENT_ID");
	if (V(O_TEXT) == NULL) {
		rel_warn("add: --text is needed: the goal, or the kind of "
		    "support");
		usage(stderr, REL_EUSAGE);
	}
	if (V(O_DUE) != NULL && V(O_DURATION) != NULL) {
		rel_warn("add: give --due or --duration, not both");
		usage(stderr, REL_EUSAGE);
	}
	/* Dates given as options are checked as options (64); the record's
	 * other values are checked as an import checks them (65). */
	day = rel_today();
	if (V(O_START) != NULL) {
		if (rel_goal_date_opt("--start", V(O_START), &day, &e) != 0)
			return fail(&e);
		rel_date_format(day, start);
		v[C_START] = start;
	}
	if (V(O_DUE) != NULL) {
		if (rel_goal_date_opt("--due", V(O_DUE), &end, &e) != 0)
			return fail(&e);
		rel_date_format(end, due);
		v[C_DUE] = due;
	}
	if (V(O_DURATION) != NULL) {
		if (rel_goal_span_add("--duration", V(O_DURATION), day, &end,
		    &e) != 0)
			return fail(&e);
		rel_date_format(end, due);
		v[C_DUE] = due;
	}
	if (at_opt(a, at, &secs, &e) != 0 ||
	    (V(REL_O_VIS) != NULL && rel_vis_opt(V(REL_O_VIS), &vis, &e) != 0))
		return fail(&e);
	v[C_ID] = V(O_ID);
	v[C_STUDENT] = a->args[0];
	v[C_KIND] = V(O_KIND);
	v[C_AREA] = V(O_AREA);
	v[C_TEXT] = V(O_TEXT);
	v[C_SETBY] = V(O_SETBY);
	v[C_CHAMP] = V(O_CHAMPION);
	v[C_TIER] = V(O_TIER);
	v[C_STRAT] = V(O_STRATEGIES);
	v[C_EVERY] = V(O_CHECK);
	v[C_AT] = at;
	v[C_VIS] = V(REL_O_VIS);

	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_need(db, V(REL_O_AS), &who, &e)) == 0 &&
	    (rc = rel_goal_add(db, v, id, &out, &e)) == 0) {
		printf("%s\n", id);
		rel_warn("%s %s for %s", v[C_KIND] != NULL &&
		    strcasecmp(v[C_KIND], "support") == 0 ? "support" : "goal",
		    out == REL_DUPLICATE ? "already recorded; nothing added" :
		    "added", a->args[0]);
	}
	rel_db_close(db);
	return rc != 0 ? fail(&e) : 0;
}

static int
do_progress(struct rel_cli_args *a)
{
	const char *v[NPCOLS] = { NULL };
	char at[REL_DATETIME_LEN];
	struct rel_cli_add ca;
	struct rel_err e;
	int64_t secs;

	rel_err_clear(&e);
	one_operand(a, "progress", "GOAL_ID");
	if (V(O_RATING) == NULL && V(O_NOTE) == NULL) {
		rel_warn("progress: give --rating N (1 to 5), --note TEXT, or "
		    "both");
		usage(stderr, REL_EUSAGE);
	}
	if (at_opt(a, at, &secs, &e) != 0)
		return fail(&e);
	v[P_AT] = at;
	v[P_RATING] = V(O_RATING);
	v[P_NOTE] = V(O_NOTE);
	rel_cli_add_init(&ca, a);
	ca.need_actor = 1;
	ca.no_set = 1;
	ca.kind = rel_progress_kind();
	ca.v = v;
	ca.usage = usage;
	return rel_cli_add(&ca, a->args, 1);
}

static int
do_close(struct rel_cli_args *a)
{
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	char at[REL_DATETIME_LEN], status[16];
	int64_t secs;
	size_t i;
	int rc;

	rel_err_clear(&e);
	one_operand(a, "close", "GOAL_ID");
	if (at_opt(a, at, &secs, &e) != 0)
		return fail(&e);
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_find(db, V(REL_O_AS), &who, &e)) == 0 &&
	    (rc = rel_goal_close(db, a->args[0], V(O_STATUS), V(O_OUTCOME),
	    secs, &e)) == 0) {
		/* The status as stored: it was taken in any case. */
		snprintf(status, sizeof(status), "%s", V(O_STATUS) != NULL ?
		    V(O_STATUS) : "closed");
		for (i = 0; status[i] != '\0'; i++)
			status[i] = (char)tolower((unsigned char)status[i]);
		rel_warn("%s closed: %s", a->args[0], status);
	}
	rel_db_close(db);
	return rc != 0 ? fail(&e) : 0;
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	rel_cli_import_init(&ci, a);
	ci.kinds = V(O_PROGRESS) != NULL ? rel_progress_kind() :
	    rel_goal_kind();
	ci.nkinds = 1;
	return rel_cli_import(&ci);
}

/* What list and due hand to their run(). */
struct query {
	struct rel_cli_args *a;
	int due;
	int32_t on;
};

static int
run_query(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct query *q = ctx;
	struct rel_cli_args *a = q->a;
	struct rel_goal_filter gf;
	int rc;

	rel_goal_filter_init(&gf);
	gf.f.student = V(O_STUDENT);
	gf.f.kind = V(O_KIND);
	gf.f.set = set;
	gf.area = V(O_AREA);
	gf.champion = V(O_CHAMPION);
	if (q->due)
		return rel_goal_due(db, &gf, V(O_MINE) != NULL, q->on, o, e);
	/* "Which goals are running?" is the question a list answers
	 * first; --status all shows every one. */
	gf.status = V(O_STATUS) != NULL ? V(O_STATUS) : "open";
	if ((rc = rel_filter_times(&gf.f, V(O_SINCE), V(O_UNTIL), e)) != 0)
		return rc;
	return V(O_PROGRESS) != NULL ? rel_progress_list(db, &gf, o, e) :
	    rel_goal_list(db, &gf, o, e);
}

static int
do_query(struct rel_cli_args *a, int due)
{
	struct rel_cli_query cq;
	struct query q;
	struct rel_err e;

	rel_err_clear(&e);
	if (a->nargs > 0) {
		rel_warn("%s: takes no operands (a student set comes on "
		    "standard input)", due ? "due" : "list");
		usage(stderr, REL_EUSAGE);
	}
	memset(&q, 0, sizeof(q));
	q.a = a;
	q.due = due;
	q.on = rel_today();
	if (due && V(O_MINE) != NULL && V(O_CHAMPION) != NULL) {
		rel_warn("due: give --mine or --champion, not both");
		usage(stderr, REL_EUSAGE);
	}
	if (due && V(O_ON) != NULL && rel_goal_date_opt("--on", V(O_ON), &q.on,
	    &e) != 0)
		return fail(&e);
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = due ? rel_goal_due_cols(&cq.ncols) : V(O_PROGRESS) != NULL ?
	    rel_progress_cols(&cq.ncols) : rel_goal_cols(&cq.ncols);
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
do_due(struct rel_cli_args *a)
{
	return do_query(a, 1);
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "add", add_opts, do_add },
		{ "progress", progress_opts, do_progress },
		{ "close", close_opts, do_close },
		{ "import", import_opts, do_import },
		{ "list", list_opts, do_list },
		{ "due", due_opts, do_due },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
