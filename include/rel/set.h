/*
 * set.h: the student set of the pipe protocol.
 *
 * When standard input is a pipe, a socket or a regular file, it is read as
 * CSV with a student_id column (other columns ignored) into the temporary
 * table temp.rel_set(id INTEGER PRIMARY KEY) of student rowids. Otherwise
 * (a terminal, or /dev/null under cron) there is no set and commands work
 * on every active student. Empty input is an empty set.
 */
#ifndef REL_SET_H
#define REL_SET_H

#include <stdio.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"

/* Does this stream carry a student set (pipe, socket or regular file)? */
REL_API int rel_set_wanted(FILE *fp);
/* Load the set from fp (named name in messages) into temp.rel_set.
 * An unknown student_id is 65. *count gets the number of students. */
REL_API int rel_set_load(struct rel_db *db, FILE *fp, const char *name,
    long *count, struct rel_err *e);
/* Load from stdin if rel_set_wanted(stdin); *active says whether a set is
 * in force. An empty stdin (no header) is the empty set, with a warning:
 * it is what cron gives a job, and what a failed command leaves. */
REL_API int rel_set_stdin(struct rel_db *db, int *active, struct rel_err *e);

#endif
