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
  // Texts repeat their words: each distinct one is looked at once per matcher (one page of hits),
  // its analysis once per process (matchKeysOf).
  const seen = new Map<string, boolean>();
  return (text: string) => {
    let known = seen.get(text);
    if (known === undefined) {
      const { keys: own, prefixable } = matchKeysOf(text);
      known =
        own.some((k) => keys.has(k)) || prefixes.some((p) => prefixable.some((form) => form.startsWith(p)));
      if (seen.size < 50_000) seen.set(text, known);
    }
    return known;
  };
}

/**
 * What a text (a word as it stands, or a few joined by hyphens) can match by, whatever the query:
 * the keys and compound parts of its words (a query key matches either), and the forms a prefix is
 * tested on (each word in lower case and its keys). Computed once per process for each text –
 * snippets look at the same words in page after page – and kept like the analyzer's own cache.
 */
const matchKeys = new Map<string, { keys: string[]; prefixable: string[] }>();
function matchKeysOf(text: string) {
  let found = matchKeys.get(text);
  if (found) return found;
  const keys: string[] = [];
  const prefixable: string[] = [];
  for (const word of tokenize(text)) {
    const analysis = analyzeWord(word);
    keys.push(...analysis.keys);
    for (const part of analysis.parts) keys.push(part.slice(1));
    prefixable.push(word.toLowerCase(), ...analysis.keys);
  }
  found = { keys, prefixable };
  if (matchKeys.size >= 200_000) matchKeys.clear();
  matchKeys.set(text, found);
  return found;
}

/** The matcher of a query without words (a listing, reference numbers only): matches nothing. */
export const NOTHING = (_word: string) => false;
