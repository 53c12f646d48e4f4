import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { exactTsqueryOf, termTsquery } from './analyzer/tsquery.ts';
import { type KeyTest, keyTestOf } from './analyzer/tsquery-keys.ts';
import { COUNT_LIMIT, type SearchFilter, type SearchTerm } from './search.models.ts';

/**
 * Candidates of each kind (title/metadata hits, newest content hits) ranked on their full vector:
 * each vector is read from TOAST (about 80 µs at a million documents), so a page of 20 looks at
 * 120 documents at most.
 */
const CANDIDATES = 60;
/** Title/metadata hits ranked per query: the newest this many (all of them in smaller files). */
const HEAD_POOL = 2_000;
/** The same when found among the most recently filed documents. */
const HEAD_WALK = 200;
/** A prefix is tested on key hashes when the vocabulary has at most this many keys starting with it. */
const PREFIX_KEYS = 2_000;
/** Microseconds per document: a GIN posting (bitmap), a row read and checked (textPlan). */
const COST = { posting: 0.35, row: 1.5 };
/** Matches read through the GIN index at most: the newest hits are taken from them when that is all. */
const POOL = 10_000;
/** Documents read at most when looking for the most recently filed matches row by row. */
const WALK_ROWS = 10_000;
/**
 * Tests and benchmarks only: `force` takes one way to collect the matches whatever the estimates
 * say; `walkCap` is the number of documents a walk reads at most before it gives up and the GIN
 * index answers instead (40,000: about 60 ms).
 */
export const searchTuning: { force: 'walk' | 'index' | undefined; walkCap: number } = {
  force: undefined,
  walkCap: 40_000,
};
/**
 * Documents checked for a phrase at most: a phrase is checked on each document's full vector
 * (word positions, read from TOAST), so only this many documents with all of its words are.
 */
export const PHRASE_CHECKS = 300;

/** Which documents the caller may see: all of the county, or those the visibility rule lets through. */
export type DokumentScope = {
  seesAll: boolean;
  /** The rule on a document `d` in Vorgang `vg` and Akte `a`. */
  visible: RawBuilder<boolean>;
  /** The rule on a Vorgang `vg` in Akte `a`: a visible document is always in a visible Vorgang. */
  vorgangVisible: RawBuilder<boolean>;
};

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
 * kind, year and Vorgang status, counted in one pass (grouping sets; `welche` tells the set: the
 * bits of the columns not grouped by). `m` holds at most COUNT_LIMIT + 1 rows, so the cost is bounded;
 * the counts are exact when that is all the matches. Units and Vorgänge are looked up once per
 * distinct value, not once per match.
 */
const facetsOf = sql`g as (
      select grouping(unit_id, art, jahr) as welche, unit_id, art, jahr, vorgang_id, count(*) as n
      from (select unit_id, art, extract(year from datum)::int as jahr, vorgang_id from m) x
      group by grouping sets ((unit_id), (art), (jahr), (vorgang_id))
    ), facets as (
      select coalesce(json_agg(f), '[]'::json) as list from (
        select 'aktenplan' as facette, u.kennzeichen as wert, u.titel, g.n as anzahl
        from g join aktenplan_units u on u.id = g.unit_id where g.welche = 3
        union all
        select 'art', g.art, null, g.n from g where g.welche = 5
        union all
        select 'jahr', g.jahr::text, null, g.n from g where g.welche = 6
        union all
        select 'vorgangStatus', vg.status, null, sum(g.n)
        from g join vorgaenge vg on vg.id = g.vorgang_id where g.welche = 7
        group by vg.status
      ) f
    )`;

type SearchInput = { scope: DokumentScope; terms: SearchTerm[]; filter: Omit<SearchFilter, 'q'> };

/** At most this many Vorgänge are given to PostgreSQL as a list (resolveFilters). */
const VORGANG_LIST = 5_000;

/**
 * The filters on Aktenplan units, Vorgang status and visibility as lists of ids, read first from
 * the small tables: PostgreSQL then knows how many documents they leave (from its statistics of
 * dokumente.unit_id and vorgang_id) instead of guessing – a guess that let it read a million
 * documents for a filter none of them passed. `none`: no document can pass (a unit without
 * documents, or no visible Vorgang under the filters: a document is in its Akte's unit, and visible
 * only in a visible Vorgang).
 */
