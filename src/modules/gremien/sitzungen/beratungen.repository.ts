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
