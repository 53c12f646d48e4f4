import type { Child } from 'hono/jsx';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { STATUS_LABELS, TRIGGER_LABELS } from '../integrations.models.ts';
import type { Connector } from './anbindungen.models.ts';

/** The Verbund's connectors; the county's administration sets its endpoint and switches each on or off. */
export function ConnectorsSection({
  connectors,
  admin,
  csrf,
}: {
  connectors: Connector[];
  admin: boolean;
  csrf: Child;
}) {
  return (
    <section class="vb-section" aria-labelledby="connectoren">
      <h2 class="kern-heading-medium" id="connectoren">
        Anbindungen des Verbunds
      </h2>
      {connectors.length === 0 ? <p class="kern-body">Noch keine Anbindung definiert.</p> : null}
      {connectors.map((c) => (
        <article class="vb-section">
          <h3 class="kern-heading-small">{c.name}</h3>
          <p class="kern-body kern-body--small">
            analysiert von {c.ownerName} · Auslöser: {TRIGGER_LABELS[c.ausloeser]}
            {c.filter ? ` (${c.filter})` : ''} · Nutzlast: {c.nutzlast === 'json' ? 'JSON' : 'FIT-Connect'} ·
            Transport: {c.transport === 'webhook' ? 'Webhook (HMAC-SHA256)' : 'ZIP in Verzeichnis'} · hier:{' '}
            {STATUS_LABELS[c.aktivierung.status]}
          </p>
          {admin ? (
            <form method="post" action={`/anbindungen/connectoren/${c.id}`}>
              {csrf}
              <div class="kern-stack">
                <div class="kern-form-input">
                  <label class="kern-label" for={`ziel-${c.id}`}>
                    {c.transport === 'webhook' ? 'Endpunkt (https://…)' : 'Zielverzeichnis (absoluter Pfad)'}
                  </label>
                  <input
                    class="kern-form-input__input"
                    id={`ziel-${c.id}`}
                    name="ziel"
                    type="text"
                    value={c.aktivierung.ziel ?? ''}
                  />
                </div>
                {c.transport === 'webhook' ? (
                  <div class="kern-form-input">
                    <label class="kern-label" for={`secret-${c.id}`}>
                      Geheimnis für die Signatur
                      {c.aktivierung.secretGesetzt ? ' (gesetzt; leer lassen = behalten)' : ''}
                    </label>
                    <input
                      class="kern-form-input__input"
                      id={`secret-${c.id}`}
                      name="secret"
                      type="password"
                      autocomplete="off"
                    />
                  </div>
                ) : null}
                <div class="vb-actions">
                  <SubmitButton label="Speichern und aktivieren" size="small" name="status" value="active" />
                  <SubmitButton label="Pausieren" kind="tertiary" size="small" name="status" value="paused" />
                </div>
              </div>
            </form>
          ) : null}
        </article>
      ))}
    </section>
  );
}