async function resolveFilters(trx: TenantTrx, { scope, filter }: Omit<SearchInput, 'terms'>) {
  let units: string[] | undefined;
  if (filter.aktenplan) {
    const { rows } = await sql<{ id: string }>`select id from aktenplan_units
      where kennzeichen = ${filter.aktenplan} or kennzeichen like ${`${filter.aktenplan}.%`}`.execute(trx);
    units = rows.map((r) => r.id);
    if (units.length === 0) return { none: true };
  }
  let vorgaenge: string[] | undefined;
  if (filter.vorgangStatus || !scope.seesAll) {
    const where: RawBuilder<unknown>[] = [sql`true`];
    if (!scope.seesAll) where.push(scope.vorgangVisible);
    if (filter.vorgangStatus) where.push(sql`vg.status = ${filter.vorgangStatus}`);
    if (units) where.push(sql`a.unit_id = any(${units}::uuid[])`);
    if (filter.akteId) where.push(sql`a.id = ${filter.akteId}::uuid`);
    const { rows } = await sql<{ id: string; alle: string }>`
      select vg.id, (select count(*) from vorgaenge) as alle from vorgaenge vg join akten a on a.id = vg.akte_id
      where ${sql.join(where, sql` and `)} limit ${VORGANG_LIST + 1}`.execute(trx);
    if (rows.length === 0) return { none: true };
    // A short list – or one a status filter needs (all of them, or none when it would be long).
    if (rows.length <= VORGANG_LIST && rows.length <= Number(rows[0]!.alle) / 2)
      vorgaenge = rows.map((r) => r.id);
  }
  return { none: false, units, vorgaenge };
}

/** The pieces every search statement shares: what is searched, the filters, the visibility rule. */
type SearchParts = ReturnType<typeof searchParts>;
type Resolved = Awaited<ReturnType<typeof resolveFilters>>;

function searchParts({ scope, terms, filter }: SearchInput, resolved: Resolved) {
  const textTerms = terms.filter((t) => t.kind !== 'reference');
  const references = terms.filter((t) => t.kind === 'reference' && !t.negated).map((t) => t.value);
  // With full clearance (Leitung, administration) every document of the county is visible, so
  // the matches need no joins; otherwise the visibility rule needs the Vorgang and the Akte.
  const fullClearance = scope.seesAll;
  const where: RawBuilder<unknown>[] = [];
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
  if (resolved.units) where.push(sql`d.unit_id = any(${resolved.units}::uuid[])`);
  if (filter.akteId) where.push(sql`d.akte_id = ${filter.akteId}::uuid`);
  if (resolved.vorgaenge) where.push(sql`d.vorgang_id = any(${resolved.vorgaenge}::uuid[])`);
  else if (filter.vorgangStatus)
    // Too many Vorgänge for a list: checked on the rows, never an index condition (`coalesce`
    // keeps it off dokumente_vorgang, whose documents would each be checked on the full vector).
    where.push(
      sql`coalesce(d.vorgang_id, d.vorgang_id) = any(array(select id from vorgaenge where status = ${filter.vorgangStatus}))`,
    );
  if (filter.art) where.push(sql`d.art = ${filter.art}`);
  if (filter.von) where.push(sql`d.datum >= ${filter.von}::date`);
  if (filter.bis) where.push(sql`d.datum <= ${filter.bis}::date`);
  // The filters on the document's own columns, and the visibility rule (Vorgang and Akte).
  const docCondition = where.length > 0 ? sql.join(where, sql` and `) : sql`true`;
  const visible = fullClearance ? sql`true` : sql`${scope.visible}`;
  const condition = fullClearance ? docCondition : sql`${docCondition} and ${visible}`;
  const joins = fullClearance
    ? sql``
    : sql`join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id`;
  const from = sql`dokumente d ${joins}`;
  /**
   * At most `n` documents that pass the filters, in `order` (the table's without), then the
   * visibility rule: a walk that reads no more rows than that, however few of them are visible
   * or match. (Columns of the documents as `d`, with `vg` and `a` for the rule.)
   */
  const bounded = (n: number, order: RawBuilder<unknown> = sql``) =>
    sql`(select d.* from dokumente d where ${docCondition} ${order} limit ${n}) d ${joins}`;
  return { textTerms, references, query, docCondition, condition, visible, bounded, from };
}

