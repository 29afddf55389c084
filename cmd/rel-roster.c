/* rel-roster: see rel-roster(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-roster.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]),
	    "KIND is student, adult, group or member. FIELD OPTIONS:\n"
	    "  students: --given-name --family-name --preferred-name --pronouns\n"
	    "            --grade --home-language --active --email --login\n"
	    "  adults:   --given-name --family-name --email --role --login --active\n"
	    "  groups:   --name --kind --lead ADULT_ID --active\n"
	    "  members:  --student ID | --adult ID [--active]\n");
}

#define fail(e) rel_cli_fail((e), usage)

/* Options that set a field, and the column each one fills. */
enum {
	O_GRADE = REL_O_OWN, O_GROUP, O_ADULT, O_NAME, O_INACTIVE, O_ALL,
	O_KIND, O_GIVEN, O_FAMILY, O_PREFERRED, O_PRONOUNS, O_LANGUAGE,
	O_EMAIL, O_ROLE, O_LOGIN, O_LEAD, O_ACTIVE, O_STUDENT, O_ONEROSTER,
	O_SCHOOL, O_IDFROM
};

static const struct {
	int opt;
	const char *col;
} fields[] = {
	{ O_GIVEN, "given_name" }, { O_FAMILY, "family_name" },
	{ O_PREFERRED, "preferred_name" }, { O_PRONOUNS, "pronouns" },
	{ O_GRADE, "grade" }, { O_LANGUAGE, "home_language" },
	{ O_EMAIL, "email" }, { O_ROLE, "role" }, { O_LOGIN, "login" },
	{ O_NAME, "name" }, { O_KIND, "kind" }, { O_LEAD, "lead_adult_id" },
	{ O_ACTIVE, "active" }, { O_STUDENT, "student_id" },
	{ O_ADULT, "adult_id" },
};

static const struct option longopts[] = {
	{ "grade", required_argument, NULL, O_GRADE },
	{ "group", required_argument, NULL, O_GROUP },
	{ "adult", required_argument, NULL, O_ADULT },
	{ "name", required_argument, NULL, O_NAME },
	{ "inactive", no_argument, NULL, O_INACTIVE },
	{ "all", no_argument, NULL, O_ALL },
	{ "kind", required_argument, NULL, O_KIND },
	{ "given-name", required_argument, NULL, O_GIVEN },
	{ "family-name", required_argument, NULL, O_FAMILY },
	{ "preferred-name", required_argument, NULL, O_PREFERRED },
	{ "pronouns", required_argument, NULL, O_PRONOUNS },
	{ "home-language", required_argument, NULL, O_LANGUAGE },
	{ "email", required_argument, NULL, O_EMAIL },
	{ "role", required_argument, NULL, O_ROLE },
	{ "login", required_argument, NULL, O_LOGIN },
	{ "lead", required_argument, NULL, O_LEAD },
	{ "active", required_argument, NULL, O_ACTIVE },
	{ "student", required_argument, NULL, O_STUDENT },
	{ "oneroster", required_argument, NULL, O_ONEROSTER },
	{ "school", required_argument, NULL, O_SCHOOL },
	{ "id-from", required_argument, NULL, O_IDFROM },
	{ NULL, 0, NULL, 0 }
};

/* The argument of option o, or NULL. */
#define V(o) (a->val[(o) - REL_OPT])

/* Which options each verb takes. */
static const int import_opts[] = { REL_O_DB, O_KIND, REL_O_MAP, REL_O_IGNORE, REL_O_REJECTS,
	REL_O_DRYRUN, O_ONEROSTER, O_SCHOOL, O_IDFROM, 0 };
static const int list_opts[] = { REL_O_DB, REL_O_FORMAT, REL_O_EXCEL, O_GRADE, O_GROUP,
	O_ADULT, O_NAME, O_INACTIVE, O_ALL, 0 };
