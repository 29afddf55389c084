/*
 * test_cli.c: what every command does at its start and end; and the
 * small helpers of util.c that everything uses.
 */
#include <sys/wait.h>

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_xalloc),
		cmocka_unit_test(test_db_missing),
		cmocka_unit_test(test_finish),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
