/* rel-restore: see rel-restore(1), the one description of the command. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-restore.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "KIND is harm, conflict, circle or reentry; STATUS open, circle_held,\n"
	    "agreement, repaired or closed. The role options of open may be repeated;\n"
	    "each takes a student or an adult. Every verb takes --db PATH and\n"
	    "--as ADULT_ID. list and due read a student set on standard input.\n");
}

enum {
	O_AT = REL_O_OWN, O_ID, O_KIND, O_SUMMARY, O_FOLLOW, O_HARMED,
	O_RESPONSIBLE, O_AFFECTED, O_SUPPORTER, O_FACILITATOR, O_PARTIES,
	O_STATUS, O_AGREEMENT, O_OUTCOME, O_STUDENT, O_ADULT, O_CASE,
	O_SINCE, O_UNTIL, O_OPEN, O_ON
};

/* The role options, in the order of the enum above. */
static const char *const roles[] = { "harmed", "responsible", "affected",
	"supporter", "facilitator" };
static const char *const role_opts[] = { "--harmed", "--responsible",
	"--affected", "--supporter", "--facilitator" };

#define OWN_OPTS(parties_arg) \
	{ "at", required_argument, NULL, O_AT }, \
	{ "id", required_argument, NULL, O_ID }, \
	{ "kind", required_argument, NULL, O_KIND }, \
	{ "summary", required_argument, NULL, O_SUMMARY }, \
	{ "follow-up", required_argument, NULL, O_FOLLOW }, \
	{ "harmed", required_argument, NULL, O_HARMED }, \
	{ "responsible", required_argument, NULL, O_RESPONSIBLE }, \
	{ "affected", required_argument, NULL, O_AFFECTED }, \
	{ "supporter", required_argument, NULL, O_SUPPORTER }, \
	{ "facilitator", required_argument, NULL, O_FACILITATOR }, \
	{ "parties", parties_arg, NULL, O_PARTIES }, \
	{ "status", required_argument, NULL, O_STATUS }, \
	{ "agreement", required_argument, NULL, O_AGREEMENT }, \
	{ "outcome", required_argument, NULL, O_OUTCOME }, \
	{ "student", required_argument, NULL, O_STUDENT }, \
	{ "adult", required_argument, NULL, O_ADULT }, \
	{ "case", required_argument, NULL, O_CASE }, \
	{ "since", required_argument, NULL, O_SINCE }, \
	{ "until", required_argument, NULL, O_UNTIL }, \
	{ "open", no_argument, NULL, O_OPEN }, \
	{ "on", required_argument, NULL, O_ON }

static const struct option longopts[] = {
	OWN_OPTS(no_argument),
	{ NULL, 0, NULL, 0 }
};

static const struct option open_longopts[] = {
	OWN_OPTS(required_argument),
	{ NULL, 0, NULL, 0 }
};

/* open's second pass over argv: the shared options too, as rel_cli_parse
 * knows them, so that their values are skipped and abbreviations resolve
 * alike. */
static const struct option all_open_longopts[] = {
	{ "db", required_argument, NULL, REL_O_DB },
	{ "as", required_argument, NULL, REL_O_AS },
	{ "format", required_argument, NULL, REL_O_FORMAT },
	{ "excel-safe", no_argument, NULL, REL_O_EXCEL },
	{ "visibility", required_argument, NULL, REL_O_VIS },
	{ "map", required_argument, NULL, REL_O_MAP },
	{ "ignore-unknown", no_argument, NULL, REL_O_IGNORE },
	{ "rejects", required_argument, NULL, REL_O_REJECTS },
	{ "dry-run", no_argument, NULL, REL_O_DRYRUN },
	{ "help", no_argument, NULL, REL_O_HELP },
	{ "version", no_argument, NULL, REL_O_VERSION },
	OWN_OPTS(required_argument),
	{ NULL, 0, NULL, 0 }
};

static const int open_opts[] = { REL_O_DB, REL_O_AS, REL_O_VIS, O_AT, O_ID,
	O_KIND, O_SUMMARY, O_FOLLOW, O_HARMED, O_RESPONSIBLE, O_AFFECTED,
	O_SUPPORTER, O_FACILITATOR, O_PARTIES, 0 };
static const int update_opts[] = { REL_O_DB, REL_O_AS, O_STATUS,
	O_AGREEMENT, O_FOLLOW, 0 };
