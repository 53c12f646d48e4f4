import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { jsonResponse, uuidPathParam } from '../../../platform/http/schemas.ts';
import { badRequest } from '../../../shared/errors.ts';
import { stripBidiControls } from '../../../shared/text.ts';
import { eaktePath, eakteRoute } from '../records.openapi.ts';
import { contentQuery, textResult } from './dokumente.schemas.ts';
import type { DokumenteUsecases } from './dokumente.usecases.ts';

/** What these handlers use, given by the composition root. */
export type DokumentContentRoutesDeps = { records: { dokumente: DokumenteUsecases } };

/** The content of a document version (streamed, checked) and its extracted text. */
export function registerDokumentContentRoutes(api: ApiRouter, { records }: DokumentContentRoutesDeps) {
  api.openAPIRegistry.registerPath(
    eaktePath({
      method: 'get',
      path: '/dokumente/{id}/inhalt',
      summary: 'Inhalt der aktuellen Version (oder ?version=n), Prüfsumme beim Lesen geprüft',
      request: { params: uuidPathParam, query: contentQuery },
      responses: {
        200: {
          description: 'Der Inhalt',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
      },
    }),
  );
  api.get('/dokumente/:id/inhalt', async (c) =>
    serveContent(c, requirePrincipal(c), c.req.param('id'), records),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/dokumente/{id}/text',
      summary: 'Extrahierter Text einer Version',
      request: {
        params: uuidPathParam,
        query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
      responses: { 200: jsonResponse(textResult) },
    }),
    async (c) =>
      c.json(
        await records.dokumente.text(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('query').version,
        ),
        200,
      ),
  );
}

/** Only inert types are shown inline; HTML or SVG would run in our origin, so they are downloads. */
const INLINE_SAFE = /^(application\/pdf|text\/plain|image\/(png|jpeg|gif|tiff))$/;

/** Streams one version with its type, a safe file name (RFC 6266) and its hash as ETag. */
export async function serveContent(
  c: Context<AppEnv>,
  principal: Principal,
  id: string,
  records: { dokumente: DokumenteUsecases },
) {
  const versionParam = c.req.query('version');
  const version = versionParam === undefined ? undefined : Number(versionParam);
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw badRequest(
      'dokument.version',
      'version must be a positive integer',
      'Die Version muss eine positive Zahl sein.',
    );
  const content = await records.dokumente.content(principal, id, version);
  const disposition =
    c.req.query('anzeige') === 'inline' && INLINE_SAFE.test(content.mime) ? 'inline' : 'attachment';
  // Names stored before bidirectional controls were removed on upload lose them here.
  const fileName = stripBidiControls(content.dateiname);
  const asciiName = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const type = content.mime.startsWith('text/') ? `${content.mime}; charset=utf-8` : content.mime;
  // PDFs are framed by our own preview page; Chromium's PDF viewer does not run in a sandboxed
  // document, so PDFs get frame-ancestors 'self' without sandbox. Everything else is sandboxed.
  const csp =
    content.mime === 'application/pdf'
      ? "default-src 'none'; frame-ancestors 'self'"
      : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
  return new Response(content.body, {
    status: 200,
    headers: {
      'content-type': type,
      'content-length': String(content.groesse),
      'content-disposition': `${disposition}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      etag: `"${content.sha256}"`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'content-security-policy': csp,
      'referrer-policy': 'same-origin',
      'cache-control': 'private, max-age=0',
      'x-dokument-version': String(content.version),
    },
  });
}
