-- Triage decisions, proposed workstreams born from accepted suggestions, and the inspector-days that
-- agreed and accepted work commits.

-- The queue's "highest risk" sort pages by keyset on (risk_score, id), so the score lives on the submission
-- as well as in its assessment. Triggers keep the copy in step, and move a received submission on to
-- assessed; 0 means not yet assessed.
ALTER TABLE submission ADD COLUMN risk_score INTEGER NOT NULL DEFAULT 0 CHECK (risk_score BETWEEN 0 AND 25);
CREATE INDEX submission_risk ON submission (risk_score);
-- The queue's equality filters with the risk sort: each reads its rows in (score, id) order straight from the index.
CREATE INDEX submission_status_risk ON submission (status, risk_score);
CREATE INDEX submission_kind_risk ON submission (kind, risk_score);
CREATE INDEX submission_respondent_type_risk ON submission (respondent_type, risk_score);

-- The queue's counts by status visit every match, so they read these narrow covering indexes, not the wide rows:
-- the simple filters scan submission_counts in status order; a search probes submission_id_status for each match.
CREATE INDEX submission_counts ON submission (status, kind, respondent_type, email_confirmed_at);
CREATE INDEX submission_id_status ON submission (id, status);

UPDATE submission SET risk_score = (SELECT likelihood * impact FROM assessment a WHERE a.submission_id = submission.id),
                      status = CASE status WHEN 'received' THEN 'assessed' ELSE status END
 WHERE id IN (SELECT submission_id FROM assessment);

CREATE TRIGGER assessment_risk_insert AFTER INSERT ON assessment BEGIN
    UPDATE submission SET risk_score = new.likelihood * new.impact,
                          status = CASE status WHEN 'received' THEN 'assessed' ELSE status END
     WHERE id = new.submission_id;
END;

CREATE TRIGGER assessment_risk_update AFTER UPDATE OF likelihood, impact ON assessment BEGIN
    UPDATE submission SET risk_score = new.likelihood * new.impact WHERE id = new.submission_id;
END;

-- A proposed workstream remembers the suggestion it came from. Revising an acceptance away withdraws the
-- workstream rather than deleting it, because earlier decisions still point at it.
ALTER TABLE workstream ADD COLUMN origin_submission_id INTEGER NULL REFERENCES submission (id);
ALTER TABLE workstream ADD COLUMN withdrawn_at TEXT NULL;
CREATE UNIQUE INDEX workstream_origin ON workstream (origin_submission_id) WHERE origin_submission_id IS NOT NULL;

-- Inspector-days each inspectorate gives a workstream in a programme year: what draws down capacity.
CREATE TABLE workstream_days (
    workstream_id      INTEGER NOT NULL REFERENCES workstream (id),
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    programme_year     TEXT NOT NULL CHECK (programme_year IN ('2021-22', '2022-23')),
    days               INTEGER NOT NULL CHECK (days BETWEEN 0 AND 2000),
    PRIMARY KEY (workstream_id, inspectorate_code, programme_year)
);

-- Illustrative figures only, like the capacity in 0006: the agreed programme's thematic and new work with a
-- programme year commits 60 days from its lead and 30 from each supporting criminal justice inspectorate.
INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days)
SELECT w.id, p.inspectorate_code, w.programme_year, CASE p.role WHEN 'lead' THEN 60 ELSE 30 END
  FROM workstream w
  JOIN workstream_participant p ON p.workstream_id = w.id
  JOIN inspectorate i ON i.code = p.inspectorate_code AND i.kind = 'criminal-justice'
 WHERE w.programme_year IS NOT NULL AND w.section IN ('thematic-continuing', 'new');

