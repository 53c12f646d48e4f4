import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses } from '../../../platform/http/schemas.ts';
import { idParam, tags } from '../integrations.schemas.ts';
import type { XdomeaUsecases } from './xdomea.usecases.ts';

const EXPORTS = [
  [
    '/akten/{id}/xdomea',
    'Akte als xdomea-3.0.0-Nachricht (Abgabe.0401, ZIP mit XML und Primärdokumenten)',
    'akte',
  ],
  ['/vorgaenge/{id}/xdomea', 'Vorgang als xdomea-3.0.0-Nachricht (Abgabe.0401, ZIP)', 'vorgang'],
] as const;

/** GET /akten/{id}/xdomea and /vorgaenge/{id}/xdomea: the Abgabe message as a zip download. */
export function registerXdomeaExportRoutes(api: ApiRouter, xdomea: XdomeaUsecases) {
  for (const [path, summary, run] of EXPORTS)
    api.openapi(
      createRoute({
        method: 'get',
        path,
        tags,
        summary,
        security: bearerSecurity,
        request: { params: idParam },
        responses: {
          200: {
            description: 'ZIP',
            content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const result =
          run === 'akte'
            ? await xdomea.exportAkte(requirePrincipal(c), id)
            : await xdomea.exportVorgang(requirePrincipal(c), id);
        return c.body(new Uint8Array(result.zip), 200, {
          'content-type': 'application/zip',
          'content-disposition': `attachment; filename="${result.fileName.replace(/[^\w.-]/g, '_')}"`,
          'x-content-type-options': 'nosniff',
        }) as never;
      },
    );
}
