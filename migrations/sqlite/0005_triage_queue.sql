-- The staff triage queue: filters and keyset paging on indexed columns, and full-text search.

-- The queue pages by id (the rowid). A SQLite index ends with the rowid, so each of these serves
-- "kind = ? AND id < ? ORDER BY id DESC" straight from the index, with no sort.
CREATE INDEX submission_status ON submission (status);
CREATE INDEX submission_kind ON submission (kind);
CREATE INDEX submission_respondent_type ON submission (respondent_type);

-- Area of focus and inspectorate filters are EXISTS probes per row in id order, answered by the
-- link tables' primary keys (submission_id first), so they need no index of their own.

-- External-content FTS5: the text stays in submission only, the index is keyed by submission.id.
-- porter: "victim" finds "victims"; remove_diacritics: "Estyn" and "Éstyn" alike.
CREATE VIRTUAL TABLE submission_search USING fts5 (
    title, body_text, reason_text,
    content = 'submission', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER submission_search_insert AFTER INSERT ON submission BEGIN
    INSERT INTO submission_search (rowid, title, body_text, reason_text)
    VALUES (new.id, new.title, new.body_text, new.reason_text);
END;

-- An external-content index must be told the old text to remove it, so delete and update pass it.
CREATE TRIGGER submission_search_delete AFTER DELETE ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text);
END;

CREATE TRIGGER submission_search_update AFTER UPDATE OF title, body_text, reason_text ON submission BEGIN
    INSERT INTO submission_search (submission_search, rowid, title, body_text, reason_text)
    VALUES ('delete', old.id, old.title, old.body_text, old.reason_text);
    INSERT INTO submission_search (rowid, title, body_text, reason_text)
    VALUES (new.id, new.title, new.body_text, new.reason_text);
END;

-- Submissions sent before this script.
INSERT INTO submission_search (submission_search) VALUES ('rebuild');
