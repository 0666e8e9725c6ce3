-- +goose Up
-- The public catalog at province scale (millions of entries, thousands per body): the portal's
-- listings and column statistics count and page through a body's public entries. These
-- partial indexes hold exactly those entries, in the order the portal shows them, so that a
-- count is an index-only scan and a page the first rows of the index, whatever the size of the
-- body's catalog (docs/benchmarks.md).
CREATE INDEX entries_public_column ON entries (body_id, column_id, published_at DESC, id DESC)
    WHERE status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld';
CREATE INDEX entries_public_body ON entries (body_id, published_at DESC, id DESC)
    WHERE status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld';

-- +goose Down
DROP INDEX entries_public_body;
DROP INDEX entries_public_column;
