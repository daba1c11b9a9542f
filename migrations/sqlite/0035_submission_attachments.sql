-- Files a respondent attaches to a response or suggestion (PDF, DOCX or ODT, checked by their content). The bytes live
-- in the database, not a folder, so every node sharing the database sees them and none needs a shared disk. A file
-- uploaded during a journey belongs to its draft (draft_id; it goes when the draft goes); sending the draft moves it to
-- the submission (submission_id) in the same transaction that stores the submission. Exactly one of the two is set.
-- extracted_text is the file's words (capped), for the staff search and the similarity tiers; nothing here is ever
-- published. Removing a submission's files is DELETE FROM submission_attachment WHERE submission_id = ...
CREATE TABLE submission_attachment (
    id             INTEGER PRIMARY KEY,
    draft_id       TEXT NULL REFERENCES submission_draft (id) ON DELETE CASCADE,
    submission_id  INTEGER NULL REFERENCES submission (id),
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    byte_size      INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    content        BLOB NOT NULL,
    extracted_text TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    CHECK ((draft_id IS NULL) <> (submission_id IS NULL))
);

CREATE INDEX submission_attachment_by_draft ON submission_attachment (draft_id);
CREATE INDEX submission_attachment_by_submission ON submission_attachment (submission_id);

-- The words of a submission's attachments, one file after another, so that the queue's search finds a word that is
-- only inside an attachment.
ALTER TABLE submission ADD COLUMN attachment_text TEXT NULL;

-- FTS5 cannot add a column, so the index is made again under the same name with attachment_text, as in 0014.
DROP TRIGGER submission_search_insert;
DROP TRIGGER submission_search_delete;
DROP TRIGGER submission_search_update;
DROP TABLE submission_search;

CREATE VIRTUAL TABLE submission_search USING fts5 (
    title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text,
    content = 'submission', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER submission_search_insert AFTER INSERT ON submission BEGIN
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES (new.id, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name, new.attachment_text);
END;

CREATE TRIGGER submission_search_delete AFTER DELETE ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name, old.attachment_text);
END;

CREATE TRIGGER submission_search_update
AFTER UPDATE OF title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name, old.attachment_text);
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES (new.id, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name, new.attachment_text);
END;

INSERT INTO submission_search (submission_search) VALUES ('rebuild');
