import { stemmer } from '@orama/stemmers/german';
import { umlautVariants } from './lexicon.build.ts';
import { type LexiconEntry, lexicon } from './lexicon.ts';
import { STOPWORDS } from './stopwords.ts';

/**
 * The German analyzer, the same at index and query time, run in the application (so it works the
 * same on any PostgreSQL, managed ones included): a word becomes its lemma from the lexicon
 * ("Anträge" → antrag, "Bescheides" → bescheid), spellings without umlauts are accepted where they
 * are not words of their own ("Antraege", "Zustandigkeit" → zuständigkeit, but "Forderung" stays
 * forderung), compounds are split into their parts ("Gebührenbescheide" → gebührenbescheid with the
 * parts _gebühr and _bescheid), unknown words fall back to the Snowball stemmer.
 */

/** Bump when the analysis changes: documents indexed with an older version are reindexed. */
export const ANALYZER_VERSION = 1;

export type WordAnalysis = {
  /** Index keys of the word: lower-case lemmas with umlauts (several when the form is ambiguous). */
  keys: string[];
  /** Keys of compound parts, marked with a leading "_" ("_bescheid" in "Gebührenbescheid"). */
  parts: string[];
  /** True for function words ("der", "und"): not indexed. */
  stopword: boolean;
  /** True when the key is a noun (shown capitalized). */
  noun: boolean;
};

/** Letters and digits; non-ASCII characters are classified once each. */
const LETTER = /[\p{L}\p{N}\p{M}]/u;
const classified = new Map<number, boolean>();
function isWordChar(code: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  let known = classified.get(code);
  if (known === undefined) {
    known = LETTER.test(String.fromCharCode(code));
    classified.set(code, known);
  }
  return known;
}
const isHyphen = (code: number) => code === 45 || code === 0x2010;

/**
 * The words of a text, each with its hyphenated group ("Kfz-Zulassung" → Kfz, Zulassung; the first
 * part carries the joined word for groups of up to three). A hand-written scanner: the analyzer
 * runs on every filed text, and a Unicode regular expression costs several times as much.
 */
export function tokenizeWithCompounds(input: string): Array<{ word: string; joined?: string }> {
  const text = input.normalize('NFC');
  const tokens: Array<{ word: string; joined?: string }> = [];
  let group: string[] = [];
  const flush = () => {
    if (group.length > 1 && group.length <= 3) tokens[tokens.length - group.length]!.joined = group.join('');
    group = [];
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    tokens.push({ word });
    group.push(word);
    // A hyphen followed by a letter continues the group; anything else ends it.
    if (!(i + 1 < n && isHyphen(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1)))) flush();
  }
  flush();
  return tokens;
}

/** Words of a text: letters and digits; hyphenated words come as their parts. */
export const tokenize = (text: string): string[] => tokenizeWithCompounds(text).map((t) => t.word);

const LINKING = ['', 's', 'es', 'n', 'en', 'e', 'er', 'ns', 'ens'];

/** A noun: from the lexicon, or an -ung noun of a known verb ("Bescheinigungen" ← bescheinigen). */
function nounEntry(form: string): LexiconEntry | null {
  const entry = lexicon().lookup(form) ?? (form.length >= 6 ? inflectedFormOf(form) : undefined) ?? null;
  if (entry?.lemmas.some((l) => l.pos === 'N'))
    return { ...entry, lemmas: entry.lemmas.filter((l) => l.pos === 'N') };
  const derived = /^(.{3,}?)ung(en)?$/.exec(form);
  if (derived && !entry) {
    const verb = lexicon().lookup(`${derived[1]}en`) ?? lexicon().lookup(`${derived[1]}n`);
    if (verb?.lemmas.some((l) => l.pos === 'V')) {
      const lemma = `${verb.canonical.replace(/e?n$/, '')}ung`;
      return { lemmas: [{ pos: 'N', lemma }], modifier: false, canonical: form };
    }
  }
  return null;
}

