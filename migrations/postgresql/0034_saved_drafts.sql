-- "Save and come back later". A draft saved under an email address is kept until its round's consultation closes,
-- not the two days of a draft in progress, so that it can be finished on another day and another device. The person
-- is sent a link back to it; only the link's SHA-256 is kept, in draft_return_link, one row a link sent. A link works
-- once and for seven days; a newer link for the same draft replaces it, and the row says so, so that an old link can
-- be told apart from a mistyped one. The reminder sent three days before the consultation closes is sent once.
ALTER TABLE submission_draft ADD COLUMN saved_email text NULL;
-- The question page the person saved on, where the link brings them back.
ALTER TABLE submission_draft ADD COLUMN saved_step text NULL;
ALTER TABLE submission_draft ADD COLUMN round_id bigint NULL REFERENCES programme_round (id);
ALTER TABLE submission_draft ADD COLUMN reminded_at text NULL;
-- The portal's public address as the person saw it, for the reminder's link (sent with no request to take it from).
ALTER TABLE submission_draft ADD COLUMN link_base text NULL;

CREATE INDEX submission_draft_saved ON submission_draft (round_id) WHERE saved_email IS NOT NULL;

CREATE TABLE draft_return_link (
    token_hash   text PRIMARY KEY,
    draft_id     text NOT NULL REFERENCES submission_draft (id) ON DELETE CASCADE,
    sent_to      text NOT NULL,
    created_at   text NOT NULL,
    expires_at   text NOT NULL,
    used_at      text NULL,
    replaced_at  text NULL
);

CREATE INDEX draft_return_link_by_draft ON draft_return_link (draft_id);
