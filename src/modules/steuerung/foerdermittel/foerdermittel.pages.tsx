import type { Context, Hono } from 'hono';
import { csrfProtection, resolvePrincipal } from '../../../platform/http/auth.middleware.ts';
import type { AppEnv } from '../../../platform/http/context.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { type MemberNames, type PageFrame, pageFrame, toLogin } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { foerdermittelErrors } from './foerdermittel.errors.ts';
import {
  AUSGABE_FELDER,
  AusgabeFormular,
  alsFormFehler,
  BEWILLIGUNG_FELDER,
  BewilligungFormular,
  darfErfassen,
  type Formular,
  leeresFormular,
  pruefeAusgabe,
  pruefeBewilligung,
} from './foerdermittel.forms.tsx';
import { HINWEIS_TEXTE, KATEGORIE_NAMEN } from './foerdermittel.models.ts';
import type { FoerdermittelUsecases } from './foerdermittel.usecases.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const eur = (v: number) => v.toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
type Bewilligung = Awaited<ReturnType<FoerdermittelUsecases['lesen']>>;
type Kurz = Awaited<ReturnType<FoerdermittelUsecases['liste']>>[number];

const NUR_LESEN = (
  <p class="kern-body">
    Bewilligungen und Ausgaben erfassen das Serviceteam (verbund-admin) und die Kreis-Administration
    (kreis-admin); Sie sehen sie.
  </p>
);

/** German flags of a Bewilligung („2 Ausgaben außerhalb des Bewilligungszeitraums“). */
function hinweisTexte(h: Kurz['hinweise']) {
  const teile: string[] = [];
  if (h.ausserhalbZeitraum) teile.push(`${h.ausserhalbZeitraum} × ${HINWEIS_TEXTE.ausserhalb_zeitraum}`);
  if (h.ueberBetrag) teile.push(`${h.ueberBetrag} × ${HINWEIS_TEXTE.ueber_betrag}`);
  if (h.belegFehlt) teile.push(`${h.belegFehlt} × ${HINWEIS_TEXTE.beleg_fehlt}`);
  return teile.length ? teile.join('; ') : 'keine';
}

async function werteAus(c: Context<AppEnv>, felder: readonly string[]) {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    felder.map((f) => [f, typeof body[f] === 'string' ? (body[f] as string).trim() : '']),
  );
}

function ListeSeite({ frame, items, form }: { frame: PageFrame; items: Kurz[]; form: Formular }) {
  return (
    <Layout title="Fördermittel" principal={frame.principal} tenantName={frame.tenantName} active="steuerung">
      <Flash flash={frame.flash} />
      <h1 class="kern-heading-large">Fördermittel</h1>
      <p class="kern-body">
        Bewilligungen des Landkreises {frame.tenantName} mit ihren Ausgaben. Zurück zur{' '}
        <a class="kern-link" href="/steuerung">
          Steuerung
        </a>
        .
      </p>
      {items.length === 0 ? (
        <p class="kern-body">Noch keine Bewilligung erfasst.</p>
      ) : (
        <Table
          caption="Bewilligungen"
          head={[
            'Aktenzeichen',
            'Programm',
            'Zeitraum',
            { label: 'Zuwendungsfähig', numeric: true },
            { label: 'Ausgaben', numeric: true },
            'Hinweise',
          ]}
        >
          {items.map((b) => (
            <Tr>
              <Td>
                <a class="kern-link" href={`/steuerung/foerdermittel/${b.id}`}>
                  {b.aktenzeichen}
                </a>
                {b.beispiel ? ' (Beispieldaten)' : ''}
              </Td>
              <Td>{b.programm}</Td>
              <Td>{`${dateDe(b.von)} – ${dateDe(b.bis)}`}</Td>
              <Td>{eur(b.zuwendungsfaehig)}</Td>
              <Td>{eur(b.summe.ausgaben)}</Td>
              <Td>{hinweisTexte(b.hinweise)}</Td>
            </Tr>
          ))}
        </Table>
      )}
      {darfErfassen(frame.principal) ? (
        <BewilligungFormular principal={frame.principal} form={form} />
      ) : (
        NUR_LESEN
      )}
    </Layout>
  );
}

