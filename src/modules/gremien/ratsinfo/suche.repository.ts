import { sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import { RANK_LIMIT } from './ratsinfo.models.ts';
import { PUBLIC } from './vorlagen.repository.ts';

/** The public search over published public Vorlagen (table ratsinfo_suche, migration 0026). */

export type PendingVorlage = {
  vorlage_id: string;
  drucksachen_nr: string;
  art: string;
  betreff: string;
  einreicher: string | null;
  beschlussvorschlag: string | null;
  begruendung: string | null;
};

/**
 * Rows the trigger marked pending, with the text to index. Rows another search is filling are
 * skipped (SKIP LOCKED): concurrent searches never wait for each other.
 */
export async function pendingVorlagen(trx: TenantTrx, limit: number) {
  const { rows } = await sql<PendingVorlage>`
    select v.id as vorlage_id, v.drucksachen_nr, v.art, v.betreff, v.einreicher, v.beschlussvorschlag, v.begruendung
    from ratsinfo_suche s join vorlagen v on v.id = s.vorlage_id
    where s.search is null and ${PUBLIC}
    limit ${limit} for update of s skip locked`.execute(trx);
  return rows;
}

export async function storeIndex(
  trx: TenantTrx,
  entries: Array<{ vorlageId: string; search: string; refs: string[] }>,
) {
  if (entries.length === 0) return;
  await sql`update ratsinfo_suche s set search = e.search::tsvector,
      refs = array(select jsonb_array_elements_text(e.refs)), indexed_at = now()
    from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e("vorlageId" uuid, search text, refs jsonb)
    where s.vorlage_id = e."vorlageId"`.execute(trx);
}

export type SucheRow = {
  id: string;
  drucksachen_nr: string;
  art: string;
  betreff: string;
  beschlussvorschlag: string | null;
  begruendung: string | null;
  veroeffentlicht_am: Date;
};

/**
 * Matches of a query (tsquery literal and/or exact reference numbers). Up to RANK_LIMIT matches are
 * ranked, whole words (`exact`) above compounds that only contain them, then newest first; with
 * more, the newest come first and `total` is null ("more than RANK_LIMIT"). The Vorlage is checked
 * for being public again here, so a row the trigger has not yet removed can never show.
 */
export async function sucheVorlagen(
  trx: TenantTrx,
  query: { tsquery: string | null; exact: string | null; refs: string[]; limit: number; offset: number },
) {
  const where = [
    query.tsquery !== null && sql`s.search @@ ${query.tsquery}::tsquery`,
    query.refs.length > 0 && sql`s.refs @> ${query.refs}::text[]`,
  ].filter((x) => x !== false);
  if (where.length === 0) return { rows: [], total: 0 };
  const match = sql`${sql.join(where, sql` and `)} and ${PUBLIC}`;
  const found = await sql<{ id: string }>`select s.vorlage_id as id from ratsinfo_suche s
    join vorlagen v on v.id = s.vorlage_id where ${match} limit ${RANK_LIMIT + 1}`.execute(trx);
  const many = found.rows.length > RANK_LIMIT;
  const rank =
    query.tsquery !== null && !many
      ? sql`ts_rank(s.search, ${query.tsquery}::tsquery) + 2 * ts_rank(s.search, ${query.exact ?? query.tsquery}::tsquery) desc,`
      : sql``;
  const { rows } = await sql<SucheRow>`
    select v.id, v.drucksachen_nr, v.art, v.betreff, v.beschlussvorschlag, v.begruendung, v.veroeffentlicht_am
    from ratsinfo_suche s join vorlagen v on v.id = s.vorlage_id
    where ${many ? match : sql`s.vorlage_id = any(${found.rows.map((r) => r.id)}::uuid[])`}
    order by ${rank} v.veroeffentlicht_am desc, v.id
    limit ${query.limit} offset ${query.offset}`.execute(trx);
  return { rows, total: many ? null : found.rows.length };
}
