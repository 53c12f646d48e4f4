/**
 * A small read-through cache for Verbund-level catalogue reads on the submission hot path.
 * Entries live `ms` milliseconds; failures are not cached; at most `max` keys.
 */
export function ttlCache<T>(ms: number, max = 1000) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < ms) return hit.value;
      if (entries.size >= max) entries.clear();
      const value = load();
      entries.set(key, { at: Date.now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
    delete: (key: string) => entries.delete(key),
    clear: () => entries.clear(),
  };
}

/** Catalogue changes (a new form version, a changed service) reach every process within this time. */
export const CATALOG_CACHE_MS = 5000;
