import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { actorOf } from '../../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, listOf } from '../../../platform/http/schemas.ts';
import { uuidParam } from '../identity.schemas.ts';
import { newUserBody, toUser, userSchema } from './users.schemas.ts';
import type { UserUsecases } from './users.usecases.ts';

export function registerUserRoutes(api: ApiRouter, deps: { identity: UserUsecases }) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/benutzer',
      tags: ['Identität'],
      summary: 'Benutzer des eigenen Landkreises',
      security: bearerSecurity,
      responses: {
        200: { description: 'Benutzer', content: { 'application/json': { schema: listOf(userSchema) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requireRole(c, 'kreis-admin', 'leitung');
      const users = await deps.identity.listUsers({ tenantId: p.tenantId });
      return c.json({ items: users.map(toUser), total: users.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/benutzer/{id}',
      tags: ['Identität'],
      summary: 'Ein Benutzer',
      security: bearerSecurity,
      request: { params: uuidParam },
      responses: {
        200: { description: 'Benutzer', content: { 'application/json': { schema: userSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requireRole(c, 'kreis-admin', 'leitung');
      const user = await deps.identity.getUser({ tenantId: p.tenantId, id: c.req.valid('param').id });
      return c.json(toUser(user), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/benutzer',
      tags: ['Identität'],
      summary: 'Benutzer anlegen (kreis-admin)',
      security: bearerSecurity,
      request: { body: { required: true, content: { 'application/json': { schema: newUserBody } } } },
      responses: {
        201: {
          description: 'Angelegt',
          content: { 'application/json': { schema: z.object({ id: z.string(), login: z.string() }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requireRole(c, 'kreis-admin');
      const body = c.req.valid('json');
      const user = await deps.identity.addUser({ tenantId: p.tenantId, ...body, actor: actorOf(p) });
      return c.json({ id: user.id, login: user.login }, 201);
    },
  );
}
