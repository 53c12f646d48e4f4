/**
 * Drucksachen-Nr. from a county's template: `KT/{seq:3}/{yyyy}` → `KT/103/2020`. Placeholders:
 * `{seq}` or `{seq:N}` (the running number, zero-padded to N digits, exactly once), `{yyyy}` and
 * `{yy}` (the year of the Vorlage's creation; the running number starts again each year when the
 * template has one). Everything else is literal: letters, digits, `/ . - _` and spaces.
 */

export type Nummernvorlage = {
  text: string;
  parts: Array<{ literal: string } | { seq: number } | { year: 4 | 2 }>;
  /** The running number restarts every year (the template contains the year). */
  perYear: boolean;
};

/** Why a template is refused, in German for the form and the API. */
export class NummernvorlageError extends Error {}

const PLACEHOLDER = /\{([a-z]+)(?::(\d+))?\}/g;
const LITERAL = /^[\p{L}\p{N}/.\-_ ]*$/u;

export function parseNummernvorlage(text: string): Nummernvorlage {
  const trimmed = text.trim();
  if (trimmed.length < 3 || trimmed.length > 60)
    throw new NummernvorlageError('Die Vorlage der Drucksachen-Nr. muss 3 bis 60 Zeichen lang sein.');
  const parts: Nummernvorlage['parts'] = [];
  let at = 0;
  let seqs = 0;
  let perYear = false;
  for (const match of trimmed.matchAll(PLACEHOLDER)) {
    const literal = trimmed.slice(at, match.index);
    if (literal) parts.push({ literal });
    const [, name, width] = match;
    if (name === 'seq') {
      const digits = width === undefined ? 1 : Number(width);
      if (digits < 1 || digits > 6) throw new NummernvorlageError('{seq:N}: N muss zwischen 1 und 6 liegen.');
      parts.push({ seq: digits });
      seqs++;
    } else if ((name === 'yyyy' || name === 'yy') && width === undefined) {
      parts.push({ year: name === 'yyyy' ? 4 : 2 });
      perYear = true;
    } else throw new NummernvorlageError(`Unbekannter Platzhalter {${name}${width ? `:${width}` : ''}}.`);
    at = match.index + match[0].length;
  }
  const rest = trimmed.slice(at);
  if (rest) parts.push({ literal: rest });
  if (seqs !== 1)
    throw new NummernvorlageError(
      'Die Vorlage braucht genau einen Platzhalter für die laufende Nummer: {seq} oder {seq:3}.',
    );
  for (const part of parts)
    if ('literal' in part && (!LITERAL.test(part.literal) || /[{}]/.test(part.literal)))
      throw new NummernvorlageError(
        `„${part.literal}“: erlaubt sind Buchstaben, Ziffern, / . - _ und Leerzeichen.`,
      );
  return { text: trimmed, parts, perYear };
}

/** The number `seq` of `year` under the template. */
export function renderDrucksachenNr(vorlage: Nummernvorlage, seq: number, year: number): string {
  return vorlage.parts
    .map((part) =>
      'literal' in part
        ? part.literal
        : 'seq' in part
          ? String(seq).padStart(part.seq, '0')
          : part.year === 4
            ? String(year)
            : String(year % 100).padStart(2, '0'),
    )
    .join('');
}

/** The counter a number is drawn from: per template, and per year when the template has one. */
export const zaehlerOf = (vorlage: Nummernvorlage, year: number) => ({
  reihe: vorlage.text,
  jahr: vorlage.perYear ? year : 0,
});

/** The default template of a county that has not set one. */
export const STANDARD_NUMMERNVORLAGE = 'DS/{seq:3}/{yyyy}';
