-- Rate limits per client address (shared by every web process) and the stored results of API requests sent with an Idempotency-Key.

-- Verbund level: a limit protects the whole installation, whichever county a request is for.
-- `subject` is the SHA-256 of the client address (IPv6: of its /64), never the address itself; a
-- row lives only until its window ends (deleted on the fly by the web processes). UNLOGGED: no
-- WAL and no flush per request (counts are lost after a crash of PostgreSQL, which is harmless).
create unlogged table rate_limits (
  bucket text not null check (length(bucket) between 1 and 40),
  subject text not null check (length(subject) between 1 and 64),
  window_start timestamptz not null,
  window_end timestamptz not null,
  hits int not null,
  primary key (bucket, subject)
);
create index rate_limits_window_end on rate_limits (window_end);
grant select, insert, update, delete on rate_limits to verbund_app;

-- Tenant-owned: the first answer to a creating API request, replayed to a retry with the same
-- key from the same caller. state 'running' is a lease (locked_until, renewed while the request
-- runs) so that a key of a process that died is free again within a minute.
create table idempotency_keys (
  tenant_id text not null references tenants(id),
  caller text not null check (length(caller) between 1 and 200),
  key text not null check (length(key) between 1 and 255),
  method text not null,
  path text not null,
  fingerprint text not null,
  state text not null check (state in ('running', 'done')),
  locked_until timestamptz not null,
  response_status int,
  response_headers jsonb,
  response_body bytea,
  -- SHA-256 of a streamed body (uploads) without its multipart boundary, known once it has passed
  body_hash text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (tenant_id, caller, key)
);
create index idempotency_keys_expires on idempotency_keys (tenant_id, expires_at);
select verbund_tenant_table('idempotency_keys');
