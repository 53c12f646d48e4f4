import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import {
  ausgabeInput,
  ausgabeParams,
  bewilligungInput,
  bewilligungKurzSchema,
  bewilligungSchema,
  exportQuery,
  sachberichtInput,
} from './foerdermittel.schemas.ts';
import type { FoerdermittelUsecases } from './foerdermittel.usecases.ts';

const route = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
  createRoute({ ...config, tags: ['Steuerung'], security: bearerSecurity });

const TYPEN = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const binaer = z.string().openapi({ format: 'binary' });

/** Fördermittel of the county: Bewilligungen, expenses with receipts, Verwendungsnachweis. */
export function registerFoerdermittelRoutes(
  api: ApiRouter,
  { foerdermittel }: { foerdermittel: FoerdermittelUsecases },
) {
  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/foerdermittel',
      summary: 'Bewilligungen des Landkreises mit Summen und Hinweisen',
      responses: { 200: jsonResponse(listOf(bewilligungKurzSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await foerdermittel.liste(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: '/steuerung/foerdermittel',
      summary: 'Bewilligung erfassen (Serviceteam oder Kreis-Administration)',
      request: jsonBody(bewilligungInput),
      responses: { 201: jsonResponse(bewilligungSchema, 'Angelegt'), ...errorResponses },
    }),
    async (c) => c.json(await foerdermittel.anlegen(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/foerdermittel/{id}',
      summary: 'Eine Bewilligung mit allen Ausgaben und ihren Hinweisen',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(bewilligungSchema), ...errorResponses },
    }),
    async (c) => c.json(await foerdermittel.lesen(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/steuerung/foerdermittel/{id}/sachbericht',
      summary: 'Sachbericht des Verwendungsnachweises setzen',
      request: { params: uuidPathParam, ...jsonBody(sachberichtInput) },
      responses: { 200: jsonResponse(bewilligungSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await foerdermittel.sachbericht(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json').sachbericht,
        ),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/steuerung/foerdermittel/{id}/ausgaben',
      summary: 'Ausgabe erfassen; der Beleg muss ein Dokument der eigenen E-Akte sein',
      request: { params: uuidPathParam, ...jsonBody(ausgabeInput) },
      responses: { 201: jsonResponse(bewilligungSchema, 'Erfasst'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await foerdermittel.ausgabeErfassen(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  );

  api.openapi(
    route({
      method: 'delete',
      path: '/steuerung/foerdermittel/{id}/ausgaben/{ausgabeId}',
      summary: 'Ausgabe löschen',
      request: { params: ausgabeParams },
      responses: { 200: jsonResponse(bewilligungSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, ausgabeId } = c.req.valid('param');
      return c.json(await foerdermittel.ausgabeLoeschen(requirePrincipal(c), id, ausgabeId), 200);
    },
  );

  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/foerdermittel/{id}/verwendungsnachweis',
      summary:
        'Verwendungsnachweis: PDF/A-2b (Sachbericht und zahlenmäßiger Nachweis), CSV oder XLSX (Belegliste)',
      request: { params: uuidPathParam, query: exportQuery },
      responses: {
        200: {
          description: 'Datei zum Herunterladen',
          content: {
            [TYPEN.pdf]: { schema: binaer },
            [TYPEN.csv]: { schema: binaer },
            [TYPEN.xlsx]: { schema: binaer },
          },
        },
        ...errorResponses,
      },
    }),
    // biome-ignore lint/suspicious/noExplicitAny: a binary download is a plain Response, which the typed handler does not model
    (async (c: any) => {
      const datei = await foerdermittel.verwendungsnachweis(
        requirePrincipal(c),
        c.req.valid('param').id,
        c.req.valid('query').format,
      );
      const name = `${datei.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.${datei.format}`;
      return new Response(new Uint8Array(datei.bytes), {
        status: 200,
        headers: {
          'content-type': TYPEN[datei.format],
          'content-disposition': `${datei.format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`,
          'cache-control': 'private, no-store',
        },
      });
      // biome-ignore lint/suspicious/noExplicitAny: see above
    }) as any,
  );
}
