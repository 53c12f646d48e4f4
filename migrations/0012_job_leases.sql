-- Job leases: claimed jobs name their worker, workers beat a heartbeat, jobs of a dead worker are taken up in seconds, a job lost twice is given up.

-- Verbund level (no tenant_id, so no RLS): one row per living job worker (one per worker loop, a
-- process may run several). verbund_app gets no grant on it at all: it beats, claims and declares
-- dead only through the SECURITY DEFINER functions below, which touch nothing but this table and
-- the queue. A grant would let the app role rewrite any worker's heartbeat or list every host.
create table job_workers (
  id uuid primary key,
  -- host name and PID namespace: PIDs are comparable only between workers with the same host key
  host text not null check (length(host) <= 300),
  pid int not null,
  started_at timestamptz not null default now(),
  heartbeat_at timestamptz not null default now()
);

-- locked_by: the worker holding a running job (its lease), claimed_at: since when; crashes: runs
-- lost with their worker or their lease, counted apart from attempts that ended in an error.
alter table jobs add column locked_by uuid, add column claimed_at timestamptz,
  add column crashes int not null default 0;

-- The claim of 0003 knew no owner; a job claimed through it would look orphaned at once.
drop function claim_jobs(text[], int, int);

-- Beats the worker's heartbeat (registering it if needed, e.g. after it was declared dead while
-- paused), forgets workers whose heartbeat is long gone, and returns the other workers of the same
-- host key so that the caller can check their PIDs.
create function job_worker_beat(worker uuid, worker_host text, worker_pid int, stale_seconds int)
  returns table (id uuid, pid int)
  language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
begin
  insert into job_workers as w (id, host, pid) values (worker, worker_host, worker_pid)
    on conflict (id) do update set heartbeat_at = now();
  -- A stale row and a missing row mean the same to claim_jobs(); deleting keeps the table small.
  delete from job_workers w where w.heartbeat_at < now() - make_interval(secs => stale_seconds);
  return query select w.id, w.pid from job_workers w where w.host = worker_host and w.id <> worker;
end $$;
revoke all on function job_worker_beat(uuid, text, int, int) from public;
grant execute on function job_worker_beat(uuid, text, int, int) to verbund_app;

-- Declares workers dead (their process is gone, or they stopped): their running jobs become
-- claimable at once.
create function job_workers_forget(workers uuid[]) returns void
  language sql security definer set search_path = public as $$
  delete from job_workers where id = any(workers)
$$;
revoke all on function job_workers_forget(uuid[]) from public;
grant execute on function job_workers_forget(uuid[]) to verbund_app;

-- The running jobs (few: at most a batch per worker) and the jobs that were lost before (rare), so
-- that neither search walks the backlog of queued jobs.
create index jobs_running on jobs (run_at) where status = 'running';
create index jobs_crashed on jobs (run_at) where status = 'queued' and crashes > 0;

-- Claims due jobs for a worker and beats its heartbeat, in one round trip:
-- 1. Lost runs go back to the queue: running jobs whose worker has not beaten within stale_seconds
--    (or is gone), or whose lease ran out (the last resort for a run that hangs while its worker
--    lives). Such a run counts as a crash – except the worker's own running jobs (it claims only
--    when it has finished its last batch, so these are runs it could not settle, e.g. while the
--    database was away) and runs lost while PostgreSQL itself restarted (then every heartbeat
--    goes stale).
-- 2. A job that crashed before is claimed alone: if it kills its worker again, no innocent
--    neighbour of its batch dies with it (and is counted a crash). The worker gives up, instead of
--    running, a job that comes back with too many crashes.
-- 3. Otherwise up to max_jobs due jobs, oldest first.
create function claim_jobs(kinds text[], max_jobs int, worker uuid, worker_host text, worker_pid int,
    lease_seconds int, stale_seconds int)
  returns table (tenant_id text, id bigint, kind text, payload jsonb, attempts int, max_attempts int,
    crashes int)
  language plpgsql security definer set search_path = public as $$
#variable_conflict use_column
begin
  -- An idle worker claims twice a second; its heartbeat row need not be rewritten that often.
  insert into job_workers as w (id, host, pid) values (worker, worker_host, worker_pid)
    on conflict (id) do update set heartbeat_at = now() where w.heartbeat_at < now() - interval '1 second';

  update jobs j set status = 'queued', locked_by = null, locked_until = null,
         crashes = j.crashes + (j.locked_by is distinct from worker
           and coalesce(j.claimed_at > pg_postmaster_start_time(), false))::int
  from (
    select c.tenant_id, c.id from jobs c
    where c.status = 'running' and c.kind = any(kinds)
      and (c.locked_by = worker or c.locked_until < now() or not exists (
        select 1 from job_workers w
        where w.id = c.locked_by and w.heartbeat_at >= now() - make_interval(secs => stale_seconds)))
    for update skip locked
  ) lost
  where j.tenant_id = lost.tenant_id and j.id = lost.id;

  return query
  update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = worker, claimed_at = now(),
         locked_until = now() + make_interval(secs => lease_seconds)
  from (
    select c.tenant_id, c.id from jobs c
    where c.status = 'queued' and c.crashes > 0 and c.run_at <= now() and c.kind = any(kinds)
    order by c.run_at, c.id
    limit 1
    for update skip locked
  ) picked
  where j.tenant_id = picked.tenant_id and j.id = picked.id
  returning j.tenant_id, j.id, j.kind, j.payload, j.attempts, j.max_attempts, j.crashes;
  if found then
    return;
  end if;

  return query
  update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = worker, claimed_at = now(),
         locked_until = now() + make_interval(secs => lease_seconds)
  from (
    select c.tenant_id, c.id from jobs c
    where c.status = 'queued' and c.crashes = 0 and c.run_at <= now() and c.kind = any(kinds)
    order by c.run_at, c.id
    limit max_jobs
    for update skip locked
  ) picked
  where j.tenant_id = picked.tenant_id and j.id = picked.id
  returning j.tenant_id, j.id, j.kind, j.payload, j.attempts, j.max_attempts, j.crashes;
end $$;
revoke all on function claim_jobs(text[], int, uuid, text, int, int, int) from public;
grant execute on function claim_jobs(text[], int, uuid, text, int, int, int) to verbund_app;
