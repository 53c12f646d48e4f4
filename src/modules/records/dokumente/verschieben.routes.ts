import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { jsonBody, jsonResponse, uuidPathParam } from '../../../platform/http/schemas.ts';
import { eakteRoute } from '../records.openapi.ts';
import { dokumentSchema } from './dokumente.schemas.ts';
import type { DokumenteUsecases } from './dokumente.usecases.ts';

export const verschiebenBody = z
  .object({
    vorgangId: z.string().uuid().openapi({ description: 'Der Ziel-Vorgang (desselben Landkreises)' }),
  })
  .strict();

/** Moving a document into another Vorgang of the same county. */
export function registerVerschiebenRoutes(
  api: ApiRouter,
  { records }: { records: { dokumente: DokumenteUsecases } },
) {
  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/dokumente/{id}/verschieben',
      summary:
        'Dokument in einen anderen Vorgang verschieben (auch einer anderen Akte; beide Akten offen; in der Prüfkette)',
      request: { params: uuidPathParam, ...jsonBody(verschiebenBody) },
      responses: { 200: jsonResponse(dokumentSchema, 'Das Dokument am neuen Ort') },
    }),
    async (c) =>
      c.json(
        await records.dokumente.move({
          principal: requirePrincipal(c),
          dokumentId: c.req.valid('param').id,
          vorgangId: c.req.valid('json').vorgangId,
        }),
        200,
      ),
  );
}
