import { z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import { bodyLimit } from '../../../platform/http/body-limit.ts';
import { noFileUploaded } from '../../../platform/http/multipart.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  jsonBody,
  jsonResponse,
  listOf,
  multipartFileBody,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { decodeText } from '../../../shared/text.ts';
import { eaktePath, eakteRoute } from '../records.openapi.ts';
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

/** Aktenplan, its CSV exchange, the Verbund templates and the Aktenzeichen settings of a county. */
export function registerAktenplanRoutes(api: ApiRouter, { records }: AktenplanRoutesDeps) {
  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/aktenplan',
      summary: 'Aktenplan des Landkreises',
      responses: { 200: jsonResponse(listOf(unitSchema)) },
    }),
    async (c) => {
      const items = await records.aktenplan.listUnits(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/aktenplan',
      summary: 'Eigene Aktenplaneinheit anlegen (kreis-admin)',
      request: jsonBody(unitInput),
      responses: { 201: jsonResponse(unitSchema, 'Angelegt') },
    }),
    async (c) => c.json(await records.aktenplan.addUnit(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/aktenplan/export',
      summary: 'Aktenplan als CSV (Semikolon, UTF-8)',
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
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

  api.openAPIRegistry.registerPath(
    eaktePath({
      method: 'post',
      path: '/aktenplan/import',
      summary: 'Aktenplan aus CSV übernehmen (alles oder nichts; kreis-admin)',
      description: `Spalten: kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit. Als Datei im Feld \`datei\` (multipart) oder als text/csv-Inhalt.`,
      request: multipartFileBody({}),
      responses: { 200: jsonResponse(importResult) },
    }),
  );
  // A CSV is no JSON: up to 5 MiB (and the multipart envelope), beyond the default body limit.
  api.post('/aktenplan/import', bodyLimit(AKTENPLAN_CSV_MAX_BYTES + 64 * 1024), async (c) => {
    const principal = requirePrincipal(c);
    const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/');
    const file = multipart ? await readCsvUpload(c) : await readCsvBody(c);
    if (!file) throw noFileUploaded('datei');
    return c.json(await records.aktenplan.importCsv(principal, decodeText(file)), 200);
  });

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/aktenplan/vorlagen',
      summary: 'Aktenplan-Vorlagen des Verbunds (mit besitzendem Landkreis)',
      responses: { 200: jsonResponse(listOf(templateSchema)) },
    }),
    async (c) => {
      requirePrincipal(c);
      const items = await records.aktenplan.listTemplates();
      return c.json({ items, total: items.length }, 200);
    },
  );

  // After /aktenplan/export, /import and /vorlagen: {id} would take those words for an id.
  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/aktenplan/{id}',
      summary: 'Eine Aktenplaneinheit',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(unitSchema) },
    }),
    async (c) => c.json(await records.aktenplan.getUnit(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/akten-einstellungen',
      summary: 'Aktenzeichen-Muster und Standard-Aktenplaneinheit des Landkreises',
      responses: { 200: jsonResponse(settingsSchema) },
    }),
    async (c) => c.json(await records.aktenplan.getSettings(requirePrincipal(c).tenantId), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'put',
      path: '/akten-einstellungen',
      summary: 'Aktenzeichen-Muster ({kennzeichen}, {nr:4}, {jahr}, {jahr2}, {kreis}) setzen (kreis-admin)',
      request: jsonBody(settingsSchema.partial()),
      responses: { 200: jsonResponse(settingsSchema) },
    }),
    async (c) =>
      c.json(await records.aktenplan.updateSettings(requirePrincipal(c), c.req.valid('json')), 200),
  );
}
