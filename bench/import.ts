/**
 * Bulk import benchmark (issue 14): a tree of born-digital files (one-page text PDFs, DOCX,
 * e-mails; 2 % exact copies under other names) imported by `verbund import` as a real child
 * process into a fresh instance, with the product's job worker extracting and indexing in this
 * process at the same time.
 *
 * Phase 1 (clean run, county Nordhausen): files/s until the importer is done and until the last
 * document is searchable (text extraction no longer pending), the importer's peak RSS (VmRSS from
 * /proc, sampled every 100 ms), the machine's load.
 * Phase 2 (kill run, Wartburgkreis, the same tree): the importer is killed with SIGKILL at
 * `--kills` random points and started again until it finishes; then every file must have its
 * outcome, every distinct file exactly one document, every copy exactly one "seen again" entry.
 *
 *   npm run bench:import -- [--files 10000] [--kills 5] [--parallel 4]
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import pg from 'pg';
import { createDocumentGenerator } from '../src/demo/generator/documents.ts';
import { renderTextPdf } from '../src/modules/records/dokumente/text-pdf.ts';
import { progress, startBenchInstance } from './support.ts';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    kills: { type: 'string', default: '5' },
    parallel: { type: 'string', default: '4' },
  },
});
const FILES = Number(values.files);
const KILLS = Number(values.kills);
const COPIES = Math.floor(FILES * 0.02);

// --- the tree -------------------------------------------------------------------------------
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

const root = await mkdtemp(path.join(tmpdir(), 'verbund-bench-import-tree-'));
const generator = createDocumentGenerator({ seed: 14 });
const made = progress('Dateien erzeugen', FILES);
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
written.length = 0;

// --- the instance, its worker and the importer --------------------------------------------
const instance = await startBenchInstance({ poolSize: 12 });
const worker = instance.services.createWorker();
worker.start();
const db = new pg.Pool({ connectionString: instance.ownerUrl, max: 2 });
const importEnv = {
  ...process.env,
  DATABASE_URL: instance.ownerUrl,
  DATABASE_APP_URL: instance.appUrl,
  VERBUND_DATA_DIR: instance.dir,
  LOG_LEVEL: 'silent',
};

/** One `verbund import` child; peak RSS sampled from /proc while it runs. */
function startImporter(tenant: string) {
  const child = spawn(
    'node',
    ['bin/verbund.js', 'import', root, '--tenant', tenant, '--parallel', String(values.parallel), '--json'],
    { env: importEnv, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let stdout = '';
  let peakRss = 0;
  // CPU seconds of the importer (user + system, /proc/<pid>/stat fields 14 and 15), last sample.
  let cpuSeconds = 0;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const sampler = setInterval(async () => {
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRss = Math.max(peakRss, kb * 1024);
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length > 13) cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  }, 100);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearInterval(sampler);
      resolve(code);
    }),
  );
  return { child, exited, stdout: () => stdout, peakRss: () => peakRss, cpuSeconds: () => cpuSeconds };
}

const settled = async (tenant: string) =>
  Number(
    (
      await db.query(
        `select count(*) as n from import_dateien f join import_laeufe l on l.id = f.lauf_id
         and l.tenant_id = f.tenant_id where l.tenant_id = $1`,
        [tenant],
      )
    ).rows[0].n,
  );
const pendingText = async (tenant: string) =>
  Number(
    (
      await db.query(
        `select count(*) as n from dokumente d join import_laeufe l on l.akte_id = d.akte_id
         and l.tenant_id = d.tenant_id where l.tenant_id = $1 and d.text_status = 'pending'`,
        [tenant],
      )
    ).rows[0].n,
  );
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

// Phase 1: one clean run.
const loadBefore = load();
const t0 = performance.now();
const clean = startImporter('nordhausen');
const cleanCode = await clean.exited;
const importSeconds = (performance.now() - t0) / 1000;
const loadDuring = load();
if (cleanCode !== 0) throw new Error(`importer exited with ${cleanCode}: ${clean.stdout()}`);
const summary = JSON.parse(clean.stdout().trim().split('\n').at(-1)!);
while ((await pendingText('nordhausen')) > 0) await sleep(200);
const searchableSeconds = (performance.now() - t0) / 1000;

