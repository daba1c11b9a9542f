-- Programme rounds. The portal ran one consultation on one programme; now every two years has its own round, with
-- its draft programme, its consultation's dates and each inspectorate's capacity for its two programme years. Years
-- become data: the CHECK constraints that named the first round's years go, and every workstream, submission and
-- capacity row names its round (assessments and decisions belong to their submission's). The consultation row that
-- exists becomes the first round, keeping its id, and everything already stored moves into it.
--
-- SQLite cannot drop a constraint, so six tables are rebuilt the way SQLite documents: create the new table, copy,
-- drop the old, rename the new. Migrations run with foreign keys off for that (DatabaseStartup), legacy_alter_table
-- keeps the rename from re-checking triggers of tables not yet rebuilt, and the script ends by refusing itself if it
-- left a foreign key broken. Indexes and triggers on a rebuilt table go with it and are made again below.

PRAGMA legacy_alter_table = ON;

-- One programme round. Its code ("first year"-"last year's two digits"), its two programme years and the year of the
-- next round all follow from first_year. opens_at and closes_at are its consultation's, NULL until the secretariat
-- sets them; concluded_at is when the outcome was published.
CREATE TABLE programme_round (
    id            INTEGER PRIMARY KEY,
    first_year    INTEGER NOT NULL UNIQUE CHECK (first_year BETWEEN 2000 AND 2999),
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    opens_at      TEXT NULL,
    closes_at     TEXT NULL,
    concluded_at  TEXT NULL,
    created_at    TEXT NOT NULL,
    CHECK ((opens_at IS NULL) = (closes_at IS NULL)),
    CHECK (closes_at IS NULL OR closes_at > opens_at),
    CHECK (concluded_at IS NULL OR closes_at IS NOT NULL)
);

-- The consultation's code is the round's (first year, hyphen, last two digits), so the first round's years come from the data, not from here.
INSERT INTO programme_round (id, first_year, title, opens_at, closes_at, created_at)
SELECT id, CAST(substr(code, 1, 4) AS INTEGER), title, opens_at, closes_at, opens_at FROM consultation;

CREATE TRIGGER programme_round_programme_revision_insert AFTER INSERT ON programme_round BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER programme_round_programme_revision_update AFTER UPDATE ON programme_round BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER programme_round_programme_revision_delete AFTER DELETE ON programme_round BEGIN UPDATE programme_revision SET revision = revision + 1; END;

-- Submissions: consultation_id becomes round_id; timing is a programme year of the round, 'later' or 'dont-know'.
CREATE TABLE submission_new (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id                INTEGER NOT NULL REFERENCES programme_round (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('response', 'suggestion')),
    status                  TEXT NOT NULL DEFAULT 'received',
    response_to             TEXT NULL CHECK (response_to IN ('programme', 'area-of-focus', 'workstream')),
    area_of_focus_code      TEXT NULL REFERENCES area_of_focus (code),
    workstream_id           INTEGER NULL REFERENCES workstream (id),
    stance                  TEXT NULL CHECK (stance IN ('support', 'support-with-changes', 'do-not-support', 'no-view')),
    title                   TEXT NULL,
    reason_text             TEXT NULL,
    reason_html             TEXT NULL,
    lead_inspectorate_code  TEXT NULL REFERENCES inspectorate (code),
    timing                  TEXT NULL CHECK (timing IN ('later', 'dont-know') OR timing GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    evidence_links          TEXT NULL,
    body_text               TEXT NOT NULL,
    body_html               TEXT NOT NULL,
    respondent_name         TEXT NOT NULL,
    respondent_email        TEXT NOT NULL,
    respondent_type         TEXT NOT NULL CHECK (respondent_type IN ('individual', 'organisation')),
    organisation_name       TEXT NULL,
    organisation_type       TEXT NULL,
    publication_consent     TEXT NOT NULL CHECK (publication_consent IN ('named', 'anonymous', 'none')),
    status_token_hash       TEXT NOT NULL UNIQUE,
    email_confirmed_at      TEXT NULL,
    received_at             TEXT NOT NULL,
    risk_score              INTEGER NOT NULL DEFAULT 0 CHECK (risk_score BETWEEN 0 AND 25),
    protected_status_token  TEXT NULL,

    CHECK (kind = 'suggestion' OR (response_to IS NOT NULL AND stance IS NOT NULL AND title IS NULL)),
    CHECK (kind = 'response' OR (response_to IS NULL AND title IS NOT NULL AND reason_html IS NOT NULL AND timing IS NOT NULL)),
    CHECK ((response_to = 'area-of-focus') = (area_of_focus_code IS NOT NULL)),
    CHECK ((response_to = 'workstream') = (workstream_id IS NOT NULL)),
    CHECK ((respondent_type = 'organisation') = (organisation_name IS NOT NULL AND organisation_type IS NOT NULL))
);

INSERT INTO submission_new (
    id, round_id, kind, status, response_to, area_of_focus_code, workstream_id, stance, title, reason_text, reason_html,
    lead_inspectorate_code, timing, evidence_links, body_text, body_html, respondent_name, respondent_email,
    respondent_type, organisation_name, organisation_type, publication_consent, status_token_hash, email_confirmed_at,
    received_at, risk_score, protected_status_token)
SELECT
    id, consultation_id, kind, status, response_to, area_of_focus_code, workstream_id, stance, title, reason_text, reason_html,
    lead_inspectorate_code, timing, evidence_links, body_text, body_html, respondent_name, respondent_email,
    respondent_type, organisation_name, organisation_type, publication_consent, status_token_hash, email_confirmed_at,
    received_at, risk_score, protected_status_token
  FROM submission;

-- A reference is never reused: the new table carries on from the old one's highest id ever given, not its highest kept.
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'submission'), 0))
 WHERE name = 'submission_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'submission_new', seq FROM sqlite_sequence WHERE name = 'submission'
   AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'submission_new');

