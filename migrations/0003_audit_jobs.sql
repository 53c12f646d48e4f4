-- Audit hash chain per tenant (append-only for the app role), onboarding record, job queue.

create table audit_heads (
  tenant_id text primary key references tenants(id),
  seq bigint not null,
  hash text not null
);
select verbund_tenant_table('audit_heads', 'select, insert, update');

create table audit_events (
  tenant_id text not null references tenants(id),
  seq bigint not null check (seq > 0),
  occurred_at timestamptz not null,
  actor text not null,
  action text not null,
  object_type text not null,
  object_id text not null,
  data jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
select verbund_tenant_table('audit_events', 'select, insert');

-- Defence in depth: even a role that was granted UPDATE/DELETE by mistake cannot rewrite history.
-- (A superuser can still bypass it, e.g. with session_replication_role = replica; verify finds that.)
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only' using errcode = '42501';
end $$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function audit_events_append_only();

-- What each member received from the Verbund (onboarding hooks write one row per artifact).
create table tenant_activations (
  tenant_id text not null references tenants(id),
  artifact_kind text not null,
  artifact_id text not null,
  owner_tenant_id text references tenants(id),
  status text not null default 'active' check (status in ('active', 'pending')),
  note text,
  activated_at timestamptz not null default now(),
  primary key (tenant_id, artifact_kind, artifact_id)
);
select verbund_tenant_table('tenant_activations');

-- PostgreSQL-backed job queue. Rows are tenant-owned; workers claim across tenants only through
-- claim_jobs() (SECURITY DEFINER), then process each job inside its own tenant's transaction.
create table jobs (
  tenant_id text not null references tenants(id),
  id bigint generated always as identity,
  kind text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'dead')),
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 8,
  last_error text,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id)
);
create index jobs_ready on jobs (run_at) where status in ('queued', 'running');
select verbund_tenant_table('jobs');
-- FORCE applies RLS to the owner too; claim_jobs() runs as the owner and must see every tenant's
-- queue, so the owner (and only the owner, never verbund_app) gets a policy of its own.
do $$ begin
  execute format('create policy owner_claims on jobs to %I using (true) with check (true)', current_user);
end $$;

create function claim_jobs(kinds text[], max_jobs int, lock_seconds int)
  returns table (tenant_id text, id bigint, kind text, payload jsonb, attempts int, max_attempts int)
  language sql security definer set search_path = public as $$
  update jobs j set status = 'running', attempts = j.attempts + 1,
         locked_until = now() + make_interval(secs => lock_seconds)
  from (
    select c.tenant_id, c.id from jobs c
    where c.kind = any(kinds)
      and ((c.status = 'queued' and c.run_at <= now())
        or (c.status = 'running' and c.locked_until < now()))
    order by c.run_at, c.id
    limit max_jobs
    for update skip locked
  ) picked
  where j.tenant_id = picked.tenant_id and j.id = picked.id
  returning j.tenant_id, j.id, j.kind, j.payload, j.attempts, j.max_attempts
$$;
revoke all on function claim_jobs(text[], int, int) from public;
grant execute on function claim_jobs(text[], int, int) to verbund_app;
