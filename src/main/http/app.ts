import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { registerAuditRoutes } from '../../modules/audit/audit.module.ts';
import {
  createOparlApp,
  createOparlUsecases,
  OPARL_MOUNT,
  registerAnlagenRoutes,
  registerBeschlussNummernRoutes,
  registerGremienDokumenteRoutes,
  registerGremienRoutes,
  registerRatsinfoPages,
  registerSitzungenRoutes,
  registerVorlageImportRoutes,
  registerVorlagenRoutes,
} from '../../modules/gremien/gremien.module.ts';
import { registerIdentityRoutes } from '../../modules/identity/identity.module.ts';
import {
  registerAblagevorschlagRoutes,
  registerEingangsordnerRoutes,
  registerImapPostfachRoutes,
  registerImportRoutes,
  registerMailEingangRoutes,
  registerMetadatenRoutes,
  registerOcrRoutes,
} from '../../modules/ingest/ingest.module.ts';
import { registerIntegrationsRoutes } from '../../modules/integrations/integrations.module.ts';
import { registerOzgRoutes } from '../../modules/ozg/ozg.module.ts';
import { createSearchFacets, registerRecordsRoutes } from '../../modules/records/records.module.ts';
import { registerSearchRoutes } from '../../modules/search/search.module.ts';
import {
  registerFoerdermittelRoutes,
  registerReifegradRoutes,
  registerSteuerungRoutes,
} from '../../modules/steuerung/steuerung.module.ts';
import { registerVerbundRoutes } from '../../modules/verbund/verbund.module.ts';
import { csrfProtection, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import { limitRequestBodies, MULTIPART_OVERHEAD_BYTES } from '../../platform/http/body-limit.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { noStoreWhenAuthenticated, securityHeaders } from '../../platform/http/headers.ts';
import { documentIdempotencyKey, idempotency } from '../../platform/http/idempotency.ts';
import { rejectUncleanInput } from '../../platform/http/input-hygiene.ts';
import { createApiRouter } from '../../platform/http/openapi.ts';
import { problemResponse, toAppError } from '../../platform/http/problem.ts';
import { registerStaticAssets } from '../../platform/ui/assets.ts';
import { renderErrorPage } from '../../platform/ui/error.page.tsx';
import { AppError } from '../../shared/errors.ts';
import type { Services } from '../services.ts';
import { registerHealthRoute } from './health.ts';
import { registerPages } from './pages.tsx';

export function createApp(services: Services) {
  const app = new Hono<AppEnv>();
  const { logger } = services;

  app.use('*', async (c, next) => {
    c.set('platform', services.platform);
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
  registerVerbundRoutes(api, services);
  registerIdentityRoutes(api, services);
  registerAuditRoutes(api, services);
  registerRecordsRoutes(api, services);
  registerSearchRoutes(api, { search: services.search, facets: createSearchFacets(services.records) });
  registerGremienRoutes(api, services.gremien);
  registerVorlagenRoutes(api, services.gremien);
  registerSitzungenRoutes(api, services.gremien);
  registerAnlagenRoutes(api, { anlagen: services.gremien.anlagen, records: services.records });
  registerBeschlussNummernRoutes(api, services.gremien);
  registerVorlageImportRoutes(api, services.gremien);
  registerGremienDokumenteRoutes(api, services.gremien);
  registerImportRoutes(api, services);
  registerEingangsordnerRoutes(api, services);
  registerMailEingangRoutes(api, services);
  registerImapPostfachRoutes(api, services);
  registerAblagevorschlagRoutes(api, services);
  registerOcrRoutes(api, { ...services, dokumente: services.records.dokumente });
  registerMetadatenRoutes(api, {
    ...services,
    dokumente: services.records.dokumente,
    aktenplan: services.records.aktenplan,
  });
  registerOzgRoutes(api, services);
  registerIntegrationsRoutes(api, services);
  registerSteuerungRoutes(api, services.steuerung);
  registerReifegradRoutes(api, services.steuerung);
  registerFoerdermittelRoutes(api, services.steuerung);
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
  // OParl 1.1: public and read-only; each Body is read in its county's own tenant transaction.
  app.route(
    OPARL_MOUNT,
    createOparlApp({
      oparl: createOparlUsecases({
        database: services.database,
        blobs: services.blobs,
        bodies: services.verbund,
      }),
    }),
  );

  registerPages(app, services);
  // Public council pages: no account (registered outside the API, like the portal).
  registerRatsinfoPages(app, services);
  return app;
}