/** How a text query is answered: PostgreSQL's estimates of its matches, and the key test if it has one. */
type TextPlan = {
  /** PostgreSQL's estimates: matches of the content and of the title/metadata, documents the filters leave. */
  estimated: { body: number; head: number; filtered: number };
  /** Collect the matches by checking documents one by one on their key hashes (true) or through the GIN index. */
  bodyWalk: boolean;
  /**
   * The title/metadata hits: through the GIN index, by checking every document the filters leave
   * (few), or among the most recently filed documents (when they are in many).
   */
  head: 'index' | 'filter' | 'walk';
  /** The query as a test of search_keys (null: a prefix the vocabulary cannot expand, or a function word only). */
  keys: RawBuilder<unknown> | null;
  /** A phrase: the words' positions are checked on the full vector, for PHRASE_CHECKS documents at most. */
  phrase: boolean;
};

/** PostgreSQL's estimates of the rows of each statement (EXPLAIN, nothing is executed). */
async function estimateRows(trx: TenantTrx, statements: RawBuilder<unknown>[]): Promise<number[]> {
  type PlanNode = { 'Node Type': string; 'Plan Rows': number; Plans?: PlanNode[] };
  const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`explain (format json) ${sql.join(
    statements.map((s) => sql`(${s})`),
    sql` union all `,
  )}`.execute(trx);
  const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
  const parts = statements.length > 1 && plan['Node Type'] === 'Append' ? (plan.Plans ?? []) : [plan];
  return parts.map((p) => p['Plan Rows']);
}

/** search_keys overlaps the hashes of these keys (written as constants: the planner folds them). */
function anyKey(lexemes: string[]): RawBuilder<unknown> {
  if (lexemes.length === 0) return sql`false`;
  if (lexemes.length <= 16)
    return sql`d.search_keys && array[${sql.join(lexemes.map((l) => sql`hashtext(${l}::text)`))}]`;
  return sql`d.search_keys && array(select hashtext(k) from unnest(${lexemes}::text[]) k)`;
}

function keyTestSql(test: KeyTest, expansions: Map<string, string[]>): RawBuilder<unknown> {
  switch (test.kind) {
    case 'any':
      return anyKey(test.lexemes);
    case 'prefix':
      return anyKey(expansions.get(test.prefix) ?? []);
    case 'not':
      return sql`not ${keyTestSql(test.item, expansions)}`;
    default:
      return sql`(${sql.join(
        test.items.map((item) => keyTestSql(item, expansions)),
        test.kind === 'and' ? sql` and ` : sql` or `,
      )})`;
  }
}

/**
 * The keys of the county's vocabulary that start with each prefix, or null when one cannot be
 * expanded: not only letters, shorter than 3, or more than PREFIX_KEYS keys (the vocabulary holds
 * every key of 3 to 40 letters of the county's documents; search.vocabulary).
 */
async function prefixExpansions(trx: TenantTrx, prefixes: string[]): Promise<Map<string, string[]> | null> {
  const expansions = new Map<string, string[]>();
  for (const prefix of prefixes) {
    if (!/^\p{L}{3,40}$/u.test(prefix)) return null;
    const { rows } = await sql<{ schluessel: string }>`
      select schluessel from search_vocabulary
      where schluessel >= ${prefix} and schluessel < ${prefix} || chr(1114111) limit ${PREFIX_KEYS + 1}`.execute(
      trx,
    );
    if (rows.length > PREFIX_KEYS) return null;
    expansions.set(
      prefix,
      rows.map((r) => r.schluessel),
    );
  }
  return expansions;
}

