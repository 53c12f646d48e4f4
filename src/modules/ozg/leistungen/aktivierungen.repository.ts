import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../../platform/database/database.ts';
import type { Activation } from './aktivierungen.models.ts';

/** A county's activation of a service with what filing an Antrag needs to know of its Akte. */
export async function activationOf(database: DatabaseHandle, tenantId: string, leistungId: string) {
  const [row] = await database.executeAsTenant(
    tenantId,
    sql<Activation>`select la.aktiv, la.akte_id, la.zustaendig_oe_id, a.status as akte_status, a.unit_id,
       a.vertraulichkeit, a.aktenzeichen, a.titel as akte_titel, u.kennzeichen
     from leistung_aktivierungen la left join akten a on a.id = la.akte_id
     left join aktenplan_units u on u.id = a.unit_id where la.leistung_id = ${leistungId}`,
  );
  return row;
}

/** Every Verbund service with the county's activation (if any) and the short name of its OE. */
export async function listActivations(trx: TenantTrx) {
  const { rows } = await sql<{
    id: string;
    name: string;
    leika: string;
    aktiv: boolean | null;
    kennzeichen: string | null;
    akte_id: string | null;
    oe: string | null;
  }>`
    select l.id, l.name, l.leika, a.aktiv, a.kennzeichen, a.akte_id, o.kuerzel as oe
    from leistungen l left join leistung_aktivierungen a on a.leistung_id = l.id
    left join org_units o on o.id = a.zustaendig_oe_id order by l.name`.execute(trx);
  return rows.map((r) => ({
    leistungId: r.id,
    name: r.name,
    leika: r.leika,
    aktiv: r.aktiv ?? false,
    kennzeichen: r.kennzeichen ?? null,
    akteId: r.akte_id ?? null,
    oe: r.oe ?? null,
  }));
}

/** The county's activation row of a service, locked for the change. */
export async function lockActivation(trx: TenantTrx, leistungId: string) {
  const { rows } = await sql<{ kennzeichen: string; akte_id: string | null; aktiv: boolean }>`
    select kennzeichen, akte_id, aktiv from leistung_aktivierungen where leistung_id = ${leistungId} for update`.execute(
    trx,
  );
  return rows[0];
}

/** The short name of the OE now responsible for the service, if any. */
export async function currentOe(trx: TenantTrx, leistungId: string) {
  const { rows } = await sql<{
    kuerzel: string;
  }>`select o.kuerzel from leistung_aktivierungen a join org_units o on o.id = a.zustaendig_oe_id
    where a.leistung_id = ${leistungId}`.execute(trx);
  return rows[0]?.kuerzel;
}

/** An OE by its short name or id. */
export async function oeByRef(trx: TenantTrx, ref: string) {
  const { rows } = await sql<{
    id: string;
  }>`select id from org_units where kuerzel = ${ref} or id::text = ${ref}`.execute(trx);
  return rows[0];
}

export async function upsertActivation(
  trx: TenantTrx,
  input: {
    leistungId: string;
    aktiv: boolean;
    kennzeichen: string;
    akteId: string | null;
    oeId: string | null;
  },
) {
  await sql`
    insert into leistung_aktivierungen (tenant_id, leistung_id, aktiv, kennzeichen, akte_id, zustaendig_oe_id)
    values (${trx.tenantId}, ${input.leistungId}, ${input.aktiv}, ${input.kennzeichen}, ${input.akteId}::uuid, ${input.oeId}::uuid)
    on conflict (tenant_id, leistung_id) do update set aktiv = excluded.aktiv, kennzeichen = excluded.kennzeichen,
      akte_id = excluded.akte_id, zustaendig_oe_id = excluded.zustaendig_oe_id, updated_at = now()`.execute(
    trx,
  );
}

/** Whether the county of `trx` offers the service now (live data, for starting a portal draft). */
export async function isActive(trx: TenantTrx, leistungId: string) {
  const { rows } = await sql<{
    aktiv: boolean;
  }>`select aktiv from leistung_aktivierungen where leistung_id = ${leistungId}`.execute(trx);
  return rows[0]?.aktiv ?? false;
}