static const int close_opts[] = { REL_O_DB, REL_O_AS, O_OUTCOME, O_AT, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_VIS, REL_O_MAP,
	REL_O_IGNORE, REL_O_REJECTS, REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT, O_PARTIES, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_PARTIES, O_CASE,
	O_STUDENT, O_ADULT, O_KIND, O_STATUS, O_OPEN, O_SINCE, O_UNTIL,
	REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int due_opts[] = { REL_O_DB, REL_O_AS, O_ON, O_ADULT,
	REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

/* The command line, for open's second pass. */
static int g_argc;
static char **g_argv;

#define fail(e) rel_cli_fail((e), usage)

/* The role options of open, every one, in the order given. */
static size_t
open_parties(struct rel_restore_who *who, size_t max)
{
	size_t n = 0;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(g_argc - 1, g_argv + 1, ":h", all_open_longopts,
	    NULL)) != -1)
		if (c >= O_HARMED && c <= O_FACILITATOR && n < max) {
			who[n].opt = role_opts[c - O_HARMED];
			who[n].role = roles[c - O_HARMED];
			who[n].id = optarg;
			n++;
		}
	return n;
}

static int
do_open(struct rel_cli_args *a)
{
	char at[REL_DATETIME_LEN], follow[REL_DATE_LEN], id[65];
	struct rel_restore_who *who;
	struct rel_restore_open o;
	struct rel_actor actor;
	struct rel_db *db;
	struct rel_err e;
	enum rel_vis vis;
	int64_t secs;
	size_t n;
	long nparties;
	int rc;

	rel_err_clear(&e);
	if (a->nargs > 0) {
		rel_warn("open: takes no operands (the parties come as "
		    "--harmed ID and the like, or in --parties FILE)");
		usage(stderr, REL_EUSAGE);
	}
	memset(&o, 0, sizeof(o));
	if (V(O_AT) != NULL) {
		if (rel_time_opt("--at", V(O_AT), 0, &secs, &e) != 0)
			return fail(&e);
		rel_datetime_format(secs, at);
		o.opened_at = at;
	}
	if (V(O_FOLLOW) != NULL) {
		if (rel_restore_when("--follow-up", V(O_FOLLOW), follow,
		    &e) != 0)
			return fail(&e);
		o.follow_up_on = follow;
	}
	if (V(REL_O_VIS) != NULL && rel_vis_opt(V(REL_O_VIS), &vis, &e) != 0)
		return fail(&e);
	who = calloc((size_t)g_argc, sizeof(*who));
	if (who == NULL) {
		rel_warn("out of memory");
		return REL_ESOFTWARE;
	}
	n = open_parties(who, (size_t)g_argc);
	if (n == 0 && V(O_PARTIES) == NULL) {
		free(who);
		rel_warn("open: a case needs at least one party: give "
		    "--harmed ID, --responsible ID, --affected ID, "
		    "--supporter ID, --facilitator ID or --parties FILE");
		usage(stderr, REL_EUSAGE);
	}
	o.case_id = V(O_ID);
	o.kind = V(O_KIND);
	o.summary = V(O_SUMMARY);
	o.visibility = V(REL_O_VIS);
	o.who = who;
	o.nwho = n;
	o.file = V(O_PARTIES);
	o.report = rel_cli_report;
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0) {
		free(who);
		return rc;
	}
	/* The acting adult is the case's author: who may see a private
	 * case and change it. */
	if ((rc = rel_actor_need(db, V(REL_O_AS), &actor, &e)) == 0 &&
	    (rc = rel_restore_open(db, &o, id, &nparties, &e)) == 0) {
		printf("%s\n", id);
		rel_warn("case %s opened with %ld part%s", id, nparties,
		    nparties == 1 ? "y" : "ies");
	}
	rel_db_close(db);
	free(who);
	return rc != 0 ? fail(&e) : 0;
}

/* The one case an update or a close names. */
static const char *
one_case(struct rel_cli_args *a, const char *verb)
{
	if (a->nargs != 1) {
		rel_warn("%s: give one CASE_ID", verb);
		usage(stderr, REL_EUSAGE);
	}
	return a->args[0];
}

static int
do_update(struct rel_cli_args *a)
{
	const char *id = one_case(a, "update");
	struct rel_restore_change c;
	char follow[REL_DATE_LEN];
	struct rel_actor actor;
	struct rel_db *db;
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	memset(&c, 0, sizeof(c));
	c.status = V(O_STATUS);
	c.agreement = V(O_AGREEMENT);
	if (c.status == NULL && c.agreement == NULL && V(O_FOLLOW) == NULL) {
		rel_warn("update: give --status, --agreement or --follow-up");
		usage(stderr, REL_EUSAGE);
	}
	if (V(O_FOLLOW) != NULL) {
		if (rel_restore_when("--follow-up", V(O_FOLLOW), follow,
		    &e) != 0)
			return fail(&e);
		c.follow_up_on = follow;
	}
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_need(db, V(REL_O_AS), &actor, &e)) == 0 &&
	    (rc = rel_restore_update(db, id, &c, &e)) == 0)
		rel_warn("case %s updated", id);
	rel_db_close(db);
	return rc != 0 ? fail(&e) : 0;
}

