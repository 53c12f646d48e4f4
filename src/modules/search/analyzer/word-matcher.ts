import type { SearchTerm } from '../search.models.ts';
import { analyzeWord, tokenize } from './german-analyzer.ts';

/**
 * Which words of a text a query matches, by the same analysis as the index: for highlighting
 * ("Anträge" is marked for the query "Antrag", "Gebührenbescheid" for "Bescheid").
 */
export function wordMatcher(terms: SearchTerm[]): (word: string) => boolean {
  const keys = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    if (term.negated || term.kind === 'reference') continue;
    const words = tokenize(term.value);
    if (term.kind === 'prefix') {
      const last = words.pop();
      if (last) prefixes.push(last.toLowerCase());
    }
    for (const word of words) for (const key of analyzeWord(word).keys) keys.add(key);
  }
  if (keys.size === 0 && prefixes.length === 0) return NOTHING;
  const matches = (word: string) => {
    const analysis = analyzeWord(word);
    if (analysis.keys.some((k) => keys.has(k)) || analysis.parts.some((p) => keys.has(p.slice(1))))
      return true;
    const lower = word.toLowerCase();
    return prefixes.some((p) => lower.startsWith(p) || analysis.keys.some((k) => k.startsWith(p)));
  };
  // Texts repeat their words: each distinct one is analysed once per matcher (one page of hits).
  const seen = new Map<string, boolean>();
  return (text: string) => {
    let known = seen.get(text);
    if (known === undefined) {
      known = tokenize(text).some(matches);
      if (seen.size < 50_000) seen.set(text, known);
    }
    return known;
  };
}

/** The matcher of a query without words (a listing, reference numbers only): matches nothing. */
export const NOTHING = (_word: string) => false;
