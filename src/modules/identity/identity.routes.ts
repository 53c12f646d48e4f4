import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { actorOf, ROLES } from '../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import { notFound } from '../../shared/errors.ts';
import type { VerbundUsecases } from '../verbund/verbund.module.ts';
import type { IdentityUsecases } from './identity.usecases.ts';

/** What these handlers use, given by the composition root. */
export type IdentityDeps = { identity: IdentityUsecases; verbund: VerbundUsecases };

const roleSchema = z.enum(ROLES);
const userSchema = z
  .object({
    id: z.string().uuid(),
    login: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    orgUnitId: z.string().nullable(),
    disabled: z.boolean(),
  })
  .openapi('Benutzer');
const tokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    roles: z.array(z.string()),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ApiToken');
const uuidParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const toUser = (u: {
  id: string;
  login: string;
  display_name: string;
  roles: string[];
  org_unit_id: string | null;
  disabled_at: Date | null;
}) => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  roles: u.roles,
  orgUnitId: u.org_unit_id,
  disabled: Boolean(u.disabled_at),
});

export function registerIdentityRoutes(api: ApiRouter, deps: IdentityDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Identität'],
      summary: 'Wer bin ich?',
      security: bearerSecurity,
      responses: {
        200: {
          description: 'Angemeldete Person oder Token',
          content: {
            'application/json': {
              schema: z.object({
                tenant: z.object({ id: z.string(), name: z.string(), kreisschluessel: z.string() }),
                userId: z.string().nullable(),
                login: z.string().nullable(),
                displayName: z.string(),
                roles: z.array(z.string()),
                via: z.enum(['session', 'token']),
              }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const tenant = await deps.verbund.getMember(p.tenantId);
      return c.json(
        {
          tenant: {
            id: p.tenantId,
            name: tenant?.name ?? p.tenantId,
            kreisschluessel: tenant?.kreisschluessel ?? '',
          },
          userId: p.userId,
          login: p.login,
          displayName: p.displayName,
          roles: p.roles,
          via: p.via,
        },
        200,
      );
    },
  );

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
      const users = await deps.identity.listUsers({ tenantId: p.tenantId });
      const user = users.find((u) => u.id === c.req.valid('param').id);
      if (!user) throw notFound('user', 'Der Benutzer');
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
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                login: z.string(),
                displayName: z.string().min(1).max(200),
                password: z.string(),
                roles: z.array(roleSchema.exclude(['verbund-admin'])).min(1),
                orgUnit: z.string().optional(),
                email: z.string().email().optional(),
              }),
            },
          },
        },
      },
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

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisationseinheiten',
      tags: ['Identität'],
      summary: 'Organisationseinheiten des eigenen Landkreises',
      security: bearerSecurity,
      responses: {
        200: {
          description: 'OEs',
          content: {
            'application/json': {
              schema: listOf(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  kuerzel: z.string(),
                  parentId: z.string().nullable(),
                }),
              ),
            },
          },
        },
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
      const iso = (d: Date | null) => d?.toISOString() ?? null;
      return c.json(
        {
          items: rows.map((t) => ({
            id: t.id,
            name: t.name,
            roles: t.roles,
            expiresAt: iso(t.expires_at),
            revokedAt: iso(t.revoked_at),
            lastUsedAt: iso(t.last_used_at),
            createdAt: t.created_at.toISOString(),
          })),
          total: rows.length,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['Identität'],
      summary: 'API-Token ausstellen (kreis-admin); das Token wird nur einmal gezeigt',
      security: bearerSecurity,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                name: z.string().min(1).max(200),
                roles: z.array(roleSchema.exclude(['verbund-admin'])).min(1),
                user: z.string().optional(),
                expiresInDays: z.number().int().min(1).max(3650).optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: {
          description: 'Ausgestellt',
          content: {
            'application/json': {
              schema: z.object({ id: z.string(), token: z.string(), expiresAt: z.string().nullable() }),
            },
          },
        },
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
