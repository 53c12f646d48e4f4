/**
 * Ingest benchmark (issue 3): one-page text PDFs uploaded through the API until searchable, in
 * documents/s, against the raw baseline: the same PDFs' text extracted with the same library (and
 * thread pool), inserted straight into PostgreSQL with the same index, blobs written with fsync, at
 * the same concurrency.
 *
 * Besides documents/s it reports the CPU time per document (issue 11), read from /proc as the
 * difference of two snapshots around the measured phase (from the client's „bereit“ until the
 * last document is searchable): the server – this process, in which the product runs with its
 * job workers, and its parser processes (live ones and those it has reaped), without the upload
 * client and the database – and PostgreSQL – the postmaster and all its processes (backends, WAL
 * writer, checkpointer, autovacuum, …), without the one connection through which this benchmark
 * watches the progress. CPU time counts what the work costs even when other processes share the
 * cores; documents/s depends on them.
 *
 * With --profile the V8 profiler records this process's main thread (HTTP, filing, job workers,
 * indexing – not the parser processes) over the same phase into a .cpuprofile (it costs CPU
 * itself: figures of such a run are not comparable).
 *
 *   npm run bench:ingest -- [--docs 2000] [--concurrency 16] [--workers 2] [--json figures.json]
 *     [--profile ingest.cpuprofile]
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDocumentGenerator } from '../src/demo/generator/documents.ts';
import { createBlobStore } from '../src/modules/blobs/blobs.module.ts';
import { createExtractionPool } from '../src/modules/ingest/ingest.module.ts';
import { renderTextPdf } from '../src/modules/records/dokumente/text-pdf.ts';
import { readPostmasterPid } from '../src/platform/database/postmaster.ts';
import { CLOCK_TICKS, processTable, processTicks, treeTicks } from './process-watch.ts';
import { progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    workers: { type: 'string', default: '2' },
    json: { type: 'string' },
    profile: { type: 'string' },
  },
});
const N = Number(values.docs);
const CONCURRENCY = Number(values.concurrency);
const WORKERS = Number(values.workers);

const generator = createDocumentGenerator({ seed: 42 });
const pdfs: Array<{ title: string; bytes: Buffer }> = [];
const made = progress('PDFs erzeugen', N);
for (let i = 0; i < N; i++) {
  const doc = generator.next();
  // One page: title and about 250 words.
  const body = doc.body.split(' ').slice(0, 250).join(' ');
  pdfs.push({ title: doc.title, bytes: await renderTextPdf(`${doc.title} (${i})`, body, { maxPages: 1 }) });
  made(i + 1);
}

const instance = await startBenchInstance({ poolSize: CONCURRENCY + WORKERS * 2 });
const token = (
  await instance.services.identity.createApiToken({
    tenantId: 'nordhausen',
    roles: ['sachbearbeitung'],
    actor: 'bench',
  })
).token;
const headers = { authorization: `Bearer ${token}` };
const post = async (path: string, body: unknown) =>
  (
    await fetch(`${instance.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json();
const akte = await post('/api/v1/akten', { titel: 'Ingest-Benchmark', aktenplan: '00.40' });
const vorgang = await post(`/api/v1/akten/${akte.id}/vorgaenge`, { betreff: 'Ingest-Benchmark' });

const workers = Array.from({ length: WORKERS }, () => instance.services.createWorker());
for (const w of workers) w.start();
const owner = new pg.Pool({ connectionString: instance.ownerUrl, max: 2 });
// The progress is watched through one connection of its own, whose backend the CPU figures leave out.
const watcher = new pg.Client({ connectionString: instance.ownerUrl });
await watcher.connect();
const watcherPid: number = (await watcher.query('select pg_backend_pid() as pid')).rows[0].pid;
const postmaster = readPostmasterPid(`${instance.dir}/pg`);
if (postmaster === null) throw new Error('no postmaster.pid of the embedded PostgreSQL');
const loadBefore = loadavg()[0]!;
const profiler = values.profile ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
}
const uploaded = progress('API-Upload + Extraktion', N);

const pdfDir = `${instance.dir}/bench-pdfs`;
await mkdir(pdfDir, { recursive: true });
for (const [i, pdf] of pdfs.entries()) await writeFile(`${pdfDir}/${i}.pdf`, pdf.bytes);
// The client runs in its own process, like real API clients; the server keeps its event loop.
const client = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    new URL('./upload-client.ts', import.meta.url).pathname,
    instance.url,
    token,
    vorgang.id,
    pdfDir,
    String(N),
    String(CONCURRENCY),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let clientOutput = '';
/**
 * CPU ticks so far of the server (this process and its children, without PostgreSQL and the
 * client) and of PostgreSQL (without the watcher's backend). Once the client has exited, node has
 * reaped it and its time is in this process's cutime: the client's last reading is taken off (its
 * last output comes right before it exits; only its exit is missed, well under a tick per run).
 */
