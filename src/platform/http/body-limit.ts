import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../shared/errors.ts';
import { tapRequestBody } from './body-stream.ts';
import type { AppEnv } from './context.ts';

/** Room for the multipart envelope and the form fields beside the file of an upload. */
export const MULTIPART_OVERHEAD_BYTES = 2 * 1024 * 1024;

const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export const requestTooLarge = (limitBytes: number) =>
  new AppError({
    code: 'request.too_large',
    status: 413,
    message: `request body larger than ${limitBytes} bytes`,
    messageDe:
      limitBytes < 1024 * 1024
        ? `Die Anfrage ist größer als erlaubt (höchstens ${Math.round(limitBytes / 1024)} KiB).`
        : `Die Anfrage ist größer als erlaubt (höchstens ${mib(limitBytes)} MiB).`,
  });

type LimitState = { limitBytes: number };

/** The limit of each request in flight; a route may change it before it reads the body. */
const limits = new WeakMap<Context, LimitState>();

/**
 * Limits every request body while it streams, without buffering it: the body is replaced by a
 * stream that counts the bytes as the handler reads them and errors with 413 `request.too_large`
 * once the count passes the limit — for bodies with a Content-Length and chunked ones alike. A
 * declared Content-Length above the limit is refused before a byte is read.
 *
 * Multipart bodies (uploads) may be as large as the upload limit plus the envelope; everything
 * else (JSON, forms, CSV) gets `defaultBytes` unless the route declares more with `bodyLimit()`.
 * (hono/body-limit copied chunked bodies into memory up to the limit before the handler saw
 * them: four parallel 99 MiB chunked uploads cost 830 MB of RSS.)
 */
export function limitRequestBodies({
  defaultBytes,
  multipartBytes,
}: {
  defaultBytes: number;
  multipartBytes: number;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!c.req.raw.body) return next();
    const multipart = /^multipart\//i.test(c.req.header('content-type') ?? '');
    const state: LimitState = { limitBytes: multipart ? multipartBytes : defaultBytes };
    limits.set(c, state);
    const declared = declaredLength(c);
    // Nothing could ever be allowed this large: refused before the route runs.
    if (declared !== null && declared > Math.max(state.limitBytes, multipartBytes))
      throw requestTooLarge(state.limitBytes);
    let read = 0;
    tapRequestBody(c, {
      // Checked again here: the route may have lowered or raised the limit meanwhile.
      beforeRead: () =>
        read === 0 && declared !== null && declared > state.limitBytes
          ? requestTooLarge(state.limitBytes)
          : undefined,
      chunk: (value) => {
        read += value.byteLength;
        return read > state.limitBytes ? requestTooLarge(state.limitBytes) : undefined;
      },
    });
    return next();
  };
}

/**
 * A route's own body limit (e.g. a CSV import beyond the default for JSON and forms). It must run
 * before the body is read; a declared Content-Length above it is refused at once.
 */
export function bodyLimit(limitBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const state = limits.get(c);
    if (state) state.limitBytes = limitBytes;
    const declared = declaredLength(c);
    if (declared !== null && declared > limitBytes) throw requestTooLarge(limitBytes);
    return next();
  };
}

function declaredLength(c: Context): number | null {
  if (c.req.header('transfer-encoding')) return null;
  const value = c.req.header('content-length');
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}
