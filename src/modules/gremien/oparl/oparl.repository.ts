import { type RawBuilder, sql } from 'kysely';
import type { TenantTrx } from '../../../platform/database/database.ts';
import type { ListQuery } from './oparl.params.ts';

/** Every OParl row: its id (uuid), created, modified and whether it is a deleted main object. */
export type StampedRow = { id: string; created: Date; modified: Date; deleted: boolean };

/**
 * Which rows a read wants: one page of a list; the rows with these ids (a direct read, deleted ones
 * too); or the live children of some parents (`of`: a condition on the base's columns, for embedding).
 */
export type Selection =
  | { query: ListQuery; within?: RawBuilder<unknown> }
  | { ids: string[] }
  | { of: RawBuilder<unknown> };

/**
 * Selects from a type's base query (which yields id, created, modified, deleted). A page walks in id
 * order from the cursor (keyset: unique and immutable, so a walk returns every object once however
 * many are added meanwhile) and fetches one row more than the page to know whether a next one exists.
 * Deleted objects appear in a list only when the client asks for changes (`modified_since`), as the
 * spec's sync relies on; a direct read always answers them (HTTP 200, `deleted: true`).
 */
export async function selectStamped<R extends StampedRow>(
  trx: TenantTrx,
  base: RawBuilder<unknown>,
  selection: Selection,
): Promise<R[]> {
  if ('ids' in selection) {
    if (selection.ids.length === 0) return [];
    const { rows } = await sql<R>`select * from (${base}) x where x.id = any(${selection.ids}::uuid[])
      order by x.id`.execute(trx);
    return rows;
  }
  if ('of' in selection) {
    const { rows } = await sql<R>`select * from (${base}) x where ${selection.of} and not x.deleted
      order by x.id`.execute(trx);
    return rows;
  }
  const q = selection.query;
  const where = [
    selection.within,
    q.after && sql`x.id > ${q.after}::uuid`,
    q.createdSince && sql`x.created >= ${q.createdSince}::timestamptz`,
    q.createdUntil && sql`x.created <= ${q.createdUntil}::timestamptz`,
    q.modifiedSince && sql`x.modified >= ${q.modifiedSince}::timestamptz`,
    q.modifiedUntil && sql`x.modified <= ${q.modifiedUntil}::timestamptz`,
    !q.modifiedSince && sql`not x.deleted`,
  ].filter((w) => !!w);
  const { rows } = await sql<R>`select * from (${base}) x
    ${where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by x.id limit ${q.limit + 1}`.execute(trx);
  return rows;
}
