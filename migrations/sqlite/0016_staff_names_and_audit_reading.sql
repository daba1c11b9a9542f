-- Staff are shown by name where the portal knows it: the name their staff sign-in provider gives, stored at each
-- sign-in (NULL until they first sign in, when pages fall back to the email address).
ALTER TABLE staff_member ADD COLUMN name TEXT NULL;

-- The admin's audit page reads the log newest first (by id), filtered by who or by what.
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at, id);
