import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/context.ts';
import { renderTextPdf } from '../../modules/records/dokumente/text-pdf.ts';
import { CRASHED_REASON, createJobWorker, enqueueJob, type JobHandler } from './jobs.ts';

let t: TestContext;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestContext();
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function enqueue(kind: string, count: number, maxAttempts?: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      (
        await t.services.database.withTenant('nordhausen', (trx) =>
          enqueueJob(trx, { kind, payload: { i }, ...(maxAttempts ? { maxAttempts } : {}) }),
        )
      ).jobId,
    );
  return ids;
}

type JobRow = {
  id: string;
  status: string;
  attempts: number;
  crashes: number;
  last_error: string | null;
  locked_by: string | null;
  run_at: Date;
};
const jobRows = async (ids: string[]) =>
  (
    await t.superuser.query<JobRow>(
      'select id::text, status, attempts, crashes, last_error, locked_by, run_at from jobs where id = any($1::bigint[]) order by id',
      [ids],
    )
  ).rows;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('timed out waiting');
}

/** A worker in its own process (test/support/job-worker-process.ts) that never finishes a job. */
async function startWorkerProcess(kind: string, mode: 'hang' | 'oom', host?: string) {
  const child = spawn(
    process.execPath,
    [
      '--max-old-space-size=160',
      '--import',
      'tsx',
      path.resolve(import.meta.dirname, '../../../test/support/job-worker-process.ts'),
      t.appUrl,
      kind,
      mode,
      ...(host ? [host] : []),
    ],
    // V8's "heap out of memory" report goes to stderr; the test only needs the exit.
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    void exited.then(({ code }) => reject(new Error(`worker exited ${code}`)));
  });
  return { child, exited };
}

/** Files a PDF through the API; returns the document and its extraction job. */
async function uploadPdf(token: string, titel: string, text: string) {
  const akte = await t.request('/api/v1/akten', { token, json: { titel, aktenplan: '00.40' } });
  const vorgang = await t.request(`/api/v1/akten/${akte.json.id}/vorgaenge`, {
    token,
    json: { betreff: titel },
  });
  const form = new FormData();
  form.set('datei', new Blob([(await renderTextPdf(titel, text)) as BlobPart]), `${titel}.pdf`);
  const dokument = await t.request(`/api/v1/vorgaenge/${vorgang.json.id}/dokumente`, { token, body: form });
  expect(dokument.status).toBe(201);
  const { rows } = await t.superuser.query<{ id: string }>(
    `select id::text from jobs where kind = 'records.extract' and payload->>'dokumentId' = $1`,
    [dokument.json.id],
  );
  expect(rows).toHaveLength(1);
  return { dokumentId: dokument.json.id as string, jobIds: rows.map((row) => row.id) };
}

const recording = (kind: string) => {
  const ran: string[] = [];
  const handler: JobHandler = async ({ jobId }) => {
    ran.push(jobId);
  };
  const worker = createJobWorker({
    database: t.services.database,
    logger: t.services.logger,
    handlers: new Map([[kind, handler]]),
    idleMs: 50,
  });
  return { ran, worker };
};

const claimedByOneWorker = (ids: string[]) => async () => {
  const rows = await jobRows(ids);
  return rows.every((row) => row.status === 'running' && row.locked_by === rows[0]!.locked_by);
};

