-- "Meinten Sie …?": the words of documents filed with their text reach the vocabulary too.
-- The bulk import reads a file's text while it has the file at hand and files the document with it
-- (text_status 'done', the full search vector in the insert, no extraction job) – so no update of
-- dokumente fires dokumente_vocabulary (0016) for it. A trigger on insert was measured and
-- dropped: it runs once per filing statement, after the statement took the county's audit chain,
-- so every import transaction waited for the others' vocabulary probes (10 ms per file under load
-- instead of about 0.3 ms per document in batches). Instead the import adds the words of what it
-- filed in batches and once more, for the whole run, when the run finishes (so a run killed
-- between a filing and its batch loses no word). Same rules as verbund_vocabulary_collect; runs
-- with the rights of the caller, so row-level security reads only the county's own documents and
-- lets keys only into its own vocabulary.
create function verbund_vocabulary_add(ids uuid[]) returns void
  language sql as $$
  insert into search_vocabulary (tenant_id, schluessel, gefaltet)
  select k.tenant_id, k.w, verbund_fold(k.w)
  from (
    select distinct d.tenant_id, w collate "C" as w
    from dokumente d cross join lateral unnest(tsvector_to_array(d.search)) w
    where d.id = any(ids) and d.search_version > 0 and w not like '\_%'
    offset 0
  ) k
  where not exists (select from search_vocabulary v where v.tenant_id = k.tenant_id and v.schluessel = k.w)
    and length(k.w) between 3 and 40 and k.w !~ '[\x01-\x40\x5b-\x60\x7b-\x7f]'
  order by k.tenant_id, k.w
  on conflict do nothing
$$;
grant execute on function verbund_vocabulary_add(uuid[]) to verbund_app;
