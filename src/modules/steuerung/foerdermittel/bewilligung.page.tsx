import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Alert } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../platform/ui/facts.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { dateDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../platform/ui/table.tsx';
import { AusgabeFormular, darfErfassen, type Formular } from './foerdermittel.forms.tsx';
import { HINWEIS_TEXTE, KATEGORIE_NAMEN } from './foerdermittel.models.ts';
import type { FoerdermittelUsecases } from './foerdermittel.usecases.ts';

export const eur = (v: number) => v.toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
export type Bewilligung = Awaited<ReturnType<FoerdermittelUsecases['lesen']>>;
export type Kurz = Awaited<ReturnType<FoerdermittelUsecases['liste']>>[number];
type Ausgabe = Bewilligung['ausgaben'][number];

export const NUR_LESEN = (
  <p class="kern-body">
    Bewilligungen und Ausgaben erfassen das Serviceteam (verbund-admin) und die Kreis-Administration
    (kreis-admin); Sie sehen sie.
  </p>
);

/** German flags of a Bewilligung („2 Ausgaben außerhalb des Bewilligungszeitraums“). */
export function hinweisTexte(h: Kurz['hinweise']) {
  const teile: string[] = [];
  if (h.ausserhalbZeitraum) teile.push(`${h.ausserhalbZeitraum} × ${HINWEIS_TEXTE.ausserhalb_zeitraum}`);
  if (h.ueberBetrag) teile.push(`${h.ueberBetrag} × ${HINWEIS_TEXTE.ueber_betrag}`);
  if (h.belegFehlt) teile.push(`${h.belegFehlt} × ${HINWEIS_TEXTE.beleg_fehlt}`);
  return teile.length ? teile.join('; ') : 'keine';
}

/** „Ausgabe vom 01.03.2021 über 250,50 €“ – how a form, a link and a message name one expense. */
export const ausgabeName = (a: Pick<Ausgabe, 'datum' | 'betrag'>) =>
  `Ausgabe vom ${dateDe(a.datum)} über ${eur(a.betrag)}`;

export const loeschenPfad = (id: string, ausgabeId: string) =>
  `/steuerung/foerdermittel/${id}/ausgaben/${ausgabeId}/loeschen`;

/** The Sachbericht as text, and for the administration a plain form to change it. */
function Sachbericht({ principal, b, form }: { principal: Principal; b: Bewilligung; form: Formular }) {
  const fehler = form.fehler.sachbericht;
  return (
    <section aria-labelledby="sachbericht-titel">
      <h2 class="kern-heading-medium" id="sachbericht-titel">
        Sachbericht
      </h2>
      {b.sachbericht ? (
        <p class="kern-body vb-preview" id="sachbericht-text">
          {b.sachbericht}
        </p>
      ) : (
        <p class="kern-body" id="sachbericht-text">
          Noch kein Sachbericht.
        </p>
      )}
      {darfErfassen(principal) ? (
        <form method="post" action={`/steuerung/foerdermittel/${b.id}/sachbericht`} novalidate>
          <CsrfField principal={principal} />
          <div class={`kern-form-input${fehler ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="sachbericht">
              Sachbericht bearbeiten
            </label>
            <div class="kern-hint" id="sachbericht-hint">
              Steht im Verwendungsnachweis (PDF/A); höchstens 20.000 Zeichen.
            </div>
            {fehler ? (
              <p class="kern-error" id="sachbericht-error">
                <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                <span class="kern-body">{fehler}</span>
              </p>
            ) : null}
            <textarea
              class={`kern-form-input__input${fehler ? ' kern-form-input__input--error' : ''}`}
              id="sachbericht"
              name="sachbericht"
              rows={8}
              aria-invalid={fehler ? 'true' : undefined}
              aria-describedby={fehler ? 'sachbericht-hint sachbericht-error' : 'sachbericht-hint'}
            >
              {form.werte.sachbericht ?? b.sachbericht}
            </textarea>
          </div>
          <SubmitButton label="Sachbericht speichern" kind="secondary" />
        </form>
      ) : null}
    </section>
  );
}

function AusgabenTabelle({ principal, b }: { principal: Principal; b: Bewilligung }) {
  const loeschen = darfErfassen(principal);
  if (b.ausgaben.length === 0) return <p class="kern-body">Noch keine Ausgabe erfasst.</p>;
  return (
    <Table
      caption="Ausgaben"
      head={[
        'Datum',
        { label: 'Betrag', numeric: true },
        'Kategorie',
        'Beschreibung',
        'Beleg',
        'Hinweise',
        ...(loeschen ? ['Aktion'] : []),
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
          {loeschen ? (
            <Td>
              <a class="kern-link" href={loeschenPfad(b.id, a.id)} aria-label={`${ausgabeName(a)} löschen`}>
                Löschen
              </a>
            </Td>
          ) : null}
        </Tr>
      ))}
    </Table>
  );
}

export function BewilligungSeite({ frame, b, form }: { frame: PageFrame; b: Bewilligung; form: Formular }) {
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
      <Sachbericht principal={frame.principal} b={b} form={form} />
      <AusgabenTabelle principal={frame.principal} b={b} />
      {darfErfassen(frame.principal) ? (
        <AusgabeFormular principal={frame.principal} id={b.id} form={form} />
      ) : (
        NUR_LESEN
      )}
    </Layout>
  );
}

/** „Ausgabe löschen?“ – the confirmation a plain form needs before the expense is gone. */
export function AusgabeLoeschenSeite({ frame, b, a }: { frame: PageFrame; b: Bewilligung; a: Ausgabe }) {
  return (
    <Layout
      title={`${ausgabeName(a)} löschen`}
      principal={frame.principal}
      tenantName={frame.tenantName}
      active="steuerung"
    >
      <h1 class="kern-heading-large">Ausgabe löschen?</h1>
      <p class="kern-body">
        Die {ausgabeName(a)} wird aus der Bewilligung {b.aktenzeichen} gelöscht; sie zählt danach in keiner
        Summe und keinem Verwendungsnachweis mehr. Der Beleg bleibt in der E-Akte. Die Löschung steht in der
        Prüfkette.
      </p>
      <Facts
        rows={[
          ['Datum', dateDe(a.datum)],
          ['Betrag', eur(a.betrag)],
          ['Kategorie', KATEGORIE_NAMEN[a.kategorie]],
          ['Beschreibung', a.text],
          ['Beleg', a.belegTitel ?? (a.belegDokumentId ? 'Beleg' : '–')],
        ]}
      />
      <form method="post" action={loeschenPfad(b.id, a.id)} class="vb-actions">
        <CsrfField principal={frame.principal} />
        <SubmitButton label="Ausgabe löschen" />
        <a class="kern-btn kern-btn--tertiary" href={`/steuerung/foerdermittel/${b.id}`}>
          <span class="kern-label">Abbrechen</span>
        </a>
      </form>
    </Layout>
  );
}
