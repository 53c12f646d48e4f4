import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { termTsquery } from './analyzer/tsquery.ts';
import { type KeyTest, keyTestOf } from './analyzer/tsquery-keys.ts';
import { type Resolved, type SearchInput, vorgangListCondition } from './search.filters.repository.ts';
import type { SearchTerm } from './search.models.ts';
import { chooseWays, type Ways } from './search.plan.models.ts';

/**
 * How a search is answered at any size (README "Wie eine Textsuche ihren Aufwand begrenzt"): the
 * statements' pieces, PostgreSQL's estimates and the key test on search_keys. The filters are
 * resolved to id lists in search.filters.repository.ts, the choice of way is search.plan.models.ts,
 * search.repository.ts runs the statements.
 */

/** A prefix is tested on key hashes when the vocabulary has at most this many keys starting with it. */
const PREFIX_KEYS = 2_000;

/**
 * The columns a walk passes on (what the matches, the key test, the visibility rule and the
 * title check read): naming them instead of `d.*` made a walk over 21,000 rows about a fifth
 * faster (47 instead of 60 ms at a million documents).
 */
const WALKED = sql`d.id, d.datum, d.unit_id, d.art, d.vorgang_id, d.akte_id, d.vertraulichkeit, d.search_keys, d.search, d.search_head`;

/** The order of the most recently filed documents first (dokumente_eingang). */
export const NEWEST_FILED = sql`order by d.created_at desc, d.id`;

/** The tsquery of one term, built by the German analyzer (the same as the index); negation is the caller's. */
export function termQuery(term: SearchTerm): RawBuilder<unknown> {
  return sql`${termTsquery({ ...term, negated: false }) ?? ''}::tsquery`;
}

/** A phrase as the plain AND of its words (no positions): what the GIN index answers without rechecks. */
export function allWordsQuery(term: SearchTerm): RawBuilder<unknown> {
  const phrase = termTsquery({ ...term, negated: false }) ?? '';
  return sql`${phrase.replace(/<(\d+|-)>/g, '&')}::tsquery`;
}

/** The pieces every search statement shares: what is searched, the filters, the visibility rule. */
export type SearchParts = ReturnType<typeof searchParts>;

