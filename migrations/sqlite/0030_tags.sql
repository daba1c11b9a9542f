-- Tags (themes) that analysts give submissions. A tag is made by a person, or proposed by the portal (a candidate theme)
-- and kept only once a person confirms it: proposed_by says which, confirmed_by who made or confirmed it. The same holds
-- for each tag given to a submission. Creating, renaming, merging and tagging are audited in the same transaction.
CREATE TABLE tag (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
    proposed_by  TEXT NOT NULL CHECK (proposed_by IN ('person', 'portal')),
    confirmed_by TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE submission_tag (
    submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    tag_id        INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    proposed_by   TEXT NOT NULL CHECK (proposed_by IN ('person', 'portal')),
    confirmed_by  TEXT NOT NULL,
    tagged_at     TEXT NOT NULL,
    PRIMARY KEY (submission_id, tag_id)
);

-- The queue's tag filter and the counts per tag read a tag's submissions in id order.
CREATE INDEX submission_tag_by_tag ON submission_tag (tag_id, submission_id);
