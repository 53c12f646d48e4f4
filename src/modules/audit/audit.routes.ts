import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import type { AuditRepository } from './audit.repository.ts';

/** What these handlers use, given by the composition root. */
export type AuditDeps = { audit: AuditRepository };

const eventSchema = z
  .object({
    seq: z.number(),
    time: z.string(),
    actor: z.string(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    data: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .openapi('AuditEreignis');

export function registerAuditRoutes(api: ApiRouter, deps: AuditDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['Audit'],
      summary: 'Letzte Ereignisse der eigenen Prüfkette',
      security: bearerSecurity,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
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
      const rows = await deps.audit.list({ tenantId: principal.tenantId, limit: c.req.valid('query').limit });
      const items = rows.map((r) => ({
        seq: Number(r.seq),
        time: r.occurred_at.toISOString(),
        actor: r.actor,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        data: r.data,
        hash: r.hash,
      }));
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
        200: {
          description: 'Ergebnis',
          content: {
            'application/json': {
              schema: z.object({
                ok: z.boolean(),
                events: z.number(),
                brokenSeq: z.number().optional(),
                reason: z.string().optional(),
                head: z.string().optional(),
              }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requireRole(c, 'kreis-admin', 'leitung');
      return c.json(await deps.audit.verify({ tenantId: principal.tenantId }), 200);
    },
  );
}
