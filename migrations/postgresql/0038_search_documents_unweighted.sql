-- The queue's search finds each word stemmed among a submission's own words, or as the start of a word of its
-- respondent's details. Those were one document told apart by weights (A and B), and a query that names weights is one
-- the GIN index cannot answer alone: PostgreSQL fetched and rechecked the stored document of every candidate, which at
-- 100,000 submissions cost a search matching a fifth of them about 130 ms. Two documents without weights are answered
-- by their indexes alone. The submission's status is kept beside them, so that the queue's counts by status for a
-- search read this table and not one row of submission per match.
ALTER TABLE submission_search
    ADD COLUMN people tsvector NOT NULL DEFAULT ''::tsvector,
    ADD COLUMN status text NOT NULL DEFAULT '';

UPDATE submission_search f
   SET document = to_tsvector('english_all', unaccent(concat_ws(' ', s.title, s.body_text, s.reason_text, s.attachment_text))),
       people = to_tsvector('english_all', unaccent(concat_ws(' ', s.respondent_name, translate(s.respondent_email, '@.', '  '),
                                                               s.organisation_name))),
       status = s.status
  FROM submission s
 WHERE s.id = f.submission_id;

ALTER TABLE submission_search ALTER COLUMN people DROP DEFAULT, ALTER COLUMN status DROP DEFAULT;

CREATE INDEX submission_search_people ON submission_search USING gin (people);

CREATE OR REPLACE FUNCTION index_submission_for_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO submission_search (submission_id, document, people, status)
    VALUES (NEW.id,
            to_tsvector('english_all', unaccent(concat_ws(' ', NEW.title, NEW.body_text, NEW.reason_text, NEW.attachment_text))),
            to_tsvector('english_all', unaccent(concat_ws(' ', NEW.respondent_name, translate(NEW.respondent_email, '@.', '  '),
                                                          NEW.organisation_name))),
            NEW.status)
    ON CONFLICT (submission_id) DO UPDATE SET document = excluded.document, people = excluded.people, status = excluded.status;
    RETURN NULL;
END;
$$;

CREATE FUNCTION copy_status_for_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE submission_search SET status = NEW.status WHERE submission_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER submission_search_status AFTER UPDATE OF status ON submission
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION copy_status_for_search();
