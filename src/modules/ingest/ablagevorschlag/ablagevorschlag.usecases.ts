import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { MERKMALE, type Merkmal, rankClasses, termsOf } from './ablagevorschlag.models.ts';
import { addCounts, type LearnDoc, modelFor, nextDocuments } from './ablagevorschlag.repository.ts';

/** Below this probability nothing is suggested (a guess is worse than no suggestion). */
export const MIN_KONFIDENZ = 0.5;

/**
 * Filing suggestions from each county's own filed documents: `learn` adds the documents filed
 * since the last run to the county's model (incremental, in batches; the worker calls it in the
 * background), `suggest` ranks Aktenplan unit, Vorgang and Dokumentart for a text.
 */
export function createAblagevorschlagUsecases({ database }: { database: DatabaseHandle }) {
  /** One batch; returns how many documents it learned (0: up to date). `skip` holds documents out (bench). */
  async function learnBatch(
    tenantId: string,
    { limit = 300, skip }: { limit?: number; skip?: (id: string) => boolean } = {},
  ) {
    return database.withTenant(tenantId, async (trx) => {
      const docs = await nextDocuments(trx, { limit });
      if (docs.length === 0) return 0;
      const terms = new Map<string, { merkmal: Merkmal; klasse: string; term: string; anzahl: number }>();
      const classes = new Map<
        string,
        { merkmal: Merkmal; klasse: string; dokumente: number; terme: number }
      >();
      const learned = docs.filter((d) => !skip?.(d.id));
      for (const doc of learned) {
        const docTerms = termsOf(doc.text);
        for (const merkmal of MERKMALE) {
          const klasse = classOf(doc, merkmal);
          const key = `${merkmal}\u0000${klasse}`;
          const c = classes.get(key) ?? { merkmal, klasse, dokumente: 0, terme: 0 };
          c.dokumente += 1;
          c.terme += docTerms.length;
          classes.set(key, c);
          for (const term of docTerms) {
            const k = `${key}\u0000${term}`;
            const t = terms.get(k) ?? { merkmal, klasse, term, anzahl: 0 };
            t.anzahl += 1;
            terms.set(k, t);
          }
        }
      }
      const last = docs.at(-1)!;
      await addCounts(trx, {
        terms: [...terms.values()],
        classes: [...classes.values()],
        last,
        documents: learned.length,
      });
      return docs.length;
    });
  }

  async function suggest({
    tenantId,
    text,
    minKonfidenz = MIN_KONFIDENZ,
  }: {
    tenantId: string;
    text: string;
    minKonfidenz?: number;
  }) {
    const terms = termsOf(text);
    return database.withTenant(tenantId, async (trx) => {
      const result = {} as Record<Merkmal, { klasse: string; konfidenz: number } | null> & {
        kandidaten: Record<Merkmal, Array<{ klasse: string; konfidenz: number }>>;
      };
      result.kandidaten = {} as never;
      for (const merkmal of MERKMALE) {
        const ranked = rankClasses({ ...(await modelFor(trx, { merkmal, terms })), terms });
        result.kandidaten[merkmal] = ranked.slice(0, 3);
        result[merkmal] = ranked[0] && ranked[0].konfidenz >= minKonfidenz ? ranked[0] : null;
      }
      return result;
    });
  }

  return {
    learnBatch,
    /** Learns until the county's model is up to date. */
    async learn(tenantId: string, options: { skip?: (id: string) => boolean } = {}) {
      let total = 0;
      for (let n = await learnBatch(tenantId, options); n > 0; n = await learnBatch(tenantId, options))
        total += n;
      return total;
    },
    suggest,
    /** API: suggestion for a text in the principal's county (any role that may file). */
    suggestFor: (principal: Principal, input: { titel?: string; text: string }) =>
      suggest({ tenantId: principal.tenantId, text: `${input.titel ?? ''} ${input.text}` }),
  };
}

const classOf = (doc: LearnDoc, merkmal: Merkmal) =>
  merkmal === 'einheit' ? doc.unit_id : merkmal === 'vorgang' ? doc.vorgang_id : doc.art;

export type AblagevorschlagUsecases = ReturnType<typeof createAblagevorschlagUsecases>;
