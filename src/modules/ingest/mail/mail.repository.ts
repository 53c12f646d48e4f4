import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';

// All SQL of e-mail intake: the intake addresses, the one cross-county lookup, the message log.

type EingangRow = {
  id: string;
  adresse: string;
  name: string;
  oe: string | null;
  akte_id: string;
  absender: string[];
  aktiv: boolean;
};

export type MailEingang = {
  id: string;
  adresse: string;
  name: string;
  oe: string | null;
  akteId: string;
  absender: string[];
  aktiv: boolean;
};

const toEingang = (r: EingangRow): MailEingang => ({
  id: r.id,
  adresse: r.adresse,
  name: r.name,
  oe: r.oe,
  akteId: r.akte_id,
  absender: r.absender,
  aktiv: r.aktiv,
});
const COLUMNS = sql`id, adresse, name, oe, akte_id, absender, aktiv`;

/** The county and intake of a recipient (SECURITY DEFINER mail_eingang_fuer: active addresses only). */
export async function unsafeLookupRecipient(database: DatabaseHandle, address: string) {
  const { rows } = await sql<{ tenant_id: string; id: string; absender: string[] }>`
    select * from mail_eingang_fuer(${address})`.execute(database.db);
  return rows[0] ? { tenantId: rows[0].tenant_id, id: rows[0].id, absender: rows[0].absender } : undefined;
}

/** Inserts an intake; undefined when the address is taken (in any county). */
export async function insertEingang(
  trx: TenantTrx,
  e: { adresse: string; name: string; oe: string | null; akteId: string; absender: string[]; actor: string },
) {
  try {
    const { rows } =
      await sql<EingangRow>`insert into mail_eingaenge (tenant_id, adresse, name, oe, akte_id, absender, created_by)
      values (${trx.tenantId}, ${e.adresse}, ${e.name}, ${e.oe}, ${e.akteId}::uuid, ${e.absender}::text[], ${e.actor})
      returning ${COLUMNS}`.execute(trx);
    return toEingang(rows[0]!);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return undefined;
    throw error;
  }
}

export async function findEingang(trx: TenantTrx, id: string) {
  const { rows } =
    await sql<EingangRow>`select ${COLUMNS} from mail_eingaenge where id = ${id}::uuid`.execute(trx);
  return rows[0] ? toEingang(rows[0]) : undefined;
}

export async function listEingaenge(trx: TenantTrx) {
  const { rows } = await sql<EingangRow>`select ${COLUMNS} from mail_eingaenge order by adresse`.execute(trx);
  return rows.map(toEingang);
}

export async function insertNachricht(
  trx: TenantTrx,
  n: {
    eingangId: string;
    messageId: string | null;
    sha256: string;
    status: 'abgelegt' | 'duplikat';
    dokumentId: string | null;
  },
) {
  await sql`insert into mail_nachrichten (tenant_id, eingang_id, message_id, sha256, status, dokument_id)
    values (${trx.tenantId}, ${n.eingangId}::uuid, ${n.messageId?.slice(0, 1000) ?? null}, ${n.sha256}, ${n.status},
            ${n.dokumentId}::uuid)`.execute(trx);
}

export async function listNachrichten(trx: TenantTrx, eingangId: string) {
  const { rows } = await sql<{
    message_id: string | null;
    status: string;
    dokument_id: string | null;
    created_at: Date;
  }>`
    select message_id, status, dokument_id, created_at from mail_nachrichten where eingang_id = ${eingangId}::uuid
    order by id desc limit 50`.execute(trx);
  return rows.map((r) => ({
    messageId: r.message_id,
    status: r.status,
    dokumentId: r.dokument_id,
    zeitpunkt: r.created_at.toISOString(),
  }));
}
