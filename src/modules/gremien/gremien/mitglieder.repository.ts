import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

export type WahlperiodeRow = { id: string; name: string; beginn: string; ende: string | null };
export type PersonRow = { id: string; familienname: string; vorname: string | null; titel: string | null };
export type MitgliedschaftRow = {
  id: string;
  gremium_id: string;
  person_id: string;
  familienname: string;
  vorname: string | null;
  titel: string | null;
  wahlperiode_id: string | null;
  wahlperiode: string | null;
  rolle: string;
  fraktion: string | null;
  stimmberechtigt: boolean;
  von: string;
  bis: string | null;
};

export async function insertWahlperiode(
  trx: TenantTrx,
  input: { name: string; beginn: string; ende: string | null },
): Promise<WahlperiodeRow | null> {
  const { rows } = await sql<WahlperiodeRow>`
    insert into wahlperioden (tenant_id, name, beginn, ende)
    values (${trx.tenantId}, ${input.name}, ${input.beginn}::date, ${input.ende}::date)
    on conflict (tenant_id, name) do nothing
    returning id, name, beginn::text as beginn, ende::text as ende`.execute(trx);
  return rows[0] ?? null;
}

export async function listWahlperioden(trx: TenantTrx) {
  const { rows } = await sql<WahlperiodeRow>`select id, name, beginn::text as beginn, ende::text as ende
    from wahlperioden order by beginn desc`.execute(trx);
  return rows;
}

export async function insertPerson(
  trx: TenantTrx,
  input: { familienname: string; vorname: string | null; titel: string | null },
) {
  const { rows } = await sql<PersonRow>`
    insert into personen (tenant_id, familienname, vorname, titel)
    values (${trx.tenantId}, ${input.familienname}, ${input.vorname}, ${input.titel})
    returning id, familienname, vorname, titel`.execute(trx);
  return rows[0]!;
}

export async function findPerson(trx: TenantTrx, id: string) {
  const { rows } = await sql<PersonRow>`select id, familienname, vorname, titel from personen
    where id = ${id}::uuid`.execute(trx);
  return rows[0] ?? null;
}

export async function listPersonen(trx: TenantTrx, { limit, offset }: { limit: number; offset: number }) {
  const { rows } = await sql<PersonRow & { total: string }>`
    select id, familienname, vorname, titel, count(*) over () as total from personen
    order by familienname, vorname, id limit ${limit} offset ${offset}`.execute(trx);
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

export async function wahlperiodeExists(trx: TenantTrx, id: string) {
  const { rows } = await sql`select 1 from wahlperioden where id = ${id}::uuid`.execute(trx);
  return rows.length > 0;
}

/**
 * Voting seats taken on the busiest day of [von, bis] (open end: until further notice), the
 * Gremium's rows locked so that two additions cannot both take the last seat.
 */
export async function seatsTaken(
  trx: TenantTrx,
  { gremiumId, von, bis }: { gremiumId: string; von: string; bis: string | null },
) {
  await sql`select 1 from gremien where id = ${gremiumId}::uuid for update`.execute(trx);
  const { rows } = await sql<{ n: string }>`
    select coalesce(max(n), 0) as n from (
      select (select count(*) from mitgliedschaften m2
              where m2.gremium_id = ${gremiumId}::uuid and m2.stimmberechtigt
                and m2.von <= tag and (m2.bis is null or m2.bis >= tag)) as n
      from (select greatest(m.von, ${von}::date) as tag from mitgliedschaften m
            where m.gremium_id = ${gremiumId}::uuid and m.stimmberechtigt
              and m.von <= coalesce(${bis}::date, 'infinity'::date) and (m.bis is null or m.bis >= ${von}::date)
            union select ${von}::date) tage
    ) x`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

/** The person already sits in the Gremium during part of [von, bis]. */
export async function overlapsMembership(
  trx: TenantTrx,
  { gremiumId, personId, von, bis }: { gremiumId: string; personId: string; von: string; bis: string | null },
) {
  const { rows } = await sql`select 1 from mitgliedschaften
    where gremium_id = ${gremiumId}::uuid and person_id = ${personId}::uuid
      and von <= coalesce(${bis}::date, 'infinity'::date) and (bis is null or bis >= ${von}::date)
    limit 1`.execute(trx);
  return rows.length > 0;
}

const MEMBER_COLUMNS = sql`m.id, m.gremium_id, m.person_id, p.familienname, p.vorname, p.titel, m.wahlperiode_id,
  w.name as wahlperiode, m.rolle, m.fraktion, m.stimmberechtigt, m.von::text as von, m.bis::text as bis`;

export async function insertMitgliedschaft(
  trx: TenantTrx,
  input: {
    gremiumId: string;
    personId: string;
    wahlperiodeId: string | null;
    rolle: string;
    fraktion: string | null;
    stimmberechtigt: boolean;
    von: string;
    bis: string | null;
  },
) {
  const { rows } = await sql<{ id: string }>`
    insert into mitgliedschaften (tenant_id, gremium_id, person_id, wahlperiode_id, rolle, fraktion, stimmberechtigt, von, bis)
    values (${trx.tenantId}, ${input.gremiumId}::uuid, ${input.personId}::uuid, ${input.wahlperiodeId}::uuid,
            ${input.rolle}, ${input.fraktion}, ${input.stimmberechtigt}, ${input.von}::date, ${input.bis}::date)
    returning id`.execute(trx);
  return (await listMitglieder(trx, input.gremiumId, { id: rows[0]!.id }))[0]!;
}

/** Members of a Gremium: all seats, those on a day (`stichtag`), or one membership (`id`). */
export async function listMitglieder(
  trx: TenantTrx,
  gremiumId: string,
  { stichtag, id }: { stichtag?: string; id?: string } = {},
) {
  const { rows } = await sql<MitgliedschaftRow>`
    select ${MEMBER_COLUMNS} from mitgliedschaften m
    join personen p on p.id = m.person_id left join wahlperioden w on w.id = m.wahlperiode_id
    where m.gremium_id = ${gremiumId}::uuid
      ${stichtag ? sql`and m.von <= ${stichtag}::date and (m.bis is null or m.bis >= ${stichtag}::date)` : sql``}
      ${id ? sql`and m.id = ${id}::uuid` : sql``}
    order by case m.rolle when 'vorsitz' then 0 when 'stellvertretung' then 1 else 2 end,
             m.fraktion nulls last, p.familienname, p.vorname, m.von`.execute(trx);
  return rows;
}
