import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { CATALOG_CACHE_MS, ttlCache } from '../ttl-cache.ts';
import { createAktivierungenUsecases } from './aktivierungen.usecases.ts';
import { createGemeindenUsecases } from './gemeinden.usecases.ts';
import { leistungErrors } from './leistungen.errors.ts';
import type { Leistung } from './leistungen.models.ts';
import { createLeistungenRepository } from './leistungen.repository.ts';

/**
 * The Verbund's services: the catalogue (public), the municipalities and their responsible county,
 * and each county's activations. Catalogue reads are cached briefly (CATALOG_CACHE_MS): they sit on
 * the submission hot path.
 */
export function createLeistungenUsecases({ database }: { database: DatabaseHandle }) {
  const repository = createLeistungenRepository({ database });
  const leistungCache = ttlCache<Leistung>(CATALOG_CACHE_MS);

  function listLeistungen(filter: { q?: string } = {}) {
    return repository.list(filter.q?.trim().toLowerCase());
  }

  function getLeistung(idOrLeika: string): Promise<Leistung> {
    return leistungCache.get(idOrLeika, async () => {
      const leistung = await repository.byIdOrLeika(idOrLeika);
      if (!leistung) throw leistungErrors.notFound();
      return leistung;
    });
  }

  return {
    listLeistungen,
    getLeistung,
    /** A service shows its form's newest version: a new import makes cached services stale. */
    forgetCached: () => leistungCache.clear(),
    ...createGemeindenUsecases({ database }),
    ...createAktivierungenUsecases({ database, getLeistung }),
  };
}

export type LeistungenUsecases = ReturnType<typeof createLeistungenUsecases>;
