-- Which node is writing a running export, and until when its claim holds. The runner renews the claim as it writes
-- progress; a node that stops mid-export (killed, restarted, deployed over) leaves its claim to run out, and then any
-- node's runner fails the export so its owner can ask again. A restarted node used to fail every running export at
-- start-up, which on several nodes would fail the exports other nodes were writing. Exports left running by a portal
-- from before this migration have no claim and are failed at once, as before.
ALTER TABLE export_job ADD COLUMN claimed_by TEXT NULL;
ALTER TABLE export_job ADD COLUMN claimed_until TEXT NULL;
