-- The bid search on PostgreSQL (SQLite's FTS5 table bid_search, migration 0030 there, decision 0033):
-- the same three columns, each with a trigram index, which PostgreSQL uses for ILIKE '%words%'.
-- pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX bids_reference_trgm ON bids USING gin (reference gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX bids_title_trgm ON bids USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX organisations_name_trgm ON organisations USING gin (name gin_trgm_ops);
