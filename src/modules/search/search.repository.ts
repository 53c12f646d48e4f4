import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { exactTsqueryOf } from './analyzer/tsquery.ts';
import { resolveFilters, type SearchInput } from './search.filters.repository.ts';
import { detailsOf, facetsOf, hitsWithDetails, type PageRow } from './search.hits.repository.ts';
import { COUNT_LIMIT } from './search.models.ts';
import { CANDIDATES, HEAD_POOL, HEAD_WALK, PHRASE_CHECKS, POOL, WALK_ROWS } from './search.plan.models.ts';
import {
  allWordsQuery,
  NEWEST_FILED,
  planSettings,
  type SearchParts,
  searchParts,
  type TextPlan,
  termQuery,
  textPlan,
} from './search.plan.repository.ts';
import { timed } from './search.stages.ts';

/** A listing with an Aktenplan filter of at most this many units reads each unit's newest on its own. */
const UNIT_BRANCHES = 16;

/**
 * Title/metadata hits, the cheapest way (textPlan): among the matches `m` of a walk that read the
 * newest documents first, through the GIN index (up to HEAD_POOL × 1.25 of them, the newest
 * HEAD_POOL ranked), every document the filters leave checked (at most WALK_ROWS), or the first
 * HEAD_WALK among the WALK_ROWS most recently filed documents of the county that pass the filters
 * (a narrow filter leaves fewer of them, never more reading).
 */
function titleHits(parts: SearchParts, query: RawBuilder<unknown>, plan: TextPlan, newestFirst: boolean) {
  const { from, visible, bounded, recent, titleCondition } = parts;
  if (newestFirst && plan.head === 'walk')
    return sql`select id, datum, search_head from m where ts_match_vq(search_head, (${query}))
      order by datum desc, id limit ${HEAD_POOL}`;
  if (plan.head === 'index')
    return sql`select id, datum, search_head from (
        select d.id, d.datum, d.search_head from ${from} where d.search_head @@ (${query}) and ${titleCondition}
        limit ${HEAD_POOL + HEAD_POOL / 4}) x
      order by datum desc, id limit ${HEAD_POOL}`;
  if (plan.head === 'filter')
    return sql`select d.id, d.datum, d.search_head from ${bounded(WALK_ROWS)}
      where ${visible} and ts_match_vq(d.search_head, (${query}))
      order by datum desc, id limit ${HEAD_POOL}`;
  return sql`select d.id, d.datum, d.search_head from ${recent(WALK_ROWS)}
    where ${visible} and ts_match_vq(d.search_head, (${query})) limit ${HEAD_WALK}`;
}

/**
 * The CTEs `m` (the matches, at most COUNT_LIMIT + 1, with what the facets count), `matches`
 * (their number, and whether a phrase was checked on all documents with its words), `pool`
 * (the matches the newest hits are taken from: up to POOL through the GIN index, the COUNT_LIMIT + 1
 * of a walk) and `pool_complete` (whether the pool holds the newest matches; otherwise they are
 * looked for among the most recently filed documents: a walk in the table's order reads it from
 * its start, so its first matches are the oldest). `newestFirst`: the walk reads the most recently
 * filed documents first (SearchParts.walksNewestFirst), so its matches are the newest ones and
 * keep their title vector (search_head). A phrase needs
 * the word positions of each document's full vector: its matches come from the first PHRASE_CHECKS
 * documents with all its words; with more such documents the total and the facets are lower bounds
 * ("mindestens").
 */
