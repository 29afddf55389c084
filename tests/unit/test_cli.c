/*
 * test_cli.c: what every command does at its start and end; and the
 * small helpers of util.c that everything uses.
 */
#include <sys/wait.h>

#include <getopt.h>
#include <unistd.h>

#include "unit.h"
#include "internal.h"

static void
test_strlcpy(void **state)
{
	char buf[4];

	(void)state;
	rel_strlcpy(buf, "abcdef", sizeof(buf));
	assert_string_equal(buf, "abc");
	rel_strlcpy(buf, "", sizeof(buf));
	assert_string_equal(buf, "");
}

static void
test_xalloc(void **state)
{
	char *p = rel_xstrdup("Zoë");
	int *z = rel_xcalloc(4, sizeof(int));

	(void)state;
	assert_string_equal(p, "Zoë");
	p = rel_xrealloc(p, 64);
	assert_string_equal(p, "Zoë");
	assert_int_equal(z[3], 0);
	free(p);
	free(z);
	free(rel_xmalloc(0));
}

static void
test_db_missing(void **state)
{
	struct rel_db *db = NULL;

	(void)state;
	/* prints its message on stderr and returns the status */
	assert_int_equal(rel_cli_db("/tmp/rel-no-such-dir/rel.db", 0, &db),
	    REL_ENOINPUT);
	assert_null(db);
}

/* A write error on stdout turns success into 74; in a child process,
 * since it closes stdout. */
static int
finish_in_child(const char *out, int status)
{
	pid_t pid = fork();
	int ws;

	assert_true(pid >= 0);
	if (pid == 0) {
		if (freopen(out, "w", stdout) == NULL)
			_exit(99);
		printf("data\n");
		_exit(rel_cli_finish(status));
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	return WEXITSTATUS(ws);
}

static void
test_finish(void **state)
{
	(void)state;
	assert_int_equal(finish_in_child("/dev/full", 0), REL_EIO);
	assert_int_equal(finish_in_child("/dev/full", REL_EDATA), REL_EDATA);
	assert_int_equal(finish_in_child("/dev/null", 0), 0);
	assert_int_equal(finish_in_child("/dev/null", REL_EBUSY), REL_EBUSY);
}

static void
never(FILE *fp, int status)
{
	(void)fp;
	(void)status;
	fail_msg("usage() called");
}

/* The shared options need no entry in a command's own list, land at
 * their fixed places, and keep their names for messages. */
static void
test_parse_shared(void **state)
{
	enum { O_MOOD = REL_O_OWN, O_LAST };
	static const struct option own[] = {
		{ "mood", required_argument, NULL, O_MOOD },
		{ "last", required_argument, NULL, O_LAST },
		{ NULL, 0, NULL, 0 }
	};
	static const int allowed[] = { REL_O_DB, REL_O_FORMAT, REL_O_DRYRUN,
		O_MOOD, O_LAST, 0 };
	char *argv[] = { "add", "--db", "x.db", "--mood", "9", "--dry-run",
	    "--format=csv", "S0001", NULL };
	struct rel_cli_args a;
	struct rel_err e;
	long n = 7;

	(void)state;
	rel_err_clear(&e);
	rel_cli_parse(8, argv, "add", own, allowed, &a, never);
	assert_string_equal(REL_CLI_VAL(&a, REL_O_DB), "x.db");
	assert_string_equal(REL_CLI_VAL(&a, REL_O_FORMAT), "csv");
	assert_string_equal(REL_CLI_VAL(&a, REL_O_DRYRUN), "");
	assert_null(REL_CLI_VAL(&a, REL_O_AS));
	assert_int_equal(a.nargs, 1);
	assert_string_equal(a.args[0], "S0001");
	/* Not given: the default stays. */
	assert_int_equal(rel_cli_num(&a, O_LAST, 1, 5, &n, &e), 0);
	assert_int_equal(n, 7);
	assert_int_equal(rel_cli_num(&a, O_MOOD, 1, 5, &n, &e), REL_EUSAGE);
	assert_string_equal(e.column, "--mood");
	assert_non_null(strstr(e.msg, "\"9\""));
	assert_int_equal(n, 7);
}

static void
test_distance(void **state)
{
	(void)state;
	assert_int_equal(rel_cli_distance("", ""), 0);
	assert_int_equal(rel_cli_distance("gaps", "gaps"), 0);
	assert_int_equal(rel_cli_distance("", "map"), 3);
	assert_int_equal(rel_cli_distance("map", ""), 3);
	assert_int_equal(rel_cli_distance("gap", "gaps"), 1);
	assert_int_equal(rel_cli_distance("lisst", "list"), 1);
	assert_int_equal(rel_cli_distance("lost", "list"), 1);
	/* A swap of neighbours is one edit, not two. */
	assert_int_equal(rel_cli_distance("mpa", "map"), 1);
	assert_int_equal(rel_cli_distance("min-strenght", "min-strength"), 1);
	/* Optimal string alignment: no substring is edited twice. */
	assert_int_equal(rel_cli_distance("ca", "abc"), 3);
	assert_int_equal(rel_cli_distance("kitten", "sitting"), 3);
	assert_int_equal(rel_cli_distance("sitting", "kitten"), 3);
}

static void
test_suggest(void **state)
{
	static const char *const verbs[] = { "mark", "import", "assign",
		"unassign", "gaps", "suggest", "caseload", "list", "history" };
	static const char *const opts[] = { "min-strength", "min-adults",
		"strength", "format" };
	static const char *const twins[] = { "seat", "sent" };

	(void)state;
	assert_string_equal(rel_cli_suggest("gap", verbs, NELEM(verbs)),
	    "gaps");
	assert_string_equal(rel_cli_suggest("lsit", verbs, NELEM(verbs)),
	    "list");
	assert_string_equal(rel_cli_suggest("asign", verbs, NELEM(verbs)),
	    "assign");
	/* Too far for a short word; a prefix of one verb is enough. */
	assert_null(rel_cli_suggest("frob", verbs, NELEM(verbs)));
	assert_null(rel_cli_suggest("xy", verbs, NELEM(verbs)));
	assert_string_equal(rel_cli_suggest("sug", verbs, NELEM(verbs)),
	    "suggest");
	assert_string_equal(rel_cli_suggest("hist", verbs, NELEM(verbs)),
	    "history");
	/* The one it begins comes before one an edit away ("list"). */
	assert_string_equal(rel_cli_suggest("ma", verbs, NELEM(verbs)),
	    "mark");
	assert_string_equal(rel_cli_suggest("u", verbs, NELEM(verbs)),
	    "unassign");
	assert_null(rel_cli_suggest("z", verbs, NELEM(verbs)));
	/* One letter is enough when it begins one verb only. */
	assert_string_equal(rel_cli_suggest("i", verbs, NELEM(verbs)),
	    "import");
	/* Longer words allow more edits: len / 3. */
	assert_string_equal(rel_cli_suggest("min-strenght", opts,
	    NELEM(opts)), "min-strength");
	assert_string_equal(rel_cli_suggest("minstrngth", opts, NELEM(opts)),
	    "min-strength");
	assert_null(rel_cli_suggest("mnstrngth", opts, NELEM(opts)));
	assert_string_equal(rel_cli_suggest("fromat", opts, NELEM(opts)),
	    "format");
	/* Two as close: no guess. */
	assert_null(rel_cli_suggest("set", twins, NELEM(twins)));
	assert_null(rel_cli_suggest("", verbs, NELEM(verbs)));
	assert_null(rel_cli_suggest("gap", verbs, 0));
}

/* rel_cli_usage in a child (it exits), its stdout into a file. */
static int
usage_in_child(const char *verb, const char *out)
{
	static const struct rel_usage forms[] = {
		{ "run", "rel-x [run] [--db path]\n" },
		{ "rules", "rel-x rules [--format fmt]\n" },
		{ "rules set", "rel-x rules set rule value\n"
		    "        [--as adult_id]\n" },
		{ NULL, "A note of the SYNOPSIS.\n" },
	};
	pid_t pid = fork();
	int ws;

	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[] = { (char *)verb, NULL };
		struct rel_cli_args a;

		if (freopen(out, "w", stdout) == NULL)
			_exit(99);
		if (verb != NULL)
			rel_cli_parse(1, argv, verb, NULL, (const int[]){ 0 },
			    &a, never);
		rel_cli_usage(stdout, 3, forms, NELEM(forms), "More.\n");
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	return WEXITSTATUS(ws);
}

static void
assert_file(const char *path, const char *want)
{
	char buf[512];
	size_t n;
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf, want);
}

