import type { Hono } from 'hono';
import {
  csrfProtection,
  requirePrincipal,
  resolvePrincipal,
} from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash, flashFromQuery } from '../../../platform/ui/flash.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import type { MitgliederUsecases } from '../mitglieder/mitglieder.usecases.ts';
import { AenderungAkte, registerAenderungenForms } from './aenderungen.forms.tsx';
import { type AenderungStatus, STATUS_LABEL } from './aenderungen.models.ts';
import type { Aenderung } from './aenderungen.status.ts';
import type { AenderungenUsecases } from './aenderungen.usecases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const statusDe = (s: string) => STATUS_LABEL[s as AenderungStatus] ?? s;

/** The Verbund view of the amendments: each one with the state of every county's council. */
export function registerAenderungenPages(
  app: Hono<AppEnv>,
  deps: { aenderungen: AenderungenUsecases; verbund: Pick<MitgliederUsecases, 'getMember'> },
) {
  app.use('/verbund/aenderungen', resolvePrincipal, csrfProtection);
  app.use('/verbund/aenderungen/*', resolvePrincipal, csrfProtection);
  registerAenderungenForms(app, deps);
  const tenantName = async (p: Principal) => (await deps.verbund.getMember(p.tenantId))?.name ?? '';

  app.get('/verbund/aenderungen', async (c) => {
    const principal = requirePrincipal(c);
    const [items, name] = await Promise.all([deps.aenderungen.listAenderungen(), tenantName(principal)]);
    return c.html(
      <Layout
        title="Änderungen der Zweckvereinbarung"
        principal={principal}
        tenantName={name}
        active="verbund"
      >
        <h1 class="kern-heading-large">Änderungen der Zweckvereinbarung</h1>
        <p class="kern-body">
          Jede Änderung geht als Vorlage an den Kreistag jedes Mitglieds und des beitretenden Landkreises
          (ThürKGG §§ 11–13).
        </p>
        {items.length === 0 ? (
          <p class="kern-body">Noch keine Änderung im Verfahren.</p>
        ) : (
          <Table caption="Änderungen" head={['Nr.', 'Titel', 'Stand', 'Wirksam ab']}>
            {items.map((a) => (
              <Tr>
                <Td>{a.nummer}</Td>
                <Td>
                  <a class="kern-link" href={`/verbund/aenderungen/${a.id}`}>
                    {a.titel}
                  </a>
                  {a.beispieldaten ? ' (Beispieldaten)' : ''}
                </Td>
                <Td>{statusDe(a.status)}</Td>
                <Td>{dateDe(a.wirksamAb)}</Td>
              </Tr>
            ))}
          </Table>
        )}
      </Layout>,
    );
  });

  app.get('/verbund/aenderungen/:id', async (c) => {
    const principal = requirePrincipal(c);
    const id = c.req.param('id');
    if (!UUID.test(id)) return c.notFound();
    const [a, name] = await Promise.all([deps.aenderungen.getAenderung(id), tenantName(principal)]);
    return c.html(
      <Layout title={a.titel} principal={principal} tenantName={name} active="verbund">
        <Flash flash={flashFromQuery(c)} />
        <AenderungView a={a} />
        <AenderungAkte a={a} principal={principal} />
      </Layout>,
    );
  });
}

function AenderungView({ a }: { a: Aenderung }) {
  return (
    <>
      <h1 class="kern-heading-large">{a.titel}</h1>
      {a.beispieldaten ? (
        <Alert kind="info" title="Beispieldaten">
          <p class="kern-body">
            Daten, die das Ausgangsdokument nicht nennt (andere Kreistage, Beschluss-Nr., Genehmigung,
            Bekanntmachung, Unterschriften), sind erfundene Beispieldaten.
          </p>
        </Alert>
      ) : null}
      {a.status === 'blockiert' ? (
        <Alert kind="warning" title="Blockiert">
          <p class="kern-body">Ein Kreistag hat eine andere Fassung beschlossen als die vorgelegte.</p>
        </Alert>
      ) : null}
      <Facts
        rows={[
          ['Stand', statusDe(a.status)],
          ['Fassung (SHA-256)', <code>{a.wortlautSha256}</code>],
          ['Beitritt', a.beitrittLandkreisId ?? '–'],
          ['Austritt', a.austrittLandkreisId ?? '–'],
          [
            'Genehmigung',
            a.genehmigung
              ? `${dateDe(a.genehmigung.am)}, Az. ${a.genehmigung.aktenzeichen}`
              : a.genehmigungspflichtig
                ? 'ausstehend'
                : 'nicht erforderlich',
          ],
          [
            'Bekanntmachung',
            a.bekanntmachung ? `${dateDe(a.bekanntmachung.am)}, ${a.bekanntmachung.amtsblatt}` : '–',
          ],
          ['Wirksam ab', dateDe(a.wirksamAb)],
          ['Vollzogen', a.vollzogenAm ? dateDe(a.vollzogenAm) : '–'],
        ]}
      />
      <Table
        caption="Beratung in den Kreistagen"
        head={['Landkreis', 'Rolle', 'Vorlage', 'Stand', 'Beschluss', 'Unterschrift']}
      >
        {a.parteien.map((p) => (
          <Tr>
            <Td>{p.landkreis}</Td>
            <Td>{p.rolle}</Td>
            <Td>{p.drucksachenNr ?? 'noch nicht angelegt'}</Td>
            <Td>
              {p.status}
              {p.abweichendeFassung ? ' – andere Fassung' : ''}
              {p.beispieldaten ? ' (Beispieldaten)' : ''}
            </Td>
            <Td>
              {p.beschlussNr ? `${p.beschlussNr} vom ${dateDe(p.beschlossenAm)}` : dateDe(p.beschlossenAm)}
            </Td>
            <Td>{p.unterzeichnet ? `${dateDe(p.unterzeichnet.am)} (${p.unterzeichnet.von})` : '–'}</Td>
          </Tr>
        ))}
      </Table>
      {a.kostenschluessel ? (
        <Table
          caption="Kostenschlüssel nach der Änderung"
          head={['Landkreis', { label: 'Anteil', numeric: true }]}
        >
          {Object.entries(a.kostenschluessel).map(([k, v]) => (
            <Tr>
              <Td>{k}</Td>
              <Td>{`${v.toLocaleString('de-DE')} %`}</Td>
            </Tr>
          ))}
        </Table>
      ) : null}
      <h2 class="kern-heading-medium">Wortlaut</h2>
      <pre class="kern-body" style="white-space: pre-wrap">
        {a.wortlaut}
      </pre>
    </>
  );
}
