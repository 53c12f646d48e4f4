import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { KennungField } from '../integrations.page-kit.tsx';
import type { Fachverfahren } from './fachverfahren.models.ts';

/** The county's Fachverfahren; its administration registers new ones (with an API token). */
export function FachverfahrenSection(props: { fachverfahren: Fachverfahren[]; principal: Principal }) {
  return (
    <section class="vb-section" aria-labelledby="fachverfahren">
      <h2 class="kern-heading-medium" id="fachverfahren">
        Fachverfahren des Landkreises
      </h2>
      <ul class="kern-list">
        {props.fachverfahren.map((f) => (
          <li>
            {f.name} ({f.kennung}) · {f.vorgaenge} Vorgänge
          </li>
        ))}
      </ul>
      {hasRole(props.principal, 'kreis-admin') ? (
        <form method="post" action="/anbindungen/fachverfahren">
          <CsrfField principal={props.principal} />
          <div class="kern-stack">
            <TextField id="fv-name" name="name" label="Name des Fachverfahrens" />
            <KennungField id="fv-kennung" name="kennung" beispiel="parkraum" />
            <div>
              <SubmitButton label="Anmelden und Token erzeugen" />
            </div>
          </div>
        </form>
      ) : null}
    </section>
  );
}
