-- schema.sql: the rel database, as numbered migrations.
--
-- Each "-- migration N" section runs once, in its own transaction, and
-- PRAGMA user_version then records N. Never edit a released migration:
-- add a new one. Tables are STRICT; external ids are unique TEXT and joins
-- use integer rowids. Nothing here is assembled from input.

-- migration 1
CREATE TABLE student (
	id INTEGER PRIMARY KEY,
	student_id TEXT NOT NULL UNIQUE CHECK (length(student_id) BETWEEN 1 AND 64),
	given_name TEXT NOT NULL CHECK (given_name <> ''),
	family_name TEXT NOT NULL CHECK (family_name <> ''),
	preferred_name TEXT,
	pronouns TEXT,
	grade TEXT,
	home_language TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX student_grade ON student (grade);

CREATE TABLE adult (
	id INTEGER PRIMARY KEY,
	adult_id TEXT NOT NULL UNIQUE CHECK (length(adult_id) BETWEEN 1 AND 64),
	given_name TEXT NOT NULL CHECK (given_name <> ''),
	family_name TEXT NOT NULL CHECK (family_name <> ''),
	email TEXT,
	role TEXT NOT NULL DEFAULT 'teacher' CHECK (role IN
	    ('teacher', 'counselor', 'advisor', 'coach', 'admin', 'staff')),
	login TEXT UNIQUE,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at TEXT NOT NULL
) STRICT;

-- "group" is an SQL keyword, hence grp.
CREATE TABLE grp (
	id INTEGER PRIMARY KEY,
	group_id TEXT NOT NULL UNIQUE CHECK (length(group_id) BETWEEN 1 AND 64),
	name TEXT NOT NULL CHECK (name <> ''),
	kind TEXT NOT NULL DEFAULT 'class' CHECK (kind IN
	    ('class', 'advisory', 'team', 'club', 'other')),
	lead_adult INTEGER REFERENCES adult (id),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX grp_lead ON grp (lead_adult);

CREATE TABLE member (
	id INTEGER PRIMARY KEY,
	grp INTEGER NOT NULL REFERENCES grp (id),
	student INTEGER REFERENCES student (id),
	adult INTEGER REFERENCES adult (id),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at TEXT NOT NULL,
	CHECK ((student IS NULL) <> (adult IS NULL))
) STRICT;
CREATE UNIQUE INDEX member_grp_student ON member (grp, student)
    WHERE student IS NOT NULL;
CREATE UNIQUE INDEX member_grp_adult ON member (grp, adult)
    WHERE adult IS NOT NULL;
CREATE INDEX member_student ON member (student);
CREATE INDEX member_adult ON member (adult);

-- migration 2
-- Settings of this database: when it was made, the sample it holds, and
-- (in later migrations) rule thresholds and keys.
CREATE TABLE setting (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- migration 3
-- The relationship map. A connection holds an adult's current (highest)
-- strength with a student; connection_event keeps every mark with its
-- date, so coverage can be computed as of any day. primary_adult keeps
-- every primary adult a student has had; the current one has no end_at.
CREATE TABLE connection (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	adult INTEGER NOT NULL REFERENCES adult (id),
	strength INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 3),
	at TEXT NOT NULL,
	note TEXT,
	updated_at TEXT NOT NULL,
	UNIQUE (student, adult)
) STRICT;
CREATE INDEX connection_adult ON connection (adult);

CREATE TABLE connection_event (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	adult INTEGER NOT NULL REFERENCES adult (id),
	strength INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 3),
	at TEXT NOT NULL,
	note TEXT
) STRICT;
CREATE INDEX connection_event_pair ON connection_event (student, adult, at);

CREATE TABLE primary_adult (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	adult INTEGER NOT NULL REFERENCES adult (id),
	start_at TEXT NOT NULL,
	end_at TEXT,
	CHECK (end_at IS NULL OR end_at >= start_at)
) STRICT;
CREATE UNIQUE INDEX primary_adult_current ON primary_adult (student)
    WHERE end_at IS NULL;
CREATE INDEX primary_adult_adult ON primary_adult (adult);

-- migration 4
-- Check-ins are the table that grows: a daily check-in across a district
-- is tens of millions of rows. So rows are compact and keys are integers:
-- at is seconds since 1970-01-01T00:00 in school-local time, truncated to
-- the minute; kind and visibility are small codes (rel-records(5):
-- kind 0 checkin, 1 exit_ticket, 2 greeting, 3 conference; visibility
-- 0 staff, 1 team, 2 private). The table is appended in arrival order
-- and one unique index serves both the per-student window reads
-- (student, at) and the duplicate rule: the same student, adult, kind and
-- minute is the same check-in. (Migration 13 makes the two one table,
-- clustered on that key.)
CREATE TABLE checkin (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	at INTEGER NOT NULL CHECK (at % 60 = 0),
	adult INTEGER REFERENCES adult (id),
	kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 3),
	mood INTEGER CHECK (mood BETWEEN 1 AND 5),
	understanding INTEGER CHECK (understanding BETWEEN 1 AND 5),
	workload INTEGER CHECK (workload BETWEEN 1 AND 5),
	note TEXT,
	visibility INTEGER NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2)
) STRICT;
CREATE UNIQUE INDEX checkin_student_at ON checkin
    (student, at, kind, ifnull(adult, 0));

