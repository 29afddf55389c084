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
