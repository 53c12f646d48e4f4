-- The German analyzer runs in the application (src/modules/search/analyzer/): PostgreSQL stores the
-- tsvector it builds. Every document records the analyzer version it was indexed with; documents
-- of an older version (0 = PostgreSQL's Snowball on folded text) are reindexed in the background.
alter table dokumente add column search_version smallint not null default 0;
