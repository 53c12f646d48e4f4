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
    merkmale[merkmal] = { classes: own.map((c) => c.klasse), logPrior, logDenominator, postings };
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
  const logC = Math.log(logDenominator.length);
  if (logDenominator.length < 2) return;
  for (const p of postings.values()) {
    let sum = 0;
    let plogp = 0;
    p.classes.forEach((c, k) => {
      const d = logDenominator[c]!;
      const above = Math.exp(p.logCounts[k]! - d) - Math.exp(-d);
      if (above <= 0) return;
      sum += above;
      plogp += above * Math.log(above);
    });
    // H = log(sum) − Σ q log q / sum, with q the unnormalised shares.
    const entropy = sum > 0 ? Math.log(sum) - plogp / sum : logC;
    p.weight = Math.min(1, Math.max(0, 1 - entropy / logC));
  }
}

/** The classes of a Merkmal ranked for the given features, as probabilities (softmax of the scores). */
export function rank({
  classifier,
  merkmal,
  features,
}: {
  classifier: Classifier;
  merkmal: Merkmal;
  features: string[];
}): Vorschlag[] {
  const m = classifier.merkmale[merkmal];
  if (m.classes.length === 0) return [];
  const scores = Float64Array.from(m.logPrior);
  let known = 0;
  for (const feature of features) {
    const p = m.postings.get(feature);
    if (!p) continue;
    const w = p.weight * gewichtOf(feature);
    known += w;
    for (let k = 0; k < p.classes.length; k++) scores[p.classes[k]!]! += w * p.logCounts[k]!;
  }
  // Only features that tell no class apart (or none known): no ranking rather than the priors.
  if (known < 1e-9) return [];
  let best = -Infinity;
  for (let c = 0; c < scores.length; c++) {
    scores[c]! -= known * m.logDenominator[c]!;
    if (scores[c]! > best) best = scores[c]!;
  }
  let sum = 0;
  for (let c = 0; c < scores.length; c++) sum += Math.exp(scores[c]! - best);
  return Array.from(scores, (s, c) => ({ klasse: m.classes[c]!, konfidenz: Math.exp(s - best) / sum }))
    .sort((a, b) => b.konfidenz - a.konfidenz)
    .slice(0, 3);
}

export const EMPTY_CLASSIFIER = compileClassifier({ classes: [], terms: [], vocabulary: 0 });