-- migration 5
-- The profile of a student as a person: one row per item. An item that
-- is no longer true is retired (retired_at set), never deleted; at most
-- one current item has the same student, kind and value.
CREATE TABLE profile_item (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	kind TEXT NOT NULL CHECK (kind IN ('strength', 'interest',
	    'motivation', 'identity', 'language', 'learns_best', 'worry',
	    'support')),
	value TEXT NOT NULL CHECK (value <> ''),
	source TEXT NOT NULL DEFAULT 'adult' CHECK (source IN ('student',
	    'family', 'adult', 'assessment')),
	at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	visibility INTEGER NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2),
	retired_at TEXT,
	retired_by INTEGER REFERENCES adult (id),
	CHECK (retired_at IS NULL OR retired_at >= at)
) STRICT;
CREATE UNIQUE INDEX profile_item_current ON profile_item (student, kind, value)
    WHERE retired_at IS NULL;
CREATE INDEX profile_item_student ON profile_item (student, at);
CREATE INDEX profile_item_adult ON profile_item (adult);

-- migration 6
-- Notes: affirmations, feedback, observations, concerns, and an adult's
-- own gratitude entries (which alone may have no student).
CREATE TABLE note (
	id INTEGER PRIMARY KEY,
	student INTEGER REFERENCES student (id),
	at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	kind TEXT NOT NULL CHECK (kind IN ('affirmation', 'feedback',
	    'observation', 'concern', 'gratitude')),
	text TEXT NOT NULL CHECK (text <> ''),
	visibility INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
	CHECK (student IS NOT NULL OR kind = 'gratitude'),
	CHECK (student IS NOT NULL OR adult IS NOT NULL)
) STRICT;
CREATE INDEX note_student ON note (student, at);
CREATE INDEX note_adult ON note (adult, at);

-- migration 7
-- The audit log: who read or took what, and why. Append-only: the library
-- refuses UPDATE and DELETE on these tables (an authorizer on every
-- connection it opens), and these triggers refuse them for any other
-- program. students is how many students the access touched; which ones
-- are the audit_student rows. detail says what was read (for a purge, the
-- counts deleted; never the records).
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	command TEXT NOT NULL CHECK (command <> ''),
	args TEXT NOT NULL,
	purpose TEXT,
	students INTEGER NOT NULL DEFAULT 0 CHECK (students >= 0),
	detail TEXT
) STRICT;
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_adult ON audit (adult, at);

