import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestContext,
  createWebProcess,
  type TestContext,
  type WebProcess,
} from '../../../test/support/context.ts';
import { startCuttableProxy } from '../../../test/support/cuttable-proxy.ts';
import { toAppError } from '../http/problem.ts';
import { createJobWorker, enqueueJob } from '../jobs/jobs.ts';
import { createLogger } from '../logger.ts';
import { createDatabase, isConnectionError } from './database.ts';

// The whole-process view (kill -9 of PostgreSQL and of the app during uploads) is in
// test/resilience.test.ts; here the same failures one connection at a time, in-process.

let t: TestContext;
let token: string;
beforeAll(async () => {
  t = await createTestContext();
  token = await t.tokenFor('nordhausen', ['sachbearbeitung']);
});
afterAll(() => t.close());

/** Ends the server process behind the app's connection that runs a statement now (as a crash would). */
async function terminateBusyAppBackend() {
  for (let i = 0; i < 100; i++) {
    const { rows } = await t.superuser.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where usename = 'verbund_app' and datname = current_database() and wait_event = 'PgSleep'`,
    );
    if (rows.length > 0) {
      await t.superuser.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no backend of the app is sleeping');
}

describe('a lost database connection', () => {
  it('fails the one statement in flight (one-round-trip path), not the process, and the pool connects afresh', async () => {
    const { database } = t.services;
    const running = database.executeAsTenant('nordhausen', sql`select pg_sleep(5) as lost_one_trip`);
    const failed = running.then(
      () => undefined,
      (error: unknown) => error,
    );
    await terminateBusyAppBackend();
    const error = await failed;
    expect(isConnectionError(error)).toBe(true);
    expect(toAppError(error)).toMatchObject({ code: 'db.unavailable', status: 503 });
    // Give the broken socket time to emit its 'error' event: without a listener it would end the
    // test process (vitest reports an unhandled error).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rows = await database.executeAsTenant('nordhausen', sql<{ ok: number }>`select 1 as ok`);
    expect(rows).toEqual([{ ok: 1 }]);
  });

  it('fails a tenant transaction whose connection the server ends, and the next transaction works', async () => {
    const { database } = t.services;
    const failed = database
      .withTenant('nordhausen', (trx) => sql`select pg_sleep(5) as lost_transaction`.execute(trx))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    await terminateBusyAppBackend();
    expect(isConnectionError(await failed)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const result = await database.withTenant('nordhausen', (trx) =>
      sql<{ tenant: string }>`select current_setting('app.tenant_id') as tenant`.execute(trx),
    );
    expect(result.rows).toEqual([{ tenant: 'nordhausen' }]);
  });

  it('tells statement errors and missing files apart from a lost connection', () => {
    expect(isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionError(Object.assign(new Error('invalid input'), { code: '22P02' }))).toBe(false);
    expect(
      isConnectionError(Object.assign(new Error('no such file'), { code: 'ENOENT', syscall: 'open' })),
    ).toBe(false);
    expect(
      isConnectionError(Object.assign(new Error('socket gone'), { code: 'ENOENT', syscall: 'connect' })),
    ).toBe(true);
    expect(isConnectionError(Object.assign(new Error('starting up'), { code: '57P03' }))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionError(new Error('x', { cause: Object.assign(new Error('y'), { code: 'EPIPE' }) })),
    ).toBe(true);
  });
});

describe('while the database cannot be reached', () => {
  // The same app on a server that is not there (nothing listens on port 1).
  let down: WebProcess;
  let app: WebProcess['app'];
  beforeAll(() => {
    down = createWebProcess({ config: t.config, appUrl: 'postgres://verbund_app:x@127.0.0.1:1/verbund' });
    app = down.app;
  });
  afterAll(() => down.close());

  it('/health answers 503 degraded at once', async () => {
    const started = performance.now();
    const response = await app.request('/health');
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      status: 'degraded',
      database: { status: 'unavailable', message: 'Datenbank nicht erreichbar' },
    });
  });

  it('API requests answer 503 problem+json db.unavailable with the German text and Retry-After', async () => {
    const response = await app.request('/api/v1/vorgaenge', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    const body = await response.json();
    expect(body).toMatchObject({ code: 'db.unavailable', status: 503 });
    expect(body.detailDe).toContain('Datenbank nicht erreichbar');
  });

  it('pages show the error page with the same German text', async () => {
    const response = await app.request('/portal', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Datenbank nicht erreichbar');
  });
});

describe('a job worker whose database goes away mid-round', () => {
  it("runs the round's jobs again as soon as the database returns, not counted as a crash", async () => {
    const appUrl = new URL(t.appUrl);
    const proxy = await startCuttableProxy(Number(appUrl.port));
    appUrl.port = String(proxy.port);
    const database = createDatabase({ connectionString: appUrl.toString(), max: 2 });
    let runs = 0;
    const worker = createJobWorker({
      database,
      logger: createLogger({ level: 'silent' }),
      handlers: new Map([
        [
          'test.outage',
          async ({ trx }) => {
            runs += 1;
            // The first run loses the database while it works; so does the write that would
            // settle the job (the proxy refuses new connections until restored).
            if (runs === 1) proxy.cut();
            await sql`select 1`.execute(trx);
          },
        ],
      ]),
    });
    try {
      const { jobId } = await t.services.database.withTenant('nordhausen', (trx) =>
        enqueueJob(trx, { kind: 'test.outage' }),
      );
      await expect(worker.runOnce()).rejects.toSatisfy(isConnectionError);
      const held = await t.superuser.query('select status from jobs where id = $1', [jobId]);
      expect(held.rows[0]).toMatchObject({ status: 'running' });

      proxy.restore();
      // The next round takes the job up again (its lease would run for 15 minutes).
      await worker.runOnce();
      const { rows } = await t.superuser.query(
        'select status, attempts, crashes, locked_by::text from jobs where id = $1',
        [jobId],
      );
      expect(runs).toBe(2);
      expect(rows[0]).toMatchObject({ status: 'done', crashes: 0, locked_by: worker.workerId });
    } finally {
      await database.close();
      await proxy.close();
    }
  });
});
