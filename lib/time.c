/*
 * time.c: ISO 8601 dates and date-times in local wall-clock time.
 *
 * The calendar arithmetic is Howard Hinnant's days_from_civil and
 * civil_from_days (http://howardhinnant.github.io/date_algorithms.html),
 * which need no tables and are exact for the proleptic Gregorian calendar.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "internal.h"

#define SECS_PER_DAY	86400

/* The years rel_date_format can write in four digits. */
#define FMT_MIN_DAYS	(-719528)	/* 0000-01-01 */
#define FMT_MAX_DAYS	2932896		/* 9999-12-31 */

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned
month_days(int64_t y, unsigned m)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t
floormod(int64_t a, int64_t b)
{
	int64_t r = a % b;

	if (r != 0 && ((r < 0) != (b < 0)))
		r += b;
	return r;
}

/* Wide versions of the public pair, so that spans of many years back and
 * formatting of extreme values cannot overflow int32_t half way. */
static int64_t
days_from_civil64(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days64(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int32_t
rel_days_from_civil(int y, unsigned m, unsigned d)
{
	return (int32_t)days_from_civil64(y, m, d);
}

void
rel_civil_from_days(int32_t days, int *y, unsigned *m, unsigned *d)
{
	int64_t yy;

	civil_from_days64(days, &yy, m, d);
	*y = (int)yy;
}

int
rel_weekday(int32_t days)
{
	return (int)floormod((int64_t)days + 3, 7);
}

/* n decimal digits at s, or -1 if any is not a digit. */
static int
digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
rel_date_in_range(int64_t days)
{
	return days >= rel_days_from_civil(1900, 1, 1) && days <= FMT_MAX_DAYS;
}

int
rel_date_parse(const char *s, size_t len, int32_t *days)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 1900 || (m = digits(s + 5, 2)) < 1 ||
	    m > 12 || (d = digits(s + 8, 2)) < 1 ||
	    (unsigned)d > month_days(y, (unsigned)m))
		return -1;
	*days = rel_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

/* Local wall-clock seconds for a UTC instant, or -1 on failure. */
static int
utc_to_wall(int64_t utc, int64_t *wall)
{
	time_t t = (time_t)utc;
	struct tm tm;

	if ((int64_t)t != utc)
		return -1;
	/* localtime_r need not re-read $TZ (glibc's does not), and callers
	 * such as tests change it between calls. */
	tzset();
	if (localtime_r(&t, &tm) == NULL)
		return -1;
	if (tm.tm_sec > 59)	/* a leap second in a right/ zone */
		tm.tm_sec = 59;
	*wall = days_from_civil64((int64_t)tm.tm_year + 1900,
	    (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday) * SECS_PER_DAY +
	    tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}

int
rel_datetime_parse(const char *s, size_t len, int64_t *secs)
{
	int32_t days;
	int hh = 0, mi = 0, ss = 0, oh, om, sign;
	int64_t v;
	size_t i;

	if (len < 10 || rel_date_parse(s, 10, &days) == -1)
		return -1;
	v = (int64_t)days * SECS_PER_DAY;
	if (len == 10) {
		*secs = v;
		return 0;
	}
	/* An offset or fraction needs a time before it: "2025-01-01Z" has
	 * no instant to convert. */
	if ((s[10] != 'T' && s[10] != ' ') || len < 16 || s[13] != ':' ||
	    (hh = digits(s + 11, 2)) < 0 || hh > 23 ||
	    (mi = digits(s + 14, 2)) < 0 || mi > 59)
		return -1;
	i = 16;
	if (i < len && s[i] == ':') {
		if (len - i < 3 || (ss = digits(s + i + 1, 2)) < 0 || ss > 60)
			return -1;
		if (ss == 60)	/* rel does not count leap seconds */
			ss = 59;
		i += 3;
		if (i < len && s[i] == '.') {
			if (++i == len || s[i] < '0' || s[i] > '9')
				return -1;
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	v += hh * 3600 + mi * 60 + ss;
	if (i == len) {
		*secs = v;
		return 0;
	}
	if (s[i] == 'Z' && i + 1 == len)
		return utc_to_wall(v, secs);
	if (s[i] != '+' && s[i] != '-')
		return -1;
	sign = s[i] == '-' ? -1 : 1;
	i++;
	if (len - i == 5 && s[i + 2] == ':')
		om = digits(s + i + 3, 2);
	else if (len - i == 4)
		om = digits(s + i + 2, 2);
	else
		return -1;
	oh = digits(s + i, 2);
	if (oh < 0 || oh > 23 || om < 0 || om > 59)
		return -1;
	return utc_to_wall(v - sign * (oh * 3600 + om * 60), secs);
}

int
rel_when_parse(const char *s, size_t len, int32_t *days)
{
	int64_t today, y, n = 0, r;
	unsigned m, d;
	size_t i;
	char unit;

	if (len == 10 && s[4] == '-')
		return rel_date_parse(s, len, days);
	today = rel_today();
	if (len == 5 && memcmp(s, "today", 5) == 0) {
		*days = (int32_t)today;
		return 0;
	}
	if (len == 9 && memcmp(s, "yesterday", 9) == 0) {
		*days = (int32_t)(today - 1);
		return 0;
	}
	if (len < 2)
		return -1;
	for (i = 0; i < len - 1; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
		if (n > 100000)
			return -1;
	}
	unit = s[len - 1];
	switch (unit) {
	case 'd':
		r = today - n;
		break;
	case 'w':
		r = today - 7 * n;
		break;
	case 'm':
	case 'y':
		civil_from_days64(today, &y, &m, &d);
		if (unit == 'y')
			y -= n;
		else {
			int64_t mon = y * 12 + (m - 1) - n;

			y = floordiv(mon, 12);
			m = (unsigned)floormod(mon, 12) + 1;
		}
		/* 31 March less a month is the end of February. */
		if (d > month_days(y, m))
			d = month_days(y, m);
		r = days_from_civil64(y, m, d);
		break;
	default:
		return -1;
	}
	if (r < INT32_MIN || r > INT32_MAX)
		return -1;
	*days = (int32_t)r;
	return 0;
}

/* Four-digit years only: a value outside 0000..9999 is clamped rather
 * than allowed to overrun the caller's fixed-size buffer. */
static void
put_date(int64_t days, char *buf)
{
	int64_t y;
	unsigned m, d;

	if (days < FMT_MIN_DAYS)
		days = FMT_MIN_DAYS;
	if (days > FMT_MAX_DAYS)
		days = FMT_MAX_DAYS;
	civil_from_days64(days, &y, &m, &d);
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

void
rel_date_format(int32_t days, char *buf)
{
	put_date(days, buf);
}

void
rel_datetime_format(int64_t secs, char *buf)
{
	int64_t days = floordiv(secs, SECS_PER_DAY);
	int64_t t = floormod(secs, SECS_PER_DAY);

	if (days < FMT_MIN_DAYS) {
		days = FMT_MIN_DAYS;
		t = 0;
	} else if (days > FMT_MAX_DAYS) {
		days = FMT_MAX_DAYS;
		t = SECS_PER_DAY - 1;
	}
	put_date(days, buf);
	buf[10] = 'T';
	buf[11] = (char)('0' + t / 36000);
	buf[12] = (char)('0' + t / 3600 % 10);
	buf[13] = ':';
	buf[14] = (char)('0' + t % 3600 / 600);
	buf[15] = (char)('0' + t % 3600 / 60 % 10);
	buf[16] = ':';
	buf[17] = (char)('0' + t % 60 / 10);
	buf[18] = (char)('0' + t % 10);
	buf[19] = '\0';
}

int64_t
rel_now(void)
{
	const char *env = getenv("REL_NOW");
	int64_t v;
	time_t t;

	/* A bad $REL_NOW is ignored, not fatal: rel_now cannot report an
	 * error, and a stray variable should not stop every command. */
	if (env != NULL && *env != '\0' &&
	    rel_datetime_parse(env, strlen(env), &v) == 0)
		return v;
	t = time(NULL);
	if (utc_to_wall((int64_t)t, &v) == -1)
		return (int64_t)t;
	return v;
}

int32_t
rel_today(void)
{
	return (int32_t)floordiv(rel_now(), SECS_PER_DAY);
}

const char *
rel_now_text(void)
{
	/* rel_now() reads $REL_NOW and the time zone on every call, which
	 * dominated the cost of an import when done per row. */
	static time_t last = (time_t)-1;
	static char buf[REL_DATETIME_LEN];
	time_t t = time(NULL);

	if (t != last) {
		rel_datetime_format(rel_now(), buf);
		last = t;
	}
	return buf;
}

int
rel_time_opt(const char *opt, const char *s, int end, int64_t *secs,
    struct rel_err *e)
{
	size_t len = strlen(s);
	int32_t days;

	/* A bare date is a day, not its first instant, for an end bound. */
	if (rel_when_parse(s, len, &days) == 0) {
		*secs = ((int64_t)days + (end ? 1 : 0)) * 86400;
		return 0;
	}
	if (rel_datetime_parse(s, len, secs) == 0)
		return 0;
	return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, len, "is not a "
	    "date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span "
	    "(14d, 6w, 3m, today)");
}

/*
 * --date-format: a strptime-like pattern, read here rather than by
 * strptime(3) so that it does not depend on the locale, never guesses,
 * and says exactly what it takes. Directives: %Y (four digits), %y (two:
 * 2000-2099), %m %d %e %H %I %M %S (one or two digits), %p (AM or PM,
 * any case, dots allowed), %b %B (English month names or their first
 * three letters), %F (%Y-%m-%d), %T (%H:%M:%S), %%. A space matches one
 * or more spaces; anything else matches itself.
 */
static const char *const month_names[] = { "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december" };

/* Up to max digits (at least one) at s[*i]: the value, or -1. */
static int
fmt_num(const char *s, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;

	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n == 0 ? -1 : v;
}

/* The fields a pattern read; -1 where it has none. */
struct fmt_tm {
	int y, m, d, hh, mi, ss, pm;
};

/* Is the rest of a pattern only a time (so that a value may stop before
 * it and be a date)? */
static int
fmt_time_only(const char *f)
{
	for (; *f != '\0'; f++) {
		if (*f == ' ' || *f == 'T' || *f == ':' || *f == '.')
			continue;
		if (*f != '%' || f[1] == '\0' || strchr("HIMSpT", f[1]) == NULL)
			return 0;
		f++;
	}
	return 1;
}

static int
fmt_read(const char *f, const char *s, size_t len, size_t *i,
    struct fmt_tm *t)
{
	int v;
	size_t k, n;

	for (; *f != '\0'; f++) {
		if (*i == len && t->y >= 0 && t->m >= 0 && t->d >= 0 &&
		    t->hh < 0 && t->mi < 0 && fmt_time_only(f))
			return 0;
		if (*f == ' ') {
			if (*i == len || s[*i] != ' ')
				return -1;
			while (*i < len && s[*i] == ' ')
				(*i)++;
			continue;
		}
		if (*f != '%') {
			if (*i == len || s[*i] != *f)
				return -1;
			(*i)++;
			continue;
		}
		switch (*++f) {
		case '%':
			if (*i == len || s[*i] != '%')
				return -1;
			(*i)++;
			break;
		case 'Y':
			if (len - *i < 4 || (v = digits(s + *i, 4)) < 0)
				return -1;
			*i += 4;
			t->y = v;
			break;
		case 'y':
			if (len - *i < 2 || (v = digits(s + *i, 2)) < 0)
				return -1;
			*i += 2;
			t->y = 2000 + v;
			break;
		case 'm':
			if ((t->m = fmt_num(s, len, i, 2)) < 0)
				return -1;
			break;
		case 'd':
		case 'e':
			if ((t->d = fmt_num(s, len, i, 2)) < 0)
				return -1;
			break;
		case 'H':
		case 'I':
			if ((t->hh = fmt_num(s, len, i, 2)) < 0)
				return -1;
			if (*f == 'I' && (t->hh < 1 || t->hh > 12))
				return -1;
			if (*f == 'I' && t->pm < 0)
				t->pm = 2;	/* needs a %p */
			break;
		case 'M':
			if ((t->mi = fmt_num(s, len, i, 2)) < 0)
				return -1;
			break;
		case 'S':
			if ((t->ss = fmt_num(s, len, i, 2)) < 0)
				return -1;
			break;
		case 'p':
			if (*i == len || strchr("AaPp", s[*i]) == NULL)
				return -1;
			t->pm = s[*i] == 'P' || s[*i] == 'p';
			(*i)++;
			if (*i < len && s[*i] == '.')
				(*i)++;
			if (*i == len || (s[*i] != 'M' && s[*i] != 'm'))
				return -1;
			(*i)++;
			if (*i < len && s[*i] == '.')
				(*i)++;
			break;
		case 'b':
		case 'B':
			for (n = 0; *i + n < len && ((s[*i + n] >= 'a' &&
			    s[*i + n] <= 'z') || (s[*i + n] >= 'A' &&
			    s[*i + n] <= 'Z')); n++)
				;
			for (k = 0; k < 12; k++)
				if ((n == 3 || n == strlen(month_names[k])) &&
				    strncasecmp(s + *i, month_names[k], n) == 0)
					break;
			if (k == 12)
				return -1;
			t->m = (int)k + 1;
			*i += n;
			break;
		case 'F':
			if (fmt_read("%Y-%m-%d", s, len, i, t) != 0)
				return -1;
			break;
		case 'T':
			if (fmt_read("%H:%M:%S", s, len, i, t) != 0)
				return -1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

int
rel_datefmt_check(const char *fmt, struct rel_err *e)
{
	int y = 0, m = 0, d = 0, h12 = 0, p = 0;
	const char *f;

	for (f = fmt; *f != '\0'; f++) {
		if (*f != '%')
			continue;
		switch (*++f) {
		case 'Y': case 'y': y = 1; break;
		case 'm': case 'b': case 'B': m = 1; break;
		case 'd': case 'e': d = 1; break;
		case 'F': y = m = d = 1; break;
		case 'I': h12 = 1; break;
		case 'p': p = 1; break;
		case 'H': case 'M': case 'S': case 'T': case '%': break;
		default:
			return rel_err_value(e, REL_EUSAGE, NULL, 0,
			    "--date-format", fmt, strlen(fmt), "has %%%.1s, "
			    "which is not one of %%Y %%y %%m %%d %%e %%H %%I "
			    "%%M %%S %%p %%b %%B %%F %%T %%%%", f);
		}
		if (*f == '\0')
			break;
	}
	if (!y || !m || !d)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--date-format",
		    fmt, strlen(fmt), "needs a year (%%Y or %%y), a month (%%m "
		    "or %%b) and a day (%%d)");
	if (h12 != p)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--date-format",
		    fmt, strlen(fmt), "needs %%I and %%p together (a 12-hour "
		    "clock)");
	return 0;
}

int
rel_datefmt_parse(const char *fmt, const char *s, size_t len, char *buf)
{
	struct fmt_tm t = { -1, -1, -1, -1, -1, -1, -1 };
	char tmp[64];
	size_t i = 0;

	if (fmt_read(fmt, s, len, &i, &t) != 0 || i != len || t.y < 1900 ||
	    t.m < 1 || t.m > 12 || t.d < 1 ||
	    (unsigned)t.d > month_days(t.y, (unsigned)t.m))
		return -1;
	if (t.pm >= 0 && t.hh >= 0) {
		if (t.pm == 2)
			return -1;
		t.hh = t.hh % 12 + (t.pm ? 12 : 0);
	}
	if (t.hh < 0) {
		if (t.mi >= 0 || t.ss >= 0)
			return -1;
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", t.y, t.m, t.d);
		rel_strlcpy(buf, tmp, REL_DATETIME_LEN);
		return 0;
	}
	if (t.hh > 23 || t.mi > 59 || t.ss > 59)
		return -1;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d", t.y, t.m,
	    t.d, t.hh, t.mi < 0 ? 0 : t.mi, t.ss < 0 ? 0 : t.ss);
	rel_strlcpy(buf, tmp, REL_DATETIME_LEN);
	return 0;
}
