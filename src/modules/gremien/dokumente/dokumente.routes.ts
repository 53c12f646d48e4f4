import type { RouteConfig } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses } from '../../../platform/http/schemas.ts';
import { gremienErrors } from '../gremien.errors.ts';
import type { GeneratedPdf, GremienDokumenteUsecases } from './dokumente.usecases.ts';

/** What these handlers use, given by the composition root. */
export type GremienDokumenteRoutesDeps = { dokumente: GremienDokumenteUsecases };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pdfPath = (path: string, summary: string): RouteConfig => ({
  method: 'get',
  path,
  summary,
  tags: ['Gremien'],
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z
        .string()
        .uuid()
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description:
        'PDF/A-2b; X-Dokument-Id und X-Dokument-Version nennen das Dokument der E-Akte, wenn es abgelegt wurde',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses,
  },
});

/** The PDF as an answer: shown inline, named (RFC 6266), and where it was filed. */
function pdfResponse({ pdf, fileName, filed }: GeneratedPdf) {
  const headers: Record<string, string> = {
    'content-type': 'application/pdf',
    'content-length': String(pdf.length),
    'content-disposition': `inline; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  if (filed) {
    headers['x-dokument-id'] = filed.dokumentId;
    headers['x-dokument-version'] = String(filed.version);
  }
  return new Response(new Uint8Array(pdf), { status: 200, headers });
}

/** Vorlage, Einladung and Niederschrift as PDF/A (staff API). */
export function registerGremienDokumenteRoutes(api: ApiRouter, { dokumente }: GremienDokumenteRoutesDeps) {
  api.openAPIRegistry.registerPath(
    pdfPath(
      '/vorlagen/{id}/pdf',
      'Vorlage als PDF/A im Aufbau der Beschlussvorlage (veröffentlicht: in ihrer Akte abgelegt)',
    ),
  );
  api.get('/vorlagen/:id/pdf', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw gremienErrors.vorlageNotFound();
    return pdfResponse(await dokumente.vorlagePdf(requirePrincipal(c), id));
  });

  api.openAPIRegistry.registerPath(
    pdfPath(
      '/sitzungen/{id}/einladung.pdf',
      'Einladung mit Tagesordnung als PDF/A (ab „eingeladen“ in der Akte der Sitzung abgelegt)',
    ),
  );
  api.get('/sitzungen/:id/einladung.pdf', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw gremienErrors.sitzungNotFound();
    return pdfResponse(await dokumente.einladung(requirePrincipal(c), id));
  });

  api.openAPIRegistry.registerPath(
    pdfPath(
      '/sitzungen/{id}/niederschrift.pdf',
      'Niederschrift als PDF/A (nur durchgeführte Sitzung; in ihrer Akte abgelegt)',
    ),
  );
  api.get('/sitzungen/:id/niederschrift.pdf', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw gremienErrors.sitzungNotFound();
    return pdfResponse(await dokumente.niederschrift(requirePrincipal(c), id));
  });
}
