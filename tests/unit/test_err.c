/*
 * test_err.c: error values, escaping of echoed data, and formatting.
 */
#include <errno.h>

#include "unit.h"

static void
test_escape(void **state)
{
	char buf[256];

	(void)state;
	rel_escape(buf, sizeof(buf), "a\"b\\c\n\t\r\x1b[2J\x7f", 13);
	assert_string_equal(buf, "a\\\"b\\\\c\\n\\t\\r\\x1B[2J\\x7F");
	rel_escape(buf, sizeof(buf), "Müller 李", strlen("Müller 李"));
	assert_string_equal(buf, "Müller 李");
	rel_escape(buf, sizeof(buf), "x\xff\xC3", 3);
	assert_string_equal(buf, "x\\xFF\\xC3");
	rel_escape(buf, sizeof(buf), NULL, 5);
	assert_string_equal(buf, "");
}

static void
test_escape_truncates(void **state)
{
	char buf[256], small[8];
	char in[200];

	(void)state;
	memset(in, 'z', sizeof(in));
	rel_escape(buf, sizeof(buf), in, sizeof(in));
	assert_int_equal(strlen(buf), 63);
	assert_string_equal(buf + 60, "...");
	rel_escape(small, sizeof(small), in, sizeof(in));
	assert_true(strlen(small) < sizeof(small));
}

static void
test_format(void **state)
{
	struct rel_err e;
	char buf[512];

	(void)state;
	rel_err_value(&e, REL_EDATA, "c.csv", 42, "mood", "6", 1,
	    "is not between %d and %d", 1, 5);
	assert_int_equal(e.code, REL_EDATA);
	rel_err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "c.csv:42: mood: \"6\" is not between 1 and 5");
	rel_err_at(&e, REL_ENOINPUT, "x.csv", 0, NULL, "gone");
	rel_err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "x.csv: gone");
	assert_int_equal(rel_err_set(&e, REL_EUSAGE, "plain %s", "msg"),
	    REL_EUSAGE);
	rel_err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "plain msg");
	rel_err_clear(&e);
	assert_int_equal(e.code, 0);
}

static void
test_progname_and_errno(void **state)
{
	(void)state;
	rel_setprogname("/usr/local/bin/rel-roster");
	assert_string_equal(rel_getprogname(), "rel-roster");
	rel_setprogname("");
	assert_string_equal(rel_getprogname(), "rel-roster");
	assert_int_equal(rel_status_errno(ENOENT, 1), REL_ENOINPUT);
	assert_int_equal(rel_status_errno(EACCES, 1), REL_EPERM);
	assert_int_equal(rel_status_errno(ENOSPC, 1), REL_EIO);
	assert_int_equal(rel_status_errno(EINVAL, 70), 70);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_truncates),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_progname_and_errno),
	};

	return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
