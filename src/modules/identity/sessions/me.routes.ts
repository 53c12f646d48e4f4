import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses } from '../../../platform/http/schemas.ts';
import type { MemberDirectory } from '../identity.models.ts';

const meSchema = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), kreisschluessel: z.string() }),
  userId: z.string().nullable(),
  login: z.string().nullable(),
  displayName: z.string(),
  roles: z.array(z.string()),
  via: z.enum(['session', 'token']),
});

/** "Who am I": the principal of the session or token, with its county. */
export function registerMeRoutes(api: ApiRouter, deps: { verbund: Pick<MemberDirectory, 'getMember'> }) {
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
          content: { 'application/json': { schema: meSchema } },
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
}
