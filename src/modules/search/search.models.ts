/** German folding, identical to SQL verbund_fold(): case, ä/ae, ö/oe, ü/ue, ß/ss. */
export const fold = (text: string) => text.replace(/[ÄäÖöÜüßẞ]/g, (ch) => FOLD[ch]!).toLowerCase();
const FOLD: Record<string, string> = {
  Ä: 'ae',
  ä: 'ae',
  Ö: 'oe',
  ö: 'oe',
  Ü: 'ue',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
};

/**
 * Reference numbers: tokens with a slash and a digit, like Drucksachen-Nr. `KT/103/2020`,
 * `KT/065-03/19` or Aktenzeichen `00.20-0001/2020`, and e-mail addresses. Stored upper-cased for
 * exact matching (numbers without a slash – Kreisschlüssel, LeiKa keys – are exact words of the index).
 */
const REFERENCE =
  /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*\/[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
export function extractReferences(text: string, limit = 200): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const value = match[0];
    if (/\d/.test(value) && value.length >= 4 && value.length <= 60) found.add(value.toUpperCase());
    if (found.size >= limit) break;
  }
  for (const match of text.matchAll(EMAIL)) {
    if (found.size >= limit) break;
    if (match[0].length <= 120) found.add(match[0].toUpperCase());
  }
  return [...found];
}

export type SearchTerm = {
  kind: 'word' | 'prefix' | 'phrase' | 'reference';
  value: string;
  negated: boolean;
};

export type SearchFilter = {
  q?: string;
  aktenplan?: string;
  akteId?: string;
  vorgangStatus?: string;
  art?: 'eingang' | 'ausgang' | 'intern';
  von?: string;
  bis?: string;
};

export type SearchHit = {
  dokumentId: string;
  titel: string;
  snippet: string;
  rang: number;
  art: string;
  datum: string;
  mime: string;
  textStatus: string;
  vorgangId: string;
  betreff: string;
  vorgangStatus: string;
  akteId: string;
  aktenzeichen: string;
  aktenplan: string;
};

/** Totals are counted exactly up to this many matches; more is reported as "at least". */
export const COUNT_LIMIT = 1_000;
