-- Triage assessments: public risk (likelihood × impact) and the inspector-days each inspectorate would give.

-- Inspector-days each criminal justice inspectorate has for joint work in a programme year.
CREATE TABLE inspectorate_capacity (
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    programme_year     TEXT NOT NULL CHECK (programme_year IN ('2021-22', '2022-23')),
    available_days     INTEGER NOT NULL CHECK (available_days BETWEEN 0 AND 100000),
    PRIMARY KEY (inspectorate_code, programme_year)
);

-- Illustrative figures only, until the secretariat enters each inspectorate's real capacity.
INSERT INTO inspectorate_capacity (inspectorate_code, programme_year, available_days) VALUES
    ('hmicfrs',       '2021-22', 900),
    ('hmicfrs',       '2022-23', 950),
    ('hmcpsi',        '2021-22', 250),
    ('hmcpsi',        '2022-23', 260),
    ('hmi-probation', '2021-22', 600),
    ('hmi-probation', '2022-23', 620),
    ('hmi-prisons',   '2021-22', 500),
    ('hmi-prisons',   '2022-23', 520);

-- One assessment per submission. version counts saves, so a save based on an old copy can be refused.
CREATE TABLE assessment (
    submission_id         INTEGER PRIMARY KEY REFERENCES submission (id),
    likelihood            INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact                INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    programme_year        TEXT NOT NULL CHECK (programme_year IN ('2021-22', '2022-23')),
    over_capacity_reason  TEXT NULL,
    assessed_by           TEXT NOT NULL,
    assessed_at           TEXT NOT NULL,
    version               INTEGER NOT NULL CHECK (version >= 1)
);

CREATE TABLE assessment_days (
    submission_id      INTEGER NOT NULL REFERENCES assessment (submission_id) ON DELETE CASCADE,
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    days               INTEGER NOT NULL CHECK (days BETWEEN 0 AND 2000),
    PRIMARY KEY (submission_id, inspectorate_code)
);
