/* rel-init: see rel-init(1), the one description of the command. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rel/rel.h"
#include "usage-rel-init.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]), NULL);
}

enum { O_SAMPLE = REL_O_OWN, O_SEED };

static const int create_opts[] = { REL_O_DB, O_SAMPLE, O_SEED, 0 };
static const int db_opts[] = { REL_O_DB, 0 };

static const struct option longopts[] = {
	{ "sample", required_argument, NULL, O_SAMPLE },
	{ "seed", required_argument, NULL, O_SEED },
	{ NULL, 0, NULL, 0 }
};

static long
number(const char *opt, const char *s, long lo, long hi)
{
	struct rel_err e;
	long v;

	if (rel_cli_int(opt, s, lo, hi, &v, &e) != 0) {
		rel_err_print(&e);
		usage(stderr, REL_EUSAGE);
	}
	return v;
}

static void
print_problem(void *ctx, const char *problem)
{
	(void)ctx;
	printf("%s\n", problem);
}

static int
create_db(const char *dbopt, long sample, unsigned long seed)
{
	char path[PATH_MAX];
	struct rel_db *db;
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	if ((rc = rel_db_path(dbopt, path, sizeof(path), &e)) != 0 ||
	    (rc = rel_db_open(&db, path, REL_DB_CREATE, &e)) != 0) {
		rel_err_print(&e);
		return rc;
	}
	if (sample > 0)
		rc = rel_sample_fill(db, sample, seed, &e);
	rel_db_close(db);
	if (rc != 0) {
		/* A half-made database is worse than none. */
		char side[PATH_MAX + 8];

		rel_err_print(&e);
		unlink(path);
		snprintf(side, sizeof(side), "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", path);
		unlink(side);
		return rc;
	}
	rel_warn("created %s (schema version %d)%s", path,
	    rel_db_schema_latest(), sample > 0 ? " with the sample school" : "");
	return 0;
}

int
main(int argc, char **argv)
{
	struct rel_cli_args a;
	struct rel_db *db = NULL;
	struct rel_err e;
	static const char *const verbs[] = { "create", "migrate", "check",
		"backup" };
	const char *verb, *dbopt;
	int rc, from, create;

	verb = rel_cli_verb(argc, argv, usage);
	rel_err_clear(&e);
	if (strcmp(verb, "create") != 0 && strcmp(verb, "migrate") != 0 &&
	    strcmp(verb, "check") != 0 && strcmp(verb, "backup") != 0) {
		rel_cli_unknown_verb(verb, verbs, sizeof(verbs) /
		    sizeof(verbs[0]), sizeof(verbs[0]));
		usage(stderr, REL_EUSAGE);
	}
	create = strcmp(verb, "create") == 0;
	rel_cli_parse(argc - 1, argv + 1, verb, longopts,
	    create ? create_opts : db_opts, &a, usage);
	dbopt = a.val[REL_O_DB - REL_OPT];
	if (a.nargs != (strcmp(verb, "backup") == 0))
		usage(stderr, REL_EUSAGE);
	if (create) {
		const char *n = a.val[O_SAMPLE - REL_OPT];
		const char *s = a.val[O_SEED - REL_OPT];

		rc = create_db(dbopt, n ? number("--sample", n, 1, 1000000) : 0,
		    s ? (unsigned long)number("--seed", s, 0, LONG_MAX) : 1);
	} else if (strcmp(verb, "migrate") == 0) {
		if ((rc = rel_cli_db(dbopt, REL_DB_ANYVERSION, &db)) != 0)
			return rel_cli_finish(rc);
		rc = rel_db_migrate(db, 0, &from, &e);
		if (rc != 0)
			rel_err_print(&e);
		else if (from == rel_db_schema_latest())
			rel_warn("%s: already at schema version %d",
			    rel_db_filename(db), from);
		else
			rel_warn("%s: schema version %d -> %d",
			    rel_db_filename(db), from, rel_db_schema_latest());
	} else if (strcmp(verb, "check") == 0) {
		if ((rc = rel_cli_db(dbopt, REL_DB_ANYVERSION |
		    REL_DB_ANYMODE, &db)) != 0)
			return rel_cli_finish(rc);
		rc = rel_db_check(db, print_problem, NULL, &e);
		if (rc == 0)
			printf("ok\n");
		else if (rc == REL_EPERM)
			rel_warn("%s: the database file is not protected "
			    "(the problem is on standard output)",
			    rel_db_filename(db));
		else if (rc != REL_EDATA)
			rel_err_print(&e);
		else
			rel_warn("%s: the database has problems (listed on "
			    "standard output)", rel_db_filename(db));
	} else {
		/* backup: before a migration is exactly when a backup is wanted. */
		if ((rc = rel_cli_db(dbopt, REL_DB_ANYVERSION, &db)) != 0)
			return rel_cli_finish(rc);
		rc = rel_db_backup(db, a.args[0], &e);
		if (rc != 0)
			rel_err_print(&e);
	}
	rel_db_close(db);
	return rel_cli_finish(rc);
}
