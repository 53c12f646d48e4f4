import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import type { AuditRepository } from './audit.repository.ts';
import { eventSchema, listQuery, toAuditItem, verifyResultSchema } from './audit.schemas.ts';

/** What these handlers use, given by the composition root. */
export type AuditDeps = { audit: AuditRepository };

export function registerAuditRoutes(api: ApiRouter, deps: AuditDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['Audit'],
      summary: 'Letzte Ereignisse der eigenen Prüfkette',
      security: bearerSecurity,
      request: { query: listQuery },
      responses: {
        200: {
          description: 'Ereignisse, neueste zuerst',
          content: { 'application/json': { schema: listOf(eventSchema) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requireRole(c, 'kreis-admin', 'leitung');
      const events = await deps.audit.list({
        tenantId: principal.tenantId,
        limit: c.req.valid('query').limit,
      });
      const items = events.map(toAuditItem);
      return c.json({ items, total: items.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit/pruefung',
      tags: ['Audit'],
      summary: 'Prüfkette der eigenen Verwaltung nachrechnen',
      security: bearerSecurity,
      responses: {
        200: { description: 'Ergebnis', content: { 'application/json': { schema: verifyResultSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requireRole(c, 'kreis-admin', 'leitung');
      return c.json(await deps.audit.verify({ tenantId: principal.tenantId }), 200);
    },
  );
}
