import { type Selectable, sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { AuditEventsTable } from '../../../platform/database/database.types.ts';
import { iso } from '../records.models.ts';
import { type Page, selectPage } from '../records.repository.ts';
import { type Viewer, vorgangVisible } from '../viewer/viewer.ts';
import { externeReferenzTaken } from './vorgaenge.errors.ts';
import type { Vorgang, VorgangStatus } from './vorgaenge.models.ts';

export type VorgangRow = {
  id: string;
  akte_id: string;
  betreff: string;
  status: VorgangStatus;
  eingangsdatum: string;
  frist: string | null;
  wiedervorlage: string | null;
  zustaendig_user_id: string | null;
  zustaendig_oe_id: string | null;
  externe_referenz: string | null;
  created_at: Date;
  aktenzeichen: string;
  akte_titel: string;
  akte_status: 'offen' | 'zda';
  person: string | null;
  oe_name: string | null;
  dokumente: string;
};

/** A Vorgang with its Akte, assignee names and document count; aliases `vg` and `a` for the viewer rule. */
export const VORGANG_SELECT = sql`
  select vg.*, a.aktenzeichen, a.titel as akte_titel, a.status as akte_status,
         us.display_name as person, o.name as oe_name,
         (select count(*) from dokumente dc where dc.vorgang_id = vg.id) as dokumente
  from vorgaenge vg
  join akten a on a.id = vg.akte_id
  left join users us on us.id = vg.zustaendig_user_id
  left join org_units o on o.id = vg.zustaendig_oe_id`;

export const toVorgang = (r: VorgangRow): Vorgang => ({
  id: r.id,
  akteId: r.akte_id,
  aktenzeichen: r.aktenzeichen,
  akteTitel: r.akte_titel,
  betreff: r.betreff,
  status: r.status,
  eingangsdatum: r.eingangsdatum,
  frist: r.frist,
  wiedervorlage: r.wiedervorlage,
  zustaendigUserId: r.zustaendig_user_id,
  zustaendigPerson: r.person ?? null,
  zustaendigOeId: r.zustaendig_oe_id,
  zustaendigOe: r.oe_name ?? null,
  externeReferenz: r.externe_referenz,
  createdAt: iso(r.created_at)!,
  dokumente: Number(r.dokumente),
  akteStatus: r.akte_status,
});

export type VorgaengeFilter = {
  akteId?: string;
  status?: string;
  externeReferenz?: string;
  aktenzeichen?: string;
};

export async function findVisibleVorgang(trx: TenantTrx, { viewer, id }: { viewer: Viewer; id: string }) {
  const { rows } =
    await sql<VorgangRow>`${VORGANG_SELECT} where vg.id = ${id}::uuid and ${vorgangVisible(viewer)}`.execute(
      trx,
    );
  return rows[0] ? toVorgang(rows[0]) : undefined;
}

/** Vorgänge newest first, filtered by Akte, status, external reference or Aktenzeichen (exact). */
export async function listVisibleVorgaenge(
  trx: TenantTrx,
  { viewer, filter, page }: { viewer: Viewer; filter: VorgaengeFilter; page: Page },
) {
  const { akteId, status, externeReferenz, aktenzeichen } = filter;
  return selectPage(trx, {
    select: VORGANG_SELECT,
    from: sql`vorgaenge vg join akten a on a.id = vg.akte_id`,
    where: [
      vorgangVisible(viewer),
      akteId && sql`vg.akte_id = ${akteId}::uuid`,
      status && sql`vg.status = ${status}`,
      externeReferenz && sql`vg.externe_referenz = ${externeReferenz}`,
      aktenzeichen && sql`a.aktenzeichen = ${aktenzeichen}`,
    ],
    orderBy: sql`vg.created_at desc, vg.id`,
    page,
    map: toVorgang,
  });
}

export type VorgangValues = {
  akte_id: string;
  betreff: string;
  eingangsdatum?: string;
  frist: string | null;
  wiedervorlage: string | null;
  zustaendig_user_id: string | null;
  zustaendig_oe_id: string | null;
  externe_referenz: string | null;
  created_by: string;
  fachverfahren_id?: string;
};

export async function insertVorgang(trx: TenantTrx, values: VorgangValues) {
  return trx
    .insertInto('vorgaenge')
    .values({ tenant_id: trx.tenantId, ...values } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: { code?: string; constraint?: string }) => {
      if (error.code === '23505' && error.constraint === 'vorgaenge_fachverfahren_ref')
        throw externeReferenzTaken(values.externe_referenz);
      throw error;
    });
}

export async function updateVorgang(
  trx: TenantTrx,
  { id, set }: { id: string; set: Record<string, unknown> },
) {
  await trx.updateTable('vorgaenge').set(set).where('id', '=', id).execute();
}

type HistoryRow = Pick<
  Selectable<AuditEventsTable>,
  'seq' | 'occurred_at' | 'actor' | 'action' | 'object_type' | 'object_id' | 'data'
>;

/** The audit events of a Vorgang and its documents, newest first (at most 200). */
export async function listVorgangHistory(trx: TenantTrx, vorgangId: string) {
  const { rows } = await sql<HistoryRow>`
    select seq, occurred_at, actor, action, object_type, object_id, data from audit_events
    where object_id = ${vorgangId}
       or object_id in (select id::text from dokumente where vorgang_id = ${vorgangId}::uuid)
    order by seq desc limit 200`.execute(trx);
  return rows.map((r) => ({
    seq: Number(r.seq),
    zeit: r.occurred_at.toISOString(),
    akteur: r.actor,
    aktion: r.action,
    objektTyp: r.object_type,
    objektId: r.object_id,
    daten: r.data,
  }));
}
