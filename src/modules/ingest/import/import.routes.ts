import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  problemSchema,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { importInput, importListItem, importSchema } from './import.schemas.ts';
import type { ImportUsecases } from './import.usecases.ts';

const unprocessable = {
  description: 'Verzeichnis fehlt oder Manifest fehlerhaft',
  content: { 'application/problem+json': { schema: problemSchema } },
};

/** Bulk import over the API: a background job with progress (Kreis-Administration). */
export function registerImportRoutes(api: ApiRouter, { importe }: { importe: ImportUsecases }) {
  const route = <R extends Parameters<typeof createRoute>[0]>(config: R) =>
    createRoute({ ...config, tags: ['Posteingang'], security: bearerSecurity });

  api.openapi(
    route({
      method: 'post',
      path: '/importe',
      summary: 'Massenimport eines Ordners starten oder fortsetzen (Hintergrundauftrag)',
      request: jsonBody(importInput),
      responses: { 202: jsonResponse(importSchema, 'Gestartet'), 422: unprocessable, ...errorResponses },
    }),
    async (c) => c.json(importJson(await importe.start(requirePrincipal(c), c.req.valid('json'))), 202),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/importe',
      summary: 'Die letzten 50 Importe des Landkreises',
      responses: { 200: jsonResponse(listOf(importListItem)), ...errorResponses },
    }),
    async (c) => {
      const runs = await importe.list(requirePrincipal(c));
      const items = runs.map(({ id, status, aktenzeichen, gesamt, createdAt, beendetAt }) => ({
        id,
        status,
        aktenzeichen,
        gesamt,
        createdAt,
        beendetAt,
      }));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    route({
      method: 'get',
      path: '/importe/{id}',
      summary: 'Fortschritt eines Imports: importiert, Duplikate, Fehler mit Grund',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(importSchema), ...errorResponses },
    }),
    async (c) => c.json(importJson(await importe.get(requirePrincipal(c), c.req.valid('param').id)), 200),
  );
}

/** A run as the API shows it (never the server-side path of its source). */
function importJson(r: Awaited<ReturnType<ImportUsecases['get']>>) {
  return {
    id: r.id,
    status: r.status,
    aktenzeichen: r.aktenzeichen,
    akteId: r.akteId,
    gesamt: r.gesamt,
    verarbeitet: r.verarbeitet,
    importiert: r.importiert,
    duplikate: r.duplikate,
    fehler: r.fehler,
    fehlerliste: r.fehlerliste,
    duplikatliste: r.duplikatliste,
    createdAt: r.createdAt,
    beendetAt: r.beendetAt,
  };
}
