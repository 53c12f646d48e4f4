import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import { actorOf } from '../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, listOf } from '../../platform/http/schemas.ts';
import { notFound } from '../../shared/errors.ts';
import type { VerbundUsecases } from './verbund.usecases.ts';

/** What these handlers use, given by the composition root. */
export type VerbundDeps = { verbund: VerbundUsecases };

const memberSchema = z
  .object({ id: z.string(), name: z.string(), kreisschluessel: z.string(), joinedOn: z.string() })
  .openapi('Mitglied');

const verbundSchema = z
  .object({
    agreement: z
      .object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        basis: z.string(),
        concludedOn: z.string(),
        purpose: z.string(),
      })
      .nullable(),
    members: z.array(
      memberSchema.extend({ memberSince: z.string().nullable(), viaAmendment: z.number().nullable() }),
    ),
    amendments: z.array(
      z.object({
        number: z.number(),
        title: z.string(),
        drucksache: z.string(),
        resolvedBy: z.string(),
        resolvedOn: z.string(),
        summary: z.string(),
        joiningTenantId: z.string().nullable(),
      }),
    ),
  })
  .openapi('Verbund');

const addMemberBody = z.object({
  id: z.string().openapi({ example: 'ilm-kreis' }),
  name: z.string().openapi({ example: 'Ilm-Kreis' }),
  kreisschluessel: z.string().openapi({ example: '16070' }),
});

const receivedSchema = z.object({
  kind: z.string(),
  id: z.string(),
  label: z.string(),
  status: z.string(),
  ownerTenantId: z.string().nullable(),
  hook: z.string(),
});

const toMember = (t: { id: string; name: string; kreisschluessel: string; joined_on: string }) => ({
  id: t.id,
  name: t.name,
  kreisschluessel: t.kreisschluessel,
  joinedOn: t.joined_on,
});

export function registerVerbundRoutes(api: ApiRouter, deps: VerbundDeps) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/verbund',
      tags: ['Verbund'],
      summary: 'Mitglieder, Zweckvereinbarung und Änderungen',
      security: bearerSecurity,
      responses: {
        200: { description: 'Der Verbund', content: { 'application/json': { schema: verbundSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePrincipal(c);
      const { members, agreement, amendments, memberships } = await deps.verbund.getVerbund();
      return c.json(
        {
          agreement: agreement
            ? {
                id: agreement.id,
                title: agreement.title,
                kind: agreement.kind,
                basis: agreement.basis,
                concludedOn: agreement.concluded_on,
                purpose: agreement.purpose,
              }
            : null,
          members: members.map((m) => {
            const membership = memberships.find((x) => x.member_id === m.id);
            return {
              ...toMember(m),
              memberSince: membership?.member_since ?? null,
              viaAmendment: membership?.via_amendment ?? null,
            };
          }),
          amendments: amendments.map((a) => ({
            number: a.number,
            title: a.title,
            drucksache: a.drucksache,
            resolvedBy: a.resolved_by,
            resolvedOn: a.resolved_on,
            summary: a.summary,
            joiningTenantId: a.joining_tenant_id,
          })),
        },
        200,
      );
    },
  );

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
          content: {
            'application/json': {
              schema: z.object({
                member: memberSchema,
                admin: z.object({ login: z.string(), password: z.string() }),
                received: z.array(receivedSchema),
              }),
            },
          },
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
      if (!member) throw notFound('tenant', 'Das Mitglied');
      return c.json(toMember(member), 200);
    },
  );
}
