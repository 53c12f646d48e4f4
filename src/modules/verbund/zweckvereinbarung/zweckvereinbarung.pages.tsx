import type { Hono } from 'hono';
import {
  csrfProtection,
  requirePrincipal,
  resolvePrincipal,
} from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { TableHeadRow, Td, Tr } from '../../../platform/ui/table.tsx';
import type { MitgliederUsecases } from '../mitglieder/mitglieder.usecases.ts';
import type { ZweckvereinbarungUsecases } from './zweckvereinbarung.usecases.ts';

/** The Verbund overview: the Zweckvereinbarung, the members, the amendments. */
export function registerZweckvereinbarungPage(
  app: Hono<AppEnv>,
  deps: { verbund: ZweckvereinbarungUsecases & Pick<MitgliederUsecases, 'getMember'> },
) {
  app.use('/verbund', resolvePrincipal, csrfProtection);
  app.get('/verbund', async (c) => {
    const principal = requirePrincipal(c);
    const [overview, tenant] = await Promise.all([
      deps.verbund.getVerbund(),
      deps.verbund.getMember(principal.tenantId),
    ]);
    return c.html(<VerbundPage principal={principal} tenantName={tenant?.name ?? ''} overview={overview} />);
  });
}

const de = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('de-DE', { timeZone: 'UTC' });

type VerbundProps = {
  principal: Principal;
  tenantName: string;
  overview: {
    agreement?: { title: string; basis: string; concluded_on: string; purpose: string } | undefined;
    members: Array<{ id: string; name: string; kreisschluessel: string; joined_on: string }>;
    amendments: Array<{
      number: number;
      title: string;
      drucksache: string;
      resolved_by: string;
      resolved_on: string;
      summary: string;
    }>;
  };
};

function VerbundPage({ principal, tenantName, overview }: VerbundProps) {
  const { agreement, members, amendments } = overview;
  return (
    <Layout title="Verbund" principal={principal} tenantName={tenantName} active="verbund">
      <h1 class="kern-heading-large">Der Verbund</h1>
      {agreement ? (
        <section aria-labelledby="zv">
          <h2 class="kern-heading-medium" id="zv">
            {agreement.title}
          </h2>
          <p class="kern-body">
            Grundlage: {agreement.basis} (geschlossen am {de(agreement.concluded_on)}).
          </p>
          <p class="kern-body">{agreement.purpose}</p>
        </section>
      ) : (
        <p class="kern-body">Noch keine Zweckvereinbarung erfasst.</p>
      )}
      <h2 class="kern-heading-medium">Mitglieder</h2>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--striped">
          <caption class="kern-title">Mitglieder des Verbunds ({members.length})</caption>
          <thead class="kern-table__header">
            <TableHeadRow head={['Landkreis', 'Kreisschlüssel', 'Mitglied seit']} />
          </thead>
          <tbody class="kern-table__body">
            {members.map((m) => (
              <Tr>
                <Td>{m.name}</Td>
                <Td>{m.kreisschluessel}</Td>
                <Td>{de(m.joined_on)}</Td>
              </Tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="kern-heading-medium">Änderungen der Zweckvereinbarung</h2>
      <p class="kern-body">
        <a class="kern-link" href="/verbund/aenderungen">
          Verfahren der Änderungen: Stand in jedem Kreistag
        </a>
      </p>
      {amendments.length === 0 ? (
        <p class="kern-body">Keine Änderungen.</p>
      ) : (
        <ul class="kern-list">
          {amendments.map((a) => (
            <li>
              <strong>{a.title}</strong> – Drucksache {a.drucksache}, {a.resolved_by} am {de(a.resolved_on)}:{' '}
              {a.summary}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
