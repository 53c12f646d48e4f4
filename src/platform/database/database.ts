import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type RawBuilder, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database.types.ts';
import { namesOf, preparedExecute } from './prepared.ts';

// DATE columns stay ISO strings (no timezone shifts); BIGINT stays a string (no precision loss).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const TENANT_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Statements prepared on each pooled connection by executeAsTenant (the pool replaces connections,
// so the sets go with them; prepared.ts keeps the sets of executePrepared apart).
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * A statement to run as the last one of every transaction of `tenantId` that commits inside the
 * scope (withTenant: before COMMIT, in the same round trip; executeAsTenant: after the statement,
 * in the same message). Plain SQL with its values inlined (quoteLiteral). It must write only when
 * the transaction has written (`txid_current_if_assigned() is not null`), so reads leave no mark.
 * Used by the API's Idempotency-Key to note "the work committed" atomically with the work.
 */
export type CommitScope = { tenantId: string; statement: string };
const commitScopes = new AsyncLocalStorage<CommitScope>();

/** Runs `work` with `scope`'s statement appended to each of its transactions for that tenant. */
export function runWithCommitStatement<T>(scope: CommitScope, work: () => T): T {
  return commitScopes.run(scope, work);
}

function commitStatementFor(tenantId: string) {
  const scope = commitScopes.getStore();
  return scope && scope.tenantId === tenantId ? scope.statement : null;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type TenantTrx = Trx & { readonly tenantId: string };

export function createDatabase({
  connectionString,
  max = 10,
  besideMax = Math.max(1, Math.ceil(max / 4)),
  connectTimeoutMs = 5_000,
}: {
  connectionString: string;
  max?: number;
  /** Connections for reads beside a request's own transaction (withTenantBeside). */
  besideMax?: number;
  /** How long a request waits for a connection (new or from the pool) before it fails with 503. */
  connectTimeoutMs?: number;
}) {
  const poolOf = (size: number) => {
    const created = new pg.Pool({
      connectionString,
      max: size,
      // An idle connection stays open ten minutes, not 30 s: a new PostgreSQL backend must map each
      // page of the shared cache it touches once, and a search after a pause paid for that (at a
      // million documents 202–241 instead of 86–97 ms for a walk through an Aktenplan unit; README
      // "Huge Pages").
      idleTimeoutMillis: 600_000,
      connectionTimeoutMillis: connectTimeoutMs,
    });
    // A lost server must not crash the process. node-postgres emits 'error' on a client whose socket
    // breaks (EPIPE, ECONNRESET, the postmaster killed); the pool listens only while a client is idle,
    // so a client checked out by a request, a transaction or the worker would throw it as an
    // unhandled 'error' event. Every client gets a listener for its whole life: the query in flight
    // fails on its own (callers see a connection error, mapped to 503), and the pool drops the client
    // when it is released (it is no longer queryable) and connects afresh once the server is back.
    created.on('connect', (client) => client.on('error', () => {}));
    created.on('error', () => {});
    return created;
  };
  const pool = poolOf(max);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // A few connections of their own for reads beside a transaction the same request already holds
  // (withTenantBeside): such a read never waits for the main pool, so requests that each hold one
  // main connection cannot wait for each other's.
  const besidePool = poolOf(besideMax);
  const besideDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: besidePool }) });
  let besideInUse = 0;

  /**
   * Runs `work` in one transaction scoped to `tenantId`: row-level security sees only that
   * tenant's rows, and every write is checked against it. This is the only way domain code
   * touches tenant-owned tables.
   */
  async function withTenant<T>(tenantId: string, work: (trx: TenantTrx) => Promise<T>): Promise<T> {
    return transaction(db, tenantId, work, { readOnly: false });
  }

  /**
   * Runs the read `work` in a read-only transaction of `tenantId` on a connection of its own,
   * beside a transaction the caller already holds (a listing counts its matches while it reads its
   * page beside it, search.repository.ts), or returns null when no such connection is free: the
   * caller then does the work in its own transaction, one statement after the other. Its
   * statements see their own snapshots, as any two statements of a READ COMMITTED transaction do.
   */
  function withTenantBeside<T>(tenantId: string, work: (trx: TenantTrx) => Promise<T>): Promise<T> | null {
    // Counted here, not asked of the pool: a connection is taken only after a few awaits.
    if (besideInUse >= besideMax) return null;
    besideInUse++;
    return transaction(besideDb, tenantId, work, { readOnly: true }).finally(() => {
      besideInUse--;
    });
  }

  async function transaction<T>(
    on: Db,
    tenantId: string,
    work: (trx: TenantTrx) => Promise<T>,
    { readOnly }: { readOnly: boolean },
  ): Promise<T> {
    // The id is a slug (checked here), so it can go inline: BEGIN and the tenant setting travel in
    // one round trip (simple query protocol), which matters on hot paths like uploads.
    if (!TENANT_ID.test(tenantId)) throw new Error(`invalid tenant id: ${tenantId}`);
    return on.connection().execute(async (connection) => {
      await sql
        .raw(`begin${readOnly ? ' read only' : ''}; select set_config('app.tenant_id', '${tenantId}', true)`)
        .execute(connection);
      try {
        const result = await work(Object.assign(connection, { tenantId }) as unknown as TenantTrx);
        // The scope's statement travels with COMMIT (one round trip); if it fails, the rest of the
        // message is skipped and the transaction is rolled back below. A read-only transaction
        // wrote nothing, so it has nothing to note.
        const last = readOnly ? null : commitStatementFor(tenantId);
        await sql.raw(last ? `${last}; commit` : 'commit').execute(connection);
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
   * One statement (reading or writing) as a tenant in a single round trip and a single transaction: setting and
   * statement travel as one simple-protocol message, which PostgreSQL runs as one implicit
   * transaction and commits before it answers. Row locks the statement takes (e.g. the audit chain
   * head) are therefore held only while PostgreSQL works, never across a round trip to this
   * process. For hot paths such as filing an upload or an Antrag.
   *
   * The statement is prepared once per connection (PREPARE, keyed by its text) and then run with
   * EXECUTE: PostgreSQL plans a statement of two dozen CTEs once instead of on every call. The
   * simple protocol has no parameters, so EXECUTE gets each value as the quoted literal the driver
   * would have sent (same text, same untyped-literal inference): see prepared.ts.
   */
  async function executeAsTenant<R>(tenantId: string, statement: RawBuilder<R>): Promise<R[]> {
    if (!TENANT_ID.test(tenantId)) throw new Error(`invalid tenant id: ${tenantId}`);
    const compiled = statement.compile(db);
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const execute = await preparedExecute(namesOf(preparedOn, client), 'verbund', compiled, (text) =>
        client.query(text),
      );
      // A scope's commit statement comes third, in the same implicit transaction; results[1] stays
      // the statement's own.
      const last = commitStatementFor(tenantId);
      const results = (await client.query(
        `select set_config('app.tenant_id', '${tenantId}', true); ${execute}${last ? `; ${last}` : ''}`,
      )) as unknown as Array<{ rows: R[] }>;
      return results[1]!.rows;
    } catch (error) {
      // A statement error leaves the connection usable; a lost connection must not return to the pool.
      if (isConnectionError(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Switches an open transaction to another tenant (used by onboarding, which seeds a new member). */
  async function switchTenant(trx: Trx, tenantId: string): Promise<TenantTrx> {
    await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    return Object.assign(trx, { tenantId }) as TenantTrx;
  }

  return {
    db,
    pool,
    withTenant,
    withTenantBeside,
    executeAsTenant,
    switchTenant,
    close: async () => {
      await Promise.all([db.destroy(), besideDb.destroy()]);
    },
  };
}

export type DatabaseHandle = ReturnType<typeof createDatabase>;

// SQLSTATE classes and codes that mean "no usable connection": 08 connection exception, 57P01–57P03
// (administrator/crash shutdown, cannot connect now: the server is starting or recovering), 53300
// (too many connections).
const CONNECTION_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const CONNECTION_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOENT',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const CONNECTION_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connection timeout|Connection ended/i;

/**
 * True when `error` says the database cannot be reached (refused, reset, socket gone, server shut
 * down or restarting, connect timeout) rather than that a statement failed. Requests map it to
 * 503 `db.unavailable`; the pool drops such connections.
 */
export function isConnectionError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message, syscall } = error as { code?: unknown; message?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    if (CONNECTION_SQLSTATE.test(code)) return true;
    // ENOENT only from connect(): the Unix socket is gone with its server (not a missing file).
    if (CONNECTION_ERRNO.has(code)) return code !== 'ENOENT' || syscall === 'connect';
  }
  if (typeof message === 'string' && CONNECTION_MESSAGE.test(message)) return true;
  const { cause } = error as { cause?: unknown };
  return cause !== undefined && cause !== error && isConnectionError(cause);
}
