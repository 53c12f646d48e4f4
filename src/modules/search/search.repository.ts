import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { COUNT_LIMIT, fold, type SearchFilter, type SearchTerm } from './search.models.ts';

/** Title/metadata hits ranked per query: the newest this many (all of them in smaller files). */
const HEAD_POOL = 2_000;

/** Which documents the caller may see: all of the county, or those the visibility rule lets through. */
export type DokumentScope = { seesAll: boolean; visible: RawBuilder<boolean> };

type SearchRow = {
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
  rang: number;
  total: string;
};

/** The tsquery of one term; the same German folding as the index (verbund_fold). */
function termQuery(term: SearchTerm): RawBuilder<unknown> {
  const folded = fold(term.value);
  if (term.kind === 'phrase') return sql`phraseto_tsquery('german', ${folded})`;
  if (term.kind === 'prefix') {
    const parts = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return sql`to_tsquery('german', ${parts.map((p) => `'${p}':*`).join(' & ')})`;
  }
  return sql`plainto_tsquery('german', ${folded})`;
}

/**
 * One page of matches, ranked, with the total (exact up to COUNT_LIMIT). `filter` dates are
 * checked by the caller; `terms` come from parseSearchQuery.
 */
export async function findDokumente(
  trx: TenantTrx,
  {
    scope,
    terms,
    filter,
    page,
  }: {
    scope: DokumentScope;
    terms: SearchTerm[];
    filter: Omit<SearchFilter, 'q'>;
    page: { limit: number; offset: number };
  },
) {
  const textTerms = terms.filter((t) => t.kind !== 'reference');
  const references = terms.filter((t) => t.kind === 'reference' && !t.negated).map((t) => t.value);
  // With full clearance (Leitung, administration) every document of the county is visible, so
  // the matches need no joins; otherwise the visibility rule needs the Vorgang and the Akte.
  const fullClearance = scope.seesAll;
  const where: RawBuilder<unknown>[] = fullClearance ? [] : [sql`${scope.visible}`];
  const query =
    textTerms.length > 0
      ? sql.join(
          textTerms.map((t) => (t.negated ? sql`!!${termQuery(t)}` : termQuery(t))),
          sql` && `,
        )
      : null;
  for (const term of terms.filter((t) => t.kind === 'reference'))
    where.push(
      term.negated
        ? sql`not (d.refs @> array[${term.value}]::text[])`
        : sql`d.refs @> array[${term.value}]::text[]`,
    );
  if (filter.aktenplan)
    // An array, not a semi-join: the planner would otherwise repeat the full-text scan per unit.
    where.push(
      sql`d.unit_id = any(array(select id from aktenplan_units where kennzeichen = ${filter.aktenplan}
            or kennzeichen like ${`${filter.aktenplan}.%`}))`,
    );
  if (filter.akteId) where.push(sql`d.akte_id = ${filter.akteId}::uuid`);
  if (filter.vorgangStatus)
    where.push(sql`d.vorgang_id in (select id from vorgaenge where status = ${filter.vorgangStatus})`);
  if (filter.art) where.push(sql`d.art = ${filter.art}`);
  if (filter.von) where.push(sql`d.datum >= ${filter.von}::date`);
  if (filter.bis) where.push(sql`d.datum <= ${filter.bis}::date`);
  const condition = where.length > 0 ? sql.join(where, sql` and `) : sql`true`;
  const from = fullClearance
    ? sql`dokumente d`
    : sql`dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id`;
  // A reference number in the document's own title counts most: the paper itself before the
  // documents that merely cite it.
  const referenceBonus =
    references.length > 0
      ? sql`(case when upper(d.titel) like any(${references.map((r) => `%${r}%`)}::text[]) then 1 else 0 end)`
      : sql`0`;
  // The GIN indexes are always the better way to find matches: a sequential scan would read
  // every document's (TOASTed) full-text vector. The same holds for a lossy bitmap: with the
  // default 4 MB a word in most of a million documents no longer fits exactly, and every row of
  // a lossy page is rechecked against its full vector. 64 MB keep it exact (≈ 70 bytes per page
  // of the table); the memory is used only by such a query, and only for its duration.
  if (query)
    await sql`select set_config('enable_seqscan', 'off', true), set_config('work_mem', '64MB', true)`.execute(
      trx,
    );
  // Candidates, then ranking: the best title/metadata hits (small vector, own GIN index) and the
  // newest content hits, at least 100 of each; only these are ranked on the full content. Title
  // hits are ranked among the newest 2,000 of them, and the total is counted exactly up to
  // 10,000: so the cost of a query is bounded even for a word that occurs in almost every
  // document. The matches are collected once through the GIN index (up to 10,001); when that is
  // all of them, the newest content hits come from these. Only with more matches does the date
  // index look for the newest – then they are dense enough to be found at once. (Walking the
  // date index for a word whose matches the filters exclude would read every document.)
  // Every candidate list breaks ties by id: documents of the same date (a bulk upload) must fall
  // into the same window on every page, or pages overlap and some hits are never shown.
  const candidates = Math.max(100, page.offset + page.limit);
  const { rows } = await sql<SearchRow>`${
    query
      ? sql`
    with head_pool as (
      select d.id, d.datum, d.search_head from ${from}
      where d.search_head @@ (${query}) and ${condition}
      order by d.datum desc, d.id limit ${HEAD_POOL}
    ), head_hits as (
      select id, ts_rank_cd(search_head, (${query}), 32) as head_rank from head_pool
      order by head_rank desc, datum desc, id limit ${candidates}
    ), m as materialized (
      select d.id, d.datum from ${from} where d.search @@ (${query}) and ${condition} limit ${COUNT_LIMIT + 1}
    ), matches as (
      select count(*) as n from m
    ), body_hits as (
      (select id from m where (select n from matches) <= ${COUNT_LIMIT} order by datum desc, id limit ${candidates})
      union all
      (select d.id from ${from}
       where (select n from matches) > ${COUNT_LIMIT} and d.search @@ (${query}) and ${condition}
       order by d.datum desc, d.id limit ${candidates})
    ), cand as (
      select id, max(head_rank) as head_rank from (
        select id, head_rank from head_hits union all select id, 0 from body_hits) x group by id
    )
    select d.id, d.titel, d.art, d.datum, d.text_status, d.vorgang_id, vg.betreff, vg.status as vorgang_status,
           d.akte_id, a.aktenzeichen, u.kennzeichen,
           cand.head_rank + ts_rank_cd(d.search, (${query}), 32) + ${referenceBonus} as rang,
           (select n from matches) as total
    from cand join dokumente d on d.id = cand.id
    join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
    join aktenplan_units u on u.id = d.unit_id
    where d.search @@ (${query})`
      : sql`
    select d.id, d.titel, d.art, d.datum, d.text_status, d.vorgang_id, vg.betreff, vg.status as vorgang_status,
           d.akte_id, a.aktenzeichen, u.kennzeichen, ${referenceBonus} as rang, count(*) over () as total
    from dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
    join aktenplan_units u on u.id = d.unit_id
    where ${condition}`
  }
    order by rang desc, datum desc, id
    limit ${page.limit} offset ${page.offset}`.execute(trx);
  return rows;
}

/** The stems PostgreSQL derives from the (folded) query words, as the index does. */
export async function queryStems(trx: TenantTrx, text: string) {
  const { rows } = await sql<{
    stems: string[];
  }>`select tsvector_to_array(to_tsvector('german', ${text})) as stems`.execute(trx);
  return rows[0]!.stems;
}

/** The current text (first 200,000 characters) and type of the documents of one page. */
export async function loadCurrentTexts(trx: TenantTrx, ids: string[]) {
  const { rows } = await sql<{ id: string; text: string | null; mime: string }>`
    select d.id, left(dv.text, 200000) as text, dv.mime from dokumente d
    join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = any(${ids}::uuid[])`.execute(trx);
  return new Map(rows.map((t) => [t.id, t]));
}
