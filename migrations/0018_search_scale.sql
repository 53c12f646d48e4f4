-- Search at 1,000,000 documents per county: the newest documents and the filters through B-tree indexes.
-- 1. Listing the newest documents (the empty query, the search page's default) and the newest
--    content hits walk this index in the order of the page (date descending, ties by id). It
--    carries unit, kind and Vorgang, so the facet counts over the newest 10,000 are read from the
--    index alone (an index-only scan while the visibility map is set, as after autovacuum).
create index dokumente_neueste on dokumente (tenant_id, datum desc, id) include (unit_id, art, vorgang_id);
-- The old date index is a prefix of the new one.
drop index dokumente_datum;
-- 2. The Aktenplan filter as a bitmap beside the full-text bitmap (BitmapAnd) instead of a filter
--    checked row by row.
create index dokumente_unit on dokumente (tenant_id, unit_id);
