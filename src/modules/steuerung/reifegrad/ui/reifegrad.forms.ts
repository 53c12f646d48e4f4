import { hasRole, type Principal } from '../../../../platform/http/principal.ts';
import { KRITERIEN, type KriteriumKey } from '../reifegrad.models.ts';
import { type ReifegradInput, reifegradInput } from '../reifegrad.schemas.ts';

/** What the form posted (as typed) and the German text per refused field. */
export type ReifegradFormular = { werte: Record<string, string>; fehler: Record<string, string> };
export const leeresReifegradFormular = (): ReifegradFormular => ({ werte: {}, fehler: {} });

/** Who records criteria: exactly the roles the use-case lets write. */
export const darfReifegradErfassen = (p: Principal) => hasRole(p, 'verbund-admin', 'kreis-admin');

/** The form field of a criterion (`k_bezahlung`). */
export const kriteriumFeld = (key: KriteriumKey) => `k_${key}`;
export const REIFEGRAD_FELDER = [...KRITERIEN.map((k) => kriteriumFeld(k.key)), 'stufe20', 'bemerkung'];

const STUFE_FEHLT = 'Bitte eine Stufe von 0 bis 4, „entfällt“ oder „nicht erfasst“ wählen.';
const STUFE20_FEHLT = 'Reifegrad 2.0: bitte eine Stufe von 0 bis 7 oder „nicht erfasst“ wählen.';
const BEMERKUNG_ZU_LANG = 'Die Bemerkung darf höchstens 1.000 Zeichen lang sein.';

/** '' → null (recording removed), 'entfaellt', a whole number, or the text as typed (refused below). */
const wert = (text: string) =>
  text === '' ? null : text === 'entfaellt' ? text : /^\d+$/.test(text) ? Number(text) : text;

/**
 * The posted form as the API's input, checked with the API's schema: every one of the ten
 * criteria is posted (empty = not recorded, so the derived value counts), and the model-2.0 level.
 */
export function pruefeReifegradFormular(
  werte: Record<string, string>,
): { ok: true; input: ReifegradInput } | { ok: false; fehler: Record<string, string> } {
  const roh = {
    kriterien: Object.fromEntries(KRITERIEN.map((k) => [k.key, wert(werte[kriteriumFeld(k.key)] ?? '')])),
    stufe20: wert(werte.stufe20 ?? ''),
    ...(werte.bemerkung ? { bemerkung: werte.bemerkung } : {}),
  };
  const result = reifegradInput.safeParse(roh);
  if (result.success) return { ok: true, input: result.data };
  const fehler: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const [feld, kriterium] = issue.path.map(String);
    if (feld === 'kriterien' && kriterium) fehler[`k_${kriterium}`] ??= STUFE_FEHLT;
    else if (feld === 'stufe20') fehler.stufe20 = STUFE20_FEHLT;
    else if (feld === 'bemerkung') fehler.bemerkung = BEMERKUNG_ZU_LANG;
  }
  return { ok: false, fehler };
}
