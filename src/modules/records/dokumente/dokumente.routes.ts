import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  multipartFileBody,
  pageQuery,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
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

const tags = ['E-Akte'];

/** Dokumente of a Vorgang: list, upload, metadata, versions. */
export function registerDokumenteRoutes(api: ApiRouter, { records }: DokumenteRoutesDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/vorgaenge/{id}/dokumente',
      tags,
      summary: 'Dokumente eines Vorgangs',
      security: bearerSecurity,
      request: { params: uuidPathParam, query: z.object(pageQuery) },
      responses: { 200: jsonResponse(listOf(dokumentSchema)), ...errorResponses },
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

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/vorgaenge/{id}/dokumente',
    tags,
    summary: 'Dokument hochladen (multipart, Feld „datei“; Typ wird am Inhalt erkannt)',
    security: bearerSecurity,
    request: { params: uuidPathParam, ...multipartFileBody(uploadFields) },
    responses: {
      201: jsonResponse(uploadResult, 'Gespeichert; Textextraktion läuft im Hintergrund'),
      413: errorResponses[400],
      ...errorResponses,
    },
  });
  api.post('/vorgaenge/:id/dokumente', async (c) =>
    c.json(await uploadDokument(c, requirePrincipal(c), c.req.param('id'), records), 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dokumente/{id}',
      tags,
      summary: 'Ein Dokument (Metadaten der aktuellen Version)',
      security: bearerSecurity,
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(dokumentSchema), ...errorResponses },
    }),
    async (c) => c.json(await records.dokumente.get(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/dokumente/{id}',
      tags,
      summary: 'Metadaten eines Dokuments ändern',
      security: bearerSecurity,
      request: { params: uuidPathParam, ...jsonBody(dokumentUpdate) },
      responses: { 200: jsonResponse(dokumentSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await records.dokumente.update(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/dokumente/{id}/versionen',
      tags,
      summary: 'Alle Versionen eines Dokuments',
      security: bearerSecurity,
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(listOf(versionSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await records.dokumente.versions(requirePrincipal(c), c.req.valid('param').id);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/dokumente/{id}/versionen',
    tags,
    summary: 'Neue Version hochladen (die bisherigen bleiben unverändert)',
    security: bearerSecurity,
    request: { params: uuidPathParam, ...multipartFileBody({ kommentar: z.string().optional() }) },
    responses: { 201: jsonResponse(dokumentSchema, 'Neue Version'), ...errorResponses },
  });
  api.post('/dokumente/:id/versionen', async (c) =>
    c.json(await uploadVersion(c, requirePrincipal(c), c.req.param('id'), records), 201),
  );
}