let clientTicks = 0;
const cpuNow = () => {
  const table = processTable();
  const clientGone = !table.has(client.pid!);
  return {
    server: treeTicks(table, process.pid, [postmaster, client.pid!]) - (clientGone ? clientTicks : 0),
    /** Of the server: this process alone (its threads); the rest are its parser processes. */
    node: table.get(process.pid)!.own,
    postgres: treeTicks(table, postmaster, [watcherPid]),
  };
};
let cpuBefore = { server: 0, node: 0, postgres: 0 };
const uploadDone = new Promise<number>((resolve) => client.on('exit', () => resolve(performance.now())));
// The clock starts when the client has started and built its requests (it prints „bereit“).
const started = await new Promise<number>((resolve) =>
  client.stdout.on('data', (chunk) => {
    clientTicks = processTicks(client.pid!) ?? clientTicks;
    if (!clientOutput.includes('bereit\n') && `${clientOutput}${chunk}`.includes('bereit\n')) {
      cpuBefore = cpuNow();
      void profiler?.post('Profiler.start');
      resolve(performance.now());
    }
    clientOutput += chunk;
  }),
);
for (;;) {
  const { rows } = await watcher.query(
    `select count(*) filter (where text_status <> 'pending')::int as done,
    count(*) filter (where text_status = 'failed')::int as failed from dokumente where vorgang_id = $1`,
    [vorgang.id],
  );
  uploaded(rows[0].done);
  if (rows[0].failed > 0) throw new Error(`${rows[0].failed} extractions failed`);
  if (rows[0].done >= N) break;
  // Polling costs the machine CPU too; 50 ms is well below the run's length.
  await new Promise((r) => setTimeout(r, 50));
  clientTicks = processTicks(client.pid!) ?? clientTicks;
}
const cpuAfter = cpuNow();
const apiSeconds = (performance.now() - started) / 1000;
const loadAfter = loadavg()[0]!;
if (profiler && values.profile) {
  const { profile } = await profiler.post('Profiler.stop');
  await writeFile(values.profile, JSON.stringify(profile));
  profiler.disconnect();
}
const uploadSeconds = ((await uploadDone) - started) / 1000;
const { failed } = JSON.parse(clientOutput.slice(clientOutput.indexOf('bereit\n') + 7));
if (failed > 0) throw new Error(`${failed} uploads failed`);
// Searchable: a word of the last document's title is found through the search API.
const probe = await (
  await fetch(`${instance.url}/api/v1/suche?q=Ingest-Benchmark&limit=1`, { headers })
).json();
for (const w of workers) await w.stop();

// Baseline: same PDFs, same extractor (pdf.js in the same worker-thread pool, one thread per core),
// same search vector function and GIN index, blobs with fsync – with the same concurrency as the API
// run, so that it uses both cores as the product does. Only the product's own work is missing:
// HTTP, multipart, access checks, Akte/Vorgang context, versions, jobs, outbox and audit chain.
const blobs = createBlobStore({ kind: 'fs', root: `${instance.dir}/raw-blobs` });
const extractors = createExtractionPool();
const rawDb = new pg.Pool({ connectionString: instance.ownerUrl, max: CONCURRENCY });
await owner.query(`create table bench_raw (id bigserial primary key, sha256 text not null, titel text not null,
  text text not null, search tsvector not null)`);
await owner.query('create index bench_raw_search on bench_raw using gin (search)');
const raw = progress('Basislinie (direkt, parallel)', N);
const rawCpuBefore = cpuNow();
const rawStarted = performance.now();
let rawNext = 0;
let rawDone = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (rawNext < N) {
      const i = rawNext++;
      const blob = await blobs.put(pdfs[i]!.bytes);
      const { text } = await extractors.extract({
        bytes: pdfs[i]!.bytes,
        mime: 'application/pdf',
        fileName: 'x.pdf',
      });
      await rawDb.query(
        `insert into bench_raw (sha256, titel, text, search) values ($1, $2, $3, verbund_search_vector($2, '', $3))`,
        [blob.sha256, pdfs[i]!.title, text],
      );
      raw(++rawDone);
    }
  }),
);
const rawSeconds = (performance.now() - rawStarted) / 1000;
const rawCpuAfter = cpuNow();
await extractors.close();
await rawDb.end();
await owner.end();
await watcher.end();

