/*
 * err.h: errors as values. Library functions fill a struct rel_err and
 * return its code; only commands print, through rel_err_print().
 */
#ifndef REL_ERR_H
#define REL_ERR_H

#include <stdarg.h>
#include <stddef.h>
#include "rel/base.h"

/* An error: exit status, where in the input it happened, and why. */
struct rel_err {
	int code;		/* an enum rel_status; 0 means no error */
	char file[256];		/* input name ("-" is shown as "stdin"), or "" */
	long line;		/* 1-based line in file, or 0 */
	char column[64];	/* column or option name, or "" */
	char msg[1024];		/* what was found and what was expected */
};

/* Reset e to "no error". */
REL_API void rel_err_clear(struct rel_err *e);
/* Set code and message (printf-style); position cleared. Returns code. */
REL_API int rel_err_set(struct rel_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Set code, position and message. file or column may be NULL. Returns code. */
REL_API int rel_err_at(struct rel_err *e, int code, const char *file,
    long line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Like rel_err_at, with the message prefixed by the quoted, escaped value. */
REL_API int rel_err_value(struct rel_err *e, int code, const char *file,
    long line, const char *column, const char *val, size_t len,
    const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* Quote s for a message: control bytes and bad UTF-8 escaped, long values
 * shortened with "...". Always NUL-terminates dst (n > 0). */
REL_API void rel_escape(char *dst, size_t n, const char *s, size_t len);

/* Render "file:line: column: msg" (the parts that are set) into buf. */
REL_API void rel_err_format(const struct rel_err *e, char *buf, size_t n);
/* Print "prog: file:line: column: msg" on stderr. */
REL_API void rel_err_print(const struct rel_err *e);
/* Print "prog: msg" on stderr (a warning or a note). */
REL_API void rel_warn(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* The program name used in messages (basename of argv[0]). */
REL_API void rel_setprogname(const char *argv0);
REL_API const char *rel_getprogname(void);

/* Map an errno value to an exit status (ENOENT -> 66, EACCES -> 77, ...). */
REL_API int rel_status_errno(int errnum, int fallback);

#endif
