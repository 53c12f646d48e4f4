import type { MiddlewareHandler } from 'hono';
import {
  assertCleanUrlEncoded,
  controlCharacters,
  decodeUtf8Strict,
  hasControlCharacters,
  invalidUtf8,
} from '../../shared/text.ts';
import type { AppEnv } from './context.ts';

/**
 * Refuses, for every route, control characters and invalid UTF-8 in the path, the query string
 * and url-encoded form bodies (the login, the portal's and the staff pages' forms) with 400 —
 * before a NUL byte reaches PostgreSQL and comes back as a 500. JSON bodies are checked by the API
 * router (openapi.ts), multipart fields by the multipart parser (multipart.ts).
 */
export const rejectUncleanInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw invalidUtf8();
  }
  if (hasControlCharacters(path)) throw controlCharacters();
  assertCleanUrlEncoded(url.search.slice(1));
  const type = c.req.header('content-type') ?? '';
  if (
    /^application\/x-www-form-urlencoded/i.test(type) &&
    c.req.method !== 'GET' &&
    c.req.method !== 'HEAD'
  ) {
    // Limited by limitRequestBodies; cached, so parseBody() later reads the same bytes.
    assertCleanUrlEncoded(decodeUtf8Strict(new Uint8Array(await c.req.arrayBuffer())));
  }
  return next();
};
