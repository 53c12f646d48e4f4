import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { exactTsqueryOf, termTsquery } from './analyzer/tsquery.ts';
import { COUNT_LIMIT, type SearchFilter, type SearchTerm } from './search.models.ts';

/** Title/metadata hits ranked per query: the newest this many (all of them in smaller files). */
const HEAD_POOL = 2_000;
/** The same when they are more than COUNT_LIMIT, found by walking the date index. */
const HEAD_WALK = 500;
/**
 * Documents checked for a phrase at most: a phrase is checked on each document's full vector
 * (word positions, read from TOAST), so only this many documents with all of its words are.
 */
const PHRASE_CHECKS = 2_000;

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
  /** false: the total is a lower bound (more than COUNT_LIMIT matches, or a phrase checked on PHRASE_CHECKS documents). */
  vollstaendig: boolean;
  facetten: FacetRow[];
};

/** The tsquery of one term, built by the German analyzer (the same as the index); negation is the caller's. */
function termQuery(term: SearchTerm): RawBuilder<unknown> {
  return sql`${termTsquery({ ...term, negated: false }) ?? ''}::tsquery`;
}

/** A phrase as the plain AND of its words (no positions): what the GIN index answers without rechecks. */
function allWordsQuery(term: SearchTerm): RawBuilder<unknown> {
  const phrase = termTsquery({ ...term, negated: false }) ?? '';
  return sql`${phrase.replace(/<(\d+|-)>/g, '&')}::tsquery`;
}

/** One facet value as the SQL counts it: over the collected matches (all of them up to COUNT_LIMIT). */
export type FacetRow = {
  facette: 'aktenplan' | 'art' | 'jahr' | 'vorgangStatus';
  wert: string;
  titel: string | null;
  anzahl: number;
};

/**
 * Facet counts over the collected matches `m` (id, datum, unit_id, art, vorgang_id): Aktenplan unit,
 * kind, year and Vorgang status. `m` holds at most COUNT_LIMIT + 1 rows, so the cost is bounded;
 * the counts are exact when that is all the matches. Units and Vorgänge are looked up once per
 * distinct value, not once per match.
 */
const facetsOf = sql`facets as (
      select coalesce(json_agg(f), '[]'::json) as list from (
        select 'aktenplan' as facette, u.kennzeichen as wert, u.titel, x.n as anzahl
        from (select unit_id, count(*) as n from m group by unit_id) x join aktenplan_units u on u.id = x.unit_id
        union all
        select 'art', x.art, null, count(*) from m x group by x.art
        union all
        select 'jahr', y.jahr::text, null, count(*) from (select extract(year from datum)::int as jahr from m) y group by y.jahr
        union all
        select 'vorgangStatus', vg.status, null, sum(x.n)
        from (select vorgang_id, count(*) as n from m group by vorgang_id) x join vorgaenge vg on vg.id = x.vorgang_id
        group by vg.status
      ) f
    )`;

