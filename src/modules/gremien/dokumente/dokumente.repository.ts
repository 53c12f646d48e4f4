import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/** The county's name (the head of every council document). */
export async function countyName(trx: TenantTrx) {
  const { rows } = await sql<{ name: string }>`select name from tenants where id = ${trx.tenantId}`.execute(
    trx,
  );
  return rows[0]?.name ?? trx.tenantId;
}

/** A Vorlage's Anlagen (titles in order) for its PDF. */
export async function anlagenTitel(trx: TenantTrx, vorlageId: string) {
  const { rows } = await sql<{ titel: string; oeffentlich: boolean }>`select titel, oeffentlich
    from vorlage_anlagen where vorlage_id = ${vorlageId}::uuid order by position`.execute(trx);
  return rows;
}

/**
 * Where a Vorlage stands on agendas: per Gremium the item's number (Ö 3 / N 1, counted in its
 * session's part) and the recorded votes, the latest session first.
 */
export async function vorlageAufTagesordnungen(trx: TenantTrx, vorlageId: string) {
  const { rows } = await sql<{
    gremium_id: string;
    nummer: string;
    ja: number | null;
    nein: number | null;
    enthaltung: number | null;
  }>`
    select x.gremium_id, x.nummer, b.ja, b.nein, b.enthaltung
    from (select t.id, t.vorlage_id, s.gremium_id, s.beginn,
                 case when t.oeffentlich then 'Ö ' else 'N ' end
                   || row_number() over (partition by t.sitzung_id, t.oeffentlich order by t.position) as nummer
          from tagesordnungspunkte t join sitzungen s on s.id = t.sitzung_id
          where t.sitzung_id in (select sitzung_id from tagesordnungspunkte where vorlage_id = ${vorlageId}::uuid)) x
    left join beratungen b on b.top_id = x.id
    where x.vorlage_id = ${vorlageId}::uuid
    order by x.beginn desc`.execute(trx);
  return rows;
}

/** Betreff of each Vorlage and the Beschluss of each item of a session. */
export async function sitzungDetails(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<{
    top_id: string;
    betreff: string | null;
    nummer: string | null;
    text: string | null;
  }>`
    select t.id as top_id, v.betreff, b.nummer, b.text
    from tagesordnungspunkte t left join vorlagen v on v.id = t.vorlage_id
    left join beschluesse b on b.top_id = t.id
    where t.sitzung_id = ${sitzungId}::uuid`.execute(trx);
  return new Map(rows.map((r) => [r.top_id, r]));
}

/** The members of the session's Gremium on its day, with name, Fraktion and whether present. */
export async function mitgliederMitNamen(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<{
    name: string;
    fraktion: string | null;
    rolle: string;
    stimmberechtigt: boolean;
    anwesend: boolean;
  }>`
    select concat_ws(' ', p.titel, p.vorname, p.familienname) as name, m.fraktion, m.rolle, m.stimmberechtigt,
           exists (select 1 from anwesenheiten a where a.sitzung_id = s.id and a.person_id = m.person_id) as anwesend
    from sitzungen s join mitgliedschaften m on m.gremium_id = s.gremium_id
      and m.von <= (s.beginn at time zone 'Europe/Berlin')::date
      and (m.bis is null or m.bis >= (s.beginn at time zone 'Europe/Berlin')::date)
    join personen p on p.id = m.person_id
    where s.id = ${sitzungId}::uuid
    order by p.familienname, p.vorname`.execute(trx);
  return rows;
}

export type GeneratedRow = { dokument_id: string; sha256: string; version: number };

/** The generated document of an object and kind, as filed last (reading only). */
export async function findGenerated(trx: TenantTrx, { objektId, art }: { objektId: string; art: string }) {
  const { rows } = await sql<GeneratedRow>`select dokument_id, sha256, version from gremien_dokumente
    where objekt_id = ${objektId}::uuid and art = ${art}`.execute(trx);
  return rows[0] ?? null;
}

/** The generated document of an object and kind, locked (two generations take turns). */
export async function lockGenerated(trx: TenantTrx, { objektId, art }: { objektId: string; art: string }) {
  const { rows } = await sql<GeneratedRow>`select dokument_id, sha256, version from gremien_dokumente
    where objekt_id = ${objektId}::uuid and art = ${art} for update`.execute(trx);
  return rows[0] ?? null;
}

export async function saveGenerated(
  trx: TenantTrx,
  row: { objektId: string; art: string; dokumentId: string; sha256: string; version: number },
) {
  await sql`insert into gremien_dokumente (tenant_id, objekt_id, art, dokument_id, sha256, version)
    values (${trx.tenantId}, ${row.objektId}::uuid, ${row.art}, ${row.dokumentId}::uuid, ${row.sha256}, ${row.version})
    on conflict (tenant_id, objekt_id, art) do update
      set sha256 = excluded.sha256, version = excluded.version, updated_at = now()`.execute(trx);
}

export async function findSitzungAkte(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<{ akte_id: string | null; vorgang_id: string | null }>`
    select akte_id, vorgang_id from sitzungen where id = ${sitzungId}::uuid for update`.execute(trx);
  return rows[0] ?? null;
}

export async function setSitzungAkte(
  trx: TenantTrx,
  { sitzungId, akteId, vorgangId }: { sitzungId: string; akteId: string; vorgangId: string },
) {
  await sql`update sitzungen set akte_id = ${akteId}::uuid, vorgang_id = ${vorgangId}::uuid
    where id = ${sitzungId}::uuid`.execute(trx);
}
