import { gewichtOf, MERKMALE, type Merkmal, type Vorschlag } from './ablagevorschlag.models.ts';

// The classifier in memory: a multinomial naive Bayes (Laplace, α = 1) over the document features,
// each feature weighted by how much it tells the classes apart (1 − normalised entropy of P(c|t)):
// a word that every Aktenplan unit uses equally ("Antrag", "Frist") weighs almost nothing, one that
// only one unit uses weighs almost 1. Compiled once per county and model version, ranked in memory.

export type ModelRows = {
  classes: Array<{ merkmal: Merkmal; klasse: string; dokumente: number; terme: number }>;
  terms: Array<{ merkmal: Merkmal; klasse: string; term: string; anzahl: number }>;
  /** Distinct features the county's model knows (V of the Laplace smoothing). */
  vocabulary: number;
};

type Posting = { classes: number[]; logCounts: number[]; weight: number };
type Compiled = {
  classes: string[];
  /** Documents per class and in all (to take one learned document out again, see `rank`). */
  dokumente: Float64Array;
  total: number;
  logPrior: Float64Array;
  /** log(N(c) + V): the denominator of every feature's likelihood in class c. */
  logDenominator: Float64Array;
  postings: Map<string, Posting>;
};
export type Classifier = { merkmale: Record<Merkmal, Compiled>; entries: number };

/** Builds the in-memory classifier from a county's counts. */
export function compileClassifier(rows: ModelRows): Classifier {
  const V = Math.max(1, rows.vocabulary);
  let entries = 0;
  const merkmale = {} as Record<Merkmal, Compiled>;
  for (const merkmal of MERKMALE) {
    const own = rows.classes.filter((c) => c.merkmal === merkmal && c.dokumente > 0);
    const index = new Map(own.map((c, i) => [c.klasse, i]));
    const total = own.reduce((sum, c) => sum + c.dokumente, 0);
    const logPrior = Float64Array.from(own, (c) => Math.log(c.dokumente / total));
    const logDenominator = Float64Array.from(own, (c) => Math.log(c.terme + V));
    const postings = new Map<string, Posting>();
    for (const t of rows.terms) {
      const i = t.merkmal === merkmal ? index.get(t.klasse) : undefined;
      if (i === undefined || t.anzahl <= 0) continue;
      const p = postings.get(t.term) ?? { classes: [], logCounts: [], weight: 1 };
      p.classes.push(i);
      p.logCounts.push(Math.log(t.anzahl + 1));
      postings.set(t.term, p);
      entries += 1;
    }
    setWeights({ postings, logDenominator });
    merkmale[merkmal] = {
      classes: own.map((c) => c.klasse),
      dokumente: Float64Array.from(own, (c) => c.dokumente),
      total,
      logPrior,
      logDenominator,
      postings,
    };
  }
  return { merkmale, entries };
}

/**
 * 1 − H(P(c|t)) / log C for every feature, where P(c|t) is taken from what was observed: in each
 * class that has the feature, its likelihood above the Laplace floor 1 / (N(c) + V) (the floor is the
 * same whether a class has seen the feature or not, so it says nothing about the feature). With the
 * floor inside the entropy, a feature of many small classes – a Vorgang's Zeichen, found in three
 * documents among hundreds of Vorgänge – looked spread over all classes and weighed almost nothing
 * (bench:ablage: Vorgang @3 0,66 with the floor, 0,93 without; README „Ablagevorschläge“).
 */
function setWeights({ postings, logDenominator }: Pick<Compiled, 'postings' | 'logDenominator'>) {
  if (logDenominator.length < 2) return;
  for (const p of postings.values()) p.weight = weightOf({ ...p, logDenominator });
}

