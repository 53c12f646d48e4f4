import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { executePrepared } from '../../platform/database/prepared.ts';
import type { SearchFilter, SearchTerm } from './search.models.ts';
import { searchTuning } from './search.plan.models.ts';

/**
 * Who may see what, and the filters on Aktenplan units and Vorgänge, resolved to lists of ids
 * before a search statement is built (search.plan.repository.ts builds the statements' pieces).
 */

/** Which documents the caller may see: all of the county, or those the visibility rule lets through. */
export type DokumentScope = {
  seesAll: boolean;
  /** The rule on a document `d` in Vorgang `vg` and Akte `a`. */
  visible: RawBuilder<boolean>;
  /** The rule on a Vorgang `vg` in Akte `a`: a visible document is always in a visible Vorgang. */
  vorgangVisible: RawBuilder<boolean>;
  /** In a visible Vorgang, a document `d` is visible when cleared (its own columns only)… */
  cleared: RawBuilder<boolean>;
  /** …or when its Vorgang `vg` (in Akte `a`) is privileged: the caller sees all its documents. */
  privileged: RawBuilder<boolean>;
  /** The whole rule on the document `d`'s own columns, without a join (withRowVisibility), if known. */
  onRows?: RawBuilder<boolean>;
};

export type SearchInput = { scope: DokumentScope; terms: SearchTerm[]; filter: Omit<SearchFilter, 'q'> };

/** At most this many Vorgänge are given to PostgreSQL as a list (resolveFilters). */
const VORGANG_LIST = 5_000;

/** The filters resolved to lists (resolveFilters). */
export type Resolved =
  | { none: true }
  | {
      none: false;
      units?: string[];
      /** The Vorgänge the documents must be in… */
      vorgaenge?: string[];
      /** …or must not be in. */
      ausserVorgaenge?: string[];
      /**
       * The visibility rule on the document's own columns (its Vorgang's lists and its own
       * clearance), without a join: set when every Vorgang of the county was read.
       */
      rowRule?: RawBuilder<boolean>;
    };

/**
 * The filters on Aktenplan units, Vorgang status and visibility as lists of ids, read first from
 * the small tables: PostgreSQL then knows how many documents they leave (from its statistics of
 * dokumente.unit_id and vorgang_id) instead of guessing – a guess that let it read a million
 * documents for a filter none of them passed. `none`: no document can pass (a unit without
 * documents, or no visible Vorgang under the filters: a document is in its Akte's unit, and visible
 * only in a visible Vorgang).
 */
