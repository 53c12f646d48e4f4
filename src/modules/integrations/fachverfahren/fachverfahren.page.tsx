import type { Child } from 'hono/jsx';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import type { Fachverfahren } from './fachverfahren.models.ts';

/** The county's Fachverfahren; its administration registers new ones (with an API token). */
export function FachverfahrenSection({
  fachverfahren,
  admin,
  csrf,
}: {
  fachverfahren: Fachverfahren[];
  admin: boolean;
  csrf: Child;
}) {
  return (
    <section class="vb-section" aria-labelledby="fachverfahren">
      <h2 class="kern-heading-medium" id="fachverfahren">
        Fachverfahren des Landkreises
      </h2>
      <ul class="kern-list">
        {fachverfahren.map((f) => (
          <li>
            {f.name} ({f.kennung}) · {f.vorgaenge} Vorgänge
          </li>
        ))}
      </ul>
      {admin ? (
        <form method="post" action="/anbindungen/fachverfahren">
          {csrf}
          <div class="kern-stack">
            <div class="kern-form-input">
              <label class="kern-label" for="fv-name">
                Name des Fachverfahrens
              </label>
              <input class="kern-form-input__input" id="fv-name" name="name" type="text" />
            </div>
            <div class="kern-form-input">
              <label class="kern-label" for="fv-kennung">
                Kennung
              </label>
              <div class="kern-hint" id="fv-kennung-hint">
                Kleinbuchstaben, Ziffern, Bindestriche, z. B. parkraum
              </div>
              <input
                class="kern-form-input__input"
                id="fv-kennung"
                name="kennung"
                type="text"
                aria-describedby="fv-kennung-hint"
              />
            </div>
            <div>
              <SubmitButton label="Anmelden und Token erzeugen" />
            </div>
          </div>
        </form>
      ) : null}
    </section>
  );
}
