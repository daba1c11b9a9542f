-- Concluding a round: moderation decides what of each submission is published, the chair finalises the programme,
-- and the secretariat publishes the outcome.
--
-- A submission with no moderation row has not been moderated, so nothing of it is published. A moderator either
-- publishes it as its respondent agreed (named or anonymous; a respondent who said "no" is never published, whatever
-- this table says) or withholds it with a reason. The published copy is made when it is moderated, with every
-- redaction in force replaced by "[redacted]", and made again whenever a redaction is added or removed; a withheld
-- submission keeps no copy, so nothing withheld can be read from here by mistake. version counts the changes, so two
-- moderators working on one submission cannot overwrite each other unseen.
CREATE TABLE moderation (
    submission_id             INTEGER PRIMARY KEY REFERENCES submission (id),
    state                     TEXT NOT NULL CHECK (state IN ('published', 'withheld')),
    withheld_reason           TEXT NULL CHECK (withheld_reason IN ('abusive', 'personal-data', 'off-topic', 'other')),
    withheld_note             TEXT NULL CHECK (withheld_note IS NULL OR length(trim(withheld_note)) BETWEEN 1 AND 1000),
    published_title           TEXT NULL,
    published_body_text       TEXT NULL,
    published_body_html       TEXT NULL,
    published_reason_text     TEXT NULL,
    published_reason_html     TEXT NULL,
    published_evidence_links  TEXT NULL,
    moderated_by              TEXT NOT NULL,
    moderated_at              TEXT NOT NULL,
    version                   INTEGER NOT NULL CHECK (version >= 1),
    CHECK ((state = 'withheld') = (withheld_reason IS NOT NULL)),
    CHECK (withheld_reason IS NOT 'other' OR withheld_note IS NOT NULL),
    CHECK ((state = 'published') = (published_body_html IS NOT NULL AND published_body_text IS NOT NULL)),
    CHECK (state = 'published' OR (published_title IS NULL AND published_reason_text IS NULL AND published_reason_html IS NULL
                                   AND published_evidence_links IS NULL))
);

CREATE INDEX moderation_state ON moderation (state);

-- A passage of a submission the public must not read: every occurrence of it, in the title, the text, the reason and
-- the evidence links, is published as "[redacted]". Staff see the original, who redacted it, when and why. Removing a
-- redaction keeps the row (who removed it and when), so the history is never lost.
CREATE TABLE redaction (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    passage        TEXT NOT NULL CHECK (length(passage) BETWEEN 1 AND 2000),
    reason         TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 1000),
    redacted_by    TEXT NOT NULL,
    redacted_at    TEXT NOT NULL,
    removed_by     TEXT NULL,
    removed_at     TEXT NULL,
    CHECK ((removed_by IS NULL) = (removed_at IS NULL))
);

CREATE INDEX redaction_submission ON redaction (submission_id);

-- The chair of the chief inspectors finalises the round's programme once no proposed workstream awaits agreement; its
-- proposed workstreams then become part of the programme. The secretariat then publishes the outcome, which concludes
-- the round (concluded_at, from migration 0018). A round is finalised before it is concluded.
ALTER TABLE programme_round ADD COLUMN finalised_at TEXT NULL;
ALTER TABLE programme_round ADD COLUMN finalised_by TEXT NULL CHECK ((finalised_by IS NULL) = (finalised_at IS NULL));
ALTER TABLE programme_round ADD COLUMN concluded_by TEXT NULL CHECK (concluded_by IS NULL OR (concluded_at IS NOT NULL AND finalised_at IS NOT NULL));