/**
 * One page of matches, ranked, with the total (exact up to COUNT_LIMIT) and the facet counts over
 * the same matches. `filter` dates are checked by the caller; `terms` come from parseSearchQuery.
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
  // Whole words rank above compounds that only contain them ("Bescheid" before "Gebührenbescheid").
  const exact = exactTsqueryOf(textTerms.filter((t) => !t.negated));
  const exactBonus = exact ? sql`ts_rank_cd(d.search, ${exact}::tsquery, 32)` : sql`0`;
  for (const term of terms.filter((t) => t.kind === 'reference'))
    where.push(
      term.negated
        ? sql`not (d.refs @> array[${term.value}]::text[])`
        : sql`d.refs @> array[${term.value}]::text[]`,
    );
  if (filter.aktenplan)
    // An array, not a semi-join: the planner would otherwise repeat the full-text scan per unit.
    // With the index dokumente_unit the units are a bitmap beside the full-text one (BitmapAnd).
    where.push(
      sql`d.unit_id = any(array(select id from aktenplan_units where kennzeichen = ${filter.aktenplan}
            or kennzeichen like ${`${filter.aktenplan}.%`}))`,
    );
  if (filter.akteId) where.push(sql`d.akte_id = ${filter.akteId}::uuid`);
  if (filter.vorgangStatus)
    // Checked on the rows, never an index condition: PostgreSQL cannot estimate how many documents
    // the Vorgänge of a state have, and took their index (dokumente_vorgang) with the full vector
    // checked on each of their documents – 10,000 vectors read, seconds. (`coalesce` keeps the
    // condition off that index.)
    where.push(
      sql`coalesce(d.vorgang_id, d.vorgang_id) = any(array(select id from vorgaenge where status = ${filter.vorgangStatus}))`,
    );
  if (filter.art) where.push(sql`d.art = ${filter.art}`);
  if (filter.von) where.push(sql`d.datum >= ${filter.von}::date`);
  if (filter.bis) where.push(sql`d.datum <= ${filter.bis}::date`);
  const condition = where.length > 0 ? sql.join(where, sql` and `) : sql`true`;
  // The same filters for walking the date index: `is true` keeps them off every other index, so
  // PostgreSQL walks dokumente_neueste in the page's order and stops at the limit.
  const walkCondition = sql`(${condition}) is true`;
  const from = fullClearance
    ? sql`dokumente d`
    : sql`dokumente d join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id`;
  // A reference number in the document's own title counts most: the paper itself before the
  // documents that merely cite it.
  const referenceBonus =
    references.length > 0
      ? sql`(case when upper(d.titel) like any(${references.map((r) => `%${r}%`)}::text[]) then 1 else 0 end)`
      : sql`0`;
  const details = sql`d.id, d.titel, d.art, d.datum, d.text_status, d.vorgang_id, vg.betreff, vg.status as vorgang_status,
           d.akte_id, a.aktenzeichen, u.kennzeichen`;
  const detailJoins = sql`join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id
    join aktenplan_units u on u.id = d.unit_id`;

  if (!query) {
    // No words: the newest documents (the search page's default), or the documents citing a
    // reference number. The matches are collected in the order of the page through the index
    // dokumente_neueste (datum desc, id) – the newest COUNT_LIMIT + 1 of them, read from the index
    // alone with full clearance – so a listing costs the same at 20,000 and at 1,000,000 documents;
    // their count is the total (exact up to COUNT_LIMIT) and the facets count them.
    const collect = Math.max(COUNT_LIMIT + 1, page.offset + page.limit);
    const { rows } = await sql<SearchRow>`
      with m as materialized (
        select d.id, d.datum, d.unit_id, d.art, d.vorgang_id, ${referenceBonus} as rang from ${from}
        where ${condition}
        order by ${references.length > 0 ? sql`rang desc, ` : sql``}d.datum desc, d.id limit ${collect}
      ), matches as (select count(*) as n from m), ${facetsOf}, p as (
        select m.id, m.rang, m.datum from m
        order by m.rang desc, m.datum desc, m.id limit ${page.limit} offset ${page.offset}
      )
      select ${details}, p.rang, (select n from matches) as total, (select n from matches) <= ${COUNT_LIMIT} as vollstaendig,
             (select list from facets) as facetten
      from p join dokumente d on d.id = p.id ${detailJoins}
      order by p.rang desc, p.datum desc, p.id`.execute(trx);
    return rows;
  }

  // The GIN indexes are always the better way to find matches: a sequential scan would read
  // every document's (TOASTed) full-text vector. The same holds for a lossy bitmap: with the
  // default 4 MB a word in most of a million documents no longer fits exactly, and every row of
  // a lossy page is rechecked against its full vector. 64 MB keep it exact (≈ 70 bytes per page
  // of the table); the memory is used only by such a query, and only for its duration.
  await sql`select set_config('enable_seqscan', 'off', true), set_config('work_mem', '64MB', true)`.execute(
    trx,
  );
  // Candidates, then ranking: the best title/metadata hits (small vector, own GIN index) and the
  // newest content hits, at least 100 of each; only these are ranked on the full content, so the
  // cost of a query is bounded even for a word that occurs in almost every document.
  // Every list is first collected through the GIN bitmaps (with the filters' B-tree bitmaps:
  // BitmapAnd), capped at COUNT_LIMIT + 1 rows in the table's order: the matches `m` (their count
  // is the total, exact up to 10,000, and the facets count them) and the title/metadata matches
  // `hm`. When that is all of them, the newest come from these. Only above the cap does the date
  // index (dokumente_neueste) look for the newest, row by row – the matches are then at least 1 %
  // of 1,000,000 documents, dense enough to be met soon; `ts_match_vq(…)` written as a function
  // keeps that walk off the GIN index. (Walking the date index for a word whose matches the
  // filters exclude would read every document; a bitmap of 800,000 matches sorted by date would
  // read them all.)
  // Every candidate list breaks ties by id: documents of the same date (a bulk upload) must fall
  // into the same window on every page, or pages overlap and some hits are never shown.
  const candidates = Math.max(100, page.offset + page.limit);
  // A phrase needs the word positions of each document's full vector: PostgreSQL rechecks every
  // document that has all its words (a common phrase: most documents, seconds at 200,000). So the
  // matches of a phrase come from the first PHRASE_CHECKS documents with all its words (found
  // through the GIN index without positions); with more such documents the total and the facets
  // are lower bounds ("mindestens") and the newest hits are the newest of these.
  // (A "phrase" of one word has no positions to check.)
  const phrases = textTerms.filter(
    (t) => t.kind === 'phrase' && !t.negated && /<(\d+|-)>/.test(termTsquery({ ...t, negated: false }) ?? ''),
  );
  const wordsOnly =
    phrases.length > 0
      ? sql.join(
          textTerms.map((t) =>
            t.negated ? sql`!!${termQuery(t)}` : t.kind === 'phrase' ? allWordsQuery(t) : termQuery(t),
          ),
          sql` && `,
        )
      : null;
  const collected = wordsOnly
    ? sql`with r as materialized (
      select d.id from ${from} where d.search @@ (${wordsOnly}) and ${condition} limit ${PHRASE_CHECKS + 1}
    ), m as materialized (
      select d.id, d.datum, d.unit_id, d.art, d.vorgang_id from r join dokumente d on d.id = r.id
      where ts_match_vq(d.search, (${query}))
    ), matches as (
      select count(*) as n, (select count(*) from r) <= ${PHRASE_CHECKS} as checked_all from m
    )`
    : sql`with m as materialized (
      select d.id, d.datum, d.unit_id, d.art, d.vorgang_id from ${from}
      where d.search @@ (${query}) and ${condition} limit ${COUNT_LIMIT + 1}
    ), matches as (
      select count(*) as n, true as checked_all from m
    )`;
  const { rows } = await sql<SearchRow>`
    ${collected}, ${facetsOf}, hm as materialized (
      select d.id, d.datum, d.search_head from ${from}
      where d.search_head @@ (${query}) and ${condition} limit ${COUNT_LIMIT + 1}
    ), head_pool as (
      (select id, datum, search_head from hm where (select count(*) from hm) <= ${COUNT_LIMIT}
       order by datum desc, id limit ${HEAD_POOL})
      union all
      (select d.id, d.datum, d.search_head from ${from}
       where (select count(*) from hm) > ${COUNT_LIMIT} and ts_match_vq(d.search_head, (${query})) and ${walkCondition}
       order by d.datum desc, d.id limit ${HEAD_WALK})
    ), head_hits as (
      select id, ts_rank_cd(search_head, (${query}), 32) as head_rank from head_pool
      order by head_rank desc, datum desc, id limit ${candidates}
    ), body_hits as (
      (select id from m where (select n from matches) <= ${COUNT_LIMIT} or ${wordsOnly !== null}
       order by datum desc, id limit ${candidates})
      union all
      (select d.id from ${from}
       where (select n from matches) > ${COUNT_LIMIT} and not ${wordsOnly !== null}
         and ts_match_vq(d.search, (${query})) and ${walkCondition}
       order by d.datum desc, d.id limit ${candidates})
    ), cand as (
      select id, max(head_rank) as head_rank from (
        select id, head_rank from head_hits union all select id, 0 from body_hits) x group by id
    )
    select ${details},
           cand.head_rank + ts_rank_cd(d.search, (${query}), 32) + ${exactBonus} + ${referenceBonus} as rang,
           (select n from matches) as total,
           (select n <= ${COUNT_LIMIT} and checked_all from matches) as vollstaendig,
           (select list from facets) as facetten
    from cand join dokumente d on d.id = cand.id ${detailJoins}
    where d.search @@ (${query})
    order by rang desc, datum desc, id
    limit ${page.limit} offset ${page.offset}`.execute(trx);
  return rows;
}

/** The current text (first 200,000 characters) and type of the documents of one page. */
export async function loadCurrentTexts(trx: TenantTrx, ids: string[]) {
  const { rows } = await sql<{ id: string; text: string | null; mime: string }>`
    select d.id, left(dv.text, 200000) as text, dv.mime from dokumente d
    join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = any(${ids}::uuid[])`.execute(trx);
  return new Map(rows.map((t) => [t.id, t]));
}
