-- A draft is kept after it is sent, marked with the submission it made, so that Back and refresh in the same browser
-- show "You have sent this" with the reference and status link (instead of an empty form), and the draft cannot be
-- sent twice. A sent draft is never written to again: saving under its cookie starts a new draft.
ALTER TABLE submission_draft ADD COLUMN sent_submission_id INTEGER NULL REFERENCES submission (id);

-- The status link's token, protected with ASP.NET Core Data Protection as in idempotency_key: the submission row keeps
-- only its hash, but the browser that sent the draft is shown the link again for the draft's lifetime.
ALTER TABLE submission_draft ADD COLUMN protected_status_token TEXT NULL;
