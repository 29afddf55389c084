/* rel-map: see rel-map(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-map.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "Every verb takes --db PATH; all but gaps, suggest and history take\n"
	    "--as ADULT_ID. Without STUDENT_IDs, the students come from a student set\n"
	    "on standard input.\n");
}

enum {
	O_ADULT = REL_O_OWN, O_STRENGTH, O_AT, O_NOTE, O_MINSTRENGTH,
	O_MINADULTS, O_NOPRIMARY, O_IGNOREPRIMARY, O_TOP, O_STUDENT, O_NOTSEEN
};

static const struct option longopts[] = {
	{ "adult", required_argument, NULL, O_ADULT },
	{ "strength", required_argument, NULL, O_STRENGTH },
	{ "at", required_argument, NULL, O_AT },
	{ "note", required_argument, NULL, O_NOTE },
	{ "min-strength", required_argument, NULL, O_MINSTRENGTH },
	{ "min-adults", required_argument, NULL, O_MINADULTS },
	{ "no-primary", no_argument, NULL, O_NOPRIMARY },
	{ "ignore-primary", no_argument, NULL, O_IGNOREPRIMARY },
	{ "top", required_argument, NULL, O_TOP },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "not-seen", required_argument, NULL, O_NOTSEEN },
	{ NULL, 0, NULL, 0 }
};

static const int mark_opts[] = { REL_O_DB, REL_O_AS, O_ADULT, O_STRENGTH, O_AT, O_NOTE, 0 };
static const int import_opts[] = { REL_O_DB, REL_O_AS, REL_O_MAP, REL_O_IGNORE, REL_O_REJECTS, REL_O_DRYRUN, REL_O_STUDENTFROM,
	REL_O_DATEFMT,
	0 };
static const int assign_opts[] = { REL_O_DB, REL_O_AS, O_ADULT, O_AT, 0 };
static const int unassign_opts[] = { REL_O_DB, REL_O_AS, O_AT, 0 };
static const int gaps_opts[] = { REL_O_DB, O_MINSTRENGTH, O_MINADULTS, O_NOPRIMARY,
	O_IGNOREPRIMARY, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int suggest_opts[] = { REL_O_DB, O_TOP, O_MINSTRENGTH, O_MINADULTS,
	O_NOPRIMARY, O_IGNOREPRIMARY, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int caseload_opts[] = { REL_O_DB, REL_O_AS, O_NOTSEEN, REL_O_FORMAT,
	REL_O_EXCEL, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_AS, O_ADULT, O_STUDENT, O_STRENGTH,
	O_MINSTRENGTH, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int history_opts[] = { REL_O_DB, O_MINSTRENGTH, REL_O_FORMAT, REL_O_EXCEL, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

/* Open the database and, if stdin carries one, the student set. */
static int
open_db(struct rel_cli_args *a, unsigned flags, int want_set, int *set,
    struct rel_db **db)
{
	struct rel_err e;
	int rc;

	*set = 0;
	if ((rc = rel_cli_db(V(REL_O_DB), flags, db)) != 0)
		return rc;
	if (want_set && (rc = rel_set_stdin(*db, set, &e)) != 0) {
		rel_err_print(&e);
		rel_db_close(*db);
		*db = NULL;
	}
	return rc;
}

