import type { Hono } from 'hono';
import { csrfProtection, requireRole, resolvePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { AuditRepository } from '../../audit/audit.module.ts';
import type { MemberDirectory } from '../identity.models.ts';
import type { UserUsecases } from '../users/users.usecases.ts';

/** The county's administration page: users, the audit log and its verification. */
export function registerVerwaltungPages(
  app: Hono<AppEnv>,
  deps: { identity: UserUsecases; audit: AuditRepository; verbund: Pick<MemberDirectory, 'getMember'> },
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

type AdminProps = {
  principal: Principal;
  tenantName: string;
  users: Array<{ login: string; display_name: string; roles: string[]; disabled_at: Date | null }>;
  events: Array<{
    seq: number;
    time: string;
    actor: string;
    action: string;
    objectType: string;
    objectId: string;
  }>;
  verification?: { ok: boolean; events: number; brokenSeq?: number; reason?: string };
};

const dateTime = (d: Date) => d.toLocaleString('de-DE', { timeZone: 'Europe/Berlin' });

export function AdminPage({ principal, tenantName, users, events, verification }: AdminProps) {
  return (
    <Layout title="Verwaltung" principal={principal} tenantName={tenantName} active="verwaltung">
      <h1 class="kern-heading-large">Verwaltung</h1>
      <h2 class="kern-heading-medium" id="benutzer">
        Benutzer ({users.length})
      </h2>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--striped" aria-labelledby="benutzer">
          <thead class="kern-table__header">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header">
                Benutzername
              </th>
              <th scope="col" class="kern-table__header">
                Name
              </th>
              <th scope="col" class="kern-table__header">
                Rollen
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {users.map((u) => (
              <tr class="kern-table__row">
                <td class="kern-table__cell">{u.login}</td>
                <td class="kern-table__cell">
                  {u.display_name}
                  {u.disabled_at ? ' (gesperrt)' : ''}
                </td>
                <td class="kern-table__cell">{u.roles.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="kern-heading-medium" id="pruefkette">
        Prüfkette
      </h2>
      {verification ? (
        verification.ok ? (
          <Alert
            kind="success"
            title={`Prüfkette intakt: ${verification.events} Ereignisse nachgerechnet.`}
          />
        ) : (
          <Alert kind="danger" title={`Prüfkette gebrochen bei Ereignis ${verification.brokenSeq}`}>
            <p class="kern-body">{verification.reason}</p>
          </Alert>
        )
      ) : (
        <form method="get" action="/verwaltung">
          <input type="hidden" name="pruefen" value="1" />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">Prüfkette jetzt nachrechnen</span>
          </button>
        </form>
      )}
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small" aria-labelledby="pruefkette">
          <thead class="kern-table__header">
            <tr class="kern-table__row">
              <th scope="col" class="kern-table__header kern-table__header--numeric">
                Nr.
              </th>
              <th scope="col" class="kern-table__header">
                Zeit
              </th>
              <th scope="col" class="kern-table__header">
                Wer
              </th>
              <th scope="col" class="kern-table__header">
                Was
              </th>
              <th scope="col" class="kern-table__header">
                Objekt
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {events.map((e) => (
              <tr class="kern-table__row">
                <td class="kern-table__cell kern-table__cell--numeric">{e.seq}</td>
                <td class="kern-table__cell">{dateTime(new Date(e.time))}</td>
                <td class="kern-table__cell">{e.actor}</td>
                <td class="kern-table__cell">{e.action}</td>
                <td class="kern-table__cell">
                  {e.objectType} {e.objectId}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
