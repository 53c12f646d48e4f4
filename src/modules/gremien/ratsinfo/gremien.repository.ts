import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';

/** Public reads of the county's Gremien, terms and memberships (names and Fraktion are public by law). */

export type PublicGremiumRow = {
  id: string;
  name: string;
  kuerzel: string;
  art: string;
  sitze: number | null;
  updated_at: Date;
};

export type PublicMitgliedRow = {
  person_id: string;
  familienname: string;
  vorname: string | null;
  titel: string | null;
  wahlperiode_id: string | null;
  rolle: string;
  fraktion: string | null;
  stimmberechtigt: boolean;
  von: string;
  bis: string | null;
  changed: Date;
};

export async function publicGremien(trx: TenantTrx) {
  const { rows } = await sql<PublicGremiumRow>`select id, name, kuerzel, art, sitze, updated_at from gremien
    order by case art when 'kreistag' then 0 when 'kreisausschuss' then 1 else 2 end, name`.execute(trx);
  return rows;
}

export async function findPublicGremium(trx: TenantTrx, id: string) {
  const { rows } = await sql<PublicGremiumRow>`select id, name, kuerzel, art, sitze, updated_at from gremien
    where id = ${id}::uuid`.execute(trx);
  return rows[0] ?? null;
}

export async function publicWahlperioden(trx: TenantTrx) {
  const { rows } = await sql<{
    id: string;
    name: string;
    beginn: string;
    ende: string | null;
    updated_at: Date;
  }>`
    select id, name, beginn::text as beginn, ende::text as ende, updated_at from wahlperioden
    order by beginn desc`.execute(trx);
  return rows;
}

/** All seats of a Gremium, by role, Fraktion and name. */
export async function publicMitglieder(trx: TenantTrx, gremiumId: string) {
  const { rows } = await sql<PublicMitgliedRow>`
    select m.person_id, p.familienname, p.vorname, p.titel, m.wahlperiode_id, m.rolle, m.fraktion,
           m.stimmberechtigt, m.von::text as von, m.bis::text as bis,
           greatest(m.updated_at, p.updated_at) as changed
    from mitgliedschaften m join personen p on p.id = m.person_id
    where m.gremium_id = ${gremiumId}::uuid
    order by m.fraktion nulls last,
             case m.rolle when 'vorsitz' then 0 when 'stellvertretung' then 1 else 2 end,
             p.familienname, p.vorname, m.von`.execute(trx);
  return rows;
}
