-- +goose Up
-- Trigram indexes serve the degraded search (LIKE '%营商环境%') when Meilisearch is away:
-- Debian's PostgreSQL has no Chinese full-text parser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
