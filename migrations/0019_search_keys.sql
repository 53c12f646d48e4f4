-- Search at 1,000,000 documents per county, part 2: the keys of each document's full-text vector
-- as 32-bit hashes in the row itself, so that a word in most documents is checked row by row
-- without reading the full vector (kilobytes in TOAST, compressed).

-- intarray's operators compare sorted integer arrays in one pass (measured at 1M documents: 38,000
-- rows read and tested in 59 ms instead of 168 ms with the built-in generic array operator). It ships with every PostgreSQL and is a
-- trusted extension since PostgreSQL 13 (the database owner may create it). Where it is refused,
-- search uses the built-in operator: correct, slower.
do $$
begin
  create extension if not exists intarray;
exception when others then
  raise notice 'Verbund: extension intarray not available (%); search checks keys more slowly', sqlerrm;
end $$;

-- The distinct keys of a vector (lemmas, compound parts, numbers) as sorted hashtext() values.
-- hashtext is PostgreSQL's own text hash, the same at index and query time (the query hashes its
-- keys in SQL too). Two keys with the same hash are possible (about 1 in 16 million documents per
-- query word); such a document is never shown – every hit on a page is checked against its full
-- vector – but may be counted. After a major-version upgrade that changed hashtext, `verbund suche
-- reindex` rewrites the vectors and so the hashes.
create or replace function verbund_search_keys(v tsvector) returns int4[]
  language sql immutable strict parallel safe
  as $$ select coalesce(array_agg(distinct hashtext(l)), '{}') from unnest(tsvector_to_array(v)) l $$;

-- Rows of up to 4 KB stay in the table (the default moves columns out above 2 KB): the keys (4
-- bytes per distinct key, about 1 KB for a letter of two pages) are read with the row. MAIN: the
-- keys are the last column moved out of a row that is still too large.
alter table dokumente set (toast_tuple_target = 4080);
-- Generated from the vector, so every writer (filing, extraction, reindex, imports) keeps it
-- right without knowing it. Adding it rewrites the table once (about 6 minutes per million
-- documents on 2 cores; the table is locked meanwhile).
alter table dokumente add column if not exists search_keys int4[]
  generated always as (verbund_search_keys(search)) stored;
alter table dokumente alter column search_keys set storage main;

-- The most recently filed documents first, in the table's order backwards: where search checks
-- documents one by one for the newest hits, it reads neighbouring rows (a date index would jump
-- across the whole table for each row).
create index if not exists dokumente_eingang on dokumente (tenant_id, created_at desc, id);
