import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import { kennzahlenRepository as repo } from './kennzahlen.repository.ts';

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
  };
}

export type KennzahlenUsecases = ReturnType<typeof createKennzahlenUsecases>;
