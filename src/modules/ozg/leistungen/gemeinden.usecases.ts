import type { DatabaseHandle } from '../../../platform/database/database.ts';
import { decodeText } from '../../../shared/text.ts';
import { CATALOG_CACHE_MS, ttlCache } from '../ttl-cache.ts';
import { createGemeindenRepository } from './gemeinden.repository.ts';
import { Gv100Error, parseGv100 } from './gv100.ts';
import { gemeindeErrors } from './leistungen.errors.ts';

export type Zustaendigkeit = {
  gemeinde: { ags: string; name: string };
  tenant: { id: string; name: string; kreisschluessel: string };
};

/** Municipalities: search, the responsible member county (AGS → Kreisschlüssel → member), GV100AD import. */
export function createGemeindenUsecases({ database }: { database: DatabaseHandle }) {
  const repository = createGemeindenRepository({ database });
  const zustaendigCache = ttlCache<Zustaendigkeit>(CATALOG_CACHE_MS);

  /** Municipalities by name, postcode or AGS, with the responsible member county (if any). */
  async function findGemeinden(query: string, limit = 20) {
    const q = query.trim();
    if (!q) return [];
    return repository.find(q, limit);
  }

  /** The member county responsible for a municipality (AGS → Kreisschlüssel → member). */
  function resolveZustaendigkeit(ags: string) {
    if (!/^\d{8}$/.test(ags)) return Promise.reject(gemeindeErrors.agsInvalid());
    return zustaendigCache.get(ags, () => loadZustaendigkeit(ags));
  }

  async function loadZustaendigkeit(ags: string): Promise<Zustaendigkeit> {
    const row = await repository.withCounty(ags);
    if (!row) throw gemeindeErrors.unknown(ags);
    if (!row.tenant_id) throw gemeindeErrors.notMember(ags, row.name);
    return {
      gemeinde: { ags: row.ags, name: row.name },
      tenant: { id: row.tenant_id, name: row.tenant_name!, kreisschluessel: row.kreisschluessel },
    };
  }

  /** Imports the official municipality directory (GV100AD); existing entries are updated. */
  async function importGemeinden(bytes: Uint8Array, onProgress?: (done: number, total: number) => void) {
    let parsed: ReturnType<typeof parseGv100>;
    try {
      parsed = parseGv100(decodeText(bytes));
    } catch (error) {
      if (error instanceof Gv100Error) throw gemeindeErrors.format(error.message);
      throw error;
    }
    const { gemeinden } = parsed;
    const batch = 500;
    for (let i = 0; i < gemeinden.length; i += batch) {
      await repository.upsertBatch(gemeinden.slice(i, i + batch));
      onProgress?.(Math.min(i + batch, gemeinden.length), gemeinden.length);
    }
    zustaendigCache.clear();
    const members = gemeinden.filter((g) => g.ags.startsWith('16')).length;
    return { gemeinden: gemeinden.length, uebersprungen: parsed.skipped, thueringen: members };
  }

  return {
    findGemeinden,
    resolveZustaendigkeit,
    importGemeinden,
    tenantByKreisschluessel: repository.tenantByKreisschluessel,
  };
}

export type GemeindenUsecases = ReturnType<typeof createGemeindenUsecases>;