function matchesOf(
  parts: SearchParts,
  query: RawBuilder<unknown>,
  plan: TextPlan,
  { newestFirst }: { newestFirst: boolean } = { newestFirst: false },
) {
  const { from, visible, textTerms } = parts;
  const textCondition = parts.textConditionWith(plan.listsOnRows);
  // A walk that reads the most recently filed documents first keeps each match's title vector:
  // the title hits are then looked for among its matches (findDokumente).
  const names = ['id', 'datum', 'unit_id', 'art', 'vorgang_id', ...(newestFirst ? ['search_head'] : [])];
  const kept = sql.join(names.map((n) => sql.ref(n)));
  const columns = sql.join(names.map((n) => sql.ref(`d.${n}`)));
  const bounded = (n: number) => parts.bounded(n, newestFirst ? NEWEST_FILED : undefined);
  // A walk that found fewer than it wanted among the plan.walkCap documents it may read, while the
  // filters leave more: PostgreSQL's estimate was wrong (a rule or filter excludes most
  // documents); the caller asks again through the GIN index.
  // Filters that leave far more than the walk may read (estimated alone: reliable) are not counted
  // again; asking the GIN index once too often costs time, never a different answer.
  const cut = (found: RawBuilder<unknown>, wanted: number) =>
    plan.estimated.filtered > 10 * plan.walkCap
      ? sql`${found} < ${wanted}`
      : sql`case when ${found} < ${wanted}
      then (select count(*) from (select 1 from dokumente d where ${parts.docCondition} limit ${plan.walkCap + 1}) x) > ${plan.walkCap}
      else false end`;
  if (plan.phrase) {
    // The documents with all the phrase's words: through the GIN index without positions (no
    // rechecks), or on their key hashes. Their vectors are then checked in the order they were
    // found (the table's), not looked up again by id: a tenth of the cost at a million documents.
    const r = plan.bodyWalk
      ? sql`select ${columns}, d.search from ${bounded(plan.walkCap)} where ${plan.keys!} and ${visible}`
      : sql`select ${columns}, d.search from ${from} where d.search @@ (${sql.join(
          textTerms.map((t) =>
            t.negated ? sql`!!${termQuery(t)}` : t.kind === 'phrase' ? allWordsQuery(t) : termQuery(t),
          ),
          sql` && `,
        )}) and ${textCondition}`;
    return sql`with r as materialized (${r} limit ${PHRASE_CHECKS + 1}
    ), m as materialized (
      select ${kept} from r where ts_match_vq(r.search, (${query}))
    ), matches as (
      select count(*) as n, (select count(*) from r) <= ${PHRASE_CHECKS} as checked_all,
        ${plan.bodyWalk ? cut(sql`(select count(*) from r)`, PHRASE_CHECKS + 1) : sql`false`} as walk_cut from m
    ), pool as (select * from m), pool_complete as (select true as yes)`;
  }
  if (plan.bodyWalk)
    return sql`with m as materialized (
      select ${columns} from ${bounded(plan.walkCap)} where ${plan.keys!} and ${visible} limit ${COUNT_LIMIT + 1}
    ), matches as (
      select count(*) as n, true as checked_all, ${cut(sql`count(*)`, COUNT_LIMIT + 1)} as walk_cut from m
    ), pool as (select * from m), pool_complete as (${newestFirst ? sql`select true as yes` : sql`select count(*) <= ${COUNT_LIMIT} as yes from m`})`;
  // Through the GIN index the bitmap of all matches is built anyway: up to POOL of them are read
  // (in the table's order), the first COUNT_LIMIT + 1 are counted.
  return sql`with pool as materialized (
      select ${columns} from ${from} where d.search @@ (${query}) and ${textCondition} limit ${POOL + 1}
    ), m as materialized (
      select * from pool limit ${COUNT_LIMIT + 1}
    ), matches as (
      select count(*) as n, true as checked_all, false as walk_cut from m
    ), pool_complete as (select count(*) <= ${POOL} as yes from pool)`;
}

/**
 * The number of matches (exact up to COUNT_LIMIT, then COUNT_LIMIT + 1) without ranking or facets:
 * for "Meinten Sie …?", which shows how much the corrected query finds.
 */
