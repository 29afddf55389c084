/* rel-export: see rel-export(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-export.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "An export's KIND is student, adult, group, member, connection, checkin, profile,\n"
	    "note, family, goal, progress, case, party or indicator; a purge's is checkin,\n"
	    "note, connection, profile, family, goal, case or indicator. Every verb takes\n"
	    "--db PATH and --as ADULT_ID. export reads a student set on standard input.\n");
}

enum {
	O_OUT = REL_O_OWN, O_PURPOSE, O_KIND, O_STUDENT, O_DEIDENTIFY,
	O_NO_EXCEL, O_ADULT, O_SINCE, O_UNTIL, O_BY_STUDENT, O_BEFORE
};

static const struct option longopts[] = {
	{ "out", required_argument, NULL, O_OUT },
	{ "purpose", required_argument, NULL, O_PURPOSE },
	{ "kind", required_argument, NULL, O_KIND },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "deidentify", no_argument, NULL, O_DEIDENTIFY },
	{ "no-excel-safe", no_argument, NULL, O_NO_EXCEL },
	{ "adult", required_argument, NULL, O_ADULT },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "by-student", no_argument, NULL, O_BY_STUDENT },
	{ "before", required_argument, NULL, O_BEFORE },
	{ NULL, 0, NULL, 0 }
};

static const int export_opts[] = { REL_O_DB, REL_O_AS, O_OUT, O_PURPOSE,
	O_KIND, O_STUDENT, O_DEIDENTIFY, O_NO_EXCEL, REL_O_EXCEL, 0 };
static const int audit_opts[] = { REL_O_DB, REL_O_AS, O_STUDENT, O_ADULT,
	O_SINCE, O_UNTIL, O_BY_STUDENT, REL_O_FORMAT, REL_O_EXCEL, 0 };
static const int purge_opts[] = { REL_O_DB, REL_O_AS, O_BEFORE, O_KIND,
	O_PURPOSE, REL_O_DRYRUN, 0 };

#define V(o) (a->val[(o) - REL_OPT])

#define fail(e) rel_cli_fail((e), usage)

static void
no_operands(const struct rel_cli_args *a, const char *verb)
{
	if (a->nargs > 0) {
		rel_warn("%s: takes no operands", verb);
		usage(stderr, REL_EUSAGE);
	}
}

static int
do_export(struct rel_cli_args *a)
{
	struct rel_export_opts o;
	struct rel_export_result r;
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	char line[512];
	size_t k, len = 0;
	int rc, set = 0;

	rel_err_clear(&e);
	no_operands(a, "export");
	memset(&o, 0, sizeof(o));
	o.dir = V(O_OUT);
	o.purpose = V(O_PURPOSE);
	o.student = V(O_STUDENT);
	o.deidentify = V(O_DEIDENTIFY) != NULL;
	o.excel_safe = V(O_NO_EXCEL) == NULL;
	if (V(O_NO_EXCEL) != NULL && V(REL_O_EXCEL) != NULL) {
		rel_warn("export: --excel-safe and --no-excel-safe contradict "
		    "each other");
		usage(stderr, REL_EUSAGE);
	}
	if (o.dir == NULL || o.dir[0] == '\0') {
		rel_warn("export: --out DIR is required: the new directory the "
		    "files go into");
		usage(stderr, REL_EUSAGE);
	}
	if (o.purpose == NULL || o.purpose[0] == '\0') {
		rel_warn("export: --purpose TEXT is required: why the records "
		    "leave the database (the audit log keeps it)");
		usage(stderr, REL_EUSAGE);
	}
	if (V(O_KIND) != NULL &&
	    rel_export_kinds_parse("--kind", V(O_KIND), &o.kinds, &e) != 0)
		return fail(&e);
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	/* --student is the whole narrowing: standard input is not read. */
	if ((rc = rel_actor_need(db, V(REL_O_AS), &who, &e)) == 0 &&
	    o.student == NULL)
		rc = rel_set_stdin(db, &set, &e);
	if (rc == 0) {
		o.set = set;
		rc = rel_export(db, &o, &r, &e);
	}
	rel_db_close(db);
	if (rc != 0)
		return fail(&e);
	for (k = 0; k <= REL_EX_NKINDS && len < sizeof(line); k++) {
		long n = k < REL_EX_NKINDS ? r.rows[k] : r.audit_rows;

		if (n >= 0)
			len += (size_t)snprintf(line + len, sizeof(line) - len,
			    "%s%s %ld", len > 0 ? ", " : "", k < REL_EX_NKINDS ?
			    rel_export_kind_name((enum rel_export_kind)k) :
			    "audit", n);
	}
	rel_warn("%sexported to %s: %s", o.deidentify ? "de-identified and " :
	    "", o.dir, line);
	return 0;
}

