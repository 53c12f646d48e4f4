import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal } from '../../platform/http/auth.middleware.ts';
import type { ApiRouter } from '../../platform/http/openapi.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { bearerSecurity, errorResponses, jsonResponse, listOf } from '../../platform/http/schemas.ts';
import { tags } from './integrations.schemas.ts';

/** GET `path`: everything of the caller's county that `list` returns, as `{ items, total }`. */
export function registerListRoute(
  api: ApiRouter,
  {
    path,
    summary,
    list,
  }: { path: string; summary: string; list: (principal: Principal) => Promise<unknown[]> },
) {
  api.openapi(
    createRoute({
      method: 'get',
      path,
      tags,
      summary,
      security: bearerSecurity,
      responses: { 200: jsonResponse(listOf(z.unknown())), ...errorResponses },
    }),
    async (c) => {
      const items = await list(requirePrincipal(c));
      return c.json({ items, total: items.length }, 200);
    },
  );
}
