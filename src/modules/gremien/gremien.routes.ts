import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  problemSchema,
  uuidPathParam,
} from '../../platform/http/schemas.ts';
import type { GremienUsecases } from './gremien/gremien.usecases.ts';
import {
  gremiumInput,
  gremiumSchema,
  nummernvorlageInput,
  nummernvorlageSchema,
  vorlageCreate,
  vorlagenQuery,
  vorlageSchema,
  vorlageUpdate,
} from './gremien.schemas.ts';
import type { VorlagenUsecases } from './vorlagen/vorlagen.usecases.ts';

/** What these handlers use, given by the composition root. */
export type GremienRoutesDeps = { gremien: GremienUsecases; vorlagen: VorlagenUsecases };

const conflict = {
  description: 'Konflikt',
  content: { 'application/problem+json': { schema: problemSchema } },
};
const unprocessable = {
  description: 'Nicht verarbeitbar',
  content: { 'application/problem+json': { schema: problemSchema } },
};

/** Council bodies and Vorlagen of the county (staff API). */
export function registerGremienRoutes(api: ApiRouter, { gremien, vorlagen }: GremienRoutesDeps) {
  const route = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
    createRoute({ ...config, tags: ['Gremien'], security: bearerSecurity });

  api.openapi(
    route({
      method: 'get',
      path: '/gremien',
      summary: 'Gremien des Landkreises (Kreistag, Kreisausschuss, Ausschüsse)',
      responses: { 200: jsonResponse(listOf(gremiumSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await gremien.listGremien(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: '/gremien',
      summary: 'Gremium anlegen (Kreis-Administration, Leitung)',
      request: jsonBody(gremiumInput),
      responses: { 201: jsonResponse(gremiumSchema, 'Angelegt'), 409: conflict, ...errorResponses },
    }),
    async (c) => c.json(await gremien.createGremium(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/gremien/{id}',
      summary: 'Ein Gremium',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(gremiumSchema), ...errorResponses },
    }),
    async (c) => c.json(await gremien.getGremium(requirePrincipal(c), c.req.valid('param').id), 200),
  );

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