DROP TABLE submission;
ALTER TABLE submission_new RENAME TO submission;

CREATE INDEX submission_received ON submission (received_at);
CREATE INDEX submission_email ON submission (respondent_email);
CREATE INDEX submission_status ON submission (status);
CREATE INDEX submission_kind ON submission (kind);
CREATE INDEX submission_respondent_type ON submission (respondent_type);
CREATE INDEX submission_risk ON submission (risk_score);
CREATE INDEX submission_status_risk ON submission (status, risk_score);
CREATE INDEX submission_kind_risk ON submission (kind, risk_score);
CREATE INDEX submission_respondent_type_risk ON submission (respondent_type, risk_score);
CREATE INDEX submission_counts ON submission (status, kind, respondent_type, email_confirmed_at);
CREATE INDEX submission_id_status ON submission (id, status);
CREATE INDEX submission_round ON submission (round_id);

CREATE TRIGGER submission_programme_revision_update AFTER UPDATE OF publication_consent, respondent_name, organisation_name ON submission
  WHEN (old.publication_consent IS NOT new.publication_consent OR old.respondent_name IS NOT new.respondent_name
        OR old.organisation_name IS NOT new.organisation_name)
   AND EXISTS (SELECT 1 FROM workstream WHERE origin_submission_id = new.id)
BEGIN
    UPDATE programme_revision SET revision = revision + 1;
END;

-- The full-text index keeps its rows (the ids are the same); only its triggers went with the old table.
CREATE TRIGGER submission_search_insert AFTER INSERT ON submission BEGIN
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES (new.id, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name);
END;

CREATE TRIGGER submission_search_delete AFTER DELETE ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name);
END;

CREATE TRIGGER submission_search_update
AFTER UPDATE OF title, body_text, reason_text, respondent_name, respondent_email, organisation_name ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name);
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES (new.id, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name);
END;