async function textPlan(
  trx: TenantTrx,
  { from, condition, textTerms: terms }: SearchParts,
  query: RawBuilder<unknown>,
): Promise<TextPlan> {
  const literals = terms.map((t) => termTsquery(t));
  let keys: RawBuilder<unknown> | null = null;
  let phrase = false;
  if (literals.every((l): l is string => l !== null)) {
    const parsed = keyTestOf(literals.join(' & '));
    phrase = parsed.positional;
    const expansions = await prefixExpansions(trx, parsed.prefixes);
    if (expansions) keys = keyTestSql(parsed.test, expansions);
  } else phrase = literals.some((l) => l !== null && /<(\d+|-)>/.test(l));
  // Each term alone (a negated one too: the GIN index reads its documents to leave them out): the
  // documents a bitmap of the query decodes.
  const single = terms.map((t) => termQuery(t));
  const [body = 0, head = 0, filtered = 0, ...perTerm] = await estimateRows(trx, [
    sql`select 1 from ${from} where d.search @@ (${query}) and ${condition}`,
    sql`select 1 from ${from} where d.search_head @@ (${query}) and ${condition}`,
    sql`select 1 from ${from} where ${condition}`,
    ...single.map((q) => sql`select 1 from dokumente d where d.search @@ ${q}`),
    ...single.map((q) => sql`select 1 from dokumente d where d.search_head @@ ${q}`),
  ]);
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  const text = sum(perTerm.slice(0, single.length));
  const headText = sum(perTerm.slice(single.length));
  // Estimated microseconds of each way (measured at 1,000,000 documents on 2 cores): a GIN bitmap
  // costs per document with the words (whatever the filters), then each match read; a walk reads
  // documents in the table's order (or those of a filter's index) until it has COUNT_LIMIT + 1.
  const density = (hits: number) => Math.max(hits, 1) / Math.max(filtered, 1);
  const walk = (hits: number, wanted: number) => Math.min(filtered, wanted / density(hits)) * COST.row;
  const bitmap = (postings: number, hits: number, wanted: number) =>
    postings * COST.posting + Math.min(hits, wanted) * COST.row;
  const bodyWalk =
    keys !== null &&
    (searchTuning.force
      ? searchTuning.force === 'walk'
      : walk(body, COUNT_LIMIT + 1) < bitmap(text, body, POOL + 1));
  const headCosts: Array<[TextPlan['head'], number]> = [
    ['index', bitmap(headText, head, HEAD_POOL + HEAD_POOL / 4)],
    ['filter', filtered * COST.row],
    ['walk', walk(head, HEAD_WALK)],
  ];
  const [headWay] = headCosts.sort((x, y) => x[1] - y[1])[0]!;
  return { estimated: { body, head, filtered }, bodyWalk, head: headWay, keys, phrase };
}

/**
 * The CTEs `m` (the matches, at most COUNT_LIMIT + 1, with what the facets count), `matches`
 * (their number, and whether a phrase was checked on all documents with its words) and `pool`
 * (the matches the newest hits are taken from when it holds all of them: up to POOL). A phrase needs
 * the word positions of each document's full vector: its matches come from the first PHRASE_CHECKS
 * documents with all its words; with more such documents the total and the facets are lower bounds
 * ("mindestens").
 */
