-- The draft joint inspection programme: who inspects, what they look at, and the work planned.

CREATE TABLE inspectorate (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('criminal-justice', 'partner')),
    sort_order  INTEGER NOT NULL
);

CREATE TABLE chief_inspector (
    inspectorate_code TEXT PRIMARY KEY REFERENCES inspectorate (code),
    name              TEXT NOT NULL,
    title             TEXT NOT NULL,
    is_chair          INTEGER NOT NULL DEFAULT 0 CHECK (is_chair IN (0, 1))
);

-- At most one chair of the chief inspectors at a time.
CREATE UNIQUE INDEX chief_inspector_one_chair ON chief_inspector (is_chair) WHERE is_chair = 1;

CREATE TABLE area_of_focus (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    agencies    TEXT NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE cross_cutting_issue (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL
);

CREATE TABLE principle (
    number  INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 10),
    title   TEXT NOT NULL,
    text    TEXT NOT NULL
);

CREATE TABLE consultation (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    opens_at    TEXT NOT NULL,
    closes_at   TEXT NOT NULL,
    CHECK (closes_at > opens_at)
);

CREATE TABLE workstream (
    id                    INTEGER PRIMARY KEY,
    slug                  TEXT NOT NULL UNIQUE,
    title                 TEXT NOT NULL,
    summary               TEXT NOT NULL,
    section               TEXT NOT NULL CHECK (section IN ('core-continuing', 'thematic-continuing', 'new', 'proposed')),
    kind                  TEXT NOT NULL CHECK (kind IN ('rolling-programme', 'inspection', 'review', 'scoping-study')),
    status                TEXT NOT NULL CHECK (status IN ('ongoing', 'in-progress', 'fieldwork', 'planned', 'scope-to-be-agreed', 'not-yet-scoped', 'proposed')),
    programme_year        TEXT NULL CHECK (programme_year IN ('2021-22', '2022-23')),
    expected_publication  TEXT NULL,
    sort_order            INTEGER NOT NULL
);

-- Who takes part. The lead is a participant too, so joint (three or more criminal justice
-- inspectorates) versus bilateral (two) is counted here and never stored.
CREATE TABLE workstream_participant (
    workstream_id      INTEGER NOT NULL REFERENCES workstream (id),
    inspectorate_code  TEXT NOT NULL REFERENCES inspectorate (code),
    role               TEXT NOT NULL CHECK (role IN ('lead', 'supporting')),
    nation             TEXT NULL CHECK (nation IN ('England', 'Wales')),
    PRIMARY KEY (workstream_id, inspectorate_code)
);

CREATE UNIQUE INDEX workstream_one_lead ON workstream_participant (workstream_id) WHERE role = 'lead';

CREATE TABLE workstream_area_of_focus (
    workstream_id       INTEGER NOT NULL REFERENCES workstream (id),
    area_of_focus_code  TEXT NOT NULL REFERENCES area_of_focus (code),
    PRIMARY KEY (workstream_id, area_of_focus_code)
);

CREATE TABLE workstream_cross_cutting_issue (
    workstream_id             INTEGER NOT NULL REFERENCES workstream (id),
    cross_cutting_issue_code  TEXT NOT NULL REFERENCES cross_cutting_issue (code),
    PRIMARY KEY (workstream_id, cross_cutting_issue_code)
);
