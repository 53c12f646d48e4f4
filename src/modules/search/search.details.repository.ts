import { sql } from 'kysely';
import { executePrepared, type TenantTrx } from '../../platform/database/database.ts';

/** What a hit shows besides its rank: the document, its Vorgang, Akte and unit, and its text's beginning. */
export type HitDetails = {
  id: string;
  titel: string;
  art: string;
  datum: string;
  text_status: string;
  vorgang_id: string;
  betreff: string;
  vorgang_status: string;
  akte_id: string;
  aktenzeichen: string;
  kennzeichen: string;
  /** The first characters of the current text (snippetChars), and its type: for the snippet. */
  text: string | null;
  mime: string | null;
};

/**
 * The details of the page's hits, by id, in a statement of their own after the search statement.
 * Its plan does not depend on the ids (a lookup by primary key for each, then Vorgang, Akte, unit
 * and current version), so it is prepared once per connection and PostgreSQL keeps a generic plan
 * after five runs (executePrepared): the search statement no longer plans these five lookups on
 * every request (0.7–1.6 ms at a million documents, measured with EXPLAIN). `textChars`: how much
 * of each current text (`left` decompresses only the first TOAST chunks). Ids that are gone (a
 * document deleted since the search statement) are missing from the map.
 */
export async function hitDetails(trx: TenantTrx, ids: string[], textChars: number) {
  if (ids.length === 0) return new Map<string, HitDetails>();
  // Each lookup on its own (`offset 0`): PostgreSQL plans four small subqueries instead of
  // searching the join order of six tables.
  const rows = await executePrepared(
    trx,
    sql<HitDetails>`select d.id, d.titel, d.art, d.datum, d.text_status, d.vorgang_id, vg.betreff,
        vg.status as vorgang_status, d.akte_id, a.aktenzeichen, u.kennzeichen, t.text, t.mime
      from dokumente d
      cross join lateral (
        select vg.betreff, vg.status from vorgaenge vg where vg.id = d.vorgang_id offset 0) vg
      cross join lateral (select a.aktenzeichen from akten a where a.id = d.akte_id offset 0) a
      cross join lateral (select u.kennzeichen from aktenplan_units u where u.id = d.unit_id offset 0) u
      left join lateral (
        select left(dv.text, ${textChars}::int) as text, dv.mime from dokument_versionen dv
        where dv.dokument_id = d.id and dv.version = d.aktuelle_version) t on true
      where d.id = any(${ids}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}
