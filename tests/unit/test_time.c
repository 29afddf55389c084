/*
 * test_time.c: dates, date-times, spans and the $REL_NOW clock.
 */
#include <time.h>
#include <unistd.h>

#include "unit.h"

static int32_t
date(const char *s)
{
	int32_t d = INT32_MIN;

	assert_int_equal(rel_date_parse(s, strlen(s), &d), 0);
	return d;
}

static int64_t
datetime(const char *s)
{
	int64_t v = INT64_MIN;

	assert_int_equal(rel_datetime_parse(s, strlen(s), &v), 0);
	return v;
}

static void
set_tz(const char *tz)
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

static void
set_now(const char *now)
{
	if (now == NULL)
		assert_int_equal(unsetenv("REL_NOW"), 0);
	else
		assert_int_equal(setenv("REL_NOW", now, 1), 0);
}

static int
reset(void **state)
{
	(void)state;
	set_tz("UTC");
	set_now(NULL);
	return 0;
}

static void
test_known_days(void **state)
{
	(void)state;
	assert_int_equal(rel_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(rel_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(rel_days_from_civil(1900, 1, 1), -25567);
	assert_int_equal(rel_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(rel_days_from_civil(2024, 2, 29), 19782);
	assert_int_equal(rel_days_from_civil(9999, 12, 31), 2932896);
	assert_int_equal(date("1970-01-01"), 0);
	assert_int_equal(date("2024-02-29"), 19782);
	assert_int_equal(date("9999-12-31"), 2932896);
}

/* An independent day counter, one day at a time, against the formulas,
 * the formatter and the parser. */
static void
test_every_day_1900_2100(void **state)
{
	static const unsigned mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int32_t n = -25567, p;
	int y, yy;
	unsigned m, d, mm, dd, len;
	char buf[REL_DATE_LEN], want[32];

	(void)state;
	for (y = 1900; y <= 2100; y++) {
		for (m = 1; m <= 12; m++) {
			len = mdays[m - 1];
			if (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
			    y % 400 == 0))
				len = 29;
			for (d = 1; d <= len; d++, n++) {
				assert_int_equal(rel_days_from_civil(y, m, d), n);
				rel_civil_from_days(n, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				snprintf(want, sizeof(want), "%04d-%02u-%02u",
				    y, m, d);
				rel_date_format(n, buf);
				assert_string_equal(buf, want);
				assert_int_equal(rel_date_parse(buf, 10, &p), 0);
				assert_int_equal(p, n);
			}
			/* The day after the month's last is not a date. */
			snprintf(want, sizeof(want), "%04d-%02u-%02u",
			    y, m, len + 1);
			assert_int_equal(rel_date_parse(want, 10, &p), -1);
		}
	}
	assert_int_equal(n, rel_days_from_civil(2101, 1, 1));
}

static void
test_leap_years(void **state)
{
	int32_t d;

	(void)state;
	assert_int_equal(rel_date_parse("1900-02-29", 10, &d), -1);
	assert_int_equal(rel_date_parse("2100-02-29", 10, &d), -1);
	assert_int_equal(rel_date_parse("2023-02-29", 10, &d), -1);
	assert_int_equal(rel_date_parse("2000-02-29", 10, &d), 0);
	assert_int_equal(d, rel_days_from_civil(2000, 3, 1) - 1);
	assert_int_equal(rel_date_parse("2024-02-29", 10, &d), 0);
	assert_int_equal(rel_date_parse("2400-02-29", 10, &d), 0);
	assert_int_equal(rel_date_parse("2000-02-30", 10, &d), -1);
}

static void
test_date_rejects(void **state)
{
	static const char *bad[] = {
		"", "2025", "2025-01-1", "2025-1-01", "2025-01-001",
		"2025-00-10", "2025-13-01", "2025-01-00", "2025-01-32",
		"2025-04-31", "2025-06-31", "2025-09-31", "2025-11-31",
		"2025-02-30", "1899-12-31", "0000-01-01", "2025/01/01",
		"2025-01-01 ", " 2025-01-01", "2025-01-01T00:00",
		"+025-01-01", "-025-01-01", "2025-0a-01", "2025-01-1a",
		"20250101", "2025-01- 1", "2025--1-01", "99999-01-01"
	};
	size_t i;
	int32_t d = 42;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rel_date_parse(bad[i], strlen(bad[i]), &d) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(d, 42);
	/* NUL inside the 10 bytes is not a digit. */
	assert_int_equal(rel_date_parse("2025-01-0\0", 10, &d), -1);
}

static void
test_date_len_not_nul(void **state)
{
	const char *s = "2025-03-04T05:06:07junk";
	int32_t d;
	int64_t v;

	(void)state;
	assert_int_equal(rel_date_parse(s, 10, &d), 0);
	assert_int_equal(d, rel_days_from_civil(2025, 3, 4));
	assert_int_equal(rel_datetime_parse(s, 10, &v), 0);
	assert_int_equal(v, (int64_t)d * 86400);
	assert_int_equal(rel_datetime_parse(s, 16, &v), 0);
	assert_int_equal(v, (int64_t)d * 86400 + 5 * 3600 + 6 * 60);
	assert_int_equal(rel_datetime_parse(s, 19, &v), 0);
	assert_int_equal(v, (int64_t)d * 86400 + 5 * 3600 + 6 * 60 + 7);
	assert_int_equal(rel_datetime_parse(s, 20, &v), -1);
	assert_int_equal(rel_when_parse(s, 10, &d), 0);
	assert_int_equal(d, rel_days_from_civil(2025, 3, 4));
}

static void
test_weekday(void **state)
{
	int32_t d;

	(void)state;
	assert_int_equal(rel_weekday(0), 3);		/* Thursday */
	assert_int_equal(rel_weekday(-1), 2);
	assert_int_equal(rel_weekday(-3), 0);
	assert_int_equal(rel_weekday(-4), 6);
	assert_int_equal(rel_weekday(date("1900-01-01")), 0);
	assert_int_equal(rel_weekday(date("2000-01-01")), 5);
	assert_int_equal(rel_weekday(date("2024-01-01")), 0);
	assert_int_equal(rel_weekday(date("2026-03-31")), 1);
	assert_int_equal(rel_weekday(INT32_MIN), ((int64_t)INT32_MIN % 7 + 10) % 7);
	assert_int_equal(rel_weekday(INT32_MAX), ((int64_t)INT32_MAX + 3) % 7);
	for (d = -100000; d < 100000; d++) {
		assert_in_range(rel_weekday(d), 0, 6);
		assert_int_equal(rel_weekday(d + 1), (rel_weekday(d) + 1) % 7);
	}
}

static void
test_datetime_forms(void **state)
{
	int64_t base = (int64_t)date("2025-06-07") * 86400;

	(void)state;
	assert_int_equal(datetime("2025-06-07"), base);
	assert_int_equal(datetime("2025-06-07T08:09"), base + 8 * 3600 + 9 * 60);
	assert_int_equal(datetime("2025-06-07 08:09"), base + 8 * 3600 + 9 * 60);
	assert_int_equal(datetime("2025-06-07T08:09:10"),
	    base + 8 * 3600 + 9 * 60 + 10);
	assert_int_equal(datetime("2025-06-07T00:00:00"), base);
	assert_int_equal(datetime("2025-06-07T23:59:59"), base + 86399);
	/* Fractions are dropped, never rounded up. */
	assert_int_equal(datetime("2025-06-07T08:09:10.999999999"),
	    base + 8 * 3600 + 9 * 60 + 10);
	assert_int_equal(datetime("2025-06-07T08:09:10.0"),
	    base + 8 * 3600 + 9 * 60 + 10);
	/* A leap second is clamped into the minute. */
	assert_int_equal(datetime("2016-12-31T23:59:60"),
	    (int64_t)date("2016-12-31") * 86400 + 86399);
	assert_int_equal(datetime("2016-12-31T23:59:60.5Z"),
	    (int64_t)date("2016-12-31") * 86400 + 86399);
	assert_int_equal(datetime("1900-01-01T00:00:00"),
	    (int64_t)-25567 * 86400);
	assert_int_equal(datetime("1969-12-31T23:59:59"), -1);
}

static void
test_datetime_rejects(void **state)
{
	static const char *bad[] = {
		"", "2025-06-0", "2025-06-07T", "2025-06-07 ", "2025-06-07T8",
		"2025-06-07T08", "2025-06-07T08:", "2025-06-07T08:9",
		"2025-06-07T8:09", "2025-06-07t08:09", "2025-06-07  08:09",
		"2025-06-07T08:09:", "2025-06-07T08:09:1",
		"2025-06-07T08:09:10.", "2025-06-07T08:09:10.x",
		"2025-06-07T08:09:10,5", "2025-06-07T08:09.5",
		"2025-06-07T24:00", "2025-06-07T23:60", "2025-06-07T23:59:61",
		"2025-06-07T-1:00", "2025-06-07Z", "2025-06-07+02:00",
		"2025-06-07T08:09Zjunk", "2025-06-07T08:09ZZ",
		"2025-06-07T08:09z", "2025-06-07T08:09+02",
		"2025-06-07T08:09+2:00", "2025-06-07T08:09+02:0",
		"2025-06-07T08:09+02:000", "2025-06-07T08:09+0200x",
		"2025-06-07T08:09+020", "2025-06-07T08:09+24:00",
		"2025-06-07T08:09+02:60", "2025-06-07T08:09 +02:00",
		"2025-06-07T08:09+", "2025-06-07T08:09:10 ",
		"2025-06-07x", "2025-02-30T00:00", "1899-12-31T23:59:59Z",
		"2025-06-07T08:09+02-00", "2025-06-07T08:09:10.5.5"
	};
	size_t i;
	int64_t v = 42;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rel_datetime_parse(bad[i], strlen(bad[i]), &v) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(v, 42);
}

static void
test_offsets_utc(void **state)
{
	(void)state;
	set_tz("UTC");
	assert_int_equal(datetime("2025-06-07T08:09:10Z"),
	    datetime("2025-06-07T08:09:10"));
	assert_int_equal(datetime("2025-06-07T12:00:00+02:00"),
	    datetime("2025-06-07T10:00:00"));
	assert_int_equal(datetime("2025-06-07T12:00:00+0200"),
	    datetime("2025-06-07T10:00:00"));
	assert_int_equal(datetime("2025-06-07T12:00-05:30"),
	    datetime("2025-06-07T17:30"));
	assert_int_equal(datetime("2025-06-07T12:00:00.75-0000"),
	    datetime("2025-06-07T12:00"));
	/* Offsets move the date across midnight, month and year ends. */
	assert_int_equal(datetime("2025-01-01T01:00+03:00"),
	    datetime("2024-12-31T22:00"));
	assert_int_equal(datetime("2024-12-31T22:00-03:00"),
	    datetime("2025-01-01T01:00"));
	assert_int_equal(datetime("2024-03-01 00:30+01:00"),
	    datetime("2024-02-29 23:30"));
	assert_int_equal(datetime("1970-01-01T00:00:00+00:01"), -60);
	assert_int_equal(datetime("9999-12-31T12:00:00+01:00"),
	    datetime("9999-12-31T11:00:00"));
	/* Some zone is always ahead; UTC+14 is the furthest. */
	set_tz("<+14>-14");
	assert_int_equal(datetime("2025-06-07T10:00:00Z"),
	    datetime("2025-06-08T00:00:00"));
	set_tz("UTC");
}

static void
test_offsets_new_york(void **state)
{
	(void)state;
	if (access("/usr/share/zoneinfo/America/New_York", R_OK) != 0) {
		skip();
		return;
	}
	set_tz("America/New_York");
	assert_int_equal(datetime("2025-01-15T12:00:00Z"),
	    datetime("2025-01-15T07:00:00"));
	assert_int_equal(datetime("2025-07-15T12:00:00Z"),
	    datetime("2025-07-15T08:00:00"));
	assert_int_equal(datetime("2025-07-15T14:00:00+02:00"),
	    datetime("2025-07-15T08:00:00"));
	/* 2025-03-09: 02:00 EST became 03:00 EDT. */
	assert_int_equal(datetime("2025-03-09T06:59:59Z"),
	    datetime("2025-03-09T01:59:59"));
	assert_int_equal(datetime("2025-03-09T07:00:00Z"),
	    datetime("2025-03-09T03:00:00"));
	assert_int_equal(datetime("2025-01-01T03:00Z"),
	    datetime("2024-12-31T22:00"));
	/* Without an offset the value already is wall-clock time. */
	assert_int_equal(datetime("2025-03-09T02:30:00"),
	    (int64_t)date("2025-03-09") * 86400 + 9000);
	set_tz("UTC");
}

static void
test_format(void **state)
{
	char buf[64];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	rel_date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	assert_int_equal(buf[REL_DATE_LEN], 'x');
	rel_date_format(-1, buf);
	assert_string_equal(buf, "1969-12-31");
	rel_date_format(2932896, buf);
	assert_string_equal(buf, "9999-12-31");

	memset(buf, 'x', sizeof(buf));
	rel_datetime_format(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00");
	assert_int_equal(buf[REL_DATETIME_LEN], 'x');
	rel_datetime_format(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59");
	rel_datetime_format(-86400, buf);
	assert_string_equal(buf, "1969-12-31T00:00:00");
	rel_datetime_format((int64_t)-25567 * 86400 + 3723, buf);
	assert_string_equal(buf, "1900-01-01T01:02:03");
	rel_datetime_format(datetime("2024-02-29T13:14:15"), buf);
	assert_string_equal(buf, "2024-02-29T13:14:15");

	/* Out of four-digit range: clamped, never past the buffer. */
	memset(buf, 'x', sizeof(buf));
	rel_date_format(INT32_MAX, buf);
	assert_string_equal(buf, "9999-12-31");
	assert_int_equal(buf[REL_DATE_LEN], 'x');
	rel_date_format(INT32_MIN, buf);
	assert_string_equal(buf, "0000-01-01");
	rel_datetime_format(INT64_MAX, buf);
	assert_string_equal(buf, "9999-12-31T23:59:59");
	assert_int_equal(buf[REL_DATETIME_LEN], 'x');
	rel_datetime_format(INT64_MIN, buf);
	assert_string_equal(buf, "0000-01-01T00:00:00");
}

static void
test_datetime_round_trip(void **state)
{
	int64_t v, p;
	char buf[REL_DATETIME_LEN];

	(void)state;
	/* A prime step visits every second-of-day residue pattern. */
	for (v = (int64_t)-25567 * 86400; v < (int64_t)47482 * 86400;
	    v += 86400 * 3 + 3607) {
		rel_datetime_format(v, buf);
		assert_int_equal(strlen(buf), 19);
		assert_int_equal(rel_datetime_parse(buf, 19, &p), 0);
		assert_int_equal(p, v);
	}
}

static void
test_now_override(void **state)
{
	(void)state;
	set_tz("UTC");
	set_now("2026-03-31T09:15:00");
	assert_int_equal(rel_now(), datetime("2026-03-31T09:15:00"));
	assert_int_equal(rel_today(), date("2026-03-31"));
	set_now("2026-03-31");
	assert_int_equal(rel_now(), datetime("2026-03-31"));
	assert_int_equal(rel_today(), date("2026-03-31"));
	/* An offset in $REL_NOW is converted like any other input. */
	set_now("2026-03-31T00:30:00+02:00");
	assert_int_equal(rel_now(), datetime("2026-03-30T22:30:00"));
	assert_int_equal(rel_today(), date("2026-03-30"));
	/* Before 1970 today still floors to the right day. */
	set_now("1969-12-31T23:00:00");
	assert_int_equal(rel_today(), -1);
	set_now("1969-12-31T00:00:00");
	assert_int_equal(rel_today(), -1);
	set_now("1900-01-01T00:00:01");
	assert_int_equal(rel_today(), -25567);
	set_now(NULL);
}

static void
test_now_clock(void **state)
{
	static const char *ignored[] = {
		NULL, "", "garbage", "2026-02-30", "2026-03-31T25:00", " "
	};
	size_t i;
	int64_t now, t;

	(void)state;
	set_tz("UTC");
	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		set_now(ignored[i]);
		t = (int64_t)time(NULL);
		now = rel_now();
		assert_in_range(now, t, t + 5);
		assert_in_range(rel_today(), t / 86400, (t + 5) / 86400);
	}
	set_tz("<+05>-5");
	t = (int64_t)time(NULL);
	assert_in_range(rel_now(), t + 5 * 3600, t + 5 * 3600 + 5);
	set_tz("UTC");
}

static int32_t
when(const char *s)
{
	int32_t d = INT32_MIN;

	if (rel_when_parse(s, strlen(s), &d) != 0)
		fail_msg("rejected \"%s\"", s);
	return d;
}

static void
test_when_spans(void **state)
{
	int32_t today;

	(void)state;
	set_now("2026-03-31T10:00:00");
	today = date("2026-03-31");
	assert_int_equal(when("today"), today);
	assert_int_equal(when("yesterday"), today - 1);
	assert_int_equal(when("0d"), today);
	assert_int_equal(when("1d"), today - 1);
	assert_int_equal(when("14d"), date("2026-03-17"));
	assert_int_equal(when("31d"), date("2026-02-28"));
	assert_int_equal(when("014d"), date("2026-03-17"));
	assert_int_equal(when("100000d"), today - 100000);
	assert_int_equal(when("0w"), today);
	assert_int_equal(when("1w"), today - 7);
	assert_int_equal(when("6w"), date("2026-02-17"));
	assert_int_equal(when("100000w"), today - 700000);
	assert_int_equal(when("0m"), today);
	assert_int_equal(when("1m"), date("2026-02-28"));
	assert_int_equal(when("2m"), date("2026-01-31"));
	assert_int_equal(when("3m"), date("2025-12-31"));
	assert_int_equal(when("4m"), date("2025-11-30"));
	assert_int_equal(when("12m"), date("2025-03-31"));
	assert_int_equal(when("13m"), date("2025-02-28"));
	assert_int_equal(when("25m"), date("2024-02-29"));
	assert_int_equal(when("100000m"),
	    rel_days_from_civil(2026 - 8334, 11, 30));
	assert_int_equal(when("0y"), today);
	assert_int_equal(when("1y"), date("2025-03-31"));
	assert_int_equal(when("126y"), date("1900-03-31"));
	assert_int_equal(when("100000y"),
	    rel_days_from_civil(2026 - 100000, 3, 31));
	assert_int_equal(when("2025-02-28"), date("2025-02-28"));
	assert_int_equal(when("2030-01-01"), date("2030-01-01"));

	set_now("2024-02-29T23:59:59");
	assert_int_equal(when("1y"), date("2023-02-28"));
	assert_int_equal(when("4y"), date("2020-02-29"));
	assert_int_equal(when("100y"), date("1924-02-29"));
	assert_int_equal(when("124y"), date("1900-02-28"));
	assert_int_equal(when("12m"), date("2023-02-28"));
	assert_int_equal(when("48m"), date("2020-02-29"));
	assert_int_equal(when("1m"), date("2024-01-29"));

	set_now("2026-01-15T00:00:00");
	assert_int_equal(when("1m"), date("2025-12-15"));
	assert_int_equal(when("3m"), date("2025-10-15"));
	assert_int_equal(when("yesterday"), date("2026-01-14"));
	assert_int_equal(when("15d"), date("2025-12-31"));

	set_now("1970-01-01T00:00:00");
	assert_int_equal(when("yesterday"), -1);
	assert_int_equal(when("1m"), date("1969-12-01"));
	set_now(NULL);
}

static void
test_when_rejects(void **state)
{
	static const char *bad[] = {
		"", "d", "w", "1", "14", "-1d", "+1d", "1D", "1W", "1M", "1Y",
		"1h", "1s", "1dd", "1 d", " 1d", "1d ", "100001d", "999999999d",
		"99999999999999999999d", "Today", "TODAY", "today ", " today",
		"yesterday1", "tomorrow", "2025-02-30", "2025-13-01",
		"1899-12-31", "2025-1-1", "1.5d", "0x10d", "d1", "1e3d"
	};
	size_t i;
	int32_t d = 42;

	(void)state;
	set_now("2026-03-31T10:00:00");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rel_when_parse(bad[i], strlen(bad[i]), &d) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(d, 42);
	/* len, not NUL, ends the input. */
	assert_int_equal(rel_when_parse("14dx", 3, &d), 0);
	assert_int_equal(d, date("2026-03-17"));
	assert_int_equal(rel_when_parse("todayx", 5, &d), 0);
	assert_int_equal(rel_when_parse("14d", 2, &d), -1);
	set_now(NULL);
}

/* --date-format: what a pattern reads, and what it refuses. */
static void
test_datefmt(void **state)
{
	static const struct {
		const char *fmt, *in, *out;
	} ok[] = {
		{ "%m/%d/%Y %H:%M:%S", "9/3/2025 14:05:11", "2025-09-03T14:05:11" },
		{ "%m/%d/%Y %H:%M:%S", "09/03/2025  4:05:11", "2025-09-03T04:05:11" },
		{ "%m/%d/%Y %H:%M:%S", "9/10/2025", "2025-09-10" },
		{ "%d/%m/%Y %H:%M", "03/09/2025 14:05", "2025-09-03T14:05:00" },
		{ "%m/%d/%Y %I:%M:%S %p", "9/3/2025 2:05:11 PM",
		  "2025-09-03T14:05:11" },
		{ "%m/%d/%Y %I:%M:%S %p", "9/3/2025 12:05:11 am",
		  "2025-09-03T00:05:11" },
		{ "%m/%d/%Y %I:%M:%S %p", "9/3/2025 12:00:00 p.m.",
		  "2025-09-03T12:00:00" },
		{ "%b %d, %Y", "Sep 3, 2025", "2025-09-03" },
		{ "%B %e %Y", "february 29 2024", "2024-02-29" },
		{ "%d.%m.%y", "03.09.25", "2025-09-03" },
		{ "%FT%T", "2025-09-03T14:05:11", "2025-09-03T14:05:11" },
		{ "%Y%m%d 100%%", "20250903 100%", "2025-09-03" },
	};
	static const struct {
		const char *fmt, *in;
	} bad[] = {
		{ "%m/%d/%Y %H:%M:%S", "2025-09-03 14:05:11" },
		{ "%m/%d/%Y %H:%M:%S", "2/30/2025 1:00:00" },
		{ "%m/%d/%Y %H:%M:%S", "13/1/2025 1:00:00" },
		{ "%m/%d/%Y %H:%M:%S", "1/1/2025 24:00:00" },
		{ "%m/%d/%Y %H:%M:%S", "1/1/2025 1:60:00" },
		{ "%m/%d/%Y %H:%M:%S", "1/1/2025 1:00:00 extra" },
		{ "%m/%d/%Y %H:%M:%S", "1/1/2025 1:00" },
		{ "%m/%d/%Y", "1/1/25" },
		{ "%m/%d/%Y %I:%M %p", "1/1/2025 13:00 PM" },
		{ "%m/%d/%Y %I:%M %p", "1/1/2025 1:00 XM" },
		{ "%b %d %Y", "Sept 3 2025" },
		{ "%m/%d/%Y", "" },
		{ "%m/%d/%Y", "1/1/1899" },
	};
	char buf[REL_DATETIME_LEN];
	struct rel_err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(rel_datefmt_check(ok[i].fmt, &e), 0);
		assert_int_equal(rel_datefmt_parse(ok[i].fmt, ok[i].in,
		    strlen(ok[i].in), buf), 0);
		assert_string_equal(buf, ok[i].out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(rel_datefmt_parse(bad[i].fmt, bad[i].in,
		    strlen(bad[i].in), buf), -1);
	/* A value is read to its length, not to a NUL. */
	assert_int_equal(rel_datefmt_parse("%m/%d/%Y", "9/3/2025junk", 8, buf),
	    0);
	assert_string_equal(buf, "2025-09-03");
	assert_int_equal(rel_datefmt_check("%m/%d/%Q", &e), REL_EUSAGE);
	assert_int_equal(rel_datefmt_check("%H:%M", &e), REL_EUSAGE);
	assert_int_equal(rel_datefmt_check("%m/%d/%Y %I:%M", &e), REL_EUSAGE);
	assert_int_equal(rel_datefmt_check("%m/%d/%Y %", &e), REL_EUSAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_every_day_1900_2100),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_date_rejects),
		cmocka_unit_test(test_date_len_not_nul),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test_setup(test_datetime_forms, reset),
		cmocka_unit_test_setup(test_datetime_rejects, reset),
		cmocka_unit_test_setup(test_offsets_utc, reset),
		cmocka_unit_test_setup(test_offsets_new_york, reset),
		cmocka_unit_test_setup(test_format, reset),
		cmocka_unit_test_setup(test_datetime_round_trip, reset),
		cmocka_unit_test_setup(test_now_override, reset),
		cmocka_unit_test_setup(test_now_clock, reset),
		cmocka_unit_test_setup(test_when_spans, reset),
		cmocka_unit_test_setup(test_when_rejects, reset),
		cmocka_unit_test(test_datefmt),
	};

	return cmocka_run_group_tests_name("time: dates, date-times and spans",
	    tests, reset, NULL);
}
