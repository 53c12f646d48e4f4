import type { Child } from 'hono/jsx';
import { Alert, ErrorSummary } from '../../../platform/ui/components.tsx';
import { PageHead, SkipLink } from '../../../platform/ui/layout.tsx';
import { type FormPage, fileValues, pagesOf } from '../drafts.usecases.ts';
import type { FormDefinition, FormField, FormGroup, FormNode } from '../fim/form.models.ts';
import type { FieldError, FileValue } from '../fim/form.values.ts';
import { LEISTUNG_TEXTE, type Leistung } from '../ozg.models.ts';
import { DataList } from './data-list.tsx';

/** Citizen pages: plain HTML forms (no JavaScript needed), KERN look, WCAG 2.1 AA. */
export function PortalLayout({ title, children }: { title: string; children: Child }) {
  return (
    <html lang="de">
      <PageHead title={`${title} – Bürgerportal`} script="/assets/app/portal.js" />
      <body>
        <SkipLink />
        <header class="vb-header">
          <div class="kern-container">
            <div class="vb-header__row">
              <a class="vb-brand" href="/portal">
                Bürgerportal der Landkreise
              </a>
            </div>
            <nav class="vb-nav" aria-label="Bürgerportal">
              <ul>
                <li>
                  <a class="kern-link" href="/portal">
                    Leistungen
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/portal/status">
                    Antrag verfolgen
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="inhalt" class="vb-main">
          <div class="kern-container">{children}</div>
        </main>
        <footer class="vb-footer">
          <div class="kern-container kern-body kern-body--small">
            Interkommunales Serviceteam E-Government der Landkreise Nordhausen, Kyffhäuserkreis,
            Unstrut-Hainich-Kreis und Wartburgkreis
          </div>
        </footer>
      </body>
    </html>
  );
}

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
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">Suchen</span>
          </button>
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

type GemeindeHit = {
  ags: string;
  name: string;
  plz: string[];
  zustaendig: { id: string; name: string } | null;
};

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
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">Zuständigkeit finden</span>
            </button>
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
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">Antrag starten</span>
            </button>
          </form>
        ) : null}
      </section>
    </PortalLayout>
  );
}

const idOf = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;

type RenderContext = { errors: FieldError[]; files: Map<string, FileValue> };

function errorFor(ctx: RenderContext, path: string) {
  return ctx.errors.find((e) => e.path === path)?.message;
}