CREATE TABLE audit_student (
	audit INTEGER NOT NULL REFERENCES audit (id),
	student INTEGER NOT NULL REFERENCES student (id),
	PRIMARY KEY (audit, student)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_student_student ON audit_student (student, audit);

-- Every record written carries its author: who marked a connection and
-- who assigned a primary adult (the acting adult; empty for rows written
-- before this migration, or with no acting adult).
ALTER TABLE connection_event ADD COLUMN by_adult INTEGER REFERENCES adult (id);
ALTER TABLE primary_adult ADD COLUMN by_adult INTEGER REFERENCES adult (id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_student_no_update BEFORE UPDATE ON audit_student
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_student_no_delete BEFORE DELETE ON audit_student
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- migration 8
-- Family contacts, in both directions. at is a date-time to the minute
-- (seconds :00), so that one unique index is the duplicate rule: the
-- same student, adult, channel, direction and minute is the same
-- contact. A follow-up is a date (follow_up_on); it is done when a later
-- contact with the same student's family is recorded. tone is what
-- rel-family quiet and the positive-to-concern balance read.
CREATE TABLE family_contact (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	channel TEXT NOT NULL CHECK (channel IN ('call', 'text', 'email',
	    'letter', 'home_visit', 'meeting', 'conference', 'workshop',
	    'event')),
	direction TEXT NOT NULL CHECK (direction IN ('to_home', 'from_home')),
	tone TEXT NOT NULL DEFAULT 'neutral' CHECK (tone IN ('positive',
	    'neutral', 'concern')),
	contact_name TEXT,
	relationship TEXT,
	language TEXT,
	summary TEXT,
	follow_up_on TEXT,
	visibility INTEGER NOT NULL DEFAULT 2 CHECK (visibility BETWEEN 0 AND 2),
	CHECK (follow_up_on IS NULL OR follow_up_on >= substr(at, 1, 10))
) STRICT;
CREATE UNIQUE INDEX family_contact_student_at ON family_contact
    (student, at, channel, direction, ifnull(adult, 0));
CREATE INDEX family_contact_adult ON family_contact (adult, at);
CREATE INDEX family_contact_follow_up ON family_contact (follow_up_on)
    WHERE follow_up_on IS NOT NULL;

-- migration 9
-- Goals and support plans (kind 'support': a tier, a champion, the
-- strategies, a cadence of progress checks) with their progress notes.
-- goal_id is the external id (made as G1, G2, ... when not given). start
-- and due are dates; a support's due is the end of its duration.
-- check_every is the cadence in days. A goal is closed once: status
-- leaves 'open' with closed_at and an outcome. Progress rows take the
-- visibility of their goal.
CREATE TABLE goal (
	id INTEGER PRIMARY KEY,
	goal_id TEXT NOT NULL UNIQUE CHECK (goal_id <> ''),
	student INTEGER NOT NULL REFERENCES student (id),
	kind TEXT NOT NULL DEFAULT 'goal' CHECK (kind IN ('goal', 'support')),
	area TEXT NOT NULL DEFAULT 'other' CHECK (area IN ('academic',
	    'attendance', 'social', 'emotional', 'behaviour', 'family',
	    'other')),
	text TEXT NOT NULL CHECK (text <> ''),
	set_by TEXT NOT NULL DEFAULT 'adult' CHECK (set_by IN ('student',
	    'family', 'adult', 'team')),
	champion INTEGER REFERENCES adult (id),
	tier INTEGER CHECK (tier BETWEEN 1 AND 3),
	strategies TEXT,
	start TEXT NOT NULL,
	due TEXT,
	check_every INTEGER CHECK (check_every > 0),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met',
	    'closed', 'dropped')),
	outcome TEXT,
	closed_at TEXT,
	at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	visibility INTEGER NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2),
	CHECK (due IS NULL OR due >= start),
	CHECK ((status = 'open') = (closed_at IS NULL))
) STRICT;
CREATE INDEX goal_student ON goal (student, status);
CREATE INDEX goal_champion ON goal (champion) WHERE champion IS NOT NULL;

CREATE TABLE progress (
	id INTEGER PRIMARY KEY,
	goal INTEGER NOT NULL REFERENCES goal (id),
	at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	rating INTEGER CHECK (rating BETWEEN 1 AND 5),
	note TEXT,
	CHECK (rating IS NOT NULL OR note IS NOT NULL)
) STRICT;
CREATE INDEX progress_goal ON progress (goal, at);

-- migration 10
-- Restorative cases and their parties (students and adults, each with a
-- role). case_id is the external id (made as R1, R2, ... when not
-- given). A case is private by default: it names a harm. Who may see a
-- case is REL_SEES_CASE (lib/internal.h): its author, counselors and
-- admins, the adults who are its parties, and for a team case the teams
-- of its student parties.
CREATE TABLE restorative_case (
	id INTEGER PRIMARY KEY,
	case_id TEXT NOT NULL UNIQUE CHECK (case_id <> ''),
	opened_at TEXT NOT NULL,
	adult INTEGER REFERENCES adult (id),
	kind TEXT NOT NULL DEFAULT 'harm' CHECK (kind IN ('harm', 'conflict',
	    'circle', 'reentry')),
	summary TEXT,
	agreement TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
	    'circle_held', 'agreement', 'repaired', 'closed')),
	follow_up_on TEXT,
	closed_at TEXT,
	visibility INTEGER NOT NULL DEFAULT 2 CHECK (visibility BETWEEN 0 AND 2),
	CHECK (follow_up_on IS NULL OR follow_up_on >= substr(opened_at, 1, 10)),
	CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX restorative_case_status ON restorative_case (status,
    follow_up_on);

