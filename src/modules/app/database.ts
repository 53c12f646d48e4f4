import { Kysely, PostgresDialect, type RawBuilder, sql, type Transaction } from 'kysely';
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';
import type { Database } from './database.types.ts';

// DATE columns stay ISO strings (no timezone shifts); BIGINT stays a string (no precision loss).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const TENANT_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type TenantTrx = Trx & { readonly tenantId: string };

export function createDatabase({ connectionString, max = 10 }: { connectionString: string; max?: number }) {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // A broken idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  /**
   * Runs `work` in one transaction scoped to `tenantId`: row-level security sees only that
   * tenant's rows, and every write is checked against it. This is the only way domain code
   * touches tenant-owned tables.
   */
  async function withTenant<T>(tenantId: string, work: (trx: TenantTrx) => Promise<T>): Promise<T> {
    // The id is a slug (checked here), so it can go inline: BEGIN and the tenant setting travel in
    // one round trip (simple query protocol), which matters on hot paths like uploads.
    if (!TENANT_ID.test(tenantId)) throw new Error(`invalid tenant id: ${tenantId}`);
    return db.connection().execute(async (connection) => {
      await sql.raw(`begin; select set_config('app.tenant_id', '${tenantId}', true)`).execute(connection);
      try {
        const result = await work(Object.assign(connection, { tenantId }) as unknown as TenantTrx);
        await sql.raw('commit').execute(connection);
        return result;
      } catch (error) {
        await sql
          .raw('rollback')
          .execute(connection)
          .catch(() => {});
        throw error;
      }
    });
  }

  /**
   * One read-only statement as a tenant in a single round trip (simple query protocol: setting
   * and statement run in one implicit transaction). No parameters exist in that protocol, so the
   * statement must contain only values the caller has validated to a safe alphabet (hex, slugs).
   * For hot paths such as resolving an API token on every request.
   */
  async function readAsTenant<R>(tenantId: string, statement: string): Promise<R[]> {
    if (!TENANT_ID.test(tenantId)) throw new Error(`invalid tenant id: ${tenantId}`);
    const results = (await pool.query(
      `select set_config('app.tenant_id', '${tenantId}', true); ${statement}`,
    )) as unknown as Array<{ rows: R[] }>;
    return results[1]!.rows;
  }

  /**
   * One writing statement as a tenant in a single round trip and a single transaction: setting and
   * statement travel as one simple-protocol message, which PostgreSQL runs as one implicit
   * transaction and commits before it answers. Row locks the statement takes (e.g. the audit chain
   * head) are therefore held only while PostgreSQL works, never across a round trip to this
   * process. The simple protocol has no parameters, so each parameter is inlined as the quoted
   * literal the driver would have sent (same text, same untyped-literal inference): see
   * inlineParameters. For hot paths such as filing an upload.
   */
  async function writeAsTenant<R>(tenantId: string, statement: RawBuilder<R>): Promise<R[]> {
    if (!TENANT_ID.test(tenantId)) throw new Error(`invalid tenant id: ${tenantId}`);
    const compiled = statement.compile(db);
    const results = (await pool.query(
      `select set_config('app.tenant_id', '${tenantId}', true); ${inlineParameters(compiled.sql, compiled.parameters)}`,
    )) as unknown as Array<{ rows: R[] }>;
    return results[1]!.rows;
  }

  /** Switches an open transaction to another tenant (used by onboarding, which seeds a new member). */
  async function switchTenant(trx: Trx, tenantId: string): Promise<TenantTrx> {
    await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    return Object.assign(trx, { tenantId }) as TenantTrx;
  }

  return { db, pool, withTenant, readAsTenant, writeAsTenant, switchTenant, close: () => db.destroy() };
}

export type DatabaseHandle = ReturnType<typeof createDatabase>;

/**
 * Replaces the placeholders $1…$n of a compiled statement by quoted literals of its parameters, each
 * serialised exactly as node-postgres serialises a parameter (pg's prepareValue: arrays as array
 * literals, objects as JSON, dates as timestamps) and quoted with pg's escapeLiteral. A quoted
 * literal is untyped in PostgreSQL, like a parameter sent without a type, so casts and inference
 * stay the same. Binary values are refused. The statement text itself must not contain `$n` inside
 * its own string literals (ours never do: values always travel as parameters).
 */
export function inlineParameters(text: string, parameters: readonly unknown[]) {
  const literals = parameters.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (Buffer.isBuffer(value) || value instanceof Uint8Array)
      throw new Error('inlineParameters: binary parameters are not supported');
    const prepared = pgUtils.prepareValue(value) as string | null;
    return prepared === null ? 'NULL' : pgUtils.escapeLiteral(prepared);
  });
  return text.replace(/\$(\d+)/g, (placeholder, index: string) => {
    const literal = literals[Number(index) - 1];
    if (literal === undefined) throw new Error(`inlineParameters: no value for ${placeholder}`);
    return literal;
  });
}
