import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses, listOf } from '../../../platform/http/schemas.ts';
import type { OrgUnitUsecases } from './org-units.usecases.ts';

const orgUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kuerzel: z.string(),
  parentId: z.string().nullable(),
});

export function registerOrgUnitRoutes(api: ApiRouter, deps: { identity: OrgUnitUsecases }) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisationseinheiten',
      tags: ['Identität'],
      summary: 'Organisationseinheiten des eigenen Landkreises',
      security: bearerSecurity,
      responses: {
        200: { description: 'OEs', content: { 'application/json': { schema: listOf(orgUnitSchema) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const units = await deps.identity.listOrgUnits({ tenantId: p.tenantId });
      return c.json(
        {
          items: units.map((u) => ({ id: u.id, name: u.name, kuerzel: u.kuerzel, parentId: u.parent_id })),
          total: units.length,
        },
        200,
      );
    },
  );
}
