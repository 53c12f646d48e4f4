/**
 * OCR benchmark (issue 14): generated A4 scans at 300 dpi with known German text (umlauts, ß),
 * clean and rotated + noisy, through the product's OCR runner (OCRmyPDF + Tesseract deu, deskew,
 * rotation, PDF/A) — pages per minute with one and with two workers (each one single-threaded
 * Tesseract, as the OCR slots grant them), and the character accuracy against the known text.
 *
 *   npm run bench:ocr -- [--pages 6]
 *
 * The machine's load is printed before and after: other processes (tests, other work) share the
 * cores, and the figures are only as good as the machine was quiet.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runOcrmypdf } from '../src/modules/ingest/ocr/ocrmypdf.runner.ts';
import { characterAccuracy, renderScan, SCAN_LINES, scanPostScript } from '../test/support/scans.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '6' } } });
const PAGES = Math.max(2, Number(values.pages));
const LINES = [...SCAN_LINES, ...SCAN_LINES.slice(3)];
const KNOWN = LINES.join(' ');

/** CPU seconds of this process's finished children (OCRmyPDF, Tesseract, Ghostscript), from /proc. */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

async function scans(kind: 'sauber' | 'gedreht+verrauscht') {
  const pages: Buffer[] = [];
  for (let i = 0; i < PAGES; i++)
    pages.push(
      await renderScan(
        scanPostScript(
          [LINES],
          kind === 'sauber' ? { seed: i + 1 } : { rotate: i % 2 ? 2.5 : -1.5, noise: 600, seed: i + 1 },
        ),
        'png',
      ),
    );
  return pages;
}

async function measure(pages: Buffer[], workers: number) {
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const accuracies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < pages.length) {
        const page = pages[next++]!;
        const run = await runOcrmypdf({
          input: page,
          kind: 'image',
          jobs: 1,
          maxPixels: 100_000_000,
          timeoutMs: 600_000,
          wantPdf: true,
        });
        accuracies.push(characterAccuracy(KNOWN, run.text));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    pagesPerMinute: (pages.length / seconds) * 60,
    seconds,
    cpuPerPage: (childCpuSeconds() - cpuBefore) / pages.length,
    accuracy: accuracies.reduce((a, b) => a + b, 0) / accuracies.length,
    worst: Math.min(...accuracies),
  };
}

console.log(
  `OCR-Benchmark: ${PAGES} Seiten A4, 300 dpi, je Lauf; ${availableParallelism()} Kerne (${cpus()[0]?.model ?? '?'})`,
);
console.log(
  `Last vorher (1/5/15 min): ${load()} — andere Prozesse teilen die Kerne; die Zahlen gelten nur für diese Last.`,
);
const clean = await scans('sauber');
const noisy = await scans('gedreht+verrauscht');
const rows: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
for (const [name, pages, workers] of [
  ['sauber, 1 Worker', clean, 1],
  ['sauber, 2 Worker', clean, 2],
  ['gedreht+verrauscht, 2 Worker', noisy, 2],
] as const) {
  const result = await measure([...pages], workers);
  rows.push([name, result]);
  console.log(
    `${name.padEnd(30)} ${result.pagesPerMinute.toFixed(1).padStart(6)} Seiten/min  (${result.seconds.toFixed(1)} s, ${result.cpuPerPage.toFixed(1)} CPU-s/Seite)  Zeichengenauigkeit ${(100 * result.accuracy).toFixed(2)} % (schlechteste Seite ${(100 * result.worst).toFixed(2)} %)  Last ${load()}`,
  );
}
const one = rows[0]![1];
const two = rows[1]![1];
console.log(
  `Verhältnis 2 Worker / 1 Worker: ${(two.pagesPerMinute / one.pagesPerMinute).toFixed(2)} (Ziel ≥ 1,7)`,
);
console.log(
  `Ziel ≥ 20 Seiten/min: ${two.pagesPerMinute >= 20 ? 'erreicht' : 'nicht erreicht'}; Genauigkeit sauber ≥ 98 %: ${one.accuracy >= 0.98 ? 'erreicht' : 'nicht erreicht'}`,
);
console.log(`Last nachher (1/5/15 min): ${load()}`);
