import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { Principal } from '../../identity/identity.models.ts';
import { AppError } from '../../shared/errors.ts';
import type { DatabaseHandle } from '../database.ts';
import type { AppEnv } from './context.ts';
import type { ApiRouter } from './openapi.ts';
import { problemResponse } from './problem.ts';

/** How long a running request holds its key without renewal (renewed every third of it). */
const LEASE_SECONDS = 60;
const KEEP_HOURS = 24;
/** Larger answers are not kept (creating POSTs answer a few hundred bytes of JSON). */
const MAX_STORED_BODY = 1024 * 1024;
const PURGE_EVERY_MS = 10 * 60_000;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'content-location'];
// RFC 9110 token characters without spaces: what clients send (UUIDs, ULIDs, random strings).
const KEY = /^[\x21-\x7e]{1,255}$/;

type KeyRequest = {
  tenantId: string;
  caller: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
};

/**
 * `Idempotency-Key` on the API's POSTs (uploads, Anträge, Akten, Vorgänge, tokens …): a retry
 * with the same key by the same caller (token or user, within the county) gets the first answer
 * – status, body, Location – instead of creating a second object.
 *
 * - The key is claimed before the work ('running', a lease renewed while the request runs); a
 *   concurrent retry gets 409 `idempotency.in_progress` with Retry-After. Only 2xx answers are
 *   kept (24 h); after an error the key is free again, since the request created nothing.
 * - The same key with another method, path or body is refused with 422 `idempotency.key_reused`.
 *   JSON and form bodies are compared by their SHA-256 (they are small and read anyway); uploads
 *   and other streamed bodies by media type and Content-Length, never buffered. A changed file of
 *   exactly the same length is therefore not noticed (documented in the README).
 * - Crash window: if the process dies after the object committed and before the answer was
 *   stored (one round trip), the key's lease runs out after at most 60 s and a retry runs again.
 *
 * Requests without a principal are passed on untouched (the route answers 401).
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const key = c.req.header('idempotency-key');
  const principal = c.get('principal');
  if (key === undefined || !principal) return next();
  if (!KEY.test(key)) throw invalidKey();
  const { database, logger } = c.get('services');
  const request: KeyRequest = {
    tenantId: principal.tenantId,
    caller: callerOf(principal),
    key,
    method: c.req.method,
    path: pathWithQuery(c),
    fingerprint: await fingerprintOf(c),
  };
  purgeNowAndThen(database, principal.tenantId);
  const claim = await claimKey(database, request);
  if (claim.outcome === 'reused') throw keyReused();
  if (claim.outcome === 'running') {
    const response = problemResponse(c, inProgress());
    response.headers.set('retry-after', String(Math.min(claim.leaseLeftSeconds, 5)));
    return response;
  }
  if (claim.outcome === 'done') return replay(claim.stored);

  const renewal = setInterval(
    () => renewLease(database, request).catch(() => {}),
    (LEASE_SECONDS * 1000) / 3,
  );
  renewal.unref();
  try {
    await next();
  } catch (error) {
    clearInterval(renewal);
    await releaseKey(database, request).catch(() => {});
    throw error;
  }
  clearInterval(renewal);
  const response = c.res;
  if (c.error || response.status < 200 || response.status > 299) {
    await releaseKey(database, request).catch(() => {});
    return;
  }
  const body = Buffer.from(await response.clone().arrayBuffer());
  try {
    if (body.length > MAX_STORED_BODY) await releaseKey(database, request);
    else await completeKey(database, request, { status: response.status, headers: response.headers, body });
  } catch (error) {
    // The object exists and the client gets its answer; only a retry would not find it.
    logger.warn({ err: error, key }, 'idempotency: answer not stored');
  }
};

/** Adds the `Idempotency-Key` header to every POST operation of the OpenAPI document. */
export function documentIdempotencyKey(api: ApiRouter) {
  const parameter = api.openAPIRegistry.registerParameter(
    'IdempotencyKey',
    z
      .string()
      .max(255)
      .optional()
      .openapi({
        param: { name: 'Idempotency-Key', in: 'header' },
        description:
          'Optional, 1–255 sichtbare ASCII-Zeichen (z. B. eine UUID). Eine Wiederholung mit demselben Schlüssel (gleiches Token bzw. gleiche Person, gleicher Pfad, gleicher Inhalt) erhält binnen 24 h die erste Antwort (Kopfzeile `Idempotent-Replayed: true`), statt ein zweites Objekt anzulegen. Anderer Inhalt: 422 `idempotency.key_reused`; läuft die erste Anfrage noch: 409 `idempotency.in_progress` mit Retry-After. Uploads werden über Medientyp und Content-Length verglichen.',
        example: '5f0c2f7e-3b1c-4f8e-9a51-7c1f0a2b9d44',
      }),
  );
  for (const definition of api.openAPIRegistry.definitions) {
    if (definition.type !== 'route' || definition.route.method !== 'post') continue;
    const route = definition.route;
    const headers = route.request?.headers;
    route.request = {
      ...route.request,
      headers: Array.isArray(headers)
        ? [...headers, parameter]
        : headers instanceof z.ZodObject
          ? headers.extend({ 'Idempotency-Key': parameter })
          : z.object({ 'Idempotency-Key': parameter }),
    };
  }
}

