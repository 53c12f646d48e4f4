import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Principal } from '../../../platform/http/principal.ts';
import { hasRole } from '../../../platform/http/principal.ts';
import { Alert, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { Akte, Vorgang } from '../akten.usecases.ts';
import type { AktenplanUnit } from '../aktenplan.usecases.ts';
import type { Dokument } from '../dokumente.usecases.ts';
import {
  aussonderungLabels,
  canWrite,
  DOKUMENT_ARTEN,
  dokumentArtLabels,
  VORGANG_STATUS,
  vertraulichkeitLabels,
  vorgangStatusLabels,
} from '../records.models.ts';
import type { SearchHit } from '../search.usecases.ts';

type Base = {
  principal: Principal;
  tenantName: string;
  flash?: { kind: 'success' | 'danger'; text: string };
};

const dateDe = (iso: string | null | undefined) => {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};
const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
const csrf = (p: Principal) => <input type="hidden" name="_csrf" value={p.csrfToken ?? ''} />;
const Flash = ({ flash }: { flash?: Base['flash'] }) =>
  flash ? (
    <Alert kind={flash.kind} title={flash.kind === 'success' ? 'Erledigt' : 'Das hat nicht geklappt'}>
      {flash.text}
    </Alert>
  ) : null;

function Table({ caption, head, children }: { caption: string; head: string[]; children: Child }) {
  return (
    <div class="kern-table-responsive">
      <table class="kern-table kern-table--striped">
        <caption class="kern-title vb-caption">{caption}</caption>
        <thead class="kern-table__header">
          <tr class="kern-table__row">
            {head.map((h) => (
              <th scope="col" class="kern-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}
const Td = ({ children }: { children?: Child }) => <td class="kern-table__cell">{children}</td>;
const Submit = ({
  label,
  kind = 'primary',
}: {
  label: string;
  kind?: 'primary' | 'secondary' | 'tertiary';
}) => (
  <button type="submit" class={`kern-btn kern-btn--${kind}`}>
    <span class="kern-label">{label}</span>
  </button>
);
const StatusBadge = ({ status }: { status: string }) => (
  <span
    class={`kern-badge kern-badge--small ${status === 'zda' ? 'kern-badge--warning' : 'kern-badge--info'}`}
  >
    {status === 'zda'
      ? 'z.d.A.'
      : status === 'offen'
        ? 'offen'
        : ((vorgangStatusLabels as Record<string, string>)[status] ?? status)}
  </span>
);
const TextStatus = ({ d }: { d: { textStatus: string; textFehler: string | null } }) =>
  d.textStatus === 'done' ? (
    <span>Text erkannt</span>
  ) : d.textStatus === 'pending' ? (
    <span>Text wird erkannt …</span>
  ) : (
    <span>Kein Text: {d.textFehler ?? 'unbekannter Fehler'}</span>
  );

function UnitTree({
  units,
  parentId,
  current,
}: {
  units: AktenplanUnit[];
  parentId: string | null;
  current?: string;
}) {
  const children = units.filter((u) => u.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul class={parentId ? 'vb-tree__children' : 'vb-tree'}>
      {children.map((u) => (
        <li>
          <a
            class="kern-link"
            href={`/akten?aktenplan=${encodeURIComponent(u.kennzeichen)}`}
            aria-current={u.kennzeichen === current ? 'true' : undefined}
          >
            <span class="vb-kennzeichen">{u.kennzeichen}</span> {u.titel}
          </a>
          <span class="kern-body kern-body--small vb-muted">
            {' '}
            · {u.aufbewahrungJahre === null ? 'dauernd' : `${u.aufbewahrungJahre} J.`} ·{' '}
            {aussonderungLabels[u.aussonderung]}
            {u.vertraulichkeit !== 'offen' ? ` · ${u.vertraulichkeit}` : ''}
          </span>
          <UnitTree units={units} parentId={u.id} current={current} />
        </li>
      ))}
    </ul>
  );
}

export function AktenPage(
  props: Base & {
    units: AktenplanUnit[];
    akten: { items: Akte[]; total: number };
    filter: { aktenplan?: string; q?: string; status?: string };
    orgUnits: Array<{ id: string; kuerzel: string; name: string }>;
    defaultKennzeichen: string;
    page: { limit: number; offset: number };
  },
) {
  const { principal, units, akten, filter } = props;
  const current = units.find((u) => u.kennzeichen === filter.aktenplan);
  return (
    <Layout title="E-Akte" principal={principal} tenantName={props.tenantName} active="akten">
      <h1 class="kern-heading-large">E-Akte</h1>
      <Flash flash={props.flash} />
      <div class="vb-split">
        <nav aria-labelledby="aktenplan-titel" class="vb-split__side">
          <h2 class="kern-heading-small" id="aktenplan-titel">
            Aktenplan
          </h2>
          <p class="kern-body kern-body--small">
            <a class="kern-link" href="/akten">
              Alle Akten
            </a>{' '}
            ·{' '}
            <a class="kern-link" href="/api/v1/aktenplan/export">
              Als CSV herunterladen
            </a>
          </p>
          <UnitTree units={units} parentId={null} current={filter.aktenplan} />
        </nav>
        <div class="vb-split__main">
          <h2 class="kern-heading-medium">
            {current ? `${current.kennzeichen} ${current.titel}` : 'Alle Akten'} ({akten.total})
          </h2>
          <search>
            <form method="get" action="/akten" class="vb-filter" aria-label="Akten filtern">
              {filter.aktenplan ? <input type="hidden" name="aktenplan" value={filter.aktenplan} /> : null}
              <TextField id="q" label="Titel oder Aktenzeichen" value={filter.q ?? ''} />
              <SelectField
                id="status"
                label="Status"
                value={filter.status ?? ''}
                options={[
                  { value: '', label: 'alle' },
                  { value: 'offen', label: 'offen' },
                  { value: 'zda', label: 'z.d.A.' },
                ]}
              />
              <Submit label="Filtern" kind="secondary" />
            </form>
          </search>
          {akten.items.length === 0 ? (
            <p class="kern-body">Hier gibt es noch keine Akten.</p>
          ) : (
            <Table caption="Akten" head={['Aktenzeichen', 'Titel', 'Federführung', 'Vorgänge', 'Status']}>
              {akten.items.map((a) => (
                <tr class="kern-table__row">
                  <Td>
                    <a class="kern-link" href={`/akten/${a.id}`}>
                      {a.aktenzeichen}
                    </a>
                  </Td>
                  <Td>{a.titel}</Td>
                  <Td>{a.federfuehrendeOe?.kuerzel ?? '–'}</Td>
                  <Td>{a.vorgaenge}</Td>
                  <Td>
                    <StatusBadge status={a.status} />
                  </Td>
                </tr>
              ))}
            </Table>
          )}
          <Pager
            total={akten.total}
            page={props.page}
            base={`/akten?${new URLSearchParams(clean(filter))}`}
          />
          {hasRole(principal, 'kreis-admin', 'verbund-admin') ? (
            <section aria-labelledby="aktenplan-import" class="vb-section">
              <h2 class="kern-heading-medium" id="aktenplan-import">
                Aktenplan aus CSV übernehmen
              </h2>
              <p class="kern-body">
                Spalten: kennzeichen;titel;aufbewahrung_jahre;aussonderung;vertraulichkeit. Alles oder nichts:
                bei Fehlern wird nichts übernommen.
              </p>
              <form
                method="post"
                action={`/akten/aktenplan-import?_csrf=${encodeURIComponent(principal.csrfToken ?? '')}`}
                enctype="multipart/form-data"
              >
                <div class="kern-form-input">
                  <label class="kern-label" for="aktenplan-datei">
                    CSV-Datei
                  </label>
                  <input
                    class="kern-form-input__input"
                    type="file"
                    id="aktenplan-datei"
                    name="datei"
                    accept=".csv,text/csv"
                    required
                  />
                </div>
                <Submit label="Aktenplan übernehmen" kind="secondary" />
              </form>
            </section>
          ) : null}
          {canWrite(principal) ? (
            <section aria-labelledby="neue-akte" class="vb-section">
              <h2 class="kern-heading-medium" id="neue-akte">
                Neue Akte anlegen
              </h2>
              <form method="post" action="/akten">
                {csrf(principal)}
                <TextField id="titel" label="Titel der Akte" required />
                <SelectField
                  id="aktenplan"
                  label="Aktenplaneinheit"
                  value={filter.aktenplan ?? props.defaultKennzeichen}
                  options={units.map((u) => ({ value: u.kennzeichen, label: `${u.kennzeichen} ${u.titel}` }))}
                />
                <SelectField
                  id="federfuehrendeOe"
                  label="Federführende Organisationseinheit"
                  options={[
                    { value: '', label: '– keine –' },
                    ...props.orgUnits.map((o) => ({ value: o.id, label: `${o.kuerzel} – ${o.name}` })),
                  ]}
                />
                <Submit label="Akte anlegen" />
              </form>
            </section>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

const clean = (o: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;

function Pager({
  total,
  page,
  base,
}: {
  total: number;
  page: { limit: number; offset: number };
  base: string;
}) {
  if (total <= page.limit) return null;
  const join = base.includes('?') ? '&' : '?';
  const prev = page.offset > 0 ? Math.max(0, page.offset - page.limit) : null;
  const next = page.offset + page.limit < total ? page.offset + page.limit : null;
  return (
    <nav class="vb-pager" aria-label="Seiten">
      {prev !== null ? (
        <a class="kern-link" href={`${base}${join}offset=${prev}`}>
          Vorherige Seite
        </a>
      ) : null}
      <span class="kern-body">
        {' '}
        {page.offset + 1}–{Math.min(total, page.offset + page.limit)} von {total}{' '}
      </span>
      {next !== null ? (
        <a class="kern-link" href={`${base}${join}offset=${next}`}>
          Nächste Seite
        </a>
      ) : null}
    </nav>
  );
}

function Facts({ rows }: { rows: Array<[string, Child]> }) {
  return (
    <dl class="vb-facts">
      {rows.map(([k, v]) => (
        <>
          <dt class="kern-label">{k}</dt>
          <dd class="kern-body">{v}</dd>
        </>
      ))}
    </dl>
  );
}

export function AktePage(
  props: Base & {
    akte: Akte;
    vorgaenge: Vorgang[];
    orgUnits: Array<{ id: string; kuerzel: string; name: string }>;
  },
) {
  const { principal, akte } = props;
  const writable = canWrite(principal) && akte.status === 'offen';
  return (
    <Layout
      title={`Akte ${akte.aktenzeichen}`}
      principal={principal}
      tenantName={props.tenantName}
      active="akten"
    >
      <p class="kern-body kern-body--small">
        <a class="kern-link" href={`/akten?aktenplan=${encodeURIComponent(akte.aktenplan.kennzeichen)}`}>
          {akte.aktenplan.kennzeichen} {akte.aktenplan.titel}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{akte.titel}</h1>
        <p class="kern-subline">
          Aktenzeichen {akte.aktenzeichen} <StatusBadge status={akte.status} />
        </p>
      </hgroup>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          [
            'Federführung',
            akte.federfuehrendeOe ? `${akte.federfuehrendeOe.kuerzel} – ${akte.federfuehrendeOe.name}` : '–',
          ],
          ['Vertraulichkeit', vertraulichkeitLabels[akte.vertraulichkeit]],
          ['Angelegt', dateDe(akte.createdAt)],
          ['z.d.A. seit', akte.closedAt ? dateDe(akte.closedAt) : '–'],
        ]}
      />
      {akte.status === 'zda' ? (
        <Alert kind="info" title="Diese Akte ist z.d.A. verfügt">
          Sie ist eingefroren: keine neuen Vorgänge, Dokumente oder Versionen.
        </Alert>
      ) : null}
      <h2 class="kern-heading-medium">Vorgänge ({props.vorgaenge.length})</h2>
      {props.vorgaenge.length === 0 ? (
        <p class="kern-body">Diese Akte hat noch keine Vorgänge.</p>
      ) : (
        <Table
          caption="Vorgänge der Akte"
          head={['Betreff', 'Eingang', 'Frist', 'Zuständig', 'Dokumente', 'Status']}
        >
          {props.vorgaenge.map((v) => (
            <tr class="kern-table__row">
              <Td>
                <a class="kern-link" href={`/vorgaenge/${v.id}`}>
                  {v.betreff}
                </a>
              </Td>
              <Td>{dateDe(v.eingangsdatum)}</Td>
              <Td>{dateDe(v.frist)}</Td>
              <Td>{v.zustaendigPerson ?? v.zustaendigOe ?? '–'}</Td>
              <Td>{v.dokumente}</Td>
              <Td>
                <StatusBadge status={v.status} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {writable ? (
        <section aria-labelledby="neuer-vorgang" class="vb-section">
          <h2 class="kern-heading-medium" id="neuer-vorgang">
            Neuer Vorgang
          </h2>
          <form method="post" action={`/akten/${akte.id}/vorgaenge`}>
            {csrf(principal)}
            <TextField id="betreff" label="Betreff" required />
            <TextField id="frist" label="Frist (optional)" type="date" />
            <SelectField
              id="zustaendigOe"
              label="Zuständige Organisationseinheit"
              options={[
                { value: '', label: '– keine –' },
                ...props.orgUnits.map((o) => ({ value: o.id, label: `${o.kuerzel} – ${o.name}` })),
              ]}
            />
            <Submit label="Vorgang anlegen" />
          </form>
        </section>
      ) : null}
      {canWrite(principal) && akte.status === 'offen' ? (
        <form method="post" action={`/akten/${akte.id}/zda`} class="vb-section">
          {csrf(principal)}
          <Submit label="Akte z.d.A. verfügen" kind="secondary" />
        </form>
      ) : null}
      {akte.status === 'zda' && hasRole(principal, 'leitung') ? (
        <section aria-labelledby="wiedereroeffnen" class="vb-section">
          <h2 class="kern-heading-medium" id="wiedereroeffnen">
            Akte wieder öffnen
          </h2>
          <form method="post" action={`/akten/${akte.id}/wiedereroeffnen`}>
            {csrf(principal)}
            <TextField id="begruendung" label="Begründung (wird protokolliert)" required />
            <Submit label="Wieder öffnen" kind="secondary" />
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function VorgangPage(
  props: Base & {
    vorgang: Vorgang;
    dokumente: Dokument[];
    history: Array<{ zeit: string; akteur: string; aktion: string; objektTyp: string }>;
    orgUnits: Array<{ id: string; kuerzel: string; name: string }>;
    uploadLimitMb: number;
  },
) {
  const { principal, vorgang } = props;
  const writable = canWrite(principal) && vorgang.akteStatus === 'offen';
  return (
    <Layout title={vorgang.betreff} principal={principal} tenantName={props.tenantName} active="akten">
      <p class="kern-body kern-body--small">
        <a class="kern-link" href={`/akten/${vorgang.akteId}`}>
          Akte {vorgang.aktenzeichen} – {vorgang.akteTitel}
        </a>
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{vorgang.betreff}</h1>
        <p class="kern-subline">
          Vorgang · <StatusBadge status={vorgang.status} />
        </p>
      </hgroup>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          ['Eingang', dateDe(vorgang.eingangsdatum)],
          ['Frist', dateDe(vorgang.frist)],
          ['Wiedervorlage', dateDe(vorgang.wiedervorlage)],
          ['Zuständig', [vorgang.zustaendigPerson, vorgang.zustaendigOe].filter(Boolean).join(' · ') || '–'],
          ['Externe Referenz', vorgang.externeReferenz ?? '–'],
        ]}
      />
      <h2 class="kern-heading-medium" id="dokumente">
        Dokumente ({props.dokumente.length})
      </h2>
      {props.dokumente.length === 0 ? (
        <p class="kern-body">Noch keine Dokumente. Laden Sie das erste hoch.</p>
      ) : (
        <Table caption="Dokumente des Vorgangs" head={['Titel', 'Art', 'Datum', 'Datei', 'Version', 'Text']}>
          {props.dokumente.map((d) => (
            <tr class="kern-table__row">
              <Td>
                <a class="kern-link" href={`/dokumente/${d.id}`}>
                  {d.titel}
                </a>
              </Td>
              <Td>{dokumentArtLabels[d.art]}</Td>
              <Td>{dateDe(d.datum)}</Td>
              <Td>
                {d.dateiname} ({bytes(d.groesse)})
              </Td>
              <Td>{d.version}</Td>
              <Td>
                <TextStatus d={d} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {writable ? (
        <section aria-labelledby="hochladen" class="vb-section">
          <h2 class="kern-heading-medium" id="hochladen">
            Dokument hochladen
          </h2>
          <form
            method="post"
            action={`/vorgaenge/${vorgang.id}/dokumente?_csrf=${encodeURIComponent(principal.csrfToken ?? '')}`}
            enctype="multipart/form-data"
            class="vb-dropzone"
            data-dropzone=""
          >
            <p class="kern-body vb-dropzone__hint" aria-hidden="true">
              Datei hierher ziehen – oder auswählen:
            </p>
            <div class="kern-form-input">
              <label class="kern-label" for="datei">
                Datei (höchstens {props.uploadLimitMb} MiB)
              </label>
              <input class="kern-form-input__input" type="file" id="datei" name="datei" required />
            </div>
            <TextField id="titel" label="Titel (optional, sonst Dateiname)" />
            <SelectField
              id="art"
              label="Art"
              value="eingang"
              options={DOKUMENT_ARTEN.map((a) => ({ value: a, label: dokumentArtLabels[a] }))}
            />
            <progress
              class="vb-progress"
              max="100"
              value="0"
              hidden
              aria-label="Fortschritt des Hochladens"
            ></progress>
            <Submit label="Hochladen" />
          </form>
          <script src="/assets/app/upload.js" defer></script>
        </section>
      ) : null}
      {writable ? (
        <section aria-labelledby="bearbeiten" class="vb-section">
          <h2 class="kern-heading-medium" id="bearbeiten">
            Vorgang bearbeiten
          </h2>
          <form method="post" action={`/vorgaenge/${vorgang.id}`}>
            {csrf(principal)}
            <SelectField
              id="status"
              label="Status"
              value={vorgang.status}
              options={VORGANG_STATUS.map((s) => ({ value: s, label: vorgangStatusLabels[s] }))}
            />
            <TextField id="frist" label="Frist" type="date" value={vorgang.frist ?? ''} />
            <TextField
              id="wiedervorlage"
              label="Wiedervorlage"
              type="date"
              value={vorgang.wiedervorlage ?? ''}
            />
            <SelectField
              id="zustaendigOe"
              label="Zuständige Organisationseinheit"
              value={vorgang.zustaendigOeId ?? ''}
              options={[
                { value: '', label: '– keine –' },
                ...props.orgUnits.map((o) => ({ value: o.id, label: `${o.kuerzel} – ${o.name}` })),
              ]}
            />
            <div class="kern-form-check">
              <input
                class="kern-form-check__checkbox"
                type="checkbox"
                id="mir"
                name="mir"
                value="1"
                checked={vorgang.zustaendigUserId === principal.userId}
              />
              <label class="kern-label" for="mir">
                Mir zuweisen
              </label>
            </div>
            <Submit label="Speichern" kind="secondary" />
          </form>
        </section>
      ) : null}
      <section aria-labelledby="verlauf" class="vb-section">
        <h2 class="kern-heading-medium" id="verlauf">
          Verlauf
        </h2>
        <ol class="kern-list">
          {props.history.map((h) => (
            <li>
              {new Date(h.zeit).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })} ·{' '}
              {actionLabel(h.aktion)} · {h.akteur}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

const ACTIONS: Record<string, string> = {
  'records.vorgang_created': 'Vorgang angelegt',
  'records.vorgang_updated': 'Vorgang geändert',
  'records.dokument_added': 'Dokument hinzugefügt',
  'records.dokument_version_added': 'Neue Version',
  'records.dokument_updated': 'Dokument geändert',
  'records.attachments_filed': 'E-Mail-Anhänge abgelegt',
};
const actionLabel = (a: string) => ACTIONS[a] ?? a;

export function DokumentPage(
  props: Base & {
    dokument: Dokument;
    versions: Array<{
      version: number;
      dateiname: string;
      groesse: number;
      mime: string;
      createdAt: string;
      createdBy: string;
      sha256: string;
      textStatus: string;
      textFehler: string | null;
    }>;
    text: string | null;
  },
) {
  const { principal, dokument: d } = props;
  const contentUrl = `/api/v1/dokumente/${d.id}/inhalt`;
  return (
    <Layout title={d.titel} principal={principal} tenantName={props.tenantName} active="akten">
      <p class="kern-body kern-body--small">
        <a class="kern-link" href={`/vorgaenge/${d.vorgangId}`}>
          Vorgang: {d.betreff}
        </a>{' '}
        · Akte {d.aktenzeichen}
      </p>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{d.titel}</h1>
        <p class="kern-subline">
          {dokumentArtLabels[d.art]} vom {dateDe(d.datum)} · Version {d.version}
        </p>
      </hgroup>
      <Flash flash={props.flash} />
      <Facts
        rows={[
          ['Absender', d.absender ?? '–'],
          ['Empfänger', d.empfaenger ?? '–'],
          ['Vertraulichkeit', vertraulichkeitLabels[d.vertraulichkeit]],
          ['Datei', `${d.dateiname} (${d.mime}, ${bytes(d.groesse)})`],
          ['SHA-256', <code class="vb-hash">{d.sha256}</code>],
          ['Text', <TextStatus d={d} />],
          ...d.metadaten.map((m): [string, Child] => [
            m.name,
            typeof m.wert === 'boolean' ? (m.wert ? 'ja' : 'nein') : String(m.wert),
          ]),
        ]}
      />
      <p class="kern-body">
        <a class="kern-link" href={`${contentUrl}?anzeige=download`}>
          Herunterladen
        </a>
      </p>
      <h2 class="kern-heading-medium">Vorschau</h2>
      {d.mime === 'application/pdf' ? (
        <iframe
          class="vb-preview"
          src={`${contentUrl}?anzeige=inline`}
          title={`Vorschau: ${d.titel}`}
        ></iframe>
      ) : d.mime.startsWith('image/') ? (
        <img class="vb-preview-image" src={`${contentUrl}?anzeige=inline`} alt={`Vorschau: ${d.titel}`} />
      ) : props.text ? (
        <section aria-label="Erkannter Text">
          <pre class="vb-text" tabindex={0}>
            {props.text.slice(0, 100_000)}
          </pre>
        </section>
      ) : (
        <p class="kern-body">Für dieses Dokument gibt es (noch) keine Textvorschau.</p>
      )}
      <h2 class="kern-heading-medium">Versionen</h2>
      <Table caption="Versionen (unveränderlich)" head={['Version', 'Datei', 'Erstellt', 'Von', 'Text', '']}>
        {props.versions.map((v) => (
          <tr class="kern-table__row">
            <Td>{v.version}</Td>
            <Td>
              {v.dateiname} ({bytes(v.groesse)})
            </Td>
            <Td>{new Date(v.createdAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })}</Td>
            <Td>{v.createdBy}</Td>
            <Td>
              <TextStatus d={v} />
            </Td>
            <Td>
              <a class="kern-link" href={`${contentUrl}?version=${v.version}&anzeige=download`}>
                Version {v.version} herunterladen
              </a>
            </Td>
          </tr>
        ))}
      </Table>
      {canWrite(principal) ? (
        <section aria-labelledby="metadaten" class="vb-section">
          <h2 class="kern-heading-medium" id="metadaten">
            Angaben ändern
          </h2>
          <form method="post" action={`/dokumente/${d.id}`}>
            {csrf(principal)}
            <TextField id="titel" label="Titel" value={d.titel} required />
            <SelectField
              id="art"
              label="Art"
              value={d.art}
              options={DOKUMENT_ARTEN.map((a) => ({ value: a, label: dokumentArtLabels[a] }))}
            />
            <TextField id="datum" label="Datum" type="date" value={d.datum} />
            <TextField id="absender" label="Absender" value={d.absender ?? ''} />
            <TextField id="empfaenger" label="Empfänger" value={d.empfaenger ?? ''} />
            <SelectField
              id="vertraulichkeit"
              label="Vertraulichkeit"
              value={d.vertraulichkeit}
              options={(['offen', 'intern', 'vertraulich'] as const).map((v) => ({
                value: v,
                label: vertraulichkeitLabels[v],
              }))}
            />
            <Submit label="Angaben speichern" kind="secondary" />
          </form>
        </section>
      ) : null}
      {canWrite(principal) ? (
        <section aria-labelledby="neue-version" class="vb-section">
          <h2 class="kern-heading-medium" id="neue-version">
            Neue Version hochladen
          </h2>
          <form
            method="post"
            action={`/dokumente/${d.id}/versionen?_csrf=${encodeURIComponent(principal.csrfToken ?? '')}`}
            enctype="multipart/form-data"
            class="vb-dropzone"
            data-dropzone=""
          >
            <div class="kern-form-input">
              <label class="kern-label" for="datei">
                Datei
              </label>
              <input class="kern-form-input__input" type="file" id="datei" name="datei" required />
            </div>
            <TextField id="kommentar" label="Kommentar (optional)" />
            <progress
              class="vb-progress"
              max="100"
              value="0"
              hidden
              aria-label="Fortschritt des Hochladens"
            ></progress>
            <Submit label="Version hochladen" kind="secondary" />
          </form>
          <script src="/assets/app/upload.js" defer></script>
        </section>
      ) : null}
    </Layout>
  );
}

export function SuchePage(
  props: Base & {
    filter: Record<string, string | undefined>;
    result: { items: SearchHit[]; total: number; totalRelation: 'eq' | 'gte' } | null;
    units: AktenplanUnit[];
    page: { limit: number; offset: number };
    error?: string;
  },
) {
  const { principal, filter, result } = props;
  return (
    <Layout title="Suche" principal={principal} tenantName={props.tenantName} active="suche">
      <h1 class="kern-heading-large">Suche in der E-Akte</h1>
      <search>
        <form method="get" action="/suche" aria-label="Volltextsuche" class="vb-search">
          <TextField
            id="q"
            label="Suchbegriffe"
            value={filter.q ?? ''}
            hint={
              'Deutsch mit Wortstamm; Präfix mit *, "genaue Phrase", -ausschließen; Aktenzeichen und Drucksachen-Nr. wie KT/103/2020 exakt.'
            }
          />
          <details
            class="vb-details"
            open={Boolean(filter.aktenplan || filter.art || filter.von || filter.bis || filter.vorgangStatus)}
          >
            <summary class="kern-body">Filter</summary>
            <SelectField
              id="aktenplan"
              label="Aktenplaneinheit"
              value={filter.aktenplan ?? ''}
              options={[
                { value: '', label: 'alle' },
                ...props.units.map((u) => ({ value: u.kennzeichen, label: `${u.kennzeichen} ${u.titel}` })),
              ]}
            />
            <SelectField
              id="art"
              label="Dokumentart"
              value={filter.art ?? ''}
              options={[
                { value: '', label: 'alle' },
                ...DOKUMENT_ARTEN.map((a) => ({ value: a, label: dokumentArtLabels[a] })),
              ]}
            />
            <SelectField
              id="vorgangStatus"
              label="Status des Vorgangs"
              value={filter.vorgangStatus ?? ''}
              options={[
                { value: '', label: 'alle' },
                ...VORGANG_STATUS.map((s) => ({ value: s, label: vorgangStatusLabels[s] })),
              ]}
            />
            <TextField id="von" label="Datum von" type="date" value={filter.von ?? ''} />
            <TextField id="bis" label="Datum bis" type="date" value={filter.bis ?? ''} />
          </details>
          <Submit label="Suchen" />
        </form>
      </search>
      {props.error ? (
        <Alert kind="danger" title="Suche nicht möglich">
          {props.error}
        </Alert>
      ) : null}
      {result ? (
        <section aria-labelledby="treffer" class="vb-section">
          <h2 class="kern-heading-medium" id="treffer">
            {result.total === 0
              ? 'Keine Treffer'
              : `${result.totalRelation === 'gte' ? 'Mehr als ' : ''}${result.total.toLocaleString('de-DE')} Treffer`}
          </h2>
          {result.total === 0 ? (
            <p class="kern-body">Versuchen Sie weniger oder andere Begriffe, oder ein Präfix wie „Zweck*“.</p>
          ) : (
            <ol class="vb-hits" start={props.page.offset + 1}>
              {result.items.map((hit) => (
                <li class="vb-hit">
                  <h3 class="kern-heading-small">
                    <a class="kern-link" href={`/dokumente/${hit.dokumentId}`}>
                      {hit.titel}
                    </a>
                  </h3>
                  <p class="kern-body kern-body--small vb-muted">
                    {hit.aktenzeichen} · {hit.betreff} · {dokumentArtLabels[hit.art as 'eingang'] ?? hit.art}{' '}
                    vom {dateDe(hit.datum)}
                  </p>
                  <p class="kern-body vb-snippet">{raw(hit.snippet)}</p>
                </li>
              ))}
            </ol>
          )}
          <Pager
            total={result.total}
            page={props.page}
            base={`/suche?${new URLSearchParams(clean(filter))}`}
          />
        </section>
      ) : null}
    </Layout>
  );
}

export function PostkorbPage(
  props: Base & {
    bereich: string;
    postkorb: {
      neueVorgaenge: Vorgang[];
      neueDokumente: Array<{
        id: string;
        titel: string;
        datum: string;
        vorgangId: string;
        betreff: string;
        aktenzeichen: string;
      }>;
      wiedervorlagen: Vorgang[];
      fristen: Vorgang[];
    };
  },
) {
  const { principal, postkorb } = props;
  const VorgangList = ({
    items,
    empty,
    date,
  }: {
    items: Vorgang[];
    empty: string;
    date?: (v: Vorgang) => string | null;
  }) =>
    items.length === 0 ? (
      <p class="kern-body">{empty}</p>
    ) : (
      <ul class="kern-list">
        {items.map((v) => (
          <li>
            <a class="kern-link" href={`/vorgaenge/${v.id}`}>
              {v.betreff}
            </a>{' '}
            <span class="vb-muted">
              · {v.aktenzeichen}
              {date ? ` · ${dateDe(date(v))}` : ''}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <Layout title="Postkorb" principal={principal} tenantName={props.tenantName} active="postkorb">
      <h1 class="kern-heading-large">Postkorb</h1>
      <form method="get" action="/postkorb" class="vb-filter" aria-label="Postkorb eingrenzen">
        <SelectField
          id="bereich"
          label="Anzeigen"
          value={props.bereich}
          options={[
            { value: 'alle', label: 'für mich und meine Organisationseinheit' },
            { value: 'person', label: 'nur mir zugewiesen' },
            { value: 'oe', label: 'meiner Organisationseinheit' },
          ]}
        />
        <Submit label="Anzeigen" kind="secondary" />
      </form>
      <div class="vb-cards">
        <section class="kern-card" aria-labelledby="pk-vorgaenge">
          <div class="kern-card__container">
            <h2 class="kern-heading-small" id="pk-vorgaenge">
              Neue Vorgänge ({postkorb.neueVorgaenge.length})
            </h2>
            <VorgangList items={postkorb.neueVorgaenge} empty="Keine neuen Vorgänge." />
          </div>
        </section>
        <section class="kern-card" aria-labelledby="pk-dokumente">
          <div class="kern-card__container">
            <h2 class="kern-heading-small" id="pk-dokumente">
              Neue Dokumente ({postkorb.neueDokumente.length})
            </h2>
            {postkorb.neueDokumente.length === 0 ? (
              <p class="kern-body">Keine neuen Dokumente.</p>
            ) : (
              <ul class="kern-list">
                {postkorb.neueDokumente.map((d) => (
                  <li>
                    <a class="kern-link" href={`/dokumente/${d.id}`}>
                      {d.titel}
                    </a>{' '}
                    <span class="vb-muted">· {d.betreff}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
        <section class="kern-card" aria-labelledby="pk-wv">
          <div class="kern-card__container">
            <h2 class="kern-heading-small" id="pk-wv">
              Fällige Wiedervorlagen ({postkorb.wiedervorlagen.length})
            </h2>
            <VorgangList
              items={postkorb.wiedervorlagen}
              empty="Keine Wiedervorlagen fällig."
              date={(v) => v.wiedervorlage}
            />
          </div>
        </section>
        <section class="kern-card" aria-labelledby="pk-fristen">
          <div class="kern-card__container">
            <h2 class="kern-heading-small" id="pk-fristen">
              Fristen in den nächsten 7 Tagen ({postkorb.fristen.length})
            </h2>
            <VorgangList items={postkorb.fristen} empty="Keine Fristen in Sicht." date={(v) => v.frist} />
          </div>
        </section>
      </div>
    </Layout>
  );
}
