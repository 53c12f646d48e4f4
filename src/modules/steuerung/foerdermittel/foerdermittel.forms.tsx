import { hasRole, type Principal } from '../../../platform/http/principal.ts';
import { toAppError } from '../../../platform/http/problem.ts';
import { SubmitButton } from '../../../platform/ui/buttons.tsx';
import { CsrfField } from '../../../platform/ui/csrf-field.tsx';
import { KATEGORIE_NAMEN, KATEGORIEN } from './foerdermittel.models.ts';
import { ausgabeInput, bewilligungInput } from './foerdermittel.schemas.ts';

/** What a form posted (its fields as typed) and the German text per refused field. */
export type Formular = { werte: Record<string, string>; fehler: Record<string, string> };
export const leeresFormular = (): Formular => ({ werte: {}, fehler: {} });

/** Who records Fördermittel: exactly the roles the use-cases let write. */
export const darfErfassen = (p: Principal) => hasRole(p, 'verbund-admin', 'kreis-admin');

/** A German amount („1.234,56“ or „1234.56“) as a number; NaN when it is none. */
export function zahlAusText(text: string) {
  const t = text.replace(/[\s€%]/g, '');
  if (!/^-?[\d.,]+$/.test(t)) return Number.NaN;
  return Number(t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t);
}

const ZAHL = 'Bitte eine Zahl angeben (z. B. 1234,56).';
const KATEGORIE = 'Bitte eine Kategorie wählen.';

type Ergebnis<T> = { ok: true; daten: T } | { ok: false; fehler: Record<string, string> };

/** Checks the posted fields with the API's schema; each refused field gets its German text. */
function pruefe<T>(
  schema: {
    safeParse(v: unknown): {
      success: boolean;
      data?: T;
      error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
    };
  },
  roh: Record<string, unknown>,
  zahlen: string[],
): Ergebnis<T> {
  const fehler: Record<string, string> = {};
  for (const feld of zahlen) if (Number.isNaN(roh[feld])) fehler[feld] = ZAHL;
  const result = schema.safeParse(roh);
  for (const issue of result.error?.issues ?? []) {
    const feld = String(issue.path[0] ?? '');
    fehler[feld] ??= feld === 'kategorie' ? KATEGORIE : issue.message;
  }
  return Object.keys(fehler).length || !result.success
    ? { ok: false, fehler }
    : { ok: true, daten: result.data as T };
}

export const BEWILLIGUNG_FELDER = [
  'zuwendungsgeber',
  'programm',
  'aktenzeichen',
  'zweck',
  'foerdersatz',
  'zuwendungsfaehig',
  'von',
  'bis',
] as const;
export const AUSGABE_FELDER = ['datum', 'betrag', 'kategorie', 'text', 'beleg'] as const;

export function pruefeBewilligung(werte: Record<string, string>) {
  const roh: Record<string, unknown> = { ...werte };
  roh.foerdersatz = zahlAusText(werte.foerdersatz ?? '');
  roh.zuwendungsfaehig = zahlAusText(werte.zuwendungsfaehig ?? '');
  return pruefe(bewilligungInput, roh, ['foerdersatz', 'zuwendungsfaehig']);
}

export function pruefeAusgabe(werte: Record<string, string>) {
  const { beleg, ...rest } = werte;
  const roh: Record<string, unknown> = { ...rest, betrag: zahlAusText(werte.betrag ?? '') };
  roh.belegDokumentId = beleg ? beleg : null;
  const ergebnis = pruefe(ausgabeInput, roh, ['betrag']);
  if (!ergebnis.ok && ergebnis.fehler.belegDokumentId) {
    ergebnis.fehler.beleg = ergebnis.fehler.belegDokumentId;
    delete ergebnis.fehler.belegDokumentId;
  }
  return ergebnis;
}

/** A use-case's refusal (4xx) as the form's error; anything else is thrown on. */
export function alsFormFehler(error: unknown, feld: string) {
  const appError = toAppError(error);
  if (appError.status !== 400 && appError.status !== 422) throw error;
  return { [feld]: appError.messageDe };
}

