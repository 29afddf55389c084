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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_xalloc),
		cmocka_unit_test(test_db_missing),
		cmocka_unit_test(test_finish),
		cmocka_unit_test(test_parse_shared),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
