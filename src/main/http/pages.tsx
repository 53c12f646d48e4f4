import type { Hono } from 'hono';
import { registerGremienPages } from '../../modules/gremien/gremien.module.ts';
import { registerAuthRoutes, registerVerwaltungPages } from '../../modules/identity/identity.module.ts';
import { dokumentVorschlaegeSection, registerPosteingangPages } from '../../modules/ingest/ingest.module.ts';
import { registerIntegrationsPages } from '../../modules/integrations/integrations.module.ts';
import { registerOzgStaffPages, registerPortalPages } from '../../modules/ozg/ozg.module.ts';
import { canWrite, createSearchFacets, registerRecordsPages } from '../../modules/records/records.module.ts';
import { ReindexStatus, registerSearchPages } from '../../modules/search/search.module.ts';
import {
  registerFoerdermittelPages,
  registerReifegradPages,
  registerSteuerungPages,
} from '../../modules/steuerung/steuerung.module.ts';
import { registerVerbundPages } from '../../modules/verbund/verbund.module.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import type { Services } from '../services.ts';

/** Staff UI and citizen portal: server-rendered pages (JSX) that work without JavaScript. */
export function registerPages(app: Hono<AppEnv>, services: Services) {
  app.get('/api/docs', (c) =>
    c.html(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Verbund API – Dokumentation</title>
<link rel="stylesheet" href="/assets/swagger-ui/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/assets/swagger-ui/swagger-ui-bundle.js"></script><script src="/assets/app/api-docs.js"></script></body></html>`),
  );
  registerAuthRoutes(app, services);
  // The Posteingang (ingest) adds OCR and suggestions to the document page of the E-Akte.
  const posteingang = { ...services, canWrite };
  registerRecordsPages(app, { ...services, dokumentSection: dokumentVorschlaegeSection(posteingang) });
  registerPosteingangPages(app, posteingang);
  registerSearchPages(app, { ...services, facets: createSearchFacets(services.records) });
  registerPortalPages(app, services);
  registerOzgStaffPages(app, services);
  registerIntegrationsPages(app, services);
  registerGremienPages(app, {
    gremien: services.gremien,
    identity: services.identity,
    verbund: services.verbund,
  });
  registerVerbundPages(app, services);
  registerSteuerungPages(app, { ansicht: services.steuerung.ansicht, verbund: services.verbund });
  registerFoerdermittelPages(app, {
    foerdermittel: services.steuerung.foerdermittel,
    verbund: services.verbund,
  });
  registerReifegradPages(app, { reifegrad: services.steuerung.reifegrad, verbund: services.verbund });
  registerVerwaltungPages(app, {
    ...services,
    sections: [
      async (tenantId) => <ReindexStatus progress={await services.searchReindex.progress(tenantId)} />,
    ],
  });
}
