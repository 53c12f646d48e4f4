import { sql } from 'kysely';

/**
 * The one rule of what the public sees of a county's council, used by the public pages (/ratsinfo:
 * HTML, search, iCal, sitemap) and by OParl alike – each a SQL predicate on a table alias, so the
 * rule is written once and a query cannot drift from it.
 */

/** A Vorlage the public sees now: published, public, not withdrawn, not deleted. */
export const vorlageOeffentlich = (v: string) =>
  sql.raw(`${v}.status = 'veroeffentlicht' and ${v}.oeffentlich and ${v}.deleted_at is null`);

/**
 * A Vorlage the public has seen at some time (published is final, `oeffentlich` does not change
 * after it): OParl keeps it as a deleted Paper once it is no longer `vorlageOeffentlich`. Its text
 * is also the condition of the partial index vorlagen_oparl – keep them alike.
 */
export const vorlageJeOeffentlich = (v: string) =>
  sql.raw(`${v}.veroeffentlicht_am is not null and ${v}.oeffentlich`);

/**
 * A Sitzung the public sees (in every state: a planned one as a date, a cancelled one as such):
 * not deleted. A deleted Sitzung, its agenda and its calendar entry vanish from the public pages;
 * OParl answers it as a deleted Meeting (listed only with modified_since).
 */
export const sitzungOeffentlich = (s: string) => sql.raw(`${s}.deleted_at is null`);
