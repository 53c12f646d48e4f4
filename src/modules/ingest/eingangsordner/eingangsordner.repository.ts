import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { Regel } from './eingangsordner.models.ts';

// All SQL of the consume folders: the folders, the Vorgang of each subfolder, the log of files.

type OrdnerRow = {
  id: string;
  name: string;
  pfad: string;
  oe: string | null;
  aktenplan: string;
  akte_id: string;
  regeln: Regel[];
  stabil_sekunden: number;
  aktiv: boolean;
  created_at: Date;
};

export type Eingangsordner = {
  id: string;
  tenantId: string;
  name: string;
  pfad: string;
  oe: string | null;
  aktenplan: string;
  akteId: string;
  regeln: Regel[];
  stabilSekunden: number;
  aktiv: boolean;
  createdAt: string;
};

const toOrdner = (tenantId: string, r: OrdnerRow): Eingangsordner => ({
  id: r.id,
  tenantId,
  name: r.name,
  pfad: r.pfad,
  oe: r.oe,
  aktenplan: r.aktenplan,
  akteId: r.akte_id,
  regeln: r.regeln,
  stabilSekunden: r.stabil_sekunden,
  aktiv: r.aktiv,
  createdAt: r.created_at.toISOString(),
});

const COLUMNS = sql`id, name, pfad, oe, aktenplan, akte_id, regeln, stabil_sekunden, aktiv, created_at`;

export async function insertOrdner(
  trx: TenantTrx,
  o: {
    name: string;
    pfad: string;
    oe: string | null;
    aktenplan: string;
    akteId: string;
    regeln: Regel[];
    stabilSekunden: number;
    actor: string;
  },
) {
  const { rows } = await sql<OrdnerRow>`insert into eingangsordner
      (tenant_id, name, pfad, oe, aktenplan, akte_id, regeln, stabil_sekunden, created_by)
    values (${trx.tenantId}, ${o.name}, ${o.pfad}, ${o.oe}, ${o.aktenplan}, ${o.akteId}::uuid,
            ${JSON.stringify(o.regeln)}::jsonb, ${o.stabilSekunden}, ${o.actor})
    on conflict (tenant_id, pfad) do nothing
    returning ${COLUMNS}`.execute(trx);
  return rows[0] ? toOrdner(trx.tenantId, rows[0]) : undefined;
}

export async function listOrdner(trx: TenantTrx, { nurAktive = false }: { nurAktive?: boolean } = {}) {
  const { rows } = await sql<OrdnerRow>`select ${COLUMNS} from eingangsordner
    ${nurAktive ? sql`where aktiv` : sql``} order by name`.execute(trx);
  return rows.map((r) => toOrdner(trx.tenantId, r));
}

export async function findOrdner(trx: TenantTrx, id: string) {
  const { rows } = await sql<OrdnerRow>`select ${COLUMNS} from eingangsordner where id = ${id}::uuid`.execute(
    trx,
  );
  return rows[0] ? toOrdner(trx.tenantId, rows[0]) : undefined;
}

export async function updateOrdner(
  trx: TenantTrx,
  id: string,
  change: { name?: string; regeln?: Regel[]; stabilSekunden?: number; aktiv?: boolean },
) {
  const set = [
    ...(change.name !== undefined ? [sql`name = ${change.name}`] : []),
    ...(change.regeln !== undefined ? [sql`regeln = ${JSON.stringify(change.regeln)}::jsonb`] : []),
    ...(change.stabilSekunden !== undefined ? [sql`stabil_sekunden = ${change.stabilSekunden}`] : []),
    ...(change.aktiv !== undefined ? [sql`aktiv = ${change.aktiv}`] : []),
    sql`updated_at = now()`,
  ];
  await sql`update eingangsordner set ${sql.join(set)} where id = ${id}::uuid`.execute(trx);
}

/** The Akte (`akte:<Kennzeichen>`) or Vorgang (`vorgang:…`) a key of the folder leads to, if created. */
export async function findZiel(
  trx: TenantTrx,
  { ordnerId, schluessel }: { ordnerId: string; schluessel: string },
) {
  const { rows } = await sql<{ akte_id: string | null; vorgang_id: string | null }>`
    select akte_id, vorgang_id from eingangsordner_ziele
    where ordner_id = ${ordnerId}::uuid and schluessel = ${schluessel}`.execute(trx);
  return rows[0] ? (rows[0].akte_id ?? rows[0].vorgang_id ?? undefined) : undefined;
}

export async function insertZiel(
  trx: TenantTrx,
  z: { ordnerId: string; schluessel: string; akteId?: string; vorgangId?: string },
) {
  await sql`insert into eingangsordner_ziele (tenant_id, ordner_id, schluessel, akte_id, vorgang_id)
    values (${trx.tenantId}, ${z.ordnerId}::uuid, ${z.schluessel}, ${z.akteId ?? null}::uuid,
            ${z.vorgangId ?? null}::uuid)`.execute(trx);
}

export type DateiStatus = 'abgelegt' | 'duplikat' | 'fehler';

export async function insertDateiLog(
  trx: TenantTrx,
  e: {
    ordnerId: string;
    pfad: string;
    sha256?: string | null;
    status: DateiStatus;
    dokumentId?: string | null;
    grund?: string | null;
  },
) {
  await sql`insert into eingangsordner_dateien (tenant_id, ordner_id, pfad, sha256, status, dokument_id, grund)
    values (${trx.tenantId}, ${e.ordnerId}::uuid, ${e.pfad}, ${e.sha256 ?? null}, ${e.status},
            ${e.dokumentId ?? null}::uuid, ${e.grund?.slice(0, 2000) ?? null})`.execute(trx);
}

/** Whether this very file (path and bytes) was filed from the folder: a leftover of a crash after commit. */
export async function wasFiled(
  trx: TenantTrx,
  { ordnerId, pfad, sha256 }: { ordnerId: string; pfad: string; sha256: string },
) {
  const { rows } = await sql<{ ok: number }>`select 1 as ok from eingangsordner_dateien
    where ordner_id = ${ordnerId}::uuid and pfad = ${pfad} and sha256 = ${sha256} and status = 'abgelegt' limit 1`.execute(
    trx,
  );
  return rows.length > 0;
}

export async function listDateiLog(trx: TenantTrx, { ordnerId, limit }: { ordnerId: string; limit: number }) {
  const { rows } = await sql<{
    pfad: string;
    status: DateiStatus;
    dokument_id: string | null;
    grund: string | null;
    created_at: Date;
  }>`
    select pfad, status, dokument_id, grund, created_at from eingangsordner_dateien
    where ordner_id = ${ordnerId}::uuid order by id desc limit ${limit}`.execute(trx);
  return rows.map((r) => ({
    pfad: r.pfad,
    status: r.status,
    dokumentId: r.dokument_id,
    grund: r.grund,
    zeitpunkt: r.created_at.toISOString(),
  }));
}
