-- A decision's number was called its revision in the table and its version in the forms and the API, for the same
-- number: the one a chief inspector sends to say which decision they are revising. It has one name now.
ALTER TABLE decision RENAME COLUMN revision TO version;