function matchesOf(parts: SearchParts, query: RawBuilder<unknown>, plan: TextPlan) {
  const { from, condition, visible, bounded, textTerms } = parts;
  const columns = sql`d.id, d.datum, d.unit_id, d.art, d.vorgang_id`;
  // A walk that found fewer than it wanted among the WALK_CAP documents it may read, while the
  // filters leave more: PostgreSQL's estimate was wrong (a rule or filter excludes most
  // documents); the caller asks again through the GIN index.
  const cut = (found: RawBuilder<unknown>, wanted: number) => sql`case when ${found} < ${wanted}
      then (select count(*) from (select 1 from dokumente d where ${parts.docCondition} limit ${searchTuning.walkCap + 1}) x) > ${searchTuning.walkCap}
      else false end`;
  if (plan.phrase) {
    // The documents with all the phrase's words: through the GIN index without positions (no
    // rechecks), or on their key hashes. Their vectors are then checked in the order they were
    // found (the table's), not looked up again by id: a tenth of the cost at a million documents.
    const r = plan.bodyWalk
      ? sql`select ${columns}, d.search from ${bounded(searchTuning.walkCap)} where ${plan.keys!} and ${visible}`
      : sql`select ${columns}, d.search from ${from} where d.search @@ (${sql.join(
          textTerms.map((t) =>
            t.negated ? sql`!!${termQuery(t)}` : t.kind === 'phrase' ? allWordsQuery(t) : termQuery(t),
          ),
          sql` && `,
        )}) and ${condition}`;
    return sql`with r as materialized (${r} limit ${PHRASE_CHECKS + 1}
    ), m as materialized (
      select id, datum, unit_id, art, vorgang_id from r where ts_match_vq(r.search, (${query}))
    ), matches as (
      select count(*) as n, (select count(*) from r) <= ${PHRASE_CHECKS} as checked_all,
        ${plan.bodyWalk ? cut(sql`(select count(*) from r)`, PHRASE_CHECKS + 1) : sql`false`} as walk_cut from m
    ), pool as (select * from m)`;
  }
  if (plan.bodyWalk)
    return sql`with m as materialized (
      select ${columns} from ${bounded(searchTuning.walkCap)} where ${plan.keys!} and ${visible} limit ${COUNT_LIMIT + 1}
    ), matches as (
      select count(*) as n, true as checked_all, ${cut(sql`count(*)`, COUNT_LIMIT + 1)} as walk_cut from m
    ), pool as (select * from m)`;
  // Through the GIN index the bitmap of all matches is built anyway: up to POOL of them are read
  // (in the table's order), the first COUNT_LIMIT + 1 are counted.
  return sql`with pool as materialized (
      select ${columns} from ${from} where d.search @@ (${query}) and ${condition} limit ${POOL + 1}
    ), m as materialized (
      select * from pool limit ${COUNT_LIMIT + 1}
    ), matches as (
      select count(*) as n, true as checked_all, false as walk_cut from m
    )`;
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
  let plan = await textPlan(trx, parts, query);
  for (;;) {
    await planSettings(trx, plan);
    const { rows } = await sql<{ n: string; walk_cut: boolean }>`${matchesOf(parts, query, plan)}
      select n, walk_cut from matches`.execute(trx);
    if (!rows[0]?.walk_cut) return Number(rows[0]?.n ?? 0);
    plan = { ...plan, bodyWalk: false };
  }
}

/**
 * Per statement: without a walk, no sequential scan (it would read every document's full vector);
 * 64 MB for the bitmap of a common word, which otherwise turns lossy (every row of a lossy page
 * is rechecked against its full vector). Only such a query uses it, only while it runs.
 */
const planSettings = (trx: TenantTrx, plan: TextPlan) =>
  sql`select set_config('enable_seqscan', ${plan.bodyWalk ? 'on' : 'off'}, true), set_config('work_mem', '64MB', true)`.execute(
    trx,
  );

/**
 * One page of matches, ranked, with the total (exact up to COUNT_LIMIT) and the facet counts over
 * the same matches. `filter` dates are checked by the caller; `terms` come from parseSearchQuery.
 */
