import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { Alert } from '../../../platform/ui/components.tsx';
import { LEISTUNG_TEXTE, type Leistung } from '../leistungen/leistungen.models.ts';
import { PortalLayout } from './portal.layout.tsx';

type GemeindeHit = {
  ags: string;
  name: string;
  plz: string[];
  zustaendig: { id: string; name: string } | null;
};

/** A service: its texts, and where the citizen lives (→ the responsible county, → start the Antrag). */
export function LeistungPage({
  leistung,
  ort,
  gemeinden,
  error,
}: {
  leistung: Leistung;
  ort: string;
  gemeinden: GemeindeHit[];
  error?: string;
}) {
  return (
    <PortalLayout title={leistung.name}>
      <p class="kern-body">
        <a class="kern-link" href="/portal">
          Zurück zur Übersicht
        </a>
      </p>
      <h1 class="kern-heading-large">{leistung.name}</h1>
      {LEISTUNG_TEXTE.map(([key, heading]) =>
        leistung.texte[key] ? (
          <section class="vb-section">
            <h2 class="kern-heading-small">{heading}</h2>
            <p class="kern-body">{leistung.texte[key]}</p>
          </section>
        ) : null,
      )}
      <p class="kern-body kern-body--small vb-muted">
        Entwickelt vom {leistung.ownerName} für alle Landkreise des Verbunds · Reifegrad {leistung.reifegrad}{' '}
        ({leistung.reifegradText}) · LeiKa {leistung.leika}
        {leistung.leikaPlatzhalter ? ' (Platzhalter, noch nicht geprüft)' : ''}
      </p>
      <section class="vb-section" aria-labelledby="zustaendigkeit">
        <h2 class="kern-heading-medium" id="zustaendigkeit">
          Wo wohnen Sie?
        </h2>
        {error ? <Alert kind="danger" title={error} /> : null}
        <form method="get" action={`/portal/leistungen/${leistung.id}`} class="vb-filter">
          <div class="kern-form-input">
            <label class="kern-label" for="ort">
              Gemeinde oder Postleitzahl
            </label>
            <div class="kern-hint" id="ort-hint">
              Wir leiten Ihren Antrag an den zuständigen Landkreis weiter.
            </div>
            <input
              class="kern-form-input__input"
              id="ort"
              name="ort"
              type="text"
              value={ort}
              autocomplete="address-level2"
              aria-describedby="ort-hint"
            />
          </div>
          <div>
            <SubmitButton kind="secondary" label="Zuständigkeit finden" />
          </div>
        </form>
        {ort && gemeinden.length === 0 ? (
          <p class="kern-body" role="status">
            Zu „{ort}“ haben wir keine Gemeinde gefunden. Bitte prüfen Sie die Schreibweise oder geben Sie die
            Postleitzahl ein.
          </p>
        ) : null}
        {gemeinden.length > 0 ? (
          <form method="post" action={`/portal/leistungen/${leistung.id}/antrag`}>
            <fieldset class="kern-fieldset">
              <legend class="kern-label">Ihre Gemeinde</legend>
              <div class="kern-fieldset__body">
                {gemeinden.map((g, i) => (
                  <div class="kern-form-check">
                    <input
                      class="kern-form-check__radio"
                      type="radio"
                      id={`gemeinde-${g.ags}`}
                      name="gemeinde"
                      value={g.ags}
                      checked={i === 0}
                      disabled={!g.zustaendig}
                    />
                    <label class="kern-label" for={`gemeinde-${g.ags}`}>
                      {g.name} ({g.plz.join(', ')}) –{' '}
                      {g.zustaendig ? `zuständig: ${g.zustaendig.name}` : 'kein Landkreis des Verbunds'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <SubmitButton label="Antrag starten" />
          </form>
        ) : null}
      </section>
    </PortalLayout>
  );
}
