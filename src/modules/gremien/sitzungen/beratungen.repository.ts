import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/** The members of the session's Gremium on the session's day, with voting right and presence. */
export async function mitgliederAmSitzungstag(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<{ person_id: string; stimmberechtigt: boolean; anwesend: boolean }>`
    select m.person_id, bool_or(m.stimmberechtigt) as stimmberechtigt,
           exists (select 1 from anwesenheiten a where a.sitzung_id = s.id and a.person_id = m.person_id) as anwesend
    from sitzungen s join mitgliedschaften m on m.gremium_id = s.gremium_id
      and m.von <= (s.beginn at time zone 'Europe/Berlin')::date
      and (m.bis is null or m.bis >= (s.beginn at time zone 'Europe/Berlin')::date)
    where s.id = ${sitzungId}::uuid
    group by s.id, m.person_id`.execute(trx);
  return rows;
}

export async function replaceAnwesenheit(trx: TenantTrx, sitzungId: string, personIds: string[]) {
  await sql`delete from anwesenheiten where sitzung_id = ${sitzungId}::uuid`.execute(trx);
  if (personIds.length === 0) return;
  await sql`insert into anwesenheiten (tenant_id, sitzung_id, person_id)
    select ${trx.tenantId}, ${sitzungId}::uuid, p from unnest(${personIds}::uuid[]) p`.execute(trx);
}

export type TopContext = { top_id: string; sitzung_id: string; status: string };

export async function findTop(trx: TenantTrx, topId: string) {
  const { rows } = await sql<TopContext>`select t.id as top_id, t.sitzung_id, s.status
    from tagesordnungspunkte t join sitzungen s on s.id = t.sitzung_id where t.id = ${topId}::uuid
    for update of t`.execute(trx);
  return rows[0] ?? null;
}

export type BeratungRow = {
  top_id: string;
  ergebnis: string;
  ja: number | null;
  nein: number | null;
  enthaltung: number | null;
  updated_by: string;
  updated_at: Date;
};

export async function upsertBeratung(
  trx: TenantTrx,
  input: {
    topId: string;
    ergebnis: string;
    ja: number | null;
    nein: number | null;
    enthaltung: number | null;
    actor: string;
  },
) {
  const { rows } = await sql<BeratungRow>`
    insert into beratungen (tenant_id, top_id, ergebnis, ja, nein, enthaltung, updated_by)
    values (${trx.tenantId}, ${input.topId}::uuid, ${input.ergebnis}, ${input.ja}, ${input.nein}, ${input.enthaltung}, ${input.actor})
    on conflict (tenant_id, top_id) do update set ergebnis = excluded.ergebnis, ja = excluded.ja, nein = excluded.nein,
      enthaltung = excluded.enthaltung, updated_by = excluded.updated_by, updated_at = now()
    returning top_id, ergebnis, ja, nein, enthaltung, updated_by, updated_at`.execute(trx);
  return rows[0]!;
}

/** What a Beschluss-Nr. is built from: the Gremium, the session's number and year, the item's position. */
export async function beschlussKontext(trx: TenantTrx, topId: string) {
  const { rows } = await sql<{ kuerzel: string; sitzung: number; position: number; jahr: number }>`
    select g.kuerzel, s.nummer as sitzung, t.position,
           extract(year from s.beginn at time zone 'Europe/Berlin')::int as jahr
    from tagesordnungspunkte t join sitzungen s on s.id = t.sitzung_id join gremien g on g.id = s.gremium_id
    where t.id = ${topId}::uuid`.execute(trx);
  return rows[0]!;
}

/** The Beschluss of an item; its number is kept once given. */
export async function ensureBeschluss(trx: TenantTrx, topId: string, nummer: string) {
  await sql`insert into beschluesse (tenant_id, top_id, nummer) values (${trx.tenantId}, ${topId}::uuid, ${nummer})
    on conflict (tenant_id, top_id) do nothing`.execute(trx);
  const { rows } = await sql<{ nummer: string; umsetzung: string }>`select nummer, umsetzung from beschluesse
    where top_id = ${topId}::uuid`.execute(trx);
  return rows[0]!;
}

export async function findBeschlussOf(trx: TenantTrx, topId: string) {
  const { rows } = await sql<{ id: string; umsetzung: string }>`select id, umsetzung from beschluesse
    where top_id = ${topId}::uuid`.execute(trx);
  return rows[0] ?? null;
}

export async function deleteBeschluss(trx: TenantTrx, id: string) {
  await sql`delete from beschluesse where id = ${id}::uuid`.execute(trx);
}

export type BeschlussRow = {
  id: string;
  nummer: string;
  text: string | null;
  umsetzung: 'offen' | 'in_umsetzung' | 'erledigt';
  top_id: string;
  top: string;
  sitzung_id: string;
  sitzung_beginn: Date;
  gremium: string;
  drucksachen_nr: string | null;
  updated_at: Date;
};

const BESCHLUSS_COLUMNS = sql`b.id, b.nummer, b.text, b.umsetzung, b.top_id, t.titel as top, s.id as sitzung_id,
  s.beginn as sitzung_beginn, g.name as gremium, v.drucksachen_nr, b.updated_at`;
const BESCHLUSS_FROM = sql`beschluesse b join tagesordnungspunkte t on t.id = b.top_id
  join sitzungen s on s.id = t.sitzung_id join gremien g on g.id = s.gremium_id
  left join vorlagen v on v.id = t.vorlage_id`;

export async function listBeschluesse(
  trx: TenantTrx,
  { umsetzung, limit, offset }: { umsetzung?: string; limit: number; offset: number },
) {
  const { rows } = await sql<BeschlussRow & { total: string }>`
    select ${BESCHLUSS_COLUMNS}, count(*) over () as total from ${BESCHLUSS_FROM}
    ${umsetzung ? sql`where b.umsetzung = ${umsetzung}` : sql``}
    order by s.beginn desc, t.position, b.id limit ${limit} offset ${offset}`.execute(trx);
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function updateBeschluss(
  trx: TenantTrx,
  id: string,
  fields: { text?: string | null; umsetzung?: string },
) {
  const set = [
    fields.text !== undefined && sql`text = ${fields.text}`,
    fields.umsetzung !== undefined && sql`umsetzung = ${fields.umsetzung}`,
  ].filter((x) => x !== false);
  const { rowCount } = await sql`update beschluesse set ${sql.join([...set, sql`updated_at = now()`])}
    where id = ${id}::uuid`
    .execute(trx)
    .then((r) => ({ rowCount: Number(r.numAffectedRows ?? 0) }));
  if (rowCount === 0) return null;
  const { rows } = await sql<BeschlussRow>`select ${BESCHLUSS_COLUMNS} from ${BESCHLUSS_FROM}
    where b.id = ${id}::uuid`.execute(trx);
  return rows[0] ?? null;
}