/* mark, assign and unassign. */
static int
do_apply(struct rel_cli_args *a, const char *verb, enum rel_conn_verb cv)
{
	/* The noun for many, for one, then the outcomes' words. */
	static const char *const words[][4] = {
		{ "connections", "connection", "added", "raised" },
		{ "students", "student", "assigned", "reassigned" },
		{ "students", "student", "", "unassigned" },
	};
	struct rel_import_count c;
	struct rel_conn_opts o;
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	int rc, set;

	rel_err_clear(&e);
	if (a->nargs == 0 && !rel_set_wanted(stdin)) {
		rel_warn("%s: name the students, or pipe a student set in", verb);
		usage(stderr, REL_EUSAGE);
	}
	if ((rc = open_db(a, 0, a->nargs == 0, &set, &db)) != 0)
		return rc;
	memset(&o, 0, sizeof(o));
	o.adult = V(O_ADULT);
	o.strength = V(O_STRENGTH);
	o.at = V(O_AT);
	o.note = V(O_NOTE);
	o.report = rel_cli_report;
	/* The acting adult, when there is one, is recorded as the author
	 * of each mark and assignment. */
	if ((rc = rel_actor_find(db, V(REL_O_AS), &who, &e)) == 0)
		rc = rel_conn_apply(db, cv, &o, a->args, (size_t)a->nargs, &c,
		    &e);
	rel_db_close(db);
	if (rc != 0)
		return fail(&e);
	if (cv == REL_CONN_UNASSIGN)
		rel_warn("%ld %s: %ld unassigned, %ld unchanged", c.rows,
		    words[cv][c.rows == 1], c.n[REL_UPDATED],
		    c.n[REL_UNCHANGED]);
	else
		rel_warn("%ld %s: %ld %s, %ld %s, %ld unchanged", c.rows,
		    words[cv][c.rows == 1], c.n[REL_ADDED], words[cv][2],
		    c.n[REL_UPDATED], words[cv][3], c.n[REL_UNCHANGED]);
	return 0;
}

static int
do_import(struct rel_cli_args *a)
{
	struct rel_cli_import ci;

	rel_cli_import_init(&ci, a);
	ci.kinds = rel_conn_kind();
	ci.nkinds = 1;
	return rel_cli_import(&ci);
}

/* The read-only verbs: one table out. */
enum query { Q_GAPS, Q_SUGGEST, Q_CASELOAD, Q_LIST, Q_HISTORY };

static int
num(struct rel_cli_args *a, int opt, long lo, long hi, long dflt, long *out)
{
	struct rel_err e;

	*out = dflt;
	if (rel_cli_num(a, opt, lo, hi, out, &e) != 0)
		return fail(&e);
	return 0;
}

