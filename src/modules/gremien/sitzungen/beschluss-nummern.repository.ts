import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/** The county's template of Beschluss numbers, or null when it has not set one. */
export async function loadBeschlussNummernvorlage(trx: TenantTrx): Promise<string | null> {
  const { rows } = await sql<{ vorlage: string }>`select vorlage from beschluss_schema`.execute(trx);
  return rows[0]?.vorlage ?? null;
}

export async function saveBeschlussNummernvorlage(trx: TenantTrx, vorlage: string) {
  await sql`insert into beschluss_schema (tenant_id, vorlage) values (${trx.tenantId}, ${vorlage})
    on conflict (tenant_id) do update set vorlage = excluded.vorlage, updated_at = now()`.execute(trx);
}

/** The next {seq} of a counter in the caller's transaction (row locked until it ends; a rollback returns it). */
export async function nextBeschlussZaehler(trx: TenantTrx, { reihe, jahr }: { reihe: string; jahr: number }) {
  const { rows } = await sql<{ letzte: number }>`
    insert into beschluss_zaehler (tenant_id, reihe, jahr, letzte) values (${trx.tenantId}, ${reihe}, ${jahr}, 1)
    on conflict (tenant_id, reihe, jahr) do update set letzte = beschluss_zaehler.letzte + 1
    returning letzte`.execute(trx);
  return rows[0]!.letzte;
}

/** The number of the item's Beschluss if it has one, and whether another Beschluss carries `nummer`. */
export async function existingBeschlussNummer(trx: TenantTrx, topId: string) {
  const { rows } = await sql<{
    nummer: string;
  }>`select nummer from beschluesse where top_id = ${topId}::uuid`.execute(trx);
  return rows[0]?.nummer ?? null;
}

export async function beschlussNummerTaken(trx: TenantTrx, nummer: string) {
  const { rows } = await sql`select 1 from beschluesse where nummer = ${nummer}`.execute(trx);
  return rows.length > 0;
}
