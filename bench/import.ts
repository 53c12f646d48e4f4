/**
 * Bulk import benchmark (issue 14): a tree of born-digital files (one-page text PDFs, DOCX,
 * e-mails; 2 % exact copies under other names) imported by `verbund import` as a real child
 * process into a fresh instance, with the product's job worker extracting and indexing in this
 * process at the same time, and every file scanned by a real clamd (own signature database with
 * EICAR only, behind a counting socket; `--no-clamd` measures without).
 *
 * Phase 1 (clean run, county Nordhausen, born-digital only): files/s until the importer is done
 * and until the last document is searchable, the importer's peak RSS, CPU milliseconds per file of
 * importer, PostgreSQL and worker separately (from /proc, so the figures mean something on a
 * machine others share), the machine's load.
 * Phase 2 (robustness, Wartburgkreis): the same files plus `--scans` % image-only PDF scans (as in
 * test/support/scans.ts, OCR through the product's pipeline); the importer is killed with SIGKILL
 * at `--kills` random points, clamd is restarted once and PostgreSQL is killed once (the product's
 * watcher restarts it), the importer started again after each until it finishes. Then: every file
 * has its outcome, every distinct file is exactly one document, every copy exactly one "seen again"
 * entry, no SHA-256 scanned by clamd or OCRed twice, every source file still in place.
 *
 *   npm run bench:import -- [--files 10000] [--kills 5] [--parallel 4] [--scans 5] [--scan-dpi 150]
 *                           [--no-restart-clamd] [--no-restart-postgres] [--no-clamd]
 */
import { spawn } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import pg from 'pg';
import { createDocumentGenerator } from '../src/demo/generator/documents.ts';
import { renderTextPdf } from '../src/modules/records/dokumente/text-pdf.ts';
import { readPostmasterPid } from '../src/platform/database/postmaster.ts';
import { imagePdf, renderScan, SCAN_LINES, scanPostScript } from '../test/support/scans.ts';
import {
  countingOcr,
  printProfile,
  startCountingClamd,
  statSeconds,
  treeCpuSeconds,
} from './import-watch.ts';
import { progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    kills: { type: 'string', default: '5' },
    parallel: { type: 'string', default: '4' },
    scans: { type: 'string', default: '5' },
    'scan-dpi': { type: 'string', default: '150' },
    'no-restart-clamd': { type: 'boolean', default: false },
    'no-restart-postgres': { type: 'boolean', default: false },
    'no-clamd': { type: 'boolean', default: false },
    /** Only the clean run (throughput, CPU, RSS): no second tree, no kills. */
    'nur-lauf-1': { type: 'boolean', default: false },
    /** Directory for a V8 CPU profile of phase 1's importer (node --cpu-prof); its top functions are printed. */
    profile: { type: 'string' },
  },
});
const FILES = Number(values.files);
const KILLS = Number(values.kills);
const COPIES = Math.floor(FILES * 0.02);
const SCANS = Math.round((FILES * Number(values.scans)) / 100);
const WITH_CLAMD = !values['no-clamd'];

// --- the trees ------------------------------------------------------------------------------
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const docx = (title: string, body: string) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'word/document.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${escapeXml(title)}</w:t></w:r></w:p><w:p><w:r><w:t>${escapeXml(body)}</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  );
const eml = (i: number, title: string, sender: string | null, body: string) =>
  Buffer.from(
    `From: ${sender ?? 'Bürgerbüro'} <post${i}@example.org>\r\nTo: poststelle@nordhausen.example\r\nSubject: =?UTF-8?B?${Buffer.from(title).toString('base64')}?=\r\nDate: Mon, 6 Dec 2026 08:00:00 +0100\r\nMessage-ID: <bench-${i}@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`,
  );

