import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../../platform/http/openapi.ts';
import { bearerSecurity, errorResponses } from '../../../platform/http/schemas.ts';
import { toVerbund, verbundSchema } from './zweckvereinbarung.schemas.ts';
import type { ZweckvereinbarungUsecases } from './zweckvereinbarung.usecases.ts';

export function registerZweckvereinbarungRoutes(
  api: ApiRouter,
  deps: { verbund: ZweckvereinbarungUsecases },
) {
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
      return c.json(toVerbund(await deps.verbund.getVerbund()), 200);
    },
  );
}
