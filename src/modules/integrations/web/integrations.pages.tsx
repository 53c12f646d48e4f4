import type { Principal } from '../../../platform/http/principal.ts';
import { hasRole } from '../../../platform/http/principal.ts';
import { Alert } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { IntegrationsUsecases } from '../integrations.usecases.ts';

type Connector = Awaited<ReturnType<IntegrationsUsecases['listConnectors']>>[number];
type Monitor = Awaited<ReturnType<IntegrationsUsecases['monitor']>>[number];
type MonitorVerbund = Awaited<ReturnType<IntegrationsUsecases['monitorVerbund']>>[number];
type Delivery = Awaited<ReturnType<IntegrationsUsecases['listDeliveries']>>['items'][number];
type Fachverfahren = Awaited<ReturnType<IntegrationsUsecases['listFachverfahren']>>[number];

const TRIGGER_LABELS: Record<string, string> = {
  'antrag.eingegangen': 'neuer Antrag',
  'dokument.abgelegt': 'Dokument abgelegt',
  'vorgang.status': 'Statuswechsel',
};
const STATUS_LABELS: Record<string, string> = {
  active: 'aktiv',
  pending: 'Endpunkt fehlt',
  paused: 'pausiert',
};
const when = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleString('de-DE', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'short',
        timeStyle: 'medium',
      })
    : '–';