/** A modifier (first part of a compound): a word of any kind or a verb stem, ≥ 3 letters. */
function modifierEntry(form: string): LexiconEntry | null {
  for (const linking of LINKING) {
    if (!form.endsWith(linking)) continue;
    const bare = form.slice(0, form.length - linking.length);
    if (bare.length < 3 || STOPWORDS.has(bare)) continue;
    const entry = lexicon().lookup(bare);
    if (entry && entry.lemmas.length > 0) return entry;
    const noun = nounEntry(bare);
    if (noun) return noun;
    // An elided e: "Buß|geld" (Buße), "Schul|amt" (Schule).
    const withE =
      linking === '' && !/^(ent|ver|zer|emp|ge|be|er|miss)$/.test(bare) ? lexicon().lookup(`${bare}e`) : null;
    if (withE?.lemmas.some((l) => l.pos === 'N')) return withE;
    // Verb stems only from four letters ("wohn", "melde"; not "geb" in "Gebuhren").
    if (entry?.modifier && bare.length >= 4) return entry;
  }
  return null;
}

type Atom = { surface: string; entry: LexiconEntry; head: boolean };

/** A modifier as one known word or itself a compound ("landrats" → land | rats). */
const modifierAtoms = (form: string, depth: number): Atom[] | null => {
  const entry = modifierEntry(form);
  if (entry) return [{ surface: form, entry, head: false }];
  return splitCompound(form, depth + 1)?.map((a) => ({ ...a, head: false })) ?? null;
};

/** A head noun; umlaut-less variants only when written out ("gebuehr"), never dropped ("atzung"). */
function headEntry(form: string): LexiconEntry | null {
  const entry = nounEntry(form);
  if (!entry || entry.canonical === form) return entry;
  return umlautVariants(entry.canonical)[0] === form ? entry : null;
}

/**
 * Splits a compound into its parts, the longest known noun at the end first ("bewohnerparkausweis"
 * → bewohner | park | ausweis). Null when the word is not a compound of known parts.
 */
function splitCompound(word: string, depth = 0): Atom[] | null {
  if (word.length < 6 || depth > 4) return null;
  for (let start = 3; start <= word.length - 3; start++) {
    let head = word.slice(start);
    let entry = headEntry(head);
    if (!entry) continue;
    // The linking s before a head: "Landrats|amt", "Gesundheits|amt", not "Landrat|samt".
    if (head.startsWith('s') && head.length > 3) {
      const shorter = headEntry(head.slice(1));
      if (shorter && modifierAtoms(word.slice(0, start + 1), depth)) {
        start++;
        head = head.slice(1);
        entry = shorter;
      }
    }
    const modAtoms = modifierAtoms(word.slice(0, start), depth);
    if (!modAtoms) continue;
    const headAtoms = splitCompound(head, depth + 1) ?? [{ surface: head, entry, head: true }];
    return [...modAtoms, ...headAtoms];
  }
  return null;
}

/** The canonical spelling of a modifier ("gebuehren" → "gebühren"), linking element kept. */
const canonicalSurface = (atom: Atom) => {
  if (atom.entry.canonical === atom.surface) return atom.surface;
  const variants = umlautVariants(atom.entry.canonical);
  return variants.includes(atom.surface) ? atom.entry.canonical : atom.surface;
};

const lemmasOf = (entry: LexiconEntry) => [...new Set(entry.lemmas.map((l) => l.lemma))];

/** The lemma of a modifier part for its own "_" key ("gebühren" → gebühr, "wohn" → wohnen). */
function modifierLemma(atom: Atom): string {
  if (atom.entry.lemmas.length > 0) return atom.entry.lemmas[0]!.lemma;
  const bare = modifierEntry(atom.surface);
  return bare?.lemmas[0]?.lemma ?? atom.entry.canonical;
}

/** Written-out umlauts back as umlauts: ae/oe/ue at the start or after a consonant (not "qu", "eue"). */
export const restoreUmlauts = (word: string) =>
  word.replace(
    /([^aeiouäöüq]|^)(ae|oe|ue)/g,
    (_, c: string, v: string) => c + { ae: 'ä', oe: 'ö', ue: 'ü' }[v]!,
  );

/** Unknown words: written-out umlauts restored, then Snowball. */
const stem = (word: string) => stemmer(restoreUmlauts(word).replace(/ß/g, 'ss'));

const cache = new Map<string, WordAnalysis>();

