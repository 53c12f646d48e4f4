import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.ts';

/** How long a shared cache may serve a public page without asking again (a cancellation shows within a minute). */
export const MAX_AGE_SECONDS = 60;

/** A strong ETag of exactly these bytes. */
export const etagOf = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/**
 * Whether the client's copy is current: If-None-Match against the ETag (it wins when present,
 * RFC 9110 §13.2.2), else If-Modified-Since against Last-Modified.
 */
export function notModified(
  headers: { ifNoneMatch?: string; ifModifiedSince?: string },
  { etag, lastModified }: { etag: string; lastModified: Date | null },
) {
  if (headers.ifNoneMatch !== undefined)
    return headers.ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  if (headers.ifModifiedSince === undefined || !lastModified) return false;
  const since = Date.parse(headers.ifModifiedSince);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

/**
 * A public answer with validators: ETag from the bytes, Last-Modified from the data shown (the
 * latest change of every row the page read), `Cache-Control: public`; 304 without a body when
 * the client's copy is current.
 */
export function publicResponse(
  c: Context<AppEnv>,
  { body, contentType, lastModified }: { body: string; contentType: string; lastModified: Date | null },
) {
  const etag = etagOf(body);
  const headers: Record<string, string> = {
    etag,
    'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
  };
  if (lastModified) headers['last-modified'] = lastModified.toUTCString();
  const fresh = notModified(
    { ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') },
    { etag, lastModified },
  );
  if (fresh) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': contentType });
}
