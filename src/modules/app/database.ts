import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
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

  /** Switches an open transaction to another tenant (used by onboarding, which seeds a new member). */
  async function switchTenant(trx: Trx, tenantId: string): Promise<TenantTrx> {
    await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    return Object.assign(trx, { tenantId }) as TenantTrx;
  }

  return { db, pool, withTenant, readAsTenant, switchTenant, close: () => db.destroy() };
}

export type DatabaseHandle = ReturnType<typeof createDatabase>;
