import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { TRIGGER_LABELS } from '../integrations.models.ts';
import { KennungField } from '../integrations.page-kit.tsx';

const CHOICES = [
  ['neu-ausloeser', 'ausloeser', 'Auslöser', Object.entries(TRIGGER_LABELS)],
  [
    'neu-nutzlast',
    'nutzlast',
    'Nutzlast',
    [
      ['json', 'JSON (Abbildung unten)'],
      ['fit-connect', 'FIT-Connect-Einreichung'],
      ['xdomea', 'xdomea-3.0.0-Nachricht des Vorgangs'],
    ],
  ],
  [
    'neu-transport',
    'transport',
    'Transport',
    [
      ['webhook', 'Webhook (HTTPS, HMAC-SHA256)'],
      ['verzeichnis', 'ZIP in Verzeichnis'],
    ],
  ],
] as const;

/** The form that defines a connector for the whole Verbund (owner: this county). */
export function NewConnectorSection({ tenantName, principal }: { tenantName: string; principal: Principal }) {
  return (
    <section class="vb-section" aria-labelledby="neu">
      <h2 class="kern-heading-medium" id="neu">
        Neue Anbindung für den Verbund definieren
      </h2>
      <p class="kern-body">
        Eigentümer wird {tenantName}; alle Mitglieder erhalten die Anbindung, jeweils wartend auf ihren
        Endpunkt.
      </p>
      <form method="post" action="/anbindungen/connectoren">
        <CsrfField principal={principal} />
        <div class="kern-stack">
          <TextField id="neu-name" name="name" label="Name" />
          <KennungField id="neu-id" name="id" beispiel="wohngeld-fachverfahren" />
          {CHOICES.map(([id, name, label, options]) => (
            <div class="kern-form-input">
              <label class="kern-label" for={id}>
                {label}
              </label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id={id} name={name}>
                  {options.map(([value, text]) => (
                    <option value={value}>{text}</option>
                  ))}
                </select>
              </div>
            </div>
          ))}
          <TextField
            id="neu-filter"
            name="filter"
            label="Filter (optional)"
            hint="Leistung (z. B. wohngeld) oder Aktenplan-Kennzeichen (z. B. 03.10)"
          />
          <div class="kern-form-input">
            <label class="kern-label" for="neu-mapping">
              Abbildung (JSON, optional)
            </label>
            <div class="kern-hint" id="neu-mapping-hint">
              {'z. B. {"nummer": "$.antrag.nummer", "name": "$.antrag.daten.V-G-PERSON.V-F-FAMILIENNAME"}'}
            </div>
            <textarea
              class="kern-form-input__input"
              id="neu-mapping"
              name="mapping"
              rows={3}
              aria-describedby="neu-mapping-hint"
            ></textarea>
          </div>
          <div>
            <SubmitButton label="Anbindung definieren" />
          </div>
        </div>
      </form>
    </section>
  );
}