/** Milliseconds of CPU between two snapshots: per document and in all. */
const cpuOf = (before: typeof cpuBefore, after: typeof cpuBefore) => {
  const ms = (ticks: number) => (ticks * 1000) / CLOCK_TICKS;
  const server = ms(after.server - before.server);
  const node = ms(after.node - before.node);
  const postgres = ms(after.postgres - before.postgres);
  return {
    totalMs: { server, node, parsers: server - node, postgres, sum: server + postgres },
    perDocMs: {
      server: server / N,
      node: node / N,
      parsers: (server - node) / N,
      postgres: postgres / N,
      sum: (server + postgres) / N,
    },
  };
};
const apiCpu = cpuOf(cpuBefore, cpuAfter);
const rawCpu = cpuOf(rawCpuBefore, rawCpuAfter);

const apiRate = N / apiSeconds;
const rawRate = N / rawSeconds;
console.log('\nIngest-Benchmark (einseitige Text-PDFs, eingebettetes PostgreSQL, 2 Kerne)');
console.log(
  `  Dokumente:                 ${N} (Nebenläufigkeit ${CONCURRENCY}, ${WORKERS} Worker-Schleifen)`,
);
console.log(
  `  Upload-Phase (API, 201):   ${uploadSeconds.toFixed(2)} s  (${(N / uploadSeconds).toFixed(0)} Dokumente/s)`,
);
console.log(
  `  API bis durchsuchbar:      ${apiSeconds.toFixed(2)} s  → ${apiRate.toFixed(0)} Dokumente/s  (Ziel ≥ 200)`,
);
console.log(
  `  Basislinie direkt (parallel): ${rawSeconds.toFixed(2)} s  → ${rawRate.toFixed(0)} Dokumente/s`,
);
console.log(`  Verhältnis API/Basislinie: ${(apiRate / rawRate).toFixed(2)}  (Ziel ≥ 0,4)`);
console.log(`  Suchprobe:                 ${probe.total} Treffer für „Ingest-Benchmark“`);
const f2 = (n: number) => n.toFixed(2);
console.log('  CPU je Dokument (/proc, API bis durchsuchbar):');
console.log(
  `    Server:                  ${f2(apiCpu.perDocMs.server)} ms  (Node-Prozess ${f2(apiCpu.perDocMs.node)} ms, Parser-Prozesse ${f2(apiCpu.perDocMs.parsers)} ms)`,
);
console.log(`    PostgreSQL:              ${f2(apiCpu.perDocMs.postgres)} ms`);
console.log(`    zusammen:                ${f2(apiCpu.perDocMs.sum)} ms`);
console.log(
  `  CPU gesamt:                Server ${f2(apiCpu.totalMs.server / 1000)} s, PostgreSQL ${f2(apiCpu.totalMs.postgres / 1000)} s, zusammen ${f2(apiCpu.totalMs.sum / 1000)} s in ${f2(apiSeconds)} s (${f2(apiCpu.totalMs.sum / 1000 / apiSeconds)} Kerne belegt)`,
);
console.log(
  `  CPU je Dokument Basislinie: Prozess ${f2(rawCpu.perDocMs.server)} ms, PostgreSQL ${f2(rawCpu.perDocMs.postgres)} ms, zusammen ${f2(rawCpu.perDocMs.sum)} ms`,
);
console.log(
  `  Maschinenlast (1 min):     ${loadBefore.toFixed(2)} vor, ${loadAfter.toFixed(2)} nach der API-Phase (Messung mit CLK_TCK ${CLOCK_TICKS})`,
);
if (values.json)
  await writeFile(
    values.json,
    `${JSON.stringify(
      {
        docs: N,
        concurrency: CONCURRENCY,
        workers: WORKERS,
        uploadSeconds,
        apiSeconds,
        docsPerSecond: apiRate,
        rawDocsPerSecond: rawRate,
        cpu: apiCpu,
        rawCpu,
        load: { before: loadBefore, after: loadAfter },
      },
      null,
      2,
    )}\n`,
  );
await instance.stop();
