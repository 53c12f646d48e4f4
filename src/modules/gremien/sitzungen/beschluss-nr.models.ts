/**
 * Beschluss-Nr. from a county's template. Placeholders: `{gremium}` (the Gremium's Kürzel),
 * `{sitzung}`/`{sitzung:N}` (the session's number), `{top}`/`{top:N}` (the agenda item's position),
 * `{yy}`/`{yyyy}` (the session's year), `{seq}`/`{seq:N}` (a running number of the county's
 * Beschlüsse – per Gremium when the template has `{gremium}`, per year when it has the year); N pads
 * with zeros (1 to 6). Everything else is literal: letters, digits, `/ . - _` and spaces. The
 * standard `{gremium}/{sitzung:3}-{top:2}/{yy}` gives `KT/065-03/19` (session 65, item 3, 2019).
 */
export const BESCHLUSS_NUMMERNVORLAGE = '{gremium}/{sitzung:3}-{top:2}/{yy}';

type Field = 'gremium' | 'sitzung' | 'top' | 'seq' | 'yy' | 'yyyy';
export type BeschlussNummernvorlage = {
  text: string;
  parts: Array<{ literal: string } | { field: Field; width: number }>;
  /** The running number is drawn from a counter ({seq} in the template). */
  seq: boolean;
  perGremium: boolean;
  perYear: boolean;
};

/** Why a template is refused, in German for the form and the API. */
export class BeschlussNummernvorlageError extends Error {}

const PLACEHOLDER = /\{([a-z]+)(?::(\d+))?\}/g;
const LITERAL = /^[\p{L}\p{N}/.\-_ ]*$/u;
const PADDED: readonly string[] = ['sitzung', 'top', 'seq'];
const PLAIN: readonly string[] = ['gremium', 'yy', 'yyyy'];

export function parseBeschlussNummernvorlage(text: string): BeschlussNummernvorlage {
  const fail = (de: string) => new BeschlussNummernvorlageError(de);
  const trimmed = text.trim();
  if (trimmed.length < 3 || trimmed.length > 80)
    throw fail('Die Vorlage der Beschlussnummer muss 3 bis 80 Zeichen lang sein.');
  const parts: BeschlussNummernvorlage['parts'] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const match of trimmed.matchAll(PLACEHOLDER)) {
    const literal = trimmed.slice(at, match.index);
    if (literal) parts.push({ literal });
    const [whole, name = '', width] = match;
    if (PADDED.includes(name)) {
      const digits = width === undefined ? 1 : Number(width);
      if (digits < 1 || digits > 6) throw fail(`{${name}:N}: N muss zwischen 1 und 6 liegen.`);
      parts.push({ field: name as Field, width: digits });
    } else if (PLAIN.includes(name) && width === undefined) parts.push({ field: name as Field, width: 0 });
    else throw fail(`Unbekannter Platzhalter ${whole}.`);
    if (seen.has(name)) throw fail(`Der Platzhalter {${name}} steht mehr als einmal in der Vorlage.`);
    seen.add(name);
    at = match.index + whole.length;
  }
  const rest = trimmed.slice(at);
  if (rest) parts.push({ literal: rest });
  for (const part of parts)
    if ('literal' in part && (!LITERAL.test(part.literal) || /[{}]/.test(part.literal)))
      throw fail(`„${part.literal}“: erlaubt sind Buchstaben, Ziffern, / . - _ und Leerzeichen.`);
  // Each Beschluss of the county needs its own number: a running number, or session and item of
  // one Gremium (session numbers are counted per Gremium).
  const unique = seen.has('seq') || (seen.has('gremium') && seen.has('sitzung') && seen.has('top'));
  if (!unique)
    throw fail(
      'Die Vorlage muss jeden Beschluss eindeutig nummerieren: mit {seq} oder mit {gremium}, {sitzung} und {top}.',
    );
  return {
    text: trimmed,
    parts,
    seq: seen.has('seq'),
    perGremium: seen.has('gremium'),
    perYear: seen.has('yy') || seen.has('yyyy'),
  };
}

export type BeschlussDaten = { gremium: string; sitzung: number; top: number; jahr: number; seq?: number };

/** The counter a template's {seq} is drawn from: per template, Gremium and year as the template has them. */
export const beschlussZaehlerOf = (
  vorlage: BeschlussNummernvorlage,
  { gremium, jahr }: { gremium: string; jahr: number },
) => ({
  reihe: vorlage.perGremium ? `${vorlage.text}|${gremium}` : vorlage.text,
  jahr: vorlage.perYear ? jahr : 0,
});

export function renderBeschlussNr(vorlage: BeschlussNummernvorlage, daten: BeschlussDaten): string {
  const value = (field: Field, width: number) => {
    const pad = (n: number) => String(n).padStart(width, '0');
    if (field === 'gremium') return daten.gremium;
    if (field === 'sitzung') return pad(daten.sitzung);
    if (field === 'top') return pad(daten.top);
    if (field === 'seq') {
      if (daten.seq === undefined) throw new Error('renderBeschlussNr: {seq} needs a drawn number');
      return pad(daten.seq);
    }
    if (field === 'yy') return String(daten.jahr % 100).padStart(2, '0');
    return String(daten.jahr);
  };
  return vorlage.parts.map((p) => ('literal' in p ? p.literal : value(p.field, p.width))).join('');
}

const STANDARD = parseBeschlussNummernvorlage(BESCHLUSS_NUMMERNVORLAGE);

/** The number under the standard template (or a template text without {seq}). */
export function beschlussNummer(daten: BeschlussDaten, vorlage?: string): string {
  return renderBeschlussNr(vorlage ? parseBeschlussNummernvorlage(vorlage) : STANDARD, daten);
}
