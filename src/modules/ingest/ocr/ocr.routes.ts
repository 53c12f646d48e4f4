import { createRoute, z } from '@hono/zod-openapi';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonResponse,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { notFound } from '../../../shared/errors.ts';
import type { BlobStore } from '../../blobs/blobs.module.ts';
import { OCR_STATUS_DE } from './ocr.models.ts';
import { loadOcrRecords } from './ocr.repository.ts';

/** The E-Akte's visibility check of a document (records, handed in by main/): throws 404 if not visible. */
export type DokumentAccess = {
  get(principal: Principal, id: string): Promise<{ id: string; version: number }>;
};

const ocrItem = z.object({
  version: z.number().int(),
  status: z.enum(['pending', 'done', 'unavailable', 'skipped', 'failed']),
  statusText: z.string(),
  grund: z.string().nullable(),
  konfidenz: z.number().nullable(),
  woerter: z.number().int().nullable(),
  seiten: z.number().int().nullable(),
  seitenErkannt: z.number().int().nullable(),
  originalSha256: z.string(),
  renditionSha256: z.string().nullable(),
  renditionGroesse: z.number().nullable(),
  pdfa: z.boolean(),
  signiert: z.boolean(),
  dauerMs: z.number().int().nullable(),
  aktualisiert: z.string(),
});
const ocrResult = z.object({ items: z.array(ocrItem) });

const noRendition = () => notFound('ocr.rendition', 'Eine durchsuchbare PDF-Fassung dieser Version');

/** OCR state per version of a document and its searchable PDF/A rendition. */
export function registerOcrRoutes(
  api: ApiRouter,
  { database, blobs, dokumente }: { database: DatabaseHandle; blobs: BlobStore; dokumente: DokumentAccess },
) {
  const route = <R extends Parameters<typeof createRoute>[0]>(config: R) =>
    createRoute({ ...config, tags: ['Posteingang'], security: bearerSecurity });

  async function records(principal: Principal, id: string) {
    await dokumente.get(principal, id);
    return database.withTenant(principal.tenantId, (trx) => loadOcrRecords(trx, id));
  }

  api.openapi(
    route({
      method: 'get',
      path: '/dokumente/{id}/ocr',
      summary: 'Stand der Texterkennung (OCR) je Version: Status, mittlere Konfidenz, PDF/A-Fassung',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(ocrResult), ...errorResponses },
    }),
    async (c) => {
      const items = await records(requirePrincipal(c), c.req.valid('param').id);
      return c.json(
        { items: items.map((item) => ({ ...item, statusText: OCR_STATUS_DE[item.status] })) },
        200,
      );
    },
  );

  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/dokumente/{id}/ocr/pdf',
    summary:
      'Durchsuchbare PDF/A-Fassung (abgeleitet; das Original bleibt die Version), Prüfsumme beim Lesen geprüft',
    tags: ['Posteingang'],
    security: bearerSecurity,
    request: {
      params: uuidPathParam,
      query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    },
    responses: {
      200: {
        description: 'PDF/A',
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses,
    },
  });
  api.get('/dokumente/:id/ocr/pdf', async (c) => {
    const principal = requirePrincipal(c);
    // dokumente.get answers 404 for a malformed id as for an invisible one, before any query here.
    const id = c.req.param('id');
    const wanted = c.req.query('version');
    const items = await records(principal, id);
    const item = wanted === undefined ? items[0] : items.find((entry) => String(entry.version) === wanted);
    if (!item?.renditionSha256) throw noRendition();
    // The store checks the SHA-256 while streaming and breaks off loudly on a mismatch.
    const { size, body } = await blobs.stream(item.renditionSha256);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-length': String(size),
        'content-disposition': `attachment; filename="ocr-v${item.version}.pdf"`,
        etag: `"${item.renditionSha256}"`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
        'cache-control': 'private, max-age=0',
      },
    });
  });
}