function BewilligungSeite({ frame, b, form }: { frame: PageFrame; b: Bewilligung; form: Formular }) {
  const nachweis = (format: string) =>
    `/api/v1/steuerung/foerdermittel/${b.id}/verwendungsnachweis?format=${format}`;
  return (
    <Layout
      title={`Bewilligung ${b.aktenzeichen}`}
      principal={frame.principal}
      tenantName={frame.tenantName}
      active="steuerung"
    >
      <Flash flash={frame.flash} />
      <h1 class="kern-heading-large">Bewilligung {b.aktenzeichen}</h1>
      <p class="kern-body">
        <a class="kern-link" href="/steuerung/foerdermittel">
          Alle Bewilligungen
        </a>
      </p>
      {b.beispiel ? (
        <Alert kind="info" title="Beispieldaten">
          <p class="kern-body">Diese Bewilligung ist erfundene Beispieldaten.</p>
        </Alert>
      ) : null}
      <Facts
        rows={[
          ['Zuwendungsgeber', b.zuwendungsgeber],
          ['Programm', b.programm],
          ['Zweck', b.zweck],
          ['Bewilligungszeitraum', `${dateDe(b.von)} – ${dateDe(b.bis)}`],
          ['Fördersatz', `${b.foerdersatz.toLocaleString('de-DE')} %`],
          ['Zuwendungsfähige Ausgaben', eur(b.zuwendungsfaehig)],
          ['Zuwendung', eur(b.zuwendung)],
          ['Ausgaben gesamt', eur(b.summe.ausgaben)],
          ['davon im Zeitraum', eur(b.summe.imZeitraum)],
          ['Noch verfügbar', eur(b.summe.rest)],
          ['Überschreitung', eur(b.summe.ueberschreitung)],
          ['Hinweise', hinweisTexte(b.hinweise)],
        ]}
      />
      <h2 class="kern-heading-medium">Verwendungsnachweis</h2>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={nachweis('pdf')}>
            Verwendungsnachweis als PDF/A
          </a>
        </li>
        <li>
          <a class="kern-link" href={nachweis('csv')}>
            Belegliste als CSV
          </a>
        </li>
        <li>
          <a class="kern-link" href={nachweis('xlsx')}>
            Belegliste als XLSX
          </a>
        </li>
      </ul>
      {b.ausgaben.length === 0 ? (
        <p class="kern-body">Noch keine Ausgabe erfasst.</p>
      ) : (
        <Table
          caption="Ausgaben"
          head={[
            'Datum',
            { label: 'Betrag', numeric: true },
            'Kategorie',
            'Beschreibung',
            'Beleg',
            'Hinweise',
          ]}
        >
          {b.ausgaben.map((a) => (
            <Tr>
              <Td>{dateDe(a.datum)}</Td>
              <Td>{eur(a.betrag)}</Td>
              <Td>{KATEGORIE_NAMEN[a.kategorie]}</Td>
              <Td>
                {a.text}
                {a.beispiel ? ' (Beispieldaten)' : ''}
              </Td>
              <Td>
                {a.belegDokumentId ? (
                  <a class="kern-link" href={`/dokumente/${a.belegDokumentId}`}>
                    {a.belegTitel ?? 'Beleg'}
                  </a>
                ) : (
                  '–'
                )}
              </Td>
              <Td>{a.hinweise.map((h) => HINWEIS_TEXTE[h]).join('; ') || 'keine'}</Td>
            </Tr>
          ))}
        </Table>
      )}
      {darfErfassen(frame.principal) ? (
        <AusgabeFormular principal={frame.principal} id={b.id} form={form} />
      ) : (
        NUR_LESEN
      )}
    </Layout>
  );
}

/** Staff pages /steuerung/foerdermittel: list, one Bewilligung, forms to record (same use-cases as the API). */
export function registerFoerdermittelPages(
  app: Hono<AppEnv>,
  { foerdermittel, verbund }: { foerdermittel: FoerdermittelUsecases; verbund: MemberNames },
) {
  app.use('/steuerung/foerdermittel', resolvePrincipal, csrfProtection);
  app.use('/steuerung/foerdermittel/*', resolvePrincipal, csrfProtection);
  const idAus = (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    if (!UUID.test(id)) throw foerdermittelErrors.bewilligungNotFound();
    return id;
  };

  app.get('/steuerung/foerdermittel', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const items = await foerdermittel.liste(frame.principal);
    return c.html(<ListeSeite frame={frame} items={items} form={leeresFormular()} />);
  });

  app.post('/steuerung/foerdermittel', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const werte = await werteAus(c, BEWILLIGUNG_FELDER);
    const geprueft = pruefeBewilligung(werte);
    let fehler = geprueft.ok ? {} : geprueft.fehler;
    if (geprueft.ok) {
      try {
        const b = await foerdermittel.anlegen(frame.principal, geprueft.daten);
        const ok = encodeURIComponent(`Bewilligung ${b.aktenzeichen} angelegt.`);
        return c.redirect(`/steuerung/foerdermittel/${b.id}?ok=${ok}`, 303);
      } catch (error) {
        fehler = alsFormFehler(error, 'formular');
      }
    } else if (!darfErfassen(frame.principal)) throw foerdermittelErrors.nurAdministration();
    const items = await foerdermittel.liste(frame.principal);
    return c.html(<ListeSeite frame={frame} items={items} form={{ werte, fehler }} />, 400);
  });

  app.get('/steuerung/foerdermittel/:id', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const b = await foerdermittel.lesen(frame.principal, idAus(c));
    return c.html(<BewilligungSeite frame={frame} b={b} form={leeresFormular()} />);
  });

  app.post('/steuerung/foerdermittel/:id/ausgaben', async (c) => {
    const frame = await pageFrame(c, verbund);
    if (!frame) return toLogin(c);
    const id = idAus(c);
    const werte = await werteAus(c, AUSGABE_FELDER);
    const geprueft = pruefeAusgabe(werte);
    let fehler = geprueft.ok ? {} : geprueft.fehler;
    if (geprueft.ok) {
      try {
        await foerdermittel.ausgabeErfassen(frame.principal, id, geprueft.daten);
        const ok = encodeURIComponent(`Ausgabe über ${eur(geprueft.daten.betrag)} erfasst.`);
        return c.redirect(`/steuerung/foerdermittel/${id}?ok=${ok}`, 303);
      } catch (error) {
        fehler = alsFormFehler(error, 'beleg');
      }
    } else if (!darfErfassen(frame.principal)) throw foerdermittelErrors.nurAdministration();
    const b = await foerdermittel.lesen(frame.principal, id);
    return c.html(<BewilligungSeite frame={frame} b={b} form={{ werte, fehler }} />, 400);
  });
}
