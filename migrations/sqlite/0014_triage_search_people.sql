-- The queue's search finds a respondent by name, email address or organisation as well as by the words of a
-- submission, so the full-text index gains those three columns. FTS5 cannot add a column, so the index is made
-- again under the same name; the queue reads it as before, in rowid order from the cursor.

DROP TRIGGER submission_search_insert;
DROP TRIGGER submission_search_delete;
DROP TRIGGER submission_search_update;
DROP TABLE submission_search;

CREATE VIRTUAL TABLE submission_search USING fts5 (
    title, body_text, reason_text, respondent_name, respondent_email, organisation_name,
    content = 'submission', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER submission_search_insert AFTER INSERT ON submission BEGIN
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES (new.id, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name);
END;

-- An external-content index must be told the old text to remove it, so delete and update pass it.
CREATE TRIGGER submission_search_delete AFTER DELETE ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name);
END;

CREATE TRIGGER submission_search_update
AFTER UPDATE OF title, body_text, reason_text, respondent_name, respondent_email, organisation_name ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name);
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name)
    VALUES (new.id, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name);
END;

INSERT INTO submission_search (submission_search) VALUES ('rebuild');
