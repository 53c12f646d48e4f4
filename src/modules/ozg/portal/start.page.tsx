import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import type { Leistung } from '../leistungen/leistungen.models.ts';
import { PortalLayout } from './portal.layout.tsx';

/** The portal's start: search the Verbund's services. */
export function PortalStartPage({ q, leistungen }: { q: string; leistungen: Leistung[] }) {
  return (
    <PortalLayout title="Leistungen">
      <h1 class="kern-heading-large">Verwaltungsleistungen online beantragen</h1>
      <form method="get" action="/portal" class="vb-filter">
        <div class="kern-form-input">
          <label class="kern-label" for="q">
            Was möchten Sie erledigen?
          </label>
          <div class="kern-hint" id="q-hint">
            Zum Beispiel „Parkausweis“, „Wohngeld“ oder „Führerschein“
          </div>
          <input
            class="kern-form-input__input"
            id="q"
            name="q"
            type="search"
            value={q}
            aria-describedby="q-hint"
          />
        </div>
        <div>
          <SubmitButton label="Suchen" />
        </div>
      </form>
      <h2 class="kern-heading-medium">
        {q
          ? `${leistungen.length} Leistung${leistungen.length === 1 ? '' : 'en'} zu „${q}“`
          : 'Alle Leistungen'}
      </h2>
      {leistungen.length === 0 ? (
        <p class="kern-body">
          Keine Leistung gefunden. Versuchen Sie einen anderen Begriff oder{' '}
          <a class="kern-link" href="/portal">
            zeigen Sie alle Leistungen an
          </a>
          .
        </p>
      ) : (
        <ul class="vb-service-list">
          {leistungen.map((l) => (
            <li>
              <h3 class="kern-heading-small">
                <a class="kern-link" href={`/portal/leistungen/${l.id}`}>
                  {l.name}
                </a>
              </h3>
              <p class="kern-body">{l.texte.kurztext}</p>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}
