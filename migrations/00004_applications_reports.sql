-- +goose Up
-- Applications for disclosure (依申请公开), their events and appeals; the working-day calendar
-- years an administrator loaded; annual reports with their locked snapshots.

-- Calendar years loaded by an administrator (`xxgk calendar load`, the console upload). The
-- years xxgk ships are the default; a row here adds or replaces one year.
CREATE TABLE calendar_years (
    year       int PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200),
    csv        text NOT NULL,   -- the year's rows in holidays-cn.csv format
    loaded_by  text NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE applications (
    id                bigserial PRIMARY KEY,
    body_id           bigint NOT NULL REFERENCES bodies (id),
    -- YSQ-2026-000123: unique per body and year (the serial restarts each year per body).
    tracking_no       text NOT NULL UNIQUE,
    year              int NOT NULL,
    serial            int NOT NULL,
    -- The query code is shown to the applicant once; only its hash is stored.
    query_code_hash   bytea NOT NULL,
    applicant_type    text NOT NULL CHECK (applicant_type IN ('person', 'company', 'research', 'nonprofit', 'legal_services', 'other')),
    -- Personal data (PIPL): shown in full only to officers of the body, administrators and auditors.
    applicant_name    text NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 200),
    id_type           text NOT NULL DEFAULT '',   -- resident_id, passport, …; for organisations: uscc
    id_number         text NOT NULL DEFAULT '',
    legal_rep         text NOT NULL DEFAULT '',   -- organisations: legal representative
    contact_person    text NOT NULL DEFAULT '',
    phone             text NOT NULL DEFAULT '',
    email             text NOT NULL DEFAULT '',
    address           text NOT NULL DEFAULT '',
    postcode          text NOT NULL DEFAULT '',
    description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
    doc_hint          text NOT NULL DEFAULT '',   -- title, document number or index number if known
    form_wanted       text NOT NULL DEFAULT 'electronic' CHECK (form_wanted IN ('electronic', 'paper', 'onsite')),
    delivery          text NOT NULL DEFAULT 'online' CHECK (delivery IN ('online', 'email', 'post', 'fax', 'pickup', 'onsite')),
    channel           text NOT NULL CHECK (channel IN ('online', 'in_person', 'post', 'registered_post', 'fax', 'email', 'import')),
    consent           boolean NOT NULL DEFAULT false,
    submitted_at      timestamptz NOT NULL DEFAULT now(),
    -- Art. 31: the day the application counts as received (confirmed by the office for online ones).
    received_on       date,
    status            text NOT NULL CHECK (status IN ('submitted', 'received', 'in_progress', 'awaiting_correction',
                          'consulting', 'extended', 'fee_pending', 'answered', 'closed', 'withdrawn', 'transferred')),
    -- The due date as last computed (requests.ComputeDeadline), for queues and the report; NULL while
    -- it cannot be computed (awaiting correction, unpaid fee).
    due_on            date,
    due_provisional   boolean NOT NULL DEFAULT false,
    extended          boolean NOT NULL DEFAULT false,
    outcome           text,
    answered_on       date,
    answer_text       text NOT NULL DEFAULT '',
    fee_yuan          int,
    transferred_to    bigint REFERENCES applications (id),
    transferred_from  bigint REFERENCES applications (id),
    source            text NOT NULL DEFAULT 'online' CHECK (source IN ('online', 'console', 'api', 'import', 'seed')),
    created_by        text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (body_id, year, serial),
    CHECK ((outcome IS NULL) = (answered_on IS NULL)),
    CHECK (status NOT IN ('answered', 'closed', 'withdrawn') OR outcome IS NOT NULL)
);
CREATE INDEX applications_body_status ON applications (body_id, status, due_on);
CREATE INDEX applications_body_received ON applications (body_id, received_on);
CREATE INDEX applications_body_answered ON applications (body_id, answered_on);
COMMENT ON COLUMN applications.received_on IS 'Art. 31 received date: the start of the answer clock';
COMMENT ON COLUMN applications.outcome IS 'requests.Outcome: the leaf row of annual-report table 三';

