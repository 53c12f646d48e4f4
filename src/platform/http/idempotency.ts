import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { runWithCommitStatement } from '../database/database.ts';
import type { AppEnv } from './context.ts';
import { inProgress, invalidKey, keyReused, outcomeUnknown } from './idempotency.errors.ts';
import { fingerprintOf, hashRemaining, hashWhilePassing, pathWithQuery } from './idempotency.fingerprint.ts';
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

export { createBodyHash } from './idempotency.fingerprint.ts';

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

function replay(stored: Stored) {
  return new Response(stored.status === 204 ? null : new Uint8Array(stored.body), {
    status: stored.status,
    headers: { ...stored.headers, 'idempotent-replayed': 'true' },
  });
}
