/**
 * Ingest benchmark (issue 3): one-page text PDFs uploaded through the API until searchable, in
 * documents/s, against the raw baseline: the same PDFs' text extracted with the same library (and
 * thread pool), inserted straight into PostgreSQL with the same index, blobs written with fsync, at
 * the same concurrency.
 *
 *   npm run bench:ingest -- [--docs 2000] [--concurrency 16] [--workers 2]
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDocumentGenerator } from '../src/demo/generator/documents.ts';
import { createBlobStore } from '../src/modules/blobs/blobs.module.ts';
import { createExtractionPool } from '../src/modules/ingest/ingest.module.ts';
import { renderTextPdf } from '../src/modules/records/dokumente/text-pdf.ts';
import { progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    workers: { type: 'string', default: '2' },
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
const uploadDone = new Promise<number>((resolve) => client.on('exit', () => resolve(performance.now())));
// The clock starts when the client has started and built its requests (it prints „bereit“).
const started = await new Promise<number>((resolve) =>
  client.stdout.on('data', (chunk) => {
    if (!clientOutput.includes('bereit\n') && `${clientOutput}${chunk}`.includes('bereit\n'))
      resolve(performance.now());
    clientOutput += chunk;
  }),
);
for (;;) {
  const { rows } = await owner.query(
    `select count(*) filter (where text_status <> 'pending')::int as done,
    count(*) filter (where text_status = 'failed')::int as failed from dokumente where vorgang_id = $1`,
    [vorgang.id],
  );
  uploaded(rows[0].done);
  if (rows[0].failed > 0) throw new Error(`${rows[0].failed} extractions failed`);
  if (rows[0].done >= N) break;
  // Polling costs the machine CPU too; 50 ms is well below the run's length.
  await new Promise((r) => setTimeout(r, 50));
}
const apiSeconds = (performance.now() - started) / 1000;
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
await extractors.close();
await rawDb.end();
await owner.end();

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
await instance.stop();
