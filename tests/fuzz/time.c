/*
 * time.c: the date, date-time, span and --date-format parsers. The first
 * byte picks the parser; the rest is its text. For --date-format the
 * next byte is the length of the format, then the format, then the value.
 * Invariants: a parsed date is in 1900-9999 and formats back to the same
 * text; a parsed date-time formats to a text that parses to it again; a
 * span added to a day moves it forward, by at most 100000 months, and
 * like a date ahead (--due, --follow-up) stays in 1900-9999; a --at
 * (stored) reads back as a date-time; what
 * --date-format reads is a date or date-time the ISO parsers accept; a
 * refusal is status 64 with a message. "Today" is $REL_NOW, fixed here.
 */
#include "fuzz.h"

#include "rel/connection.h"
#include "rel/family.h"
#include "rel/goal.h"
#include "rel/restore.h"
#include "rel/time.h"

static void
check_date(int32_t days)
{
	char buf[REL_DATE_LEN];
	int32_t again;

	FUZZ_CHECK(days >= rel_days_from_civil(1900, 1, 1));
	FUZZ_CHECK(days <= rel_days_from_civil(9999, 12, 31));
	rel_date_format(days, buf);
	FUZZ_CHECK(strlen(buf) == 10);
	FUZZ_CHECK(rel_date_parse(buf, 10, &again) == 0 && again == days);
}

/* A date-time in years 1900-9999 formats and parses back to itself. */
static void
check_datetime(int64_t secs)
{
	char buf[REL_DATETIME_LEN];
	int64_t again;

	rel_datetime_format(secs, buf);
	FUZZ_CHECK(strlen(buf) == 19);
	if (secs < (int64_t)rel_days_from_civil(1900, 1, 1) * 86400 ||
	    secs >= ((int64_t)rel_days_from_civil(9999, 12, 31) + 1) * 86400)
		return;
	FUZZ_CHECK(rel_datetime_parse(buf, 19, &again) == 0 && again == secs);
}

static void
check_refused(int rc, const struct rel_err *e)
{
	FUZZ_CHECK(rc == 64 && e->code == 64 && e->msg[0] != '\0');
}

static void
datefmt(const char *s, size_t len)
{
	char fmt[256], buf[REL_DATETIME_LEN];
	size_t flen = len > 0 ? (unsigned char)s[0] % 32 : 0;
	struct rel_err e;
	int32_t days;
	int64_t secs;
	int rc;

	if (len == 0 || flen > len - 1)
		return;
	memcpy(fmt, s + 1, flen);
	fmt[flen] = '\0';
	if ((rc = rel_datefmt_check(fmt, &e)) != 0) {
		check_refused(rc, &e);
		return;
	}
	s += 1 + flen;
	len -= 1 + flen;
	memset(buf, 0, sizeof(buf));
	if (rel_datefmt_parse(fmt, s, len, buf) != 0)
		return;
	if (strlen(buf) == 10) {
		FUZZ_CHECK(rel_date_parse(buf, 10, &days) == 0);
		check_date(days);
	} else {
		FUZZ_CHECK(strlen(buf) == 19);
		FUZZ_CHECK(rel_datetime_parse(buf, 19, &secs) == 0);
		check_datetime(secs);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	char buf[REL_DATETIME_LEN], *s;
	struct rel_err e;
	int32_t days, to, from;
	int64_t secs;
	size_t len;
	int rc;

	if (!once) {
		setenv("REL_NOW", "2026-11-20T10:00:00", 1);
		once = 1;
	}
	if (size == 0)
		return 0;
	s = fuzz_str(data + 1, size - 1);
	len = size - 1;
	switch (data[0] % 11) {
	case 0:
		if (rel_date_parse(s, len, &days) == 0) {
			check_date(days);
			rel_date_format(days, buf);
			FUZZ_CHECK(len == 10 && memcmp(buf, s, 10) == 0);
		}
		break;
	case 1:
		if (rel_datetime_parse(s, len, &secs) == 0)
			check_datetime(secs);
		break;
	case 2:
		if (rel_when_parse(s, len, &days) == 0) {
			rel_date_format(days, buf);
			FUZZ_CHECK(strlen(buf) == 10);
		}
		break;
	case 3:
		if ((rc = rel_time_opt("--since", s, data[0] & 16, &secs,
		    &e)) == 0)
			check_datetime(secs);
		else
			check_refused(rc, &e);
		break;
	case 4:
		datefmt(s, len);
		break;
	case 5:
		/* A span from a day the input gives: its first two bytes. */
		if (len < 2)
			break;
		from = rel_days_from_civil(1900, 1, 1) +
		    ((unsigned char)s[0] << 8 | (unsigned char)s[1]) * 45;
		if ((rc = rel_goal_span_add("--every", s + 2, from, &to,
		    &e)) == 0) {
			FUZZ_CHECK(to >= from);
			FUZZ_CHECK((int64_t)to - from <= 100000 * 31LL);
			check_date(to);
		} else
			check_refused(rc, &e);
		break;
	case 6:
		if ((rc = rel_goal_date_opt("--due", s, &days, &e)) == 0)
			check_date(days);
		else
			check_refused(rc, &e);
		break;
	case 7:
		if ((rc = rel_family_ahead("--follow-up", s, &days, &e)) == 0)
			check_date(days);
		else
			check_refused(rc, &e);
		break;
	case 8:
		if ((rc = rel_restore_when("--follow-up", s, buf, &e)) == 0) {
			if (buf[0] != '\0') {
				FUZZ_CHECK(rel_date_parse(buf, strlen(buf),
				    &days) == 0);
				check_date(days);
			}
		} else
			check_refused(rc, &e);
		break;
	case 9:
		if ((rc = rel_conn_when("--at", s, buf, &e)) == 0) {
			/* A time to store: one rel reads back. */
			FUZZ_CHECK(strlen(buf) == 19);
			FUZZ_CHECK(rel_datetime_parse(buf, 19, &secs) == 0);
		} else
			check_refused(rc, &e);
		break;
	case 10:
		if (rel_datetime_parse(s, len, &secs) == 0) {
			rel_datetime_format(secs, buf);
			FUZZ_CHECK(strlen(buf) == 19);
		}
		break;
	}
	free(s);
	return 0;
}
