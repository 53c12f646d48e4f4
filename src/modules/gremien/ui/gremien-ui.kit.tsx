import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/http/context.ts';
import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { Flash, type FlashMessage, redirectWithError } from '../../../platform/ui/flash.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { type MemberNames, type PageFrame, pageFrame } from '../../../platform/ui/page-frame.ts';
import { notFound } from '../../../shared/errors.ts';
import type { GremienModule } from '../gremien.module.ts';

/** What the staff pages of the council use, given by the composition root. */
export type GremienPagesDeps = {
  gremien: GremienModule;
  identity: {
    listOrgUnits: (q: { tenantId: string }) => Promise<Array<{ id: string; kuerzel: string; name: string }>>;
  };
  verbund: MemberNames;
};

export type { PageFrame };
export const pageBase = (c: Context<AppEnv>, verbund: MemberNames) => pageFrame(c, verbund);

/** Who may do what on these pages (the use-cases decide; the pages only hide what would be refused). */
export const may = {
  /** Vorlagen, Sitzungen, Tagesordnung, Anwesenheit, Abstimmung, Beschlusskontrolle. */
  edit: (p: Principal) => hasRole(p, 'sachbearbeitung', 'leitung', 'kreis-admin'),
  /** Gremien, Wahlperioden, Personen, Mitglieder. */
  administer: (p: Principal) => hasRole(p, 'kreis-admin', 'leitung'),
  release: (p: Principal) => hasRole(p, 'leitung'),
  publish: (p: Principal) => hasRole(p, 'leitung', 'sachbearbeitung'),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is a UUID, else the page's 404 (never a database error on `::uuid`). */
export function idParam(c: Context<AppEnv>, name = 'id') {
  const id = c.req.param(name) ?? '';
  if (!UUID.test(id)) throw notFound('seite', 'Die Seite');
  return id;
}
export const isUuid = (v: string) => UUID.test(v);

/** `path?ok=<message>` plus a fragment: where a successful form action leads. */
export const withOk = (path: string, message: string, fragment = '') =>
  `${path}${path.includes('?') ? '&' : '?'}ok=${encodeURIComponent(message)}${fragment}`;

/** Runs a form action: to the result on success, back with the German error of a refusal otherwise. */
export async function formAction(c: Context<AppEnv>, back: string, work: () => Promise<string>) {
  try {
    return c.redirect(await work(), 303);
  } catch (error) {
    return redirectWithError(c, back, error);
  }
}

/** All values of a posted form: strings trimmed; `all(name)` for checkbox lists. */
export async function postedForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody({ all: true });
  const values = (name: string) => {
    const v = body[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v])
      .filter((x): x is string => typeof x === 'string')
      .map((x) => x.trim());
  };
  return { get: (name: string) => values(name)[0] ?? '', all: values, has: (name: string) => name in body };
}

const TABS = [
  ['gremien', 'Gremien', '/gremien'],
  ['vorlagen', 'Vorlagen', '/vorlagen'],
  ['sitzungen', 'Sitzungen', '/sitzungen'],
  ['beschluesse', 'Beschlusskontrolle', '/beschluesse'],
] as const;

/** A council page: the staff frame, the section's tabs, heading, flash. */
export function GremienLayout(props: {
  frame: PageFrame;
  title: string;
  tab: (typeof TABS)[number][0];
  subline?: Child;
  flash?: FlashMessage | null;
  children?: Child;
}) {
  const { frame } = props;
  return (
    <Layout title={props.title} principal={frame.principal} tenantName={frame.tenantName} active="gremien">
      <nav class="vb-nav" aria-label="Gremien und Sitzungen">
        <ul>
          {TABS.map(([key, label, href]) => (
            <li>
              <a class="kern-link" href={href} aria-current={key === props.tab ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{props.title}</h1>
        {props.subline ? <p class="kern-subline">{props.subline}</p> : null}
      </hgroup>
      <Flash flash={props.flash === undefined ? frame.flash : props.flash} />
      {props.children}
    </Layout>
  );
}

/** A titled section of a page. */
export const Section = ({ id, title, children }: { id: string; title: string; children?: Child }) => (
  <section aria-labelledby={id} class="vb-section">
    <h2 class="kern-heading-medium" id={id}>
      {title}
    </h2>
    {children}
  </section>
);

export const Badge = ({ kind = 'info', children }: { kind?: string; children: Child }) => (
  <span class={`kern-badge kern-badge--small kern-badge--${kind}`}>{children}</span>
);

/** A hint why an action is not offered (instead of a button that would be refused). */
export const Why = ({ children }: { children: Child }) => (
  <p class="kern-body kern-body--small vb-muted">{children}</p>
);

/** A text area in KERN style with hint and error at the field. */
export function TextArea(props: {
  id: string;
  name?: string;
  label: string;
  value?: string | null;
  error?: string;
  rows?: number;
  hint?: string;
}) {
  const { id, error } = props;
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {error ? <FieldError id={id} message={error} /> : null}
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={props.name ?? id}
        rows={props.rows ?? 4}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p class="kern-error" id={`${id}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
      <span class="kern-body">{message}</span>
    </p>
  );
}

/** A KERN checkbox with its label. */
export const Checkbox = (props: {
  id: string;
  name?: string;
  value?: string;
  label: Child;
  checked?: boolean;
}) => (
  <div class="kern-form-check">
    <input
      class="kern-form-check__checkbox"
      type="checkbox"
      id={props.id}
      name={props.name ?? props.id}
      value={props.value ?? '1'}
      checked={props.checked}
    />
    <label class="kern-label" for={props.id}>
      {props.label}
    </label>
  </div>
);

/** A date (TT.MM.JJJJ, as a person may type it without a date picker) as JJJJ-MM-TT; other text unchanged. */
export function isoFromInput(value: string) {
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  return de ? `${de[3]}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}` : value;
}

const berlinParts = (date: Date) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
};

/** The Berlin calendar day and clock time of a point in time ("2020-06-24", "17:00"). */
export const berlinDay = (iso: string) => berlinParts(new Date(iso)).date;
export const berlinTime = (iso: string) => berlinParts(new Date(iso)).time;

/**
 * A Berlin wall-clock time (day and hh:mm) as a point in time with its offset: the offset of
 * the day is taken from what Berlin shows at that instant (+01:00 in winter, +02:00 in summer).
 */
export function berlinInstant(day: string, time: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  for (const offsetH of [1, 2]) {
    const instant = new Date(asUtc - offsetH * 3600_000);
    const shown = berlinParts(instant);
    if (shown.date === day && shown.time === time) return `${day}T${time}:00+0${offsetH}:00`;
  }
  return null;
}

/** The entries of a form's error summary, each linking to its field. */
export const summaryOf = (errors: Record<string, string>) =>
  Object.entries(errors).map(([field, message]) => ({ field, message }));

/**
 * A calendar day as typed (JJJJ-MM-TT or TT.MM.JJJJ) as JJJJ-MM-TT when it exists, else null
 * (2020-06-31 does not; the database would refuse it with a 5xx).
 */
export function dayOf(value: string) {
  const iso = isoFromInput(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}
