import type { SearchTerm } from '../search.models.ts';
import { analyzeWord, tokenize } from './german-analyzer.ts';

/** Whether a word matches a query; `words`: how many of the query's words can match at all. */
export type WordMatcher = ((word: string) => boolean) & { readonly words: number };

/**
 * Which words of a text a query matches, by the same analysis as the index: for highlighting
 * ("Anträge" is marked for the query "Antrag", "Gebührenbescheid" for "Bescheid").
 */
export function wordMatcher(terms: SearchTerm[]): WordMatcher {
  const keys = new Set<string>();
  const prefixes: string[] = [];
  // Words that match something: not stop words ("auf" has no key).
  let words = 0;
  for (const term of terms) {
    if (term.negated || term.kind === 'reference') continue;
    const parts = tokenize(term.value);
    if (term.kind === 'prefix') {
      const last = parts.pop();
      if (last) {
        prefixes.push(last.toLowerCase());
        words++;
      }
    }
    for (const word of parts) {
      const own = analyzeWord(word).keys;
      if (own.length > 0) words++;
      for (const key of own) keys.add(key);
    }
  }
  if (keys.size === 0 && prefixes.length === 0) return NOTHING;
  // Texts repeat their words: each distinct one is looked at once per matcher (one page of hits),
  // its analysis once per process (matchKeysOf).
  const seen = new Map<string, boolean>();
  const matcher = (text: string) => {
    let known = seen.get(text);
    if (known === undefined) {
      const { keys: own, prefixable } = matchKeysOf(text);
      known =
        own.some((k) => keys.has(k)) || prefixes.some((p) => prefixable.some((form) => form.startsWith(p)));
      if (seen.size < 50_000) seen.set(text, known);
    }
    return known;
  };
  return Object.assign(matcher, { words });
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
export const NOTHING: WordMatcher = Object.assign((_word: string) => false, { words: 0 });
