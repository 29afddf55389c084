/* rel-csv: see rel-csv(1), the one description of the command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel/rel.h"
#include "usage-rel-csv.h"

_Noreturn static void
usage(FILE *fp, int status)
{
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]), NULL);
}

enum { O_FROM = REL_O_OWN };

static const int check_opts[] = { O_FROM, 0 };
static const int clean_opts[] = { O_FROM, REL_O_EXCEL, 0 };

static const struct option longopts[] = {
	{ "from", required_argument, NULL, O_FROM },
	{ NULL, 0, NULL, 0 }
};

/* Check one input; report every problem. Returns 0, 65, or the open
 * failure's status. */
static int
check(const char *path, const char *from)
{
	const struct rel_csv_row *hdr, *row;
	struct rel_csv *r;
	struct rel_err e;
	long records = 0;
	size_t ncols;
	int rc, bad = 0;

	rel_err_clear(&e);
	if ((rc = rel_csv_open(&r, path, from, &e)) != 0) {
		rel_err_print(&e);
		return rc;
	}
	rc = rel_csv_header(r, &hdr, &e);
	if (rc != REL_CSV_ROW) {
		rel_err_print(&e);
		rel_csv_close(r);
		return e.code;
	}
	ncols = hdr->n;
	while ((rc = rel_csv_next(r, &row, &e)) != REL_CSV_END) {
		if (rc == REL_CSV_FATAL) {
			rel_err_print(&e);
			bad = 1;
			break;
		}
		records++;
		if (rc == REL_CSV_BAD) {
			rel_err_print(&e);
			bad = 1;
		}
	}
	if (!bad)
		printf("%s: %ld record%s, %zu column%s\n", rel_csv_name(r),
		    records, records == 1 ? "" : "s", ncols, ncols == 1 ? "" : "s");
	rel_csv_close(r);
	return bad ? (e.code ? e.code : REL_EDATA) : 0;
}

/* Rewrite one input canonically on stdout; stop at the first problem. */
static int
clean(const char *path, const char *from, unsigned flags)
{
	const struct rel_csv_row *row;
	struct rel_csv_writer w;
	struct rel_csv *r;
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	if ((rc = rel_csv_open(&r, path, from, &e)) != 0) {
		rel_err_print(&e);
		return rc;
	}
	rel_csv_writer_init(&w, stdout, flags);
	rc = rel_csv_header(r, &row, &e);
	if (rc == REL_CSV_ROW) {
		rel_csv_put_row(&w, row);
		while ((rc = rel_csv_next(r, &row, &e)) == REL_CSV_ROW)
			rel_csv_put_row(&w, row);
	}
	rel_csv_close(r);
	if (rc != REL_CSV_END) {
		rel_err_print(&e);
		return e.code;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct rel_cli_args a;
	const char *verb, *from;
	int i, rc, worst = 0;

	verb = rel_cli_verb(argc, argv, usage);
	if (strcmp(verb, "check") == 0) {
		rel_cli_parse(argc - 1, argv + 1, verb, longopts, check_opts, &a,
		    usage);
		from = a.val[O_FROM - REL_OPT];
		if (a.nargs == 0)
			worst = check("-", from);
		for (i = 0; i < a.nargs; i++) {
			rc = check(a.args[i], from);
			if (rc == REL_EUSAGE)
				usage(stderr, rc);
			/* A missing file outranks bad data in the status. */
			if (rc == REL_ENOINPUT || worst == 0)
				worst = rc ? rc : worst;
		}
	} else if (strcmp(verb, "clean") == 0) {
		rel_cli_parse(argc - 1, argv + 1, verb, longopts, clean_opts, &a,
		    usage);
		if (a.nargs > 1)
			usage(stderr, REL_EUSAGE);
		worst = clean(a.nargs == 1 ? a.args[0] : "-",
		    a.val[O_FROM - REL_OPT], a.val[REL_O_EXCEL - REL_OPT] ?
		    REL_CSV_EXCEL_SAFE : 0);
		if (worst == REL_EUSAGE)
			usage(stderr, worst);
	} else {
		static const char *const verbs[] = { "check", "clean" };

		rel_cli_unknown_verb(verb, verbs, 2, sizeof(verbs[0]));
		usage(stderr, REL_EUSAGE);
	}
	return rel_cli_finish(worst);
}
