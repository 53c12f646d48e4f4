import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
} from '../../../platform/http/schemas.ts';
import { idParam } from '../ozg.schemas.ts';
import { aktivierungSchema, gemeindenQuery, leistungenQuery, leistungSchema } from './leistungen.schemas.ts';
import type { LeistungenUsecases } from './leistungen.usecases.ts';

/** What these handlers use, given by the composition root. */
export type LeistungenDeps = { leistungen: LeistungenUsecases };

/** The service catalogue and municipalities (public), a county's activations (authenticated). */
export function registerLeistungenRoutes(api: ApiRouter, { leistungen }: LeistungenDeps) {
  const tags = ['OZG-Leistungen'];

  api.openapi(
    createRoute({
      method: 'get',
      path: '/leistungen',
      tags,
      summary: 'Leistungskatalog des Verbunds (öffentlich)',
      request: { query: leistungenQuery },
      responses: { 200: jsonResponse(listOf(leistungSchema)) },
    }),
    async (c) => {
      const items = await leistungen.listLeistungen({ q: c.req.valid('query').q });
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/leistungen/{id}',
      tags,
      summary: 'Eine Leistung (ID oder LeiKa-Schlüssel; öffentlich)',
      request: { params: idParam() },
      responses: { 200: jsonResponse(leistungSchema), 404: errorResponses[404] },
    }),
    async (c) => c.json(await leistungen.getLeistung(c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/gemeinden',
      tags,
      summary: 'Gemeinden nach Name, Postleitzahl oder AGS, mit zuständigem Landkreis (öffentlich)',
      request: { query: gemeindenQuery },
      responses: { 200: jsonResponse(listOf(z.unknown())), 400: errorResponses[400] },
    }),
    async (c) => {
      const items = await leistungen.findGemeinden(c.req.valid('query').q);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/aktivierungen',
      tags,
      summary: 'Leistungen des eigenen Landkreises: aktiv, Aktenplaneinheit, zuständige OE',
      security: bearerSecurity,
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items = await leistungen.listAktivierungen(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/aktivierungen/{id}',
      tags,
      summary:
        'Leistung im eigenen Landkreis aktivieren/deaktivieren, Aktenplaneinheit und OE festlegen (kreis-admin)',
      security: bearerSecurity,
      request: { params: idParam(), ...jsonBody(aktivierungSchema) },
      responses: { 200: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await leistungen.setAktivierung(requirePrincipal(c), id, c.req.valid('json')), 200);
    },
  );
}
