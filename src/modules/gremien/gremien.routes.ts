import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  uuidPathParam,
} from '../../platform/http/schemas.ts';
import type { GremienUsecases } from './gremien/gremien.usecases.ts';
import type { MitgliederUsecases } from './gremien/mitglieder.usecases.ts';
import { conflict, route, unprocessable } from './gremien.openapi.ts';
import {
  gremiumInput,
  gremiumSchema,
  mitgliederQuery,
  mitgliedInput,
  mitgliedSchema,
  personenQuery,
  personInput,
  personSchema,
  wahlperiodeInput,
  wahlperiodeSchema,
} from './gremien.schemas.ts';

/** What these handlers use, given by the composition root. */
export type GremienRoutesDeps = { gremien: GremienUsecases; mitglieder: MitgliederUsecases };

/** Council bodies, their members and terms, and the people of the council (staff API). */
export function registerGremienRoutes(api: ApiRouter, { gremien, mitglieder }: GremienRoutesDeps) {
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
      path: '/gremien/{id}/mitglieder',
      summary: 'Mitglieder eines Gremiums (alle Sitze oder an einem Stichtag), nach Rolle und Fraktion',
      request: { params: uuidPathParam, query: mitgliederQuery },
      responses: { 200: jsonResponse(listOf(mitgliedSchema)), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await mitglieder.listMitglieder(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('query').stichtag,
        ),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/gremien/{id}/mitglieder',
      summary:
        'Mitgliedschaft eintragen (höchstens so viele Stimmberechtigte wie Sitze, eine Person einmal zugleich)',
      request: { params: uuidPathParam, ...jsonBody(mitgliedInput) },
      responses: {
        201: jsonResponse(mitgliedSchema, 'Eingetragen'),
        409: conflict,
        422: unprocessable,
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await mitglieder.addMitglied(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/wahlperioden',
      summary: 'Wahlperioden des Landkreises, die neueste zuerst',
      responses: { 200: jsonResponse(listOf(wahlperiodeSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await mitglieder.listWahlperioden(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    route({
      method: 'post',
      path: '/wahlperioden',
      summary: 'Wahlperiode anlegen',
      request: jsonBody(wahlperiodeInput),
      responses: { 201: jsonResponse(wahlperiodeSchema, 'Angelegt'), 409: conflict, ...errorResponses },
    }),
    async (c) => c.json(await mitglieder.createWahlperiode(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/personen',
      summary: 'Personen der Gremien (Mitglieder, Verwaltung), alphabetisch',
      request: { query: personenQuery },
      responses: { 200: jsonResponse(listOf(personSchema)), ...errorResponses },
    }),
    async (c) => c.json(await mitglieder.listPersonen(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/personen',
      summary: 'Person anlegen',
      request: jsonBody(personInput),
      responses: { 201: jsonResponse(personSchema, 'Angelegt'), ...errorResponses },
    }),
    async (c) => c.json(await mitglieder.createPerson(requirePrincipal(c), c.req.valid('json')), 201),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/personen/{id}',
      summary: 'Eine Person',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(personSchema), ...errorResponses },
    }),
    async (c) => c.json(await mitglieder.getPerson(requirePrincipal(c), c.req.valid('param').id), 200),
  );
}
