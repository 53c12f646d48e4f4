import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { iso } from '../records.models.ts';
import { type Page, selectPage } from '../records.repository.ts';
import { akteVisible, type Viewer } from '../viewer/viewer.ts';
import type { Akte, AktenFilter, AkteStatus } from './akten.models.ts';

type AkteRow = {
  id: string;
  aktenzeichen: string;
  titel: string;
  status: AkteStatus;
  vertraulichkeit: Vertraulichkeit;
  created_at: Date;
  closed_at: Date | null;
  unit_id: string;
  kennzeichen: string;
  unit_titel: string;
  oe_id: string | null;
  oe_kuerzel: string | null;
  oe_name: string | null;
  vorgaenge: string;
};

const AKTE_SELECT = sql`
  select a.id, a.aktenzeichen, a.titel, a.status, a.vertraulichkeit, a.created_at, a.closed_at,
         u.id as unit_id, u.kennzeichen, u.titel as unit_titel,
         o.id as oe_id, o.kuerzel as oe_kuerzel, o.name as oe_name,
         (select count(*) from vorgaenge vc where vc.akte_id = a.id) as vorgaenge
  from akten a
  join aktenplan_units u on u.id = a.unit_id
  left join org_units o on o.id = a.federfuehrende_oe_id`;

const toAkte = (r: AkteRow): Akte => ({
  id: r.id,
  aktenzeichen: r.aktenzeichen,
  titel: r.titel,
  status: r.status,
  vertraulichkeit: r.vertraulichkeit,
  aktenplan: { id: r.unit_id, kennzeichen: r.kennzeichen, titel: r.unit_titel },
  federfuehrendeOe: r.oe_id ? { id: r.oe_id, kuerzel: r.oe_kuerzel!, name: r.oe_name! } : null,
  createdAt: iso(r.created_at)!,
  closedAt: iso(r.closed_at),
  vorgaenge: Number(r.vorgaenge),
});

export async function findVisibleAkte(trx: TenantTrx, { viewer, id }: { viewer: Viewer; id: string }) {
  const { rows } =
    await sql<AkteRow>`${AKTE_SELECT} where a.id = ${id}::uuid and ${akteVisible(viewer)}`.execute(trx);
  return rows[0] ? toAkte(rows[0]) : undefined;
}

/** Akten newest first, filtered by Aktenplan unit (and below), status, and text in title or Aktenzeichen. */
export async function listVisibleAkten(
  trx: TenantTrx,
  { viewer, filter: { aktenplan, status, q }, page }: { viewer: Viewer; filter: AktenFilter; page: Page },
) {
  const where = [
    akteVisible(viewer),
    aktenplan && sql`(u.kennzeichen = ${aktenplan} or u.kennzeichen like ${`${aktenplan}.%`})`,
    status && sql`a.status = ${status}`,
    q && sql`(a.titel ilike ${`%${q}%`} or a.aktenzeichen ilike ${`%${q}%`})`,
  ];
  const from = sql`akten a join aktenplan_units u on u.id = a.unit_id`;
  const orderBy = sql`a.created_at desc, a.id`;
  return selectPage(trx, { select: AKTE_SELECT, from, where, orderBy, page, map: toAkte });
}

export async function updateAkteStatus(trx: TenantTrx, { id, status }: { id: string; status: AkteStatus }) {
  await trx
    .updateTable('akten')
    .set({ status, closed_at: status === 'zda' ? new Date() : null })
    .where('id', '=', id)
    .execute();
}

/** The next number of the unit's Aktenzeichen counter (per year, or 0 for a pattern without year). */
export async function nextAktenzeichenNr(trx: TenantTrx, { unitId, jahr }: { unitId: string; jahr: number }) {
  const counter = await sql<{ letzte_nr: number }>`
    insert into aktenzeichen_counters (tenant_id, unit_id, jahr, letzte_nr)
    values (${trx.tenantId}, ${unitId}, ${jahr}, 1)
    on conflict (tenant_id, unit_id, jahr) do update set letzte_nr = aktenzeichen_counters.letzte_nr + 1
    returning letzte_nr`.execute(trx);
  return counter.rows[0]!.letzte_nr;
}

export async function kreisschluesselOf(trx: TenantTrx) {
  const tenant = await trx
    .selectFrom('tenants')
    .select('kreisschluessel')
    .where('id', '=', trx.tenantId)
    .executeTakeFirstOrThrow();
  return tenant.kreisschluessel;
}

export async function insertAkte(
  trx: TenantTrx,
  akte: {
    unitId: string;
    aktenzeichen: string;
    titel: string;
    oeId: string | null;
    vertraulichkeit: Vertraulichkeit;
    createdBy: string;
  },
) {
  return trx
    .insertInto('akten')
    .values({
      tenant_id: trx.tenantId,
      unit_id: akte.unitId,
      aktenzeichen: akte.aktenzeichen,
      titel: akte.titel,
      federfuehrende_oe_id: akte.oeId,
      vertraulichkeit: akte.vertraulichkeit,
      created_by: akte.createdBy,
    })
    .returning(['id', 'aktenzeichen'])
    .executeTakeFirstOrThrow();
}