// Phase 2: the same tree into another county, killed at random points.
const killedAt: number[] = [];
for (let k = 0; k < KILLS; k++) {
  const target = Math.floor(((k + Math.random()) / (KILLS + 1)) * FILES);
  const run = startImporter('wartburgkreis');
  let code: number | null | 'running' = 'running';
  void run.exited.then((c) => {
    code = c;
  });
  while (code === 'running' && (await settled('wartburgkreis')) < target) await sleep(20);
  if (code !== 'running') break;
  run.child.kill('SIGKILL');
  await run.exited;
  killedAt.push(await settled('wartburgkreis'));
}
const final = startImporter('wartburgkreis');
if ((await final.exited) !== 0) throw new Error(`importer after kills: ${final.stdout()}`);
const check = (
  await db.query(
    `select
       (select count(*) from import_dateien f join import_laeufe l on l.id = f.lauf_id and l.tenant_id = f.tenant_id
         where l.tenant_id = 'wartburgkreis')::int as outcomes,
       (select count(*) from import_dateien where tenant_id = 'wartburgkreis' and status = 'duplikat')::int as seen_again,
       (select count(*) from import_dateien where tenant_id = 'wartburgkreis' and status = 'fehler')::int as failed,
       (select count(*) from dokumente d join import_laeufe l on l.akte_id = d.akte_id and l.tenant_id = d.tenant_id
         where l.tenant_id = 'wartburgkreis')::int as documents,
       (select count(distinct dv.sha256) from dokument_versionen dv join dokumente d on d.id = dv.dokument_id
         and d.tenant_id = dv.tenant_id join import_laeufe l on l.akte_id = d.akte_id and l.tenant_id = d.tenant_id
         where l.tenant_id = 'wartburgkreis')::int as distinct_documents`,
  )
).rows[0];

console.log(`\nMassenimport (bench:import), ${new Date().toISOString()}`);
console.log(
  `  Baum: ${FILES} Dateien (40 % Text-PDF, 30 % DOCX, 30 % E-Mail; ${COPIES} Kopien), ${values.parallel} parallel`,
);
console.log(
  `  Lauf 1: ${summary.importiert} importiert, ${summary.duplikate} Duplikate, ${summary.fehler} fehlgeschlagen`,
);
console.log(
  `  Importer fertig nach ${importSeconds.toFixed(1)} s → ${(FILES / importSeconds).toFixed(1)} Dateien/s`,
);
console.log(
  `  durchsuchbar (Extraktion fertig) nach ${searchableSeconds.toFixed(1)} s → ${(FILES / searchableSeconds).toFixed(1)} Dateien/s`,
);
console.log(`  Importer RSS Spitze: ${(clean.peakRss() / 1048576).toFixed(0)} MB`);
console.log(
  `  Importer-CPU: ${clean.cpuSeconds().toFixed(1)} s (${((clean.cpuSeconds() * 1000) / FILES).toFixed(1)} ms je Datei; ohne PostgreSQL und Worker)`,
);
console.log(
  `  Last (1/5/15 min) vorher ${loadBefore}, am Ende des Imports ${loadDuring} – 2 Kerne, mit anderen geteilt`,
);
console.log(
  `  Lauf 2: kill -9 nach ${killedAt.join(', ')} Dateien; danach ${check.outcomes} Ergebnisse für ${FILES} Dateien, ${check.documents} Dokumente (${check.distinct_documents} verschiedene), ${check.seen_again} als wieder gesehen, ${check.failed} fehlgeschlagen`,
);
const lost = FILES - check.outcomes;
const doubled = check.documents - check.distinct_documents;
console.log(
  `  verloren: ${lost}, doppelt: ${doubled}${lost === 0 && doubled === 0 && check.seen_again === COPIES ? ' – OK' : ' – FEHLER'}`,
);
await worker.stop();
await db.end();
await instance.stop();
process.exit(lost === 0 && doubled === 0 ? 0 : 1);