static int
do_query(struct rel_cli_args *a, enum query q)
{
	struct rel_gap_opts g;
	struct rel_conn_filter f;
	const char *const *cols;
	enum rel_fmt fmt = REL_FMT_AUTO;
	struct rel_out *o = NULL;
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	long minad, top;
	int64_t since;
	int minstr, strength;
	size_t ncols;
	int rc, set;

	rel_err_clear(&e);
	if (q != Q_HISTORY && a->nargs > 0)
		usage(stderr, REL_EUSAGE);
	if (V(REL_O_FORMAT) != NULL && rel_fmt_parse(V(REL_O_FORMAT), &fmt, &e) != 0)
		return fail(&e);
	if (V(O_NOPRIMARY) != NULL && V(O_IGNOREPRIMARY) != NULL) {
		rel_warn("--no-primary and --ignore-primary exclude each other");
		usage(stderr, REL_EUSAGE);
	}
	if (V(O_STRENGTH) != NULL && V(O_MINSTRENGTH) != NULL) {
		rel_warn("--strength and --min-strength exclude each other");
		usage(stderr, REL_EUSAGE);
	}
	if ((rc = num(a, O_MINADULTS, 1, 1000, 1, &minad)) ||
	    (rc = num(a, O_TOP, 1, 20, 3, &top)))
		return rc;
	minstr = q == Q_LIST ? 0 : 2;
	strength = 0;
	if ((V(O_MINSTRENGTH) != NULL && rel_conn_strength("--min-strength",
	    V(O_MINSTRENGTH), &minstr, &e) != 0) || (V(O_STRENGTH) != NULL &&
	    rel_conn_strength("--strength", V(O_STRENGTH), &strength, &e) != 0))
		return fail(&e);
	if (rel_time_opt("--not-seen", V(O_NOTSEEN) ? V(O_NOTSEEN) : "14d", 0,
	    &since, &e) != 0)
		return fail(&e);
	if (q == Q_HISTORY && a->nargs == 0) {
		rel_warn("history: give one or more dates");
		usage(stderr, REL_EUSAGE);
	}
	switch (q) {
	case Q_GAPS: cols = rel_gap_cols(&ncols); break;
	case Q_SUGGEST: cols = rel_suggest_cols(&ncols); break;
	case Q_CASELOAD: cols = rel_caseload_cols(&ncols); break;
	case Q_LIST: cols = rel_conn_cols(&ncols); break;
	default: cols = rel_history_cols(&ncols); break;
	}
	if ((rc = open_db(a, REL_DB_READONLY, 1, &set, &db)) != 0)
		return rc;
	/* Who is asking matters to the check-ins behind not_seen and to
	 * the notes on connections; the map itself is for all staff. */
	if ((q == Q_CASELOAD || q == Q_LIST) &&
	    (rc = rel_actor_reader(db, V(REL_O_AS), &who, &e)) != 0)
		goto out;
	if ((rc = rel_out_open(&o, stdout, fmt, V(REL_O_EXCEL) ?
	    REL_CSV_EXCEL_SAFE : 0, cols, ncols, &e)) != 0)
		goto out;
	memset(&g, 0, sizeof(g));
	g.min_strength = minstr;
	g.min_adults = (int)minad;
	g.test = V(O_NOPRIMARY) ? REL_GAP_PRIMARY : V(O_IGNOREPRIMARY) ?
	    REL_GAP_CONNECTIONS : REL_GAP_EITHER;
	g.set = set;
	switch (q) {
	case Q_GAPS:
		rc = rel_conn_gaps(db, &g, o, &e);
		break;
	case Q_SUGGEST:
		rc = rel_conn_suggest(db, &g, (int)top, o, &e);
		break;
	case Q_CASELOAD:
		rc = rel_conn_caseload(db, set, since, o, &e);
		break;
	case Q_LIST:
		memset(&f, 0, sizeof(f));
		f.adult = V(O_ADULT);
		f.student = V(O_STUDENT);
		f.strength = strength;
		f.min_strength = minstr;
		f.set = set;
		rc = rel_conn_list(db, &f, o, &e);
		break;
	case Q_HISTORY:
		rc = rel_conn_history(db, a->args, (size_t)a->nargs, minstr,
		    set, o, &e);
		break;
	}
	if (rc == 0)
		rc = rel_out_close(o, &e);
	else
		rel_out_abort(o);
out:
	rel_db_close(db);
	return rc != 0 ? fail(&e) : 0;
}

static int
do_mark(struct rel_cli_args *a)
{
	return do_apply(a, "mark", REL_CONN_MARK);
}

static int
do_assign(struct rel_cli_args *a)
{
	return do_apply(a, "assign", REL_CONN_ASSIGN);
}

static int
do_unassign(struct rel_cli_args *a)
{
	return do_apply(a, "unassign", REL_CONN_UNASSIGN);
}

static int
do_gaps(struct rel_cli_args *a)
{
	return do_query(a, Q_GAPS);
}

static int
do_suggest(struct rel_cli_args *a)
{
	return do_query(a, Q_SUGGEST);
}

static int
do_caseload(struct rel_cli_args *a)
{
	return do_query(a, Q_CASELOAD);
}

static int
do_list(struct rel_cli_args *a)
{
	return do_query(a, Q_LIST);
}

static int
do_history(struct rel_cli_args *a)
{
	return do_query(a, Q_HISTORY);
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "mark", mark_opts, do_mark },
		{ "import", import_opts, do_import },
		{ "assign", assign_opts, do_assign },
		{ "unassign", unassign_opts, do_unassign },
		{ "gaps", gaps_opts, do_gaps },
		{ "suggest", suggest_opts, do_suggest },
		{ "caseload", caseload_opts, do_caseload },
		{ "list", list_opts, do_list },
		{ "history", history_opts, do_history },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
