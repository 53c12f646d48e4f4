import { createHash } from 'node:crypto';
import { CompiledQuery, type DatabaseConnection, type RawBuilder, type Transaction } from 'kysely';
import pgUtils from 'pg/lib/utils.js';
import type { Database } from './database.types.ts';

/**
 * Prepared statements with their values inline: PREPARE once per connection and statement text,
 * then EXECUTE with each value as the quoted literal the driver would have sent. Used by
 * executeAsTenant (database.ts: one round trip outside a transaction) and by executePrepared
 * (inside an open transaction).
 */

const MAX_PREPARED = 200;
// Statements prepared by executePrepared on each connection (Kysely keeps one connection object per
// pooled client, so the sets go with the clients).
const preparedInTransactions = new WeakMap<DatabaseConnection, Set<string>>();

/**
 * Prepares `compiled` on a connection unless `names` (that connection's statements, of one user)
 * says it is, and returns the EXECUTE with its values inline (inlineParameters). Named by the hash of
 * its text, so one text is prepared once per connection. Beyond MAX_PREPARED shapes the user's own
 * statements are deallocated and the set starts afresh: never another user's (`deallocate all`
 * would leave the other set naming statements that are gone). PREPARE and DEALLOCATE are not
 * transactional: a rollback keeps the statement prepared, and the set stays true.
 */
export async function preparedExecute(
  names: Set<string>,
  prefix: string,
  compiled: { sql: string; parameters: readonly unknown[] },
  run: (text: string) => Promise<unknown>,
) {
  const name = `${prefix}_${createHash('sha256').update(compiled.sql).digest('hex').slice(0, 24)}`;
  if (names.size >= MAX_PREPARED) {
    await run([...names].map((n) => `deallocate ${n}`).join('; '));
    names.clear();
  }
  if (!names.has(name)) {
    await run(`prepare ${name} as ${compiled.sql}`);
    names.add(name);
  }
  const args = compiled.parameters.length > 0 ? `(${inlineParameters(compiled.parameters).join(', ')})` : '';
  return `execute ${name}${args}`;
}

/** The set of `key`'s prepared statements in `registry`, created on first use. */
export function namesOf<K extends object>(registry: WeakMap<K, Set<string>>, key: K) {
  const known = registry.get(key);
  if (known) return known;
  const names = new Set<string>();
  registry.set(key, names);
  return names;
}

/**
 * Runs `statement` in the open transaction `trx` as a prepared statement of its connection:
 * PREPARE once per connection and statement text, then EXECUTE (preparedExecute). PostgreSQL then
 * parses it once, and after five runs keeps one generic plan when that costs no more than the plans
 * it made for the values (plan_cache_mode auto) – the planning of a statement whose plan does not
 * depend on its values (details looked up by id, the county's Vorgänge read whole) is saved on
 * every later run. Not for statements whose plan must see their values: a long list is hashed only
 * when PostgreSQL plans with it, and a rare value may need another index than a common one.
 */
export async function executePrepared<R>(trx: Transaction<Database>, statement: RawBuilder<R>): Promise<R[]> {
  const compiled = statement.compile(trx);
  return trx.getExecutor().provideConnection(async (connection) => {
    const run = (text: string) => connection.executeQuery<R>(CompiledQuery.raw(text));
    const execute = await preparedExecute(
      namesOf(preparedInTransactions, connection),
      'verbund_t',
      compiled,
      run,
    );
    return (await run(execute)).rows;
  });
}

/**
 * The parameters of a compiled statement as quoted SQL literals, each serialised exactly as
 * node-postgres serialises a parameter (pg's prepareValue: arrays as array literals, objects as
 * JSON, dates as timestamps) and quoted like pg's escapeLiteral. A quoted literal is untyped in
 * PostgreSQL, like a parameter sent without a type, so casts and inference stay the same. Binary
 * values are refused.
 */
export function inlineParameters(parameters: readonly unknown[]) {
  return parameters.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (Buffer.isBuffer(value) || value instanceof Uint8Array)
      throw new Error('inlineParameters: binary parameters are not supported');
    const prepared = pgUtils.prepareValue(value) as string | null;
    return prepared === null ? 'NULL' : quoteLiteral(prepared);
  });
}

/** The same result as pg's escapeLiteral, with native string operations (values can be megabytes). */
export function quoteLiteral(text: string) {
  const quoted = `'${text.replaceAll("'", "''")}'`;
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}
