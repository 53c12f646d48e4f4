import type { TenantTrx } from '../../platform/database/database.ts';
import { analyzeWord, displayForm, tokenize } from './analyzer/german-analyzer.ts';
import { termTsquery } from './analyzer/tsquery.ts';
import { fold, type SearchTerm } from './search.models.ts';
import { parseSearchQuery } from './search.query.ts';
import type { DokumentScope } from './search.repository.ts';
import { dokumentWords, hasVisibleMatch, similarVisibleKey } from './search.vocabulary.repository.ts';

/**
 * "Meinten Sie …?" for a query without hits: each word that finds nothing the person may see is
 * replaced by the most similar key of the county's own vocabulary that does occur in a document
 * the person may see; the corrected query is offered only when it finds something as a whole.
 */

/**
 * Trigram similarity a key needs (pg_trgm, 0…1). Measured on the test words: one wrong, missing
 * or extra letter in a word of 8+ letters scores 0.55–0.8 ("wiederspruch"/"widerspruch" 0.67,
 * "zweckvereinbahrung"/"zweckvereinbarung" 0.76); 0.45 still lets through a typo in a word of
 * 6 letters ("antrgas"/"antrag") and keeps the candidate scan of the index short.
 */
const THRESHOLD = 0.45;
/** The most similar keys checked against the visible documents, per word. */
const CANDIDATES = 8;
/** Words of a query corrected at most (each costs two or three index probes). */
const MAX_WORDS = 5;
/** Shorter words are not corrected: too few trigrams to tell a typo from another word. */
const MIN_LENGTH = 4;

export type Vorschlag = { q: string; treffer: number };

/** The words of a query that may be corrected: plain words (no phrase, prefix, reference, negation). */
export function correctableWords(terms: SearchTerm[]): string[] {
  const words = terms
    .filter((t) => t.kind === 'word' && !t.negated)
    .map((t) => t.value)
    .filter((w) => tokenize(w).length === 1 && w.length >= MIN_LENGTH && !/\d/.test(w));
  return [...new Set(words)].slice(0, MAX_WORDS);
}

/**
 * The query text with the words in `corrections` replaced (as parseSearchQuery reads them:
 * unquoted, not negated, not a prefix); everything else stays as the person typed it.
 */
export function correctedQuery(q: string, corrections: Map<string, string>): string {
  return q.normalize('NFC').replace(/(-?)"[^"]*"|(\S+)/g, (token, _neg, word: string | undefined) => {
    if (word === undefined || word.startsWith('-') || word.endsWith('*')) return token;
    const value = word.replace(/[^\p{L}\p{N}-]+/gu, ' ').trim();
    const replacement = corrections.get(value);
    return replacement === undefined ? token : token.replace(value, replacement);
  });
}

/**
 * How a key is written in a document that contains it, so the person sees a word of the file: the
 * lemma as it stands there ("Widerspruch", a name "Großmann"; lower case where the text has it so,
 * as verbs mid-sentence), else the first form the analyzer derives the key from ("Widersprüche").
 * A key is not always a word ("disziplinärverfahren" is the key of "Disziplinarverfahren": the
 * lexicon knows the modifier as "disziplinär"). displayForm(key) only for a key from the metadata.
 */
export function spelling(key: string, text: string): string {
  let lemma: string | undefined;
  let form: string | undefined;
  for (const word of tokenize(text)) {
    if (!analyzeWord(word).keys.includes(key)) continue;
    if (word === key) return word;
    if (word.toLowerCase() === key) lemma ??= word;
    else form ??= word;
  }
  return lemma ?? form ?? displayForm(key);
}

/**
 * The suggestion for a query that found nothing, or null. `count` runs the search with the same
 * filters for the corrected terms (the total, 0 when nothing matches).
 */
export async function suggestCorrection({
  trx,
  scope,
  q,
  terms,
  count,
}: {
  trx: TenantTrx;
  scope: DokumentScope;
  q: string;
  terms: SearchTerm[];
  count: (terms: SearchTerm[]) => Promise<number>;
}): Promise<Vorschlag | null> {
  const corrections = new Map<string, string>();
  for (const word of correctableWords(terms)) {
    if (analyzeWord(word).stopword) continue;
    const tsquery = termTsquery({ kind: 'word', value: word, negated: false });
    // A word that finds something visible is no typo: the query as a whole found nothing.
    if (!tsquery || (await hasVisibleMatch(trx, { scope, tsquery }))) continue;
    const found = await similarVisibleKey(trx, {
      scope,
      folded: fold(word),
      threshold: THRESHOLD,
      candidates: CANDIDATES,
    });
    if (found) corrections.set(word, spelling(found.schluessel, await dokumentWords(trx, found.dokumentId)));
  }
  if (corrections.size === 0) return null;
  const corrected = correctedQuery(q, corrections);
  const treffer = await count(parseSearchQuery(corrected));
  return treffer > 0 ? { q: corrected, treffer } : null;
}
