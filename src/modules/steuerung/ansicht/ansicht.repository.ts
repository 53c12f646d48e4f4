import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { akteurDerSicht } from '../verbundzahlen.ts';

export type MonatsZeile = {
  /** null: the whole Verbund. */
  tenantId: string | null;
  monat: string;
  antraege: number;
  beschieden: number;
  medianTage: number | null;
  p90Tage: number | null;
};

const zahl = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const ansichtRepository = {
  /** Whether the database shows this caller every county (migration 0044). Reads no figures. */
  verbundsicht: ({ database, principal }: { database: DatabaseHandle; principal: Principal }) =>
    database.withTenant(principal.tenantId, async (trx) => {
      await sql`select set_config('app.akteur', ${akteurDerSicht(principal)}, true)`.execute(trx);
      const r = await sql<{ alle: boolean }>`select steuerung_verbundsicht() as alle`.execute(trx);
      return r.rows[0]?.alle === true;
    }),

  /** Anträge and processing times per month: the visible counties and the Verbund total. */
  zeitenMonate: async (trx: TenantTrx, p: { von: string; bis: string }): Promise<MonatsZeile[]> =>
    (
      await sql<Record<string, unknown>>`
        select * from steuerung_zeiten_monate(${p.von}::date, ${p.bis}::date)`.execute(trx)
    ).rows.map((r) => ({
      tenantId: (r.tenant_id as string | null) ?? null,
      monat: String(r.monat).slice(0, 7),
      antraege: Number(r.antraege),
      beschieden: Number(r.beschieden),
      medianTage: zahl(r.median_tage),
      p90Tage: zahl(r.p90_tage),
    })),

  /** Names of the connector definitions (Verbund-level catalog). */
  connectorNamen: async ({ database }: { database: DatabaseHandle }) =>
    new Map(
      (
        await sql<{ id: string; name: string }>`select id, name from connector_definitionen`.execute(
          database.db,
        )
      ).rows.map((r) => [r.id, r.name]),
    ),

  /** The areas of the figures that are sample data (demo seed, migration 0045). */
  beispieldaten: async ({ database }: { database: DatabaseHandle }) =>
    new Map(
      (
        await sql<{
          bereich: string;
          hinweis: string;
        }>`select bereich, hinweis from steuerung_beispieldaten`.execute(database.db)
      ).rows.map((r) => [r.bereich, r.hinweis]),
    ),
};
