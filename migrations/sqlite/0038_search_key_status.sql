-- The queue's word search counts its matches by status. Looking up the status of each match took a seek per match
-- (8 ms of the search's 16 ms at 21,866 matches in 100,000); with the status carried in the full-text index's own
-- rowid, FTS5 hands it back with each match and the counts need nothing else. The index's rowid is search_key:
-- the submission's id times 16 plus its status's place in SubmissionStatus.All (15 for a status not listed there,
-- which a test refuses). It orders as the id does, so the index still hands back matches in the queue's order, and
-- the id is search_key >> 4. A change of status now writes the submission's index entry again, as a change of its
-- words always has. The index keeps which columns a word is in but not where (detail = column): the search looks for
-- single words in some columns and never for a phrase, and reading columns rather than positions is 10% quicker.
ALTER TABLE submission ADD COLUMN search_key INTEGER GENERATED ALWAYS AS (id * 16 + CASE status
    WHEN 'received' THEN 0
    WHEN 'assessed' THEN 1
    WHEN 'awaiting-agreement' THEN 2
    WHEN 'objected' THEN 3
    WHEN 'accepted' THEN 4
    WHEN 'merged' THEN 5
    WHEN 'deferred' THEN 6
    WHEN 'declined' THEN 7
    WHEN 'noted' THEN 8
    WHEN 'programme-changed' THEN 9
    ELSE 15 END) VIRTUAL;

-- FTS5 cannot change its rowid's column, so the index is made again under the same name, as in 0035.
DROP TRIGGER submission_search_insert;
DROP TRIGGER submission_search_delete;
DROP TRIGGER submission_search_update;
DROP TABLE submission_search;

CREATE VIRTUAL TABLE submission_search USING fts5 (
    title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text,
    content = 'submission', content_rowid = 'search_key',
    tokenize = 'porter unicode61 remove_diacritics 2', detail = column
);

CREATE TRIGGER submission_search_insert AFTER INSERT ON submission BEGIN
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES (new.search_key, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name, new.attachment_text);
END;

CREATE TRIGGER submission_search_delete AFTER DELETE ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES ('delete', old.search_key, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name, old.attachment_text);
END;

CREATE TRIGGER submission_search_update
AFTER UPDATE OF status, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES ('delete', old.search_key, old.title, old.body_text, old.reason_text, old.respondent_name, old.respondent_email, old.organisation_name, old.attachment_text);
    INSERT INTO submission_search (rowid, title, body_text, reason_text, respondent_name, respondent_email, organisation_name, attachment_text)
    VALUES (new.search_key, new.title, new.body_text, new.reason_text, new.respondent_name, new.respondent_email, new.organisation_name, new.attachment_text);
END;

INSERT INTO submission_search (submission_search) VALUES ('rebuild');
