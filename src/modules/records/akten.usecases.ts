import { sql } from 'kysely';
import type { DatabaseHandle, TenantTrx } from '../../platform/database/database.ts';
import type { Vertraulichkeit } from '../../platform/database/database.types.ts';
import { actorOf, hasRole, type Principal } from '../../platform/http/principal.ts';
import { recordEventInTrx } from '../../platform/outbox/outbox.ts';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../shared/errors.ts';
import { appendAuditEvent } from '../audit/audit.repository.ts';
import {
  canWrite,
  DEFAULT_AKTENZEICHEN_MUSTER,
  formatAktenzeichen,
  type VorgangStatus,
} from './records.models.ts';
import { akteVisible, type Viewer, viewerOf, vorgangVisible } from './viewer.ts';

export type Akte = {
  id: string;
  aktenzeichen: string;
  titel: string;
  status: 'offen' | 'zda';
  vertraulichkeit: Vertraulichkeit;
  aktenplan: { id: string; kennzeichen: string; titel: string };
  federfuehrendeOe: { id: string; kuerzel: string; name: string } | null;
  createdAt: string;
  closedAt: string | null;
  vorgaenge: number;
};

export type Vorgang = {
  id: string;
  akteId: string;
  aktenzeichen: string;
  akteTitel: string;
  betreff: string;
  status: VorgangStatus;
  eingangsdatum: string;
  frist: string | null;
  wiedervorlage: string | null;
  zustaendigUserId: string | null;
  zustaendigPerson: string | null;
  zustaendigOeId: string | null;
  zustaendigOe: string | null;
  externeReferenz: string | null;
  createdAt: string;
  dokumente: number;
  akteStatus: 'offen' | 'zda';
};

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

const AKTE_SELECT = sql`
  select a.id, a.aktenzeichen, a.titel, a.status, a.vertraulichkeit, a.created_at, a.closed_at,
         u.id as unit_id, u.kennzeichen, u.titel as unit_titel,
         o.id as oe_id, o.kuerzel as oe_kuerzel, o.name as oe_name,
         (select count(*) from vorgaenge vc where vc.akte_id = a.id) as vorgaenge
  from akten a
  join aktenplan_units u on u.id = a.unit_id
  left join org_units o on o.id = a.federfuehrende_oe_id`;

// biome-ignore lint/suspicious/noExplicitAny: raw rows
const toAkte = (r: any): Akte => ({
  id: r.id,
  aktenzeichen: r.aktenzeichen,
  titel: r.titel,
  status: r.status,
  vertraulichkeit: r.vertraulichkeit,
  aktenplan: { id: r.unit_id, kennzeichen: r.kennzeichen, titel: r.unit_titel },
  federfuehrendeOe: r.oe_id ? { id: r.oe_id, kuerzel: r.oe_kuerzel, name: r.oe_name } : null,
  createdAt: iso(r.created_at)!,
  closedAt: iso(r.closed_at),
  vorgaenge: Number(r.vorgaenge),
});

const VORGANG_SELECT = sql`
  select vg.*, a.aktenzeichen, a.titel as akte_titel, a.status as akte_status,
         us.display_name as person, o.name as oe_name,
         (select count(*) from dokumente dc where dc.vorgang_id = vg.id) as dokumente
  from vorgaenge vg
  join akten a on a.id = vg.akte_id
  left join users us on us.id = vg.zustaendig_user_id
  left join org_units o on o.id = vg.zustaendig_oe_id`;

