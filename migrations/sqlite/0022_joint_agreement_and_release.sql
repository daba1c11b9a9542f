-- Decisions as the chief inspectors make them: jointly agreed by every criminal justice inspectorate that takes part,
-- recorded with the meeting they were taken at, and released to respondents at once or together on the round's say.

-- agreement: NULL when the decision involves one inspectorate and needs no one else's agreement; otherwise awaiting
-- until every party has agreed (then agreed) or one objects (then objected). released_at: when the outcome reached the
-- respondent (the outcome email was queued); NULL while it is held. A decision is final when its agreement is NULL or
-- agreed.
ALTER TABLE decision ADD COLUMN agreement TEXT NULL CHECK (agreement IN ('awaiting', 'agreed', 'objected'));
ALTER TABLE decision ADD COLUMN released_at TEXT NULL;
ALTER TABLE decision ADD COLUMN meeting_on TEXT NULL;
ALTER TABLE decision ADD COLUMN meeting_attendees TEXT NULL;

-- Every decision before this was emailed when it was made.
UPDATE decision SET released_at = decided_at;

-- Each party to a joint decision: the lead and each supporting criminal justice inspectorate. The proposer's own
-- inspectorate agrees by proposing; the others agree or object (with reasons) as their chief inspector says.
CREATE TABLE decision_agreement (
    decision_id        INTEGER NOT NULL REFERENCES decision (id),
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    is_lead            INTEGER NOT NULL CHECK (is_lead IN (0, 1)),
    response           TEXT NULL CHECK (response IN ('agree', 'object')),
    reasons            TEXT NULL,
    responded_by       TEXT NULL,
    responded_at       TEXT NULL,
    PRIMARY KEY (decision_id, inspectorate_code),
    CHECK ((response IS NULL) = (responded_by IS NULL) AND (response IS NULL) = (responded_at IS NULL)),
    CHECK (response IS NOT 'object' OR length(trim(reasons)) > 0)
);

-- How a round's outcomes reach respondents: as soon as each is final, or together when the secretariat releases them.
ALTER TABLE programme_round ADD COLUMN release_mode TEXT NOT NULL DEFAULT 'immediate' CHECK (release_mode IN ('immediate', 'together'));

-- A release of held outcomes: what it sent, so its progress can be followed in the outbox.
CREATE TABLE outcome_release (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES programme_round (id),
    released_at  TEXT NOT NULL,
    released_by  TEXT NOT NULL,
    outcomes     INTEGER NOT NULL CHECK (outcomes >= 0)
);

ALTER TABLE decision ADD COLUMN release_id INTEGER NULL REFERENCES outcome_release (id);
ALTER TABLE outbox_message ADD COLUMN batch TEXT NULL;
CREATE INDEX outbox_batch ON outbox_message (batch) WHERE batch IS NOT NULL;

-- Whether a proposed workstream is public, and who agreed it, follow its decision: a decision change moves the
-- programme's revision on, as a workstream change does.
CREATE TRIGGER decision_programme_revision_insert AFTER INSERT ON decision BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER decision_programme_revision_update AFTER UPDATE ON decision BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER decision_agreement_programme_revision_update AFTER UPDATE ON decision_agreement BEGIN UPDATE programme_revision SET revision = revision + 1; END;