static void
test_usage(void **state)
{
	char out[] = "/tmp/rel-usage-XXXXXX";
	int fd = mkstemp(out);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(usage_in_child(NULL, out), 3);
	assert_file(out, "usage: rel-x [run] [--db path]\n"
	    "       rel-x rules [--format fmt]\n"
	    "       rel-x rules set rule value\n"
	    "               [--as adult_id]\n"
	    "A note of the SYNOPSIS.\n"
	    "More.\n");
	/* A verb: its forms and those under it, the note, not the rest. */
	assert_int_equal(usage_in_child("rules", out), 3);
	assert_file(out, "usage: rel-x rules [--format fmt]\n"
	    "       rel-x rules set rule value\n"
	    "               [--as adult_id]\n"
	    "A note of the SYNOPSIS.\n");
	assert_int_equal(usage_in_child("run", out), 3);
	assert_file(out, "usage: rel-x [run] [--db path]\n"
	    "A note of the SYNOPSIS.\n");
	/* "rule" is no verb of the table: everything. */
	assert_int_equal(usage_in_child("rule", out), 3);
	assert_file(out, "usage: rel-x [run] [--db path]\n"
	    "       rel-x rules [--format fmt]\n"
	    "       rel-x rules set rule value\n"
	    "               [--as adult_id]\n"
	    "A note of the SYNOPSIS.\n"
	    "More.\n");
	unlink(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_xalloc),
		cmocka_unit_test(test_db_missing),
		cmocka_unit_test(test_finish),
		cmocka_unit_test(test_parse_shared),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_usage),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
