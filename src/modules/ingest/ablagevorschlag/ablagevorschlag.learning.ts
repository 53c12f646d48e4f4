import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { featuresOf, gewichtOf, type Klassen, MERKMALE } from './ablagevorschlag.models.ts';
import {
  advance,
  applyDeltas,
  type ClassDelta,
  contributionsOf,
  type Delta,
  type LearnDoc,
  lockStand,
  nextDocuments,
  saveContributions,
  takeChanges,
  vorgaengeChanged,
} from './ablagevorschlag.repository.ts';

type Contribution = Klassen & { dokument_id: string; terme: string[] };

/** Sums the +1/−1 contributions of documents into per-class and per-feature deltas. */
export function deltasOf(changes: Array<{ c: Contribution; sign: 1 | -1 }>) {
  const terms = new Map<string, Delta>();
  const classes = new Map<string, ClassDelta>();
  for (const { c, sign } of changes)
    for (const merkmal of MERKMALE) {
      const klasse = c[merkmal];
      const key = `${merkmal}\u0000${klasse}`;
      const cd = classes.get(key) ?? { merkmal, klasse, dokumente: 0, terme: 0 };
      cd.dokumente += sign;
      for (const term of c.terme) {
        const weight = gewichtOf(term);
        cd.terme += sign * weight;
        const tk = `${key}\u0000${term}`;
        const td = terms.get(tk) ?? { merkmal, klasse, term, anzahl: 0 };
        td.anzahl += sign * weight;
        terms.set(tk, td);
      }
      classes.set(key, cd);
    }
  return {
    terms: [...terms.values()].filter((t) => t.anzahl !== 0),
    classes: [...classes.values()].filter((c) => c.dokumente !== 0 || c.terme !== 0),
  };
}

const contributionOf = (doc: LearnDoc): Contribution => ({
  dokument_id: doc.id,
  einheit: doc.einheit,
  akte: doc.akte,
  vorgang: doc.vorgang,
  art: doc.art,
  terme: featuresOf({ titel: doc.titel, text: doc.text }),
});

/**
 * Learning from a county's filed documents, incremental and in the background: a pass first takes
 * the notes of moved or deleted documents (written by triggers on dokumente, migration 0064) and
 * takes out what those documents contributed – adding it again under their new classes if they
 * still exist – then learns the documents filed since the watermark. One pass is one transaction
 * under a lock of the county's model row, so two workers never count a document twice.
 */
export function createAblageLearning({ database }: { database: DatabaseHandle }) {
  /** One batch; returns how many documents it handled (0: up to date). `skip` holds documents out (bench). */
  async function learnBatch(
    tenantId: string,
    { limit = 300, skip }: { limit?: number; skip?: (id: string) => boolean } = {},
  ) {
    return database.withTenant(tenantId, async (trx) => {
      await lockStand(trx);
      const changed = await takeChanges(trx, { limit });
      const docs = await nextDocuments(trx, { limit });
      const changes: Array<{ c: Contribution; sign: 1 | -1 }> = [];
      const save: Contribution[] = [];
      const drop: string[] = [];
      if (changed.length) {
        const { learned, current } = await contributionsOf(trx, changed);
        for (const old of learned) {
          changes.push({ c: old, sign: -1 });
          const now = current.find((d) => d.id === old.dokument_id);
          if (!now) {
            drop.push(old.dokument_id);
            continue;
          }
          // A document whose new version is still being read keeps the terms it was learned with.
          const next = now.pending ? { ...contributionOf(now), terme: old.terme } : contributionOf(now);
          changes.push({ c: next, sign: 1 });
          save.push(next);
        }
      }
      for (const doc of docs.filter((d) => !skip?.(d.id))) {
        const c = contributionOf(doc);
        changes.push({ c, sign: 1 });
        save.push(c);
      }
      await applyDeltas(trx, deltasOf(changes));
      await saveContributions(trx, { save, drop });
      // A new or changed Vorgang changes the model too (its own features, added when it is loaded).
      const modelChanged = changes.length > 0 || (await vorgaengeChanged(trx));
      await advance(trx, { lastId: docs.at(-1)?.id ?? null, changed: modelChanged });
      return docs.length + changed.length;
    });
  }

  return {
    learnBatch,
    /** Learns until the county's model is up to date; how many documents it handled. */
    async learn(tenantId: string, options: { skip?: (id: string) => boolean } = {}) {
      let total = 0;
      for (let n = await learnBatch(tenantId, options); n > 0; n = await learnBatch(tenantId, options))
        total += n;
      return total;
    },
  };
}