export function analyzeWord(input: string): WordAnalysis {
  const hit = cache.get(input);
  if (hit) return hit;
  const word = input.normalize('NFC').toLowerCase();
  const result = cache.get(word) ?? analyzeUncached(word);
  if (cache.size >= 200_000) cache.clear();
  cache.set(word, result);
  cache.set(input, result);
  return result;
}

function analyzeUncached(word: string): WordAnalysis {
  if (STOPWORDS.has(word)) return { keys: [], parts: [], stopword: true, noun: false };
  // Numbers, Kreisschlüssel, LeiKa keys: exact.
  if (/\d/.test(word)) return { keys: [word], parts: [], stopword: false, noun: false };
  const entry = lexicon().lookup(word);
  const known = entry && entry.lemmas.length > 0 ? entry : (inflectedFormOf(word) ?? null);
  // Compounds are nouns: a word known only as verb or adjective is not split ("beantragen").
  if (!known || known.lemmas.some((l) => l.pos === 'N')) {
    const atoms = splitCompound(word);
    if (atoms && atoms.length > 1) {
      const head = atoms[atoms.length - 1]!;
      const prefix = atoms.slice(0, -1).map(canonicalSurface).join('');
      const keys = lemmasOf(head.entry).map((lemma) => prefix + lemma);
      // A word of the lexicon keeps its lemma; its split counts only if it yields that lemma
      // ("Maßnahmen" is maßnahme, not maßn|ahmen; "Ergebnisse" is not ergeb|nisse).
      const confirmed = !known || keys.some((key) => lemmasOf(known).includes(key));
      if (confirmed) {
        // Parts: every modifier, every tail ("_parkausweis", "_ausweis") and every leading group
        // ("_kreistag" in "Kreistagssitzung").
        const parts = new Set<string>();
        for (let i = 0; i < atoms.length - 1; i++) {
          const lead = atoms.slice(0, i).map(canonicalSurface).join('');
          parts.add(`_${lead}${modifierLemma(atoms[i]!)}`);
          if (i > 0) parts.add(`_${modifierLemma(atoms[i]!)}`);
          const tail = atoms
            .slice(i + 1, -1)
            .map(canonicalSurface)
            .join('');
          for (const lemma of lemmasOf(head.entry)) parts.add(`_${tail}${lemma}`);
        }
        return normalized({
          keys: known ? lemmasOf(known) : keys,
          parts: [...parts],
          stopword: false,
          noun: true,
        });
      }
    }
  }
  if (known)
    return normalized({
      keys: lemmasOf(known),
      parts: [],
      stopword: false,
      noun: known.lemmas[0]!.pos === 'N',
    });
  const derived = nounEntry(word);
  if (derived) return normalized({ keys: lemmasOf(derived), parts: [], stopword: false, noun: true });
  return { keys: [stem(word)], parts: [], stopword: false, noun: false };
}

/**
 * Keys in reformed spelling: ß and ss are one letter pair for the index (the lexicon has old
 * spellings like "Beschluß" beside "Beschluss"; Maße and Masse meet – the price of that).
 */
function normalized(analysis: WordAnalysis): WordAnalysis {
  const fix = (key: string) => key.replace(/ß/g, 'ss');
  return {
    ...analysis,
    keys: [...new Set(analysis.keys.map(fix))],
    parts: [...new Set(analysis.parts.map(fix))],
  };
}

/** An inflected form the lexicon lacks: "Wiedervorlagen" of the lemma "Wiedervorlage". */
function inflectedFormOf(word: string): LexiconEntry | undefined {
  for (const ending of ['n', 'en', 's', 'es', 'e', 'er', 'ern', 'ens', 'se', 'sen']) {
    if (!word.endsWith(ending) || word.length - ending.length < 4) continue;
    const base = lexicon().lookup(word.slice(0, -ending.length));
    if (base?.lemmas.some((l) => l.lemma === base.canonical && l.pos !== 'V')) return base;
  }
  return undefined;
}

/** How a key is shown to a person: nouns capitalized ("widerspruch" → "Widerspruch"). */
export function displayForm(key: string): string {
  const analysis = analyzeWord(key);
  return analysis.noun ? key.charAt(0).toUpperCase() + key.slice(1) : key;
}

/**
 * Loads the lexicon now (building its table on the very first start, ~4 s), so the first filing
 * or search does not wait for it.
 */
export function warmAnalyzer(): void {
  analyzeWord('Anträge');
}