static const int deact_opts[] = { REL_O_DB, O_STUDENT, O_ADULT, 0 };
static const int ids_opts[] = { REL_O_DB, 0 };
static const int field_opts[] = { REL_O_DB, O_GIVEN, O_FAMILY, O_PREFERRED,
	O_PRONOUNS, O_GRADE, O_LANGUAGE, O_EMAIL, O_ROLE, O_LOGIN, O_NAME,
	O_KIND, O_LEAD, O_ACTIVE, O_STUDENT, O_ADULT, 0 };

static int
choose(void *ctx, const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e)
{
	const enum rel_roster_kind *forced = ctx;

	if (*forced != REL_ROSTER_NKINDS) {
		*kind = *forced;
		return 0;
	}
	return rel_roster_detect(hdr, file, kind, e);
}

/* import --oneroster DIR: one transaction, a summary line per kind. */
static int
import_oneroster(struct rel_cli_args *a)
{
	struct rel_oneroster_opts o;
	struct rel_oneroster_count c;
	struct rel_db *db;
	struct rel_err e;
	const char *id_from = V(O_IDFROM);
	int rc, k;

	memset(&o, 0, sizeof(o));
	if (a->nargs > 0 || V(O_KIND) || V(REL_O_MAP) || V(REL_O_IGNORE) ||
	    V(REL_O_REJECTS)) {
		rel_err_set(&e, REL_EUSAGE, "import --oneroster reads the "
		    "directory's own files: it takes no FILE, --kind, --map, "
		    "--ignore-unknown or --rejects");
		return fail(&e);
	}
	if (id_from != NULL && strcmp(id_from, "sourcedId") != 0 &&
	    strcmp(id_from, "identifier") != 0) {
		rel_err_value(&e, REL_EUSAGE, NULL, 0, "--id-from", id_from,
		    strlen(id_from), "is not sourcedId or identifier");
		return fail(&e);
	}
	o.school = V(O_SCHOOL);
	o.id_from_identifier = id_from != NULL &&
	    strcmp(id_from, "identifier") == 0;
	o.dry_run = V(REL_O_DRYRUN) != NULL;
	o.report = rel_cli_report;
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	rc = rel_oneroster_import(db, V(O_ONEROSTER), &o, &c, &e);
	if (c.committed || (o.dry_run && rc == 0)) {
		for (k = 0; k < REL_OR_NKINDS; k++) {
			long *n = c.n[k];

			rel_warn("%s%s: %ld added, %ld updated, %ld unchanged, "
			    "%ld deactivated", o.dry_run ? "dry run, nothing "
			    "written: " : "", rel_oneroster_kind_name(
			    (enum rel_or_kind)k), n[REL_ADDED], n[REL_UPDATED],
			    n[REL_UNCHANGED], c.deactivated[k]);
		}
		if (c.skipped > 0)
			rel_warn("%ld row%s of other schools passed over "
			    "(--school %s)", c.skipped, c.skipped == 1 ? "" : "s",
			    o.school);
	}
	if (rc != 0)
		rel_err_print(&e);
	rel_db_close(db);
	return rc;
}

static int
do_import(struct rel_cli_args *a)
{
	enum rel_roster_kind forced = REL_ROSTER_NKINDS;
	struct rel_cli_import ci;
	struct rel_err e;

	if (V(O_ONEROSTER) != NULL)
		return import_oneroster(a);
	if (V(O_SCHOOL) != NULL || V(O_IDFROM) != NULL) {
		rel_err_set(&e, REL_EUSAGE, "--%s needs --oneroster DIR",
		    V(O_SCHOOL) ? "school" : "id-from");
		return fail(&e);
	}
	if (V(O_KIND) != NULL &&
	    rel_roster_kind_parse(V(O_KIND), &forced, &e) != 0)
		return fail(&e);
	rel_cli_import_init(&ci, a);
	ci.kinds = rel_roster_kinds();
	ci.nkinds = REL_ROSTER_NKINDS;
	ci.choose = choose;
	ci.ctx = &forced;
	ci.no_author = 1;
	return rel_cli_import(&ci);
}

