import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { bearerSecurity, problemSchema } from '../../platform/http/schemas.ts';

/** A route of the council API: tag „Gremien“, authenticated. */
export const route = <R extends Omit<RouteConfig, 'tags' | 'security'>>(config: R) =>
  createRoute({ ...config, tags: ['Gremien'], security: bearerSecurity });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});
export const conflict = problem('Konflikt');
export const unprocessable = problem('Nicht verarbeitbar');
