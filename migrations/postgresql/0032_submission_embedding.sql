-- Each submission's text as the language model reads it: a vector of 384 single-precision numbers (1,536 bytes,
-- little-endian, unit length), or NULL when there was nothing to read or the text is not English. model names the model
-- that wrote it, so a change of model reads everything again. A row means the submission has been read.
CREATE TABLE submission_embedding (
    submission_id bigint PRIMARY KEY REFERENCES submission (id) ON DELETE CASCADE,
    model         text NOT NULL,
    vector        bytea NULL,
    embedded_at   text NOT NULL
);
