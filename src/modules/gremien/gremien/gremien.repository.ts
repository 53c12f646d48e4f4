import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

export type GremiumRow = {
  id: string;
  name: string;
  kuerzel: string;
  art: string;
  sitze: number | null;
  created_at: Date;
  updated_at: Date;
};

const COLUMNS = sql`id, name, kuerzel, art, sitze, created_at, updated_at`;

export async function insertGremium(
  trx: TenantTrx,
  input: { name: string; kuerzel: string; art: string; sitze: number | null },
): Promise<GremiumRow | null> {
  const { rows } = await sql<GremiumRow>`
    insert into gremien (tenant_id, name, kuerzel, art, sitze)
    values (${trx.tenantId}, ${input.name}, ${input.kuerzel}, ${input.art}, ${input.sitze})
    on conflict (tenant_id, kuerzel) do nothing returning ${COLUMNS}`.execute(trx);
  return rows[0] ?? null;
}

export async function listGremien(trx: TenantTrx) {
  const { rows } = await sql<GremiumRow>`select ${COLUMNS} from gremien order by
    case art when 'kreistag' then 0 when 'kreisausschuss' then 1 else 2 end, name`.execute(trx);
  return rows;
}

export async function findGremium(trx: TenantTrx, id: string) {
  const { rows } = await sql<GremiumRow>`select ${COLUMNS} from gremien where id = ${id}::uuid`.execute(trx);
  return rows[0] ?? null;
}

/** Which of these ids are Gremien of the county (of `trx`). */
export async function existingGremien(trx: TenantTrx, ids: string[]) {
  const { rows } = await sql<{ id: string }>`select id from gremien where id = any(${ids}::uuid[])`.execute(
    trx,
  );
  return new Set(rows.map((r) => r.id));
}