// biome-ignore lint/suspicious/noExplicitAny: raw rows
export const toVorgang = (r: any): Vorgang => ({
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

export const requireWriter = (principal: Principal) => {
  if (!canWrite(principal))
    throw forbidden(
      'requires sachbearbeitung, leitung or kreis-admin',
      'Mit Lesezugriff können Sie nichts ändern.',
    );
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export function checkDate(value: string | null | undefined, field: string) {
  if (value === null || value === undefined || value === '') return null;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw badRequest(
      'request.invalid_date',
      `${field} must be YYYY-MM-DD`,
      `${field}: Datum im Format JJJJ-MM-TT.`,
    );
  return value;
}

export async function resolveOrgUnit(
  trx: TenantTrx,
  ref: string | null | undefined,
  { trustedId = false }: { trustedId?: boolean } = {},
) {
  if (!ref) return null;
  // An id the caller read from this county's own data needs no lookup (the foreign key checks it).
  if (trustedId && /^[0-9a-f-]{36}$/i.test(ref)) return ref;
  const row = await trx
    .selectFrom('org_units')
    .select('id')
    .where((eb) => (/^[0-9a-f-]{36}$/i.test(ref) ? eb('id', '=', ref) : eb('kuerzel', '=', ref)))
    .executeTakeFirst();
  if (!row)
    throw badRequest(
      'org_unit.unknown',
      `unknown org unit ${ref}`,
      `Die Organisationseinheit „${ref}“ gibt es nicht.`,
    );
  return row.id;
}

async function resolveUser(trx: TenantTrx, ref: string | null | undefined) {
  if (!ref) return null;
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where((eb) => (/^[0-9a-f-]{36}$/i.test(ref) ? eb('id', '=', ref) : eb('login', '=', ref)))
    .executeTakeFirst();
  if (!row) throw badRequest('user.unknown', `unknown user ${ref}`, `Die Person „${ref}“ gibt es nicht.`);
  return row.id;
}

export async function loadVisibleAkte(trx: TenantTrx, viewer: Viewer, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('akte', 'Die Akte');
  const { rows } = await sql`${AKTE_SELECT} where a.id = ${id}::uuid and ${akteVisible(viewer)}`.execute(trx);
  if (rows.length === 0) throw notFound('akte', 'Die Akte');
  return toAkte(rows[0]);
}

export async function loadVisibleVorgang(trx: TenantTrx, viewer: Viewer, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('vorgang', 'Der Vorgang');
  const { rows } =
    await sql`${VORGANG_SELECT} where vg.id = ${id}::uuid and ${vorgangVisible(viewer)}`.execute(trx);
  if (rows.length === 0) throw notFound('vorgang', 'Der Vorgang');
  return toVorgang(rows[0]);
}

export type CreateAkteInput = {
  titel: string;
  aktenplan?: string;
  federfuehrendeOe?: string | null;
  vertraulichkeit?: Vertraulichkeit;
};

/** Creates an Akte with the next Aktenzeichen of its unit (and year) in the caller's transaction. */
export async function createAkteInTrx(trx: TenantTrx, actor: string, input: CreateAkteInput) {
  const settings = await trx.selectFrom('records_settings').selectAll().executeTakeFirst();
  const kennzeichen = input.aktenplan ?? settings?.default_kennzeichen;
  if (!kennzeichen)
    throw badRequest('akte.no_unit', 'no Aktenplan unit given', 'Bitte eine Aktenplaneinheit angeben.');
  const unit = await trx
    .selectFrom('aktenplan_units')
    .selectAll()
    .where('kennzeichen', '=', kennzeichen)
    .executeTakeFirst();
  if (!unit)
    throw badRequest(
      'aktenplan.unknown_unit',
      `no Aktenplan unit ${kennzeichen}`,
      `Die Aktenplaneinheit „${kennzeichen}“ gibt es nicht.`,
    );
  const muster = settings?.aktenzeichen_muster ?? DEFAULT_AKTENZEICHEN_MUSTER;
  const jahr = new Date().getFullYear();
  const counterYear = muster.includes('{jahr') ? jahr : 0;
  const counter = await sql<{ letzte_nr: number }>`
    insert into aktenzeichen_counters (tenant_id, unit_id, jahr, letzte_nr)
    values (${trx.tenantId}, ${unit.id}, ${counterYear}, 1)
    on conflict (tenant_id, unit_id, jahr) do update set letzte_nr = aktenzeichen_counters.letzte_nr + 1
    returning letzte_nr`.execute(trx);
  const tenant = await trx
    .selectFrom('tenants')
    .select('kreisschluessel')
    .where('id', '=', trx.tenantId)
    .executeTakeFirstOrThrow();
  const aktenzeichen = formatAktenzeichen(muster, {
    kennzeichen: unit.kennzeichen,
    nr: counter.rows[0]!.letzte_nr,
    jahr,
    kreisschluessel: tenant.kreisschluessel,
  });
  const oeId = await resolveOrgUnit(trx, input.federfuehrendeOe);
  const row = await trx
    .insertInto('akten')
    .values({
      tenant_id: trx.tenantId,
      unit_id: unit.id,
      aktenzeichen,
      titel: input.titel,
      federfuehrende_oe_id: oeId,
      vertraulichkeit: input.vertraulichkeit ?? unit.vertraulichkeit,
      created_by: actor,
    })
    .returning(['id', 'aktenzeichen'])
    .executeTakeFirstOrThrow();
  await appendAuditEvent(trx, {
    actor,
    action: 'records.akte_created',
    objectType: 'akte',
    objectId: row.id,
    data: { aktenzeichen, titel: input.titel, aktenplan: unit.kennzeichen },
  });
  return row;
}

export type CreateVorgangInput = {
  betreff: string;
  eingangsdatum?: string | null;
  frist?: string | null;
  wiedervorlage?: string | null;
  zustaendigPerson?: string | null;
  zustaendigOe?: string | null;
  externeReferenz?: string | null;
  /** The Fachverfahren creating it: its external reference is unique per county and Fachverfahren. */
  fachverfahrenId?: string | null;
  /** zustaendigOe is an id read from the county's own data (no lookup needed). */
  zustaendigOeIstId?: boolean;
};

export async function createVorgangInTrx(
  trx: TenantTrx,
  actor: string,
  akteId: string,
  input: CreateVorgangInput,
  options: { audit?: boolean } = {},
) {
  const values = {
    tenant_id: trx.tenantId,
    akte_id: akteId,
    betreff: input.betreff,
    eingangsdatum: checkDate(input.eingangsdatum, 'eingangsdatum') ?? undefined,
    frist: checkDate(input.frist, 'frist'),
    wiedervorlage: checkDate(input.wiedervorlage, 'wiedervorlage'),
    zustaendig_user_id: await resolveUser(trx, input.zustaendigPerson),
    zustaendig_oe_id: await resolveOrgUnit(trx, input.zustaendigOe, { trustedId: input.zustaendigOeIstId }),
    externe_referenz: input.externeReferenz?.trim() || null,
    created_by: actor,
    ...(input.fachverfahrenId ? { fachverfahren_id: input.fachverfahrenId } : {}),
  };
  const row = await trx
    .insertInto('vorgaenge')
    .values(values as never)
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error: { code?: string; constraint?: string }) => {
      if (error.code === '23505' && error.constraint === 'vorgaenge_fachverfahren_ref')
        throw conflict(
          'vorgang.externe_referenz',
          'external reference already used by this Fachverfahren',
          `Die externe Referenz „${values.externe_referenz}“ ist bei diesem Fachverfahren schon vergeben.`,
        );
      throw error;
    });
  // A caller that records the whole change in one event of its own skips this one.
  if (options.audit === false) return row;
  await appendAuditEvent(trx, {
    actor,
    action: 'records.vorgang_created',
    objectType: 'vorgang',
    objectId: row.id,
    data: { akteId, betreff: input.betreff },
  });
  return row;
}

export type Page = { limit: number; offset: number };

export function createAktenUsecases({ database }: { database: DatabaseHandle }) {
  const inTenant = <T>(principal: Principal, work: (trx: TenantTrx, viewer: Viewer) => Promise<T>) =>
    database.withTenant(principal.tenantId, async (trx) => work(trx, await viewerOf(trx, principal)));

  return {
    inTenant,

    async createAkte(principal: Principal, input: CreateAkteInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx) => createAkteInTrx(trx, actorOf(principal), input));
    },

    async listAkten(
      principal: Principal,
      filter: { aktenplan?: string; status?: 'offen' | 'zda'; q?: string },
      page: Page,
    ) {
      return inTenant(principal, async (trx, viewer) => {
        const where = [sql`${akteVisible(viewer)}`];
        if (filter.aktenplan)
          where.push(
            sql`(u.kennzeichen = ${filter.aktenplan} or u.kennzeichen like ${`${filter.aktenplan}.%`})`,
          );
        if (filter.status) where.push(sql`a.status = ${filter.status}`);
        if (filter.q)
          where.push(sql`(a.titel ilike ${`%${filter.q}%`} or a.aktenzeichen ilike ${`%${filter.q}%`})`);
        const condition = sql.join(where, sql` and `);
        const { rows } = await sql`${AKTE_SELECT} where ${condition}
          order by a.created_at desc, a.id limit ${page.limit} offset ${page.offset}`.execute(trx);
        const total = await sql<{ n: string }>`select count(*) as n from akten a
          join aktenplan_units u on u.id = a.unit_id where ${condition}`.execute(trx);
        return { items: rows.map(toAkte), total: Number(total.rows[0]!.n) };
      });
    },

    async getAkte(principal: Principal, id: string) {
      return inTenant(principal, (trx, viewer) => loadVisibleAkte(trx, viewer, id));
    },

    /** z.d.A. (zu den Akten): freezes the Akte. Reopening needs the role leitung. Both audited. */
    async setAkteStatus(principal: Principal, id: string, status: 'offen' | 'zda', begruendung?: string) {
      requireWriter(principal);
      if (status === 'offen' && !hasRole(principal, 'leitung'))
        throw forbidden(
          'reopening requires leitung',
          'Eine z.d.A. verfügte Akte kann nur die Leitung wieder öffnen.',
        );
      return inTenant(principal, async (trx, viewer) => {
        const akte = await loadVisibleAkte(trx, viewer, id);
        if (akte.status === status)
          throw new AppError({
            code: 'akte.status_unchanged',
            status: 409,
            message: `Akte already ${status}`,
            messageDe:
              status === 'zda' ? 'Die Akte ist bereits z.d.A. verfügt.' : 'Die Akte ist bereits offen.',
          });
        await trx
          .updateTable('akten')
          .set({ status, closed_at: status === 'zda' ? new Date() : null })
          .where('id', '=', id)
          .execute();
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: status === 'zda' ? 'records.akte_closed' : 'records.akte_reopened',
          objectType: 'akte',
          objectId: id,
          data: { aktenzeichen: akte.aktenzeichen, begruendung: begruendung ?? null },
        });
        return loadVisibleAkte(trx, viewer, id);
      });
    },

    async createVorgang(principal: Principal, akteId: string, input: CreateVorgangInput) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleAkte(trx, viewer, akteId);
        return createVorgangInTrx(trx, actorOf(principal), akteId, {
          ...input,
          fachverfahrenId: principal.fachverfahrenId ?? null,
        });
      });
    },

    async listVorgaenge(
      principal: Principal,
      filter: { akteId?: string; status?: string; externeReferenz?: string; aktenzeichen?: string },
      page: Page,
    ) {
      return inTenant(principal, async (trx, viewer) => {
        const where = [sql`${vorgangVisible(viewer)}`];
        if (filter.akteId) {
          if (!/^[0-9a-f-]{36}$/i.test(filter.akteId)) return { items: [], total: 0 };
          where.push(sql`vg.akte_id = ${filter.akteId}::uuid`);
        }
        if (filter.status) where.push(sql`vg.status = ${filter.status}`);
        if (filter.externeReferenz) where.push(sql`vg.externe_referenz = ${filter.externeReferenz}`);
        if (filter.aktenzeichen) where.push(sql`a.aktenzeichen = ${filter.aktenzeichen}`);
        const condition = sql.join(where, sql` and `);
        const { rows } = await sql`${VORGANG_SELECT} where ${condition}
          order by vg.created_at desc, vg.id limit ${page.limit} offset ${page.offset}`.execute(trx);
        const total = await sql<{ n: string }>`select count(*) as n from vorgaenge vg
          join akten a on a.id = vg.akte_id where ${condition}`.execute(trx);
        return { items: rows.map(toVorgang), total: Number(total.rows[0]!.n) };
      });
    },

    async getVorgang(principal: Principal, id: string) {
      return inTenant(principal, (trx, viewer) => loadVisibleVorgang(trx, viewer, id));
    },

    async updateVorgang(
      principal: Principal,
      id: string,
      input: Partial<CreateVorgangInput> & { status?: VorgangStatus },
    ) {
      requireWriter(principal);
      return inTenant(principal, async (trx, viewer) => {
        const before = await loadVisibleVorgang(trx, viewer, id);
        const set: Record<string, unknown> = { updated_at: new Date() };
        if (input.betreff !== undefined) set.betreff = input.betreff;
        if (input.status !== undefined) set.status = input.status;
        if (input.frist !== undefined) set.frist = checkDate(input.frist, 'frist');
        if (input.wiedervorlage !== undefined)
          set.wiedervorlage = checkDate(input.wiedervorlage, 'wiedervorlage');
        if (input.zustaendigPerson !== undefined)
          set.zustaendig_user_id = await resolveUser(trx, input.zustaendigPerson);
        if (input.zustaendigOe !== undefined)
          set.zustaendig_oe_id = await resolveOrgUnit(trx, input.zustaendigOe);
        if (input.externeReferenz !== undefined) set.externe_referenz = input.externeReferenz?.trim() || null;
        await trx.updateTable('vorgaenge').set(set).where('id', '=', id).execute();
        if (input.status !== undefined && input.status !== before.status)
          await recordEventInTrx(trx, {
            ereignis: 'vorgang.status',
            vorgangId: id,
            daten: {
              landkreis: { id: trx.tenantId },
              vorgang: {
                id,
                aktenzeichen: before.aktenzeichen,
                betreff: before.betreff,
                status: input.status,
                vorher: before.status,
                externeReferenz: before.externeReferenz,
              },
            },
          });
        const changed = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
        await appendAuditEvent(trx, {
          actor: actorOf(principal),
          action: 'records.vorgang_updated',
          objectType: 'vorgang',
          objectId: id,
          data: { vorher: { status: before.status }, ...changed },
        });
        // A person seeing their own change has seen the Vorgang.
        return loadVisibleVorgang(trx, viewer, id);
      });
    },

    /** History of a Vorgang and its documents, from the audit chain. */
    async history(principal: Principal, vorgangId: string) {
      return inTenant(principal, async (trx, viewer) => {
        await loadVisibleVorgang(trx, viewer, vorgangId);
        const { rows } = await sql<{
          seq: string;
          occurred_at: Date;
          actor: string;
          action: string;
          object_type: string;
          object_id: string;
          data: Record<string, unknown>;
        }>`select seq, occurred_at, actor, action, object_type, object_id, data from audit_events
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
      });
    },
  };
}

export type AktenUsecases = ReturnType<typeof createAktenUsecases>;