export async function countDokumente(trx: TenantTrx, input: SearchInput): Promise<number> {
  const resolved = await resolveFilters(trx, input);
  if (resolved.none) return 0;
  const parts = searchParts(input, resolved);
  const { query, condition, from } = parts;
  if (!query) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from (
      select 1 from ${from} where ${condition} limit ${COUNT_LIMIT + 1}) x`.execute(trx);
    return Number(rows[0]?.n ?? 0);
  }
  return withWalkFallback(trx, await textPlan(trx, parts, query), async (plan) => {
    const { rows } = await sql<{ n: string; walk_cut: boolean }>`${matchesOf(parts, query, plan)}
      select n, walk_cut from matches`.execute(trx);
    return { cut: rows[0]?.walk_cut ?? false, value: Number(rows[0]?.n ?? 0) };
  });
}

/**
 * Runs a planned statement with the plan's settings; when its walk was cut short (the estimate was
 * wrong), once more through the GIN index.
 */
async function withWalkFallback<T>(
  trx: TenantTrx,
  plan: TextPlan,
  run: (plan: TextPlan) => Promise<{ cut: boolean; value: T }>,
): Promise<T> {
  await planSettings(trx, plan);
  const first = await timed('statement', () => run(plan));
  if (!first.cut) return first.value;
  const index = { ...plan, bodyWalk: false };
  await planSettings(trx, index);
  return (await timed('fallback', () => run(index))).value;
}

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
    textChars,
    beside,
  }: SearchInput & {
    page: { limit: number; offset: number };
    textChars: number;
    /** Runs a read beside this transaction on a connection of its own, or null (DatabaseHandle.withTenantBeside). */
    beside?: <T>(work: (trx: TenantTrx) => Promise<T>) => Promise<T> | null;
  },
) {
  const resolved = await timed('filter', () => resolveFilters(trx, { scope, filter }));
  if (resolved.none) return [];
  const parts = searchParts({ scope, terms, filter }, resolved);
  const { textTerms, references, query, condition, visible, bounded, from } = parts;
  // Whole words rank above compounds that only contain them ("Bescheid" before "Gebührenbescheid").
  const exact = exactTsqueryOf(textTerms.filter((t) => !t.negated));
  const exactBonus = exact ? sql`ts_rank_cd(x.v, ${exact}::tsquery, 32)` : sql`0`;
  // A reference number in the document's own title counts most: the paper itself before the
  // documents that merely cite it.
  const referenceBonus =
    references.length > 0
      ? sql`(case when upper(d.titel) like any(${references.map((r) => `%${r}%`)}::text[]) then 1 else 0 end)`
      : sql`0`;
  const facets = facetsOf(filter.vorgangStatus);
  if (!query) {
    // No words: the newest documents (the search page's default), or the documents citing a
    // reference number. The matches are collected in the order of the page through the index
    // dokumente_neueste_sicht (datum desc, id) or dokumente_neueste_einheit (per Aktenplan unit) –
    // the newest COUNT_LIMIT + 1 of them, read from the
    // index alone, also with the visibility rule (the index carries Akte and confidentiality;
    // migration 0078) – so a listing costs the same at 20,000 and at 1,000,000 documents;
    // their count is the total (exact up to COUNT_LIMIT) and the facets count them.
    const collect = Math.max(COUNT_LIMIT + 1, page.offset + page.limit);
    const newest = (where: RawBuilder<unknown>, n: number) =>
      sql`select d.id, d.datum, d.unit_id, d.art, d.vorgang_id, ${referenceBonus} as rang from ${from}
        where ${where}
        order by ${references.length > 0 ? sql`rang desc, ` : sql``}d.datum desc, d.id limit ${n}`;
    // With an Aktenplan filter: the newest of each unit (dokumente_neueste_einheit, migration 0082),
    // merged – the same documents as reading all newest ones until enough are of the units, which
    // for a unit with a tenth of the county read ten times as many.
    const units = resolved.units;
    const byUnit = references.length === 0 && units !== undefined && units.length <= UNIT_BRANCHES;
    const others = byUnit
      ? searchParts({ scope, terms, filter }, { ...resolved, units: undefined }).condition
      : null;
    const collected = (n: number) =>
      byUnit
        ? sql`select * from (${sql.join(
            units.map((unit) => sql`(${newest(sql`d.unit_id = ${unit}::uuid and ${others}`, n)})`),
            sql` union all `,
          )}) d order by d.datum desc, d.id limit ${n}`
        : newest(condition, n);
    // Without a reference number the page walks the same index as the count, but only to its last
    // row; with its details it is read beside the count on a connection of its own when one is free
    // (withTenantBeside): at a million documents the count and the facets take about 5 ms, the page
    // and its details about 2.5 ms, which then no longer add up. Otherwise – a reference number's
    // documents must all be ranked for the page, or no connection is free – the page comes from the
    // counted matches, in the same statement.
    const pageOf = async (on: TenantTrx) => {
      const { rows } = await sql<{ id: string; rang: number }>`
        select p.id, p.rang from (${collected(page.offset + page.limit)}) p
        order by p.rang desc, p.datum desc, p.id limit ${page.limit} offset ${page.offset}`.execute(on);
      return { rows, details: await detailsOf(on, rows, textChars) };
    };
    const aside = references.length === 0 ? beside?.(pageOf) : null;
    // The count and the facets, with the page from the counted matches – none when it is read beside
    // (`limit 0`: the sort of the matches is not run). One row even without a page, for the total.
    const counting = (pageLimit: number) =>
      timed('statement', async () => {
        const { rows } = await sql<PageRow>`
          with m as materialized (${collected(collect)}), matches as (select count(*) as n from m), ${facets}, p as (
            select m.id, m.rang, m.datum from m
            order by m.rang desc, m.datum desc, m.id limit ${pageLimit} offset ${page.offset}
          )
          select p.id, p.rang, n as total, n <= ${COUNT_LIMIT} as vollstaendig, (select list from facets) as facetten
          from matches left join p on true
          order by p.rang desc, p.datum desc, p.id`.execute(trx);
        return rows;
      });
    if (!aside) {
      const rows = await counting(page.limit);
      return hitsWithDetails(rows, await timed('details', () => detailsOf(trx, rows, textChars)));
    }
    const [counted, shown] = await Promise.all([counting(0), timed('beside', () => aside)]);
    // The count never below what the page shows (a document filed between the two statements).
    const { total, vollstaendig, facetten } = counted[0]!;
    const atLeast = String(Math.max(Number(total), page.offset + shown.rows.length));
    return hitsWithDetails(
      shown.rows.map((r) => ({ ...r, total: atLeast, vollstaendig, facetten })),
      shown.details,
    );
  }

  // How the matches are found depends on how many there are, as PostgreSQL estimates it from its
  // statistics of the full-text columns (EXPLAIN, no execution; about a millisecond): a GIN
  // bitmap costs about 0.3 µs per matching document and is built whole before the first row is
  // read, while checking documents one by one on their key hashes (search_keys, kept in the row)
  // costs about a microsecond per document read. So up to WALK_ABOVE matches the GIN index finds
  // them; for a word in most documents the table is read in its order until COUNT_LIMIT + 1
  // matches are found (1/density documents per match).
  const planned = await timed('plan', () => textPlan(trx, parts, query));
  // Candidates, then ranking: the best title/metadata hits (small vector, own GIN index) and the
  // newest content hits, CANDIDATES of each; only these are ranked on the full content, so the
  // cost of a query is bounded even for a word that occurs in almost every document.
  // Every candidate list breaks ties by id: documents of the same date (a bulk upload) must fall
  // into the same window on every page, or pages overlap and some hits are never shown.
  const candidates = Math.max(CANDIDATES, page.offset + page.limit);
  const pageRows = await withWalkFallback(trx, planned, async (plan) => {
    // A walk without a list filter reads the most recently filed documents first: its COUNT_LIMIT + 1
    // matches are the newest, the content hits are taken from them and the title hits looked for
    // among them (1 in 40 documents matches on a walk: they cover at least the 1,000 most recently
    // filed documents; reading them first costs about as much as in the table's order, at a million
    // documents 24 instead of 21 ms for 22,000 rows, and saves the two walks below: 6–20 ms each).
    const newestFirst = plan.bodyWalk && parts.walksNewestFirst;
    const headPool = titleHits(parts, query, plan, newestFirst);
    // The newest content hits: from the pool of matches when that is all of them; otherwise
    // matches among the WALK_ROWS most recently filed documents (dokumente_eingang, backwards
    // through the table, its pages in order), each checked on its key hashes where the query
    // allows it. (A full pool: at least 1 in 100 documents matches through the GIN index, 1 in 40
    // on a walk, which found COUNT_LIMIT + 1 among at most 40,000.)
    const rowCheck = plan.keys ?? sql`ts_match_vq(d.search, (${query}))`;
    const { rows } = await sql<PageRow & { walk_cut: boolean }>`
      ${matchesOf(parts, query, plan, { newestFirst })}, ${facets}, head_pool as (${headPool}), head_hits as (
        select id, ts_rank_cd(search_head, (${query}), 32) as head_rank from head_pool
        order by head_rank desc, datum desc, id limit ${candidates}
      ), body_hits as (
        (select id from pool where (select yes from pool_complete)
         order by datum desc, id limit ${candidates})
        union all
        (select d.id from ${bounded(WALK_ROWS, NEWEST_FILED)}
         where not (select yes from pool_complete) and ${visible} and ${rowCheck}
         limit ${candidates})
      ), cand as (
        select id, max(head_rank) as head_rank from (
          select id, head_rank from head_hits union all select id, 0 from body_hits) x group by id
      ), x as materialized (
        -- Each candidate's full vector read once (from TOAST, decompressed) for the three uses below.
        select cand.id, cand.head_rank, d.datum, ${referenceBonus} as reference_bonus,
               d.search || ''::tsvector as v
        from cand join dokumente d on d.id = cand.id
      ), ranked as (
        select x.id, x.datum,
               x.head_rank + ts_rank_cd(x.v, (${query}), 32) + ${exactBonus} + x.reference_bonus as rang
        from x where x.v @@ (${query})
        order by rang desc, datum desc, id
        limit ${page.limit} offset ${page.offset}
      )
      -- One row even without hits: the total and whether a walk was cut short travel with it.
      select ranked.id, ranked.rang, (select n from matches) as total,
             (select n <= ${COUNT_LIMIT} and checked_all from matches) as vollstaendig,
             (select list from facets) as facetten, (select walk_cut from matches) as walk_cut
      from (select 1) one left join ranked on true
      order by ranked.rang desc, ranked.datum desc, ranked.id`.execute(trx);
    return { cut: rows[0]?.walk_cut ?? false, value: rows };
  });
  return hitsWithDetails(pageRows, await timed('details', () => detailsOf(trx, pageRows, textChars)));
}
