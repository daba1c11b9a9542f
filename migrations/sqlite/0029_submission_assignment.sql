-- Who is working on a submission: one member of staff (a secretariat officer or a chief inspector), or nobody when
-- there is no row. Assigning, reassigning and unassigning are audited (submission.assign) in the same transaction, so
-- the submission's timeline keeps every change; the row holds only where it stands now, with who made it so.
CREATE TABLE submission_assignment (
    submission_id INTEGER PRIMARY KEY REFERENCES submission (id) ON DELETE CASCADE,
    assignee      TEXT NOT NULL COLLATE NOCASE REFERENCES staff_member (email),
    assigned_by   TEXT NOT NULL,
    assigned_at   TEXT NOT NULL
);

-- "My submissions" and the queue's "assigned to" filter read one person's submissions in id order.
CREATE INDEX submission_assignment_by_assignee ON submission_assignment (assignee, submission_id);
