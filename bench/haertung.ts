/**
 * Härtung benchmark (issue 9): the product as an operator runs it (`verbund start` as a child
 * process, embedded PostgreSQL, data directory of its own) under hostile input, parallel chunked
 * uploads, `kill -9` of its PostgreSQL and `kill -9` of itself. Prints the figures beside the
 * baseline the issue measured before the hardening. Linux only (memory and processes from /proc).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { strToU8 } from 'fflate';
import { renderTextPdf } from '../src/modules/records/dokumente/text-pdf.ts';
import { exponentialPageTreePdf, lyingZip } from '../test/support/hostile-files.ts';
import { awaitSearchable, checkStored, startUploadLoad } from '../test/support/upload-load.ts';
import {
  alive,
  createVerbundInstallation,
  exited,
  letters,
  type VerbundProcess,
} from '../test/support/verbund-process.ts';
import { AUSSONDERUNG_310, BESCHWERDE, MESSAGE_NAME, PLAN } from '../test/support/xdomea-fixtures.ts';
import { chunkedUpload, type Watched, watchServer } from './process-watch.ts';

const MIB = 1024 * 1024;
const HOSTILE_PDFS = 20;
const NORMAL_PDFS = 6;
const LYING_ZIPS = 8;
const CHUNKED = { uploads: 4, mib: 80 };
const CLIENTS = 8;

const mb = (bytes: number) => `${Math.round(bytes / MIB)} MB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
const rows: Array<[string, string, string]> = [];
const row = (label: string, value: string, reference = '') => rows.push([label, value, reference]);
const heading = (title: string) => rows.push([`— ${title}`, '', '']);

const machine = `${cpus().length} Kerne, ${mb(totalmem())} RAM, Last ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ')} (1/5/15 min)`;
console.log(`Härtung-Benchmark – Maschine beim Start: ${machine}`);

const installation = await createVerbundInstallation({ prefix: 'verbund-bench-haertung-' });
let app: VerbundProcess | undefined;
const runStarted = performance.now();
try {
  const startedAt = performance.now();
  app = await installation.start();
  row('Erster Start (Demo-Verbund) bereit nach', s(performance.now() - startedAt));
  const token = await installation.token('nordhausen', 'sachbearbeitung', 'leitung');
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${app!.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, json: text.startsWith('{') ? JSON.parse(text) : text };
  };
  const postJson = (path: string, body: unknown) =>
    api(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const newVorgang = async (betreff: string) => {
    const akte = await postJson('/akten', { titel: `Härtung: ${betreff}`, aktenplan: '00.40' });
    return (await postJson(`/akten/${akte.json.id}/vorgaenge`, { betreff })).json.id as string;
  };
  const upload = async (vorgangId: string, bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.set('datei', new Blob([bytes as BlobPart], { type: 'application/pdf' }), name);
    const response = await api(`/vorgaenge/${vorgangId}/dokumente`, { method: 'POST', body: form });
    if (response.status !== 201) throw new Error(`upload ${name}: ${response.status}`);
    return response.json.id as string;
  };

  // The demo's documents are extracted first, so that what follows measures our load alone.
  row('Demo-Dokumente extrahiert nach', s(await installation.awaitJobsDrained({ timeoutMs: 600_000 })));

  // 1. Hostile input: exponential page trees through the API with normal PDFs queued behind them,
  //    and xdomea imports whose entries lie about their size — each alone, then both at once —
  //    while /health and memory are watched.
  const pid = app.child.pid!;
  const idle = await watched(pid, () => sleep(3_000));
  const vorgangId = await newVorgang('Feindliche Dateien');
  const zip = await lyingZip({
    plain: { [MESSAGE_NAME]: strToU8(AUSSONDERUNG_310) },
    lying: [PLAN, BESCHWERDE],
    inflatedSize: 512 * MIB,
  });
  const zipAnswers: Array<{ status: number; code: string; ms: number }> = [];
  /** The lying zips, two at a time. */
  const lyingZips = async () => {
    for (let i = 0; i < LYING_ZIPS; i += 2) {
      await Promise.all(
        [0, 1].map(async () => {
          const form = new FormData();
          form.set('datei', new Blob([zip as BlobPart], { type: 'application/zip' }), 'abgabe.zip');
          const sent = performance.now();
          const response = await api('/import/xdomea', { method: 'POST', body: form });
          zipAnswers.push({
            status: response.status,
            code: response.json.code,
            ms: performance.now() - sent,
          });
        }),
      );
    }
  };
  const pdfRuns: Array<{ ms: number; tooComplex: number; otherwise: string[]; searchable: number }> = [];
  /** Hostile PDFs, then normal ones; resolves when all hostile failed and all normal are found. */
  const hostilePdfs = async (round: number) => {
    const started = performance.now();
    const hostileIds: string[] = [];
    for (let i = 0; i < HOSTILE_PDFS; i++) {
      // A comment of its own makes each copy a document of its own (blobs are deduplicated).
      const pdf = Buffer.concat([exponentialPageTreePdf(), Buffer.from(`%${round}-${i}\n`)]);
      hostileIds.push(await upload(vorgangId, pdf, `seitenbaum-${i}.pdf`));
    }
    const words = Array.from(
      { length: NORMAL_PDFS },
      (_, i) => `haertungnormal${letters(round * 100 + i + 30)}`,
    );
    const normalIds: string[] = [];
    for (const word of words)
      normalIds.push(
        await upload(
          vorgangId,
          await renderTextPdf('Bescheid', `Wohngeldbescheid ${word} für Familie Schäfer.`),
          `${word}.pdf`,
        ),
      );
    for (;;) {
      const states = (await Promise.all(hostileIds.map((id) => api(`/dokumente/${id}`)))).map((d) => d.json);
      const found = await Promise.all(
        words.map(async (word, i) =>
          (await api(`/suche?q=${word}&limit=5`)).json.items?.some(
            (hit: { dokumentId: string }) => hit.dokumentId === normalIds[i],
          ),
        ),
      );
      const run = {
        ms: performance.now() - started,
        tooComplex: states.filter((d) => d.textStatus === 'failed' && /zu komplex/.test(d.textFehler)).length,
        otherwise: states
          .filter((d) => d.textStatus !== 'pending' && !/zu komplex/.test(d.textFehler ?? ''))
          .map((d) => `${d.textStatus}: ${d.textFehler}`),
        searchable: found.filter(Boolean).length,
      };
      const pending = states.some((d) => d.textStatus === 'pending');
      if ((!pending && run.searchable === NORMAL_PDFS) || run.ms > 120_000) {
        pdfRuns.push(run);
        return;
      }
      await sleep(250);
    }
  };
  const pdfsAlone = await watched(pid, () => hostilePdfs(1));
  const zipsAlone = await watched(pid, lyingZips);
  const both = await watched(pid, () => Promise.all([hostilePdfs(2), lyingZips()]));
  await sleep(2_000);
  const settled = await watched(pid, () => sleep(500));

  heading(
    `1. Feindliche Eingaben: je Runde ${HOSTILE_PDFS} PDFs mit 2^30-Seitenbaum und danach ${NORMAL_PDFS} normale PDFs; ${LYING_ZIPS} xdomea-Zips (2 Einträge, je 1.000 B angegeben, 512 MiB entpackt), je 2 parallel`,
  );
  healthRows('/health im Leerlauf', idle);
  healthRows('/health während PDFs', pdfsAlone);
  healthRows('/health während Zips', zipsAlone);
  healthRows('/health während PDFs + Zips', both, 'Ziel p99 < 200 ms; vorher 49.955 ms während eines Zips');
  const all = [pdfsAlone, zipsAlone, both];
  row(
    'RSS Server vorher / Spitze / danach',
    `${mb(pdfsAlone.rss.before)} / ${mb(Math.max(...all.map((w) => w.rss.peak)))} / ${mb(settled.rss.now)}`,
    'vorher 187 MB → 4,4 GB, Absturz nach 57 s',
  );
  row(
    'RSS Parser-Prozesse, Summe Spitze',
    `${mb(Math.max(...all.map((w) => w.parsers.peak)))}`,
    `${new Set(all.flatMap((w) => w.parsers.pids)).size} Parser-Prozesse gesehen`,
  );
  for (const [i, run] of pdfRuns.entries())
    row(
      `PDFs ${i === 0 ? 'allein' : 'mit Zips'}: alle behandelt nach`,
      s(run.ms),
      `${run.tooComplex}/${HOSTILE_PDFS} „zu komplex“, ${run.searchable}/${NORMAL_PDFS} normale durchsuchbar${run.otherwise.length > 0 ? `; anders: ${run.otherwise.join('; ')}` : ''}`,
    );
  const answerCounts = new Map<string, number>();
  for (const a of zipAnswers) {
    const answer = `${a.status} ${a.code ?? ''}`.trim();
    answerCounts.set(answer, (answerCounts.get(answer) ?? 0) + 1);
  }
  const answers = [...answerCounts].map(([answer, n]) => `${n}× ${answer}`);
  row(
    'xdomea-Zips beantwortet',
    answers.join(', '),
    `langsamste Antwort ${ms(Math.max(...zipAnswers.map((a) => a.ms)))}`,
  );
  row('Serverprozess läuft noch', alive(pid) ? 'ja' : 'NEIN');

  // 2. Parallel chunked uploads: the body is streamed to the blob store, never held whole.
  const bigVorgang = await newVorgang('Große Uploads');
  let chunked: Array<{ status: number; ms: number }> = [];
  const streaming = await watched(pid, async () => {
    chunked = await Promise.all(
      Array.from({ length: CHUNKED.uploads }, (_, i) =>
        chunkedUpload({ url: app!.url, token, vorgangId: bigVorgang, mib: CHUNKED.mib, name: `gross-${i}` }),
      ),
    );
  });
  heading(`2. ${CHUNKED.uploads} parallele Uploads mit Transfer-Encoding: chunked, je ${CHUNKED.mib} MiB`);
  row(
    'RSS Server vorher / Spitze',
    `${mb(streaming.rss.before)} / ${mb(streaming.rss.peak)} (+${mb(streaming.rss.peak - streaming.rss.before)})`,
    'vorher 582 MB → 1,41 GB bei 4 × 99 MiB',
  );
  row(
    'Antworten, Dauer',
    `${chunked.map((c) => c.status).join(', ')} in ${s(streaming.seconds * 1000)}`,
    `${((CHUNKED.uploads * CHUNKED.mib) / streaming.seconds).toFixed(0)} MiB/s gesamt`,
  );
  healthRows('/health währenddessen', streaming);

  // 3. kill -9 of the embedded postmaster while eight clients upload.
  heading(`3. kill -9 des eingebetteten PostgreSQL während ${CLIENTS} Upload-Clients`);
  const dbLoad = await uploading({ betreff: 'Ausfall der Datenbank', prefix: 'ausfalldb' });
  const killed = installation.postmasterPid()!;
  process.kill(killed, 'SIGKILL');
  const killedAt = performance.now();
  const health: Array<{ status: number; ms: number }> = [];
  let recoveredAt: number | undefined;
  while (recoveredAt === undefined && performance.now() - killedAt < 90_000) {
    const sent = performance.now();
    const status = await fetch(`${app.url}/health`, { signal: AbortSignal.timeout(10_000) })
      .then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      })
      .catch(() => 0);
    health.push({ status, ms: performance.now() - sent });
    // Backends outlive their postmaster for a moment: recovered means ok again after the outage.
    if (status === 200 && health.some((h) => h.status !== 200)) recoveredAt = performance.now();
    else await sleep(50);
  }
  await sleep(2_000);
  await dbLoad.stop();
  row('Prozess überlebt', alive(pid) ? 'ja' : 'NEIN', 'vorher: Absturz mit write EPIPE');
  if (recoveredAt === undefined) row('/health wieder ok', 'NICHT innerhalb 90 s');
  else {
    row(
      'kill → /health wieder ok',
      s(recoveredAt - killedAt),
      `langsamste /health-Antwort ${ms(Math.max(...health.map((h) => h.ms)))}`,
    );
    row('neuer Postmaster', `PID ${installation.postmasterPid()} (getötet: ${killed})`);
  }
  loadRows(dbLoad);
  await storedRows({
    load: dbLoad,
    prefix: 'ausfalldb',
    since: recoveredAt ?? performance.now(),
    label: 'Erholung',
  });

  // 4. kill -9 of the app while eight clients upload, then a restart.
  heading(`4. kill -9 der Anwendung während ${CLIENTS} Upload-Clients, Neustart`);
  const appLoad = await uploading({ betreff: 'Ausfall der Anwendung', prefix: 'ausfallapp', padding: 2_000 });
  const orphan = installation.postmasterPid()!;
  app.child.kill('SIGKILL');
  await exited(app.child);
  await appLoad.stop();
  const [held] = await installation.observe<{ running: number; queued: number }>(
    `select count(*) filter (where status = 'running')::int as running,
       count(*) filter (where status = 'queued')::int as queued
     from jobs where kind = 'records.extract'`,
  );
  loadRows(appLoad);
  row(
    'Extraktionsjobs nach dem kill: running / queued',
    `${held!.running} / ${held!.queued}`,
    'vorher: running blieb 5 min gesperrt',
  );
  row('Postmaster überlebt die Anwendung', alive(orphan) ? `ja (PID ${orphan})` : 'nein');
  const restartedAt = performance.now();
  app = await installation.start();
  const readyAt = performance.now();
  row('Neustart bereit nach', s(readyAt - restartedAt));
  row(
    'verwaisten Postmaster übernommen',
    app.output().includes('Verwaistes eingebettetes PostgreSQL') && installation.postmasterPid() === orphan
      ? 'ja'
      : `NEIN (PID jetzt ${installation.postmasterPid()})`,
  );
  await storedRows({ load: appLoad, prefix: 'ausfallapp', since: readyAt, label: 'Bereitschaft' });
  app.child.kill('SIGTERM');
  const code = await exited(app.child);
  row(
    'nach SIGTERM: Exit-Code, Postmaster beendet',
    `${code}, ${alive(orphan) ? `NEIN (PID ${orphan} läuft)` : 'ja'}`,
    'vorher: übernommen, aber nicht gestoppt',
  );

  /** Eight clients uploading into a new Vorgang for 2.5 s already (the load goes on). */
  async function uploading({
    betreff,
    prefix,
    padding,
  }: {
    betreff: string;
    prefix: string;
    padding?: number;
  }) {
    const vorgangId = await newVorgang(betreff);
    const load = startUploadLoad({ url: app!.url, token, vorgangId, prefix, clients: CLIENTS, padding });
    await sleep(2_500);
    return load;
  }

  async function storedRows({
    load,
    prefix,
    since,
    label,
  }: {
    load: ReturnType<typeof startUploadLoad>;
    prefix: string;
    since: number;
    label: string;
  }) {
    const searchable = await awaitSearchable({
      url: app!.url,
      token,
      acknowledged: load.acknowledged,
      prefix,
      since,
      withinMs: 60_000,
    });
    row(
      `alle bestätigten durchsuchbar nach ${label}`,
      searchable.missing.length === 0
        ? s(searchable.ms)
        : `${searchable.missing.length} fehlen nach ${s(searchable.ms)}`,
      `Ziel < 30 s${searchable.notOnPages > 0 ? `; ${searchable.notOnPages} fehlen beim Blättern durch das gemeinsame Wort` : ''}`,
    );
    const stored = await checkStored({ url: app!.url, token, installation, acknowledged: load.acknowledged });
    row(
      'fehlend / doppelt / falscher Inhalt',
      `${stored.absent} / ${stored.duplicated} / ${stored.wrongContent + load.wrongHash.length}`,
      `über eigenes Wort nicht gefunden: ${stored.notFoundByOwnWord}`,
    );
  }
} finally {
  await installation.dispose(app);
}