CREATE TABLE application_counters (
    body_id bigint NOT NULL REFERENCES bodies (id),
    year    int NOT NULL,
    last    int NOT NULL,
    PRIMARY KEY (body_id, year)
);

-- Every step of an application, oldest first: what the clock is computed from and what the
-- applicant's tracking page shows. Append-only.
CREATE TABLE application_events (
    id             bigserial PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications (id),
    kind           text NOT NULL,   -- requests event kinds (received, correction_requested, …, answered)
    on_date        date NOT NULL,   -- the day it happened (may be earlier than at: paper records)
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text NOT NULL,
    basis          text NOT NULL DEFAULT '',  -- legal basis cited (第三十条 …)
    note           text NOT NULL DEFAULT '',
    data           jsonb NOT NULL DEFAULT '{}', -- kind-specific: pause reason, extension days, fee, outcome …
    public         boolean NOT NULL DEFAULT true -- shown on the applicant's tracking page
);
CREATE INDEX application_events_app ON application_events (application_id, id);
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON application_events
    FOR EACH ROW EXECUTE FUNCTION catalog_append_only();

-- Files of an application: the applicant's (ID scan …), released information and letters.
CREATE TABLE application_files (
    id             bigserial PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications (id),
    purpose        text NOT NULL CHECK (purpose IN ('applicant', 'release', 'letter')),
    sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    name           text NOT NULL,
    media_type     text NOT NULL,
    size           bigint NOT NULL,
    created_by     text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_files_app ON application_files (application_id, id);

-- Failed tracking attempts, for limiting guesses of query codes per address and per tracking number.
CREATE TABLE tracking_failures (
    key  text NOT NULL,   -- 'addr:1.2.3.4' or 'no:YSQ-2026-000123'
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracking_failures_key ON tracking_failures (key, at);

-- Administrative reviews and lawsuits about a body's disclosure decisions (report table 四).
CREATE TABLE appeals (
    id             bigserial PRIMARY KEY,
    body_id        bigint NOT NULL REFERENCES bodies (id),
    application_id bigint REFERENCES applications (id),
    kind           text NOT NULL CHECK (kind IN ('review', 'lawsuit', 'lawsuit_after_review')),
    result         text NOT NULL DEFAULT 'pending' CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
    filed_on       date NOT NULL,
    concluded_on   date,
    note           text NOT NULL DEFAULT '',
    source         text NOT NULL DEFAULT 'console' CHECK (source IN ('console', 'api', 'import', 'seed')),
    created_by     text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((result = 'pending') = (concluded_on IS NULL))
);
CREATE INDEX appeals_body_filed ON appeals (body_id, filed_on);
COMMENT ON COLUMN appeals.kind IS 'review = 行政复议; lawsuit = 未经复议直接起诉; lawsuit_after_review = 复议后起诉';

-- Annual disclosure reports: the office's typed figures and narrative, and once locked, the
-- snapshot that never changes (reports.Report as JSON) with its content hash.
CREATE TABLE annual_reports (
    body_id      bigint NOT NULL REFERENCES bodies (id),
    year         int NOT NULL CHECK (year BETWEEN 2008 AND 2200),
    figures      jsonb NOT NULL DEFAULT '{}',   -- permits, penalties, coercive_measures, fees_wan_yuan (null = not applicable)
    sections     jsonb NOT NULL DEFAULT '{}',   -- overview, problems, other
    updated_by   text NOT NULL DEFAULT '',
    updated_at   timestamptz NOT NULL DEFAULT now(),
    locked_at    timestamptz,
    locked_by    text NOT NULL DEFAULT '',
    snapshot     jsonb,
    content_hash text NOT NULL DEFAULT '',
    template     text NOT NULL DEFAULT '',
    entry_id     bigint REFERENCES entries (id),  -- the published report in the 年报 column
    PRIMARY KEY (body_id, year),
    CHECK ((locked_at IS NULL) = (snapshot IS NULL))
);

-- +goose Down
DROP TABLE annual_reports;
DROP TABLE appeals;
DROP TABLE tracking_failures;
DROP TABLE application_files;
DROP TABLE application_events;
DROP TABLE application_counters;
DROP TABLE applications;
DROP TABLE calendar_years;