export async function resolveFilters(
  trx: TenantTrx,
  { scope, filter }: Omit<SearchInput, 'terms'>,
): Promise<Resolved> {
  let units: string[] | undefined;
  if (filter.aktenplan) {
    const { rows } = await sql<{ id: string }>`select id from aktenplan_units
      where kennzeichen = ${filter.aktenplan} or kennzeichen like ${`${filter.aktenplan}.%`}`.execute(trx);
    units = rows.map((r) => r.id);
    if (units.length === 0) return { none: true };
  }
  if (!filter.vorgangStatus && scope.seesAll) return { none: false, units };
  const where: RawBuilder<unknown>[] = [sql`true`];
  if (filter.vorgangStatus) where.push(sql`vg.status = ${filter.vorgangStatus}`);
  if (units) where.push(sql`a.unit_id = any(${units}::uuid[])`);
  if (filter.akteId) where.push(sql`a.id = ${filter.akteId}::uuid`);
  if (!scope.seesAll) {
    // Without full clearance, up to searchTuning.vorgaengeReadWhole Vorgänge in the county (about
    // 1 ms per 1,000 to read): every Vorgang with whether its documents may pass
    // (visible and under the filters) and whether all of them are visible (privileged). A
    // document is then visible when its Vorgang passes and it is cleared or its Vorgang
    // privileged – on the document's own columns, which the index of the newest documents carries
    // (migration 0078): a case worker's listing read 1,070 rows with two joins each (6 ms at a
    // million documents) before.
    // Counted and listed in PostgreSQL: one row back, with only the lists that are used.
    // Prepared (executePrepared): the plan reads both small tables whole whatever the values, so
    // PostgreSQL keeps a generic one and does not plan it on every search (0.4–0.7 ms).
    const rows = await executePrepared(
      trx,
      sql<{
        alle: number;
        passing_n: number;
        passing: string[] | null;
        failing: string[] | null;
        privileged_n: number;
        privileged: string[] | null;
      }>`
      with c as materialized (
        -- A rule that is null (a comparison with a Vorgang's empty assignment) does not let through.
        select vg.id, coalesce(${scope.vorgangVisible} and ${sql.join(where, sql` and `)}, false) as passes,
          coalesce(${scope.privileged}, false) as privileged
        from vorgaenge vg join akten a on a.id = vg.akte_id limit ${sql.lit(searchTuning.vorgaengeReadWhole + 1)}
      ), n as (
        select count(*)::int as alle, (count(*) filter (where passes))::int as passing_n,
          (count(*) filter (where passes and privileged))::int as privileged_n from c
      )
      select n.*,
        case when n.passing_n <= n.alle / 2 then (select array_agg(id) from c where passes) end as passing,
        case when n.passing_n > n.alle / 2 then (select array_agg(id) from c where not passes) end as failing,
        case when n.privileged_n between 1 and ${sql.lit(VORGANG_LIST)}
          then (select array_agg(id) from c where passes and privileged) end as privileged
      from n`,
    );
    const r = rows[0]!;
    if (r.alle <= searchTuning.vorgaengeReadWhole) {
      if (r.passing_n === 0) return { none: true };
      const list = r.passing ?? r.failing ?? [];
      if (r.privileged_n <= VORGANG_LIST && list.length <= VORGANG_LIST) {
        const rowRule =
          r.privileged_n === 0
            ? scope.cleared
            : sql<boolean>`(${scope.cleared} or d.vorgang_id = any(${r.privileged}::uuid[]))`;
        // A short list of the passing Vorgänge (PostgreSQL may read their documents through
        // dokumente_vorgang), else the few that fail, checked on the rows.
        return r.passing
          ? { none: false, units, vorgaenge: r.passing, rowRule }
          : { none: false, units, ...(list.length > 0 ? { ausserVorgaenge: list } : {}), rowRule };
      }
    }
    where.push(scope.vorgangVisible);
  }
  const rows = await executePrepared(
    trx,
    sql<{ id: string; alle: string }>`
    select vg.id, (select count(*) from vorgaenge) as alle from vorgaenge vg join akten a on a.id = vg.akte_id
    where ${sql.join(where, sql` and `)} limit ${sql.lit(VORGANG_LIST + 1)}`,
  );
  if (rows.length === 0) return { none: true };
  // A short list – or one a status filter needs (all of them, or none when it would be long).
  if (rows.length <= VORGANG_LIST && rows.length <= Number(rows[0]!.alle) / 2)
    return { none: false, units, vorgaenge: rows.map((r) => r.id) };
  return { none: false, units };
}

/**
 * The Vorgang lists of resolveFilters as a condition on the document's `column` (its Vorgang),
 * or null when there is none: in the passing Vorgänge, or not in the failing ones.
 */
export function vorgangListCondition(
  resolved: Resolved & { none: false },
  column: RawBuilder<unknown> = sql`d.vorgang_id`,
): RawBuilder<unknown> | null {
  if (resolved.vorgaenge) return sql`${column} = any(${resolved.vorgaenge}::uuid[])`;
  if (resolved.ausserVorgaenge) return sql`${column} <> all(${resolved.ausserVorgaenge}::uuid[])`;
  return null;
}

/**
 * The scope with its rule on the document's own columns (`onRows`: the Vorgang lists and the
 * document's clearance of resolveFilters), when the county's Vorgänge allow it; for the probes of
 * "Meinten Sie …?", which otherwise join Vorgang and Akte for each document they look at.
 */
export async function withRowVisibility(trx: TenantTrx, scope: DokumentScope): Promise<DokumentScope> {
  if (scope.seesAll) return scope;
  const resolved = await resolveFilters(trx, { scope, filter: {} });
  if (resolved.none) return { ...scope, onRows: sql<boolean>`false` };
  if (!resolved.rowRule) return scope;
  const inVorgang = vorgangListCondition(resolved);
  return {
    ...scope,
    onRows: inVorgang ? sql<boolean>`(${inVorgang} and ${resolved.rowRule})` : resolved.rowRule,
  };
}
