/*
 * set.c: the student set read from standard input (see set.h).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>

#include "internal.h"

int
rel_set_wanted(FILE *fp)
{
	struct stat sb;

	if (fstat(fileno(fp), &sb) != 0)
		return 0;
	return S_ISFIFO(sb.st_mode) || S_ISREG(sb.st_mode) ||
	    S_ISSOCK(sb.st_mode);
}

int
rel_set_load(struct rel_db *db, FILE *fp, const char *name, long *count,
    struct rel_err *e)
{
	static const struct rel_csv_col cols[] = { { "student_id", REL_COL_REQUIRED } };
	const struct rel_csv_row *hdr, *row;
	struct rel_csv *r;
	sqlite3_stmt *find, *add;
	int idx, rc;

	*count = 0;
	if ((rc = rel_db_exec(db, "DELETE FROM temp.rel_set", e)) != 0)
		return rc;
	if ((rc = rel_csv_open_fp(&r, fp, name, NULL, e)) != 0)
		return rc;
	rc = rel_csv_header(r, &hdr, e);
	if (rc == REL_CSV_END) {
		rel_csv_close(r);
		return 0;	/* empty input: the empty set */
	}
	if (rc != REL_CSV_ROW) {
		rel_csv_close(r);
		return e->code;
	}
	/* Other columns ride along in a pipe and are ignored. */
	if ((rc = rel_csv_bind(hdr, name, cols, 1, NULL, 1, &idx, e)) != 0) {
		rel_err_at(e, REL_EDATA, name, hdr->line, NULL, "a student set "
		    "needs a student_id column");
		rel_csv_close(r);
		return rc;
	}
	if ((rc = rel_db_stmt(db, "SELECT id FROM student WHERE student_id = ?1",
	    &find, e)) != 0 || (rc = rel_db_stmt(db, "INSERT OR IGNORE INTO "
	    "temp.rel_set (id) VALUES (?1)", &add, e)) != 0) {
		rel_csv_close(r);
		return rc;
	}
	/* Rows go in under a savepoint, a few thousand at a time: a
	 * statement on its own is a transaction of its own, and taking and
	 * dropping the database's locks for each cost most of a long set's
	 * time. The savepoint is let go between chunks so that a slow pipe
	 * does not hold a read snapshot open for long. */
	if ((rc = rel_db_savepoint(db, e)) != 0) {
		rel_csv_close(r);
		return rc;
	}
	while ((rc = rel_csv_next(r, &row, e)) == REL_CSV_ROW) {
		const char *id = row->f[idx];
		size_t len = row->len[idx];
		struct rel_err ignore;

		if (*count > 0 && *count % 4096 == 0 &&
		    ((rc = rel_db_release(db, 0, e)) != 0 ||
		    (rc = rel_db_savepoint(db, e)) != 0)) {
			rel_db_release(db, 1, &ignore);
			rel_csv_close(r);
			return rc;
		}

		sqlite3_bind_text(find, 1, id, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(find);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(find);
			if (rc != SQLITE_DONE)
				rc = rel_db_fail(db, rc, "reading the student set",
				    e);
			else
				rc = rel_err_value(e, REL_EDATA, name, row->line,
				    "student_id", id, len, "is not a known "
				    "student");
			rel_db_release(db, 1, &ignore);
			rel_csv_close(r);
			return rc;
		}
		sqlite3_bind_int64(add, 1, sqlite3_column_int64(find, 0));
		sqlite3_reset(find);
		rc = sqlite3_step(add);
		sqlite3_reset(add);
		if (rc != SQLITE_DONE) {
			rc = rel_db_fail(db, rc, "reading the student set", e);
			rel_db_release(db, 1, &ignore);
			rel_csv_close(r);
			return rc;
		}
		(*count)++;
	}
	rel_csv_close(r);
	if (rc != REL_CSV_END) {
		struct rel_err ignore;

		rel_db_release(db, 1, &ignore);
		return e->code;
	}
	return rel_db_release(db, 0, e);
}

int
rel_set_stdin(struct rel_db *db, int *active, struct rel_err *e)
{
	long n;

	int c;

	*active = rel_set_wanted(stdin);
	if (!*active)
		return 0;
	/* Nothing at all, not even a header, is the empty set too; but it
	 * is also what cron gives a job on standard input, and what a
	 * failed command before the pipe leaves: say so, once. */
	if ((c = getc(stdin)) == EOF)
		rel_warn("standard input is empty, so no students are taken "
		    "(to mean every student, give </dev/null, as under cron)");
	else
		ungetc(c, stdin);
	return rel_set_load(db, stdin, "stdin", &n, e);
}