CREATE TABLE party (
	id INTEGER PRIMARY KEY,
	rcase INTEGER NOT NULL REFERENCES restorative_case (id),
	student INTEGER REFERENCES student (id),
	adult INTEGER REFERENCES adult (id),
	role TEXT NOT NULL CHECK (role IN ('harmed', 'responsible',
	    'affected', 'supporter', 'facilitator')),
	CHECK ((student IS NULL) <> (adult IS NULL))
) STRICT;
CREATE UNIQUE INDEX party_case_student ON party (rcase, student)
    WHERE student IS NOT NULL;
CREATE UNIQUE INDEX party_case_adult ON party (rcase, adult)
    WHERE adult IS NOT NULL;
CREATE INDEX party_student ON party (student) WHERE student IS NOT NULL;
CREATE INDEX party_adult ON party (adult) WHERE adult IS NOT NULL;

-- migration 11
-- Indicators from other systems: dated numbers per student. attendance is
-- 1 (present), 0 (absent) or the fraction of a partial day; the others
-- (participation, course grades, survey scales such as belonging) are
-- any finite number on the scale of their source. name is a lowercase
-- word. One value per student, name and day: importing it again replaces
-- it. Indicators carry no visibility of their own: counselors, admins
-- and the student's team read them (REL_TEAM). The key is the order every
-- rule and summary reads them in (one student's window of one name).
CREATE TABLE indicator (
	student INTEGER NOT NULL REFERENCES student (id),
	name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	day TEXT NOT NULL CHECK (length(day) = 10),
	value REAL NOT NULL,
	source TEXT,
	CHECK (name <> 'attendance' OR value BETWEEN 0 AND 1),
	PRIMARY KEY (student, name, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX indicator_name_day ON indicator (name, day);

-- rel-flag's no_adult rule reads each student's primary adults, past
-- ones included (as of a day), through this index.
CREATE INDEX primary_adult_student ON primary_adult (student, start_at);

-- migration 12
-- Students' email and login, so that exports of online forms, which name
-- a student by their school account, can be imported (--student-from
-- email). Each is unique; emails compare without case.
ALTER TABLE student ADD COLUMN email TEXT;
ALTER TABLE student ADD COLUMN login TEXT;
CREATE UNIQUE INDEX student_email ON student (email COLLATE NOCASE)
    WHERE email IS NOT NULL;
CREATE UNIQUE INDEX student_login ON student (login) WHERE login IS NOT NULL;

-- A student's parents and guardians, as the school's information system
-- knows them (OneRoster users of role parent, guardian or relative).
-- guardian_id is that system's id for the person; one row per student
-- they are linked to. A family contact recorded without a contact name
-- takes the name of the student's one guardian (of its relationship,
-- when given).
CREATE TABLE guardian (
	id INTEGER PRIMARY KEY,
	student INTEGER NOT NULL REFERENCES student (id),
	guardian_id TEXT NOT NULL CHECK (length(guardian_id) BETWEEN 1 AND 64),
	name TEXT NOT NULL CHECK (name <> ''),
	relationship TEXT NOT NULL CHECK (relationship IN ('parent',
	    'guardian', 'relative')),
	email TEXT,
	phone TEXT,
	sms TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at TEXT NOT NULL,
	UNIQUE (student, guardian_id)
) STRICT;
CREATE INDEX guardian_id ON guardian (guardian_id);

-- What each OneRoster sourcedId became, so that a delta file, or an
-- enrollment of a user imported the night before, finds its record, and
-- a bulk file can deactivate what it no longer lists. type is the
-- OneRoster file (user, class, enrollment); kind what rel made of it
-- (student, adult, guardian, group, member); rel_id its id (for a member,
-- the group) and member_id the member's; scope the --school the import
-- was limited to ('' for none).
CREATE TABLE oneroster (
	type TEXT NOT NULL CHECK (type IN ('user', 'class', 'enrollment')),
	sourced_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('student', 'adult', 'guardian',
	    'group', 'member')),
	rel_id TEXT NOT NULL,
	member_id TEXT,
	member_kind TEXT,
	scope TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (type, sourced_id)
) STRICT, WITHOUT ROWID;

-- migration 13
-- Check-ins are kept in the order the reads want them: the table is
-- clustered on (student, at, kind, adult_key), WITHOUT ROWID, so that a
-- student's check-ins are one run of leaf pages holding whole rows. The
-- rules that read a student's last moods (rel-flag's mood_drop, the
-- card) then read the rows themselves, where the (student, at) index
-- of migration 4 found each row and then sought it in a table kept in
-- arrival order: a seek per row, most of rel-flag's time at 100,000
-- students. One b-tree is also one write per row, not two, at import.
-- The key holds no NULL, so a check-in with no adult has adult_key 0;
-- adult stays the reference (NULL for none), and a CHECK ties the two.
-- The key is the duplicate rule, as the unique index was: the same
-- student, adult, kind and minute is the same check-in.
CREATE TABLE checkin_new (
	student INTEGER NOT NULL REFERENCES student (id),
	at INTEGER NOT NULL CHECK (at % 60 = 0),
	adult INTEGER REFERENCES adult (id),
	kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 3),
	mood INTEGER CHECK (mood BETWEEN 1 AND 5),
	understanding INTEGER CHECK (understanding BETWEEN 1 AND 5),
	workload INTEGER CHECK (workload BETWEEN 1 AND 5),
	note TEXT,
	visibility INTEGER NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2),
	adult_key INTEGER NOT NULL CHECK (adult_key = ifnull(adult, 0)),
	PRIMARY KEY (student, at, kind, adult_key)
) STRICT, WITHOUT ROWID;
INSERT INTO checkin_new (student, at, adult, kind, mood, understanding,
    workload, note, visibility, adult_key)
    SELECT student, at, adult, kind, mood, understanding, workload, note,
    visibility, ifnull(adult, 0) FROM checkin
    ORDER BY student, at, kind, ifnull(adult, 0);