static int
do_close(struct rel_cli_args *a)
{
	const char *id = one_case(a, "close");
	struct rel_actor actor;
	struct rel_db *db;
	struct rel_err e;
	int64_t at = INT64_MIN;
	int rc;

	rel_err_clear(&e);
	if (V(O_AT) != NULL && rel_time_opt("--at", V(O_AT), 0, &at, &e) != 0)
		return fail(&e);
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_need(db, V(REL_O_AS), &actor, &e)) == 0 &&
	    (rc = rel_restore_close(db, id, V(O_OUTCOME), at, &e)) == 0)
		rel_warn("case %s closed", id);
	rel_db_close(db);
	return rc != 0 ? fail(&e) : 0;
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_import_kind kinds[2];
	struct rel_cli_import ci;
	int parties = V(O_PARTIES) != NULL;

	kinds[0] = *rel_restore_kind();
	kinds[1] = *rel_restore_party_kind();
	rel_cli_import_init(&ci, a);
	ci.kinds = kinds;
	ci.nkinds = 2;
	ci.choose = rel_restore_choose;
	ci.ctx = &parties;
	return rel_cli_import(&ci);
}

static int
run_list(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_cli_args *a = ctx;
	struct rel_restore_filter rf;
	int rc;

	rel_restore_filter_init(&rf);
	rf.f.student = V(O_STUDENT);
	rf.f.adult = V(O_ADULT);
	rf.f.kind = V(O_KIND);
	rf.f.set = set;
	rf.case_id = V(O_CASE);
	rf.status = V(O_STATUS);
	rf.open = V(O_OPEN) != NULL;
	if ((rc = rel_filter_times(&rf.f, V(O_SINCE), V(O_UNTIL), e)) != 0)
		return rc;
	if (V(O_PARTIES) != NULL)
		return rel_restore_party_list(db, &rf, o, e);
	return rel_restore_list(db, &rf, o, e);
}

static int
do_list(struct rel_cli_args *a)
{
	struct rel_cli_query cq;

	if (a->nargs > 0) {
		rel_warn("list: takes no operands (a student set comes on "
		    "standard input)");
		usage(stderr, REL_EUSAGE);
	}
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = V(O_PARTIES) != NULL ? rel_restore_party_cols(&cq.ncols) :
	    rel_restore_cols(&cq.ncols);
	cq.run = run_list;
	cq.ctx = a;
	cq.usage = usage;
	return rel_cli_query(&cq);
}

struct due {
	int32_t on;
	const char *adult;
};

static int
run_due(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	const struct due *d = ctx;

	return rel_restore_due(db, d->on, d->adult, set, o, e);
}

static int
do_due(struct rel_cli_args *a)
{
	struct rel_cli_query cq;
	char day[REL_DATE_LEN];
	struct rel_err e;
	struct due d;

	if (a->nargs > 0) {
		rel_warn("due: takes no operands (a student set comes on "
		    "standard input)");
		usage(stderr, REL_EUSAGE);
	}
	d.on = rel_today();
	d.adult = V(O_ADULT);
	if (V(O_ON) != NULL) {
		if (rel_restore_when("--on", V(O_ON), day, &e) != 0)
			return fail(&e);
		if (rel_date_parse(day, strlen(day), &d.on) != 0) {
			rel_err_value(&e, REL_EUSAGE, NULL, 0, "--on", V(O_ON),
			    strlen(V(O_ON)), "is not a date (YYYY-MM-DD) or a "
			    "span ahead of today (today, tomorrow, 7d, 2w, "
			    "1m)");
			return fail(&e);
		}
	}
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = rel_restore_due_cols(&cq.ncols);
	cq.run = run_due;
	cq.ctx = &d;
	cq.usage = usage;
	return rel_cli_query(&cq);
}

/* rel_cli_main, but open parses with its own table (see the top). */
int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "open", open_opts, do_open },
		{ "update", update_opts, do_update },
		{ "close", close_opts, do_close },
		{ "import", import_opts, do_import },
		{ "list", list_opts, do_list },
		{ "due", due_opts, do_due },
	};
	struct rel_cli_args a;
	const char *verb;
	size_t i, n = sizeof(verbs) / sizeof(verbs[0]);

	verb = rel_cli_verb(argc, argv, usage);
	for (i = 0; i < n && strcmp(verb, verbs[i].name) != 0; i++)
		;
	if (i == n) {
		rel_cli_unknown_verb(verb, verbs, n, sizeof(verbs[0]));
		usage(stderr, REL_EUSAGE);
	}
	g_argc = argc;
	g_argv = argv;
	rel_cli_parse(argc - 1, argv + 1, verb, i == 0 ? open_longopts :
	    longopts, verbs[i].opts, &a, usage);
	return rel_cli_finish(verbs[i].run(&a));
}
