/*
 * time.h: ISO 8601 dates and date-times, and spans such as 14d or 6w.
 *
 * Dates are counted in days since 1970-01-01 (proleptic Gregorian) and
 * date-times in seconds since 1970-01-01T00:00:00, both in the school's
 * local wall-clock time: rel stores no time zone. A date-time input with an
 * offset (Z, +02:00) is converted to local time.
 *
 * "Now" is the system clock unless $REL_NOW holds an ISO date-time, which
 * makes tests and the demo reproducible.
 */
#ifndef REL_TIME_H
#define REL_TIME_H

#include <stddef.h>
#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"

/* Buffer sizes for formatted values, NUL included. */
#define REL_DATE_LEN 11		/* YYYY-MM-DD */
#define REL_DATETIME_LEN 20	/* YYYY-MM-DDTHH:MM:SS */

/* Parse YYYY-MM-DD strictly (real calendar dates, years 1900-9999).
 * Returns 0 and sets *days, or -1. */
REL_API int rel_date_parse(const char *s, size_t len, int32_t *days);
/* Parse a date-time: YYYY-MM-DD, then optionally T or one space, HH:MM,
 * optional :SS, optional fraction (dropped), optional Z or +HH:MM/-HH:MM.
 * A bare date means midnight. Returns 0 and sets *secs, or -1. */
REL_API int rel_datetime_parse(const char *s, size_t len, int64_t *secs);
/* Parse a date, or a span back from today: Nd, Nw, Nm (months), Ny,
 * "today", "yesterday". "14d" is the date 14 days before today. Returns 0
 * and sets *days, or -1. */
REL_API int rel_when_parse(const char *s, size_t len, int32_t *days);

/* An explicit date format (--date-format), strptime-like but fixed and
 * locale-free: %Y %y %m %d %e %H %I %M %S %p %b %B %F %T %% (rel-records(5)).
 * check: 0, or 64 with e set when fmt is not one rel reads. parse: s read
 * by fmt into buf (REL_DATETIME_LEN) as YYYY-MM-DDTHH:MM:SS, or as
 * YYYY-MM-DD when s stops before fmt's time; 0, or -1 if it does not
 * match or is no real date. */
REL_API int rel_datefmt_check(const char *fmt, struct rel_err *e);
REL_API int rel_datefmt_parse(const char *fmt, const char *s, size_t len,
    char *buf);

/* Format days as YYYY-MM-DD into buf (REL_DATE_LEN). */
REL_API void rel_date_format(int32_t days, char *buf);
/* Format secs as YYYY-MM-DDTHH:MM:SS into buf (REL_DATETIME_LEN). */
REL_API void rel_datetime_format(int64_t secs, char *buf);

/* Days from a civil date, and back. month 1-12, day 1-31. */
REL_API int32_t rel_days_from_civil(int y, unsigned m, unsigned d);
REL_API void rel_civil_from_days(int32_t days, int *y, unsigned *m,
    unsigned *d);
/* 0 Monday ... 6 Sunday. */
REL_API int rel_weekday(int32_t days);

/* Local time now, in seconds (honours $REL_NOW), and today's date. */
REL_API int64_t rel_now(void);
REL_API int32_t rel_today(void);
/* rel_now() as YYYY-MM-DDTHH:MM:SS, worked out at most once per second of
 * the system clock: cheap enough to stamp every row of a large import. */
REL_API const char *rel_now_text(void);

/* A time given as an option (--at, --since, --until): a date-time, a
 * date, or a span back from today (14d, 6w, today). A date or span means
 * its midnight, or with end set the midnight after it, so that --until
 * 2026-11-20 includes that day. Returns 0, or 64 naming opt. */
REL_API int rel_time_opt(const char *opt, const char *s, int end,
    int64_t *secs, struct rel_err *e);

#endif
