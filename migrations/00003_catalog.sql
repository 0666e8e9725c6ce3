-- +goose Up
-- The disclosure catalog (政府信息公开目录): each body's column tree and its entries, with
-- versions, relations, attachments, and the outbox the search indexer drains.

CREATE TABLE columns (
    id          bigserial PRIMARY KEY,
    body_id     bigint NOT NULL REFERENCES bodies (id),
    -- A stable slug, unique per body: the standard columns keep their template code
    -- (catalog.StandardColumns) after officers rename them; added columns get "c-<n>".
    code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    parent_id   bigint REFERENCES columns (id),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    name_en     text NOT NULL DEFAULT '',
    art20_item  int NOT NULL DEFAULT 0 CHECK (art20_item BETWEEN 0 AND 15),
    freshness   text NOT NULL DEFAULT 'none' CHECK (freshness IN ('news', 'policy', 'none')),
    empty_note  text NOT NULL DEFAULT '',
    standard    boolean NOT NULL DEFAULT false,
    position    int NOT NULL DEFAULT 0,
    retired_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (body_id, code)
);
CREATE INDEX columns_body ON columns (body_id, parent_id, position, id);
COMMENT ON COLUMN columns.art20_item IS 'The item (1-15) of Art. 20 of the Regulation the column serves; 0 for none';
COMMENT ON COLUMN columns.retired_at IS 'Retired columns accept no new entries and are hidden from the tree; their entries stay readable';

CREATE TABLE entries (
    id               bigserial PRIMARY KEY,
    body_id          bigint NOT NULL REFERENCES bodies (id),
    column_id        bigint NOT NULL REFERENCES columns (id),
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
    -- 索引号: generated on publish ({org_code}/{YYYY}-{NNNNN}) or kept from an import.
    index_no         text,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    title_en         text NOT NULL DEFAULT '',
    summary          text NOT NULL DEFAULT '',
    summary_en       text NOT NULL DEFAULT '',
    formed_on        date NOT NULL,
    published_at     timestamptz,
    effective_on     date,
    issuers          text[] NOT NULL DEFAULT '{}',
    doc_no           text NOT NULL DEFAULT '',
    -- catalog.NormalizeDocNo(doc_no) folded for lookup: every written form of a number finds it.
    doc_no_norm      text NOT NULL DEFAULT '',
    subject          text NOT NULL DEFAULT '',
    keywords         text[] NOT NULL DEFAULT '{}',
    disclosure_mode  text NOT NULL DEFAULT 'proactive' CHECK (disclosure_mode IN ('proactive', 'on_request', 'withheld')),
    withheld_reason  text NOT NULL DEFAULT '',
    review_on        date,
    body_text        text NOT NULL DEFAULT '',
    kind             text NOT NULL DEFAULT 'other' CHECK (kind IN ('rule', 'normative', 'other')),
    -- Validity as last decided (by an officer, a relation or the daily sweep); readers compute
    -- the validity on a date from it and valid_until, so a lapse shows on its day even before
    -- the sweep records it.
    validity         text CHECK (validity IN ('in_force', 'lapsed', 'repealed', 'amended')),
    valid_until      date,
    repealed_on      date,
    registration_no  text NOT NULL DEFAULT '',
    version          int NOT NULL DEFAULT 1,
    source           text NOT NULL DEFAULT 'console' CHECK (source IN ('console', 'api', 'import', 'seed')),
    withdrawn_at     timestamptz,
    withdrawn_reason text NOT NULL DEFAULT '',
    created_by       text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'normative') = (validity IS NOT NULL)),
    CHECK (status = 'draft' OR (published_at IS NOT NULL AND index_no IS NOT NULL)),
    CHECK (status <> 'withdrawn' OR (withdrawn_at IS NOT NULL AND withdrawn_reason <> ''))
);
CREATE UNIQUE INDEX entries_index_no ON entries (body_id, index_no) WHERE index_no IS NOT NULL;
CREATE INDEX entries_list ON entries (body_id, column_id, published_at DESC, id DESC);
CREATE INDEX entries_body_published ON entries (body_id, published_at DESC, id DESC);
CREATE INDEX entries_normative ON entries (body_id, valid_until) WHERE kind = 'normative';
CREATE INDEX entries_doc_no ON entries (doc_no_norm) WHERE doc_no_norm <> '';
-- Degraded search when Meilisearch is down: trigram indexes serve LIKE '%营商环境%'.
CREATE INDEX entries_title_trgm ON entries USING gin (title gin_trgm_ops);
CREATE INDEX entries_summary_trgm ON entries USING gin (summary gin_trgm_ops);

