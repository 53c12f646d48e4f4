import { analyzeWord, extractReferences, tokenize } from '../../search/search.module.ts';

// Pure parts of the filing suggestions: the features of a document (the search analyzer's lemmas,
// each once; title terms as features of their own) and what a class is per Merkmal.

/** Einheit = Aktenplan unit, akte = Akte, vorgang = Vorgang, art = Dokumentart. */
export const MERKMALE = ['einheit', 'akte', 'vorgang', 'art'] as const;
export type Merkmal = (typeof MERKMALE)[number];

/** Title terms carry this prefix: "wohngeld" in the title is another feature than in the body. */
export const TITEL_PREFIX = 't:';
/**
 * A title term counts this many times (in the counts and in the score). The Betreff of a letter and
 * the title of a document name its matter; the body also speaks of everything else. Chosen on the
 * held-out fifth of bench:ablage among 1, 3, 5 and 10 (README „Ablagevorschläge“).
 */
export const TITEL_GEWICHT = 5;
/** References (Aktenzeichen, Drucksachen-Nr., e-mail addresses) carry this prefix. */
export const BEZUG_PREFIX = 'r:';
/**
 * A reference counts like a title term: a letter that cites an Aktenzeichen or a Drucksachen-Nr.
 * belongs with the documents that cite (or carry) the same one.
 */
const BEZUG_GEWICHT = TITEL_GEWICHT;
/** How much of the text is read: the first characters of a letter say what it is about. */
const TEXT_ZEICHEN = 5_000;

/** The distinct index keys of a text (no stop words, at most `limit`): what the model counts. */
export function termsOf(text: string, limit = 300) {
  const terms = new Set<string>();
  for (const word of tokenize(text.slice(0, 20_000))) {
    if (word.length < 3 || /^\d+$/.test(word)) continue;
    const analysis = analyzeWord(word);
    if (analysis.stopword) continue;
    for (const key of analysis.keys) if (key.length <= 90) terms.add(key);
    if (terms.size >= limit) break;
  }
  return [...terms];
}

// The subject line of a German letter (DIN 5008 has no label, many letters still write one).
const BETREFF = /^[ \t]*(?:Betreff|Betr\.)[ \t]*:?[ \t]*(.{3,300})$/m;

/**
 * The features of a document: the terms of its title and of the Betreff line of its text (prefixed,
 * see TITEL_PREFIX), the references in its title and text (the search index's rule, see
 * BEZUG_PREFIX) and the terms of the beginning of its text.
 */
export function featuresOf({ titel, text }: { titel?: string | null; text?: string | null }) {
  const head = (text ?? '').slice(0, TEXT_ZEICHEN);
  const betreff = BETREFF.exec(head.slice(0, 3_000))?.[1] ?? '';
  const title = termsOf(`${titel ?? ''} ${betreff}`, 40).map((t) => `${TITEL_PREFIX}${t}`);
  const refs = extractReferences(`${titel ?? ''} ${head}`, 20)
    .filter((r) => r.length <= 90)
    .map((r) => `${BEZUG_PREFIX}${r}`);
  return [...title, ...refs, ...termsOf(head)];
}

/** How often a feature counts. */
export const gewichtOf = (feature: string) =>
  feature.startsWith(TITEL_PREFIX) ? TITEL_GEWICHT : feature.startsWith(BEZUG_PREFIX) ? BEZUG_GEWICHT : 1;

export type Klassen = Record<Merkmal, string>;
export type Vorschlag = { klasse: string; konfidenz: number };
