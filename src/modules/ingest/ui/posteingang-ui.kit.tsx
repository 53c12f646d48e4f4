import type { Child } from 'hono/jsx';
import type { Principal } from '../../../platform/http/principal.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { Flash } from '../../../platform/ui/flash.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageFrame } from '../../../platform/ui/page-frame.ts';

// Pieces every page of the Posteingang shares: the frame with its sub-navigation, a text area,
// status badges, and the German names of channels and outcomes.

export type PosteingangTab = 'uebersicht' | 'ordner' | 'importe' | 'mail';

const TABS: Array<[PosteingangTab, string, string]> = [
  ['uebersicht', 'Übersicht', '/posteingang'],
  ['ordner', 'Eingangsordner', '/posteingang/ordner'],
  ['importe', 'Massenimport', '/posteingang/importe'],
  ['mail', 'E-Mail-Eingang', '/posteingang/mail'],
];

/** A page of the Posteingang: staff frame, heading, sub-navigation, flash, content. */
export function PosteingangLayout({
  frame,
  tab,
  title,
  children,
}: {
  frame: PageFrame;
  tab: PosteingangTab;
  title: string;
  children?: Child;
}) {
  return (
    <Layout title={title} principal={frame.principal} tenantName={frame.tenantName} active="posteingang">
      <nav class="vb-nav" aria-label="Posteingang">
        <ul>
          {TABS.map(([key, label, href]) => (
            <li>
              <a class="kern-link" href={href} aria-current={key === tab ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1 class="kern-heading-large">{title}</h1>
      <Flash flash={frame.flash} />
      {children}
    </Layout>
  );
}

/** A KERN text area with label, hint and error. */
export function TextArea({
  id,
  label,
  value,
  hint,
  error,
  rows = 4,
}: {
  id: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  rows?: number;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      {hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

/** A KERN checkbox. */
export const CheckBox = ({ id, label, checked }: { id: string; label: string; checked?: boolean }) => (
  <div class="kern-form-check">
    <input class="kern-form-check__checkbox" type="checkbox" id={id} name={id} value="1" checked={checked} />
    <label class="kern-label" for={id}>
      {label}
    </label>
  </div>
);

export type Outcome = 'abgelegt' | 'duplikat' | 'fehler' | 'virenfund' | 'zu_gross' | 'nicht_geprueft';

const OUTCOME_DE: Record<Outcome, [string, 'success' | 'info' | 'warning' | 'danger']> = {
  abgelegt: ['abgelegt', 'success'],
  duplikat: ['wieder gesehen', 'info'],
  fehler: ['fehlgeschlagen', 'warning'],
  virenfund: ['Virenfund', 'danger'],
  zu_gross: ['zu groß für die Virenprüfung', 'danger'],
  nicht_geprueft: ['nicht geprüft (Virenprüfung fehlt)', 'warning'],
};

/** The outcome of one intake as a badge ("abgelegt", "wieder gesehen", "fehlgeschlagen", "Virenfund" …). */
export const OutcomeBadge = ({ status }: { status: Outcome }) => {
  const [label, kind] = OUTCOME_DE[status] ?? [status, 'info'];
  return <span class={`kern-badge kern-badge--small kern-badge--${kind}`}>{label}</span>;
};

/** An outcome of a log row: a failure whose reason names malware counts as a virus finding. */
export const outcomeOf = (status: string, grund: string | null): Outcome =>
  status === 'importiert'
    ? 'abgelegt'
    : status === 'fehler' && grund?.startsWith('Schadsoftware gefunden')
      ? 'virenfund'
      : (status as Outcome);

/** Active or switched off. */
export const AktivBadge = ({ aktiv }: { aktiv: boolean }) => (
  <span class={`kern-badge kern-badge--small kern-badge--${aktiv ? 'success' : 'warning'}`}>
    {aktiv ? 'aktiv' : 'abgeschaltet'}
  </span>
);

/** Links to the previous and next page of a list whose total is not counted (one more row was read). */
export function MorePager({
  base,
  offset,
  limit,
  shown,
  more,
}: {
  base: string;
  offset: number;
  limit: number;
  shown: number;
  more: boolean;
}) {
  if (offset === 0 && !more) return null;
  const join = base.includes('?') ? '&' : '?';
  return (
    <nav class="vb-pager" aria-label="Seiten">
      {offset > 0 ? (
        <a class="kern-link" href={`${base}${join}offset=${Math.max(0, offset - limit)}`}>
          Neuere Einträge
        </a>
      ) : null}{' '}
      <span class="kern-body">
        Einträge {offset + 1}–{offset + shown}
      </span>{' '}
      {more ? (
        <a class="kern-link" href={`${base}${join}offset=${offset + limit}`}>
          Ältere Einträge
        </a>
      ) : null}
    </nav>
  );
}

/** Where an intake files: the Aktenplan unit of its own Akte and the OE that leads it (by Kürzel). */
export function AkteFields({
  akte,
  aktenplan,
  oe,
  errors,
  orgUnits,
}: {
  akte: string;
  aktenplan: string;
  oe: string;
  errors: { aktenplan?: string; oe?: string };
  orgUnits: Array<{ kuerzel: string; name: string }>;
}) {
  return (
    <>
      <TextField
        id="aktenplan"
        label="Aktenplaneinheit (Kennzeichen, optional)"
        value={aktenplan}
        error={errors.aktenplan}
        hint={`Hier entsteht die Akte „${akte}“; ohne Angabe in der Standardeinheit des Landkreises.`}
      />
      <SelectField
        id="oe"
        label="Organisationseinheit (federführend)"
        value={oe}
        error={errors.oe}
        options={[
          { value: '', label: '– keine –' },
          ...orgUnits.map((o) => ({ value: o.kuerzel, label: `${o.kuerzel} – ${o.name}` })),
        ]}
      />
    </>
  );
}

/** The link to a filed document, or a dash. */
export const DokumentLink = ({ id }: { id: string | null }) =>
  id ? (
    <a class="kern-link" href={`/dokumente/${id}`}>
      Dokument öffnen
    </a>
  ) : (
    <>–</>
  );

/**
 * A titled form of a page: heading, the summary of its errors (each linked to its field, labelled
 * by `labels`), the form with the CSRF token, its fields and the submit button.
 */
export function FormSection({
  id,
  title,
  action,
  principal,
  errors,
  labels = {},
  submit,
  children,
}: {
  id: string;
  title: string;
  action: string;
  principal: Principal;
  errors: Record<string, string | undefined>;
  labels?: Record<string, string>;
  submit: string;
  children?: Child;
}) {
  const summary = Object.entries(errors)
    .filter(([, message]) => message)
    .map(([field, message]) => ({
      field: field === 'allgemein' ? 'name' : field,
      message: labels[field] ? `${labels[field]}: ${message}` : message!,
    }));
  return (
    <section aria-labelledby={id} class="vb-section">
      <h2 class="kern-heading-medium" id={id}>
        {title}
      </h2>
      <ErrorSummary errors={summary} />
      <form method="post" action={action} novalidate>
        <CsrfField principal={principal} />
        {children}
        <SubmitButton label={submit} />
      </form>
    </section>
  );
}
