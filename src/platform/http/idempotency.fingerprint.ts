import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { tapRequestBody } from './body-stream.ts';
import type { AppEnv } from './context.ts';

// What makes two requests "the same" for Idempotency-Key (idempotency.ts): method, path with
// query, media type and the body's hash — the multipart boundary left out.

export function pathWithQuery(c: Context<AppEnv>) {
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
export async function fingerprintOf(c: Context<AppEnv>) {
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
export function hashWhilePassing(c: Context<AppEnv>) {
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
export async function hashRemaining(c: Context<AppEnv>) {
  const hash = bodyHashFor(c);
  const body = c.req.raw.body;
  if (body) for await (const chunk of body) hash.update(chunk);
  return hash.digest();
}
