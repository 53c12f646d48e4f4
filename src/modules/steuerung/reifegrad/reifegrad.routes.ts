import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import {
  bearerSecurity,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
} from '../../../platform/http/schemas.ts';
import {
  leistungIdParam,
  leistungReifegradSchema,
  reifegradInput,
  reifegradVerbundSchema,
} from './reifegrad.schemas.ts';
import type { ReifegradUsecases } from './reifegrad.usecases.ts';

const route = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
  createRoute({ ...config, tags: ['Steuerung'], security: bearerSecurity });

/** OZG Reifegrad: the county's Leistungen with criteria, recording, and the Verbund table. */
export function registerReifegradRoutes(api: ApiRouter, { reifegrad }: { reifegrad: ReifegradUsecases }) {
  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/reifegrad',
      summary:
        'OZG-Reifegrad jeder Leistung im eigenen Landkreis, mit Kriterien (erfasst, abgeleitet, offen)',
      responses: { 200: jsonResponse(listOf(leistungReifegradSchema)), ...errorResponses },
    }),
    async (c) => {
      const items = await reifegrad.liste(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/reifegrad/verbund',
      summary:
        'Leistungen nach Reifegrad je Landkreis (nur Zählwerte, über die Funktion steuerung_reifegrad_verbund, protokolliert)',
      responses: { 200: jsonResponse(reifegradVerbundSchema), ...errorResponses },
    }),
    async (c) => c.json(await reifegrad.verbund(requirePrincipal(c)), 200),
  );

  api.openapi(
    route({
      method: 'get',
      path: '/steuerung/reifegrad/leistungen/{id}',
      summary: 'Reifegrad einer Leistung im eigenen Landkreis',
      request: { params: leistungIdParam },
      responses: { 200: jsonResponse(leistungReifegradSchema), ...errorResponses },
    }),
    async (c) => c.json(await reifegrad.leistung(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    route({
      method: 'put',
      path: '/steuerung/reifegrad/leistungen/{id}',
      summary:
        'Kriterien erfassen (Stufe 0–4, „entfaellt“ oder null zum Löschen) und Reifegrad 2.0 – Serviceteam oder Kreis-Administration',
      request: { params: leistungIdParam, ...jsonBody(reifegradInput) },
      responses: { 200: jsonResponse(leistungReifegradSchema), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await reifegrad.erfassen(requirePrincipal(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
}
