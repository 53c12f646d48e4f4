import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { registerAuditRoutes } from '../../audit/audit.routes.ts';
import { registerIdentityRoutes } from '../../identity/identity.routes.ts';
import { registerIntegrationsRoutes } from '../../integrations/integrations.routes.ts';
import { registerRecordsRoutes } from '../../records/records.routes.ts';
import { registerServicesRoutes } from '../../services/services.routes.ts';
import { AppError } from '../../shared/errors.ts';
import { registerVerbundRoutes } from '../../verbund/verbund.routes.ts';
import { renderErrorPage } from '../../web/error.page.tsx';
import { registerWebRoutes } from '../../web/web.routes.tsx';
import type { Services } from '../services.ts';
import { registerStaticAssets } from './assets.ts';
import { csrfProtection, resolvePrincipal } from './auth.middleware.ts';
import { limitRequestBodies, MULTIPART_OVERHEAD_BYTES } from './body-limit.ts';
import type { AppEnv } from './context.ts';
import { noStoreWhenAuthenticated, securityHeaders } from './headers.ts';
import { registerHealthRoute } from './health.ts';
import { documentIdempotencyKey, idempotency } from './idempotency.ts';
import { rejectUncleanInput } from './input-hygiene.ts';
import { createApiRouter } from './openapi.ts';
import { problemResponse, toAppError } from './problem.ts';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();
  const { logger } = services;

  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    await next();
  });
  app.use('*', securityHeaders());
  app.use('*', noStoreWhenAuthenticated);
  // Every body is limited while it streams (uploads: the upload limit; JSON and forms: the JSON
  // limit unless a route declares more), then paths, queries and forms are checked for control
  // characters and invalid UTF-8.
  app.use(
    '*',
    limitRequestBodies({
      defaultBytes: services.config.requestBodies.jsonLimitBytes,
      multipartBytes: services.config.uploads.limitBytes + MULTIPART_OVERHEAD_BYTES,
    }),
  );
  app.use('*', rejectUncleanInput);

  app.onError((error, c) => {
    const appError = toAppError(error);
    // While the database is away every request fails alike: one line each, without a stack.
    if (appError.code === 'db.unavailable')
      logger.warn(
        { path: c.req.path, requestId: c.get('requestId') },
        'request failed: database unavailable',
      );
    else if (appError.status >= 500)
      logger.error({ err: error, path: c.req.path, requestId: c.get('requestId') }, 'request failed');
    const wantsHtml = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
    return wantsHtml ? renderErrorPage(c, appError) : problemResponse(c, appError);
  });
  app.notFound((c) => {
    const error = new AppError({
      code: 'route.not_found',
      status: 404,
      message: 'no such route',
      messageDe: 'Diese Seite gibt es nicht.',
    });
    const wantsHtml = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
    return wantsHtml ? renderErrorPage(c, error) : problemResponse(c, error);
  });

  registerHealthRoute(app, services);

  registerStaticAssets(app);
  // Browsers ask for it on every first visit; no icon yet, and no 404 in their consoles.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  const api = createApiRouter();
  api.use('*', resolvePrincipal);
  api.use('*', csrfProtection);
  api.use('*', idempotency);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API-Token (`verbund token create`)',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'verbund_session',
  });
  registerVerbundRoutes(api);
  registerIdentityRoutes(api);
  registerAuditRoutes(api);
  registerRecordsRoutes(api);
  registerServicesRoutes(api);
  registerIntegrationsRoutes(api);
  documentIdempotencyKey(api);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Verbund API',
      version: '1.0.0',
      description:
        'API der Plattform des interkommunalen Serviceteams E-Government. Fehler: application/problem+json (RFC 9457) mit stabilem `code`.',
      license: { name: 'EUPL-1.2', url: 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
    servers: [{ url: '/api/v1' }],
  });
  app.route('/api/v1', api);

  registerWebRoutes(app);
  return app;
}
