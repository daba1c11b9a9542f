-- Where a round's capacity figures came from. The secretariat enters each inspectorate's available inspector-days for
-- the round's years (/manage/rounds/{round}/capacity), and every row it saves says who entered it and when. A row with
-- neither is one of the illustrative figures migration 0006 seeded, which pages say are illustrative until replaced.
ALTER TABLE inspectorate_capacity ADD COLUMN entered_by TEXT NULL;
ALTER TABLE inspectorate_capacity ADD COLUMN entered_at TEXT NULL CHECK ((entered_at IS NULL) = (entered_by IS NULL));