const callerOf = (principal: Principal) =>
  principal.via === 'token' ? `token:${principal.tokenId}` : `user:${principal.userId}`;

function pathWithQuery(c: Context<AppEnv>) {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`.slice(0, 2000);
}

/**
 * JSON and form bodies are hashed: the route reads them whole anyway, the body limit keeps them
 * small, and Hono caches the bytes for the route. Any other body (uploads) streams past this
 * middleware untouched, so only its media type and declared length count – the multipart
 * boundary, which clients draw anew for each attempt, is left out.
 */
async function fingerprintOf(c: Context<AppEnv>) {
  const media = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const hash = createHash('sha256').update(`${c.req.method} ${pathWithQuery(c)}\n${media}\n`);
  if (
    media === 'application/json' ||
    media.endsWith('+json') ||
    media === 'application/x-www-form-urlencoded'
  )
    hash.update(new Uint8Array(await c.req.arrayBuffer()));
  else hash.update(`length ${c.req.header('content-length') ?? 'unknown'}`);
  return hash.digest('hex');
}

type Stored = { status: number; headers: Record<string, string>; body: Buffer };
type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'reused' }
  | { outcome: 'running'; leaseLeftSeconds: number }
  | { outcome: 'done'; stored: Stored };

/**
 * One statement: inserts the key as 'running', or takes over a key whose holder died (lease run
 * out, same request) or whose 24 h are over; otherwise returns the row as it stands.
 *
 * Committed without waiting for the WAL flush: the object the request creates commits later and
 * synchronously, which flushes this record too – a claim can only be lost together with the work.
 */
async function claimKey(database: DatabaseHandle, r: KeyRequest): Promise<Claim> {
  const rows = await database.executeAsTenant(
    r.tenantId,
    sql<{
      claimed: number;
      method: string | null;
      path: string | null;
      fingerprint: string | null;
      state: 'running' | 'done' | null;
      lease_left: number | null;
      response_status: number | null;
      response_headers: Record<string, string> | null;
      response_body: Buffer | null;
    }>`
      with claimed as (
        insert into idempotency_keys as k
          (tenant_id, caller, key, method, path, fingerprint, state, locked_until, expires_at)
        values (${r.tenantId}, ${r.caller}, ${r.key}, ${r.method}, ${r.path}, ${r.fingerprint}, 'running',
          now() + make_interval(secs => ${LEASE_SECONDS}), now() + make_interval(hours => ${KEEP_HOURS}))
        on conflict (tenant_id, caller, key) do update set
          method = excluded.method, path = excluded.path, fingerprint = excluded.fingerprint,
          state = 'running', locked_until = excluded.locked_until, response_status = null,
          response_headers = null, response_body = null, created_at = now(), expires_at = excluded.expires_at
        where k.expires_at <= now()
           or (k.state = 'running' and k.locked_until <= now() and k.method = excluded.method
               and k.path = excluded.path and k.fingerprint = excluded.fingerprint)
        returning 1
      )
      select set_config('synchronous_commit', 'off', true) as async_commit,
        (select count(*) from claimed)::int as claimed, e.method, e.path, e.fingerprint, e.state,
        greatest(1, ceil(extract(epoch from e.locked_until - now())))::int as lease_left,
        e.response_status, e.response_headers, e.response_body
      from (select 1) as one
      left join idempotency_keys e on e.tenant_id = ${r.tenantId} and e.caller = ${r.caller} and e.key = ${r.key}`,
  );
  const row = rows[0]!;
  if (row.claimed > 0) return { outcome: 'claimed' };
  // Claimed by a request that committed after this statement began: it is running.
  if (row.state === null) return { outcome: 'running', leaseLeftSeconds: 1 };
  if (row.method !== r.method || row.path !== r.path || row.fingerprint !== r.fingerprint)
    return { outcome: 'reused' };
  if (row.state === 'running') return { outcome: 'running', leaseLeftSeconds: row.lease_left ?? 1 };
  return {
    outcome: 'done',
    stored: {
      status: row.response_status!,
      headers: row.response_headers ?? {},
      body: row.response_body ?? Buffer.alloc(0),
    },
  };
}

async function completeKey(
  database: DatabaseHandle,
  r: KeyRequest,
  answer: { status: number; headers: Headers; body: Buffer },
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
          response_headers = ${JSON.stringify(headers)}::jsonb, response_body = decode(${answer.body.toString('base64')}, 'base64')
        where tenant_id = ${r.tenantId} and caller = ${r.caller} and key = ${r.key} and state = 'running'`,
  );
}