const ms = (n: number | null) => (n === null ? '–' : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

/** Staff page of the integrations module: connectors, monitor, dead letters, Fachverfahren. */
export function AnbindungenPage(props: {
  principal: Principal;
  tenantName: string;
  flash?: { kind: 'success' | 'danger'; text: string };
  neuesToken?: { name: string; token: string };
  connectors: Connector[];
  monitor: Monitor[];
  monitorVerbund?: MonitorVerbund[];
  tot: Delivery[];
  fachverfahren: Fachverfahren[];
}) {
  const { principal } = props;
  const admin = hasRole(principal, 'kreis-admin');
  const csrf = <input type="hidden" name="_csrf" value={principal.csrfToken ?? ''} />;
  return (
    <Layout
      title="Fachverfahren-Anbindung"
      principal={principal}
      tenantName={props.tenantName}
      active="anbindungen"
    >
      <h1 class="kern-heading-large">Fachverfahren-Anbindung</h1>
      {props.flash ? (
        <Alert
          kind={props.flash.kind}
          title={props.flash.kind === 'success' ? 'Erledigt' : 'Das hat nicht geklappt'}
        >
          {props.flash.text}
        </Alert>
      ) : null}
      {props.neuesToken ? (
        <Alert kind="success" title={`Fachverfahren „${props.neuesToken.name}“ angemeldet`}>
          <p class="kern-body">
            API-Token (wird nur jetzt angezeigt): <code class="vb-code">{props.neuesToken.token}</code>
          </p>
        </Alert>
      ) : null}

      <section class="vb-section" aria-labelledby="monitor">
        <h2 class="kern-heading-medium" id="monitor">
          Integrationsmonitor
        </h2>
        <table class="kern-table">
          <caption class="vb-caption">Zustellungen je Anbindung in diesem Landkreis</caption>
          <thead class="kern-table__head">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">
                Anbindung
              </th>
              <th class="kern-table__header" scope="col">
                Hier
              </th>
              <th class="kern-table__header" scope="col">
                zugestellt
              </th>
              <th class="kern-table__header" scope="col">
                wartend
              </th>
              <th class="kern-table__header" scope="col">
                fehlerhaft
              </th>
              <th class="kern-table__header" scope="col">
                tot
              </th>
              <th class="kern-table__header" scope="col">
                Latenz p50 / p95
              </th>
              <th class="kern-table__header" scope="col">
                zuletzt
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {props.monitor.map((m) => (
              <tr class="kern-table__row">
                <td class="kern-table__cell">{m.name}</td>
                <td class="kern-table__cell">{STATUS_LABELS[m.aktivierung] ?? m.aktivierung}</td>
                <td class="kern-table__cell">{m.zugestellt}</td>
                <td class="kern-table__cell">{m.wartend}</td>
                <td class="kern-table__cell">{m.fehlerhaft}</td>
                <td class="kern-table__cell">{m.tot}</td>
                <td class="kern-table__cell">
                  {ms(m.latenzP50Ms)} / {ms(m.latenzP95Ms)}
                </td>
                <td class="kern-table__cell">{when(m.zuletzt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {props.monitorVerbund ? (
        <section class="vb-section" aria-labelledby="monitor-verbund">
          <h2 class="kern-heading-medium" id="monitor-verbund">
            Alle Landkreise (Serviceteam)
          </h2>
          <table class="kern-table">
            <caption class="vb-caption">Zustellungen je Anbindung und Landkreis (nur Zahlen)</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">
                  Anbindung
                </th>
                <th class="kern-table__header" scope="col">
                  Landkreis
                </th>
                <th class="kern-table__header" scope="col">
                  zugestellt
                </th>
                <th class="kern-table__header" scope="col">
                  wartend
                </th>
                <th class="kern-table__header" scope="col">
                  fehlerhaft
                </th>
                <th class="kern-table__header" scope="col">
                  tot
                </th>
                <th class="kern-table__header" scope="col">
                  Latenz p50 / p95
                </th>
              </tr>
            </thead>
            <tbody class="kern-table__body">
              {props.monitorVerbund.map((m) => (
                <tr class="kern-table__row">
                  <td class="kern-table__cell">{m.connectorId}</td>
                  <td class="kern-table__cell">{m.landkreis}</td>
                  <td class="kern-table__cell">{m.zugestellt}</td>
                  <td class="kern-table__cell">{m.wartend}</td>
                  <td class="kern-table__cell">{m.fehlerhaft}</td>
                  <td class="kern-table__cell">{m.tot}</td>
                  <td class="kern-table__cell">
                    {ms(m.latenzP50Ms)} / {ms(m.latenzP95Ms)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section class="vb-section" aria-labelledby="tot">
        <h2 class="kern-heading-medium" id="tot">
          Unzustellbare Zustellungen ({props.tot.length})
        </h2>
        {props.tot.length === 0 ? (
          <p class="kern-body">Keine – alles zugestellt oder unterwegs.</p>
        ) : (
          <ul class="kern-list">
            {props.tot.map((d) => (
              <li>
                <p class="kern-body">
                  <strong>
                    {d.connectorId} · {TRIGGER_LABELS[d.ereignis] ?? d.ereignis}
                  </strong>{' '}
                  · {d.versuche} Versuche · zuletzt: {d.letzterFehler}
                </p>
                <details>
                  <summary class="kern-body">
                    Nutzlast ansehen (Idempotenzschlüssel {d.idempotencyKey})
                  </summary>
                  <pre class="vb-text">{JSON.stringify(d.payload, null, 2)}</pre>
                </details>
                <form method="post" action={`/anbindungen/zustellungen/${d.id}/erneut`}>
                  {csrf}
                  <button type="submit" class="kern-btn kern-btn--secondary kern-btn--small">
                    <span class="kern-label">Erneut zustellen</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="vb-section" aria-labelledby="connectoren">
        <h2 class="kern-heading-medium" id="connectoren">
          Anbindungen des Verbunds
        </h2>
        {props.connectors.length === 0 ? <p class="kern-body">Noch keine Anbindung definiert.</p> : null}
        {props.connectors.map((c) => (
          <article class="vb-section">
            <h3 class="kern-heading-small">{c.name}</h3>
            <p class="kern-body kern-body--small">
              analysiert von {c.ownerName} · Auslöser: {TRIGGER_LABELS[c.ausloeser]}
              {c.filter ? ` (${c.filter})` : ''} · Nutzlast: {c.nutzlast === 'json' ? 'JSON' : 'FIT-Connect'}{' '}
              · Transport: {c.transport === 'webhook' ? 'Webhook (HMAC-SHA256)' : 'ZIP in Verzeichnis'} ·
              hier: {STATUS_LABELS[c.aktivierung.status]}
            </p>
            {admin ? (
              <form method="post" action={`/anbindungen/connectoren/${c.id}`}>
                {csrf}
                <div class="kern-stack">
                  <div class="kern-form-input">
                    <label class="kern-label" for={`ziel-${c.id}`}>
                      {c.transport === 'webhook'
                        ? 'Endpunkt (https://…)'
                        : 'Zielverzeichnis (absoluter Pfad)'}
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
                    <button
                      type="submit"
                      name="status"
                      value="active"
                      class="kern-btn kern-btn--primary kern-btn--small"
                    >
                      <span class="kern-label">Speichern und aktivieren</span>
                    </button>
                    <button
                      type="submit"
                      name="status"
                      value="paused"
                      class="kern-btn kern-btn--tertiary kern-btn--small"
                    >
                      <span class="kern-label">Pausieren</span>
                    </button>
                  </div>
                </div>
              </form>
            ) : null}
          </article>
        ))}
      </section>

      {hasRole(principal, 'kreis-admin', 'verbund-admin') ? (
        <section class="vb-section" aria-labelledby="neu">
          <h2 class="kern-heading-medium" id="neu">
            Neue Anbindung für den Verbund definieren
          </h2>
          <p class="kern-body">
            Eigentümer wird {props.tenantName}; alle Mitglieder erhalten die Anbindung, jeweils wartend auf
            ihren Endpunkt.
          </p>
          <form method="post" action="/anbindungen/connectoren">
            {csrf}
            <div class="kern-stack">
              <div class="kern-form-input">
                <label class="kern-label" for="neu-name">
                  Name
                </label>
                <input class="kern-form-input__input" id="neu-name" name="name" type="text" />
              </div>
              <div class="kern-form-input">
                <label class="kern-label" for="neu-id">
                  Kennung
                </label>
                <div class="kern-hint" id="neu-id-hint">
                  Kleinbuchstaben, Ziffern, Bindestriche, z. B. wohngeld-fachverfahren
                </div>
                <input
                  class="kern-form-input__input"
                  id="neu-id"
                  name="id"
                  type="text"
                  aria-describedby="neu-id-hint"
                />
              </div>
              {[
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
              ].map(([id, name, label, options]) => (
                <div class="kern-form-input">
                  <label class="kern-label" for={id as string}>
                    {label as string}
                  </label>
                  <div class="kern-form-input__select-wrapper">
                    <select class="kern-form-input__select" id={id as string} name={name as string}>
                      {(options as string[][]).map(([value, text]) => (
                        <option value={value}>{text}</option>
                      ))}
                    </select>
                  </div>
                </div>
              ))}
              <div class="kern-form-input">
                <label class="kern-label" for="neu-filter">
                  Filter (optional)
                </label>
                <div class="kern-hint" id="neu-filter-hint">
                  Leistung (z. B. wohngeld) oder Aktenplan-Kennzeichen (z. B. 03.10)
                </div>
                <input
                  class="kern-form-input__input"
                  id="neu-filter"
                  name="filter"
                  type="text"
                  aria-describedby="neu-filter-hint"
                />
              </div>
              <div class="kern-form-input">
                <label class="kern-label" for="neu-mapping">
                  Abbildung (JSON, optional)
                </label>
                <div class="kern-hint" id="neu-mapping-hint">
                  {
                    'z. B. {"nummer": "$.antrag.nummer", "name": "$.antrag.daten.V-G-PERSON.V-F-FAMILIENNAME"}'
                  }
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
                <button type="submit" class="kern-btn kern-btn--primary">
                  <span class="kern-label">Anbindung definieren</span>
                </button>
              </div>
            </div>
          </form>
        </section>
      ) : null}

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
                <button type="submit" class="kern-btn kern-btn--primary">
                  <span class="kern-label">Anmelden und Token erzeugen</span>
                </button>
              </div>
            </div>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
