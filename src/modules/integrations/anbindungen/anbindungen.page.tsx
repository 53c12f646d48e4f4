import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { STATUS_LABELS, TRIGGER_LABELS } from '../integrations.models.ts';
import type { Connector } from './anbindungen.models.ts';

/** The Verbund's connectors; the county's administration sets its endpoint and switches each on or off. */
export function ConnectorsSection({
  connectors,
  principal,
}: {
  connectors: Connector[];
  principal: Principal;
}) {
  const admin = hasRole(principal, 'kreis-admin');
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
              <CsrfField principal={principal} />
              <div class="kern-stack">
                <TextField
                  id={`ziel-${c.id}`}
                  name="ziel"
                  label={
                    c.transport === 'webhook' ? 'Endpunkt (https://…)' : 'Zielverzeichnis (absoluter Pfad)'
                  }
                  value={c.aktivierung.ziel ?? ''}
                />
                {c.transport === 'webhook' ? (
                  <TextField
                    id={`secret-${c.id}`}
                    name="secret"
                    type="password"
                    autocomplete="off"
                    label={`Geheimnis für die Signatur${c.aktivierung.secretGesetzt ? ' (gesetzt; leer lassen = behalten)' : ''}`}
                  />
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