static int
run_audit(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_cli_args *a = ctx;
	struct rel_filter f;
	int rc;

	(void)set;
	rel_filter_init(&f);
	f.student = V(O_STUDENT);
	f.adult = V(O_ADULT);
	if ((rc = rel_filter_times(&f, V(O_SINCE), V(O_UNTIL), e)) != 0)
		return rc;
	return rel_audit_list(db, &f, V(O_BY_STUDENT) != NULL ||
	    V(O_STUDENT) != NULL, o, e);
}

static int
do_audit(struct rel_cli_args *a)
{
	struct rel_cli_query q;

	no_operands(a, "audit");
	rel_cli_query_init(&q, a);
	/* One student's log, as a parent may ask for it, is one row per
	 * access naming that student alone: the full rows' arguments might
	 * name another. */
	q.cols = rel_audit_cols(V(O_BY_STUDENT) != NULL ||
	    V(O_STUDENT) != NULL, &q.ncols);
	q.run = run_audit;
	q.ctx = a;
	q.usage = usage;
	return rel_cli_query(&q);
}

static int
do_purge(struct rel_cli_args *a)
{
	long n[REL_PURGE_NKINDS];
	char line[256], at[REL_DATETIME_LEN];
	struct rel_actor who;
	struct rel_db *db;
	struct rel_err e;
	unsigned mask = 0;
	int64_t before;
	size_t k, len = 0;
	int rc, dry = V(REL_O_DRYRUN) != NULL;

	rel_err_clear(&e);
	no_operands(a, "purge");
	if (V(O_BEFORE) == NULL) {
		rel_warn("purge: --before WHEN is required: the records dated "
		    "before it are deleted");
		usage(stderr, REL_EUSAGE);
	}
	if (rel_time_opt("--before", V(O_BEFORE), 0, &before, &e) != 0 ||
	    (V(O_KIND) != NULL && rel_purge_kinds_parse("--kind", V(O_KIND),
	    &mask, &e) != 0))
		return fail(&e);
	if (before > rel_now()) {
		rel_err_value(&e, REL_EUSAGE, NULL, 0, "--before", V(O_BEFORE),
		    strlen(V(O_BEFORE)), "is in the future; a purge deletes "
		    "only what is past");
		return fail(&e);
	}
	if (V(O_PURPOSE) != NULL && V(O_PURPOSE)[0] == '\0') {
		rel_warn("purge: --purpose is empty");
		usage(stderr, REL_EUSAGE);
	}
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_need(db, V(REL_O_AS), &who, &e)) != 0 ||
	    (rc = rel_purge(db, before, mask, dry, V(O_PURPOSE), n, &e)) != 0) {
		rel_db_close(db);
		return fail(&e);
	}
	rel_db_close(db);
	for (k = 0; k < REL_PURGE_NKINDS && len < sizeof(line); k++)
		if (mask == 0 || (mask & 1u << k))
			len += (size_t)snprintf(line + len, sizeof(line) - len,
			    "%s%s %ld", len > 0 ? ", " : "",
			    rel_purge_kind_name((enum rel_purge_kind)k), n[k]);
	rel_datetime_format(before, at);
	rel_warn("%s before %s: %s", dry ? "dry run, nothing deleted; would "
	    "purge" : "purged", at, line);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "export", export_opts, do_export },
		{ "audit", audit_opts, do_audit },
		{ "purge", purge_opts, do_purge },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