function Feld({
  id,
  label,
  form,
  type = 'text',
  hinweis,
}: {
  id: string;
  label: string;
  form: Formular;
  type?: string;
  hinweis?: string;
}) {
  const fehler = form.fehler[id];
  const beschrieben = [hinweis ? `${id}-hint` : '', fehler ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`kern-form-input${fehler ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      {hinweis ? (
        <div class="kern-hint" id={`${id}-hint`}>
          {hinweis}
        </div>
      ) : null}
      {fehler ? (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
          <span class="kern-body">{fehler}</span>
        </p>
      ) : null}
      <input
        class={`kern-form-input__input${fehler ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={form.werte[id] ?? ''}
        aria-invalid={fehler ? 'true' : undefined}
        aria-describedby={beschrieben || undefined}
      />
    </div>
  );
}

/** Form „Bewilligung erfassen“ (POST /steuerung/foerdermittel). */
export function BewilligungFormular({ principal, form }: { principal: Principal; form: Formular }) {
  return (
    <form method="post" action="/steuerung/foerdermittel" aria-labelledby="bewilligung-titel" novalidate>
      <h2 class="kern-heading-medium" id="bewilligung-titel">
        Bewilligung erfassen
      </h2>
      <CsrfField principal={principal} />
      {form.fehler.formular ? <p class="kern-error">{form.fehler.formular}</p> : null}
      <Feld id="zuwendungsgeber" label="Zuwendungsgeber" form={form} />
      <Feld id="programm" label="Förderprogramm" form={form} />
      <Feld id="aktenzeichen" label="Aktenzeichen des Bescheids" form={form} />
      <Feld id="zweck" label="Zuwendungszweck" form={form} />
      <Feld id="foerdersatz" label="Fördersatz in %" form={form} hinweis="z. B. 90 oder 62,5" />
      <Feld
        id="zuwendungsfaehig"
        label="Zuwendungsfähige Ausgaben in €"
        form={form}
        hinweis="z. B. 143.000,00"
      />
      <Feld id="von" label="Bewilligungszeitraum von" type="date" form={form} />
      <Feld id="bis" label="Bewilligungszeitraum bis" type="date" form={form} />
      <SubmitButton label="Bewilligung anlegen" />
    </form>
  );
}

/** Form „Ausgabe erfassen“ (POST /steuerung/foerdermittel/{id}/ausgaben). */
export function AusgabeFormular({
  principal,
  id,
  form,
}: {
  principal: Principal;
  id: string;
  form: Formular;
}) {
  const fehler = form.fehler.kategorie;
  return (
    <form
      method="post"
      action={`/steuerung/foerdermittel/${id}/ausgaben`}
      aria-labelledby="ausgabe-titel"
      novalidate
    >
      <h2 class="kern-heading-medium" id="ausgabe-titel">
        Ausgabe erfassen
      </h2>
      <CsrfField principal={principal} />
      <Feld id="datum" label="Datum der Zahlung" type="date" form={form} />
      <Feld id="betrag" label="Betrag in €" form={form} hinweis="z. B. 1.234,56" />
      <div class={`kern-form-input${fehler ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for="kategorie">
          Kategorie
        </label>
        {fehler ? (
          <p class="kern-error" id="kategorie-error">
            <span class="kern-body">{fehler}</span>
          </p>
        ) : null}
        <div class="kern-form-input__select-wrapper">
          <select class="kern-form-input__select" id="kategorie" name="kategorie">
            {KATEGORIEN.map((k) => (
              <option value={k} selected={form.werte.kategorie === k}>
                {KATEGORIE_NAMEN[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Feld id="text" label="Beschreibung" form={form} />
      <Feld
        id="beleg"
        label="Beleg: Dokument-ID in der E-Akte (optional)"
        form={form}
        hinweis="Die ID steht in der Adresse des Dokuments (/dokumente/…). Ohne Beleg wird die Ausgabe als „Beleg fehlt“ markiert."
      />
      <SubmitButton label="Ausgabe erfassen" />
    </form>
  );
}
