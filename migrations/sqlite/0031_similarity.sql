-- What the portal works out of each submission's text, in the background after it arrives, to find copies of it
-- (Features/Similarity/TextPrint.cs): a fingerprint of the normalised text, its three-word shingles (sorted 64-bit
-- hashes, eight bytes each) and, in submission_text_sketch, the smallest of them, by which near-copies are looked up.
-- A row here means the submission has been analysed, whatever was found.
CREATE TABLE submission_text_print (
    submission_id INTEGER PRIMARY KEY REFERENCES submission (id) ON DELETE CASCADE,
    round_id      INTEGER NOT NULL REFERENCES programme_round (id),
    fingerprint   TEXT NOT NULL,
    shingles      BLOB NOT NULL,
    analysed_at   TEXT NOT NULL
);

CREATE INDEX submission_text_print_fingerprint ON submission_text_print (round_id, fingerprint);

CREATE TABLE submission_text_sketch (
    value         INTEGER NOT NULL,
    submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    PRIMARY KEY (value, submission_id)
) WITHOUT ROWID;

CREATE INDEX submission_text_sketch_by_submission ON submission_text_sketch (submission_id);

-- Groups of submissions the portal proposes as one campaign or one idea. Nothing is grouped silently: a group and each
-- member joining it are proposed until a person confirms them; a person can split members off or dissolve the group,
-- and undo either. kind is the loosest way its members matched: identical (once normalised), template (near-identical
-- wording) or paraphrase (the same idea in other words).
CREATE TABLE similarity_group (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES programme_round (id),
    kind         TEXT NOT NULL CHECK (kind IN ('identical', 'template', 'paraphrase')),
    state        TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'dissolved')),
    proposed_at  TEXT NOT NULL,
    decided_by   TEXT NULL,
    decided_at   TEXT NULL
);

CREATE INDEX similarity_group_by_state ON similarity_group (state, id);

-- A submission is in one group at most, for good: once split off, or in a dissolved group, it is not proposed again,
-- so a person's "no" stands. matched_to is the member it was found like, tier how, score how closely (0 to 1).
CREATE TABLE similarity_group_member (
    submission_id INTEGER PRIMARY KEY REFERENCES submission (id) ON DELETE CASCADE,
    group_id      INTEGER NOT NULL REFERENCES similarity_group (id) ON DELETE CASCADE,
    tier          TEXT NOT NULL CHECK (tier IN ('identical', 'template', 'paraphrase')),
    score         REAL NOT NULL,
    matched_to    INTEGER NULL,
    state         TEXT NOT NULL CHECK (state IN ('proposed', 'in', 'split')),
    joined_at     TEXT NOT NULL,
    decided_by    TEXT NULL
);

CREATE INDEX similarity_group_member_by_group ON similarity_group_member (group_id, state);
