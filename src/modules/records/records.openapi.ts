import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { bearerSecurity, errorResponses } from '../../platform/http/schemas.ts';

const tags = ['E-Akte'];

/** An E-Akte API route: tagged "E-Akte", bearer token or session, and the common error responses. */
export const eakteRoute = <
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'tags' | 'security'> & { path: P },
>(
  config: R,
) =>
  createRoute({
    ...config,
    tags,
    security: bearerSecurity,
    responses: { ...config.responses, ...errorResponses },
  });

/** The same for a path only documented (its handler reads a stream itself: uploads, content). */
export const eaktePath = (config: Omit<RouteConfig, 'tags' | 'security'>): RouteConfig => ({
  ...config,
  tags,
  security: bearerSecurity,
  responses: { ...config.responses, ...errorResponses },
});
