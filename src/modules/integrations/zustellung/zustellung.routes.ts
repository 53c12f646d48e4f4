import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, jsonResponse, listOf } from '../../../platform/http/schemas.ts';
import { idParam, tags } from '../integrations.schemas.ts';
import { deliveriesQuery, monitorQuery } from './zustellung.schemas.ts';
import type { ZustellungUsecases } from './zustellung.usecases.ts';

/** /zustellungen and /integrationen/monitor: deliveries, redelivery of dead letters, the monitor. */
export function registerZustellungRoutes(api: ApiRouter, usecases: ZustellungUsecases) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/zustellungen',
      tags,
      summary: 'Zustellungen (Outbox) des Landkreises; status=dead zeigt die unzustellbaren',
      security: bearerSecurity,
      request: { query: deliveriesQuery },
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => c.json(await usecases.listDeliveries(requirePrincipal(c), c.req.valid('query')), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/zustellungen/{id}/erneut',
      tags,
      summary: 'Unzustellbare Zustellung erneut senden (gleicher Idempotenzschlüssel)',
      security: bearerSecurity,
      request: { params: idParam },
      responses: { 200: jsonResponse(z.unknown()), ...errorResponses },
    }),
    async (c) => c.json(await usecases.redeliver(requirePrincipal(c), c.req.valid('param').id), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/integrationen/monitor',
      tags,
      summary:
        'Integrationsmonitor: je Anbindung zugestellt, wartend, fehlerhaft, tot, Latenzen; mit verbund=true je Anbindung und Landkreis (verbund-admin)',
      security: bearerSecurity,
      request: { query: monitorQuery },
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      const items =
        c.req.valid('query').verbund === 'true'
          ? await usecases.monitorVerbund(principal)
          : await usecases.monitor(principal);
      return c.json({ items, total: items.length }, 200);
    },
  );
}