function FieldInput({
  field,
  path,
  value,
  ctx,
}: {
  field: FormField;
  path: string;
  value: unknown;
  ctx: RenderContext;
}) {
  const id = idOf(path);
  const error = errorFor(ctx, path);
  const optional = field.min === 0 ? ' (optional)' : '';
  const describedBy =
    [field.help ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const helpText = [field.help, field.type === 'date' ? 'Format: TT.MM.JJJJ, z. B. 24.06.2020' : '']
    .filter(Boolean)
    .join(' ');
  const hint = helpText ? (
    <div class="kern-hint" id={`${id}-hint`}>
      {helpText}
    </div>
  ) : null;
  const errorLine = error ? (
    <p class="kern-error" id={`${id}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
      <span class="kern-body">{error}</span>
    </p>
  ) : null;
  const name = `d.${path}`;
  const raw = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const text =
    field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw.split('-').reverse().join('.') : raw;
  if (field.type === 'label') return <p class="kern-body">{field.content || field.label}</p>;
  if (field.type === 'hidden') return null;
  if ((field.type === 'select' && (field.options?.length ?? 0) <= 5) || field.type === 'bool') {
    const options =
      field.type === 'bool'
        ? [
            { code: 'true', label: 'Ja' },
            { code: 'false', label: 'Nein' },
          ]
        : (field.options ?? []);
    return (
      <fieldset
        class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
        id={id}
        aria-describedby={describedBy}
      >
        <legend class="kern-label">
          {field.label}
          {optional}
        </legend>
        {hint}
        {errorLine}
        <div class="kern-fieldset__body">
          {options.map((o, i) => (
            <div class="kern-form-check">
              <input
                class={`kern-form-check__radio${error ? ' kern-form-check__radio--error' : ''}`}
                type="radio"
                id={i === 0 ? `${id}-opt` : `${id}-${i}`}
                name={name}
                value={o.code}
                checked={text === o.code || (field.type === 'bool' && String(value) === o.code)}
              />
              <label class="kern-label" for={i === 0 ? `${id}-opt` : `${id}-${i}`}>
                {o.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  const label = (
    <label class="kern-label" for={id}>
      {field.label}
      {optional}
    </label>
  );
  if (field.type === 'select')
    return (
      <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        {label}
        {hint}
        {errorLine}
        <div class="kern-form-input__select-wrapper">
          <select
            class="kern-form-input__select"
            id={id}
            name={name}
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          >
            <option value="">Bitte wählen</option>
            {(field.options ?? []).map((o) => (
              <option value={o.code} selected={o.code === text}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    );
  if (field.type === 'file') {
    const existing = ctx.files.get(path);
    return (
      <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        {label}
        {hint}
        {errorLine}
        {existing ? (
          <p class="kern-body kern-body--small" id={`${id}-vorhanden`}>
            Hochgeladen: {existing.dateiname}. Wählen Sie eine neue Datei nur, wenn Sie sie ersetzen möchten.
          </p>
        ) : null}
        <input
          class="kern-form-input__input"
          id={id}
          name={name}
          type="file"
          aria-describedby={
            [describedBy, existing ? `${id}-vorhanden` : ''].filter(Boolean).join(' ') || undefined
          }
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
    );
  }
  // Dates as text in German notation (TT.MM.JJJJ): typed like on paper, read well by screen readers.
  const type = field.type === 'time' ? 'time' : 'text';
  const inputmode = ['number', 'integer', 'currency'].includes(field.type) ? 'decimal' : undefined;
  const autocomplete = /e-?mail/i.test(field.name) ? 'email' : undefined;
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      {label}
      {hint}
      {errorLine}
      {field.type === 'textarea' ? (
        <textarea
          class="kern-form-input__input"
          id={id}
          name={name}
          rows={5}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        >
          {text}
        </textarea>
      ) : (
        <input
          class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
          id={id}
          name={name}
          type={type}
          value={text}
          inputmode={inputmode}
          autocomplete={autocomplete}
          maxlength={field.constraints.maxLength}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        />
      )}
    </div>
  );
}

function NodeView({
  node,
  path,
  value,
  ctx,
}: {
  node: FormNode;
  path: string;
  value: unknown;
  ctx: RenderContext;
}) {
  const repeated = node.max === null || node.max > 1;
  if (node.kind === 'field') {
    if (!repeated) return <FieldInput field={node} path={path} value={value} ctx={ctx} />;
    const values = (Array.isArray(value) ? value : []).filter((v) => v !== '' && v !== null);
    const count = Math.min(node.max ?? 99, values.length + 1);
    return (
      <div class="kern-stack">
        {Array.from({ length: Math.max(1, count) }, (_, i) => (
          <FieldInput
            field={{
              ...node,
              label: i === 0 ? node.label : `${node.label} (weitere Angabe)`,
              min: i < node.min ? 1 : 0,
            }}
            path={`${path}[${i}]`}
            value={values[i]}
            ctx={ctx}
          />
        ))}
      </div>
    );
  }
  const group = node as FormGroup;
  const content = (groupPath: string, groupValue: unknown) =>
    group.children.map((child) => (
      <NodeView
        node={child}
        path={`${groupPath}.${child.id}`}
        value={(groupValue as Record<string, unknown> | undefined)?.[child.id]}
        ctx={ctx}
      />
    ));
  const groupError = errorFor(ctx, path);
  if (!repeated)
    return (
      <fieldset class={`kern-fieldset vb-group${groupError ? ' kern-fieldset--error' : ''}`} id={idOf(path)}>
        <legend class="kern-label">
          {group.label}
          {group.min === 0 ? ' (falls zutreffend)' : ''}
        </legend>
        {group.help ? <div class="kern-hint">{group.help}</div> : null}
        {groupError ? (
          <p class="kern-error">
            <span class="kern-body">{groupError}</span>
          </p>
        ) : null}
        <div class="kern-stack">{content(path, value)}</div>
      </fieldset>
    );
  const instances = Array.isArray(value) ? value : [];
  const count = Math.max(group.min, instances.length);
  const missing = errorFor(ctx, `${path}[${instances.length}]`);
  return (
    <div class="kern-stack" id={idOf(path)}>
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="kern-fieldset vb-group" id={idOf(`${path}[${i}]`)}>
          <legend class="kern-label">
            {group.label} ({i + 1})
          </legend>
          <div class="kern-stack">{content(`${path}[${i}]`, instances[i])}</div>
          {i >= group.min ? (
            <button
              type="submit"
              name="_aktion"
              value={`remove:${path}[${i}]`}
              class="kern-btn kern-btn--tertiary kern-btn--small"
            >
              <span class="kern-label">
                {group.label} ({i + 1}) entfernen
              </span>
            </button>
          ) : null}
        </fieldset>
      ))}
      {missing ? (
        <p class="kern-error" id={idOf(`${path}[${instances.length}]`)}>
          <span class="kern-body">{missing}</span>
        </p>
      ) : null}
      {group.max === null || count < group.max ? (
        <button
          type="submit"
          name="_aktion"
          value={`add:${path}`}
          class="kern-btn kern-btn--secondary kern-btn--small"
        >
          <span class="kern-label">{count === 0 ? `${group.label} angeben` : `Weitere: ${group.label}`}</span>
        </button>
      ) : null}
    </div>
  );
}

export type DraftView = {
  id: string;
  tenantId: string;
  tenantName: string;
  leistung: Leistung;
  gemeinde: { ags: string; name: string };
};

const draftBase = (d: DraftView) => `/portal/antrag/${d.tenantId}/${d.id}`;

export function FormPageView({
  draft,
  index,
  errors,
}: {
  draft: DraftView & { definition: FormDefinition; daten: Record<string, unknown> };
  index: number;
  errors: FieldError[];
}) {
  const pages = pagesOf(draft.definition);
  const daten = draft.daten;
  const page = pages[index]!;
  const ctx: RenderContext = {
    errors,
    files: new Map(fileValues(daten).map((f) => [f.path, f.value])),
  };
  return (
    <PortalLayout title={`${page.title} – ${draft.leistung.name}`}>
      <p class="kern-body kern-body--small vb-muted">
        {draft.leistung.name} · zuständig: {draft.tenantName} ({draft.gemeinde.name})
      </p>
      <h1 class="kern-heading-large">{page.title}</h1>
      <p class="kern-body" id="schritt">
        Schritt {index + 1} von {pages.length + 1}
      </p>
      <progress
        class="kern-progress vb-progress"
        max={pages.length + 1}
        value={index + 1}
        aria-labelledby="schritt"
      >
        {index + 1} von {pages.length + 1}
      </progress>
      <ErrorSummary errors={errors.map((e) => ({ field: idOf(e.path), message: e.message }))} />
      <form
        method="post"
        action={`${draftBase(draft)}/seite/${index + 1}`}
        enctype="multipart/form-data"
        novalidate
      >
        <div class="kern-stack">
          {page.nodes.map((node) => (
            <NodeView node={node} path={node.id} value={daten[node.id]} ctx={ctx} />
          ))}
          <div class="vb-actions">
            <button type="submit" name="_aktion" value="weiter" class="kern-btn kern-btn--primary">
              <span class="kern-label">
                {index + 1 === pages.length ? 'Weiter zur Zusammenfassung' : 'Weiter'}
              </span>
            </button>
            {index > 0 ? (
              <button type="submit" name="_aktion" value="zurueck" class="kern-btn kern-btn--secondary">
                <span class="kern-label">Zurück</span>
              </button>
            ) : null}
          </div>
        </div>
      </form>
    </PortalLayout>
  );
}

export function SummaryPage({
  draft,
  pages,
  daten,
  errors,
}: {
  draft: DraftView;
  pages: FormPage[];
  daten: Record<string, unknown>;
  errors: Array<FieldError & { page: number }>;
}) {
  return (
    <PortalLayout title={`Zusammenfassung – ${draft.leistung.name}`}>
      <h1 class="kern-heading-large">Bitte prüfen Sie Ihre Angaben</h1>
      <p class="kern-body" id="schritt">
        Schritt {pages.length + 1} von {pages.length + 1}
      </p>
      <ErrorSummary
        title="Es fehlen noch Angaben"
        errors={errors.map((e) => ({
          field: idOf(e.path),
          href: `${draftBase(draft)}/seite/${e.page + 1}#${idOf(e.path)}`,
          message: e.message,
        }))}
      />
      <dl class="vb-facts">
        <dt>Leistung</dt>
        <dd>{draft.leistung.name}</dd>
        <dt>Gemeinde</dt>
        <dd>{draft.gemeinde.name}</dd>
        <dt>Zuständig</dt>
        <dd>{draft.tenantName}</dd>
      </dl>
      {pages.map((page, i) => (
        <section class="vb-section">
          <h2 class="kern-heading-medium">{page.title}</h2>
          <DataList nodes={page.nodes} daten={daten} />
          <a class="kern-link" href={`${draftBase(draft)}/seite/${i + 1}`}>
            {page.title} ändern
          </a>
        </section>
      ))}
      <form method="post" action={`${draftBase(draft)}/absenden`}>
        <p class="kern-body">
          Mit dem Absenden wird Ihr Antrag an {draft.tenantName} übermittelt. Sie erhalten eine
          Eingangsbestätigung.
        </p>
        <button type="submit" class="kern-btn kern-btn--primary" disabled={errors.length > 0}>
          <span class="kern-label">Antrag verbindlich absenden</span>
        </button>
      </form>
    </PortalLayout>
  );
}