DROP TABLE checkin;
ALTER TABLE checkin_new RENAME TO checkin;

-- rel-flag's concerns rule counts each student's concern notes in a
-- window: this index holds them alone, with what visibility needs.
CREATE INDEX note_concern ON note (student, at, visibility, adult)
    WHERE kind = 'concern';

-- migration 14
-- The audit log cannot be rewritten unseen. The triggers of migration 7
-- refuse UPDATE and DELETE, but not INSERT OR REPLACE of an existing id,
-- which deletes the old row without firing them. So a new audit row may
-- reuse no id (BEFORE INSERT: SQLite runs it before REPLACE resolves the
-- conflict, so recursive_triggers is not needed) and must be the newest
-- (AFTER INSERT: before the insert an id the writer left to SQLite is not
-- known yet). Its audit_student rows name the newest audit row, before it
-- is sealed; and each audit row is sealed by an audit_hash row.
--
-- The seal is a hash chain (rel-init(1) check recomputes it): hash is
-- BLAKE2b-256 over the seal of the audit row before it and the row's own
-- columns and students, as rel_audit_link() computes it (lib/chain.c).
-- The rows already here are sealed now, in id order, by the window
-- function rel_audit_chain(), the running form of the same link. Both
-- are functions of the library's connections, so a database this rel
-- did not open cannot run this migration.
CREATE TABLE audit_hash (
	audit INTEGER PRIMARY KEY REFERENCES audit (id),
	hash BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
INSERT INTO audit_hash (audit, hash)
    SELECT u.id, rel_audit_chain(u.id, u.at, u.adult, u.command, u.args,
    u.purpose, u.students, u.detail, (SELECT group_concat(x.student)
    FROM (SELECT student FROM audit_student WHERE audit = u.id
    ORDER BY student) AS x)) OVER (ORDER BY u.id ROWS BETWEEN UNBOUNDED
    PRECEDING AND CURRENT ROW)
    FROM audit u ORDER BY u.id;

CREATE TRIGGER audit_no_reuse BEFORE INSERT ON audit
WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_newest AFTER INSERT ON audit
WHEN NEW.id < 1 OR NEW.id <> (SELECT max(id) FROM audit)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_student_newest BEFORE INSERT ON audit_student
WHEN NEW.audit IS NOT (SELECT max(id) FROM audit)
    OR EXISTS (SELECT 1 FROM audit_hash WHERE audit = NEW.audit)
    OR EXISTS (SELECT 1 FROM audit_student WHERE audit = NEW.audit
    AND student = NEW.student)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_hash_newest BEFORE INSERT ON audit_hash
WHEN NEW.audit IS NOT (SELECT max(id) FROM audit)
    OR EXISTS (SELECT 1 FROM audit_hash WHERE audit = NEW.audit)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_hash_no_update BEFORE UPDATE ON audit_hash
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_hash_no_delete BEFORE DELETE ON audit_hash
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
