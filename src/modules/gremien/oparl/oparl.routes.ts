import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../../../platform/http/context.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { oparlErrors } from './oparl.errors.ts';
import { isListType, oparlUrls, typeUrl } from './oparl.models.ts';
import { parseListQuery } from './oparl.params.ts';
import type { OparlUsecases } from './oparl.usecases.ts';

export type OparlRoutesDeps = { oparl: OparlUsecases };

/** The server's public base: PUBLIC_URL when configured, else the request's own origin. */
const urlsOf = (c: Context<AppEnv>) =>
  oparlUrls((c.get('platform').config.server.publicUrl ?? new URL(c.req.url).origin).replace(/\/$/, ''));

/**
 * JSON with a strong validator: the ETag is a hash of the exact bytes, so `If-None-Match` answers
 * 304 without a body when nothing changed (spec 2.x recommends HTTP caching for sync clients).
 */
function json(c: Context<AppEnv>, value: unknown) {
  const body = JSON.stringify(value);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  c.header('etag', etag);
  c.header('cache-control', 'public, no-cache');
  const wanted = c.req.header('if-none-match');
  if (wanted?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*'))
    return c.body(null, 304);
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
}

/** `filename*` (RFC 6266/8187) keeps umlauts; `filename` gives an ASCII fallback for old clients. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string) {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * OParl 1.1 under /oparl/v1.1 (mount this app at /oparl): public (no login), read-only, CORS for every origin. Plain Hono rather
 * than the OpenAPI router of /api/v1: OParl is its own specification with its own error object.
 */
export function createOparlApp({ oparl }: OparlRoutesDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'] }));
  // Files may be fetched cross-origin too (the page-wide policy says same-origin).
  app.use('*', async (c, next) => {
    await next();
    c.header('cross-origin-resource-policy', 'cross-origin');
  });

  // Errors as the OParl error object (spec 1.1 "Ausnahmebehandlung"): type, message, debug.
  app.onError((error, c) => {
    const e = toAppError(error);
    if (e.status >= 500)
      c.get('platform').logger.error({ err: error, path: c.req.path }, 'oparl request failed');
    c.header('access-control-allow-origin', '*');
    return c.json({ type: typeUrl('Error'), message: e.messageDe, debug: e.code }, e.status as 400);
  });

  // Mounted at /oparl: the System answers at /oparl/v1.1/ and /oparl/v1.1 alike.
  const V = '/v1.1';
  for (const path of [`${V}/`, V]) app.get(path, async (c) => json(c, await oparl.system(urlsOf(c))));
  app.get(`${V}/body`, async (c) =>
    json(c, await oparl.bodyList(urlsOf(c), parseListQuery(new URL(c.req.url).searchParams))),
  );
  app.get(`${V}/body/:body`, async (c) => json(c, await oparl.body(urlsOf(c), c.req.param('body'))));
  app.get(`${V}/body/:body/:list`, async (c) => {
    const list = c.req.param('list');
    if (!isListType(list)) throw oparlErrors.notFound();
    const query = parseListQuery(new URL(c.req.url).searchParams);
    return json(c, await oparl.list(urlsOf(c), c.req.param('body'), list, query));
  });
  app.get(`${V}/body/:body/:list/:id`, async (c) => {
    const list = c.req.param('list');
    if (!isListType(list)) throw oparlErrors.notFound();
    return json(c, await oparl.object(urlsOf(c), c.req.param('body'), list, c.req.param('id')));
  });
  app.get(`${V}/body/:body/organization/:id/:list`, async (c) => {
    const list = c.req.param('list');
    if (!isListType(list)) throw oparlErrors.notFound();
    const query = parseListQuery(new URL(c.req.url).searchParams);
    return json(c, await oparl.list(urlsOf(c), c.req.param('body'), list, query, c.req.param('id')));
  });
  for (const [path, kind] of [
    ['zugriff', 'inline'],
    ['download', 'attachment'],
  ] as const) {
    app.get(`${V}/body/:body/file/:id/${path}`, async (c) => {
      const { row, size, body } = await oparl.fileContent(c.req.param('body'), c.req.param('id'));
      const etag = `"${row.sha256}"`;
      if (c.req.header('if-none-match') === etag) {
        await body.cancel();
        return c.body(null, 304, { etag });
      }
      return c.body(body, 200, {
        'content-type': row.mime,
        'content-length': String(size),
        'content-disposition': contentDisposition(kind, row.dateiname),
        etag,
        'cache-control': 'public, no-cache',
        // A stored file is shown, never run: no scripts, no sniffing, even for HTML attachments.
        'content-security-policy': 'sandbox',
        'x-content-type-options': 'nosniff',
      });
    });
  }
  app.all('*', () => {
    throw oparlErrors.notFound();
  });
  return app;
}
