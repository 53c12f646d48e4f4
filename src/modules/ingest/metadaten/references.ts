import { type Found, scan } from './scan.ts';

// A Gremium's short name as the council module allows it (KT, KA, BauA …), at most 12 characters.
const KUERZEL = String.raw`[A-ZÄÖÜ][A-ZÄÖÜa-zäöüß0-9]{0,11}`;

/** Drucksachen-Nr. as `KT/103/2020` (short name / number / year). */
const DRUCKSACHE = new RegExp(String.raw`(?<![\p{L}\d/])${KUERZEL}/\d{1,5}/\d{4}(?![\d/])`, 'gu');
/** Beschlussnummern as `KT/065-03/19` ({gremium}/{sitzung:3}-{top:2}/{yy}); also with a four-digit year. */
const BESCHLUSS = new RegExp(
  String.raw`(?<![\p{L}\d/])${KUERZEL}/\d{1,4}-\d{1,3}/(?:\d{4}|\d{2})(?![\d/])`,
  'gu',
);

export const findDrucksachen = (text: string): Found[] => scan(text, DRUCKSACHE, (m) => m[0]).found;
export const findBeschluesse = (text: string): Found[] => scan(text, BESCHLUSS, (m) => m[0]).found;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The county's Aktenzeichen pattern (`{kennzeichen}-{nr:4}/{jahr}`, with {kreis}, {jahr2}, {nr})
 * as a safe regular expression: literal parts escaped, each placeholder a bounded digit run.
 */
export function aktenzeichenPattern(muster: string, kreisschluessel?: string) {
  let source = '';
  let rest = muster.slice(0, 200);
  for (
    let match = /\{([a-z0-9]+)(?::([1-9]))?\}/.exec(rest);
    match;
    match = /\{([a-z0-9]+)(?::([1-9]))?\}/.exec(rest)
  ) {
    source += escapeRegExp(rest.slice(0, match.index));
    const width = match[2] ? Number(match[2]) : 0;
    source +=
      {
        kennzeichen: String.raw`\d{1,3}(?:\.\d{1,3}){0,5}`,
        nr: width ? `\\d{${width}}` : String.raw`\d{1,6}`,
        jahr: String.raw`\d{4}`,
        jahr2: String.raw`\d{2}`,
        kreis: kreisschluessel ? escapeRegExp(kreisschluessel) : String.raw`\d{5}`,
      }[match[1]!] ?? escapeRegExp(match[0]);
    rest = rest.slice(match.index + match[0].length);
  }
  source += escapeRegExp(rest);
  return new RegExp(`(?<![\\p{L}\\d.])${source}(?![\\d])`, 'gu');
}

export const findAktenzeichen = (text: string, muster: string, kreisschluessel?: string): Found[] =>
  scan(text, aktenzeichenPattern(muster, kreisschluessel), (m) => m[0]).found;
