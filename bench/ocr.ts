/**
 * OCR benchmark (issue 14): generated A4 scans at 300 dpi with known German text (umlauts, ß),
 * clean and rotated + noisy, through the product's OCR path for images (Tesseract deu directly per
 * page, orientation, deskew, PDF/A-2b joined in-process: tesseract.runner.ts) — pages per minute
 * with one and with two workers (each one single-threaded Tesseract, as the OCR slots grant them),
 * CPU seconds per page (the Tesseract processes and this process's own share, from /proc), the
 * projected ceiling of a quiet 2-core machine, and the character accuracy against the known text.
 *
 *   npm run bench:ocr -- [--pages 6] [--vergleich]
 *
 * `--vergleich` also runs the former path (img2pdf + OCRmyPDF with --rotate-pages --deskew and
 * PDF/A via Ghostscript) on the clean pages. The machine's load is printed with every row: other
 * processes share the cores; CPU seconds per page do not depend on them, pages per minute do.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { readImageHeader } from '../src/modules/ingest/ocr/image-header.ts';
import { runOcrmypdf } from '../src/modules/ingest/ocr/ocrmypdf.runner.ts';
import { runTesseractImage } from '../src/modules/ingest/ocr/tesseract.runner.ts';
import { characterAccuracy, renderScan, SCAN_LINES, scanPostScript } from '../test/support/scans.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: '6' }, vergleich: { type: 'boolean', default: false } },
});
const PAGES = Math.max(2, Number(values.pages));
const LINES = [...SCAN_LINES, ...SCAN_LINES.slice(3)];
const KNOWN = LINES.join(' ');
const CORES = availableParallelism();

/** CPU seconds of this process and of its finished children (Tesseract, OCRmyPDF, Ghostscript), from /proc. */
function cpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = (i: number) => Number(fields[i]) / 100;
  return { own: ticks(11) + ticks(12), children: ticks(13) + ticks(14) };
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

type Kind = 'sauber' | 'gedreht+verrauscht';
async function scans(kind: Kind) {
  const pages: Buffer[] = [];
  for (let i = 0; i < PAGES; i++) {
    const options =
      kind === 'sauber'
        ? { seed: i + 1 }
        : // Skewed both ways, every third sheet also fed upside down or sideways.
          { rotate: i % 2 ? 2.5 : -1.5, noise: 600, seed: i + 1, turn: ([0, 180, 90] as const)[i % 3] };
    pages.push(await renderScan(scanPostScript([LINES], options), 'png'));
  }
  return pages;
}

async function ocrPage(page: Buffer, path: 'tesseract' | 'ocrmypdf') {
  if (path === 'ocrmypdf')
    return runOcrmypdf({
      input: page,
      kind: 'image',
      jobs: 1,
      maxPixels: 100_000_000,
      timeoutMs: 600_000,
      wantPdf: true,
    });
  const header = readImageHeader(page, { maxPages: 1 });
  return runTesseractImage({
    input: page,
    pages: header.pages,
    multipage: false,
    jobs: 1,
    timeoutMs: 600_000,
  });
}

async function measure(pages: Buffer[], workers: number, path: 'tesseract' | 'ocrmypdf' = 'tesseract') {
  const before = cpuSeconds();
  const started = performance.now();
  const accuracies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < pages.length) {
        const run = await ocrPage(pages[next++]!, path);
        if (!run.pdf || !run.pdfa) throw new Error('keine PDF/A-Fassung');
        accuracies.push(characterAccuracy(KNOWN, run.text));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = cpuSeconds();
  const cpuPerPage = (after.own - before.own + after.children - before.children) / pages.length;
  return {
    pagesPerMinute: (pages.length / seconds) * 60,
    seconds,
    cpuPerPage,
    ownPerPage: (after.own - before.own) / pages.length,
    ceiling: (CORES * 60) / cpuPerPage,
    accuracy: accuracies.reduce((a, b) => a + b, 0) / accuracies.length,
    worst: Math.min(...accuracies),
  };
}

const de = (n: number, digits = 1) =>
  n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(
  `OCR-Benchmark: ${PAGES} Seiten A4, 300 dpi, je Lauf; ${CORES} Kerne (${cpus()[0]?.model ?? '?'})`,
);
console.log(
  `Last vorher (1/5/15 min): ${load()} — andere Prozesse teilen die Kerne; Seiten/min gelten nur für diese Last.`,
);
const clean = await scans('sauber');
const noisy = await scans('gedreht+verrauscht');
const runs: Array<[string, Buffer[], number, 'tesseract' | 'ocrmypdf']> = [
  ['sauber, 1 Worker', clean, 1, 'tesseract'],
  ['sauber, 2 Worker', clean, 2, 'tesseract'],
  ['gedreht+verrauscht, 2 Worker', noisy, 2, 'tesseract'],
];
if (values.vergleich) runs.push(['bisher (OCRmyPDF), sauber, 2 Worker', clean, 2, 'ocrmypdf']);
const rows: Array<Awaited<ReturnType<typeof measure>>> = [];
for (const [name, pages, workers, path] of runs) {
  const result = await measure([...pages], workers, path);
  rows.push(result);
  console.log(
    `${name.padEnd(36)} ${de(result.pagesPerMinute).padStart(6)} Seiten/min (${de(result.seconds)} s)  ${de(result.cpuPerPage, 2)} CPU-s/Seite (davon Node ${de(result.ownPerPage, 2)})  Decke ruhig ${de(result.ceiling)} Seiten/min  Genauigkeit ${de(100 * result.accuracy, 2)} % (schlechteste ${de(100 * result.worst, 2)} %)  Last ${load()}`,
  );
}
const [one, two, rotated] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
console.log(`Verhältnis 2 Worker / 1 Worker: ${de(two.pagesPerMinute / one.pagesPerMinute, 2)} (Ziel ≥ 1,7)`);
console.log(
  `Projektierte Decke einer ruhigen Maschine (${CORES} × 60 / CPU-s je Seite): sauber ${de(two.ceiling)}, gedreht+verrauscht ${de(rotated.ceiling)} Seiten/min (Ziel ≥ 20)`,
);
console.log(
  `Gemessen: ${de(two.pagesPerMinute)} Seiten/min mit 2 Workern – Ziel ≥ 20 ${two.pagesPerMinute >= 20 ? 'erreicht' : 'bei dieser Last nicht erreicht'}; Genauigkeit sauber ≥ 98 %: ${one.accuracy >= 0.98 ? 'erreicht' : 'nicht erreicht'}`,
);
console.log(`Last nachher (1/5/15 min): ${load()}`);
