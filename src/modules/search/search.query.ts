import { extractReferences, type SearchTerm } from './search.models.ts';

/**
 * Parses a search box query: words, `präfix*`, "exakte Phrase", -ausschluss, and reference
 * numbers (anything with a slash and a digit) for exact matching. At most 20 terms.
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (const match of query.normalize('NFC').matchAll(pattern)) {
    if (terms.length >= 20) break;
    if (match[2] !== undefined) {
      const value = match[2].trim();
      if (value) terms.push({ kind: 'phrase', value, negated: match[1] === '-' });
      continue;
    }
    const negated = match[3] === '-';
    let value = match[4]!;
    if (extractReferences(value).length > 0) {
      terms.push({ kind: 'reference', value: extractReferences(value)[0]!, negated });
      continue;
    }
    const prefix = value.endsWith('*');
    value = value.replace(/[^\p{L}\p{N}-]+/gu, ' ').trim();
    if (!value) continue;
    terms.push({ kind: prefix ? 'prefix' : 'word', value, negated });
  }
  return terms;
}
