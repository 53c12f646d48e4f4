import { type Found, scan } from './scan.ts';

// IBAN lengths of the SEPA countries a German office meets most; others: 15–34 characters.
const IBAN_LENGTH: Record<string, number> = {
  DE: 22,
  AT: 20,
  CH: 21,
  NL: 18,
  BE: 16,
  FR: 27,
  LU: 20,
  PL: 28,
  CZ: 24,
  DK: 18,
  IT: 27,
  ES: 24,
};

/** Country, check digits, then groups of four (spaces allowed between groups), bounded. */
const IBAN = /(?<![A-Z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Z0-9])/g;

/** ISO 13616 check: the rearranged number modulo 97 is 1 (computed piecewise, no big integers). */
export function ibanValid(iban: string) {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTH[compact.slice(0, 2)];
  if (expected && compact.length !== expected) return false;
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) =>
    String(c.charCodeAt(0) - 55),
  );
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

export const findIbans = (text: string): Found[] =>
  scan(text, IBAN, (m) => (ibanValid(m[0]) ? m[0].replace(/ /g, '') : null)).found;

/**
 * Amounts in euros: `1.234,56 EUR`, `1.234,56 €`, `EUR 1.234,56`, `€ 12`, `150,00 Euro`;
 * the value in cents (no floating point).
 */
const AMOUNT =
  /(?<![\d.,])(?:(?<pre>EUR|€) ?(?<a>\d{1,3}(?:\.\d{3}){0,4}|\d{1,12})(?:,(?<ac>\d{2}|-{1,2}))?|(?<b>\d{1,3}(?:\.\d{3}){0,4}|\d{1,12})(?:,(?<bc>\d{2}|-{1,2}))? ?(?:EUR|€|Euro)(?![\p{L}]))/gu;

export const findBetraege = (text: string): Array<Found<number>> =>
  scan(text, AMOUNT, (m) => {
    const g = m.groups ?? {};
    const euros = Number((g.a ?? g.b ?? '').replace(/\./g, ''));
    const cents = /^\d{2}$/.test(g.ac ?? g.bc ?? '') ? Number(g.ac ?? g.bc) : 0;
    return Number.isSafeInteger(euros) ? euros * 100 + cents : null;
  }).found;
