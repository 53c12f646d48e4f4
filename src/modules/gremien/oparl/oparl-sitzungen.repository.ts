import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { sitzungOeffentlich, vorlageOeffentlich } from '../oeffentlich.ts';
import type { StampedRow } from './oparl.repository.ts';

export type MeetingRow = StampedRow & {
  gremium_id: string;
  gremium: string;
  nummer: number;
  beginn: Date;
  ende: Date | null;
  ort: string | null;
  status: string;
};

export const meetingBase = sql`select s.id, s.created_at as created, s.updated_at as modified,
    not (${sitzungOeffentlich('s')}) as deleted, s.gremium_id, g.name as gremium, s.nummer, s.beginn, s.ende, s.ort, s.status
  from sitzungen s join gremien g on g.id = s.gremium_id`;

export type AgendaItemRow = StampedRow & {
  sitzung_id: string;
  oeffentlich: boolean;
  reihenfolge: number;
  nummer: number;
  titel: string | null;
  ergebnis: string | null;
  ja: number | null;
  nein: number | null;
  enthaltung: number | null;
  beschluss_nr: string | null;
  beschluss_text: string | null;
  consultation_id: string | null;
};

/**
 * Agenda items of live sessions. Of a non-public item only its place is read (number, order):
 * title, result, votes, resolution and its Vorlage stay in the database – the SQL itself blanks
 * them, so no later mapping can leak them. `reihenfolge` counts from 0 over the whole agenda
 * (AgendaItem.order); `nummer` counts within the public or the non-public part (Ö 1, N 1).
 */
export const agendaItemBase = sql`select t.id, t.created_at as created, t.updated_at as modified, false as deleted,
    t.sitzung_id, t.oeffentlich,
    (select count(*) from tagesordnungspunkte t2 where t2.sitzung_id = t.sitzung_id and t2.position < t.position)::int as reihenfolge,
    (select count(*) from tagesordnungspunkte t2 where t2.sitzung_id = t.sitzung_id and t2.oeffentlich = t.oeffentlich
       and t2.position <= t.position)::int as nummer,
    case when t.oeffentlich then t.titel end as titel,
    case when t.oeffentlich then b.ergebnis end as ergebnis,
    case when t.oeffentlich then b.ja end as ja,
    case when t.oeffentlich then b.nein end as nein,
    case when t.oeffentlich then b.enthaltung end as enthaltung,
    case when t.oeffentlich then bs.nummer end as beschluss_nr,
    case when t.oeffentlich then bs.text end as beschluss_text,
    bf.id as consultation_id
  from tagesordnungspunkte t join sitzungen s on s.id = t.sitzung_id and ${sitzungOeffentlich('s')}
  left join beratungen b on b.top_id = t.id
  left join beschluesse bs on bs.top_id = t.id
  left join lateral (
    select bf.id from beratungsfolge bf join vorlagen v on v.id = bf.vorlage_id
    where t.oeffentlich and bf.vorlage_id = t.vorlage_id and bf.gremium_id = s.gremium_id
      and ${vorlageOeffentlich('v')}
    order by bf.position limit 1) bf on true`;

export type LocationRow = StampedRow & { ort: string; meeting_ids: string[] };

/**
 * Places of live sessions. A session names its place as text; the Location's id is derived from that
 * text (md5 as uuid, see locationId), so the same place is one Location across sessions.
 */
export const locationBase = sql`select md5(s.ort)::uuid as id, min(s.created_at) as created,
    max(s.updated_at) as modified, false as deleted, min(s.ort) as ort,
    array_agg(s.id order by s.beginn, s.id) as meeting_ids
  from sitzungen s where s.ort is not null and ${sitzungOeffentlich('s')} group by md5(s.ort)`;

/** The people present at these sessions. */
export async function participantsOf(trx: TenantTrx, sitzungIds: string[]) {
  const { rows } = await sql<{ sitzung_id: string; person_id: string }>`select a.sitzung_id, a.person_id
    from anwesenheiten a join personen p on p.id = a.person_id and p.deleted_at is null
    where a.sitzung_id = any(${sitzungIds}::uuid[]) order by a.sitzung_id, a.person_id`.execute(trx);
  return rows;
}
