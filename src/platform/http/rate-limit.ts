import type { MiddlewareHandler } from 'hono';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../shared/errors.ts';
import type { Config, RateRule } from '../config.ts';
import type { Database } from '../database/database.types.ts';
import { renderErrorPage } from '../ui/error.page.tsx';
import { addressSubject, clientAddress } from './client-address.ts';
import type { AppEnv } from './context.ts';
import { problemResponse } from './problem.ts';
import type { RateDecision, RateLimiter, RateQuery } from './rate-limit.types.ts';

export type { RateDecision, RateLimiter } from './rate-limit.types.ts';
export type RateLimits = Config['rateLimits'];

const PURGE_EVERY_MS = 60_000;
/** Whole seconds until the window of a rate_limits row ends (at least 1): the `Retry-After`. */
const retryAfter = sql<number>`greatest(1, ceil(extract(epoch from window_end - now())))::int`;

/**
 * Counters per bucket and client address in PostgreSQL (table rate_limits), so every web process
 * shares them. A fixed window starts with the first request of an address and lasts the rule's
 * period; a burst of twice the limit is therefore possible across a window's end (accepted: the
 * point is to make floods of hundreds impossible, not to meter exactly).
 */
export function createRateLimiter({ db }: { db: Kysely<Database> }): RateLimiter {
  let lastPurge = 0;

  /** Counts one request; limited once the window holds more than the rule allows. One statement. */
  async function hit({ bucket, address, rule }: RateQuery): Promise<RateDecision> {
    purgeNowAndThen();
    // One upsert, one round trip: a new or expired window starts at 1, a running one counts up.
    const { rows } = await sql<{ hits: number; retry_after: number }>`
      insert into rate_limits as r (bucket, subject, window_start, window_end, hits)
      values (${bucket}, ${addressSubject(address)}, now(), now() + make_interval(secs => ${rule.windowSeconds}), 1)
      on conflict (bucket, subject) do update set
        window_start = case when r.window_end <= now() then now() else r.window_start end,
        window_end = case when r.window_end <= now() then excluded.window_end else r.window_end end,
        hits = case when r.window_end <= now() then 1 else least(r.hits + 1, 1000000000) end
      returning hits, ${retryAfter} as retry_after`.execute(db);
    const row = rows[0]!;
    return { limited: row.hits > rule.limit, hits: row.hits, retryAfterSeconds: row.retry_after };
  }

  /** Reads without counting: limited once the window is full (for limits that count failures only). */
  async function peek({ bucket, address, rule }: RateQuery): Promise<RateDecision> {
    const { rows } = await sql<{ hits: number; retry_after: number }>`
      select hits, ${retryAfter} as retry_after
      from rate_limits where bucket = ${bucket} and subject = ${addressSubject(address)} and window_end > now()`.execute(
      db,
    );
    const row = rows[0];
    return row
      ? { limited: row.hits >= rule.limit, hits: row.hits, retryAfterSeconds: row.retry_after }
      : { limited: false, hits: 0, retryAfterSeconds: 0 };
  }

  // Ended windows are useless: deleted at most once a minute per process, off the request's path.
  function purgeNowAndThen() {
    const now = Date.now();
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    sql`delete from rate_limits where window_end < now()`.execute(db).catch(() => {});
  }

  return { hit, peek };
}

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError({
    code: 'rate_limited',
    status: 429,
    message: `too many requests; retry after ${retryAfterSeconds} s`,
    messageDe: `Zu viele Anfragen – bitte warten Sie ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'Sekunde' : 'Sekunden'} und versuchen Sie es dann erneut.`,
    details: { retryAfterSeconds },
  });

/** Sets `Retry-After` on an answer (seconds). */
export function withRetryAfter(response: Response, seconds: number) {
  response.headers.set('retry-after', String(seconds));
  return response;
}

/**
 * Middleware: counts the request against `bucket` for the client address and answers 429 with
 * `Retry-After` once the limit is exceeded – problem+json under /api, otherwise a German page
 * (the portal's own frame under /portal, see renderErrorPage).
 */
export function rateLimit({
  bucket,
  rule,
}: {
  bucket: string;
  rule: (limits: RateLimits) => RateRule;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const services = c.get('platform');
    const limit = rule(services.config.rateLimits);
    const address = limit ? clientAddress(c) : null;
    if (!limit || address === null) return next();
    const decision = await services.rateLimits.hit({ bucket, address, rule: limit });
    if (!decision.limited) return next();
    const error = rateLimited(decision.retryAfterSeconds);
    const response = c.req.path.startsWith('/api/')
      ? problemResponse(c, error)
      : await renderErrorPage(c, error);
    return withRetryAfter(response, decision.retryAfterSeconds);
  };
}