const work = await mkdtemp(path.join(tmpdir(), 'verbund-bench-import-'));
const root = path.join(work, 'altbestand');
const generator = createDocumentGenerator({ seed: 14 });
const made = progress('Dateien erzeugen', FILES + SCANS);
const unique = FILES - COPIES;
const written: string[] = [];
// pdfkit needs ~0.1 s a page on a busy machine: 200 distinct PDFs, each file made unique by a
// comment after %%EOF (readers ignore it; the bytes and so the SHA-256 differ).
const basePdfs: Buffer[] = [];
for (let i = 0; i < Math.min(200, unique); i++) {
  const doc = generator.next();
  basePdfs.push(await renderTextPdf(doc.title, doc.body.split(' ').slice(0, 200).join(' '), { maxPages: 1 }));
}
for (let i = 0; i < unique; i++) {
  const doc = generator.next();
  const body = doc.body.split(' ').slice(0, 200).join(' ');
  const folder = path.join(root, doc.area, `ordner-${i % 20}`);
  const kind = i % 10;
  const name = `${String(i).padStart(5, '0')}`;
  const file =
    kind < 4
      ? {
          ext: 'pdf',
          bytes: Buffer.concat([basePdfs[i % basePdfs.length]!, Buffer.from(`\n%verbund-bench-${i}\n`)]),
        }
      : kind < 7
        ? { ext: 'docx', bytes: docx(`${doc.title} (${i})`, body) }
        : { ext: 'eml', bytes: eml(i, `${doc.title} (${i})`, doc.sender, body) };
  const target = path.join(folder, `${name}.${file.ext}`);
  await mkdir(folder, { recursive: true });
  await writeFile(target, file.bytes);
  written.push(target);
  made(i + 1);
}
await mkdir(path.join(root, 'kopien'), { recursive: true });
for (let i = 0; i < COPIES; i++) {
  const source = written[(i * 37) % written.length]!;
  await writeFile(path.join(root, 'kopien', `kopie-${i}${path.extname(source)}`), await readFile(source));
  made(unique + i + 1);
}

// Phase 2's tree: the same files (hard links) and the scans: image-only PDFs of a letter, a few
// rendered with Ghostscript (rotated, noisy), each file made unique by a comment after %%EOF.
const root2 = path.join(work, 'altbestand-mit-scans');
for (const file of written) {
  const target = path.join(root2, path.relative(root, file));
  await mkdir(path.dirname(target), { recursive: true });
  await link(file, target);
}
for (const name of await readdir(path.join(root, 'kopien'))) {
  await mkdir(path.join(root2, 'kopien'), { recursive: true });
  await link(path.join(root, 'kopien', name), path.join(root2, 'kopien', name));
}
written.length = 0;
const baseScans: Buffer[] = [];
for (let i = 0; i < Math.min(8, SCANS); i++) {
  const lines = [...SCAN_LINES.slice(0, 4), `Posteingang Scan Nummer ${i + 1}`, ...SCAN_LINES.slice(4)];
  const ps = scanPostScript([lines], { rotate: i % 2 ? 1.5 : 0, noise: i % 3 ? 300 : 0, seed: i + 1 });
  baseScans.push(await imagePdf(await renderScan(ps, 'png', { dpi: Number(values['scan-dpi']) })));
}
for (let i = 0; i < SCANS; i++) {
  const folder = path.join(root2, 'scans', `stapel-${i % 10}`);
  await mkdir(folder, { recursive: true });
  const bytes = Buffer.concat([baseScans[i % baseScans.length]!, Buffer.from(`\n%verbund-scan-${i}\n`)]);
  await writeFile(path.join(folder, `scan-${String(i).padStart(4, '0')}.pdf`), bytes);
  made(FILES + i + 1);
}
const countFiles = async (dir: string): Promise<number> =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

// --- clamd, OCR counter, the instance, its worker and the importer ----------------------------
const clamd = WITH_CLAMD ? await startCountingClamd(work) : null;
const ocrRuns = await countingOcr(work);
// The worker runs in this process and calls OCRmyPDF from PATH: through the counting wrapper.
process.env.PATH = `${ocrRuns.bin}:${process.env.PATH}`;
const instance = await startBenchInstance({ poolSize: 12 });
// The product's watcher restarts a PostgreSQL that died (as `verbund start` does).
instance.postgres.watch(() => {});
const worker = instance.services.createWorker();
worker.start();
const db = new pg.Pool({ connectionString: instance.ownerUrl, max: 2 });
db.on('error', () => {});
const importEnv = {
  ...process.env,
  DATABASE_URL: instance.ownerUrl,
  DATABASE_APP_URL: instance.appUrl,
  VERBUND_DATA_DIR: instance.dir,
  LOG_LEVEL: 'silent',
  ...(clamd ? { VERBUND_CLAMD_SOCKET: clamd.socket, VERBUND_VIRENSCAN_PFLICHT: 'alle' } : {}),
};

