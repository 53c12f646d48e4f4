/**
 * Reindex benchmark (issue 11): documents per second of the background job `search.reindex` that
 * re-analyses a county's documents after an analyzer change, and the search latency meanwhile.
 * Loads --docs generated documents (default 20,000) into one county as the older analyzer left
 * them (search_version 0), starts the reindex as the web process does, and runs it with one job
 * worker while a client sends search queries through the API.
 *
 *   npm run bench:reindex -- [--docs 20000] [--batch 400] [--data DIR]
 *
 * --data DIR runs on the instance kept in DIR (for example a copy of bench:search's 1,000,000
 * documents): when the county already holds --docs documents nothing is loaded, and the run
 * reanalyses every document (`verbund suche reindex --alle`, as after a changed lexicon).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { AREAS, createDocumentGenerator } from '../src/demo/generator/documents.ts';
import { createSearchReindex } from '../src/modules/search/search.module.ts';
import { loadBatch, writeBatch } from '../src/modules/search/search.reindex.repository.ts';
import { analyzeTask } from '../src/modules/search/search.reindex.task.ts';
import type { Principal } from '../src/platform/http/principal.ts';
import { createJobWorker } from '../src/platform/jobs/jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { percentile, progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '400' },
    data: { type: 'string' },
  },
});
const N = Number(values.docs);
const BATCH = Number(values.batch);
const TENANT = 'nordhausen';

const instance = await startBenchInstance({ dataDir: values.data });
const owner = new pg.Pool({ connectionString: instance.ownerUrl, max: 3 });
// With --data and the documents already there: every document is reanalysed (mode 'alle').
const existing = Number(
  (await owner.query('select count(*) as n from dokumente where tenant_id = $1', [TENANT])).rows[0].n,
);
const all = values.data !== undefined && existing >= N;
const { services } = instance;
const principal: Principal = {
  tenantId: TENANT,
  userId: null,
  login: null,
  displayName: 'bench',
  roles: ['leitung', 'sachbearbeitung'],
  via: 'token',
  tokenId: 'bench',
};
const token = (
  await services.identity.createApiToken({ tenantId: TENANT, roles: principal.roles, actor: 'bench' })
).token;

// Akten through the product (Aktenzeichen, audit), 20 Vorgänge each and the documents in bulk.
const generator = createDocumentGenerator({
  seed: 11,
  county: {
    name: 'Landkreis Nordhausen',
    places: ['Nordhausen', 'Bleicherode', 'Ellrich', 'Heringen/Helme'],
  },
});
const units = new Set(
  (await owner.query(`select kennzeichen from aktenplan_units where tenant_id = $1`, [TENANT])).rows.map(
    (r) => r.kennzeichen as string,
  ),
);
type Target = { id: string; akteId: string; unitId: string };
const vorgaenge = new Map<string, Target[]>();
async function vorgangFor(kennzeichen: string, subject: string) {
  const key = `${kennzeichen}|${subject}`;
  let list = vorgaenge.get(key);
  if (!list) {
    const akte = await services.records.akten.createAkte(principal, {
      titel: subject,
      aktenplan: units.has(kennzeichen) ? kennzeichen : '00.40',
    });
    const unitId = (await owner.query('select unit_id from akten where id = $1', [akte.id])).rows[0].unit_id;
    const { rows } = await owner.query(
      `insert into vorgaenge (tenant_id, akte_id, betreff, created_by)
       select $1, $2, $3 || ' – Vorgang ' || i, 'bench' from generate_series(1, 20) i returning id`,
      [TENANT, akte.id, subject],
    );
    list = rows.map((r) => ({ id: r.id, akteId: akte.id, unitId }));
    vorgaenge.set(key, list);
  }
  return list[Math.floor(Math.random() * list.length)]!;
}

const bar = progress(
  `${N.toLocaleString('de-DE')} Dokumente anlegen (Index des älteren Analyseverfahrens)`,
  N,
);
for (let done = all ? N : 0; done < N; done += 1000) {
  const rows: Array<{ id: string; v: Target; doc: ReturnType<typeof generator.next> }> = [];
  for (let i = 0; i < Math.min(1000, N - done); i++) {
    const doc = generator.next();
    const area = AREAS.find((a) => a.key === doc.area)!;
    rows.push({ id: randomUUID(), v: await vorgangFor(area.kennzeichen, doc.subject), doc });
  }
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  // search_version 0 and the older analyzer's vector: PostgreSQL's Snowball stemmer on the title.
  await owner.query(
    `with input as (
       select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::date[],
                            $8::text[], $9::text[], $10::text[])
         as t(id, vorgang_id, akte_id, unit_id, titel, art, datum, absender, empfaenger, body)
     ), d as (
       insert into dokumente (tenant_id, id, vorgang_id, akte_id, unit_id, titel, art, datum, absender, empfaenger,
                              aktuelle_version, text_status, created_by, search, search_head, search_version)
       select $11, id, vorgang_id, akte_id, unit_id, titel, art, datum, absender, empfaenger, 1, 'done', 'bench',
              to_tsvector('german', titel), to_tsvector('german', titel), 0
       from input
     )
     insert into dokument_versionen (tenant_id, dokument_id, version, sha256, groesse, mime, dateiname, created_by,
                                     text, text_status)
     select $11, id, 1, encode(sha256(convert_to(body, 'UTF8')), 'hex'), octet_length(body), 'text/plain',
            'dokument.txt', 'bench', body, 'done'
     from input`,
    [
      col((r) => r.id),
      col((r) => r.v.id),
      col((r) => r.v.akteId),
      col((r) => r.v.unitId),
      col((r) => r.doc.title),
      col((r) => r.doc.kind),
      col((r) => r.doc.date),
      col((r) => r.doc.sender),
      col((r) => r.doc.recipient),
      col((r) => r.doc.body),
      TENANT,
    ],
  );
  bar(Math.min(N, done + 1000));
}
if (!all) {
  await owner.query('vacuum analyze dokumente');
  await owner.query('analyze dokument_versionen; analyze vorgaenge; analyze akten');
} else console.error(`${existing.toLocaleString('de-DE')} Dokumente vorhanden – alle werden neu analysiert`);
const avgChars = Number(
  (
    await owner.query(
      `select avg(length(text))::int as n from dokument_versionen ${all ? 'tablesample system (1)' : ''} where tenant_id = $1`,
      [TENANT],
    )
  ).rows[0].n,
);

// The batch statement's plan in the middle of a run (the cursor halfway through the county).
const middle = (
  await owner.query(
    all
      ? `select id from dokumente where tenant_id = $1 order by id offset $2 limit 1`
      : `select id from dokumente where tenant_id = $1 order by search_version, id offset $2 limit 1`,
    [TENANT, Math.floor(N / 2)],
  )
).rows[0].id;
const plan = (
  await owner.query(
    all
      ? `explain (analyze, buffers, costs off) select id, search_version from dokumente
         where tenant_id = $1 and id > $2::uuid order by id limit ${BATCH} for update skip locked`
      : `explain (analyze, buffers, costs off) select id, search_version from dokumente
         where tenant_id = $1 and search_version < 1 and (search_version, id) > (0::smallint, $2::uuid)
         order by search_version, id limit ${BATCH} for update skip locked`,
    [TENANT, middle],
  )
).rows.map((r) => r['QUERY PLAN'] as string);

// Where a batch's time goes: three batches by hand in a transaction that is rolled back – reading
// (with the index contexts), the analysis on this thread alone, and the one-statement write.
const phases = { load: 0, analyze: 0, write: 0, docs: 0, analyzeCpu: 0, pgCpu: 0 };
// CPU time (not wall time, which a busy machine stretches): this thread's, and the PostgreSQL
// backend's from /proc (utime + stime in clock ticks of 10 ms).
const backendCpuMs = async (pid: number) => {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
await services.database
  .withTenant(TENANT, async (trx) => {
    const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
    const pgBefore = await backendCpuMs(pid);
    let cursor: { version: number; id: string } | null = null;
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      const rows = await loadBatch(trx, {
        mode: all ? 'alle' : 'veraltet',
        version: 1,
        cursor,
        limit: BATCH,
      });
      phases.load += performance.now() - t0;
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const columns = analyzeTask({ rows });
      const cpu = process.cpuUsage(cpu0);
      phases.analyzeCpu += (cpu.user + cpu.system) / 1000;
      phases.analyze += performance.now() - t0;
      t0 = performance.now();
      await writeBatch(trx, columns);
      phases.write += performance.now() - t0;
      phases.docs += rows.length;
      const last = rows.at(-1)!;
      cursor = { version: last.search_version, id: last.id };
    }
    phases.pgCpu = (await backendCpuMs(pid)) - pgBefore;
    throw new Error('rollback');
  })
  .catch((error: Error) => {
    if (error.message !== 'rollback') throw error;
  });
const perDoc = (ms: number) => (ms / phases.docs).toFixed(2);

// Searches while the reindex runs (and the same afterwards), through the HTTP API.
const QUERIES = ['Antrag', 'Widerspruch', 'Bescheid', 'Baugenehmigung', '"Landkreis Nordhausen"', 'Gebühr*'];
async function searchLoop(stop: () => boolean, limit = Number.POSITIVE_INFINITY) {
  const times: number[] = [];
  for (let i = 0; !stop() && i < limit; i++) {
    const q = QUERIES[i % QUERIES.length]!;
    const started = performance.now();
    const r = await fetch(`${instance.url}/api/v1/suche?q=${encodeURIComponent(q)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await r.text();
    if (r.status !== 200) throw new Error(`search answered ${r.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const logger = createLogger({ level: 'silent' });
const reindex = createSearchReindex({ database: services.database, logger, batchSize: BATCH });
const worker = createJobWorker({ database: services.database, logger, handlers: new Map([reindex.job]) });
const cpuBefore = process.cpuUsage();
const started = performance.now();
if (all) {
  if (!(await reindex.start({ tenantId: TENANT, all: true })).started)
    throw new Error('reindex did not start');
} else {
  const { started: begun } = await reindex.startWhereOutdated();
  if (!begun.includes(TENANT)) throw new Error('reindex did not start');
}
let finished = false;
const during = searchLoop(() => finished);
const runBar = progress('Neuindexierung', all ? existing : N);
while ((await worker.runOnce()) > 0) runBar((await reindex.progress(TENANT)).done);
finished = true;
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const searchesDuring = await during;
const searchesAfter = await searchLoop(() => false, 60);
const final = await reindex.progress(TENANT);
const outdated = Number(
  (
    await owner.query('select count(*) as n from dokumente where tenant_id = $1 and search_version < 1', [
      TENANT,
    ])
  ).rows[0].n,
);

const ms = (n: number) => `${Math.round(n)} ms`;
console.log(
  `\nNeuindexierung von ${final.done.toLocaleString('de-DE')} Dokumenten${all ? ' (alle, --data)' : ''} (Ø ${avgChars} Zeichen Text${all ? ', Stichprobe 1 %' : ''}, Stapel ${BATCH}):`,
);
console.log(
  `  Dauer ${seconds.toFixed(1)} s – ${Math.round(final.done / seconds).toLocaleString('de-DE')} Dokumente/s`,
);
console.log(
  `  CPU dieses Prozesses (Job, Web-Server, Suchanfragen; ohne die Analyseprozesse): ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms je Dokument`,
);
console.log(
  `  Je Dokument eines Stapels (Wandzeit): Lesen ${perDoc(phases.load)} ms, Analyse ${perDoc(phases.analyze)} ms (ein Kern), Schreiben ${perDoc(phases.write)} ms`,
);
console.log(
  `  Je Dokument (CPU-Zeit): Analyse ${perDoc(phases.analyzeCpu)} ms, PostgreSQL für Lesen und Schreiben ${perDoc(phases.pgCpu)} ms – auf 2 freien Kernen höchstens ca. ${Math.round((2 * 1000 * phases.docs) / (phases.analyzeCpu + phases.pgCpu)).toLocaleString('de-DE')} Dokumente/s`,
);
console.log(`  Last der Maschine (loadavg 1 min) am Ende: ${loadavg()[0]!.toFixed(1)}`);
console.log(
  `  Fortschritt: ${final.status}, ${final.done} von ${final.planned}, ${final.ratePerSecond} Dokumente/s; danach veraltet: ${outdated}`,
);
console.log(
  `  Suche währenddessen: ${searchesDuring.length} Anfragen, p50 ${ms(percentile(searchesDuring, 50))}, p95 ${ms(percentile(searchesDuring, 95))}, max ${ms(searchesDuring.at(-1) ?? 0)}`,
);
console.log(
  `  Suche danach:        ${searchesAfter.length} Anfragen, p50 ${ms(percentile(searchesAfter, 50))}, p95 ${ms(percentile(searchesAfter, 95))}, max ${ms(searchesAfter.at(-1) ?? 0)}`,
);
console.log('  Plan eines Stapels (Cursor in der Mitte):');
for (const line of plan) console.log(`    ${line}`);

await worker.stop();
await reindex.close();
await owner.end();
await instance.stop();
