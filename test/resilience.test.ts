import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Kills the embedded PostgreSQL and, separately, the app itself while eight clients upload, and
// checks what a county would check afterwards: every acknowledged upload is there with its hash,
// none twice, and all are found by the search. Runs `verbund start` as a child process like
// test/start.test.ts, on its own data directory.

const run = promisify(execFile);
const CLIENTS = 8;
let dataDir: string;
let env: Record<string, string>;
let app: App | undefined;
let token: string;
const figures: Record<string, unknown> = {};

type App = { child: ChildProcess; url: string; output: () => string };

/** Starts `verbund start` and resolves once it printed its ready line. */
function start(): Promise<App> {
  const child = spawn('node', ['bin/verbund.js', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Adresse:\s+(\S+)/.exec(output);
      if (/Bereit nach [\d.]+ s/.test(output) && url) {
        clearTimeout(timer);
        resolve({ child, url: url[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

const cli = (...args: string[]) => run('node', ['bin/verbund.js', ...args], { env });

const postmasterPid = () =>
  Number.parseInt(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8'), 10);

/** A live process (a zombie, which no one reaps in some containers, counts as gone). */
function alive(pid: number) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

const rssMb = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

const api = (url: string, requestPath: string, init: RequestInit = {}) =>
  fetch(`${url}/api/v1${requestPath}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
    signal: AbortSignal.timeout(20_000),
  });

/** Letters only: the full-text search stems words, digits would make separate tokens. */
const letters = (n: number) => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};

type Acked = { word: string; sha256: string; id: string };

/**
 * Eight clients upload small distinct text files into one Vorgang until stopped. Returns what was
 * acknowledged (201) and the other answers; `padding` makes each file take a moment to spool.
 */
function uploadUnderFire({
  url,
  vorgangId,
  prefix,
  padding = 0,
}: {
  url: string;
  vorgangId: string;
  prefix: string;
  padding?: number;
}) {
  const acked: Acked[] = [];
  const statuses: Record<string, number> = {};
  const problems: Array<{ status: number; contentType: string | null; body: string }> = [];
  let slowestMs = 0;
  let seq = 0;
  let stopped = false;
  const ackTimes: number[] = [];
  async function client() {
    while (!stopped) {
      const word = `${prefix}${letters(seq++ * 7 + 1000)}`;
      const content = `Aktenvermerk ${word} zur ${prefix}probe: Wiederanlauf.\n${'Lorem ipsum dolor sit amet. '.repeat(padding)}\n`;
      const form = new FormData();
      form.set('datei', new Blob([content], { type: 'text/plain' }), `${word}.txt`);
      const started = performance.now();
      try {
        const response = await api(url, `/vorgaenge/${vorgangId}/dokumente`, { method: 'POST', body: form });
        const body = await response.text();
        slowestMs = Math.max(slowestMs, performance.now() - started);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 201) {
          const result = JSON.parse(body) as { id: string; sha256: string };
          expect(result.sha256).toBe(createHash('sha256').update(content).digest('hex'));
          acked.push({ word, sha256: result.sha256, id: result.id });
          ackTimes.push(performance.now());
        } else {
          problems.push({ status: response.status, contentType: response.headers.get('content-type'), body });
          // A client that is told to come back later does so after a short pause.
          await sleep(200);
        }
      } catch (error) {
        statuses[(error as Error).name] = (statuses[(error as Error).name] ?? 0) + 1;
        await sleep(200);
      }
    }
  }
  const clients = Array.from({ length: CLIENTS }, () => client());
  return {
    acked,
    statuses,
    problems,
    ackTimes,
    slowestMs: () => Math.round(slowestMs),
    stop: async () => {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

/**
 * Every acknowledged upload is found by the search within `withinMs` of `since` (the recovery):
 * polled through the word all uploads of a run share (`<prefix>probe`), then each by its own word.
 * Each is there with its content (hashed again), and none twice. Resolves with the time from
 * `since` until the last one was found.
 */
async function verifyAcked({
  url,
  acked,
  prefix,
  since,
  withinMs,
}: {
  url: string;
  acked: Acked[];
  prefix: string;
  since: number;
  withinMs: number;
}) {
  const found = new Set<string>();
  while (found.size < acked.length && performance.now() - since < withinMs) {
    for (let offset = 0; ; offset += 200) {
      const response = await api(url, `/suche?q=${prefix}probe&limit=200&offset=${offset}`);
      if (response.status !== 200) break;
      const { items } = (await response.json()) as { items: Array<{ dokumentId: string }> };
      for (const hit of items) found.add(hit.dokumentId);
      if (items.length < 200) break;
    }
    // Pages of equally ranked hits may overlap (the search picks its candidates by date, and all
    // uploads have today's): the last few are looked up by their own word.
    const rest = acked.filter((upload) => !found.has(upload.id));
    if (rest.length <= 30)
      for (const upload of rest) {
        const response = await api(url, `/suche?q=${upload.word}&limit=5`);
        const { items } = (await response.json()) as { items: Array<{ dokumentId: string }> };
        if (items.some((hit) => hit.dokumentId === upload.id)) found.add(upload.id);
      }
    if (found.size < acked.length) await sleep(250);
  }
  const searchableMs = Math.round(performance.now() - since);
  const missing = acked.filter((upload) => !found.has(upload.id));
  if (missing.length > 0) {
    // What became of them: the document's text state and its extraction job.
    const { rows } = await observe(
      `select d.text_status, d.text_fehler, j.status, j.attempts, j.crashes, j.last_error, j.locked_by,
         j.locked_until, (select count(*) from job_workers w where w.id = j.locked_by) as worker_rows
       from dokumente d left join jobs j on j.kind = 'records.extract' and j.payload->>'dokumentId' = d.id::text
       where d.id = any($1::uuid[])`,
      [missing.map((upload) => upload.id)],
    );
    console.log('not searchable:', JSON.stringify(rows, null, 1));
  }
  expect(missing.map((upload) => upload.word)).toEqual([]);
  const pending: Acked[] = [];
  for (const upload of acked) {
    const response = await api(url, `/suche?q=${upload.word}&limit=5`);
    const { items } = (await response.json()) as { items: Array<{ dokumentId: string }> };
    if (!items.some((hit) => hit.dokumentId === upload.id)) pending.push(upload);
  }
  expect(pending.map((upload) => upload.word)).toEqual([]);
  const { rows } = await observe<{ sha256: string; n: number }>(
    'select sha256, count(*)::int as n from dokument_versionen where sha256 = any($1) group by 1',
    [acked.map((a) => a.sha256)],
  );
  expect(rows).toHaveLength(acked.length);
  expect(rows.filter((row) => row.n !== 1)).toEqual([]);
  for (const upload of acked) {
    const response = await api(url, `/dokumente/${upload.id}/inhalt`);
    expect(response.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await response.arrayBuffer()))
        .digest('hex'),
    ).toBe(upload.sha256);
  }
  return searchableMs;
}

async function queueDrained(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await observe<{ n: number }>(
      "select count(*)::int as n from jobs where status in ('queued', 'running') and kind = 'records.extract'",
    );
    if (rows[0]!.n === 0) return;
    await sleep(500);
  }
  throw new Error('extraction queue not drained');
}

/** A query as the superuser on a connection of its own (the server may have been restarted since). */
async function observe<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const credentials = JSON.parse(await readFile(path.join(dataDir, 'pg-credentials.json'), 'utf8'));
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(credentials.superPassword)}@127.0.0.1:${env.VERBUND_PG_PORT}/verbund`,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query<R>(text, values);
  } finally {
    await client.end();
  }
}

async function vorgangIds() {
  const response = await api(app!.url, '/vorgaenge?limit=2');
  return ((await response.json()) as { items: Array<{ id: string }> }).items.map((v) => v.id);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'verbund-resilience-'));
  await chmod(dataDir, 0o755);
  env = {
    ...(process.env as Record<string, string>),
    VERBUND_DATA_DIR: dataDir,
    PORT: '0',
    VERBUND_PG_PORT: String(40000 + Math.floor(Math.random() * 10000)),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  app = await start();
  const { stdout } = await cli(
    'token',
    'create',
    '--tenant',
    'nordhausen',
    '--role',
    'sachbearbeitung',
    '--json',
  );
  token = JSON.parse(stdout).token;
  // The demo's 1000 documents are extracted first, so the figures below are about our uploads.
  await queueDrained(90_000);
}, 200_000);

afterAll(async () => {
  if (app && app.child.exitCode === null && app.child.signalCode === null) {
    app.child.kill('SIGTERM');
    await exited(app.child);
  }
  // A postmaster this test orphaned on purpose and did not see stopped.
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = postmasterPid();
    if (alive(pid)) process.kill(pid, 'SIGQUIT');
  }
  await rm(dataDir, { recursive: true, force: true });
  console.log('resilience figures', JSON.stringify(figures, null, 2));
}, 60_000);

describe('a database that may vanish', () => {
  it('kill -9 of the embedded PostgreSQL during uploads: the app answers 503, restarts it, recovers, and loses nothing', async () => {
    const server = app!;
    const pid = server.child.pid!;
    const [vorgangId] = await vorgangIds();
    const rssBefore = rssMb(pid);
    const fire = uploadUnderFire({ url: server.url, vorgangId: vorgangId!, prefix: 'ausfalldb' });
    await sleep(2_500);
    const killedPostmaster = postmasterPid();
    const ackedBeforeKill = fire.acked.length;
    process.kill(killedPostmaster, 'SIGKILL');
    const killedAt = performance.now();

    // Health says so at once and never hangs; a staff page shows the German error page.
    const health: Array<{ status: number; ms: number }> = [];
    let page: { status: number; text: string } | undefined;
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && performance.now() - killedAt < 60_000) {
      const started = performance.now();
      const response = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(10_000) });
      const body = (await response.json()) as { status: string; database: { status: string } };
      health.push({ status: response.status, ms: performance.now() - started });
      // Backends outlive their postmaster for a moment and may still answer: recovered means ok
      // again after the outage was seen.
      if (response.status === 200) {
        if (health.some((h) => h.status === 503)) recoveredAt = performance.now();
        else if (performance.now() - killedAt > 10_000) throw new Error('the outage was never seen');
        else await sleep(50);
      } else {
        expect(response.status).toBe(503);
        expect(body).toMatchObject({ status: 'degraded', database: { status: 'unavailable' } });
        if (!page) {
          const html = await fetch(`${server.url}/portal`, { headers: { accept: 'text/html' } });
          page = { status: html.status, text: await html.text() };
        }
        await sleep(100);
      }
    }
    expect(recoveredAt).toBeDefined();
    const recoveryMs = Math.round(recoveredAt! - killedAt);
    // Uploads go on after the recovery.
    const ackedAtRecovery = fire.acked.length;
    await sleep(2_000);
    await fire.stop();

    expect(server.child.exitCode).toBeNull();
    // (Booleans: the output holds many log lines, too many for a failure message.)
    expect(server.output().includes('Eingebettetes PostgreSQL abgestürzt – wird neu gestartet')).toBe(true);
    expect(/Eingebettetes PostgreSQL wieder erreichbar nach [\d.]+ s/.test(server.output())).toBe(true);
    expect(postmasterPid()).not.toBe(killedPostmaster);
    expect(alive(postmasterPid())).toBe(true);
    // During the outage: 503 problem+json with the German text, no 500, no dropped connection.
    expect(Object.keys(fire.statuses).sort()).toEqual(['201', '503']);
    for (const problem of fire.problems) {
      expect(problem.contentType).toBe('application/problem+json');
      expect(JSON.parse(problem.body)).toMatchObject({ code: 'db.unavailable', status: 503 });
      expect(JSON.parse(problem.body).detailDe).toContain('Datenbank nicht erreichbar');
    }
    expect(fire.slowestMs()).toBeLessThan(10_000);
    expect(health.some((h) => h.status === 503)).toBe(true);
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(2_500);
    if (page) {
      expect(page.status).toBe(503);
      expect(page.text).toContain('Datenbank nicht erreichbar');
    }
    expect(ackedBeforeKill).toBeGreaterThan(0);
    expect(fire.acked.length).toBeGreaterThan(ackedAtRecovery);

    const searchableMs = await verifyAcked({
      url: server.url,
      acked: fire.acked,
      prefix: 'ausfalldb',
      since: recoveredAt!,
      withinMs: 30_000,
    });
    Object.assign(figures, {
      postmasterKill: {
        recoveryMs,
        reportedByApp: /wieder erreichbar nach ([\d.]+) s/.exec(server.output())?.[1],
        answers503: fire.statuses['503'],
        acknowledged: fire.acked.length,
        slowestUploadMs: fire.slowestMs(),
        slowestHealthMs: Math.round(Math.max(...health.map((h) => h.ms))),
        allSearchableAfterRecoveryMs: searchableMs,
        rssMb: { before: rssBefore, after: rssMb(pid) },
      },
    });
  }, 120_000);

  it('kill -9 of the app during uploads: the next start takes the orphaned PostgreSQL over, cleans temp files, loses nothing, and stops it on exit', async () => {
    const first = app!;
    const [, vorgangId] = await vorgangIds();
    const fire = uploadUnderFire({
      url: first.url,
      vorgangId: vorgangId!,
      prefix: 'ausfallapp',
      padding: 2_000,
    });
    await sleep(2_500);
    const orphan = postmasterPid();
    first.child.kill('SIGKILL');
    await exited(first.child);
    await fire.stop();
    expect(fire.acked.length).toBeGreaterThan(0);
    // The postmaster outlives the app that started it.
    expect(alive(orphan)).toBe(true);
    // A temp file of an upload the kill interrupted (the kill may or may not leave one itself).
    const tmp = path.join(dataDir, 'blobs', 'tmp');
    await mkdir(tmp, { recursive: true });
    await writeFile(path.join(tmp, `${randomUUID()}.part`), '');

    const restartedAt = performance.now();
    const second = await start();
    app = second;
    const readyAt = performance.now();
    const readyMs = Math.round(readyAt - restartedAt);
    expect(second.output().includes('Verwaistes eingebettetes PostgreSQL')).toBe(true);
    expect(postmasterPid()).toBe(orphan);
    expect((await readdir(tmp)).filter((name) => name.endsWith('.part'))).toEqual([]);

    // The CLI meanwhile reuses the server and leaves it running.
    await cli('tenant', 'list', '--json');
    expect(alive(orphan)).toBe(true);

    // The jobs the killed process held are taken up again.
    const searchableMs = await verifyAcked({
      url: second.url,
      acked: fire.acked,
      prefix: 'ausfallapp',
      since: readyAt,
      withinMs: 60_000,
    });
    const rss = rssMb(second.child.pid!);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(alive(orphan)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg-owner.pid'))).toBe(false);
    Object.assign(figures, {
      appKill: {
        acknowledged: fire.acked.length,
        interrupted: fire.statuses.TypeError ?? 0,
        restartReadyMs: readyMs,
        allSearchableAfterReadyMs: searchableMs,
        rssMbAfter: rss,
      },
    });
    expect(searchableMs).toBeLessThan(60_000);
  }, 150_000);
});
