-- The secretariat's recommendations: a draft of a decision that the chief inspectors take, change or reject. A
-- recommendation never reaches a respondent; only a decision does. Like decisions, every version is kept: a save adds a
-- row with the next version, and the highest version is the one in force. Only its fate changes in place: it is open
-- until a chief inspector records a decision starting from it (taken, naming the decision's version) or rejects it
-- (rejected, with the reason); closed_by and closed_at say who and when.
CREATE TABLE recommendation (
    id                    INTEGER PRIMARY KEY,
    submission_id         INTEGER NOT NULL REFERENCES submission (id),
    version               INTEGER NOT NULL CHECK (version >= 1),
    outcome               TEXT NOT NULL CHECK (outcome IN ('accept', 'merge', 'defer', 'decline', 'noted', 'programme-changed')),
    rationale             TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
    -- accept: the proposed workstream as JSON (title, summary, lead, supporting, partners, areas of focus, programme
    -- year, kind), read back only by the portal and never queried by its parts.
    workstream            TEXT NULL CHECK (workstream IS NULL OR json_valid(workstream)),
    -- merge: the workstream the suggestion would join.
    merge_into            INTEGER NULL REFERENCES workstream (id),
    -- defer: to a programme year (the second of the submission's round) or to the next programme.
    defer_to              TEXT NULL CHECK (defer_to = 'next-programme' OR defer_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    over_capacity_reason  TEXT NULL,
    recommended_by        TEXT NOT NULL,
    recommended_at        TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'rejected')),
    closed_by             TEXT NULL,
    closed_at             TEXT NULL,
    rejection_reason      TEXT NULL CHECK (rejection_reason IS NULL OR length(trim(rejection_reason)) > 0),
    taken_in_decision     INTEGER NULL,
    CHECK ((outcome = 'accept') = (workstream IS NOT NULL)),
    CHECK ((outcome = 'merge') = (merge_into IS NOT NULL)),
    CHECK ((outcome = 'defer') = (defer_to IS NOT NULL)),
    CHECK ((status = 'open') = (closed_by IS NULL)),
    CHECK ((closed_by IS NULL) = (closed_at IS NULL)),
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)),
    CHECK ((status = 'taken') = (taken_in_decision IS NOT NULL))
);

-- One row per version, and the index the queue, the pages and the save read the current version through: the highest
-- version of a submission is one step down this index.
CREATE UNIQUE INDEX recommendation_submission_version ON recommendation (submission_id, version);