-- Serial numbers of generated index numbers, per body and year. A publish takes the next
-- serial with an upsert that row-locks the counter, so two servers publishing at the same
-- instant get different numbers; a serial already held by an imported entry is skipped.
CREATE TABLE index_counters (
    body_id  bigint NOT NULL REFERENCES bodies (id),
    year     int NOT NULL,
    last     int NOT NULL,
    PRIMARY KEY (body_id, year)
);

-- Every published state of an entry, oldest first: version 1 is the state at publication and
-- each correction adds one with who, when and what changed. Append-only, like the audit log.
CREATE TABLE entry_versions (
    entry_id   bigint NOT NULL REFERENCES entries (id),
    version    int NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text NOT NULL,
    note       text NOT NULL DEFAULT '',
    -- {"field": {"before": x, "after": y}}; empty for version 1.
    changes    jsonb NOT NULL DEFAULT '{}',
    -- The entry's public fields as of this version (catalog.Snapshot as JSON).
    snapshot   jsonb NOT NULL,
    PRIMARY KEY (entry_id, version)
);

-- +goose StatementBegin
CREATE FUNCTION catalog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER entry_versions_append_only BEFORE UPDATE OR DELETE ON entry_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_append_only();

-- Nothing published is deleted: a published or withdrawn entry cannot be removed.
-- +goose StatementBegin
CREATE FUNCTION entries_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' THEN
        RAISE EXCEPTION 'entry % is %: it cannot be deleted', OLD.id, OLD.status;
    END IF;
    RETURN OLD;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER entries_keep_published BEFORE DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION entries_no_delete();

-- Links between entries: from_id interprets / amends / repeals / replaces to_id.
CREATE TABLE entry_relations (
    from_id    bigint NOT NULL REFERENCES entries (id),
    to_id      bigint NOT NULL REFERENCES entries (id),
    kind       text NOT NULL CHECK (kind IN ('interprets', 'amends', 'repeals', 'replaces')),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT '',
    PRIMARY KEY (from_id, to_id, kind),
    CHECK (from_id <> to_id)
);
CREATE INDEX entry_relations_to ON entry_relations (to_id);

-- Attachments are stored once per content hash (catalog.BlobStore); this table names them per
-- entry. Removing an attachment from a published entry is a new version, never a deletion.
CREATE TABLE attachments (
    id          bigserial PRIMARY KEY,
    entry_id    bigint NOT NULL REFERENCES entries (id),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    media_type  text NOT NULL,
    size        bigint NOT NULL CHECK (size >= 0),
    -- Text extracted from PDF, DOCX and XLSX for search (truncated).
    text        text NOT NULL DEFAULT '',
    position    int NOT NULL DEFAULT 0,
    removed_at  timestamptz,
    created_by  text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_entry ON attachments (entry_id, position, id);

-- Search outbox: written in the same transaction as every change to what the public sees, and
-- drained by the indexer (search.Indexer), so the index catches up after any outage.
CREATE TABLE search_outbox (
    id          bigserial PRIMARY KEY,
    entry_id    bigint NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX search_outbox_entry ON search_outbox (entry_id);

-- +goose Down
DROP TABLE search_outbox;
DROP TABLE attachments;
DROP TABLE entry_relations;
DROP TRIGGER entries_keep_published ON entries;
DROP FUNCTION entries_no_delete();
DROP TABLE entry_versions;
DROP FUNCTION catalog_append_only();
DROP TABLE index_counters;
DROP TABLE entries;
DROP TABLE columns;
