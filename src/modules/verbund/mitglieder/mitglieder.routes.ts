import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { actorOf } from '../../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, listOf } from '../../../platform/http/schemas.ts';
import { memberNotFound } from '../verbund.errors.ts';
import { addedMemberSchema, addMemberBody, memberSchema, toMember } from './mitglieder.schemas.ts';
import type { MitgliederUsecases } from './mitglieder.usecases.ts';

export function registerMitgliederRoutes(api: ApiRouter, deps: { verbund: MitgliederUsecases }) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/verbund/mitglieder',
      tags: ['Verbund'],
      summary: 'Mitglieder des Verbunds',
      security: bearerSecurity,
      responses: {
        200: { description: 'Mitglieder', content: { 'application/json': { schema: listOf(memberSchema) } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePrincipal(c);
      const members = await deps.verbund.listMembers();
      return c.json({ items: members.map(toMember), total: members.length }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/verbund/mitglieder',
      tags: ['Verbund'],
      summary: 'Neues Mitglied aufnehmen (verbund-admin)',
      security: bearerSecurity,
      request: { body: { required: true, content: { 'application/json': { schema: addMemberBody } } } },
      responses: {
        201: {
          description: 'Aufgenommen; das Admin-Passwort wird nur hier einmal gezeigt',
          content: { 'application/json': { schema: addedMemberSchema } },
        },
        409: errorResponses[404],
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requireRole(c, 'verbund-admin');
      const body = c.req.valid('json');
      const result = await deps.verbund.addMember({
        member: body,
        actor: actorOf(principal),
        actorTenantId: principal.tenantId,
      });
      return c.json(
        {
          member: { ...result.tenant },
          admin: result.admin,
          received: result.received.map((r) => ({
            kind: r.kind,
            id: r.id,
            label: r.label,
            status: r.status ?? 'active',
            ownerTenantId: r.ownerTenantId ?? null,
            hook: r.hook,
          })),
        },
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/verbund/mitglieder/{id}',
      tags: ['Verbund'],
      summary: 'Ein Mitglied (Verbund-Ebene, für alle Mitglieder lesbar)',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string() }) },
      responses: {
        200: { description: 'Mitglied', content: { 'application/json': { schema: memberSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePrincipal(c);
      const member = await deps.verbund.getMember(c.req.valid('param').id);
      if (!member) throw memberNotFound();
      return c.json(toMember(member), 200);
    },
  );
}