/** One `verbund import` child; peak RSS and CPU sampled from /proc while it runs. */
function startImporter(tenant: string, dir: string, profileDir?: string) {
  const child = spawn(
    'node',
    [
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      'bin/verbund.js',
      'import',
      dir,
      '--tenant',
      tenant,
      '--parallel',
      String(values.parallel),
      '--json',
    ],
    { env: importEnv, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let stdout = '';
  let peakRss = 0;
  /** The importer with its parser processes (extraction-pool, started by the importer since it reads texts itself). */
  let peakTreeRss = 0;
  let cpuSeconds = 0;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const sampler = setInterval(async () => {
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRss = Math.max(peakRss, kb * 1024);
    const children = (await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').catch(() => ''))
      .split(' ')
      .filter(Boolean);
    let childKb = 0;
    for (const pid of children) {
      const s = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      childKb += Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0);
    }
    peakTreeRss = Math.max(peakTreeRss, (kb + childKb) * 1024);
    // With its parser processes (alive: their own time; ended and reaped: in the importer's cutime).
    let seconds = statSeconds(child.pid!);
    for (const pid of children) seconds += statSeconds(Number(pid));
    cpuSeconds = Math.max(cpuSeconds, seconds);
  }, 100);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearInterval(sampler);
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    stdout: () => stdout,
    peakRss: () => peakRss,
    peakTreeRss: () => peakTreeRss,
    cpuSeconds: () => cpuSeconds,
  };
}

const one = async (text: string, params: unknown[]) => {
  for (;;) {
    try {
      return Number((await db.query(text, params)).rows[0].n);
    } catch {
      await sleep(500); // PostgreSQL restarting
    }
  }
};
const settled = (tenant: string) =>
  one(
    `select count(*) as n from import_dateien f join import_laeufe l on l.id = f.lauf_id
     and l.tenant_id = f.tenant_id where l.tenant_id = $1`,
    [tenant],
  );
const pendingText = (tenant: string) =>
  one(
    `select count(*) as n from dokumente d join import_laeufe l on l.akte_id = d.akte_id
     and l.tenant_id = d.tenant_id where l.tenant_id = $1 and d.text_status = 'pending'`,
    [tenant],
  );
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
const postmaster = () => readPostmasterPid(instance.pgDir)!;
/**
 * CPU seconds of PostgreSQL (postmaster and all its processes), of clamd, and of this process
 * without them (the worker with its parser processes, and the importer while it runs).
 */
const cpu = () => {
  const clamdPid = clamd?.pid();
  return {
    pg: treeCpuSeconds(postmaster()),
    clamd: clamdPid ? treeCpuSeconds(clamdPid) : 0,
    self: treeCpuSeconds(process.pid, [postmaster(), ...(clamdPid ? [clamdPid] : [])]),
  };
};

// Phase 1: one clean run of the born-digital tree.
const loadBefore = load();
const cpu0 = cpu();
const t0 = performance.now();
const clean = startImporter('nordhausen', root, values.profile);
const cleanCode = await clean.exited;
const importSeconds = (performance.now() - t0) / 1000;
const cpuImported = cpu();
const loadDuring = load();
if (cleanCode !== 0) throw new Error(`importer exited with ${cleanCode}: ${clean.stdout()}`);
const summary = JSON.parse(clean.stdout().trim().split('\n').at(-1)!);
while ((await pendingText('nordhausen')) > 0) await sleep(200);
const searchableSeconds = (performance.now() - t0) / 1000;
const cpu1 = cpu();
const loadSearchable = load();
const scansPhase1 = clamd ? [...clamd.scans().values()] : [];
clamd?.reset();
if (values['nur-lauf-1']) {
  report1();
  await clamd?.stop();
  await instance.stop();
  process.exit(0);
}

// Phase 2: the tree with scans into another county, with kills and restarts at random points.
const TOTAL2 = FILES + SCANS;
type Event = { at: number; kind: 'kill' | 'clamd' | 'postgres' };
const randomPoint = (k: number, of: number) => Math.floor(((k + Math.random()) / (of + 1)) * TOTAL2);
const events: Event[] = [
  ...Array.from({ length: KILLS }, (_, k) => ({ at: randomPoint(k, KILLS), kind: 'kill' as const })),
  ...(clamd && !values['no-restart-clamd'] ? [{ at: randomPoint(0, 1), kind: 'clamd' as const }] : []),
  ...(!values['no-restart-postgres'] ? [{ at: randomPoint(0, 1), kind: 'postgres' as const }] : []),
].sort((a, b) => a.at - b.at);
const happened: string[] = [];
let restarts = 0;
const t2 = performance.now();
for (;;) {
  const run = startImporter('wartburgkreis', root2);
  let code: number | null | 'running' = 'running';
  void run.exited.then((c) => {
    code = c;
  });
  while (code === 'running') {
    const next = events[0];
    if (next && (await settled('wartburgkreis')) >= next.at) {
      events.shift();
      const at = await settled('wartburgkreis');
      if (next.kind === 'kill') {
        run.child.kill('SIGKILL');
        await run.exited;
        happened.push(`kill -9 Importer bei ${at}`);
      } else if (next.kind === 'clamd') {
        const down = performance.now();
        await clamd!.restartClamd(1000);
        happened.push(
          `clamd neu gestartet bei ${at} (${((performance.now() - down) / 1000).toFixed(1)} s weg)`,
        );
      } else {
        const down = performance.now();
        const old = postmaster();
        process.kill(old, 'SIGKILL');
        // The watcher notices within half a second and starts it again (WAL recovery).
        while (readPostmasterPid(instance.pgDir) === old) await sleep(100);
        await settled('wartburgkreis');
        happened.push(
          `PostgreSQL kill -9 bei ${at}, wieder da nach ${((performance.now() - down) / 1000).toFixed(1)} s`,
        );
      }
      continue;
    }
    await sleep(20);
  }
  const finished = code === 0 && !JSON.parse(run.stdout().trim().split('\n').at(-1) ?? '{}').unterbrochen;
  if (finished && events.length === 0) break;
  // Stopped by a kill, or it stopped itself (database or clamd away): started again, as an operator would.
  restarts += 1;
  await sleep(500);
}
const importSeconds2 = (performance.now() - t2) / 1000;
while ((await pendingText('wartburgkreis')) > 0) await sleep(500);
const ocrPending = async () =>
  one(
    `select count(*) as n from ocr_ergebnisse where tenant_id = 'wartburgkreis' and status = 'pending'`,
    [],
  );
while ((await ocrPending()) > 0) await sleep(500);
const searchableSeconds2 = (performance.now() - t2) / 1000;

const check = (
  await db.query(
    `select
       (select count(*) from import_dateien f join import_laeufe l on l.id = f.lauf_id and l.tenant_id = f.tenant_id
         where l.tenant_id = 'wartburgkreis')::int as outcomes,
       (select count(*) from import_dateien where tenant_id = 'wartburgkreis' and status = 'duplikat')::int as seen_again,
       (select count(*) from import_dateien where tenant_id = 'wartburgkreis' and status = 'fehler')::int as failed,
       (select string_agg(distinct grund, ' | ') from import_dateien where tenant_id = 'wartburgkreis' and status = 'fehler') as reasons,
       (select count(*) from dokumente d join import_laeufe l on l.akte_id = d.akte_id and l.tenant_id = d.tenant_id
         where l.tenant_id = 'wartburgkreis')::int as documents,
       (select count(distinct dv.sha256) from dokument_versionen dv join dokumente d on d.id = dv.dokument_id
         and d.tenant_id = dv.tenant_id join import_laeufe l on l.akte_id = d.akte_id and l.tenant_id = d.tenant_id
         where l.tenant_id = 'wartburgkreis')::int as distinct_documents,
       (select count(*) from ocr_ergebnisse where tenant_id = 'wartburgkreis' and status = 'done')::int as ocr_done,
       (select count(*) from ocr_ergebnisse where tenant_id = 'wartburgkreis')::int as ocr_rows,
       (select round(avg(konfidenz), 1) from ocr_ergebnisse where tenant_id = 'wartburgkreis' and status = 'done') as ocr_confidence`,
  )
).rows[0];
const scanned = clamd ? clamd.scans() : new Map<string, number>();
const scannedTwice = [...scanned.values()].filter((n) => n > 1).length;
const ocr = await ocrRuns.runs();
// Every scan is one page, recognized by one engine run (tesseract directly, or OCRmyPDF, whose own
// tesseract calls are not counted). The bench's scans share 8 rendered images (each PDF is made
// unique after %%EOF only), so the engine's inputs repeat: count runs against scans, not per input.
const ocrRunsTotal = [...ocr.values()].reduce((a, b) => a + b, 0);
const ocrTwice = Math.max(0, ocrRunsTotal - SCANS);
const sourcesLeft = await countFiles(root2);

// --- report ---------------------------------------------------------------------------------
function perFile(seconds: number) {
  return ((seconds * 1000) / FILES).toFixed(1);
}

/** The report of the clean run (phase 1). */
function report1() {
  const importerCpu = clean.cpuSeconds();
  const workerCpu = cpu1.self - cpu0.self - importerCpu;
  console.log(`\nMassenimport (bench:import), ${new Date().toISOString()}`);
  console.log(
    `  Baum: ${FILES} Dateien (40 % Text-PDF, 30 % DOCX, 30 % E-Mail; ${COPIES} Kopien), ${values.parallel} parallel, Virenprüfung: ${clamd ? 'clamd (Pflicht)' : 'aus'}`,
  );
  console.log(
    `  Lauf 1: ${summary.importiert} importiert, ${summary.duplikate} Duplikate, ${summary.fehler} fehlgeschlagen; clamd-Prüfungen ${scansPhase1.reduce((a, b) => a + b, 0)}`,
  );
  console.log(
    `  Importer fertig nach ${importSeconds.toFixed(1)} s → ${(FILES / importSeconds).toFixed(1)} Dateien/s`,
  );
  console.log(
    `  durchsuchbar (Extraktion fertig) nach ${searchableSeconds.toFixed(1)} s → ${(FILES / searchableSeconds).toFixed(1)} Dateien/s`,
  );
  console.log(
    `  Importer RSS Spitze: ${(clean.peakRss() / 1048576).toFixed(0)} MB (mit seinen Parser-Prozessen: ${(clean.peakTreeRss() / 1048576).toFixed(0)} MB)`,
  );
  console.log(
    `  CPU je Datei: Importer ${perFile(importerCpu)} ms (mit seinen Parser-Prozessen), PostgreSQL ${perFile(cpuImported.pg - cpu0.pg)} ms bis Importende (${perFile(cpu1.pg - cpu0.pg)} ms bis durchsuchbar), Worker (Extraktion, Index, Outbox; dieser Prozess) ${perFile(workerCpu)} ms, clamd ${perFile(cpu1.clamd - cpu0.clamd)} ms – zusammen ${perFile(importerCpu + cpu1.pg - cpu0.pg + workerCpu + cpu1.clamd - cpu0.clamd)} ms`,
  );
  console.log(
    `  Last (1/5/15 min) vorher ${loadBefore}, am Ende des Imports ${loadDuring}, durchsuchbar ${loadSearchable} – 2 Kerne, mit anderen geteilt`,
  );
}
report1();
console.log(
  `  Lauf 2: ${TOTAL2} Dateien (davon ${SCANS} Scans, ${values['scan-dpi']} dpi); ${happened.join('; ')}; Importer ${restarts}× neu gestartet; fertig nach ${importSeconds2.toFixed(1)} s, durchsuchbar nach ${searchableSeconds2.toFixed(1)} s`,
);
console.log(
  `  danach ${check.outcomes} Ergebnisse für ${TOTAL2} Dateien, ${check.documents} Dokumente (${check.distinct_documents} verschiedene), ${check.seen_again} als wieder gesehen, ${check.failed} fehlgeschlagen${check.reasons ? ` (${check.reasons})` : ''}`,
);
console.log(
  `  clamd: ${[...scanned.values()].reduce((a, b) => a + b, 0)} Prüfungen für ${scanned.size} SHA-256, doppelt geprüft: ${scannedTwice}; OCR: ${ocrRunsTotal} Läufe für ${SCANS} einseitige Scans (${ocr.size} verschiedene Eingaben der Engine), doppelt: ${ocrTwice}; OCR fertig ${check.ocr_done} von ${check.ocr_rows} (mittlere Konfidenz ${check.ocr_confidence})`,
);
console.log(`  Quelldateien nach dem Lauf: ${sourcesLeft} von ${TOTAL2} (der Import liest nur)`);
const lost = TOTAL2 - check.outcomes;
const doubled = check.documents - check.distinct_documents;
const ok =
  lost === 0 &&
  doubled === 0 &&
  check.seen_again === COPIES &&
  scannedTwice === 0 &&
  ocrTwice === 0 &&
  check.ocr_done === SCANS &&
  sourcesLeft === TOTAL2;
console.log(
  `  verloren: ${lost}, doppelt: ${doubled}, doppelt geprüft: ${scannedTwice}, doppelt erkannt: ${ocrTwice}${ok ? ' – OK' : ' – FEHLER'}`,
);
if (values.profile) await printProfile(values.profile);
await worker.stop();
await db.end();
await instance.stop();
await clamd?.stop();
process.exit(ok ? 0 : 1);