export async function findDokumente(
  trx: TenantTrx,
  { scope, terms, filter, page }: SearchInput & { page: { limit: number; offset: number } },
) {
  const resolved = await resolveFilters(trx, { scope, filter });
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

  // How the matches are found depends on how many there are, as PostgreSQL estimates it from its
  // statistics of the full-text columns (EXPLAIN, no execution; about a millisecond): a GIN
  // bitmap costs about 0.3 µs per matching document and is built whole before the first row is
  // read, while checking documents one by one on their key hashes (search_keys, kept in the row)
  // costs about a microsecond per document read. So up to WALK_ABOVE matches the GIN index finds
  // them; for a word in most documents the table is read in its order until COUNT_LIMIT + 1
  // matches are found (1/density documents per match).
  let plan = await textPlan(trx, parts, query);
  // Candidates, then ranking: the best title/metadata hits (small vector, own GIN index) and the
  // newest content hits, CANDIDATES of each; only these are ranked on the full content, so the
  // cost of a query is bounded even for a word that occurs in almost every document.
  // Every candidate list breaks ties by id: documents of the same date (a bulk upload) must fall
  // into the same window on every page, or pages overlap and some hits are never shown.
  const candidates = Math.max(CANDIDATES, page.offset + page.limit);
  const newest = sql`order by d.created_at desc, d.id`;
  for (;;) {
    await planSettings(trx, plan);
    // Title/metadata hits, the cheapest way (textPlan): through the GIN index (up to HEAD_POOL ×
    // 1.25 of them, the newest HEAD_POOL ranked), every document the filters leave checked (at
    // most WALK_ROWS), or the first HEAD_WALK among the WALK_ROWS most recently filed documents.
    const headPool =
      plan.head === 'index'
        ? sql`select id, datum, search_head from (
            select d.id, d.datum, d.search_head from ${from} where d.search_head @@ (${query}) and ${condition}
            limit ${HEAD_POOL + HEAD_POOL / 4}) x
          order by datum desc, id limit ${HEAD_POOL}`
        : plan.head === 'filter'
          ? sql`select d.id, d.datum, d.search_head from ${bounded(WALK_ROWS)}
            where ${visible} and ts_match_vq(d.search_head, (${query}))
            order by datum desc, id limit ${HEAD_POOL}`
          : sql`select d.id, d.datum, d.search_head from ${bounded(WALK_ROWS, newest)}
            where ${visible} and ts_match_vq(d.search_head, (${query})) limit ${HEAD_WALK}`;
    // The newest content hits: from the pool of matches when that is all of them; otherwise
    // matches among the WALK_ROWS most recently filed documents (dokumente_eingang, backwards
    // through the table, its pages in order), each checked on its key hashes where the query
    // allows it. (A pool of more than POOL: at least 1 in 100 documents matches.)
    const rowCheck = plan.keys ?? sql`ts_match_vq(d.search, (${query}))`;
    const { rows } = await sql<SearchRow & { walk_cut: boolean }>`
      ${matchesOf(parts, query, plan)}, ${facetsOf}, head_pool as (${headPool}), head_hits as (
        select id, ts_rank_cd(search_head, (${query}), 32) as head_rank from head_pool
        order by head_rank desc, datum desc, id limit ${candidates}
      ), body_hits as (
        (select id from pool where (select count(*) from pool) <= ${POOL}
         order by datum desc, id limit ${candidates})
        union all
        (select d.id from ${bounded(WALK_ROWS, newest)}
         where (select count(*) from pool) > ${POOL} and ${visible} and ${rowCheck}
         limit ${candidates})
      ), cand as (
        select id, max(head_rank) as head_rank from (
          select id, head_rank from head_hits union all select id, 0 from body_hits) x group by id
      ), x as materialized (
        -- Each candidate's full vector read once (from TOAST, decompressed) for the three uses below.
        select cand.id, cand.head_rank, d.search || ''::tsvector as v from cand join dokumente d on d.id = cand.id
      ), ranked as (
        select ${details},
               x.head_rank + ts_rank_cd(x.v, (${query}), 32) + ${exactBonus} + ${referenceBonus} as rang
        from x join dokumente d on d.id = x.id ${detailJoins}
        where x.v @@ (${query})
        order by rang desc, datum desc, id
        limit ${page.limit} offset ${page.offset}
      )
      -- One row even without hits: the total and whether a walk was cut short travel with it.
      select ranked.*, (select n from matches) as total,
             (select n <= ${COUNT_LIMIT} and checked_all from matches) as vollstaendig,
             (select list from facets) as facetten, (select walk_cut from matches) as walk_cut
      from (select 1) one left join ranked on true
      order by ranked.rang desc, ranked.datum desc, ranked.id`.execute(trx);
    if (rows[0]?.walk_cut) {
      plan = { ...plan, bodyWalk: false };
      continue;
    }
    return rows.filter((r) => r.id !== null);
  }
}

/** The current text (first 200,000 characters) and type of the documents of one page. */
export async function loadCurrentTexts(trx: TenantTrx, ids: string[]) {
  const { rows } = await sql<{ id: string; text: string | null; mime: string }>`
    select d.id, left(dv.text, 200000) as text, dv.mime from dokumente d
    join dokument_versionen dv on dv.dokument_id = d.id and dv.version = d.aktuelle_version
    where d.id = any(${ids}::uuid[])`.execute(trx);
  return new Map(rows.map((t) => [t.id, t]));
}