type TrackedView = {
  nummer: string;
  trackingCode: string;
  leistung: { name: string };
  zustaendig: { name: string };
  statusText: string;
  status: string;
  eingang: string;
  nachrichten: Array<{ art: string; text: string; zeit: string; dokumentId: string | null; offen: boolean }>;
};

const when = (iso: string) =>
  new Date(iso).toLocaleString('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });

export function ReceiptPage({ antrag }: { antrag: TrackedView }) {
  const base = `/portal/status/${antrag.trackingCode}`;
  return (
    <PortalLayout title="Antrag eingegangen">
      <Alert kind="success" title="Ihr Antrag ist eingegangen">
        <p class="kern-body">
          {antrag.zustaendig.name} hat Ihren Antrag „{antrag.leistung.name}“ am {when(antrag.eingang)}{' '}
          erhalten.
        </p>
      </Alert>
      <h1 class="kern-heading-large">Eingangsbestätigung</h1>
      <dl class="vb-facts">
        <dt>Antragsnummer</dt>
        <dd>{antrag.nummer}</dd>
        <dt>Vorgangscode</dt>
        <dd>
          <strong class="vb-code">{antrag.trackingCode}</strong>
        </dd>
      </dl>
      <p class="kern-body">
        Mit dem Vorgangscode können Sie den Stand Ihres Antrags jederzeit abrufen – ohne Konto. Bitte notieren
        Sie ihn oder laden Sie die Eingangsbestätigung herunter.
      </p>
      <p class="kern-body">
        <a class="kern-link" href={`${base}/quittung.pdf`}>
          Eingangsbestätigung herunterladen (PDF)
        </a>
      </p>
      <p class="kern-body">
        <a class="kern-link" href={base}>
          Stand des Antrags ansehen
        </a>
      </p>
    </PortalLayout>
  );
}

export function TrackingFormPage({ code, error }: { code: string; error?: string }) {
  return (
    <PortalLayout title="Antrag verfolgen">
      <h1 class="kern-heading-large">Antrag verfolgen</h1>
      <ErrorSummary errors={error ? [{ field: 'code', message: error }] : []} />
      <form method="get" action="/portal/status" class="vb-filter">
        <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="code">
            Vorgangscode
          </label>
          <div class="kern-hint" id="code-hint">
            Steht in Ihrer Eingangsbestätigung, z. B. 16062-7K3M-Q9TX-4D2B-H8WN
          </div>
          <input
            class="kern-form-input__input"
            id="code"
            name="code"
            type="text"
            value={code}
            autocomplete="off"
            aria-describedby="code-hint"
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <div>
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">Stand abrufen</span>
          </button>
        </div>
      </form>
    </PortalLayout>
  );
}

export function StatusPage({
  antrag,
  notice,
  error,
}: {
  antrag: TrackedView;
  notice?: string;
  error?: string;
}) {
  const base = `/portal/status/${antrag.trackingCode}`;
  const offen = antrag.nachrichten.find((n) => n.art === 'nachforderung' && n.offen);
  const bescheide = antrag.nachrichten.filter((n) => n.art === 'bescheid' && n.dokumentId);
  return (
    <PortalLayout title={`Antrag ${antrag.nummer}`}>
      <h1 class="kern-heading-large">Ihr Antrag {antrag.nummer}</h1>
      {notice ? <Alert kind="success" title={notice} /> : null}
      {error ? <Alert kind="danger" title={error} /> : null}
      <dl class="vb-facts">
        <dt>Leistung</dt>
        <dd>{antrag.leistung.name}</dd>
        <dt>Zuständig</dt>
        <dd>{antrag.zustaendig.name}</dd>
        <dt>Eingegangen</dt>
        <dd>{when(antrag.eingang)}</dd>
        <dt>Stand</dt>
        <dd>
          <strong>{antrag.statusText}</strong>
        </dd>
      </dl>
      {bescheide.length > 0 ? (
        <section class="vb-section">
          <h2 class="kern-heading-medium">Ihr Bescheid</h2>
          <ul class="kern-list">
            {bescheide.map((b) => (
              <li>
                <a class="kern-link" href={`${base}/bescheid/${b.dokumentId}`}>
                  Bescheid vom {when(b.zeit)} herunterladen
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {offen ? (
        <section class="vb-section" aria-labelledby="nachreichen">
          <h2 class="kern-heading-medium" id="nachreichen">
            Unterlagen nachreichen
          </h2>
          <Alert kind="warning" title="Die Behörde bittet Sie um weitere Unterlagen">
            <p class="kern-body">{offen.text}</p>
          </Alert>
          <form method="post" action={`${base}/nachreichen`} enctype="multipart/form-data">
            <div class="kern-stack">
              <div class="kern-form-input">
                <label class="kern-label" for="dateien">
                  Dateien
                </label>
                <input class="kern-form-input__input" id="dateien" name="dateien" type="file" multiple />
              </div>
              <div class="kern-form-input">
                <label class="kern-label" for="hinweis">
                  Hinweis an die Behörde (optional)
                </label>
                <textarea class="kern-form-input__input" id="hinweis" name="hinweis" rows={3}></textarea>
              </div>
              <div>
                <button type="submit" class="kern-btn kern-btn--primary">
                  <span class="kern-label">Unterlagen senden</span>
                </button>
              </div>
            </div>
          </form>
        </section>
      ) : null}
      <section class="vb-section">
        <h2 class="kern-heading-medium">Verlauf</h2>
        <ol class="kern-list">
          {[...antrag.nachrichten].reverse().map((n) => (
            <li>
              <span class="kern-body kern-body--small vb-muted">{when(n.zeit)}: </span>
              <span class="kern-body">{n.text}</span>
            </li>
          ))}
        </ol>
      </section>
      <p class="kern-body">
        <a class="kern-link" href={`${base}/quittung.pdf`}>
          Eingangsbestätigung (PDF)
        </a>
      </p>
    </PortalLayout>
  );
}

export function PortalErrorPage({
  title,
  message,
  status,
}: {
  title: string;
  message: string;
  status: number;
}) {
  return (
    <PortalLayout title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{message}</p>
      <p class="kern-body">
        <a class="kern-link" href="/portal">
          Zur Übersicht der Leistungen
        </a>
      </p>
      <p class="kern-body kern-body--small vb-muted">Fehlercode {status}</p>
    </PortalLayout>
  );
}
