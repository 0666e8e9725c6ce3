-- +goose Up
-- The newest public normative documents of a government and its departments (the portal's home
-- page, the normative lists): each body's first rows of this index, merged, instead of reading
-- every public entry of each body to find its normative ones.
CREATE INDEX entries_public_normative ON entries (body_id, published_at DESC, id DESC)
    WHERE kind = 'normative' AND status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld';

-- +goose Down
DROP INDEX entries_public_normative;
