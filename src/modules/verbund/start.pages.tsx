import type { Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { isRole, roleLabels } from '../../platform/http/principal.ts';
import { Card } from '../../platform/ui/card.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { VerbundUsecases } from './verbund.usecases.ts';

/** The staff start page: the county, the members, what is activated. */
export function registerStartPage(app: Hono<AppEnv>, deps: { verbund: VerbundUsecases }) {
  app.use('/', resolvePrincipal, csrfProtection);
  app.get('/', async (c) => {
    const principal = c.get('principal');
    if (!principal) return c.redirect('/anmelden', 303);
    const [tenant, members, activations] = await Promise.all([
      deps.verbund.getMember(principal.tenantId),
      deps.verbund.listMembers(),
      deps.verbund.listActivations({ tenantId: principal.tenantId }),
    ]);
    return c.html(
      <StartPage principal={principal} tenant={tenant!} members={members} activations={activations} />,
    );
  });
}

type StartProps = {
  principal: Principal;
  tenant: { id: string; name: string; kreisschluessel: string };
  members: Array<{ id: string; name: string; kreisschluessel: string }>;
  activations: Array<{ artifact_kind: string; artifact_id: string; status: string }>;
};

function StartPage({ principal, tenant, members, activations }: StartProps) {
  return (
    <Layout title="Start" principal={principal} tenantName={tenant.name} active="start">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">Guten Tag, {principal.displayName}</h1>
        <p class="kern-subline">
          {tenant.name} · Kreisschlüssel {tenant.kreisschluessel}
        </p>
      </hgroup>
      <div class="vb-cards">
        <Card id="rollen" title="Ihre Rollen">
          <ul class="kern-list">
            {principal.roles.map((r) => (
              <li>{isRole(r) ? roleLabels[r] : r}</li>
            ))}
          </ul>
        </Card>
        <Card id="verbund" title="Der Verbund">
          <p class="kern-body">{members.length} Landkreise teilen E-Akte, Onlinedienste und Anbindungen.</p>
          <ul class="kern-list">
            {members.map((m) => (
              <li>
                {m.name} ({m.kreisschluessel}){m.id === tenant.id ? ' – Ihr Landkreis' : ''}
              </li>
            ))}
          </ul>
          <a class="kern-link" href="/verbund">
            Zweckvereinbarung und Mitglieder
          </a>
        </Card>
        <Card id="geteilt" title="Aus dem Verbund übernommen">
          {activations.length === 0 ? (
            <p class="kern-body">Noch nichts übernommen.</p>
          ) : (
            <p class="kern-body">
              {activations.length} gemeinsame Bausteine sind für Ihren Landkreis aktiv
              {activations.some((a) => a.status === 'pending')
                ? `, ${activations.filter((a) => a.status === 'pending').length} warten auf Einrichtung`
                : ''}
              .
            </p>
          )}
        </Card>
      </div>
    </Layout>
  );
}
