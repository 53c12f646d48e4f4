import { analyzeWord, tokenize } from '../../search/search.module.ts';

// Pure parts of the filing suggestions: the terms of a text (the search analyzer's lemmas, each
// once) and the naive Bayes ranking of classes with Laplace smoothing.

export const MERKMALE = ['einheit', 'vorgang', 'art'] as const;
export type Merkmal = (typeof MERKMALE)[number];

/** The distinct index keys of a text (no stop words, at most `limit`): what the model counts. */
export function termsOf(text: string, limit = 300) {
  const terms = new Set<string>();
  for (const word of tokenize(text.slice(0, 20_000))) {
    if (word.length < 3 || /^\d+$/.test(word)) continue;
    const analysis = analyzeWord(word);
    if (analysis.stopword) continue;
    for (const key of analysis.keys) if (key.length <= 100) terms.add(key);
    if (terms.size >= limit) break;
  }
  return [...terms];
}

export type ClassStats = { klasse: string; dokumente: number; terme: number };

/**
 * Ranks classes: log P(c) + Σ log((n(t,c) + 1) / (N(c) + V)) over the document's terms, turned into
 * probabilities (softmax). `counts` holds n(t,c) for the terms that occur in c.
 */
export function rankClasses({
  classes,
  counts,
  terms,
  vocabulary,
}: {
  classes: ClassStats[];
  counts: Map<string, Map<string, number>>;
  terms: string[];
  vocabulary: number;
}) {
  const total = classes.reduce((sum, c) => sum + c.dokumente, 0);
  if (total === 0 || terms.length === 0) return [];
  const V = Math.max(1, vocabulary);
  const scored = classes.map((c) => {
    const denominator = Math.log(c.terme + V);
    let score = Math.log(c.dokumente / total);
    const own = counts.get(c.klasse);
    for (const term of terms) score += Math.log((own?.get(term) ?? 0) + 1) - denominator;
    return { klasse: c.klasse, score };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const sum = scored.reduce((acc, s) => acc + Math.exp(s.score - best), 0);
  return scored
    .map((s) => ({ klasse: s.klasse, konfidenz: Math.exp(s.score - best) / sum }))
    .sort((a, b) => b.konfidenz - a.konfidenz);
}
