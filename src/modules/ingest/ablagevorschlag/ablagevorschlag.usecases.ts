import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { createClassifierCache } from './ablagevorschlag.cache.ts';
import { compileClassifier, rank } from './ablagevorschlag.classifier.ts';
import { createAblageLearning } from './ablagevorschlag.learning.ts';
import { featuresOf, MERKMALE, type Merkmal, type Vorschlag } from './ablagevorschlag.models.ts';
import { learnedOf, loadModelRows, loadVorgaenge, modelVersion } from './ablagevorschlag.repository.ts';
import { withVorgangFeatures } from './ablagevorschlag.vorgaenge.ts';

/** Below this probability nothing is suggested (a guess is worse than no suggestion). */
export const MIN_KONFIDENZ = 0.5;

export type Ablagevorschlag = Record<Merkmal, Vorschlag | null> & {
  kandidaten: Record<Merkmal, Vorschlag[]>;
};

/**
 * Filing suggestions from each county's own filed documents: `learn` adds the documents filed
 * since the last run to the county's model and takes out moved and deleted ones (incremental; the
 * worker calls it in the background), `suggest` ranks Aktenplan unit, Akte, Vorgang and Dokumentart
 * for a text with the county's classifier held in memory (one round trip to check its version).
 */
export function createAblagevorschlagUsecases({
  database,
  perClass = 500,
  maxClasses = 5_000,
  maxTenants = 8,
}: {
  database: DatabaseHandle;
  /** At most this many features per class are held in memory (the most frequent). */
  perClass?: number;
  /** At most this many classes per Merkmal (those with the most documents), and as many newest Vorgänge. */
  maxClasses?: number;
  /** At most this many counties' classifiers are held (least recently used goes). */
  maxTenants?: number;
}) {
  const learning = createAblageLearning({ database });
  const cache = createClassifierCache({
    maxTenants,
    version: (tenantId) => modelVersion(database, tenantId),
    load: async (tenantId) => {
      const { rows, vorgaenge } = await database.withTenant(tenantId, async (trx) => ({
        rows: await loadModelRows(trx, { perClass, maxClasses }),
        vorgaenge: await loadVorgaenge(trx, { limit: maxClasses }),
      }));
      return { version: rows.version, classifier: compileClassifier(withVorgangFeatures(rows, vorgaenge)) };
    },
  });

  async function suggest({
    tenantId,
    titel,
    text,
    minKonfidenz = MIN_KONFIDENZ,
    dokumentId,
  }: {
    tenantId: string;
    titel?: string;
    text: string;
    minKonfidenz?: number;
    /** A filed document: if the model has learned it, it is taken out for its own suggestion. */
    dokumentId?: string;
  }): Promise<Ablagevorschlag> {
    const features = featuresOf({ titel, text });
    const [classifier, learned] = await Promise.all([
      cache.get(tenantId),
      dokumentId ? learnedOf(database, tenantId, dokumentId) : undefined,
    ]);
    const result = { kandidaten: {} } as Ablagevorschlag;
    for (const merkmal of MERKMALE) {
      const ohne = learned ? { klasse: learned[merkmal], terme: learned.terme } : undefined;
      const ranked = classifier ? rank({ classifier, merkmal, features, ohne }) : [];
      result.kandidaten[merkmal] = ranked;
      result[merkmal] = ranked[0] && ranked[0].konfidenz >= minKonfidenz ? ranked[0] : null;
    }
    return result;
  }

  return {
    ...learning,
    suggest,
    cache,
    /** API: suggestion for a text in the principal's county (any role that may file). */
    suggestFor: (principal: Principal, input: { titel?: string; text: string }) =>
      suggest({ tenantId: principal.tenantId, titel: input.titel, text: input.text }),
  };
}

export type AblagevorschlagUsecases = ReturnType<typeof createAblagevorschlagUsecases>;
