-- Search at scale.
-- 1. Ranking uses a compact vector of title (A) and metadata (B): ranking tens of thousands of
--    matches must not read every document's full-text vector (which is TOASTed).
alter table dokumente add column search_head tsvector not null default ''::tsvector;
create function verbund_search_head(titel text, meta text) returns tsvector
  language sql immutable parallel safe as $$
  select setweight(to_tsvector('german', verbund_fold(coalesce(titel, ''))), 'A')
      || setweight(to_tsvector('german', verbund_fold(coalesce(meta, ''))), 'B')
$$;
update dokumente set search_head = verbund_search_head(titel, '');

-- 2. Under row-level security PostgreSQL only uses an index for an operator it knows cannot leak
--    data (LEAKPROOF); the full-text match and array containment do not, so without this every
--    search reads the whole table. Marking them needs a superuser (the embedded default is one);
--    on an external server the DBA runs these two statements once (see README).
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function ts_match_vq(tsvector, tsquery) leakproof;
    alter function arraycontains(anyarray, anyarray) leakproof;
  else
    raise notice 'Verbund: run as superuser: ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF; ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;';
  end if;
end $$;

-- 3. Title/metadata hits are found through their own small index.
create index dokumente_search_head on dokumente using gin (search_head);
