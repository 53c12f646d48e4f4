import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { csrfProtection, requireRole, resolvePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Alert } from '../../../platform/ui/components.tsx';
import { dateTimeDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Table, TableHeadRow, Td, Tr } from '../../../platform/ui/table.tsx';
import type { AuditRepository } from '../../audit/audit.module.ts';
import type { MemberDirectory } from '../identity.models.ts';
import type { UserUsecases } from '../users/users.usecases.ts';

/**
 * The county's administration page: users, the audit log and its verification, and the state
 * blocks other modules hand in through main/ (`sections`, e.g. the search index's reindex).
 */
export function registerVerwaltungPages(
  app: Hono<AppEnv>,
  deps: {
    identity: UserUsecases;
    audit: AuditRepository;
    verbund: Pick<MemberDirectory, 'getMember'>;
    sections?: Array<(tenantId: string) => Promise<Child>>;
  },
) {
  app.use('/verwaltung', resolvePrincipal, csrfProtection);
  app.get('/verwaltung', async (c) => {
    const principal = requireRole(c, 'kreis-admin', 'leitung', 'verbund-admin');
    const [users, events, tenant, verification, sections] = await Promise.all([
      deps.identity.listUsers({ tenantId: principal.tenantId }),
      deps.audit.list({ tenantId: principal.tenantId, limit: 50 }),
      deps.verbund.getMember(principal.tenantId),
      c.req.query('pruefen')
        ? deps.audit.verify({ tenantId: principal.tenantId })
        : Promise.resolve(undefined),
      Promise.all((deps.sections ?? []).map((section) => section(principal.tenantId))),
    ]);
    return c.html(
      <AdminPage
        principal={principal}
        tenantName={tenant?.name ?? ''}
        users={users}
        events={events}
        verification={verification}
        sections={sections}
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
  sections: Child[];
};

function AdminPage({ principal, tenantName, users, events, verification, sections }: AdminProps) {
  return (
    <Layout title="Verwaltung" principal={principal} tenantName={tenantName} active="verwaltung">
      <h1 class="kern-heading-large">Verwaltung</h1>
      <h2 class="kern-heading-medium" id="benutzer">
        Benutzer ({users.length})
      </h2>
      <Table labelledBy="benutzer" head={['Benutzername', 'Name', 'Rollen']}>
        {users.map((u) => (
          <Tr>
            <Td>{u.login}</Td>
            <Td>
              {u.display_name}
              {u.disabled_at ? ' (gesperrt)' : ''}
            </Td>
            <Td>{u.roles.join(', ')}</Td>
          </Tr>
        ))}
      </Table>
      {sections}
      <h2 class="kern-heading-medium" id="pruefkette">
        Prüfkette
      </h2>
      <Verification verification={verification} />
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small" aria-labelledby="pruefkette">
          <thead class="kern-table__header">
            <TableHeadRow head={[{ label: 'Nr.', numeric: true }, 'Zeit', 'Wer', 'Was', 'Objekt']} />
          </thead>
          <tbody class="kern-table__body">
            {events.map((e) => (
              <Tr>
                <td class="kern-table__cell kern-table__cell--numeric">{e.seq}</td>
                <Td>{dateTimeDe(e.time)}</Td>
                <Td>{e.actor}</Td>
                <Td>{e.action}</Td>
                <Td>
                  {e.objectType} {e.objectId}
                </Td>
              </Tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** The result of recomputing the chain, or the button that asks for it. */
function Verification({ verification }: Pick<AdminProps, 'verification'>) {
  if (!verification)
    return (
      <form method="get" action="/verwaltung">
        <input type="hidden" name="pruefen" value="1" />
        <SubmitButton label="Prüfkette jetzt nachrechnen" kind="secondary" />
      </form>
    );
  return verification.ok ? (
    <Alert kind="success" title={`Prüfkette intakt: ${verification.events} Ereignisse nachgerechnet.`} />
  ) : (
    <Alert kind="danger" title={`Prüfkette gebrochen bei Ereignis ${verification.brokenSeq}`}>
      <p class="kern-body">{verification.reason}</p>
    </Alert>
  );
}
