import type { Principal } from '../../../../platform/http/principal.ts';
import { SubmitButton } from '../../../../platform/ui/buttons.tsx';
import { CsrfField } from '../../../../platform/ui/csrf-field.tsx';
import { Facts } from '../../../../platform/ui/facts.tsx';
import { Flash } from '../../../../platform/ui/flash.tsx';
import { Layout } from '../../../../platform/ui/layout.tsx';
import type { PageFrame } from '../../../../platform/ui/page-frame.ts';
import { Table, Td, Tr } from '../../../../platform/ui/table.tsx';
import { KRITERIEN, STUFEN } from '../reifegrad.models.ts';
import type { LeistungReifegrad } from '../reifegrad.usecases.ts';
import { darfReifegradErfassen, kriteriumFeld, type ReifegradFormular } from './reifegrad.forms.ts';

type Kriterium = LeistungReifegrad['kriterien'][number];
const QUELLE = { erfasst: 'erfasst', abgeleitet: 'von der Plattform abgeleitet', offen: 'offen (zählt 0)' };
const wertText = (w: number | 'entfaellt' | null) =>
  w === null ? '–' : w === 'entfaellt' ? 'entfällt' : `${w} ${STUFEN[w]?.name ?? ''}`;
const jaNein = (b: boolean) => (b ? 'ja' : 'nein');

function Zurueck() {
  return (
    <p class="kern-body">
      Zurück zur{' '}
      <a class="kern-link" href="/steuerung">
        Steuerung
      </a>
      .
    </p>
  );
}

/** /steuerung/reifegrad: every Leistung of the catalog with the county's level. */
export function ReifegradListe({ frame, items }: { frame: PageFrame; items: LeistungReifegrad[] }) {
  return (
    <Layout
      title="OZG-Reifegrad"
      principal={frame.principal}
      tenantName={frame.tenantName}
      active="steuerung"
    >
      <h1 class="kern-heading-large">OZG-Reifegrad</h1>
      <Zurueck />
      <p class="kern-body">
        Reifegrad jeder Leistung im Landkreis {frame.tenantName} nach dem OZG-Reifegradmodell (0 Offline bis 4
        Online-Transaktion): das Minimum über zehn Kriterien. Die Plattform leitet ab, was sie selbst sieht
        (aktive Leistung, Formular, Anträge mit Nachweisen, Bescheide, Statusnachrichten); was sie nicht sehen
        kann, erfasst die Kreis-Administration je Leistung. Ein offenes Kriterium zählt 0.
      </p>
      <Table
        caption="Leistungen nach Reifegrad"
        head={[
          'Leistung',
          'aktiv',
          'Reifegrad',
          'online',
          'OZG-konform',
          { label: 'Reifegrad 2.0', numeric: true },
          { label: 'offene Kriterien', numeric: true },
        ]}
      >
        {items.map((l) => (
          <Tr>
            <Td>
              <a class="kern-link" href={`/steuerung/reifegrad/${l.leistungId}`}>
                {l.name}
              </a>
            </Td>
            <Td>{jaNein(l.aktiv)}</Td>
            <Td>{`${l.stufe} ${l.stufenName}`}</Td>
            <Td>{jaNein(l.online)}</Td>
            <Td>{jaNein(l.ozgKonform)}</Td>
            <Td>{l.stufe20 === null ? '–' : String(l.stufe20)}</Td>
            <Td>{String(l.offeneKriterien)}</Td>
          </Tr>
        ))}
      </Table>
    </Layout>
  );
}

