import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../platform/database/database.ts';
import { unknownOrgUnit, unknownUser } from './records.errors.ts';
import { looksLikeUuid } from './records.models.ts';

export type Page = { limit: number; offset: number };

/**
 * One page of a filtered list and the total count: `select … where <filter> order by … limit`,
 * then `select count(*) from <from> where <filter>` with the same filter.
 */
export async function selectPage<T>(
  trx: TenantTrx,
  query: {
    select: RawBuilder<unknown>;
    from: RawBuilder<unknown>;
    /** Conditions joined with `and`; empty filters (undefined, '') are left out. */
    where: Array<RawBuilder<boolean> | RawBuilder<unknown> | undefined | ''>;
    orderBy: RawBuilder<unknown>;
    page: Page;
    map: (row: never) => T;
  },
) {
  const condition = sql.join(
    query.where.filter((c) => c !== undefined && c !== ''),
    sql` and `,
  );
  const { rows } = await sql<never>`${query.select} where ${condition}
    order by ${query.orderBy} limit ${query.page.limit} offset ${query.page.offset}`.execute(trx);
  const total = await sql<{ n: string }>`select count(*) as n from ${query.from} where ${condition}`.execute(
    trx,
  );
  return { items: rows.map(query.map), total: Number(total.rows[0]!.n) };
}

/** The id of a row given by its id or its name column (an OE's Kürzel, a person's login). */
async function idOf(
  trx: TenantTrx,
  table: 'org_units' | 'users',
  nameColumn: 'kuerzel' | 'login',
  ref: string,
) {
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where(looksLikeUuid(ref) ? 'id' : (nameColumn as never), '=', ref)
    .executeTakeFirst();
  return row?.id;
}

/** An OE given by id or Kürzel, as its id. */
export async function resolveOrgUnit(
  trx: TenantTrx,
  ref: string | null | undefined,
  { trustedId = false }: { trustedId?: boolean } = {},
) {
  if (!ref) return null;
  // An id the caller read from this county's own data needs no lookup (the foreign key checks it).
  if (trustedId && looksLikeUuid(ref)) return ref;
  const id = await idOf(trx, 'org_units', 'kuerzel', ref);
  if (!id) throw unknownOrgUnit(ref);
  return id;
}

/** A person given by id or login, as their id. */
export async function resolveUser(trx: TenantTrx, ref: string | null | undefined) {
  if (!ref) return null;
  const id = await idOf(trx, 'users', 'login', ref);
  if (!id) throw unknownUser(ref);
  return id;
}
