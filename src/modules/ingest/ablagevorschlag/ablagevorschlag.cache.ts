import type { Classifier } from './ablagevorschlag.classifier.ts';

// The compiled classifiers of the counties this process has asked for, keyed by the county alone:
// a county's entry is only ever loaded inside that county's transaction (RLS), and looked up by
// the same county's id – never another county's model. Bounded: the least recently used county
// goes when more than `maxTenants` are held (each entry's size is bounded by the loader).

type Entry = { version: number; classifier: Classifier; reloading?: Promise<void> };

export function createClassifierCache({
  version,
  load,
  maxTenants = 8,
}: {
  /** The county's current model version (null: nothing learned). One round trip. */
  version: (tenantId: string) => Promise<number | null>;
  /** Loads and compiles the county's classifier; returns it with the version it was built from. */
  load: (tenantId: string) => Promise<{ version: number; classifier: Classifier }>;
  maxTenants?: number;
}) {
  const entries = new Map<string, Entry>();
  const firstLoads = new Map<string, Promise<Entry>>();

  function remember(tenantId: string, entry: Entry) {
    entries.delete(tenantId);
    entries.set(tenantId, entry);
    while (entries.size > maxTenants) entries.delete(entries.keys().next().value as string);
    return entry;
  }

  return {
    /**
     * The county's classifier, or null when it has learned nothing. A stale entry (the learner has
     * moved on) is answered from at once while the new version loads in the background: a
     * suggestion never waits for a reload, at worst it is one learning pass behind.
     */
    async get(tenantId: string): Promise<Classifier | null> {
      const current = await version(tenantId);
      if (current === null) return null;
      const entry = entries.get(tenantId);
      if (entry) {
        remember(tenantId, entry);
        if (entry.version !== current && !entry.reloading)
          entry.reloading = load(tenantId)
            .then((fresh) => void remember(tenantId, fresh))
            .catch(() => {
              entry.reloading = undefined;
            });
        return entry.classifier;
      }
      let first = firstLoads.get(tenantId);
      if (!first) {
        first = load(tenantId)
          .then((fresh) => remember(tenantId, fresh))
          .finally(() => firstLoads.delete(tenantId));
        firstLoads.set(tenantId, first);
      }
      return (await first).classifier;
    },
    /** Which counties are held, least recently used first (tests, bench). */
    tenants: () => [...entries.keys()],
    /** Waits for background reloads (tests, bench). */
    settled: () => Promise.all([...entries.values()].map((e) => e.reloading)),
  };
}
