-- Drafts are saved by anonymous step POSTs: each is counted against the client address that saved it, so that
-- one address can keep only a bounded number of them (Submissions:Drafts:MaxPerClient).
ALTER TABLE submission_draft ADD COLUMN client_address TEXT NOT NULL DEFAULT '';

CREATE INDEX submission_draft_by_client ON submission_draft (client_address, updated_at);
