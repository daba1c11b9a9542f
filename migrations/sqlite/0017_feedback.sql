-- Feedback on the service from the public's feedback form (/feedback): how satisfied the person was, what could be
-- better and the page they came from. It is anonymous: no name, email or client address is kept.
CREATE TABLE feedback (
    -- AUTOINCREMENT: ids follow arrival and are never reused, so staff page through them by keyset.
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at   TEXT NOT NULL,
    satisfaction  TEXT NOT NULL CHECK (satisfaction IN ('very-satisfied', 'satisfied', 'neither', 'dissatisfied', 'very-dissatisfied')),
    improvement   TEXT NULL CHECK (length(improvement) <= 1200),
    -- A path on this site only (never another site's address), with no query string.
    from_path     TEXT NULL CHECK (substr(from_path, 1, 1) = '/' AND substr(from_path, 2, 1) <> '/' AND length(from_path) <= 500)
);

-- The staff page counts feedback by satisfaction: this index answers it without reading the texts.
CREATE INDEX feedback_satisfaction ON feedback (satisfaction);
