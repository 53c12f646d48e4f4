import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import { aggregatRepository } from './aggregat.repository.ts';
import { kennzahlenRepository as repo } from './kennzahlen.repository.ts';

/** Aggregates are refreshed every 5 minutes; a refresh newer than 4 minutes is not repeated. */
export const AUFFRISCHEN_ALLE_MS = 5 * 60_000;
const LAG_SEKUNDEN = 60;

export function createKennzahlenUsecases({ database }: { database: DatabaseHandle }) {
  return {
    /**
     * Anträge per county, service and month, and processing times Eingang → Bescheid (median, p90
     * as PERCENTILE.INC) with the open cases and their age on the period's last day.
     */
    antraege: ({ principal, von, bis }: { principal: Principal; von: string; bis: string }) =>
      leseVerbundzahlen({
        database,
        principal,
        funktion: 'steuerung_antraege_monate+steuerung_bearbeitungszeiten',
        daten: { von, bis },
        lesen: async (trx) => ({
          monate: await repo.antraegeMonate(trx, { von, bis }),
          zeiten: await repo.bearbeitungszeiten(trx, { von, bis }),
        }),
      }),

    /**
     * How fresh the pre-aggregated figures are (null: never refreshed, all figures are counted
     * directly) and which areas are sample data — for the "Stand" line and the Beispieldaten note.
     */
    stand: async () => ({
      aggregate: await aggregatRepository.stand(database.db),
      beispieldaten: await aggregatRepository.beispieldaten(database.db),
    }),

    /**
     * Recomputes the aggregates up to a minute ago (migration 0046); skipped when another process
     * refreshed less than `nichtVorMs` ago. Figures after the watermark are always counted live.
     */
    auffrischen: async ({ nichtVorMs = 0 }: { nichtVorMs?: number } = {}) => {
      const stand = await aggregatRepository.stand(database.db);
      if (stand && Date.now() - Date.parse(stand.aufgefrischtAm) < nichtVorMs) return null;
      return aggregatRepository.auffrischen(database.db, { lagSekunden: LAG_SEKUNDEN });
    },

    /** Empties the aggregates, so every figure is counted directly from the rows (tests). */
    verwerfen: () => aggregatRepository.verwerfen(database.db),
  };
}

export type KennzahlenUsecases = ReturnType<typeof createKennzahlenUsecases>;
