import type { Hono } from 'hono';
import {
  csrfProtection,
  requirePrincipal,
  requireRole,
  resolvePrincipal,
} from '../app/http/auth.middleware.ts';
import type { AppEnv } from '../app/http/context.ts';
import { registerIntegrationsPages } from '../integrations/web/integrations.web.tsx';
import { registerRecordsPages } from '../records/web/records.web.tsx';
import { registerPortalPages } from '../services/web/portal.web.tsx';
import { registerServicesStaffPages } from '../services/web/staff.web.tsx';
import { AdminPage } from './admin.page.tsx';
import { registerAuthRoutes } from './auth.routes.tsx';
import { StartPage } from './start.page.tsx';
import { VerbundPage } from './verbund.page.tsx';

/** Staff UI: server-rendered pages (JSX) that work without JavaScript; htmx enhances where useful. */
export function registerWebRoutes(app: Hono<AppEnv>) {
  app.get('/api/docs', (c) =>
    c.html(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Verbund API – Dokumentation</title>
<link rel="stylesheet" href="/assets/swagger-ui/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/assets/swagger-ui/swagger-ui-bundle.js"></script><script src="/assets/app/api-docs.js"></script></body></html>`),
  );

  for (const path of ['/', '/verbund', '/verwaltung', '/abmelden']) {
    app.use(path, resolvePrincipal, csrfProtection);
  }
  registerAuthRoutes(app);
  registerRecordsPages(app);
  registerPortalPages(app);
  registerServicesStaffPages(app);
  registerIntegrationsPages(app);

  app.get('/', async (c) => {
    const principal = c.get('principal');
    if (!principal) return c.redirect('/anmelden', 303);
    const { verbund } = c.get('services');
    const [tenant, members, activations] = await Promise.all([
      verbund.getMember(principal.tenantId),
      verbund.listMembers(),
      verbund.listActivations({ tenantId: principal.tenantId }),
    ]);
    return c.html(
      <StartPage principal={principal} tenant={tenant!} members={members} activations={activations} />,
    );
  });

  app.get('/verbund', async (c) => {
    const principal = requirePrincipal(c);
    const { verbund } = c.get('services');
    const [overview, tenant] = await Promise.all([
      verbund.getVerbund(),
      verbund.getMember(principal.tenantId),
    ]);
    return c.html(<VerbundPage principal={principal} tenantName={tenant?.name ?? ''} overview={overview} />);
  });

  app.get('/verwaltung', async (c) => {
    const principal = requireRole(c, 'kreis-admin', 'leitung', 'verbund-admin');
    const { identity, audit, verbund } = c.get('services');
    const [users, events, tenant, verification] = await Promise.all([
      identity.listUsers({ tenantId: principal.tenantId }),
      audit.list({ tenantId: principal.tenantId, limit: 50 }),
      verbund.getMember(principal.tenantId),
      c.req.query('pruefen') ? audit.verify({ tenantId: principal.tenantId }) : Promise.resolve(undefined),
    ]);
    return c.html(
      <AdminPage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        users={users}
        events={events}
        verification={verification}
      />,
    );
  });
}
