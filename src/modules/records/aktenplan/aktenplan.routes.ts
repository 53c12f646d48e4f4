import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import { bodyLimit } from '../../../platform/http/body-limit.ts';
import { noFileUploaded } from '../../../platform/http/multipart.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  multipartFileBody,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { decodeText } from '../../../shared/text.ts';
import {
  AKTENPLAN_CSV_MAX_BYTES,
  importResult,
  settingsSchema,
  templateSchema,
  unitInput,
  unitSchema,
} from './aktenplan.schemas.ts';
import type { AktenplanUsecases } from './aktenplan.usecases.ts';
import { readCsvBody, readCsvUpload } from './aktenplan-csv.upload.ts';

/** What these handlers use, given by the composition root. */
export type AktenplanRoutesDeps = { records: { aktenplan: AktenplanUsecases } };

const tags = ['E-Akte'];

/** Aktenplan, its CSV exchange, the Verbund templates and the Aktenzeichen settings of a county. */
export function registerAktenplanRoutes(api: ApiRouter, { records }: AktenplanRoutesDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan',
      tags,
      summary: 'Aktenplan des Landkreises',
      security: bearerSecurity,
      responses: { 200: jsonResponse(listOf(unitSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await records.aktenplan.listUnits(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/aktenplan',
      tags,
      summary: 'Eigene Aktenplaneinheit anlegen (kreis-admin)',
      security: bearerSecurity,
      request: jsonBody(unitInput),
      responses: { 201: jsonResponse(unitSchema, 'Angelegt'), ...errorResponses },
    }),
    async (c) => c.json(await records.aktenplan.addUnit(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan/export',
      tags,
      summary: 'Aktenplan als CSV (Semikolon, UTF-8)',
      security: bearerSecurity,
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      const csv = await records.aktenplan.exportCsv(principal);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="aktenplan-${principal.tenantId}.csv"`,
      });
    },
  );

  api.openAPIRegistry.registerPath({
    method: 'post',
    path: '/aktenplan/import',
    tags,
    summary: 'Aktenplan aus CSV übernehmen (alles oder nichts; kreis-admin)',
    description: `Spalten: kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit. Als Datei im Feld \`datei\` (multipart) oder als text/csv-Inhalt.`,
    security: bearerSecurity,
    request: multipartFileBody({}),
    responses: { 200: jsonResponse(importResult), ...errorResponses },
  });
  // A CSV is no JSON: up to 5 MiB (and the multipart envelope), beyond the default body limit.
  api.post('/aktenplan/import', bodyLimit(AKTENPLAN_CSV_MAX_BYTES + 64 * 1024), async (c) => {
    const principal = requirePrincipal(c);
    const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/');
    const file = multipart ? await readCsvUpload(c) : await readCsvBody(c);
    if (!file) throw noFileUploaded('datei');
    return c.json(await records.aktenplan.importCsv(principal, decodeText(file)), 200);
  });

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan/vorlagen',
      tags,
      summary: 'Aktenplan-Vorlagen des Verbunds (mit besitzendem Landkreis)',
      security: bearerSecurity,
      responses: { 200: jsonResponse(listOf(templateSchema)), ...errorResponses },
    }),
    async (c) => {
      requirePrincipal(c);
      const items = await records.aktenplan.listTemplates();
      return c.json({ items, total: items.length }, 200);
    },
  );

  // After /aktenplan/export, /import and /vorlagen: {id} would take those words for an id.
  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktenplan/{id}',
      tags,
      summary: 'Eine Aktenplaneinheit',
      security: bearerSecurity,
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(unitSchema), ...errorResponses },
    }),
    async (c) => c.json(await records.aktenplan.getUnit(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/akten-einstellungen',
      tags,
      summary: 'Aktenzeichen-Muster und Standard-Aktenplaneinheit des Landkreises',
      security: bearerSecurity,
      responses: { 200: jsonResponse(settingsSchema), ...errorResponses },
    }),
    async (c) => c.json(await records.aktenplan.getSettings(requirePrincipal(c).tenantId), 200),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/akten-einstellungen',
      tags,
      summary: 'Aktenzeichen-Muster ({kennzeichen}, {nr:4}, {jahr}, {jahr2}, {kreis}) setzen (kreis-admin)',
      security: bearerSecurity,
      request: jsonBody(settingsSchema.partial()),
      responses: { 200: jsonResponse(settingsSchema), ...errorResponses },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      await records.aktenplan.updateSettings(principal, c.req.valid('json'));
      return c.json(await records.aktenplan.getSettings(principal.tenantId), 200);
    },
  );
}
