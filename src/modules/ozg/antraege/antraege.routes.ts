import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import { streamMultipartFiles } from '../../../platform/http/multipart.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { actorOf } from '../../../platform/http/principal.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
} from '../../../platform/http/schemas.ts';
import { assertCleanJson } from '../../../shared/text.ts';
import { idParam, unprocessableResponse } from '../ozg.schemas.ts';
import { antragErrors } from './antraege.errors.ts';
import {
  antraegeQuery,
  antragCreatedSchema,
  antragSchema,
  antragStatusSchema,
  antragSubmitBodySchema,
} from './antraege.schemas.ts';
import type { AntraegeUsecases } from './antraege.usecases.ts';

/** What these handlers use, given by the composition root. */
export type AntraegeDeps = { antraege: AntraegeUsecases };

/** The `daten` field of a submission: a JSON text (its content is checked by the use-case). */
function parseDaten(text: string | undefined): unknown {
  if (!text) return {};
  let daten: unknown;
  try {
    daten = JSON.parse(text);
  } catch {
    throw antragErrors.datenNotJson();
  }
  // The field itself was checked by the multipart parser; its JSON may still hide "\u0000".
  assertCleanJson(daten, 'daten');
  return daten;
}

/** Anträge: submission for third-party portals, the county's list and case work. */
export function registerAntraegeRoutes(api: ApiRouter, { antraege }: AntraegeDeps) {
  const tags = ['OZG-Leistungen'];

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/antraege',
    tags,
    summary: 'Antrag einreichen (für Portale Dritter)',
    description:
      'Multipart: `leistung` (LeiKa-Schlüssel oder ID), `gemeinde` (AGS, bestimmt den zuständigen Landkreis), `daten` (JSON nach dem Formular der Leistung, Schlüssel = FIM-IDs) und Dateien. Eine Datei, deren Feldname ein Dateifeld des Formulars ist (z. B. `G05000499.F05001248`), beantwortet dieses Feld; Dateien im Feld `anlagen` sind weitere Anlagen. Der Antrag wird ganz oder gar nicht gespeichert; 201 erst nach dem Commit.',
    security: bearerSecurity,
    request: {
      body: { required: true, content: { 'multipart/form-data': { schema: antragSubmitBodySchema } } },
    },
    responses: {
      201: jsonResponse(antragCreatedSchema, 'Eingegangen'),
      ...errorResponses,
      422: unprocessableResponse(
        'Antrag fehlerhaft (Liste der Fehler in `errors.fehler`) oder Leistung nicht aktiv',
      ),
    },
  });
  api.post('/antraege', async (c) => {
    const principal = requirePrincipal(c);
    const { fields, files } = await streamMultipartFiles(c, ({ stream }) => antraege.storeFile(stream));
    if (!fields.leistung) throw antragErrors.leistungMissing();
    if (!fields.gemeinde) throw antragErrors.gemeindeMissing();
    const daten = parseDaten(fields.daten);
    const result = await antraege.submit({
      leistung: fields.leistung,
      gemeinde: fields.gemeinde,
      daten,
      files: files.map((f) => ({
        field: f.field === 'anlagen' || f.field === 'datei' ? null : f.field,
        fileName: f.fileName,
        blob: f.result.blob,
        sha512: f.result.sha512,
      })),
      quelle: 'api',
      actor: actorOf(principal),
    });
    return c.json(result, 201);
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/antraege',
      tags,
      summary: 'Anträge des eigenen Landkreises',
      security: bearerSecurity,
      request: { query: antraegeQuery },
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => c.json(await antraege.list(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/antraege/{id}',
      tags,
      summary: 'Ein Antrag (nur für den zuständigen Landkreis; sonst 404)',
      security: bearerSecurity,
      request: { params: idParam() },
      responses: { 200: jsonResponse(antragSchema), ...errorResponses },
    }),
    async (c) => c.json(await antraege.get(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/antraege/{id}/metadaten',
      tags,
      summary: 'FIT-Connect-Metadaten des Antrags (Schema v1.0.0)',
      security: bearerSecurity,
      request: { params: idParam() },
      responses: { 200: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) => {
      const antrag = await antraege.get(requirePrincipal(c), c.req.valid('param').id);
      return c.json(antrag.metadaten as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/antraege/{id}/status',
      tags,
      summary: 'Antrag weiterbearbeiten: Status, Nachforderung (mit Nachricht), Bescheid freigeben',
      security: bearerSecurity,
      request: { params: idParam(), ...jsonBody(antragStatusSchema) },
      responses: { 200: jsonResponse(antragSchema), ...errorResponses, 409: errorResponses[400] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await antraege.setStatus(requirePrincipal(c), id, c.req.valid('json')), 200);
    },
  );
}
