-- Staff exports of submissions, written in the background. One row per export asked for: who asked, the queue's filter
-- it was asked with (its query string, so the export is of the view they were looking at), the format, and where the
-- writing has got to. A person has at most one export queued or running at a time; the index holds that rule for
-- every node, whatever the page checked first. file_path is where the finished file is, outside the web root; it is
-- set only once the whole file is written (a failed export never has one) and cleared when the file is removed a day
-- after it was finished.
CREATE TABLE export_job (
    id             INTEGER PRIMARY KEY,
    requested_by   TEXT NOT NULL,
    filter         TEXT NOT NULL,
    format         TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
    state          TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    rows_done      INTEGER NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
    rows_total     INTEGER NULL CHECK (rows_total IS NULL OR rows_total >= 0),
    created_at     TEXT NOT NULL,
    started_at     TEXT NULL,
    finished_at    TEXT NULL,
    file_path      TEXT NULL,
    file_removed_at TEXT NULL,
    error          TEXT NULL,
    CHECK ((state IN ('done', 'failed')) = (finished_at IS NOT NULL)),
    CHECK (file_path IS NULL OR state = 'done'),
    CHECK ((state = 'failed') = (error IS NOT NULL))
);

CREATE UNIQUE INDEX export_job_one_active ON export_job (requested_by) WHERE state IN ('queued', 'running');
CREATE INDEX export_job_state ON export_job (state, id);