static int
do_list(struct rel_cli_args *a)
{
	struct rel_roster_filter f;
	enum rel_roster_kind k = REL_STUDENT;
	const char *const *cols;
	enum rel_fmt fmt = REL_FMT_AUTO;
	struct rel_out *o = NULL;
	struct rel_db *db;
	struct rel_err e;
	size_t ncols;
	int rc;

	rel_err_clear(&e);
	if (a->nargs > 1)
		usage(stderr, REL_EUSAGE);
	if (a->nargs == 1 && rel_roster_kind_parse(a->args[0], &k, &e) != 0)
		return fail(&e);
	if (V(REL_O_FORMAT) != NULL &&
	    rel_fmt_parse(V(REL_O_FORMAT), &fmt, &e) != 0)
		return fail(&e);
	if (V(O_INACTIVE) != NULL && V(O_ALL) != NULL) {
		rel_warn("list: --inactive and --all exclude each other");
		usage(stderr, REL_EUSAGE);
	}
	memset(&f, 0, sizeof(f));
	f.grade = V(O_GRADE);
	f.group = V(O_GROUP);
	f.adult = V(O_ADULT);
	f.name = V(O_NAME);
	f.inactive = V(O_ALL) ? 2 : V(O_INACTIVE) ? 1 : 0;
	if ((rc = rel_cli_db(V(REL_O_DB), REL_DB_READONLY, &db)) != 0)
		return rc;
	if ((k == REL_STUDENT || k == REL_MEMBER) &&
	    (rc = rel_set_stdin(db, &f.set, &e)) != 0)
		goto out;
	cols = rel_roster_cols(k, &ncols);
	if ((rc = rel_out_open(&o, stdout, fmt, V(REL_O_EXCEL) ?
	    REL_CSV_EXCEL_SAFE : 0, cols, ncols, &e)) != 0)
		goto out;
	rc = rel_roster_list(db, k, &f, o, &e);
	if (rc == 0)
		rc = rel_out_close(o, &e);
	else
		rel_out_abort(o);
out:
	if (rc != 0)
		rel_err_print(&e);
	rel_db_close(db);
	if (rc == REL_EUSAGE)
		usage(stderr, rc);
	return rc;
}

/* add and set: a record from options. */
static int
do_write(struct rel_cli_args *a, enum rel_roster_mode mode, const char *verb)
{
	const char *v[16];
	size_t len[16], ncols, i, j;
	const char *const *cols;
	enum rel_roster_kind k;
	enum rel_outcome out;
	struct rel_rec rec;
	struct rel_db *db;
	struct rel_err e;
	int rc, o;

	rel_err_clear(&e);
	if (a->nargs != 2)
		usage(stderr, REL_EUSAGE);
	if (rel_roster_kind_parse(a->args[0], &k, &e) != 0)
		return fail(&e);
	cols = rel_roster_cols(k, &ncols);
	for (i = 0; i < ncols; i++) {
		v[i] = NULL;
		len[i] = 0;
	}
	v[0] = a->args[1];
	len[0] = strlen(v[0]);
	for (o = REL_O_OWN; o < REL_OPT + REL_OPT_MAX; o++) {
		if (V(o) == NULL)
			continue;
		for (j = 0; j < sizeof(fields) / sizeof(fields[0]); j++)
			if (fields[j].opt == o)
				break;
		for (i = 1; j < sizeof(fields) / sizeof(fields[0]) &&
		    i < ncols; i++)
			if (strcmp(cols[i], fields[j].col) == 0)
				break;
		if (j == sizeof(fields) / sizeof(fields[0]) || i >= ncols) {
			rel_warn("%s: --%s does not apply to a %s", verb,
			    a->name[o - REL_OPT], a->args[0]);
			usage(stderr, REL_EUSAGE);
		}
		v[i] = V(o);
		len[i] = strlen(v[i]);
	}
	rec.n = ncols;
	rec.v = v;
	rec.len = len;
	rec.keys = NULL;
	rec.file = NULL;
	rec.line = 0;
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_db_begin(db, &e)) == 0 &&
	    (rc = rel_roster_write(db, k, &rec, mode, &out, &e)) == 0 &&
	    (rc = rel_db_commit(db, &e)) == 0)
		rel_warn("%s %s: %s", cols[0], v[0], out == REL_ADDED ? "added" :
		    out == REL_UPDATED ? "updated" : "unchanged");
	if (rc != 0) {
		rel_db_rollback(db);
		rel_err_print(&e);
	}
	rel_db_close(db);
	return rc;
}

