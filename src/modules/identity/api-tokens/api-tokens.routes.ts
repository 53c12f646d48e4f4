import { createRoute } from '@hono/zod-openapi';
import { requireRole } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { actorOf } from '../../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, listOf } from '../../../platform/http/schemas.ts';
import { uuidParam } from '../identity.schemas.ts';
import { createdTokenSchema, newTokenBody, tokenSchema, toToken } from './api-tokens.schemas.ts';
import type { ApiTokenUsecases } from './api-tokens.usecases.ts';

export function registerApiTokenRoutes(api: ApiRouter, deps: { identity: ApiTokenUsecases }) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags: ['Identität'],
      summary: 'API-Tokens des eigenen Landkreises (ohne Geheimnis)',
      security: bearerSecurity,
      responses: {
        200: { description: 'Tokens', content: { 'application/json': { schema: listOf(tokenSchema) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requireRole(c, 'kreis-admin');
      const rows = await deps.identity.listApiTokens({ tenantId: p.tenantId });
      return c.json({ items: rows.map(toToken), total: rows.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['Identität'],
      summary: 'API-Token ausstellen (kreis-admin); das Token wird nur einmal gezeigt',
      security: bearerSecurity,
      request: { body: { required: true, content: { 'application/json': { schema: newTokenBody } } } },
      responses: {
        201: { description: 'Ausgestellt', content: { 'application/json': { schema: createdTokenSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requireRole(c, 'kreis-admin');
      const body = c.req.valid('json');
      const created = await deps.identity.createApiToken({
        tenantId: p.tenantId,
        roles: body.roles,
        name: body.name,
        userLogin: body.user,
        expiresInDays: body.expiresInDays,
        actor: actorOf(p),
      });
      return c.json(
        { id: created.id, token: created.token, expiresAt: created.expiresAt?.toISOString() ?? null },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags: ['Identität'],
      summary: 'API-Token widerrufen',
      security: bearerSecurity,
      request: { params: uuidParam },
      responses: { 204: { description: 'Widerrufen' }, ...errorResponses },
    }),
    async (c) => {
      const p = requireRole(c, 'kreis-admin');
      await deps.identity.revokeApiToken({ principal: p, tokenId: c.req.valid('param').id });
      return c.body(null, 204);
    },
  );
}