function weightOf({
  classes,
  logCounts,
  logDenominator,
}: Pick<Posting, 'classes' | 'logCounts'> & { logDenominator: Float64Array }) {
  const logC = Math.log(logDenominator.length);
  let sum = 0;
  let plogp = 0;
  classes.forEach((c, k) => {
    const d = logDenominator[c]!;
    const above = Math.exp(logCounts[k]! - d) - Math.exp(-d);
    if (above <= 0) return;
    sum += above;
    plogp += above * Math.log(above);
  });
  // H = log(sum) − Σ q log q / sum, with q the unnormalised shares.
  const entropy = sum > 0 ? Math.log(sum) - plogp / sum : logC;
  return Math.min(1, Math.max(0, 1 - entropy / logC));
}

/** The classes of a Merkmal ranked for the given features, as probabilities (softmax of the scores). */
export function rank({
  classifier,
  merkmal,
  features,
  ohne,
}: {
  classifier: Classifier;
  merkmal: Merkmal;
  features: string[];
  /**
   * A document the model has learned, taken out for this ranking (its class and features as learned):
   * a document already filed is ranked as if it were new, not pulled to where it lies by itself.
   * The feature weights stay as compiled (with it) – close enough for one document.
   */
  ohne?: { klasse: string; terme: string[] };
}): Vorschlag[] {
  const m = classifier.merkmale[merkmal];
  if (m.classes.length === 0) return [];
  const logPrior = Float64Array.from(m.logPrior);
  const logDenominator = Float64Array.from(m.logDenominator);
  const own = ohne ? m.classes.indexOf(ohne.klasse) : -1;
  const learned = own >= 0 ? new Set(ohne!.terme) : new Set<string>();
  if (own >= 0) {
    const left = m.dokumente[own]! - 1;
    logPrior.forEach((_, c) => {
      logPrior[c] = Math.log((c === own ? left : m.dokumente[c]!) / Math.max(1, m.total - 1));
    });
    let removed = 0;
    for (const term of learned) removed += gewichtOf(term);
    logDenominator[own] = Math.log(Math.max(1, Math.exp(m.logDenominator[own]!) - removed));
  }
  const scores = Float64Array.from(logPrior);
  let known = 0;
  for (const feature of features) {
    const p = m.postings.get(feature);
    if (!p) continue;
    // The taken-out document's own count of a feature comes out of its class, and the feature's
    // weight is taken again without it (a feature it shared with one other class tells them apart now).
    const mine = learned.has(feature) && p.classes.includes(own);
    const logCounts = mine
      ? p.logCounts.map((lc, k) =>
          p.classes[k] === own ? Math.log(Math.max(0, Math.exp(lc) - 1 - gewichtOf(feature)) + 1) : lc,
        )
      : p.logCounts;
    // A feature only the taken-out document had is unknown without it.
    if (mine && logCounts.every((lc) => lc <= 0)) continue;
    // (A feature of many classes: one document hardly moves its weight, and recomputing would cost.)
    const weight =
      mine && m.classes.length > 1 && p.classes.length <= 64
        ? weightOf({ classes: p.classes, logCounts, logDenominator })
        : p.weight;
    const w = weight * gewichtOf(feature);
    known += w;
    for (let k = 0; k < p.classes.length; k++) scores[p.classes[k]!]! += w * logCounts[k]!;
  }
  // Only features that tell no class apart (or none known): no ranking rather than the priors.
  if (known < 1e-9) return [];
  let best = -Infinity;
  for (let c = 0; c < scores.length; c++) {
    scores[c]! -= known * logDenominator[c]!;
    if (scores[c]! > best) best = scores[c]!;
  }
  // The only class was the taken-out document's own.
  if (best === -Infinity) return [];
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += Math.exp(scores[c]! - best);
  return Array.from(scores, (s, c) => ({ klasse: m.classes[c]!, konfidenz: Math.exp(s - best) / sum }))
    .filter((v) => v.konfidenz > 0)
    .sort((a, b) => b.konfidenz - a.konfidenz)
    .slice(0, 3);
}

export const EMPTY_CLASSIFIER = compileClassifier({ classes: [], terms: [], vocabulary: 0 });
