import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { Nutzung } from './nachnutzung.models.ts';

type Row = {
  art: string;
  artefakt_id: string;
  tenant_id: string;
  aktiviert_am: string;
  zuletzt_genutzt: Date | null;
  monate: string[] | string;
};

/** Postgres date[] arrives as text ("{2020-05-01,2020-06-01}") since the DATE parser keeps text. */
const monateVon = (v: string[] | string) =>
  Array.isArray(v) ? v : v.replace(/[{}]/g, '').split(',').filter(Boolean);

export const nachnutzungRepository = {
  /** Activation and use of every shared artifact in every county (migration 0041, counts and dates only). */
  nutzungenVerbund: async (trx: TenantTrx): Promise<Nutzung[]> =>
    (await sql<Row>`select * from steuerung_nachnutzung_verbund()`.execute(trx)).rows.map((r) => ({
      art: r.art,
      artefaktId: r.artefakt_id,
      tenantId: r.tenant_id,
      aktiviertAm: r.aktiviert_am,
      zuletztGenutzt: r.zuletzt_genutzt ? new Date(r.zuletzt_genutzt).toISOString() : null,
      monate: monateVon(r.monate),
    })),
};
