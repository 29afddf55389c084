/*
 * err.c: error values and the one place that prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *progname = "rel";

void
rel_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash ? slash + 1 : argv0;
}

const char *
rel_getprogname(void)
{
	return progname;
}

void
rel_err_clear(struct rel_err *e)
{
	e->code = 0;
	e->file[0] = '\0';
	e->line = 0;
	e->column[0] = '\0';
	e->msg[0] = '\0';
}

static void
setpos(struct rel_err *e, int code, const char *file, long line,
    const char *column)
{
	e->code = code;
	rel_strlcpy(e->file, file ? file : "", sizeof(e->file));
	e->line = line;
	rel_strlcpy(e->column, column ? column : "", sizeof(e->column));
}

int
rel_err_set(struct rel_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	setpos(e, code, NULL, 0, NULL);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
rel_err_at(struct rel_err *e, int code, const char *file, long line,
    const char *column, const char *fmt, ...)
{
	va_list ap;

	setpos(e, code, file, line, column);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
rel_err_value(struct rel_err *e, int code, const char *file, long line,
    const char *column, const char *val, size_t len, const char *fmt, ...)
{
	char q[256];
	size_t off;
	va_list ap;

	setpos(e, code, file, line, column);
	rel_escape(q, sizeof(q), val, len);
	off = (size_t)snprintf(e->msg, sizeof(e->msg), "\"%s\" ", q);
	if (off >= sizeof(e->msg))
		return code;
	va_start(ap, fmt);
	vsnprintf(e->msg + off, sizeof(e->msg) - off, fmt, ap);
	va_end(ap);
	return code;
}

/* Echoed data must not move the cursor, ring the bell or hide itself, so
 * control bytes, quotes and backslashes become C-style escapes. Valid
 * UTF-8 passes through; anything else is shown as \xHH. */
void
rel_escape(char *dst, size_t n, const char *s, size_t len)
{
	const size_t shown = 60;	/* characters before "..." */
	size_t i = 0, o = 0, chars = 0;
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return;
	if (s == NULL)
		len = 0;
	while (i < len && o + 8 < n) {
		unsigned char c = u[i];
		size_t k;

		if (chars == shown) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		chars++;
		if (c >= 0x80) {
			k = rel_utf8_valid(s + i, len - i > 4 ? 4 : len - i);
			if (k == 0) {
				o += (size_t)snprintf(dst + o, n - o, "\\x%02X", c);
				i++;
				continue;
			}
			/* rel_utf8_valid gave the valid prefix; take one
			 * whole character of it. */
			k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (i + k > len || rel_utf8_valid(s + i, k) != k) {
				o += (size_t)snprintf(dst + o, n - o, "\\x%02X", c);
				i++;
				continue;
			}
			memcpy(dst + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		switch (c) {
		case '\n': memcpy(dst + o, "\\n", 2); o += 2; break;
		case '\r': memcpy(dst + o, "\\r", 2); o += 2; break;
		case '\t': memcpy(dst + o, "\\t", 2); o += 2; break;
		case '"': memcpy(dst + o, "\\\"", 2); o += 2; break;
		case '\\': memcpy(dst + o, "\\\\", 2); o += 2; break;
		default:
			if (c < 0x20 || c == 0x7F)
				o += (size_t)snprintf(dst + o, n - o, "\\x%02X", c);
			else
				dst[o++] = (char)c;
		}
		i++;
	}
	if (i < len && o + 3 < n && (o < 3 || memcmp(dst + o - 3, "...", 3) != 0)) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
}

void
rel_err_format(const struct rel_err *e, char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	if (e->file[0] != '\0') {
		if (e->line > 0)
			o += (size_t)snprintf(buf + o, n - o, "%s:%ld: ",
			    e->file, e->line);
		else
			o += (size_t)snprintf(buf + o, n - o, "%s: ", e->file);
	}
	if (o < n && e->column[0] != '\0')
		o += (size_t)snprintf(buf + o, n - o, "%s: ", e->column);
	if (o < n)
		snprintf(buf + o, n - o, "%s", e->msg);
}

void
rel_err_print(const struct rel_err *e)
{
	char buf[2048];

	rel_err_format(e, buf, sizeof(buf));
	fprintf(stderr, "%s: %s\n", progname, buf);
}

void
rel_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
rel_status_errno(int errnum, int fallback)
{
	switch (errnum) {
	case ENOENT:
	case ENOTDIR:
		return REL_ENOINPUT;
	case EACCES:
	case EPERM:
	case EROFS:
		return REL_EPERM;
	case EIO:
	case ENOSPC:
	case EFBIG:
	case EPIPE:
		return REL_EIO;
	default:
		return fallback;
	}
}