export function searchParts({ scope, terms, filter }: SearchInput, resolved: Resolved & { none: false }) {
  const textTerms = terms.filter((t) => t.kind !== 'reference');
  const references = terms.filter((t) => t.kind === 'reference' && !t.negated).map((t) => t.value);
  // With full clearance (Leitung, administration) every document of the county is visible, so
  // the matches need no joins; otherwise the visibility rule needs the Vorgang and the Akte –
  // unless resolveFilters turned it into a rule on the document's own columns.
  const joinFree = scope.seesAll || resolved.rowRule !== undefined;
  const query =
    textTerms.length > 0
      ? sql.join(
          textTerms.map((t) => (t.negated ? sql`!!${termQuery(t)}` : termQuery(t))),
          sql` && `,
        )
      : null;
  const visible = scope.seesAll ? sql`true` : (resolved.rowRule ?? sql`${scope.visible}`);
  /**
   * The filters on the document's own columns (`docCondition`), with the visibility rule
   * (`condition`), and beside `d.search @@ …` (`textCondition`: the kind also as a condition of the
   * GIN index, migration 0077). `onRows`: which lists are checked on the rows an index found,
   * never read as bitmaps of their own (`coalesce` keeps them off dokumente_unit and
   * dokumente_vorgang): beside a reference number both, beside the title index the Vorgänge.
   */
  const conditions = (lists: { units: boolean; vorgaenge: boolean }) => {
    const where: RawBuilder<unknown>[] = [];
    for (const term of terms.filter((t) => t.kind === 'reference'))
      where.push(
        term.negated
          ? sql`not (d.refs @> array[${term.value}]::text[])`
          : sql`d.refs @> array[${term.value}]::text[]`,
      );
    const onRows = (checked: boolean, column: RawBuilder<unknown>) =>
      checked ? sql`coalesce(${column}, ${column})` : column;
    if (resolved.units)
      where.push(sql`${onRows(lists.units, sql`d.unit_id`)} = any(${resolved.units}::uuid[])`);
    if (filter.akteId) where.push(sql`d.akte_id = ${filter.akteId}::uuid`);
    const inVorgang = vorgangListCondition(resolved, onRows(lists.vorgaenge, sql`d.vorgang_id`));
    if (inVorgang) where.push(inVorgang);
    // With a rule on the rows and no list, every Vorgang passes: nothing to check on the Vorgang.
    else if (!resolved.rowRule && filter.vorgangStatus)
      // Too many Vorgänge for a list: checked on the rows, never an index condition (`coalesce`
      // keeps it off dokumente_vorgang, whose documents would each be checked on the full vector).
      where.push(
        sql`coalesce(d.vorgang_id, d.vorgang_id) = any(array(select id from vorgaenge where status = ${filter.vorgangStatus}))`,
      );
    // The kind is checked on the row here: dokumente_search_art carries it only to intersect it
    // with a word's documents inside the index (textCondition). Alone it is a posting list of half
    // the county, which PostgreSQL would otherwise AND with a small bitmap (a reference number's
    // documents, the title hits): 554,000 postings, 100–135 ms at a million documents. `like`
    // with no wildcard (the kinds are letters only) is estimated from the column's statistics
    // like `=`, but the btree_gin operator class has no `like`, so it is never a condition of
    // that index.
    if (filter.art) where.push(sql`d.art like ${filter.art}`);
    if (filter.von) where.push(sql`d.datum >= ${filter.von}::date`);
    if (filter.bis) where.push(sql`d.datum <= ${filter.bis}::date`);
    const docCondition = where.length > 0 ? sql.join(where, sql` and `) : sql`true`;
    const condition = scope.seesAll ? docCondition : sql`${docCondition} and ${visible}`;
    const textCondition = filter.art ? sql`d.art = ${filter.art} and ${condition}` : condition;
    return { docCondition, condition, textCondition };
  };
  // A reference number's documents are few (its index, dokumente_refs, answers first): beside it
  // the lists are checked on those rows, not read as bitmaps of their own.
  const referenced = references.length > 0;
  const { docCondition, condition, textCondition } = conditions({ units: referenced, vorgaenge: referenced });
  const joins = joinFree
    ? sql``
    : sql`join vorgaenge vg on vg.id = d.vorgang_id join akten a on a.id = d.akte_id`;
  const from = sql`dokumente d ${joins}`;
  /**
   * At most `n` documents that pass the filters, in `order` (the table's without), then the
   * visibility rule: a walk that reads no more rows than that, however few of them are visible
   * or match. (Columns of the documents as `d`, with `vg` and `a` for the rule.)
   */
  const bounded = (n: number, order: RawBuilder<unknown> = sql``) =>
    sql`(select ${WALKED} from dokumente d where ${docCondition} ${order} limit ${n}) d ${joins}`;
  /**
   * The documents among the `n` most recently filed of the county that pass the filters, then the
   * visibility rule: a walk that reads `n` rows whatever the filters leave (a filter of a tenth of
   * the county would otherwise read ten times as many to find `n` that pass it).
   */
  const recent = (n: number) =>
    sql`(select ${WALKED} from (select ${WALKED}, d.refs from dokumente d ${NEWEST_FILED} limit ${n}) d where ${docCondition}) d ${joins}`;
  // A walk can read the most recently filed documents first (dokumente_eingang, backwards through
  // the table) unless a list of units or Vorgänge, an Akte or a reference number picks the
  // documents through an index of its own (they come in that index's order).
  const walksNewestFirst =
    references.length === 0 && !resolved.units && !resolved.vorgaenge && !filter.akteId;
  return {
    textTerms,
    references,
    query,
    docCondition,
    condition,
    textCondition,
    /**
     * `condition` beside the title index: a list of Vorgänge is checked on the title hits. Its
     * bitmap costs about 0.7 µs per document of its Vorgänge (150 index scans for a status filter:
     * 102 ms for 150,000 documents at a million, intersected with 13,548 title hits of which 625
     * were wanted); a unit's bitmap about 0.3 µs, and a word's title hits may lie in other units.
     */
    titleCondition: conditions({ units: referenced, vorgaenge: true }).condition,
    /** `textCondition` with the lists `onRows` checked on the rows the GIN index finds (TextPlan.listsOnRows). */
    textConditionWith: (onRows: { units: boolean; vorgaenge: boolean }) =>
      conditions({ units: referenced || onRows.units, vorgaenge: referenced || onRows.vorgaenge })
        .textCondition,
    visible,
    bounded,
    recent,
    walksNewestFirst,
    from,
  };
}

