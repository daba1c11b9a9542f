-- What several portal nodes on one database share.
--
-- The outbox sender claims the emails it is about to send: claimed_by names the node (its machine, process and a random
-- suffix) and claimed_until is when its lease ends. Another node takes only emails that are unclaimed or whose lease
-- has passed, so an email goes once however many nodes send, and a node killed mid-send leaves its emails to the others
-- once the lease is over. Recording a send, a retry or a failure clears the claim.
ALTER TABLE outbox_message ADD COLUMN claimed_by text NULL;
ALTER TABLE outbox_message ADD COLUMN claimed_until text NULL;

-- Submissions sent per client address in each fixed window (Submissions:RateLimit), counted here so that the limit is
-- one count whichever node a request reaches. Windows that have ended are deleted as new ones are counted.
CREATE TABLE submission_rate (
    client_key   text NOT NULL,
    window_start text NOT NULL,
    count        bigint NOT NULL CHECK (count >= 0),
    PRIMARY KEY (client_key, window_start)
);

CREATE INDEX submission_rate_by_window ON submission_rate (window_start);
