-- Background reindex after an analyzer change: the progress of each county's run, and the index that finds outdated documents.

-- Tenant-owned: one row per county, the last (or the running) reindex. The job `search.reindex`
-- advances it batch by batch in the batch's own transaction, so the row always says what is
-- committed. `planned` is what the run set out to do (outdated documents, or all of them for
-- mode 'alle'), `done` what it has re-indexed; the next batch starts after (cursor_version,
-- cursor_id) in the order of dokumente_search_version (mode 'veraltet') or of the primary key
-- (mode 'alle'). A run ends when its cursor reaches the end and no outdated document is left
-- (or after `passes` reaches its limit: then the rest waits for the next start).
create table search_reindex (
  tenant_id text not null references tenants(id),
  analyzer_version smallint not null,
  mode text not null check (mode in ('veraltet', 'alle')),
  status text not null check (status in ('laeuft', 'fertig', 'abgebrochen')),
  total int not null check (total >= 0),
  planned int not null check (planned >= 0),
  done int not null default 0 check (done >= 0),
  cursor_version smallint,
  cursor_id uuid,
  passes int not null default 1,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  last_error text check (length(last_error) <= 2000),
  primary key (tenant_id)
);
select verbund_tenant_table('search_reindex', 'select, insert, update');

-- Outdated documents of a county in id order (search_version < the analyzer's version), without
-- walking the current ones: the reindex reads its batches along this index with a cursor, and the
-- start of the web process asks it whether a county has any outdated document at all.
create index dokumente_search_version on dokumente (tenant_id, search_version, id);

-- For GET /health (no county, no login): how many counties are reindexing and how many documents
-- they have left, summed over the Verbund – no county's name or figures. SECURITY DEFINER: it
-- reads every county's run, and nothing else. FORCE applies RLS to the owner too, so the owner
-- (never verbund_app) may read the runs, as claim_jobs() reads the queue (0003).
do $$ begin
  execute format('create policy owner_overview on search_reindex for select to %I using (true)', current_user);
end $$;
create function search_reindex_overview(out laufend int, out verbleibend bigint)
  language sql stable security definer set search_path = public as $$
  select count(*)::int, coalesce(sum(greatest(planned - done, 0)), 0)::bigint
  from search_reindex where status = 'laeuft'
$$;
revoke all on function search_reindex_overview() from public;
grant execute on function search_reindex_overview() to verbund_app;
