import type { Hono } from 'hono';
import { csrfProtection, requireRole, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import type { AuditRepository } from '../audit/audit.module.ts';
import type { VerbundUsecases } from '../verbund/verbund.module.ts';
import type { IdentityUsecases } from './identity.usecases.ts';
import { AdminPage } from './verwaltung.page.tsx';

/** The county's administration page: users, the audit log and its verification. */
export function registerVerwaltungPages(
  app: Hono<AppEnv>,
  deps: { identity: IdentityUsecases; audit: AuditRepository; verbund: VerbundUsecases },
) {
  app.use('/verwaltung', resolvePrincipal, csrfProtection);
  app.get('/verwaltung', async (c) => {
    const principal = requireRole(c, 'kreis-admin', 'leitung', 'verbund-admin');
    const [users, events, tenant, verification] = await Promise.all([
      deps.identity.listUsers({ tenantId: principal.tenantId }),
      deps.audit.list({ tenantId: principal.tenantId, limit: 50 }),
      deps.verbund.getMember(principal.tenantId),
      c.req.query('pruefen')
        ? deps.audit.verify({ tenantId: principal.tenantId })
        : Promise.resolve(undefined),
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
