-- The status link's token, protected with ASP.NET Core Data Protection as in submission_draft: the outcome email,
-- the "Email address confirmed" page and a signed-in owner's "Your submissions" link to the status page itself,
-- rather than pointing back to the receipt. Submissions sent before this keep only the hash, so they have none.
ALTER TABLE submission ADD COLUMN protected_status_token TEXT NULL;
