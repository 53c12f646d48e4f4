import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

export type AnlageRow = {
  id: string;
  vorlage_id: string;
  dokument_id: string;
  titel: string;
  oeffentlich: boolean;
  position: number;
  created_at: Date;
  updated_at: Date;
};

/** The Vorlage as its Akte and Anlagen need it, locked for update when `lock`. */
export type VorlageAkteRow = {
  id: string;
  drucksachen_nr: string;
  betreff: string;
  status: string;
  oeffentlich: boolean;
  akte_id: string | null;
  vorgang_id: string | null;
};

export async function findVorlageAkte(trx: TenantTrx, id: string, { lock = false } = {}) {
  const { rows } = await sql<VorlageAkteRow>`
    select id, drucksachen_nr, betreff, status, oeffentlich, akte_id, vorgang_id from vorlagen
    where id = ${id}::uuid ${lock ? sql`for update` : sql``}`.execute(trx);
  return rows[0] ?? null;
}

export async function setVorlageAkte(
  trx: TenantTrx,
  { vorlageId, akteId, vorgangId }: { vorlageId: string; akteId: string; vorgangId: string },
) {
  await sql`update vorlagen set akte_id = ${akteId}::uuid, vorgang_id = ${vorgangId}::uuid
    where id = ${vorlageId}::uuid`.execute(trx);
}

const COLUMNS = sql`id, vorlage_id, dokument_id, titel, oeffentlich, position, created_at, updated_at`;

/** Appends an Anlage at the next position (the caller holds the Vorlage's row lock). */
export async function insertAnlage(
  trx: TenantTrx,
  input: { vorlageId: string; dokumentId: string; titel: string; oeffentlich: boolean },
) {
  const { rows } = await sql<AnlageRow>`
    insert into vorlage_anlagen (tenant_id, vorlage_id, dokument_id, titel, oeffentlich, position)
    select ${trx.tenantId}, ${input.vorlageId}::uuid, ${input.dokumentId}::uuid, ${input.titel},
           ${input.oeffentlich}, coalesce(max(position), 0) + 1
    from vorlage_anlagen where vorlage_id = ${input.vorlageId}::uuid
    returning ${COLUMNS}`.execute(trx);
  return rows[0]!;
}

export async function listAnlagen(trx: TenantTrx, vorlageId: string) {
  const { rows } = await sql<AnlageRow>`select ${COLUMNS} from vorlage_anlagen
    where vorlage_id = ${vorlageId}::uuid order by position`.execute(trx);
  return rows;
}

export async function findAnlage(trx: TenantTrx, { vorlageId, id }: { vorlageId: string; id: string }) {
  const { rows } = await sql<AnlageRow>`select ${COLUMNS} from vorlage_anlagen
    where vorlage_id = ${vorlageId}::uuid and id = ${id}::uuid`.execute(trx);
  return rows[0] ?? null;
}