static int
do_deactivate(struct rel_cli_args *a)
{
	enum rel_roster_kind k, mk = REL_STUDENT;
	const char *member = NULL;
	struct rel_db *db;
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	if (a->nargs != 2)
		usage(stderr, REL_EUSAGE);
	if (rel_roster_kind_parse(a->args[0], &k, &e) != 0)
		return fail(&e);
	if (k == REL_MEMBER) {
		if ((V(O_STUDENT) == NULL) == (V(O_ADULT) == NULL)) {
			rel_warn("deactivate member: give --student ID or "
			    "--adult ID");
			usage(stderr, REL_EUSAGE);
		}
		mk = V(O_ADULT) ? REL_ADULT : REL_STUDENT;
		member = V(O_ADULT) ? V(O_ADULT) : V(O_STUDENT);
	} else if (V(O_STUDENT) != NULL || V(O_ADULT) != NULL) {
		rel_warn("deactivate: --student and --adult apply to members");
		usage(stderr, REL_EUSAGE);
	}
	if ((rc = rel_cli_db(V(REL_O_DB), 0, &db)) != 0)
		return rc;
	if ((rc = rel_db_begin(db, &e)) == 0 &&
	    (rc = rel_roster_deactivate(db, k, a->args[1], mk, member,
	    &e)) == 0 && (rc = rel_db_commit(db, &e)) == 0)
		rel_warn("%s %s: deactivated%s%s", a->args[0], a->args[1],
		    member ? " member " : "", member ? member : "");
	if (rc != 0) {
		rel_db_rollback(db);
		rel_err_print(&e);
	}
	rel_db_close(db);
	return rc;
}

static int
do_add(struct rel_cli_args *a)
{
	return do_write(a, REL_INSERT, "add");
}

static int
do_set(struct rel_cli_args *a)
{
	return do_write(a, REL_UPDATE, "set");
}

/* ids: for shell completion, so no names and no audit. */
static int
do_ids(struct rel_cli_args *a)
{
	enum rel_roster_kind k;
	struct rel_db *db;
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	if (a->nargs < 1 || a->nargs > 2)
		usage(stderr, REL_EUSAGE);
	if (rel_roster_kind_parse(a->args[0], &k, &e) != 0)
		return fail(&e);
	if ((rc = rel_cli_db(V(REL_O_DB), REL_DB_READONLY, &db)) != 0)
		return rc;
	if ((rc = rel_roster_ids(db, k, a->nargs == 2 ? a->args[1] : NULL,
	    stdout, &e)) != 0)
		rel_err_print(&e);
	rel_db_close(db);
	if (rc == REL_EUSAGE)
		usage(stderr, rc);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct rel_cli_verb verbs[] = {
		{ "import", import_opts, do_import },
		{ "list", list_opts, do_list },
		{ "add", field_opts, do_add },
		{ "set", field_opts, do_set },
		{ "deactivate", deact_opts, do_deactivate },
		{ "ids", ids_opts, do_ids },
	};

	return rel_cli_main(argc, argv, verbs, sizeof(verbs) / sizeof(verbs[0]),
	    longopts, usage);
}
