import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  multipartFileBody,
  pageQuery,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { eaktePath, eakteRoute } from '../records.openapi.ts';
import { uploadDokument, uploadVersion } from './dokument-upload.ts';
import {
  dokumentSchema,
  dokumentUpdate,
  uploadFields,
  uploadResult,
  versionSchema,
} from './dokumente.schemas.ts';
import type { DokumenteUsecases } from './dokumente.usecases.ts';

/** What these handlers use, given by the composition root. */
export type DokumenteRoutesDeps = { records: { dokumente: DokumenteUsecases } };

/** Dokumente of a Vorgang: list, upload, metadata, versions. */
export function registerDokumenteRoutes(api: ApiRouter, { records }: DokumenteRoutesDeps) {
  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/vorgaenge/{id}/dokumente',
      summary: 'Dokumente eines Vorgangs',
      request: { params: uuidPathParam, query: z.object(pageQuery) },
      responses: { 200: jsonResponse(listOf(dokumentSchema)) },
    }),
    async (c) =>
      c.json(
        await records.dokumente.listForVorgang(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
        200,
      ),
  );

  api.openAPIRegistry.registerPath(
    eaktePath({
      method: 'post',
      path: '/vorgaenge/{id}/dokumente',
      summary: 'Dokument hochladen (multipart, Feld „datei“; Typ wird am Inhalt erkannt)',
      request: { params: uuidPathParam, ...multipartFileBody(uploadFields) },
      responses: {
        201: jsonResponse(uploadResult, 'Gespeichert; Textextraktion läuft im Hintergrund'),
        413: errorResponses[400],
      },
    }),
  );
  api.post('/vorgaenge/:id/dokumente', async (c) =>
    c.json(await uploadDokument(c, requirePrincipal(c), c.req.param('id'), records), 201),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/dokumente/{id}',
      summary: 'Ein Dokument (Metadaten der aktuellen Version)',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(dokumentSchema) },
    }),
    async (c) => c.json(await records.dokumente.get(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'patch',
      path: '/dokumente/{id}',
      summary: 'Metadaten eines Dokuments ändern',
      request: { params: uuidPathParam, ...jsonBody(dokumentUpdate) },
      responses: { 200: jsonResponse(dokumentSchema) },
    }),
    async (c) =>
      c.json(
        await records.dokumente.update(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/dokumente/{id}/versionen',
      summary: 'Alle Versionen eines Dokuments',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(listOf(versionSchema)) },
    }),
    async (c) => {
      const items = await records.dokumente.versions(requirePrincipal(c), c.req.valid('param').id);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openAPIRegistry.registerPath(
    eaktePath({
      method: 'post',
      path: '/dokumente/{id}/versionen',
      summary: 'Neue Version hochladen (die bisherigen bleiben unverändert)',
      request: { params: uuidPathParam, ...multipartFileBody({ kommentar: z.string().optional() }) },
      responses: { 201: jsonResponse(dokumentSchema, 'Neue Version') },
    }),
  );
  api.post('/dokumente/:id/versionen', async (c) =>
    c.json(await uploadVersion(c, requirePrincipal(c), c.req.param('id'), records), 201),
  );
}
