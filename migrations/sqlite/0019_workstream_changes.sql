-- Versions of a published draft programme. Once a round's consultation has opened, every change the secretariat makes
-- to its workstreams (added, edited, withdrawn, moved) is kept here with what changed in plain words, why, and a copy
-- of the workstream before and after as JSON, so the public programme can list "Changes since this draft was
-- published" and any two versions can be told apart. While a round is still a draft, edits are only audited.
-- changed_by is for staff: the public list never shows who made a change.
CREATE TABLE workstream_change (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES programme_round (id),
    workstream_id  INTEGER NOT NULL REFERENCES workstream (id),
    changed_at     TEXT NOT NULL,
    changed_by     TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('added', 'edited', 'withdrawn', 'moved')),
    -- The workstream's title after the change (before it, for a withdrawal), for the list once it has left the programme.
    title          TEXT NOT NULL,
    what           TEXT NOT NULL CHECK (length(trim(what)) > 0),
    why            TEXT NOT NULL CHECK (length(trim(why)) BETWEEN 1 AND 1000),
    before         TEXT NULL,
    after          TEXT NOT NULL,
    CHECK ((kind = 'added') = (before IS NULL))
);

CREATE INDEX workstream_change_round ON workstream_change (round_id, changed_at);

-- The public programme page lists these and is cached by programme_revision, so they bump it like every table it reads.
CREATE TRIGGER workstream_change_programme_revision_insert AFTER INSERT ON workstream_change BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_change_programme_revision_update AFTER UPDATE ON workstream_change BEGIN UPDATE programme_revision SET revision = revision + 1; END;
CREATE TRIGGER workstream_change_programme_revision_delete AFTER DELETE ON workstream_change BEGIN UPDATE programme_revision SET revision = revision + 1; END;
