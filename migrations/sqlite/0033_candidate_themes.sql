-- Candidate themes the portal found among a round's responses (round_id), or the responses to one of its workstreams
-- (workstream_id), by clustering their vectors. Nothing becomes a tag until a person accepts it: state says whether
-- one has, confirmed_by who accepted or rejected it, and tag_id the tag it became (its submissions tagged as proposed
-- by the portal). Finding themes again replaces those still proposed for the scope; accepted and rejected ones are
-- kept, so a theme once rejected is not offered again. Each change is audited in the same transaction.
CREATE TABLE candidate_theme (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES programme_round (id),
    workstream_id INTEGER NULL REFERENCES workstream (id),
    name          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'rejected')),
    proposed_at   TEXT NOT NULL,
    tag_id        INTEGER NULL REFERENCES tag (id) ON DELETE SET NULL,
    confirmed_by  TEXT NULL,
    confirmed_at  TEXT NULL
);

CREATE INDEX candidate_theme_by_scope ON candidate_theme (round_id, workstream_id, state);

-- A theme's responses, with how close each is to the theme's centre (cosine, -1 to 1): the most typical first.
CREATE TABLE candidate_theme_member (
    theme_id      INTEGER NOT NULL REFERENCES candidate_theme (id) ON DELETE CASCADE,
    submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    closeness     REAL NOT NULL,
    PRIMARY KEY (theme_id, submission_id)
);