-- Every decision ever made; the one with the highest revision is the current one. Nothing is updated or
-- deleted, so the history of a revised decision is these rows.
CREATE TABLE decision (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    revision       INTEGER NOT NULL CHECK (revision >= 1),
    outcome        TEXT NOT NULL CHECK (outcome IN ('accept', 'merge', 'defer', 'decline', 'noted', 'programme-changed')),
    rationale      TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
    -- accept: the proposed workstream it created; merge: the workstream the suggestion joins. The title is as it
    -- was when decided, because a later revision may retitle the same workstream.
    workstream_id  INTEGER NULL REFERENCES workstream (id),
    workstream_title TEXT NULL,
    -- defer: to the programme's second year, or to the next programme.
    deferred_to    TEXT NULL CHECK (deferred_to IN ('2022-23', 'next-programme')),
    over_capacity_reason TEXT NULL,
    decided_by     TEXT NOT NULL,
    decided_at     TEXT NOT NULL,
    UNIQUE (submission_id, revision),
    CHECK ((outcome IN ('accept', 'merge')) = (workstream_id IS NOT NULL)),
    CHECK ((outcome = 'defer') = (deferred_to IS NOT NULL))
);

-- The portal keeps the programme it last read in memory. Every change to a table the programme is read from
-- bumps this one number, in the same transaction, whichever process or tool makes it; a reader that sees a new
-- number reads the programme again.
CREATE TABLE programme_revision (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    revision  INTEGER NOT NULL
);
INSERT INTO programme_revision (id, revision) VALUES (1, 1);

CREATE TRIGGER workstream_programme_revision_insert AFTER INSERT ON workstream BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_programme_revision_update AFTER UPDATE ON workstream BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_programme_revision_delete AFTER DELETE ON workstream BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER workstream_participant_programme_revision_insert AFTER INSERT ON workstream_participant BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_participant_programme_revision_update AFTER UPDATE ON workstream_participant BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_participant_programme_revision_delete AFTER DELETE ON workstream_participant BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER workstream_area_of_focus_programme_revision_insert AFTER INSERT ON workstream_area_of_focus BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_area_of_focus_programme_revision_update AFTER UPDATE ON workstream_area_of_focus BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_area_of_focus_programme_revision_delete AFTER DELETE ON workstream_area_of_focus BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER workstream_cross_cutting_issue_programme_revision_insert AFTER INSERT ON workstream_cross_cutting_issue BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_cross_cutting_issue_programme_revision_update AFTER UPDATE ON workstream_cross_cutting_issue BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_cross_cutting_issue_programme_revision_delete AFTER DELETE ON workstream_cross_cutting_issue BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER inspectorate_programme_revision_insert AFTER INSERT ON inspectorate BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER inspectorate_programme_revision_update AFTER UPDATE ON inspectorate BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER inspectorate_programme_revision_delete AFTER DELETE ON inspectorate BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER chief_inspector_programme_revision_insert AFTER INSERT ON chief_inspector BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER chief_inspector_programme_revision_update AFTER UPDATE ON chief_inspector BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER chief_inspector_programme_revision_delete AFTER DELETE ON chief_inspector BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER area_of_focus_programme_revision_insert AFTER INSERT ON area_of_focus BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER area_of_focus_programme_revision_update AFTER UPDATE ON area_of_focus BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER area_of_focus_programme_revision_delete AFTER DELETE ON area_of_focus BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER cross_cutting_issue_programme_revision_insert AFTER INSERT ON cross_cutting_issue BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER cross_cutting_issue_programme_revision_update AFTER UPDATE ON cross_cutting_issue BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER cross_cutting_issue_programme_revision_delete AFTER DELETE ON cross_cutting_issue BEGIN UPDATE programme_revision SET revision = revision + 1; END;

CREATE TRIGGER principle_programme_revision_insert AFTER INSERT ON principle BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER principle_programme_revision_update AFTER UPDATE ON principle BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER principle_programme_revision_delete AFTER DELETE ON principle BEGIN UPDATE programme_revision SET revision = revision + 1; END;

-- A proposed workstream shows the name of the respondent it came from, when they agreed to be named.
CREATE TRIGGER submission_programme_revision_update AFTER UPDATE OF publication_consent, respondent_name, organisation_name ON submission
  WHEN (old.publication_consent IS NOT new.publication_consent OR old.respondent_name IS NOT new.respondent_name
        OR old.organisation_name IS NOT new.organisation_name)
   AND EXISTS (SELECT 1 FROM workstream WHERE origin_submission_id = new.id)
BEGIN
    UPDATE programme_revision SET revision = revision + 1;
END;
