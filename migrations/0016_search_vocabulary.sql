-- "Meinten Sie …?": each county's search vocabulary (the index keys of its own documents), filled by the database, matched by trigram similarity.

-- pg_trgm ships with every PostgreSQL (the embedded one included) and is a trusted extension
-- since PostgreSQL 13: the migration role needs only CREATE on the database (its owner has it),
-- no superuser. Where even that is refused, the DBA runs `create extension pg_trgm` once.
create extension if not exists pg_trgm;

-- Tenant-owned: one row per index key (lower-case lemma with umlauts, as in dokumente.search)
-- that occurred in a document of the county. Only a candidate list: a key is suggested only when
-- a document the person may see contains it, and only when the corrected query finds something.
-- `gefaltet` is the key folded to ASCII (ä → ae, ö → oe, ü → ue, ß → ss): trigrams then compare
-- the same under any locale, and a word typed without umlauts meets its key. Collation "C":
-- byte order for the trigger's sort and the primary key (the keys are never sorted for people).
create table search_vocabulary (
  tenant_id text not null references tenants(id),
  schluessel text collate "C" not null check (length(schluessel) between 3 and 40),
  gefaltet text collate "C" not null,
  primary key (tenant_id, schluessel)
);
create index search_vocabulary_trgm on search_vocabulary using gin (gefaltet gin_trgm_ops);
select verbund_tenant_table('search_vocabulary', 'select, insert');

-- Under row-level security PostgreSQL uses an index only for LEAKPROOF operators (as in 0006):
-- without this, every suggestion reads the whole table (measured: 589 ms instead of 61 ms at
-- 500,000 keys). Trigram similarity raises no error and reveals nothing about its arguments.
-- Marking it needs a superuser (the embedded default is one); on an external server the DBA
-- runs the statement once – until then suggestions are correct, only slower.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function similarity_op(text, text) leakproof;
  else
    raise notice 'Verbund: run as superuser: ALTER FUNCTION similarity_op(text, text) LEAKPROOF;';
  end if;
end $$;

-- Runs once per statement that updates dokumente – extraction writes a document's full vector
-- (title, metadata, content) in one statement for a whole batch, the background reindex likewise,
-- and a failed extraction updates the row too. Filing's insert fires nothing: its vector (title
-- and metadata) is a part of the full one that extraction writes after it, and the one-round-trip
-- insert stays as fast as before. One insert per statement of the distinct keys of the new
-- vectors that the vocabulary does not have yet. Left out: compound parts ("_…"), keys with a
-- digit or another character that is not a letter (numbers, e-mail addresses), keys shorter than
-- 3 or longer than 40 characters, and vectors of the old analyzer (search_version 0: folded
-- Snowball stems, nothing to show a person). The keys are checked against the primary key first
-- (a probe costs half a conflicting insert) and the rare new ones inserted in key order, so that
-- two statements adding the same new keys lock them in the same order and cannot deadlock; `on
-- conflict do nothing` covers a key another transaction added in between. The trigger runs with
-- the rights of the writer: row-level security checks that every key goes to the writer's county.
create function verbund_vocabulary_collect() returns trigger
  language plpgsql as $$
begin
  insert into search_vocabulary (tenant_id, schluessel, gefaltet)
  select k.tenant_id, k.w, verbund_fold(k.w)
  from (
    select distinct n.tenant_id, w collate "C" as w
    from neu n cross join lateral unnest(tsvector_to_array(n.search)) w
    where n.search_version > 0 and w not like '\_%'
    offset 0 -- the cheap checks above, then probes, then the regular expression on new keys only
  ) k
  where not exists (select from search_vocabulary v where v.tenant_id = k.tenant_id and v.schluessel = k.w)
    and length(k.w) between 3 and 40 and k.w !~ '[\x01-\x40\x5b-\x60\x7b-\x7f]'
  order by k.tenant_id, k.w
  on conflict do nothing;
  return null;
end $$;

create trigger dokumente_vocabulary after update on dokumente
  referencing new table as neu for each statement execute function verbund_vocabulary_collect();
