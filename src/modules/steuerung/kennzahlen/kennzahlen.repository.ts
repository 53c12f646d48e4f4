import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

export type MonatRow = { tenantId: string; leistungId: string; monat: string; anzahl: number };
export type ZeitenRow = {
  tenantId: string;
  leistungId: string;
  beschieden: number;
  medianTage: number | null;
  p90Tage: number | null;
  offen: number;
  offenMedianTage: number | null;
  offenMaxTage: number | null;
};

const zahl = (v: string | number | null) => (v === null ? null : Number(v));

/** Volumes and processing times of every county through the functions of migration 0042. */
export const kennzahlenRepository = {
  antraegeMonate: async (trx: TenantTrx, p: { von: string; bis: string }): Promise<MonatRow[]> =>
    (
      await sql<{ tenant_id: string; leistung_id: string; monat: string; anzahl: string }>`
        select * from steuerung_antraege_monate(${p.von}::date, ${p.bis}::date)`.execute(trx)
    ).rows.map((r) => ({
      tenantId: r.tenant_id,
      leistungId: r.leistung_id,
      monat: r.monat.slice(0, 7),
      anzahl: Number(r.anzahl),
    })),

  bearbeitungszeiten: async (trx: TenantTrx, p: { von: string; bis: string }): Promise<ZeitenRow[]> =>
    (
      await sql<Record<string, string | null>>`
        select * from steuerung_bearbeitungszeiten(${p.von}::date, ${p.bis}::date)`.execute(trx)
    ).rows.map((r) => ({
      tenantId: r.tenant_id!,
      leistungId: r.leistung_id!,
      beschieden: Number(r.beschieden),
      medianTage: zahl(r.median_tage ?? null),
      p90Tage: zahl(r.p90_tage ?? null),
      offen: Number(r.offen),
      offenMedianTage: zahl(r.offen_median_tage ?? null),
      offenMaxTage: zahl(r.offen_max_tage ?? null),
    })),
};