-- Workstreams belong to a round; a slug is unique within its round, as its address is /programmes/{round}/workstreams/{slug}.
-- carried_from_id is the workstream of the previous round this one carries forward; each is carried forward once.
CREATE TABLE workstream_new (
    id                    INTEGER PRIMARY KEY,
    round_id              INTEGER NOT NULL REFERENCES programme_round (id),
    slug                  TEXT NOT NULL,
    title                 TEXT NOT NULL,
    summary               TEXT NOT NULL,
    section               TEXT NOT NULL CHECK (section IN ('core-continuing', 'thematic-continuing', 'new', 'proposed')),
    kind                  TEXT NOT NULL CHECK (kind IN ('rolling-programme', 'inspection', 'review', 'scoping-study')),
    status                TEXT NOT NULL CHECK (status IN ('ongoing', 'in-progress', 'fieldwork', 'planned', 'scope-to-be-agreed', 'not-yet-scoped', 'proposed')),
    programme_year        TEXT NULL CHECK (programme_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    expected_publication  TEXT NULL,
    sort_order            INTEGER NOT NULL,
    origin_submission_id  INTEGER NULL REFERENCES submission (id),
    withdrawn_at          TEXT NULL,
    carried_from_id       INTEGER NULL REFERENCES workstream (id),
    UNIQUE (round_id, slug)
);

INSERT INTO workstream_new (
    id, round_id, slug, title, summary, section, kind, status, programme_year, expected_publication, sort_order,
    origin_submission_id, withdrawn_at)
SELECT w.id, coalesce(s.round_id, (SELECT min(id) FROM programme_round)), w.slug, w.title, w.summary, w.section, w.kind,
       w.status, w.programme_year, w.expected_publication, w.sort_order, w.origin_submission_id, w.withdrawn_at
  FROM workstream w LEFT JOIN submission s ON s.id = w.origin_submission_id;

DROP TABLE workstream;
ALTER TABLE workstream_new RENAME TO workstream;

CREATE UNIQUE INDEX workstream_origin ON workstream (origin_submission_id) WHERE origin_submission_id IS NOT NULL;
CREATE UNIQUE INDEX workstream_carried_from ON workstream (carried_from_id) WHERE carried_from_id IS NOT NULL;
CREATE TRIGGER workstream_programme_revision_insert AFTER INSERT ON workstream BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_programme_revision_update AFTER UPDATE ON workstream BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_programme_revision_delete AFTER DELETE ON workstream BEGIN UPDATE programme_revision SET revision = revision + 1; END;

-- Capacity: a programme year belongs to one round, named here so that a round's capacity is read by its id.
CREATE TABLE inspectorate_capacity_new (
    round_id           INTEGER NOT NULL REFERENCES programme_round (id),
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    programme_year     TEXT NOT NULL CHECK (programme_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    available_days     INTEGER NOT NULL CHECK (available_days BETWEEN 0 AND 100000),
    PRIMARY KEY (inspectorate_code, programme_year)
);

INSERT INTO inspectorate_capacity_new (round_id, inspectorate_code, programme_year, available_days)
SELECT r.id, c.inspectorate_code, c.programme_year, c.available_days
  FROM inspectorate_capacity c
  JOIN programme_round r ON CAST(substr(c.programme_year, 1, 4) AS INTEGER) IN (r.first_year, r.first_year + 1);

DROP TABLE inspectorate_capacity;
ALTER TABLE inspectorate_capacity_new RENAME TO inspectorate_capacity;

-- Assessments: the programme year is one of the submission's round (the portal checks which).
CREATE TABLE assessment_new (
    submission_id         INTEGER PRIMARY KEY REFERENCES submission (id),
    likelihood            INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact                INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    programme_year        TEXT NOT NULL CHECK (programme_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    over_capacity_reason  TEXT NULL,
    assessed_by           TEXT NOT NULL,
    assessed_at           TEXT NOT NULL,
    version               INTEGER NOT NULL CHECK (version >= 1)
);

INSERT INTO assessment_new SELECT submission_id, likelihood, impact, programme_year, over_capacity_reason, assessed_by, assessed_at, version FROM assessment;
DROP TABLE assessment;
ALTER TABLE assessment_new RENAME TO assessment;

CREATE TRIGGER assessment_risk_insert AFTER INSERT ON assessment BEGIN
    UPDATE submission SET risk_score = new.likelihood * new.impact,
                          status = CASE status WHEN 'received' THEN 'assessed' ELSE status END
     WHERE id = new.submission_id;
END;

CREATE TRIGGER assessment_risk_update AFTER UPDATE OF likelihood, impact ON assessment BEGIN
    UPDATE submission SET risk_score = new.likelihood * new.impact WHERE id = new.submission_id;
END;

CREATE TABLE workstream_days_new (
    workstream_id      INTEGER NOT NULL REFERENCES workstream (id),
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    programme_year     TEXT NOT NULL CHECK (programme_year GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    days               INTEGER NOT NULL CHECK (days BETWEEN 0 AND 2000),
    PRIMARY KEY (workstream_id, inspectorate_code, programme_year)
);

INSERT INTO workstream_days_new SELECT workstream_id, inspectorate_code, programme_year, days FROM workstream_days;
DROP TABLE workstream_days;
ALTER TABLE workstream_days_new RENAME TO workstream_days;

-- A deferral is to a programme year (the second of the submission's round) or to the next programme.
CREATE TABLE decision_new (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    outcome        TEXT NOT NULL CHECK (outcome IN ('accept', 'merge', 'defer', 'decline', 'noted', 'programme-changed')),
    rationale      TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
    workstream_id  INTEGER NULL REFERENCES workstream (id),
    workstream_title TEXT NULL,
    deferred_to    TEXT NULL CHECK (deferred_to = 'next-programme' OR deferred_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    over_capacity_reason TEXT NULL,
    decided_by     TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    UNIQUE (submission_id, revision),
    CHECK ((outcome IN ('accept', 'merge')) = (workstream_id IS NOT NULL)),
    CHECK ((outcome = 'defer') = (deferred_to IS NOT NULL))
);

INSERT INTO decision_new
SELECT id, submission_id, revision, outcome, rationale, workstream_id, workstream_title, deferred_to, over_capacity_reason, decided_by, decided_at
  FROM decision;
DROP TABLE decision;
ALTER TABLE decision_new RENAME TO decision;

DROP TABLE consultation;

PRAGMA legacy_alter_table = OFF;

-- Refuse this script, and so roll it back, if any row now points at nothing.
CREATE TEMP TABLE migration_foreign_key_check (broken INTEGER NOT NULL CHECK (broken = 0));
INSERT INTO migration_foreign_key_check SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE temp.migration_foreign_key_check;
