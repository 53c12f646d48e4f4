import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { StampedRow } from './oparl.repository.ts';

export type OrganizationRow = StampedRow & {
  name: string;
  kuerzel: string;
  art: string;
  membership_ids: string[];
};

export const organizationBase = sql`select g.id, g.created_at as created, g.updated_at as modified,
    g.deleted_at is not null as deleted, g.name, g.kuerzel, g.art,
    array(select m.id from mitgliedschaften m join personen p on p.id = m.person_id and p.deleted_at is null
           where m.gremium_id = g.id order by m.von, m.id) as membership_ids
  from gremien g`;

export type PersonRow = StampedRow & { familienname: string; vorname: string | null; titel: string | null };

export const personBase = sql`select p.id, p.created_at as created, p.updated_at as modified,
    p.deleted_at is not null as deleted, p.familienname, p.vorname, p.titel
  from personen p`;

export type MembershipRow = StampedRow & {
  person_id: string;
  gremium_id: string;
  rolle: string;
  fraktion: string | null;
  stimmberechtigt: boolean;
  von: string;
  bis: string | null;
};

// Memberships of deleted people or Gremien vanish with them (sub-objects need no tombstone).
export const membershipBase = sql`select m.id, m.created_at as created, m.updated_at as modified, false as deleted,
    m.person_id, m.gremium_id, m.rolle, m.fraktion, m.stimmberechtigt, m.von::text as von, m.bis::text as bis
  from mitgliedschaften m join personen p on p.id = m.person_id and p.deleted_at is null
  join gremien g on g.id = m.gremium_id and g.deleted_at is null`;

export type LegislativeTermRow = StampedRow & { name: string; beginn: string; ende: string | null };

export const legislativeTermBase = sql`select w.id, w.created_at as created, w.updated_at as modified,
    false as deleted, w.name, w.beginn::text as beginn, w.ende::text as ende
  from wahlperioden w`;

/** When the county's Body last changed: its embedded Wahlperioden are part of it. */
export async function bodyModified(trx: TenantTrx) {
  const { rows } = await sql<{
    modified: Date | null;
  }>`select max(updated_at) as modified from wahlperioden`.execute(trx);
  return rows[0]?.modified ?? null;
}
