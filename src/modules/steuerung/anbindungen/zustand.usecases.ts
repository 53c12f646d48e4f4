import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database/database.ts';
import type { Principal } from '../../../platform/http/principal.ts';
import { leseVerbundzahlen } from '../verbundzahlen.ts';
import { ampel, type Zustand } from './zustand.models.ts';

type Row = Record<string, string | number | boolean | Date | null>;
const n = (v: unknown) => Number(v ?? 0);

export function createAnbindungenZustandUsecases({ database }: { database: DatabaseHandle }) {
  return {
    /** Health of every connector in every county at `jetzt` (default now), with its traffic light. */
    zustand: ({ principal, jetzt = new Date() }: { principal: Principal; jetzt?: Date }) =>
      leseVerbundzahlen({
        database,
        principal,
        funktion: 'steuerung_anbindungen_zustand',
        daten: { jetzt: jetzt.toISOString() },
        lesen: async (trx) =>
          (
            await sql<Row>`select * from steuerung_anbindungen_zustand(${jetzt.toISOString()}::timestamptz)`.execute(
              trx,
            )
          ).rows.map((r) => {
            const z: Zustand = {
              connectorId: String(r.connector_id),
              tenantId: String(r.tenant_id),
              aktiv: r.aktiv === true,
              zugestellt24h: n(r.zugestellt_24h),
              versucht24h: n(r.versucht_24h),
              zugestellt7d: n(r.zugestellt_7d),
              versucht7d: n(r.versucht_7d),
              letzterErfolg: r.letzter_erfolg ? new Date(r.letzter_erfolg as Date).toISOString() : null,
              tot: n(r.tot),
              fehlerhaft: n(r.fehlerhaft),
              p95Ms: r.p95_ms === null ? null : n(r.p95_ms),
            };
            return { ...z, ...ampel(z) };
          }),
      }),
  };
}
