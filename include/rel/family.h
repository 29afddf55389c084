/*
 * family.h: contacts with students' families, in both directions, with
 * their follow-ups.
 *
 * Columns (rel-records(5)), for import and for list alike:
 *   family_contact: student_id* at* adult_id channel* direction* tone
 *                   contact_name relationship language summary
 *                   follow_up_on visibility
 * channel: call, text, email, letter, home_visit, meeting, conference,
 * workshop, event. direction: to_home, from_home. tone: positive,
 * neutral (the default), concern. at is kept to the minute: the same
 * student, adult, channel, direction and minute is the same contact, and
 * writing it again is a duplicate (REL_DUPLICATE). follow_up_on is a date
 * on or after the contact's; the follow-up is done once a later contact
 * with the student's family is recorded. adult_id defaults to the acting
 * adult; visibility to private.
 *
 * Every read counts only the contacts the acting adult may see (REL_SEES):
 * a follow-up is open, and a family quiet, as far as they can tell.
 */
#ifndef REL_FAMILY_H
#define REL_FAMILY_H

#include <stdint.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/import.h"
#include "rel/record.h"

/* The filters of a list: the shared ones (student, adult, since, until,
 * set, inactive; kind, source, last and history do not apply), and a
 * channel, direction and tone (NULL: any; 64 if not one). */
struct rel_family_filter {
	struct rel_filter f;
	const char *channel;
	const char *direction;
	const char *tone;
};

/* No filter at all. */
REL_API void rel_family_filter_init(struct rel_family_filter *ff);

REL_API const struct rel_import_kind *rel_family_kind(void);
/* Column names of rel_family_list: the import columns. */
REL_API const char *const *rel_family_cols(size_t *n);

/* The contacts matching ff, by student_id, then at. Deactivated students'
 * contacts only when ff->f.inactive is set, the student is named, or a
 * set is in force. */
REL_API int rel_family_list(struct rel_db *db,
    const struct rel_family_filter *ff, struct rel_out *o,
    struct rel_err *e);

/* The same contacts summed up per student: student_id given_name
 * family_name contacts positive neutral concern to_home from_home
 * last_at last_positive_at balance, where balance is positive / concern
 * to one decimal (empty with no concern). Only students with a contact. */
REL_API const char *const *rel_family_summary_cols(size_t *n);
REL_API int rel_family_summary(struct rel_db *db,
    const struct rel_family_filter *ff, struct rel_out *o,
    struct rel_err *e);

/* Whose follow-ups rel_family_due lists. */
enum rel_family_whose {
	REL_FAMILY_MINE,	/* the acting adult's (64 with none) */
	REL_FAMILY_ADULT,	/* adult's */
	REL_FAMILY_ALL		/* everyone's */
};
/* The open follow-ups due on or before day on (days since 1970): the
 * contacts with a follow_up_on up to it and no later contact with the
 * same student's family, of active students (in the set when set):
 * student_id given_name family_name follow_up_on days_overdue at
 * adult_id channel tone contact_name relationship language summary,
 * days_overdue counted to today (negative: not yet due). By
 * follow_up_on, then student_id. An unknown adult is 65. */
REL_API const char *const *rel_family_due_cols(size_t *n);
REL_API int rel_family_due(struct rel_db *db, enum rel_family_whose whose,
    const char *adult, int32_t on, int set, struct rel_out *o,
    struct rel_err *e);

/* The active students (in the set when set) whose family has had no
 * contact at or after since, or only concerns: student_id given_name
 * family_name grade last_contact_at last_positive_at contacts_in_window
 * concerns_in_window reason (none or concern_only). The last two dates
 * are over all time. Never contacted first, then the longest quiet. */
REL_API const char *const *rel_family_quiet_cols(size_t *n);
REL_API int rel_family_quiet(struct rel_db *db, int64_t since, int set,
    struct rel_out *o, struct rel_err *e);

/* The students' parents and guardians as the information system lists
 * them (rel-roster import --oneroster): student_id guardian_id name
 * relationship email phone sms active, by student then name; active
 * ones only unless all. Only the students the acting adult works with
 * (their team; counselors and admins: every student). */
REL_API const char *const *rel_family_guardian_cols(size_t *n);
REL_API int rel_family_guardians(struct rel_db *db, int set, int all,
    struct rel_out *o, struct rel_err *e);

/* A date given as an option (--follow-up, --on), ahead of today when a
 * span: YYYY-MM-DD, today, tomorrow, Nd, Nw or Nm (N days, weeks or
 * months from today). 64 naming opt if not one. */
REL_API int rel_family_ahead(const char *opt, const char *s, int32_t *days,
    struct rel_err *e);

#endif
