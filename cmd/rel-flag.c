/* rel-flag: see rel-flag(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-flag.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "RULE is no_adult, not_seen, mood_drop, attendance, attendance_slide,\n"
	    "concerns, follow_up_overdue or belonging_low. Every form takes --db PATH\n"
	    "and --as ADULT_ID. A student set on standard input narrows a run.\n");
}

enum { O_RULE = REL_O_OWN, O_ASOF, O_SUMMARY, O_EXIT };

static const struct option longopts[] = {
	{ "rule", required_argument, NULL, O_RULE },
	{ "as-of", required_argument, NULL, O_ASOF },
	{ "summary", no_argument, NULL, O_SUMMARY },
	{ "exit-status", no_argument, NULL, O_EXIT },
	{ NULL, 0, NULL, 0 }
};

static const int run_opts[] = { REL_O_DB, REL_O_AS, O_RULE, O_ASOF,
	O_SUMMARY, O_EXIT, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int rules_opts[] = { REL_O_DB, REL_O_AS, REL_O_FORMAT,
	REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

static int
run_flags(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_flag_run *r = ctx;

	r->set = set;
	return rel_flag_run(db, r, o, e);
}

static int
do_run(struct rel_cli_args *a)
{
	struct rel_cli_query cq;
	struct rel_flag_run r;
	struct rel_err e;
	const char *const *cols;
	size_t n;
	int rc;

	rel_err_clear(&e);
	if (a->nargs > 0) {
		rel_warn("takes no operands (a student set comes on standard "
		    "input)");
		usage(stderr, REL_EUSAGE);
	}
	memset(&r, 0, sizeof(r));
	r.summary = V(O_SUMMARY) != NULL;
	r.as_of = rel_today();
	if (V(O_RULE) != NULL &&
	    rel_flag_parse("--rule", V(O_RULE), &r.rules, &e) != 0)
		return fail(&e);
	if (V(O_ASOF) != NULL) {
		const char *s = V(O_ASOF);

		if (rel_when_parse(s, strlen(s), &r.as_of) != 0) {
			rel_err_value(&e, REL_EUSAGE, NULL, 0, "--as-of", s,
			    strlen(s), "is not a date (YYYY-MM-DD) or a span "
			    "back from today (7d, 2w, yesterday)");
			return fail(&e);
		}
		if (r.as_of > rel_today()) {
			rel_err_value(&e, REL_EUSAGE, NULL, 0, "--as-of", s,
			    strlen(s), "is after today: a run reads what has "
			    "happened");
			return fail(&e);
		}
	}
	cols = rel_flag_cols(r.summary, &n);
	rel_cli_query_init(&cq, a);
	cq.want_set = 1;
	cq.cols = cols;
	cq.ncols = n;
	cq.run = run_flags;
	cq.ctx = &r;
	cq.usage = usage;
	rc = rel_cli_query(&cq);
	/* Like grep: 1 says something was found, for cron. */
	if (rc == 0 && V(O_EXIT) != NULL && r.flagged > 0)
		rc = 1;
	return rc;
}

static int
run_rules(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	(void)ctx;
	(void)set;
	return rel_flag_rules(db, o, e);
}

/* rules set KEY VALUE, and rules reset [KEY ...]: a write, by a
 * counselor or an admin. Reset with no key resets them all. */
static int
do_write(struct rel_cli_args *a)
{
	struct rel_actor who;
	struct rel_db *db = NULL;
	struct rel_err e;
	const char *const *keys;
	size_t nkeys;
	int set = strcmp(a->args[0], "set") == 0, rc;

	rel_err_clear(&e);
	if (set && a->nargs != 3) {
		rel_warn("rules set: give RULE.NAME VALUE");
		usage(stderr, REL_EUSAGE);
	}
	if (set || a->nargs > 1) {
		keys = (const char *const *)a->args + 1;
		nkeys = set ? 1 : (size_t)a->nargs - 1;
	} else
		keys = rel_flag_keys(&nkeys);
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_find(db, V(REL_O_AS), &who, &e)) == 0)
		rc = rel_flag_set(db, keys, nkeys, set ? a->args[2] : NULL,
		    &e);
	rel_db_close(db);
	if (rc != 0)
		return fail(&e);
	if (set)
		fprintf(stderr, "%s: %s set to %s\n", rel_getprogname(),
		    keys[0], a->args[2]);
	else if (a->nargs > 1)
		fprintf(stderr, "%s: %zu threshold%s back to %s default\n",
		    rel_getprogname(), nkeys, nkeys == 1 ? "" : "s",
		    nkeys == 1 ? "its" : "their");
	else
		fprintf(stderr, "%s: every threshold back to its default\n",
		    rel_getprogname());
	return 0;
}

static int
do_rules(struct rel_cli_args *a)
{
	struct rel_cli_query cq;
	const char *const *cols;
	size_t n;

	if (a->nargs > 0) {
		if (strcmp(a->args[0], "set") == 0 ||
		    strcmp(a->args[0], "reset") == 0) {
			if (V(REL_O_FORMAT) != NULL || V(REL_O_EXCEL) != NULL) {
				rel_warn("rules %s writes no table: --format and "
				    "--excel-safe do not apply", a->args[0]);
				usage(stderr, REL_EUSAGE);
			}
			return do_write(a);
		}
		static const char *const sub[] = { "set", "reset" };
		const char *s = rel_cli_suggest(a->args[0], sub, 2);

		if (s != NULL)
			rel_warn("rules: unknown verb \"%s\"; did you mean "
			    "\"%s\"?", a->args[0], s);
		else
			rel_warn("rules: unknown verb \"%s\" (set or reset)",
			    a->args[0]);
		usage(stderr, REL_EUSAGE);
	}
	cols = rel_flag_rules_cols(&n);
	rel_cli_query_init(&cq, a);
	cq.cols = cols;
	cq.ncols = n;
	cq.run = run_rules;
	cq.usage = usage;
	return rel_cli_query(&cq);
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "run", run_opts, do_run },
		{ "rules", rules_opts, do_rules },
	};
	char **args;
	int i, rc;

	/* A run is the default: `rel-flag --summary` is `rel-flag run
	 * --summary`. A run takes no operands, so a first word that is no
	 * option is a verb, if a mistyped one. */
	if (argc >= 2 && (argv[1][0] != '-' || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "--version") == 0))
		return rel_cli_main(argc, argv, verbs, 2, longopts, usage);
	/* Named before the first allocation, whose failure names us. */
	rel_setprogname(argc > 0 ? argv[0] : "rel-flag");
	if ((args = calloc((size_t)argc + 2, sizeof(*args))) == NULL) {
		rel_warn("out of memory");
		return REL_ESOFTWARE;
	}
	args[0] = argv[0];
	args[1] = "run";
	for (i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	rc = rel_cli_main(argc + 1, args, verbs, 2, longopts, usage);
	free(args);
	return rc;
}
