import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { sitzungOeffentlich } from '../oeffentlich.ts';
import type { SitzungRow } from '../sitzungen/sitzungen.repository.ts';
import { PUBLIC } from './vorlagen.repository.ts';

/**
 * Public reads of sessions and their agenda. What is not public is filtered here, in SQL: the text of
 * a non-public item, a Vorlage that is not published and public, and every result of a non-public
 * item never leave the database.
 */

/** A session as the staff API reads it (all its columns are public). */
export type PublicSitzungRow = SitzungRow;

export type PublicTopRow = {
  position: number;
  oeffentlich: boolean;
  titel: string | null;
  vorlage_id: string | null;
  drucksachen_nr: string | null;
  ergebnis: string | null;
  ja: number | null;
  nein: number | null;
  enthaltung: number | null;
  beschluss_nr: string | null;
  beschluss_text: string | null;
  changed: Date;
};

// The public rule of a Sitzung (oeffentlich.ts): a deleted one is on no public page, feed or sitemap.
const SICHTBAR = sitzungOeffentlich('s');

const SITZUNG = sql`s.id, s.gremium_id, g.name as gremium, g.kuerzel, s.nummer, s.beginn, s.ende, s.ort,
  s.status, s.sequenz, s.created_at, s.updated_at`;

/** The sessions of a month (Berlin time), in order; all states (the page marks them). */
export async function sitzungenImMonat(trx: TenantTrx, monat: string) {
  const { rows } = await sql<PublicSitzungRow>`
    select ${SITZUNG} from sitzungen s join gremien g on g.id = s.gremium_id
    where ${SICHTBAR} and s.beginn >= (${monat} || '-01')::timestamp at time zone 'Europe/Berlin'
      and s.beginn < ((${monat} || '-01')::timestamp + interval '1 month') at time zone 'Europe/Berlin'
    order by s.beginn, g.name, s.id`.execute(trx);
  return rows;
}

/**
 * The nearest months with sessions before and after a month (the calendar's paging skips empty
 * months), and when any session of the county last changed (a session moved to another month
 * changes this month's page too).
 */
export async function kalenderRahmen(trx: TenantTrx, monat: string) {
  const { rows } = await sql<{ vorher: string | null; nachher: string | null; stand: Date | null }>`
    select
      (select to_char(max(beginn) at time zone 'Europe/Berlin', 'YYYY-MM') from sitzungen s
        where ${SICHTBAR} and beginn < (${monat} || '-01')::timestamp at time zone 'Europe/Berlin') as vorher,
      (select to_char(min(beginn) at time zone 'Europe/Berlin', 'YYYY-MM') from sitzungen s
        where ${SICHTBAR} and beginn >= ((${monat} || '-01')::timestamp + interval '1 month') at time zone 'Europe/Berlin') as nachher,
      (select max(updated_at) from sitzungen) as stand`.execute(trx);
  return rows[0]!;
}

export async function findPublicSitzung(trx: TenantTrx, id: string) {
  const { rows } = await sql<PublicSitzungRow>`select ${SITZUNG} from sitzungen s
    join gremien g on g.id = s.gremium_id where s.id = ${id}::uuid and ${SICHTBAR}`.execute(trx);
  return rows[0] ?? null;
}

/** The agenda of a session as the public may see it (all items, only public items with content). */
export async function publicTagesordnung(trx: TenantTrx, sitzungId: string) {
  const { rows } = await sql<PublicTopRow>`
    select t.position, t.oeffentlich,
      case when t.oeffentlich then t.titel end as titel,
      case when t.oeffentlich and ${PUBLIC} then v.id end as vorlage_id,
      case when t.oeffentlich and ${PUBLIC} then v.drucksachen_nr end as drucksachen_nr,
      case when t.oeffentlich then b.ergebnis end as ergebnis,
      case when t.oeffentlich then b.ja end as ja,
      case when t.oeffentlich then b.nein end as nein,
      case when t.oeffentlich then b.enthaltung end as enthaltung,
      case when t.oeffentlich then bs.nummer end as beschluss_nr,
      case when t.oeffentlich then bs.text end as beschluss_text,
      greatest(t.updated_at, b.updated_at, bs.updated_at) as changed
    from tagesordnungspunkte t
    left join vorlagen v on v.id = t.vorlage_id
    left join beratungen b on b.top_id = t.id
    left join beschluesse bs on bs.top_id = t.id
    where t.sitzung_id = ${sitzungId}::uuid order by t.position`.execute(trx);
  return rows;
}

/** Sessions of one Gremium, for its page (recent and coming) and its iCal feed (all, by date). */
export async function sitzungenDesGremiums(trx: TenantTrx, gremiumId: string, { limit }: { limit: number }) {
  const { rows } = await sql<PublicSitzungRow>`
    select ${SITZUNG} from sitzungen s join gremien g on g.id = s.gremium_id
    where s.gremium_id = ${gremiumId}::uuid and ${SICHTBAR} order by s.beginn desc, s.id limit ${limit}`.execute(
    trx,
  );
  return rows;
}

/** Ids and change times of all sessions (the sitemap). */
export async function alleSitzungen(trx: TenantTrx) {
  const { rows } = await sql<{ id: string; updated_at: Date }>`select id, updated_at from sitzungen s
    where ${SICHTBAR} order by beginn, id`.execute(trx);
  return rows;
}
