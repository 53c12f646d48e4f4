import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  uuidPathParam,
} from '../../../platform/http/schemas.ts';
import { eakteRoute } from '../records.openapi.ts';
import { akteCreated, akteInput, aktenQuery, akteSchema, reopenInput } from './akten.schemas.ts';
import type { AktenUsecases } from './akten.usecases.ts';

/** What these handlers use, given by the composition root. */
export type AktenRoutesDeps = { records: { akten: AktenUsecases } };

/** Akten: list, create, read, close (z.d.A.) and reopen. */
export function registerAktenRoutes(api: ApiRouter, { records }: AktenRoutesDeps) {
  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/akten',
      summary: 'Akten (seitenweise)',
      request: { query: aktenQuery },
      responses: { 200: jsonResponse(listOf(akteSchema)) },
    }),
    async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(await records.akten.listAkten(requirePrincipal(c), filter, { limit, offset }), 200);
    },
  );

  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/akten',
      summary: 'Akte anlegen; das Aktenzeichen wird vergeben',
      request: jsonBody(akteInput),
      responses: { 201: jsonResponse(akteCreated, 'Angelegt') },
    }),
    async (c) => c.json(await records.akten.createAkte(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    eakteRoute({
      method: 'get',
      path: '/akten/{id}',
      summary: 'Eine Akte',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(akteSchema) },
    }),
    async (c) => c.json(await records.akten.getAkte(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/akten/{id}/zda',
      summary: 'Akte z.d.A. verfügen (friert sie ein)',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(akteSchema), 409: errorResponses[400] },
    }),
    async (c) =>
      c.json(await records.akten.setAkteStatus(requirePrincipal(c), c.req.valid('param').id, 'zda'), 200),
  );

  api.openapi(
    eakteRoute({
      method: 'post',
      path: '/akten/{id}/wiedereroeffnen',
      summary: 'z.d.A. verfügte Akte wieder öffnen (nur Leitung; protokolliert)',
      request: { params: uuidPathParam, ...jsonBody(reopenInput) },
      responses: { 200: jsonResponse(akteSchema) },
    }),
    async (c) => {
      const { begruendung } = c.req.valid('json');
      const { id } = c.req.valid('param');
      return c.json(await records.akten.setAkteStatus(requirePrincipal(c), id, 'offen', begruendung), 200);
    },
  );
}
