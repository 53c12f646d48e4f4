import { toAppError } from '../../../platform/http/problem.ts';
import { checkRegeln, type Regel } from '../eingangsordner/eingangsordner.models.ts';
import { eingangsordnerInput } from '../eingangsordner/eingangsordner.schemas.ts';
import type { EingangsordnerInput } from '../eingangsordner/eingangsordner.usecases.ts';

// The form of a consume folder: what was typed, read into the use-case's input, and its errors at
// their fields in German. Rules are typed one a line: "Anträge = 63.02" or "Widerspruch = Vorgang <Kennung>".

export type OrdnerFormValues = {
  name: string;
  pfad: string;
  aktenplan: string;
  oe: string;
  regeln: string;
  stabil: string;
};
export type FieldErrors = Partial<Record<keyof OrdnerFormValues | 'allgemein', string>>;

/** The rules as text, one a line (the form shows them so, and reads them back). */
export const regelnAsText = (regeln: Regel[]) =>
  regeln.map((r) => `${r.unterordner} = ${r.aktenplan ?? `Vorgang ${r.vorgangId}`}`).join('\n');

/** Reads the lines of the rules field; lines without "=" are errors (the use-case checks the rest). */
export function parseRegeln(text: string): { regeln: Regel[]; errors: string[] } {
  const regeln: Regel[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const at = line.indexOf('=');
    if (at < 0) {
      errors.push(
        `Zeile ${i + 1}: bitte „Unterordner = Kennzeichen“ oder „Unterordner = Vorgang <Kennung>“.`,
      );
      return;
    }
    const unterordner = line.slice(0, at).trim();
    const ziel = line.slice(at + 1).trim();
    const vorgang = /^vorgang\s+(\S+)$/i.exec(ziel);
    regeln.push(vorgang ? { unterordner, vorgangId: vorgang[1] } : { unterordner, aktenplan: ziel });
  });
  return { regeln, errors };
}

const FIELD_DE: Record<string, string> = {
  name: 'Bitte geben Sie einen Namen an (höchstens 200 Zeichen).',
  pfad: 'Bitte geben Sie den Pfad des Ordners an (höchstens 1.000 Zeichen).',
  aktenplan: 'Das Kennzeichen der Aktenplaneinheit hat höchstens 50 Zeichen.',
  oe: 'Das Kürzel der Organisationseinheit hat höchstens 100 Zeichen.',
  stabilSekunden: 'Das Stabilitätsfenster ist eine ganze Zahl von 1 bis 3600 Sekunden.',
};

/** The stability window as typed: empty = default; anything else must be a whole number. */
const stabilOf = (text: string) =>
  text === '' ? undefined : /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;

/** The form read into the use-case's input, or the German errors at their fields. */
export function readOrdnerForm(
  v: OrdnerFormValues,
  { create }: { create: boolean },
): { input: EingangsordnerInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed = parseRegeln(v.regeln);
  // Line syntax here, the rules themselves as the use-case checks them: all errors at once.
  const ruleErrors = parsed.errors.length ? parsed.errors : checkRegeln(parsed.regeln).errors;
  if (ruleErrors.length) errors.regeln = ruleErrors.join(' ');
  const input = {
    name: v.name,
    pfad: create ? v.pfad : 'unverändert',
    ...(v.aktenplan ? { aktenplan: v.aktenplan } : {}),
    ...(v.oe ? { oe: v.oe } : {}),
    stabilSekunden: stabilOf(v.stabil),
  };
  const checked = eingangsordnerInput.omit({ regeln: true }).safeParse(input);
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0]);
      const field = key === 'stabilSekunden' ? 'stabil' : (key as keyof FieldErrors);
      errors[field] ??= FIELD_DE[key] ?? 'Bitte prüfen Sie diese Angabe.';
    }
  return { input: { ...input, regeln: parsed.regeln }, errors };
}

/** A refused use-case's German text at the field it concerns (the rest at the top of the form). */
export function errorAtField(error: unknown): FieldErrors | undefined {
  const appError = toAppError(error);
  // Not the form's: no right (403), not there (404), or ours (5xx) – the error page says so.
  if (appError.status >= 500 || [401, 403, 404].includes(appError.status)) return undefined;
  const code = appError.code;
  const field: keyof FieldErrors = code.startsWith('eingangsordner.path')
    ? 'pfad'
    : code === 'eingangsordner.rules_invalid'
      ? 'regeln'
      : code.startsWith('aktenplan.') || code.startsWith('akte.')
        ? 'aktenplan'
        : code.startsWith('org_unit.')
          ? 'oe'
          : 'allgemein';
  return { [field]: appError.messageDe };
}
