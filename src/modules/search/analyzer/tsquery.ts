import type { SearchTerm } from '../search.models.ts';
import { analyzeWord, restoreUmlauts, tokenize } from './german-analyzer.ts';
import { umlautVariants } from './lexicon.build.ts';
import { quoteLexeme } from './search-vectors.ts';

/**
 * tsquery literals of parsed search terms, through the same analyzer as the index. A word matches
 * its lemmas and, ranked lower, compounds that contain it ("Bescheid" → 'bescheid' | '_bescheid');
 * a phrase matches its words in order (function words keep their gap); a prefix matches keys that
 * start with it (and, for a complete word, its lemmas).
 */

const group = (alternatives: string[]) =>
  alternatives.length === 1 ? alternatives[0]! : `( ${alternatives.join(' | ')} )`;

/**
 * A vocabulary key as a word or as a part of compounds – the same tsquery as a word whose only key
 * it is ("Meinten Sie" compares the two).
 */
export const keyTsquery = (key: string) => group([key, `_${key}`].map(quoteLexeme));

/**
 * The lexemes of one word: its keys and, with `parts`, the same as parts of compounds – for an
 * ambiguous word that is itself a lemma only that reading ("Akte" finds Bauakte, not Verwaltungsakt
 * through the plural of Akt).
 */
function wordLexemes(word: string, parts: boolean): string[] {
  const { keys } = analyzeWord(word);
  const self = word.normalize('NFC').toLowerCase().replace(/ß/g, 'ss');
  const partKeys = !parts ? [] : keys.includes(self) ? [self] : keys;
  return [...keys, ...partKeys.map((key) => `_${key}`)];
}

/** One word: its keys, and with `parts` also as a part of compounds. Null for a function word. */
function wordQuery(word: string, parts: boolean): string | null {
  const tokens = tokenize(word);
  if (tokens.length > 1) return phraseQuery(tokens, parts);
  const lexemes = wordLexemes(word, parts);
  return lexemes.length === 0 ? null : group(lexemes.map(quoteLexeme));
}

function phraseQuery(words: string[], parts = false): string | null {
  const pieces: string[] = [];
  let gap = 1;
  for (const word of words) {
    const analysis = analyzeWord(word);
    if (analysis.keys.length === 0) {
      if (pieces.length > 0) gap++;
      continue;
    }
    // Inside a phrase only the first word may be a compound's end ("Gebührenbescheid der Stadt").
    const lexemes = wordLexemes(word, parts && pieces.length === 0);
    const piece = group(lexemes.map(quoteLexeme));
    pieces.push(pieces.length === 0 ? piece : `<${gap}> ${piece}`);
    gap = 1;
  }
  if (pieces.length === 0) return null;
  return pieces.length === 1 ? pieces[0]! : `( ${pieces.join(' ')} )`;
}

function prefixQuery(value: string): string | null {
  const words = tokenize(value);
  const last = words.at(-1);
  if (!last) return null;
  const lower = last.toLowerCase().replace(/ß/g, 'ss');
  const spelled = [lower, ...restoredUmlauts(lower)];
  const alternatives = spelled.map((p) => `${quoteLexeme(p)}:*`);
  // A complete word as prefix ("Gebühren*") also finds its lemma ("Gebühr").
  for (const key of analyzeWord(last).keys)
    if (!spelled.some((p) => key.startsWith(p))) alternatives.push(`${quoteLexeme(key)}:*`);
  const prefix = group([...new Set(alternatives)]);
  if (words.length === 1) return prefix;
  const head = phraseQuery(words.slice(0, -1));
  return head ? `( ${head} <-> ${prefix} )` : prefix;
}

/** "antrae" → "anträ": written-out umlauts in a prefix, as the keys keep umlauts. */
function restoredUmlauts(prefix: string): string[] {
  const restored = restoreUmlauts(prefix);
  return restored !== prefix && umlautVariants(restored).includes(prefix) ? [restored] : [];
}

/** The tsquery literal of one term (not for reference numbers). Null when nothing can match it. */
export function termTsquery(term: SearchTerm, { parts = true } = {}): string | null {
  const query =
    term.kind === 'phrase'
      ? phraseQuery(tokenize(term.value), parts)
      : term.kind === 'prefix'
        ? prefixQuery(term.value)
        : wordQuery(term.value, parts);
  if (!query) return null;
  return term.negated ? `!${query.startsWith('(') ? query : `( ${query} )`}` : query;
}

/**
 * The query of all text terms (AND), or null when there are none. Function words are left out
 * when other words remain; a query of function words only matches them literally (nothing).
 */
export function tsqueryOf(terms: SearchTerm[], options: { parts?: boolean } = {}): string | null {
  const text = terms.filter((t) => t.kind !== 'reference');
  if (text.length === 0) return null;
  const pieces = text.map((t) => termTsquery(t, options)).filter((q): q is string => q !== null);
  if (pieces.length === 0) return text.map((t) => quoteLexeme(t.value.toLowerCase())).join(' & ');
  return pieces.join(' & ');
}

/** The same without compound parts: whole words rank above compounds that only contain them. */
export const exactTsqueryOf = (terms: SearchTerm[]) => tsqueryOf(terms, { parts: false });
