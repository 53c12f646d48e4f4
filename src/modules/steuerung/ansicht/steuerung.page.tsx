import { dateTimeDe } from '../../../platform/ui/format.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';
import type { SteuerungBericht } from './ansicht.usecases.ts';
import { exportPfade } from './export-pfade.ts';
import { KennzahlAnsicht } from './kennzahl.view.tsx';

/** The Steuerung page: Verbund-wide for the Serviceteam, own county plus Verbund totals otherwise. */
export function SteuerungPage({ frame, bericht }: { frame: PageFrame; bericht: SteuerungBericht }) {
  const verbund = bericht.sicht === 'verbund';
  return (
    <Layout title="Steuerung" principal={frame.principal} tenantName={frame.tenantName} active="steuerung">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">Steuerung {bericht.jahr}</h1>
        <p class="kern-subline">
          {verbund
            ? 'Serviceteam: der ganze Verbund mit den Zahlen jedes Landkreises'
            : `${frame.tenantName}: Ihre Zahlen und die Summen des Verbunds`}
        </p>
      </hgroup>
      <p class="kern-body" id="stand">
        Stand: {dateTimeDe(bericht.stand)} (beim Aufruf berechnet).{' '}
        {verbund
          ? ''
          : 'Die Einzelzahlen anderer Landkreise sieht nur das Serviceteam; die Datenbank gibt sie Ihnen nicht heraus.'}
      </p>
      <form method="get" action="/steuerung" class="vb-form-inline">
        <div class="kern-form-input">
          <label class="kern-label" for="jahr">
            Jahr
          </label>
          <input
            class="kern-form-input__input"
            id="jahr"
            name="jahr"
            type="number"
            inputmode="numeric"
            min="2000"
            max="2100"
            value={String(bericht.jahr)}
          />
        </div>
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">Anzeigen</span>
        </button>
      </form>
      <p class="kern-body">
        Erfassen und einsehen:{' '}
        <a class="kern-link" href="/steuerung/foerdermittel">
          Fördermittel: Bewilligungen und Ausgaben
        </a>
        {' · '}
        <a class="kern-link" href="/steuerung/reifegrad">
          OZG-Reifegrad: Kriterien je Leistung
        </a>
      </p>
      <nav aria-label="Abschnitte der Steuerung">
        <ul class="kern-list">
          {bericht.abschnitte.map((a) => (
            <li>
              <a class="kern-link" href={`#abschnitt-${a.key}`}>
                {a.titel}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {bericht.abschnitte.map((a) => (
        <section aria-labelledby={`abschnitt-${a.key}`} class="vb-steuerung-abschnitt">
          <h2 class="kern-heading-medium" id={`abschnitt-${a.key}`}>
            {a.titel}
          </h2>
          {a.text ? <p class="kern-body">{a.text}</p> : null}
          {a.kennzahlen.length === 0 ? <p class="kern-body">Noch keine Zahlen.</p> : null}
          {a.kennzahlen.map((k) => (
            <>
              <h3 class="kern-heading-small">{k.tabelle.titel}</h3>
              <p class="kern-body">{k.beschreibung}</p>
              <KennzahlAnsicht kennzahl={k} links={exportPfade(k.key, bericht.jahr)} />
            </>
          ))}
        </section>
      ))}
    </Layout>
  );
}
