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
import type { BeratungenUsecases } from './sitzungen/beratungen.usecases.ts';
import type { BeschluesseUsecases } from './sitzungen/beschluesse.usecases.ts';
import type { SitzungenUsecases } from './sitzungen/sitzungen.usecases.ts';
import {
  anwesenheitInput,
  anwesenheitSchema,
  beratungInput,
  beratungSchema,
  beschluesseQuery,
  beschlussSchema,
  beschlussUpdate,
  reihenfolgeInput,
  sitzungenQuery,
  sitzungInput,
  sitzungSchema,
  sitzungUpdate,
  topInput,
} from './sitzungen.schemas.ts';

/** What these handlers use, given by the composition root. */
export type SitzungenRoutesDeps = {
  sitzungen: SitzungenUsecases;
  beratungen: BeratungenUsecases;
  beschluesse: BeschluesseUsecases;
};

/** Sessions of the county's Gremien and their agenda (staff API). */
export function registerSitzungenRoutes(
  api: ApiRouter,
  { sitzungen, beratungen, beschluesse }: SitzungenRoutesDeps,
) {
  api.openapi(
    route({
      method: 'post',
      path: '/gremien/{id}/sitzungen',
      summary: 'Sitzung eines Gremiums anlegen; die Sitzungsnummer wird je Gremium lückenlos vergeben',
      request: { params: uuidPathParam, ...jsonBody(sitzungInput) },
      responses: { 201: jsonResponse(sitzungSchema, 'Angelegt'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await sitzungen.createSitzung(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/sitzungen',
      summary: 'Sitzungen nach Datum (Filter: Gremium, Zeitraum)',
      request: { query: sitzungenQuery },
      responses: { 200: jsonResponse(listOf(sitzungSchema)), ...errorResponses },
    }),
    async (c) => c.json(await sitzungen.listSitzungen(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/sitzungen/{id}',
      summary: 'Eine Sitzung mit Tagesordnung (Ö/N, Reihenfolge, Vorlagen)',
      request: { params: uuidPathParam },
      responses: { 200: jsonResponse(sitzungSchema), ...errorResponses },
    }),
    async (c) => c.json(await sitzungen.getSitzung(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    route({
      method: 'patch',
      path: '/sitzungen/{id}',
      summary:
        'Zeit, Ort oder Stand ändern (geplant → eingeladen → durchgeführt; abgesagt bis zur Durchführung)',
      request: { params: uuidPathParam, ...jsonBody(sitzungUpdate) },
      responses: { 200: jsonResponse(sitzungSchema), 409: conflict, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await sitzungen.updateSitzung(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'post',
      path: '/sitzungen/{id}/tagesordnung',
      summary: 'Tagesordnungspunkt anhängen (öffentlich oder nichtöffentlich, mit Vorlage)',
      request: { params: uuidPathParam, ...jsonBody(topInput) },
      responses: { 200: jsonResponse(sitzungSchema), 409: conflict, 422: unprocessable, ...errorResponses },
    }),
    async (c) =>
      c.json(await sitzungen.addTop(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/sitzungen/{id}/tagesordnung/reihenfolge',
      summary: 'Tagesordnung umstellen: alle Punkte in der neuen Reihenfolge',
      request: { params: uuidPathParam, ...jsonBody(reihenfolgeInput) },
      responses: { 200: jsonResponse(sitzungSchema), 422: unprocessable, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await sitzungen.reorderTops(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json').ids),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/sitzungen/{id}/anwesenheit',
      summary: 'Anwesenheit erfassen: die anwesenden Mitglieder (am Sitzungstag Mitglied des Gremiums)',
      request: { params: uuidPathParam, ...jsonBody(anwesenheitInput) },
      responses: {
        200: jsonResponse(anwesenheitSchema),
        409: conflict,
        422: unprocessable,
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await beratungen.setAnwesenheit(
          requirePrincipal(c),
          c.req.valid('param').id,
          c.req.valid('json').personIds,
        ),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/tagesordnungspunkte/{id}/beratung',
      summary:
        'Ergebnis und Abstimmung eines Tagesordnungspunkts (Ja + Nein + Enthaltungen ≤ anwesende Stimmberechtigte)',
      request: { params: uuidPathParam, ...jsonBody(beratungInput) },
      responses: { 200: jsonResponse(beratungSchema), 409: conflict, 422: unprocessable, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await beratungen.setBeratung(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/beschluesse',
      summary: 'Beschlüsse mit Umsetzungsstand (Beschlusskontrolle), die neuesten Sitzungen zuerst',
      request: { query: beschluesseQuery },
      responses: { 200: jsonResponse(listOf(beschlussSchema)), ...errorResponses },
    }),
    async (c) => c.json(await beschluesse.listBeschluesse(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    route({
      method: 'patch',
      path: '/beschluesse/{id}',
      summary: 'Beschlusstext oder Umsetzungsstand (offen, in Umsetzung, erledigt) ändern',
      request: { params: uuidPathParam, ...jsonBody(beschlussUpdate) },
      responses: { 200: jsonResponse(beschlussSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await beschluesse.updateBeschluss(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
}