describe('leases', () => {
  it('the jobs of a worker on another machine that was killed mid-job are taken up by a living worker within 30 s', async () => {
    const ids = await enqueue('test.lease', 3);
    const { child, exited } = await startWorkerProcess('test.lease', 'hang', 'anderer-rechner');
    await waitFor(claimedByOneWorker(ids));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    // Only the heartbeat can tell: the dead worker's PID means nothing on this machine.
    const { ran, worker } = recording('test.lease');
    while (ran.length < ids.length && Date.now() - killedAt < 40_000) {
      await worker.runOnce();
      if (ran.length < ids.length) await sleep(200);
    }
    const seconds = (Date.now() - killedAt) / 1000;
    console.info(`leases: jobs of a killed worker on another host taken up after ${seconds.toFixed(1)} s`);
    expect(ran.sort()).toEqual([...ids].sort());
    expect(seconds).toBeLessThan(30);
    // Lost once, with their worker: a crash, not an attempt that failed.
    for (const row of await jobRows(ids)) expect(row).toMatchObject({ status: 'done', crashes: 1 });
  }, 60_000);

  it('at start, a worker takes up at once the jobs of a killed process of its own host', async () => {
    const ids = await enqueue('test.neustart', 3);
    const { child, exited } = await startWorkerProcess('test.neustart', 'hang');
    await waitFor(claimedByOneWorker(ids));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    const { ran, worker } = recording('test.neustart');
    worker.start();
    await waitFor(async () => ran.length === ids.length, 10_000);
    const ms = Date.now() - killedAt;
    await worker.stop();
    console.info(`leases: jobs of a killed process on this host taken up at start after ${ms} ms`);
    expect(ms).toBeLessThan(3000);
    for (const row of await jobRows(ids)) expect(row).toMatchObject({ status: 'done', crashes: 1 });
  });

  it('a worker whose jobs were taken over cannot finish them too: its writes are rolled back', async () => {
    const [id] = await enqueue('test.uebernahme', 1);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = createJobWorker({
      database: t.services.database,
      logger: t.services.logger,
      handlers: new Map<string, JobHandler>([
        [
          'test.uebernahme',
          async ({ trx, jobId }) => {
            await released;
            await trx
              .updateTable('jobs')
              .set({ last_error: 'vom alten Worker' })
              .where('id', '=', jobId)
              .execute();
          },
        ],
      ]),
    });
    const slowRun = slow.runOnce();
    await waitFor(claimedByOneWorker([id!]));
    // Declared dead (as if its heartbeat had stopped while it was paused).
    await t.superuser.query('select job_workers_forget($1::uuid[])', [[slow.workerId]]);
    const { ran, worker } = recording('test.uebernahme');
    expect(await worker.runOnce()).toBe(1);
    expect(ran).toEqual([id]);
    release();
    await slowRun;
    const [row] = await jobRows([id!]);
    expect(row).toMatchObject({ status: 'done', crashes: 1, last_error: null, locked_by: worker.workerId });
  });

  it('a worker takes up at once, without counting a crash, its own jobs it could not settle (database away)', async () => {
    const ids = await enqueue('test.eigen', 2);
    const { ran, worker } = recording('test.eigen');
    // As if it had claimed them and then lost the connection before writing the outcome.
    await worker.reclaimDead();
    await t.superuser.query(
      `update jobs set status = 'running', attempts = 1, locked_by = $2, claimed_at = now(),
         locked_until = now() + interval '15 minutes' where id = any($1::bigint[])`,
      [ids, worker.workerId],
    );
    expect(await worker.runOnce()).toBe(2);
    expect(ran.sort()).toEqual([...ids].sort());
    for (const row of await jobRows(ids))
      expect(row).toMatchObject({ status: 'done', attempts: 2, crashes: 0 });
  });

  it('the app role reaches the worker table only through its functions', async () => {
    const client = new pg.Client({ connectionString: t.appUrl });
    await client.connect();
    try {
      for (const statement of [
        'select * from job_workers',
        `update job_workers set heartbeat_at = now()`,
        `insert into job_workers (id, host, pid) values (gen_random_uuid(), 'x', 1)`,
      ])
        await expect(client.query(statement)).rejects.toThrow(/permission denied/);
      const { rows } = await client.query(
        `select * from job_worker_beat('00000000-0000-4000-8000-0000000000aa', 'rechner-x', 4711, 20)`,
      );
      expect(rows).toEqual([]);
      const seen = await t.superuser.query('select host, pid from job_workers where id = $1', [
        '00000000-0000-4000-8000-0000000000aa',
      ]);
      expect(seen.rows).toEqual([{ host: 'rechner-x', pid: 4711 }]);
      await client.query(`select job_workers_forget(array['00000000-0000-4000-8000-0000000000aa'::uuid])`);
      expect((await t.superuser.query('select 1 from job_workers where pid = 4711')).rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe('batch path', () => {
  it('the extraction batch completes only the jobs its worker still holds', async () => {
    const token = await t.tokenFor('nordhausen');
    const { dokumentId, jobIds } = await uploadPdf(token, 'Stapel', 'Stapelwort');
    const holder = '00000000-0000-4000-8000-000000000001';
    await t.superuser.query(
      `update jobs set status = 'running', attempts = 1, locked_by = $2, claimed_at = now() where id = $1`,
      [jobIds[0], holder],
    );
    const [, batch] = t.services.records.extractionBatchJob;
    const jobs = [{ id: jobIds[0]!, payload: { dokumentId, version: 1 }, attempt: 1 }];
    // Another worker (taken over): the text is the same either way, the job stays with its holder.
    expect(
      await batch({ tenantId: 'nordhausen', jobs, owner: '00000000-0000-4000-8000-000000000002' }),
    ).toEqual(jobIds);
    expect((await jobRows(jobIds))[0]).toMatchObject({ status: 'running', locked_by: holder });
    expect(await batch({ tenantId: 'nordhausen', jobs, owner: holder })).toEqual(jobIds);
    expect((await jobRows(jobIds))[0]).toMatchObject({ status: 'done' });
  });
});

describe('poison jobs', () => {
  it('an upload whose extraction kills the worker twice is given up with the reason and never run again', async () => {
    const token = await t.tokenFor('nordhausen');
    const { dokumentId, jobIds: ids } = await uploadPdf(token, 'Gift', 'tödlich');

    // Two processes in a row die of the job: V8 ends each when its heap is full (as in issue 9).
    for (const crashes of [0, 1]) {
      const { exited } = await startWorkerProcess('records.extract', 'oom');
      const end = await exited;
      // V8 aborts a process whose heap is full.
      expect(end.signal).toBe('SIGABRT');
      expect((await jobRows(ids))[0]).toMatchObject({ status: 'running', crashes });
    }

    // The worker of the next start gives the job up instead of running it a third time.
    const worker = t.services.createWorker();
    worker.start();
    await waitFor(async () => (await jobRows(ids))[0]!.status === 'dead');
    await worker.stop();
    const [dead] = await jobRows(ids);
    expect(dead).toMatchObject({ status: 'dead', crashes: 2, attempts: 3, last_error: CRASHED_REASON });
    const shown = await t.request(`/api/v1/dokumente/${dokumentId}`, { token });
    expect(shown.json).toMatchObject({ textStatus: 'failed', textFehler: CRASHED_REASON });

    const again = t.services.createWorker();
    for (let i = 0; i < 3; i++) await again.runOnce();
    expect((await jobRows(ids))[0]).toMatchObject({ status: 'dead', attempts: 3 });
  }, 60_000);

  it('the innocent neighbours of a job that killed their worker are run apart from it and not given up', async () => {
    // The hostile job first, so that it runs first in the batch its worker claims.
    const [gift] = await enqueue('test.nachbarn', 1);
    const harmlos: string[] = [];
    for (let i = 0; i < 3; i++)
      harmlos.push(
        (
          await t.services.database.withTenant('nordhausen', (trx) =>
            enqueueJob(trx, { kind: 'test.nachbarn', payload: { harmlos: true } }),
          )
        ).jobId,
      );
    for (let i = 0; i < 2; i++) {
      const { exited } = await startWorkerProcess('test.nachbarn', 'oom');
      expect((await exited).signal).toBe('SIGABRT');
    }
    const { ran, worker } = recording('test.nachbarn');
    worker.start();
    await waitFor(async () => ran.length === harmlos.length);
    await worker.stop();
    expect(ran.sort()).toEqual([...harmlos].sort());
    const rows = await jobRows([gift!, ...harmlos]);
    expect(rows[0]).toMatchObject({ status: 'dead', crashes: 2, last_error: CRASHED_REASON });
    // Lost once with the first process; the second ran the hostile job alone.
    for (const row of rows.slice(1)) expect(row).toMatchObject({ status: 'done', crashes: 1 });
  }, 60_000);

  it('an error is retried with backoff as before, and after max_attempts given up with its reason', async () => {
    const ids = await enqueue('test.fehler', 1, 3);
    const givenUp: string[] = [];
    const worker = createJobWorker({
      database: t.services.database,
      logger: t.services.logger,
      handlers: new Map<string, JobHandler>([
        [
          'test.fehler',
          async () => {
            throw new Error('Dienst nicht erreichbar');
          },
        ],
      ]),
      givenUpHandlers: new Map([['test.fehler', async ({ reason }) => void givenUp.push(reason)]]),
    });
    for (const attempt of [1, 2]) {
      const before = Date.now();
      expect(await worker.runOnce()).toBe(1);
      const [row] = await jobRows(ids);
      expect(row).toMatchObject({
        status: 'queued',
        attempts: attempt,
        crashes: 0,
        last_error: 'Dienst nicht erreichbar',
      });
      // Full jitter up to 2^attempt seconds.
      expect(row!.run_at.getTime() - before).toBeLessThanOrEqual(1000 * 2 ** attempt + 1000);
      await t.superuser.query('update jobs set run_at = now() where id = $1', [row!.id]);
    }
    expect(await worker.runOnce()).toBe(1);
    expect((await jobRows(ids))[0]).toMatchObject({
      status: 'dead',
      attempts: 3,
      crashes: 0,
      last_error: 'Dienst nicht erreichbar',
    });
    expect(givenUp).toEqual(['Verarbeitung nach 3 Fehlversuchen aufgegeben']);
  });
});
