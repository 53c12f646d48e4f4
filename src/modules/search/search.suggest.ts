import type { TenantTrx } from '../../platform/database/database.ts';
import { analyzeWord, displayForm, tokenize } from './analyzer/german-analyzer.ts';
import { keyTsquery, termTsquery } from './analyzer/tsquery.ts';
import type { DokumentScope } from './search.filters.repository.ts';
import { fold, type SearchTerm } from './search.models.ts';
import { parseSearchQuery } from './search.query.ts';
import {
  dokumentWords,
  hasVisibleMatch,
  type SimilarKey,
  settingsForSuggestions,
  similarKeys,
  visibleDokumentWith,
} from './search.vocabulary.repository.ts';

/**
 * "Meinten Sie …?" for a query without hits: each word that finds nothing the person may see is
 * replaced by the most similar key of the county's own vocabulary that does occur in a document
 * the person may see; the corrected query is offered only when it finds something as a whole.
 */

/**
 * Candidates: the CANDIDATES keys of highest trigram similarity (pg_trgm, 0…1), at least THRESHOLD;
 * then the fewest edits decide. Measured with one-letter typos of 305 dictionary words against a
 * vocabulary of 89,000 keys (the keys of the lexicon's words): the typed word's own key comes
 * first in 64 % by similarity alone, in 70 % with edits (most others are a neighbouring form,
 * "jubelnd" for "jubeln"). Threshold 0.3 gains one case, 0.45 loses 17 (mostly short words).
 */
const THRESHOLD = 0.35;
const CANDIDATES = 20;
/** Words of a query corrected at most. */
const MAX_WORDS = 5;
/** Candidates per word checked against the documents the person may see (one probe each). */
const MAX_PROBES = 5;
/** Shorter words are not corrected: too few trigrams to tell a typo from another word. */
const MIN_LENGTH = 4;
/** Edits a correction may need: one in a short word, two from 6 letters, three from 12. */
const maxEdits = (length: number) => (length < 6 ? 1 : length < 12 ? 2 : 3);

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

/** Edits between two words: insertions, deletions, substitutions, swaps of neighbours (OSA). */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** A query word folded as typed and as analysed ("Wiedersprüche": wiedersprueche, wiederspruch). */
const foldedForms = (word: string) => [...new Set([fold(word), ...analyzeWord(word).keys.map(fold)])];

/**
 * The candidates for `word` in the order they are tried: the fewest edits from the word as typed
 * or from its analysis (an inflected typo "Wiedersprüche" is near the lemma "widerspruch" through
 * its stem), then the highest trigram similarity; none beyond maxEdits.
 */
export function rankCandidates(word: string, candidates: SimilarKey[]): SimilarKey[] {
  const forms = foldedForms(word);
  const limit = maxEdits(forms[0]!.length);
  return candidates
    .map((c) => ({ c, edits: Math.min(...forms.map((f) => editDistance(f, c.gefaltet))) }))
    .filter((x) => x.edits <= limit)
    .sort((x, y) => x.edits - y.edits || y.c.aehnlichkeit - x.c.aehnlichkeit)
    .map((x) => x.c);
}

/**
 * How a key is written in a document that contains it, so the person sees a word of the file: the
 * lemma as it stands there ("Widerspruch", a name "Großmann"; lower case where the text has it so,
 * as verbs mid-sentence), else the first form the analyzer derives the key from ("Widersprüche").
 * A key is not always a word ("disziplinärverfahren" is the key of "Disziplinarverfahren": the
 * lexicon knows the modifier as "disziplinär"). displayForm(key) only for a key from the metadata.
 */
export function spelling(key: string, text: string): string {
  const words = tokenize(text);
  // The lemma as it stands is found by comparing strings; the analysis (about 80 µs for a word
  // not seen before, and a document has up to 200,000 characters) only confirms those few words.
  // 200,000 characters of German prose the analyzer had not seen: 23 instead of 161 ms.
  let lemma: string | undefined;
  for (const word of words) {
    if (word !== key && word.toLowerCase() !== key) continue;
    if (!analyzeWord(word).keys.includes(key)) continue;
    if (word === key) return word;
    lemma ??= word;
  }
  if (lemma !== undefined) return lemma;
  // Without it, the first word the key comes from.
  for (const word of words) if (analyzeWord(word).keys.includes(key)) return word;
  return displayForm(key);
}

/** Documents read at most for how a suggested key is written. */
const SPELLING_DOCUMENTS = 5;

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
  const words = correctableWords(terms);
  if (words.length === 0) return null;
  await settingsForSuggestions(trx, { threshold: THRESHOLD });
  const corrections = new Map<string, string>();
  for (const word of words) {
    if (analyzeWord(word).stopword) continue;
    const tsquery = termTsquery({ kind: 'word', value: word, negated: false });
    // A word that finds something visible is no typo: the query as a whole found nothing.
    if (!tsquery || (await hasVisibleMatch(trx, { scope, tsquery }))) continue;
    const candidates = await similarKeys(trx, { forms: foldedForms(word), candidates: CANDIDATES });
    // In rank order until one is in a document the person may see: usually the first, as the
    // vocabulary holds the words of the county's documents; never a word only hidden ones contain.
    // A word of documents the person may not see is its own closest key: the same probe as
    // above, which found nothing, is not asked again (a case worker: 2,000 documents read, 14 ms).
    const untried = rankCandidates(word, candidates).filter((c) => keyTsquery(c.schluessel) !== tsquery);
    for (const candidate of untried.slice(0, MAX_PROBES)) {
      // Up to SPELLING_DOCUMENTS documents with the key: the first that spells out its lemma, else
      // the first form found (which document comes first is the table's order).
      const dokumentIds = await visibleDokumentWith(trx, {
        scope,
        schluessel: candidate.schluessel,
        limit: SPELLING_DOCUMENTS,
      });
      if (dokumentIds.length === 0) continue;
      let written: string | undefined;
      for (const id of dokumentIds) {
        const spelled = spelling(candidate.schluessel, await dokumentWords(trx, id));
        written ??= spelled;
        if (spelled.toLowerCase() === candidate.schluessel) {
          written = spelled;
          break;
        }
      }
      corrections.set(word, written!);
      break;
    }
  }
  if (corrections.size === 0) return null;
  const corrected = correctedQuery(q, corrections);
  const treffer = await count(parseSearchQuery(corrected));
  return treffer > 0 ? { q: corrected, treffer } : null;
}
