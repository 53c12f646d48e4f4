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
    // monate as text[]: pg parses a date[] into Date objects (only the scalar DATE parser keeps
    // text), and the Verlauf compares 'YYYY-MM-01' strings – with Dates no month ever matched.
    (
      await sql<Row>`select art, artefakt_id, tenant_id, aktiviert_am, zuletzt_genutzt, monate::text[] as monate
                     from steuerung_nachnutzung_verbund()`.execute(trx)
    ).rows.map((r) => ({
      art: r.art,
      artefaktId: r.artefakt_id,
      tenantId: r.tenant_id,
      aktiviertAm: r.aktiviert_am,
      zuletztGenutzt: r.zuletzt_genutzt ? new Date(r.zuletzt_genutzt).toISOString() : null,
      monate: monateVon(r.monate),
    })),

  /**
   * The Verbund's Nachnutzungsgrad for any county (migration 0079): only the totals – the day
   * (`monat` null) and every month's end – never an artifact's or a county's row.
   */
  gradVerbund: async (trx: TenantTrx, stichtag: string) =>
    (
      await sql<{ monat: string | null; genutzt: number; moeglich: number }>`
        select monat::text, genutzt::int, moeglich::int from steuerung_nachnutzungsgrad_verbund(${stichtag}::date)`.execute(
        trx,
      )
    ).rows,
};
