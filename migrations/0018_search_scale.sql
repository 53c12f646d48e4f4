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
-- 3. Matching a document's full-text vector row by row means reading it from TOAST (kilobytes per
--    document); PostgreSQL prices it like a comparison of two integers (cost 1) and so prefers to
--    check a filter's rows one by one over combining the GIN bitmap with the filter's bitmap:
--    a very common word with the Aktenplan filter read 15,000 vectors (2 s at 200,000 documents)
--    instead of intersecting two bitmaps. The real cost is about that of reading a page. Like the
--    LEAKPROOF marks of 0006 this needs a superuser (the embedded default is one); on an external
--    server the DBA runs the statement once (see README), without it the search is slower, not wrong.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function ts_match_vq(tsvector, tsquery) cost 1000;
  else
    raise notice 'Verbund: run as superuser: ALTER FUNCTION ts_match_vq(tsvector, tsquery) COST 1000;';
  end if;
end $$;