const measured = rows.filter(([label]) => !label.startsWith('— '));
const width = Math.max(...measured.map(([label]) => label.length));
const valueWidth = Math.max(...measured.map(([, value]) => value.length));
console.log(`\nHärtung-Benchmark (verbund start als Kindprozess, eingebettetes PostgreSQL)`);
console.log(`  Maschine beim Start: ${machine}; am Ende Last ${loadavg()[0]!.toFixed(2)}`);
for (const [label, value, reference] of rows) {
  if (label.startsWith('— ')) console.log(`\n${label.slice(2)}`);
  else console.log(`  ${label.padEnd(width)}  ${value.padEnd(valueWidth)}  ${reference}`.trimEnd());
}
console.log(`\nGesamtdauer ${s(performance.now() - runStarted)}`);

async function watched(pid: number, work: () => Promise<unknown>): Promise<Watched> {
  const watch = watchServer({ url: app!.url, pid });
  try {
    await work();
  } catch (error) {
    await watch.stop();
    throw error;
  }
  return watch.stop();
}

function healthRows(label: string, figures: Watched, reference = '') {
  const h = figures.health;
  const other = Object.entries(h.statuses).filter(([status]) => status !== '200');
  row(
    `${label} p50/p95/p99/max`,
    `${ms(h.p50)} / ${ms(h.p95)} / ${ms(h.p99)} / ${ms(h.max)}`,
    `${h.probes} Proben${other.length > 0 ? `, davon ${other.map(([k, n]) => `${n}× ${k}`).join(', ')}` : ''}${reference ? `; ${reference}` : ''}`,
  );
}

function loadRows(load: ReturnType<typeof startUploadLoad>) {
  const { 201: acknowledged = 0, 503: unavailable = 0, ...other } = load.answers;
  row(
    'bestätigt (201) / 503 / andere',
    `${acknowledged} / ${unavailable} / ${
      Object.entries(other)
        .map(([k, n]) => `${n}× ${k}`)
        .join(', ') || '0'
    }`,
    `langsamster Upload ${ms(load.slowestMs())}`,
  );
}
