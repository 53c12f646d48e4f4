import type { ModelRows } from './ablagevorschlag.classifier.ts';
import { featuresOf, gewichtOf } from './ablagevorschlag.models.ts';
import type { VorgangRow } from './ablagevorschlag.repository.ts';

// A Vorgang is known by more than the documents filed in it: its Betreff (the matter and, usually,
// the applicant's name) and its external reference (the Zeichen replies cite). Both count for the
// Vorgang's class as one more document would (title terms and references, with their weights), from
// the moment the Vorgang exists – also before anything is filed in it. They are added when the
// county's classifier is loaded, not stored with the learned counts: unlearning stays exact.

/** The features a Vorgang contributes to its own class. */
export const vorgangFeatures = (v: Pick<VorgangRow, 'betreff' | 'externe_referenz'>) =>
  featuresOf({ titel: `${v.betreff} ${v.externe_referenz ?? ''}` }).filter(
    (f, i, all) => all.indexOf(f) === i,
  );

/** The model's counts with each Vorgang's own features added as one document of its class. */
export function withVorgangFeatures(rows: ModelRows, vorgaenge: VorgangRow[]): ModelRows {
  const classes = rows.classes.map((c) => ({ ...c }));
  const byKlasse = new Map(classes.filter((c) => c.merkmal === 'vorgang').map((c) => [c.klasse, c]));
  const terms = new Map(
    rows.terms.filter((t) => t.merkmal === 'vorgang').map((t) => [`${t.klasse}\u0000${t.term}`, { ...t }]),
  );
  for (const v of vorgaenge) {
    const features = vorgangFeatures(v);
    if (features.length === 0) continue;
    let klasse = byKlasse.get(v.id);
    if (!klasse) {
      klasse = { merkmal: 'vorgang', klasse: v.id, dokumente: 0, terme: 0 };
      byKlasse.set(v.id, klasse);
      classes.push(klasse);
    }
    klasse.dokumente += 1;
    for (const term of features) {
      const weight = gewichtOf(term);
      klasse.terme += weight;
      const key = `${v.id}\u0000${term}`;
      const t = terms.get(key) ?? { merkmal: 'vorgang' as const, klasse: v.id, term, anzahl: 0 };
      t.anzahl += weight;
      terms.set(key, t);
    }
  }
  return {
    classes,
    terms: [...rows.terms.filter((t) => t.merkmal !== 'vorgang'), ...terms.values()],
    vocabulary: rows.vocabulary,
  };
}