function KriteriumAuswahl({ k, nr, form }: { k: Kriterium; nr: number; form: ReifegradFormular }) {
  const feld = kriteriumFeld(k.key);
  const fehler = form.fehler[feld];
  const gewaehlt = form.werte[feld] ?? (k.erfasst === null ? '' : String(k.erfasst));
  const ohne =
    k.abgeleitet === null
      ? 'nicht erfasst (offen, zählt 0)'
      : `nicht erfasst (abgeleitet: ${wertText(k.abgeleitet)})`;
  return (
    <div class={`kern-form-input${fehler ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={feld}>
        {`${nr}. ${k.name}`}
      </label>
      {fehler ? (
        <p class="kern-error" id={`${feld}-error`}>
          <span class="kern-body">{fehler}</span>
        </p>
      ) : null}
      <div class="kern-form-input__select-wrapper">
        <select
          class="kern-form-input__select"
          id={feld}
          name={feld}
          aria-invalid={fehler ? 'true' : undefined}
          aria-describedby={fehler ? `${feld}-error` : undefined}
        >
          <option value="" selected={gewaehlt === ''}>
            {ohne}
          </option>
          {STUFEN.map((s) => (
            <option value={String(s.stufe)} selected={gewaehlt === String(s.stufe)}>
              {`Stufe ${s.stufe} – ${s.name}`}
            </option>
          ))}
          <option value="entfaellt" selected={gewaehlt === 'entfaellt'}>
            entfällt (nicht erforderlich)
          </option>
        </select>
      </div>
    </div>
  );
}

function Erfassung({
  principal,
  l,
  form,
}: {
  principal: Principal;
  l: LeistungReifegrad;
  form: ReifegradFormular;
}) {
  const pfad = `/steuerung/reifegrad/${l.leistungId}`;
  const stufe20 = form.werte.stufe20 ?? (l.stufe20 === null ? '' : String(l.stufe20));
  return (
    <form
      method="post"
      action={pfad}
      aria-labelledby="erfassen-titel"
      novalidate
      hx-post={pfad}
      hx-target="#reifegrad-leistung"
      hx-select="#reifegrad-leistung"
      hx-swap="outerHTML"
    >
      <h2 class="kern-heading-medium" id="erfassen-titel">
        Kriterien erfassen
      </h2>
      <p class="kern-body">
        Ein erfasster Wert geht dem abgeleiteten vor; „nicht erfasst“ löscht die Erfassung. Jede Änderung
        steht in der Prüfkette.
      </p>
      <CsrfField principal={principal} />
      {l.kriterien.map((k, i) => (
        <KriteriumAuswahl k={k} nr={KRITERIEN[i]?.nr ?? i + 1} form={form} />
      ))}
      <div class={`kern-form-input${form.fehler.stufe20 ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="stufe20">
          Reifegrad nach Modell 2.0 (0–7, nur erfasst)
        </label>
        {form.fehler.stufe20 ? (
          <p class="kern-error" id="stufe20-error">
            <span class="kern-body">{form.fehler.stufe20}</span>
          </p>
        ) : null}
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id="stufe20" name="stufe20">
            <option value="" selected={stufe20 === ''}>
              nicht erfasst
            </option>
            {[0, 1, 2, 3, 4, 5, 6, 7].map((s) => (
              <option value={String(s)} selected={stufe20 === String(s)}>
                {`Stufe ${s}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class={`kern-form-input${form.fehler.bemerkung ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="bemerkung">
          Bemerkung (optional, z. B. Quelle der Einschätzung)
        </label>
        {form.fehler.bemerkung ? (
          <p class="kern-error" id="bemerkung-error">
            <span class="kern-body">{form.fehler.bemerkung}</span>
          </p>
        ) : null}
        <input
          class="kern-form-input__input"
          id="bemerkung"
          name="bemerkung"
          type="text"
          value={form.werte.bemerkung ?? ''}
        />
      </div>
      <SubmitButton label="Kriterien speichern" />
    </form>
  );
}

/** /steuerung/reifegrad/{id}: level, the ten criteria with their source, and the recording form. */
export function ReifegradLeistung({
  frame,
  l,
  form,
}: {
  frame: PageFrame;
  l: LeistungReifegrad;
  form: ReifegradFormular;
}) {
  return (
    <Layout
      title={`Reifegrad: ${l.name}`}
      principal={frame.principal}
      tenantName={frame.tenantName}
      active="steuerung"
    >
      <section id="reifegrad-leistung" aria-labelledby="leistung-titel">
        <Flash flash={frame.flash} />
        <h1 class="kern-heading-large" id="leistung-titel">
          Reifegrad: {l.name}
        </h1>
        <p class="kern-body">
          <a class="kern-link" href="/steuerung/reifegrad">
            Alle Leistungen
          </a>
        </p>
        {Object.keys(form.fehler).length ? (
          <p class="kern-error" role="alert">
            <span class="kern-body">Nicht gespeichert: bitte die markierten Felder prüfen.</span>
          </p>
        ) : null}
        <Facts
          rows={[
            ['Reifegrad', `${l.stufe} ${l.stufenName}`],
            ['online (ab Stufe 2)', jaNein(l.online)],
            ['OZG-konform (ab Stufe 3)', jaNein(l.ozgKonform)],
            ['Reifegrad 2.0', l.stufe20 === null ? 'nicht erfasst' : String(l.stufe20)],
            ['Leistung im Landkreis aktiv', jaNein(l.aktiv)],
            ['offene Kriterien', String(l.offeneKriterien)],
          ]}
        />
        <Table
          caption="Die zehn Kriterien"
          head={['Nr.', 'Kriterium', 'erfasst', 'abgeleitet', 'gilt', 'Quelle']}
        >
          {l.kriterien.map((k, i) => (
            <Tr>
              <Td>{String(KRITERIEN[i]?.nr ?? i + 1)}</Td>
              <Td>{k.name}</Td>
              <Td>{wertText(k.erfasst)}</Td>
              <Td>{wertText(k.abgeleitet)}</Td>
              <Td>{wertText(k.wirksam)}</Td>
              <Td>{QUELLE[k.quelle]}</Td>
            </Tr>
          ))}
        </Table>
        {darfReifegradErfassen(frame.principal) ? (
          <Erfassung principal={frame.principal} l={l} form={form} />
        ) : (
          <p class="kern-body">
            Kriterien erfassen das Serviceteam (verbund-admin) und die Kreis-Administration (kreis-admin); Sie
            sehen sie.
          </p>
        )}
      </section>
    </Layout>
  );
}
