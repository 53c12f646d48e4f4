import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  uuidPathParam,
} from '../../platform/http/schemas.ts';
import { conflict, route, unprocessable } from './gremien.openapi.ts';
import {
  nummernvorlageInput,
  nummernvorlageSchema,
  vorlageCreate,
  vorlagenQuery,
  vorlageSchema,
  vorlageUpdate,
} from './gremien.schemas.ts';
import type { VorlagenUsecases } from './vorlagen/vorlagen.usecases.ts';

/** What these handlers use, given by the composition root. */
export type VorlagenRoutesDeps = { vorlagen: VorlagenUsecases };

/** Vorlagen (Drucksachen) of the county and its numbering (staff API). */
export function registerVorlagenRoutes(api: ApiRouter, { vorlagen }: VorlagenRoutesDeps) {
  api.openapi(
    route({
      method: 'get',
      path: '/drucksachen-nummern',
      summary: 'Vorlage der Drucksachen-Nr. des Landkreises, z. B. KT/{seq:3}/{yyyy}',
      responses: { 200: jsonResponse(nummernvorlageSchema), ...errorResponses },
    }),
    async (c) => c.json(await vorlagen.getNummernvorlage(requirePrincipal(c)), 200),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/drucksachen-nummern',
      summary: 'Vorlage der Drucksachen-Nr. setzen (Kreis-Administration): {seq} oder {seq:N}, {yyyy}, {yy}',
      request: jsonBody(nummernvorlageInput),
      responses: { 200: jsonResponse(nummernvorlageSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(await vorlagen.setNummernvorlage(requirePrincipal(c), c.req.valid('json').vorlage), 200),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/vorlagen',
      summary: 'Vorlagen (Drucksachen) des Landkreises, die neuesten zuerst',
      request: { query: vorlagenQuery },
      responses: { 200: jsonResponse(listOf(vorlageSchema)), ...errorResponses },
    }),
    async (c) => c.json(await vorlagen.listVorlagen(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/vorlagen',
      summary: 'Vorlage anlegen; die Drucksachen-Nr. wird lückenlos vergeben',
      request: jsonBody(vorlageCreate),
      responses: { 201: jsonResponse(vorlageSchema, 'Angelegt'), 422: unprocessable, ...errorResponses },
    }),
    async (c) => c.json(await vorlagen.createVorlage(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/vorlagen/{id}',
      summary: 'Eine Vorlage mit Beratungsfolge',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(vorlageSchema), ...errorResponses },
    }),
    async (c) => c.json(await vorlagen.getVorlage(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    route({
      method: 'patch',
      path: '/vorlagen/{id}',
      summary: 'Vorlage ändern (nicht mehr nach der Veröffentlichung; eine Änderung hebt die Freigabe auf)',
      request: { params: uuidPathParam, ...jsonBody(vorlageUpdate) },
      responses: { 200: jsonResponse(vorlageSchema), 409: conflict, 422: unprocessable, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await vorlagen.updateVorlage(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/vorlagen/{id}/freigabe',
      summary: 'Vorlage freigeben (Leitung)',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(vorlageSchema), 409: conflict, ...errorResponses },
    }),
    async (c) => c.json(await vorlagen.freigeben(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/vorlagen/{id}/veroeffentlichung',
      summary: 'Freigegebene Vorlage veröffentlichen; die Drucksachen-Nr. ist danach unveränderlich',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(vorlageSchema), 409: conflict, ...errorResponses },
    }),
    async (c) => c.json(await vorlagen.veroeffentlichen(requirePrincipal(c), c.req.valid('param').id), 200),
  );
}
