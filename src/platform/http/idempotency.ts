import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../shared/errors.ts';
import { runWithCommitStatement } from '../database/database.ts';
import { tapRequestBody } from './body-stream.ts';
import type { AppEnv } from './context.ts';
import {
  claimKey,
  completeKey,
  type KeyRequest,
  LEASE_SECONDS,
  markCommittedStatement,
  purgeNowAndThen,
  releaseKey,
  renewLease,
  type Stored,
} from './idempotency.repository.ts';
import type { ApiRouter } from './openapi.ts';
import type { Principal } from './principal.ts';
import { problemResponse } from './problem.ts';

/** Larger answers are not kept (creating POSTs answer a few hundred bytes of JSON). */
const MAX_STORED_BODY = 1024 * 1024;
// RFC 9110 token characters without spaces: what clients send (UUIDs, ULIDs, random strings).
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on the API's POSTs (uploads, Anträge, Akten, Vorgänge, tokens …): a retry
 * with the same key by the same caller (token or user, within the county) gets the first answer
 * – status, body, Location – instead of creating a second object.
 *
 * - The key is claimed before the work ('running', a lease renewed while the request runs); a
 *   concurrent retry gets 409 `idempotency.in_progress` with Retry-After. Only 2xx answers are
 *   kept (24 h); after an error the key is free again, since the request created nothing.
 * - The same key with another method, path or body is refused with 422 `idempotency.key_reused`.
 *   JSON and form bodies are hashed before the work (small, read anyway, cached by Hono for the
 *   route). Uploads and other streamed bodies are hashed while they pass to the route – never
 *   buffered – with the multipart boundary left out (clients draw a new one per attempt); a retry
 *   of a finished request is read through (streamed) and compared before the answer is replayed.
 * - Crash window: every writing transaction of the request marks the key `committed_at` in the
 *   same transaction (runWithCommitStatement). If the process dies before the answer was stored,
 *   a retry after the lease (at most 60 s) gets 409 `idempotency.outcome_unknown` when the work
 *   had committed – never a second object – and runs again only when nothing had committed.
 *
 * Requests without a principal are passed on untouched (the route answers 401).
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const key = c.req.header('idempotency-key');
  const principal = c.get('principal');
  if (key === undefined || !principal) return next();
  if (!KEY.test(key)) throw invalidKey();
  const { database, logger } = c.get('platform');
  const { fingerprint, streamed } = await fingerprintOf(c);
  const request: KeyRequest = {
    tenantId: principal.tenantId,
    caller: callerOf(principal),
    key,
    method: c.req.method,
    path: pathWithQuery(c),
    fingerprint,
  };
  purgeNowAndThen(database, principal.tenantId);
  const claim = await claimKey(database, request);
  if (claim.outcome === 'reused') throw keyReused();
  if (claim.outcome === 'lost') throw outcomeUnknown();
  if (claim.outcome === 'running') {
    const response = problemResponse(c, inProgress());
    response.headers.set('retry-after', String(Math.min(claim.leaseLeftSeconds, 5)));
    return response;
  }
  if (claim.outcome === 'done') {
    if (streamed && claim.stored.bodyHash && (await hashRemaining(c)) !== claim.stored.bodyHash)
      throw keyReused();
    return replay(claim.stored);
  }

  const body = streamed ? hashWhilePassing(c) : null;
  const renewal = setInterval(
    () => renewLease(database, request).catch(() => {}),
    (LEASE_SECONDS * 1000) / 3,
  );
  renewal.unref();
  try {
    await runWithCommitStatement(
      { tenantId: request.tenantId, statement: markCommittedStatement(request) },
      next,
    );
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
  const answer = Buffer.from(await response.clone().arrayBuffer());
  try {
    if (answer.length > MAX_STORED_BODY) await releaseKey(database, request);
    else
      await completeKey(database, request, {
        status: response.status,
        headers: response.headers,
        body: answer,
        bodyHash: body ? await body.digest() : null,
      });
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
          'Optional, 1–255 sichtbare ASCII-Zeichen (z. B. eine UUID). Eine Wiederholung mit demselben Schlüssel (gleiches Token bzw. gleiche Person, gleicher Pfad, gleicher Inhalt) erhält binnen 24 h die erste Antwort (Kopfzeile `Idempotent-Replayed: true`), statt ein zweites Objekt anzulegen. Anderer Inhalt: 422 `idempotency.key_reused`; läuft die erste Anfrage noch: 409 `idempotency.in_progress` mit Retry-After; wurde sie ausgeführt, ihre Antwort aber nicht gespeichert (Absturz): 409 `idempotency.outcome_unknown`. Bei Uploads zählt der Inhalt ohne die Multipart-Grenze; eine Wiederholung wird dafür vollständig gelesen.',
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

const mediaOf = (c: Context<AppEnv>) =>
  (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * JSON and form bodies go into the fingerprint (read whole; the body limit keeps them small and
 * Hono caches the bytes for the route). Every other body is `streamed`: the fingerprint holds
 * method, path and media type, the body's hash follows as it passes (hashWhilePassing).
 */
async function fingerprintOf(c: Context<AppEnv>) {
  const media = mediaOf(c);
  const hash = createHash('sha256').update(`${c.req.method} ${pathWithQuery(c)}\n${media}\n`);
  const whole =
    media === 'application/json' || media.endsWith('+json') || media === 'application/x-www-form-urlencoded';
  if (whole) hash.update(new Uint8Array(await c.req.arrayBuffer()));
  return { fingerprint: hash.digest('hex'), streamed: !whole };
}

/**
 * SHA-256 of a body with every occurrence of the multipart boundary left out, fed chunk by chunk.
 * The last `separator.length - 1` bytes wait for the next chunk, so a boundary split across two
 * chunks is still found.
 */
export function createBodyHash(separator: Buffer | null) {
  const hash = createHash('sha256');
  let carry = Buffer.alloc(0);
  const keep = separator ? separator.length - 1 : 0;
  return {
    update(chunk: Uint8Array) {
      if (!separator) {
        hash.update(chunk);
        return;
      }
      const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
      let start = 0;
      for (let at = data.indexOf(separator); at !== -1; at = data.indexOf(separator, start)) {
        hash.update(data.subarray(start, at));
        start = at + separator.length;
      }
      const safe = Math.max(start, data.length - keep);
      hash.update(data.subarray(start, safe));
      carry = Buffer.from(data.subarray(safe));
    },
    digest() {
      hash.update(carry);
      return hash.digest('hex');
    },
  };
}

function bodyHashFor(c: Context<AppEnv>) {
  const boundary = /;\s*boundary="?([^";]+)"?/i.exec(c.req.header('content-type') ?? '')?.[1];
  return createBodyHash(
    mediaOf(c).startsWith('multipart/') && boundary ? Buffer.from(`--${boundary}`) : null,
  );
}

/**
 * Puts a hashing step between the body and the route (one chunk at a time, nothing held). If the
 * route answered without reading the body to its end, the rest is read here; if the route holds
 * the stream unfinished, no hash is kept and a retry is compared by its fingerprint alone.
 */
function hashWhilePassing(c: Context<AppEnv>) {
  const hash = bodyHashFor(c);
  let finished = false;
  const passing = tapRequestBody(c, {
    chunk: (value) => {
      hash.update(value);
      return undefined;
    },
    end: () => {
      finished = true;
    },
  });
  if (!passing) return { digest: async () => hash.digest() };
  return {
    async digest() {
      if (!finished && !passing.locked) for await (const _ of passing);
      return finished ? hash.digest() : null;
    },
  };
}

/** Reads a retry's body through the same hash (streamed) to compare it with the first attempt. */
async function hashRemaining(c: Context<AppEnv>) {
  const hash = bodyHashFor(c);
  const body = c.req.raw.body;
  if (body) for await (const chunk of body) hash.update(chunk);
  return hash.digest();
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

const outcomeUnknown = () =>
  new AppError({
    code: 'idempotency.outcome_unknown',
    status: 409,
    message:
      'the first request with this Idempotency-Key was carried out but its answer was lost; check the result instead of sending again',
    messageDe:
      'Die erste Anfrage mit diesem Schlüssel wurde ausgeführt, ihre Antwort ging verloren. Bitte prüfen Sie das Ergebnis, statt erneut zu senden.',
  });