/** How a text query is answered: PostgreSQL's estimates of its matches, the ways, and the key test if it has one. */
export type TextPlan = Omit<Ways, 'termOrder'> & {
  /** PostgreSQL's estimates: matches of the content and of the title/metadata, documents the filters leave. */
  estimated: { body: number; head: number; filtered: number; total: number };
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

/**
 * Keys tested one by one (verbund_has_key, migration 0081: intarray's idx(), about 0.1 µs each)
 * up to this many; a longer list (a prefix's keys) as one overlap `&&`, which sorts both arrays
 * for every row (about a microsecond, then a merge whatever the list's length).
 */
const KEYS_ONE_BY_ONE = 8;

/** search_keys holds the hash of one of these keys (written as constants: the planner folds them). */
function anyKey(lexemes: string[]): RawBuilder<unknown> {
  if (lexemes.length === 0) return sql`false`;
  if (lexemes.length <= KEYS_ONE_BY_ONE)
    return sql`(${sql.join(
      lexemes.map((l) => sql`verbund_has_key(d.search_keys, hashtext(${l}::text))`),
      sql` or `,
    )})`;
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
 * expanded: not only letters, shorter than 3, more than PREFIX_KEYS keys, or none at all (the
 * vocabulary holds every key of 3 to 40 letters of the county's documents once their text is
 * written, search.vocabulary; a prefix without keys may still match what it leaves out – a
 * hyphenated word, a document whose words are not in yet – and a walk on an empty key test would
 * read its whole budget to find nothing before the GIN index answers).
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
    if (rows.length > PREFIX_KEYS || rows.length === 0) return null;
    expansions.set(
      prefix,
      rows.map((r) => r.schluessel),
    );
  }
  return expansions;
}

export async function textPlan(
  trx: TenantTrx,
  { from, condition, textCondition, textTerms: terms }: SearchParts,
  query: RawBuilder<unknown>,
): Promise<TextPlan> {
  const literals = terms.map((t) => termTsquery(t));
  // The key test of each term (the query is their AND), and the vocabulary's keys of its prefixes.
  let tests: KeyTest[] | null = null;
  let expansions: Map<string, string[]> | null = null;
  let phrase = false;
  if (literals.every((l): l is string => l !== null)) {
    const parsed = literals.map((l) => keyTestOf(l));
    phrase = parsed.some((p) => p.positional);
    expansions = await prefixExpansions(
      trx,
      parsed.flatMap((p) => p.prefixes),
    );
    if (expansions) tests = parsed.map((p) => p.test);
  } else phrase = literals.some((l) => l !== null && /<(\d+|-)>/.test(l));
  // Each term alone (a negated one too: the GIN index reads its documents to leave them out).
  const single = terms.map((t) => termQuery(t));
  const [body = 0, head = 0, filtered = 0, total = 0, ...perTerm] = await estimateRows(trx, [
    sql`select 1 from ${from} where d.search @@ (${query}) and ${textCondition}`,
    sql`select 1 from ${from} where d.search_head @@ (${query}) and ${condition}`,
    sql`select 1 from ${from} where ${condition}`,
    sql`select 1 from dokumente d`,
    ...single.map((q) => sql`select 1 from dokumente d where d.search @@ ${q}`),
    ...single.map((q) => sql`select 1 from dokumente d where d.search_head @@ ${q}`),
  ]);
  const { termOrder, ...ways } = chooseWays(
    {
      body,
      head,
      filtered,
      total,
      bodyPerTerm: perTerm.slice(0, single.length),
      headPerTerm: perTerm.slice(single.length),
    },
    terms.map((t) => t.negated),
    tests !== null && expansions !== null,
  );
  const keys =
    tests && expansions
      ? keyTestSql({ kind: 'and', items: termOrder.map((i) => tests[i]!) }, expansions)
      : null;
  return { estimated: { body, head, filtered, total }, ...ways, keys, phrase };
}

/**
 * Per statement: without a walk, no sequential scan (it would read every document's full vector);
 * 64 MB for the bitmap of a common word, which otherwise turns lossy (every row of a lossy page
 * is rechecked against its full vector). Only such a query uses it, only while it runs. A walk
 * always starts at the table's first page: with synchronized scans (PostgreSQL's default for a
 * table larger than a quarter of its cache) it would start wherever another scan is, and the same
 * query would count other documents for its facets and rank other candidates – page 2 could then
 * repeat or skip hits of page 1.
 */
export const planSettings = (trx: TenantTrx, plan: TextPlan) =>
  sql`select set_config('enable_seqscan', ${plan.bodyWalk ? 'on' : 'off'}, true), set_config('work_mem', '64MB', true),
    set_config('synchronize_seqscans', 'off', true)`.execute(trx);