function releaseKey(database: DatabaseHandle, r: KeyRequest) {
  return database.executeAsTenant(
    r.tenantId,
    sql`delete from idempotency_keys
        where tenant_id = ${r.tenantId} and caller = ${r.caller} and key = ${r.key} and state = 'running'`,
  );
}

function renewLease(database: DatabaseHandle, r: KeyRequest) {
  return database.executeAsTenant(
    r.tenantId,
    sql`update idempotency_keys set locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
        where tenant_id = ${r.tenantId} and caller = ${r.caller} and key = ${r.key} and state = 'running'`,
  );
}

const lastPurge = new WeakMap<DatabaseHandle, Map<string, number>>();
// Keys older than 24 h: deleted per county at most every ten minutes per process, off the request's path.
function purgeNowAndThen(database: DatabaseHandle, tenantId: string) {
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

function replay(stored: Stored) {
  return new Response(stored.status === 204 ? null : new Uint8Array(stored.body), {
    status: stored.status,
    headers: { ...stored.headers, 'idempotent-replayed': 'true' },
  });
}

const invalidKey = () =>
  new AppError({
    code: 'idempotency.key_invalid',
    status: 400,
    message: 'Idempotency-Key must be 1–255 visible ASCII characters',
    messageDe: 'Der Idempotency-Key muss aus 1 bis 255 sichtbaren ASCII-Zeichen bestehen.',
  });

const keyReused = () =>
  new AppError({
    code: 'idempotency.key_reused',
    status: 422,
    message: 'this Idempotency-Key was used for a different request',
    messageDe:
      'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet. Bitte einen neuen Schlüssel wählen.',
  });

const inProgress = () =>
  new AppError({
    code: 'idempotency.in_progress',
    status: 409,
    message: 'a request with this Idempotency-Key is still being processed',
    messageDe: 'Eine Anfrage mit diesem Idempotency-Key wird noch bearbeitet. Bitte gleich erneut versuchen.',
  });
