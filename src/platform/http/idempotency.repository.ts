import { sql } from 'kysely';
import type { DatabaseHandle } from '../database/database.ts';
import { quoteLiteral } from '../database/prepared.ts';

// All SQL of the Idempotency-Key store: table idempotency_keys, tenant-owned, under RLS; every
// statement is one round trip (executeAsTenant).

/** How long a running request holds its key without renewal (renewed every third of it). */
export const LEASE_SECONDS = 60;
const KEEP_HOURS = 24;
const PURGE_EVERY_MS = 10 * 60_000;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'content-location'];

export type KeyRequest = {
  tenantId: string;
  caller: string;
  key: string;
  method: string;
  path: string;
  /** Method, path, media type and – for JSON and forms – the body's SHA-256. */
  fingerprint: string;
};

export type Stored = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  bodyHash: string | null;
};
export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'reused' }
  | { outcome: 'running'; leaseLeftSeconds: number }
  /** The holder died after its work committed and before it stored the answer. */
  | { outcome: 'lost' }
  | { outcome: 'done'; stored: Stored };

/**
 * One statement: inserts the key as 'running', or takes over a key whose holder died before its
 * work committed (lease run out, committed_at empty, same request) or whose 24 h are over;
 * otherwise returns the row as it stands.
 *
 * Committed without waiting for the WAL flush: the object the request creates commits later and
 * synchronously, which flushes this record too – a claim can only be lost together with the work.
 */
export async function claimKey(database: DatabaseHandle, r: KeyRequest): Promise<Claim> {
  const rows = await database.executeAsTenant(
    r.tenantId,
    sql<{
      claimed: number;
      method: string | null;
      path: string | null;
      fingerprint: string | null;
      state: 'running' | 'done' | null;
      lease_left: number | null;
      lease_over: boolean | null;
      committed: boolean | null;
      response_status: number | null;
      response_headers: Record<string, string> | null;
      response_body: Buffer | null;
      body_hash: string | null;
    }>`
      with claimed as (
        insert into idempotency_keys as k
          (tenant_id, caller, key, method, path, fingerprint, state, locked_until, expires_at)
        values (${r.tenantId}, ${r.caller}, ${r.key}, ${r.method}, ${r.path}, ${r.fingerprint}, 'running',
          now() + make_interval(secs => ${LEASE_SECONDS}), now() + make_interval(hours => ${KEEP_HOURS}))
        on conflict (tenant_id, caller, key) do update set
          method = excluded.method, path = excluded.path, fingerprint = excluded.fingerprint,
          state = 'running', locked_until = excluded.locked_until, response_status = null,
          response_headers = null, response_body = null, body_hash = null, committed_at = null,
          created_at = now(), expires_at = excluded.expires_at
        where k.expires_at <= now()
           or (k.state = 'running' and k.locked_until <= now() and k.committed_at is null
               and k.method = excluded.method and k.path = excluded.path
               and k.fingerprint = excluded.fingerprint)
        returning 1
      )
      select set_config('synchronous_commit', 'off', true) as async_commit,
        (select count(*) from claimed)::int as claimed, e.method, e.path, e.fingerprint, e.state,
        greatest(1, ceil(extract(epoch from e.locked_until - now())))::int as lease_left,
        e.locked_until <= now() as lease_over, e.committed_at is not null as committed,
        e.response_status, e.response_headers, e.response_body, e.body_hash
      from (select 1) as one
      left join idempotency_keys e on e.tenant_id = ${r.tenantId} and e.caller = ${r.caller} and e.key = ${r.key}`,
  );
  const row = rows[0]!;
  if (row.claimed > 0) return { outcome: 'claimed' };
  // Claimed by a request that committed after this statement began: it is running.
  if (row.state === null) return { outcome: 'running', leaseLeftSeconds: 1 };
  if (row.method !== r.method || row.path !== r.path || row.fingerprint !== r.fingerprint)
    return { outcome: 'reused' };
  if (row.state === 'running' && row.lease_over && row.committed) return { outcome: 'lost' };
  if (row.state === 'running') return { outcome: 'running', leaseLeftSeconds: row.lease_left ?? 1 };
  return {
    outcome: 'done',
    stored: {
      status: row.response_status!,
      headers: row.response_headers ?? {},
      body: row.response_body ?? Buffer.alloc(0),
      bodyHash: row.body_hash,
    },
  };
}

/**
 * The statement that marks the key "work committed" inside the work's own transaction (appended by
 * the database layer, see runWithCommitStatement): only when that transaction has written, so a
 * request that only reads leaves the key free to run again.
 */
export function markCommittedStatement(r: KeyRequest) {
  return `update idempotency_keys set committed_at = now()
    where tenant_id = ${quoteLiteral(r.tenantId)} and caller = ${quoteLiteral(r.caller)}
      and key = ${quoteLiteral(r.key)} and state = 'running' and committed_at is null
      and txid_current_if_assigned() is not null`;
}

export async function completeKey(
  database: DatabaseHandle,
  r: KeyRequest,
  answer: { status: number; headers: Headers; body: Buffer; bodyHash: string | null },
) {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // Binary values cannot travel as literals (executeAsTenant): the body goes as base64.
  await database.executeAsTenant(
    r.tenantId,
    sql`update idempotency_keys set state = 'done', locked_until = now(), response_status = ${answer.status},
          response_headers = ${JSON.stringify(headers)}::jsonb, response_body = decode(${answer.body.toString('base64')}, 'base64'),
          body_hash = ${answer.bodyHash}
        where tenant_id = ${r.tenantId} and caller = ${r.caller} and key = ${r.key} and state = 'running'`,
  );
}

export function releaseKey(database: DatabaseHandle, r: KeyRequest) {
  return database.executeAsTenant(
    r.tenantId,
    sql`delete from idempotency_keys
        where tenant_id = ${r.tenantId} and caller = ${r.caller} and key = ${r.key} and state = 'running'`,
  );
}

export function renewLease(database: DatabaseHandle, r: KeyRequest) {
  return database.executeAsTenant(
    r.tenantId,
    sql`update idempotency_keys set locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
        where tenant_id = ${r.tenantId} and caller = ${r.caller} and key = ${r.key} and state = 'running'`,
  );
}

const lastPurge = new WeakMap<DatabaseHandle, Map<string, number>>();
// Keys older than 24 h: deleted per county at most every ten minutes per process, off the request's path.
export function purgeNowAndThen(database: DatabaseHandle, tenantId: string) {
  let times = lastPurge.get(database);
  if (!times) {
    times = new Map();
    lastPurge.set(database, times);
  }
  const now = Date.now();
  if (now - (times.get(tenantId) ?? 0) < PURGE_EVERY_MS) return;
  times.set(tenantId, now);
  database
    .executeAsTenant(
      tenantId,
      sql`delete from idempotency_keys where tenant_id = ${tenantId} and expires_at < now()`,
    )
    .catch(() => {});
}
