/*
 * cli.c: the start and end every command shares.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
rel_cli_start(int argc, char **argv)
{
	rel_setprogname(argc > 0 ? argv[0] : "rel");
}

const char *
rel_cli_verb(int argc, char **argv, rel_usage_fn usage)
{
	rel_cli_start(argc, argv);
	if (argc < 2)
		usage(stderr, REL_EUSAGE);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		usage(stdout, 0);
	if (strcmp(argv[1], "--version") == 0) {
		rel_cli_version();
		exit(rel_cli_finish(0));
	}
	return argv[1];
}

void
rel_cli_version(void)
{
	printf("%s (rel) %s\n", rel_getprogname(), REL_VERSION);
}

/* SIGPIPE keeps its default action, so `| head` ends a command quietly;
 * any other write error surfaces here. */
int
rel_cli_finish(int status)
{
	int err = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && err == 0)
		err = errno ? errno : EIO;
	/* A command that already failed with 74 has said why. */
	if (err != 0 && status != REL_EIO) {
		rel_warn("standard output: write error: %s", strerror(err));
		return status != 0 ? status : REL_EIO;
	}
	return status;
}

int
rel_cli_db(const char *opt, unsigned flags, struct rel_db **db)
{
	char path[PATH_MAX];
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	if ((rc = rel_db_path(opt, path, sizeof(path), &e)) != 0 ||
	    (rc = rel_db_open(db, path, flags, &e)) != 0) {
		rel_err_print(&e);
		return rc;
	}
	return 0;
}

void
rel_cli_report(void *ctx, const struct rel_err *e)
{
	(void)ctx;
	rel_err_print(e);
}

void
rel_cli_parse(int argc, char **argv, const char *verb,
    const struct option *longopts, const int *allowed,
    struct rel_cli_args *a, rel_usage_fn usage)
{
	const int *p;
	int c, li;

	memset(a, 0, sizeof(*a));
	optind = 1;
	opterr = 0;	/* getopt would name the verb as the program */
	while ((li = -1, c = getopt_long(argc, argv, ":h", longopts, &li)) != -1) {
		const char *name = li >= 0 ? longopts[li].name : "";

		if (c == '?' || c == ':') {
			rel_warn("%s: %s %s", verb, c == ':' ? "a value is "
			    "needed after" : "unknown option", argv[optind - 1]);
			usage(stderr, REL_EUSAGE);
		}
		if (c == 'h' || strcmp(name, "help") == 0)
			usage(stdout, 0);
		if (strcmp(name, "version") == 0) {
			rel_cli_version();
			exit(rel_cli_finish(0));
		}
		if (c == '?' || c < REL_OPT || c >= REL_OPT + REL_OPT_MAX)
			usage(stderr, REL_EUSAGE);
		for (p = allowed; *p != 0 && *p != c; p++)
			;
		if (*p == 0) {
			rel_warn("%s: --%s does not apply here", verb, name);
			usage(stderr, REL_EUSAGE);
		}
		a->val[c - REL_OPT] = optarg ? optarg : "";
	}
	a->nargs = argc - optind;
	a->args = argv + optind;
}

int
rel_cli_int(const char *opt, const char *s, long lo, long hi, long *out,
    struct rel_err *e)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
		    "is not a number from %ld to %ld", lo, hi);
	*out = v;
	return 0;
}

int
rel_cli_import(const struct rel_cli_import *ci)
{
	struct rel_import_count *counts;
	struct rel_csv_renames *map = NULL;
	struct rel_import_opts o;
	struct rel_db *db;
	struct rel_err e;
	char line[256];
	size_t k;
	int rc;

	rel_err_clear(&e);
	if (ci->map != NULL && rel_csv_renames_parse(&map, ci->map, &e) != 0) {
		rel_err_print(&e);
		return e.code;
	}
	if ((rc = rel_cli_db(ci->db, 0, &db)) != 0) {
		rel_csv_renames_free(map);
		return rc;
	}
	memset(&o, 0, sizeof(o));
	o.map = map;
	o.ignore_unknown = ci->ignore_unknown;
	o.rejects = ci->rejects;
	o.dry_run = ci->dry_run;
	o.choose = ci->choose;
	o.report = rel_cli_report;
	o.ctx = ci->ctx;
	counts = rel_xcalloc(ci->nkinds, sizeof(*counts));
	rc = rel_import(db, (const char *const *)ci->files, ci->nfiles,
	    ci->kinds, ci->nkinds, &o, counts, &e);
	/* Summaries say what was written, so only when it was (or would
	 * have been, in a dry run). */
	for (k = 0; k < ci->nkinds; k++) {
		if (counts[k].files == 0 || !(counts[0].committed || o.dry_run))
			continue;
		rel_import_summary(&ci->kinds[k], &counts[k], line, sizeof(line));
		rel_warn("%s%s", o.dry_run ? "dry run, nothing written: " : "",
		    line);
	}
	if (rc != 0)
		rel_err_print(&e);
	free(counts);
	rel_db_close(db);
	rel_csv_renames_free(map);
	return rc;
}

