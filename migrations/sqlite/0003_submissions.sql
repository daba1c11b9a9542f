-- Responses to the draft programme and suggested topics, with the email they cause.

CREATE TABLE submission (
    -- AUTOINCREMENT: an id, and so the reference JI-000123 made from it, is never reused.
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id         INTEGER NOT NULL REFERENCES consultation (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('response', 'suggestion')),
    status                  TEXT NOT NULL DEFAULT 'received',

    -- A response is to the whole programme, one area of focus or one workstream.
    response_to             TEXT NULL CHECK (response_to IN ('programme', 'area-of-focus', 'workstream')),
    area_of_focus_code      TEXT NULL REFERENCES area_of_focus (code),
    workstream_id           INTEGER NULL REFERENCES workstream (id),
    stance                  TEXT NULL CHECK (stance IN ('support', 'support-with-changes', 'do-not-support', 'no-view')),

    -- A suggestion has a title, a reason, scope and timing; lead NULL means "don't know".
    title                   TEXT NULL,
    reason_text             TEXT NULL,
    reason_html             TEXT NULL,
    lead_inspectorate_code  TEXT NULL REFERENCES inspectorate (code),
    timing                  TEXT NULL CHECK (timing IN ('2021-22', '2022-23', 'later')),
    evidence_links          TEXT NULL,

    -- What they wrote (the response, or what the inspection should look at): as typed, and as
    -- sanitised HTML rendered from it. Only the HTML is ever shown as markup.
    body_text               TEXT NOT NULL,
    body_html               TEXT NOT NULL,

    respondent_name         TEXT NOT NULL,
    respondent_email        TEXT NOT NULL,
    respondent_type         TEXT NOT NULL CHECK (respondent_type IN ('individual', 'organisation')),
    organisation_name       TEXT NULL,
    organisation_type       TEXT NULL,
    publication_consent     TEXT NOT NULL CHECK (publication_consent IN ('named', 'anonymous', 'none')),

    -- SHA-256 of the token in the status link; the token itself is only ever in the email.
    status_token_hash       TEXT NOT NULL UNIQUE,
    email_confirmed_at      TEXT NULL,
    received_at             TEXT NOT NULL,

    CHECK (kind = 'suggestion' OR (response_to IS NOT NULL AND stance IS NOT NULL AND title IS NULL)),
    CHECK (kind = 'response' OR (response_to IS NULL AND title IS NOT NULL AND reason_html IS NOT NULL AND timing IS NOT NULL)),
    CHECK ((response_to = 'area-of-focus') = (area_of_focus_code IS NOT NULL)),
    CHECK ((response_to = 'workstream') = (workstream_id IS NOT NULL)),
    CHECK ((respondent_type = 'organisation') = (organisation_name IS NOT NULL AND organisation_type IS NOT NULL))
);

CREATE INDEX submission_received ON submission (received_at);
CREATE INDEX submission_email ON submission (respondent_email);

CREATE TABLE submission_area_of_focus (
    submission_id       INTEGER NOT NULL REFERENCES submission (id),
    area_of_focus_code  TEXT NOT NULL REFERENCES area_of_focus (code),
    PRIMARY KEY (submission_id, area_of_focus_code)
);

CREATE TABLE submission_cross_cutting_issue (
    submission_id             INTEGER NOT NULL REFERENCES submission (id),
    cross_cutting_issue_code  TEXT NOT NULL REFERENCES cross_cutting_issue (code),
    PRIMARY KEY (submission_id, cross_cutting_issue_code)
);

-- The inspectorates a suggestion says should take part.
CREATE TABLE submission_inspectorate (
    submission_id      INTEGER NOT NULL REFERENCES submission (id),
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    PRIMARY KEY (submission_id, inspectorate_code)
);

-- Single-use email confirmation links; the token is only in the email, its hash here.
CREATE TABLE email_confirmation (
    token_hash     TEXT PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES submission (id),
    expires_at     TEXT NOT NULL,
    used_at        TEXT NULL
);

-- Journeys in progress: one row a browser, answers as JSON, so a person can go back and change
-- anything before sending. Removed when sent, or by age.
CREATE TABLE submission_draft (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('response', 'suggestion')),
    answers     TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Email waiting to go, written in the same transaction as what caused it.
CREATE TABLE outbox_message (
    id               INTEGER PRIMARY KEY,
    submission_id    INTEGER NULL REFERENCES submission (id),
    purpose          TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    text_body        TEXT NOT NULL,
    html_body        TEXT NULL,
    created_at       TEXT NOT NULL,
    next_attempt_at  TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NULL,
    sent_at          TEXT NULL,
    -- Set when the server refused the message for good (a 5xx reply): it is not tried again.
    failed_at        TEXT NULL
);

CREATE INDEX outbox_due ON outbox_message (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
