import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { SitzungStatus } from './sitzungen.models.ts';

export type SitzungRow = {
  id: string;
  gremium_id: string;
  gremium: string;
  kuerzel: string;
  nummer: number;
  beginn: Date;
  ende: Date | null;
  ort: string | null;
  status: SitzungStatus;
  sequenz: number;
  created_at: Date;
  updated_at: Date;
};

export type TopRow = {
  id: string;
  sitzung_id: string;
  position: number;
  titel: string;
  oeffentlich: boolean;
  vorlage_id: string | null;
  drucksachen_nr: string | null;
  ergebnis: string | null;
  ja: number | null;
  nein: number | null;
  enthaltung: number | null;
};

const COLUMNS = sql`s.id, s.gremium_id, g.name as gremium, g.kuerzel, s.nummer, s.beginn, s.ende, s.ort, s.status,
  s.sequenz, s.created_at, s.updated_at`;

/** The next session number of a Gremium: its row is locked, so two creations cannot take the same. */
export async function nextSitzungNummer(trx: TenantTrx, gremiumId: string) {
  const locked = await sql`select 1 from gremien where id = ${gremiumId}::uuid for update`.execute(trx);
  if (locked.rows.length === 0) return null;
  const { rows } = await sql<{ n: number }>`select coalesce(max(nummer), 0) + 1 as n from sitzungen
    where gremium_id = ${gremiumId}::uuid`.execute(trx);
  return rows[0]!.n;
}

export async function insertSitzung(
  trx: TenantTrx,
  input: {
    gremiumId: string;
    nummer: number;
    beginn: string;
    ende: string | null;
    ort: string | null;
    createdBy: string;
  },
) {
  const { rows } = await sql<{ id: string }>`
    insert into sitzungen (tenant_id, gremium_id, nummer, beginn, ende, ort, created_by)
    values (${trx.tenantId}, ${input.gremiumId}::uuid, ${input.nummer}, ${input.beginn}::timestamptz,
            ${input.ende}::timestamptz, ${input.ort}, ${input.createdBy})
    returning id`.execute(trx);
  return (await findSitzung(trx, rows[0]!.id))!;
}

export async function findSitzung(trx: TenantTrx, id: string, { lock = false } = {}) {
  const { rows } =
    await sql<SitzungRow>`select ${COLUMNS} from sitzungen s join gremien g on g.id = s.gremium_id
    where s.id = ${id}::uuid ${lock ? sql`for update of s` : sql``}`.execute(trx);
  return rows[0] ?? null;
}

export async function listSitzungen(
  trx: TenantTrx,
  {
    gremiumId,
    von,
    bis,
    limit,
    offset,
  }: { gremiumId?: string; von?: string; bis?: string; limit: number; offset: number },
) {
  const where = [
    gremiumId && sql`s.gremium_id = ${gremiumId}::uuid`,
    von && sql`s.beginn >= ${von}::date`,
    bis && sql`s.beginn < ${bis}::date + 1`,
  ].filter((x) => !!x);
  const { rows } = await sql<SitzungRow & { total: string }>`
    select ${COLUMNS}, count(*) over () as total from sitzungen s join gremien g on g.id = s.gremium_id
    ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by s.beginn, s.id limit ${limit} offset ${offset}`.execute(trx);
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** Changes time, place or state; a change the public sees raises `sequenz` (iCal SEQUENCE). */
export async function updateSitzung(
  trx: TenantTrx,
  id: string,
  fields: { beginn?: string; ende?: string | null; ort?: string | null; status?: SitzungStatus },
) {
  const set = [
    fields.beginn !== undefined && sql`beginn = ${fields.beginn}::timestamptz`,
    fields.ende !== undefined && sql`ende = ${fields.ende}::timestamptz`,
    fields.ort !== undefined && sql`ort = ${fields.ort}`,
    fields.status !== undefined && sql`status = ${fields.status}`,
  ].filter((x) => x !== false);
  await sql`update sitzungen set ${sql.join([...set, sql`sequenz = sequenz + 1`, sql`updated_at = now()`])}
    where id = ${id}::uuid`.execute(trx);
  return (await findSitzung(trx, id))!;
}

export async function loadTagesordnung(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<TopRow>`
    select t.id, t.sitzung_id, t.position, t.titel, t.oeffentlich, t.vorlage_id, v.drucksachen_nr,
           b.ergebnis, b.ja, b.nein, b.enthaltung
    from tagesordnungspunkte t left join vorlagen v on v.id = t.vorlage_id
    left join beratungen b on b.top_id = t.id
    where t.sitzung_id = ${sitzungId}::uuid order by t.position`.execute(trx);
  return rows;
}

export async function appendTop(
  trx: TenantTrx,
  input: { sitzungId: string; titel: string; oeffentlich: boolean; vorlageId: string | null },
) {
  await sql`insert into tagesordnungspunkte (tenant_id, sitzung_id, position, titel, oeffentlich, vorlage_id)
    select ${trx.tenantId}, ${input.sitzungId}::uuid, coalesce(max(position), 0) + 1, ${input.titel},
           ${input.oeffentlich}, ${input.vorlageId}::uuid
    from tagesordnungspunkte where sitzung_id = ${input.sitzungId}::uuid`.execute(trx);
}

/** New positions 1…n in the given order (the unique position is checked at commit). */
export async function reorderTops(trx: TenantTrx, sitzungId: string, ids: string[]) {
  await sql`update tagesordnungspunkte t set position = o.position, updated_at = now()
    from unnest(${ids}::uuid[]) with ordinality as o(id, position)
    where t.id = o.id and t.sitzung_id = ${sitzungId}::uuid`.execute(trx);
}

/** Whether a Vorlage exists and is public (null: no such Vorlage). */
export async function vorlageOeffentlich(trx: TenantTrx, vorlageId: string) {
  const { rows } = await sql<{ oeffentlich: boolean }>`select oeffentlich from vorlagen
    where id = ${vorlageId}::uuid`.execute(trx);
  return rows[0]?.oeffentlich ?? null;
}

/** The people marked present at a session. */
export async function loadAnwesenheit(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<{ person_id: string }>`select person_id from anwesenheiten
    where sitzung_id = ${sitzungId}::uuid order by person_id`.execute(trx);
  return rows.map((r) => r.person_id);
}
