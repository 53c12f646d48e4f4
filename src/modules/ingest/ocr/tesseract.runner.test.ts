import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  characterAccuracy,
  pdfaProblems,
  pdfText,
  renderScan,
  SCAN_LINES,
  scanPostScript,
} from '../../../../test/support/scans.ts';
import { parseHocrPage } from './hocr.ts';
import { readImageHeader } from './image-header.ts';
import { runTesseractImage, runTesseractScannedPdf } from './tesseract.runner.ts';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-runner-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function ocr(image: Buffer, jobs = 1) {
  const header = readImageHeader(image, { maxPages: 20 });
  return runTesseractImage({
    input: image,
    pages: header.pages,
    multipage: header.format === 'tiff',
    jobs,
    timeoutMs: 240_000,
  });
}

/** How the rendition looks: page 1 rendered as a viewer shows it (with /Rotate), read again by Tesseract. */
async function seenAgain(pdf: Buffer) {
  await writeFile(path.join(dir, 'seen.pdf'), pdf);
  await run('pdftoppm', [
    '-r',
    '150',
    '-gray',
    '-png',
    '-singlefile',
    path.join(dir, 'seen.pdf'),
    path.join(dir, 'seen'),
  ]);
  await run(
    'tesseract',
    [path.join(dir, 'seen.png'), path.join(dir, 'seen'), '-l', 'deu', '--psm', '1', 'hocr'],
    {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    },
  );
  return parseHocrPage(await readFile(path.join(dir, 'seen.hocr'), 'utf8'));
}

describe('OCR of images with Tesseract directly (no OCRmyPDF, no Ghostscript)', () => {
  it('reads a page fed sideways (90°) and one upside down (180°), both skewed, and makes them upright and straight in a PDF/A-2b', async () => {
    for (const turn of [90, 180] as const) {
      const scan = await renderScan(scanPostScript([SCAN_LINES], { turn, rotate: 2.5, noise: 300 }), 'png');
      const result = await ocr(scan);
      expect(characterAccuracy(SCAN_LINES.join(' '), result.text)).toBeGreaterThan(0.97);
      expect(result.text).toMatch(/Grüßen/);
      expect(result.pdfa).toBe(true);
      expect(pdfaProblems(result.pdf!)).toEqual([]);
      const doc = await PDFDocument.load(result.pdf!);
      expect(doc.getPage(0).getRotation().angle).toBe(turn);
      // The text layer lies on the pixels: extractable, umlauts and ß intact.
      expect(await pdfText(result.pdf!)).toContain('Straße, Größe, Fußgänger');
      // As a viewer shows it, the page stands upright and its lines run straight (was 2.5°).
      const seen = await seenAgain(result.pdf!);
      expect(seen.rotate).toBe(0);
      expect(Math.abs(seen.skewDegrees)).toBeLessThan(0.5);
    }
  }, 240_000);

  it('gives the mean word confidence of the recognised words, and none for a page without text', async () => {
    const clean = await ocr(await renderScan(scanPostScript([SCAN_LINES]), 'png'));
    expect(clean.words).toBeGreaterThan(50);
    expect(clean.confidence).toBeGreaterThan(85);
    expect(clean.confidence).toBeLessThanOrEqual(100);
    expect(characterAccuracy(SCAN_LINES.join(' '), clean.text)).toBeGreaterThanOrEqual(0.98);
    const blank = await ocr(await renderScan(scanPostScript([[]]), 'png'));
    expect(blank).toMatchObject({ words: 0, confidence: null, pagesRecognised: 1, pdfa: true });
    expect(pdfaProblems(blank.pdf!)).toEqual([]);
  }, 120_000);

  it('recognises the pages of a TIFF in parallel, never more Tesseract processes than slots, each single-threaded', async () => {
    // A tesseract in front of the real one notes when each process starts and ends, and its thread limit.
    const real = execFileSync('which', ['tesseract']).toString().trim();
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'tesseract.log');
    await run('mkdir', ['-p', bin]);
    await writeFile(
      path.join(bin, 'tesseract'),
      `#!/bin/sh\necho "start $(date +%s%N) $OMP_THREAD_LIMIT" >> ${log}\n${real} "$@"\nrc=$?\necho "end $(date +%s%N)" >> ${log}\nexit $rc\n`,
    );
    await chmod(path.join(bin, 'tesseract'), 0o755);
    const pages = [0, 1, 2, 3].map((n) => [`Seite ${n + 1} von 4`, SCAN_LINES[n + 4]!]);
    const tiff = await renderScan(scanPostScript(pages), 'tiff');
    const saved = process.env.PATH;
    const concurrency = async (jobs: number) => {
      await writeFile(log, '');
      process.env.PATH = `${bin}:${saved}`;
      try {
        const result = await ocr(tiff, jobs);
        expect(result.pagesRecognised).toBe(4);
        expect(result.text).toMatch(
          /Seite 1 von 4[\s\S]*Seite 2 von 4[\s\S]*Seite 3 von 4[\s\S]*Seite 4 von 4/,
        );
        expect((await PDFDocument.load(result.pdf!)).getPageCount()).toBe(4);
      } finally {
        process.env.PATH = saved;
      }
      const events = (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => line.split(' '))
        .map(([kind, at, threads]) => ({ kind, at: BigInt(at!), threads }))
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      expect(events.filter((e) => e.kind === 'start')).toHaveLength(4);
      expect(events.filter((e) => e.kind === 'start').every((e) => e.threads === '1')).toBe(true);
      let running = 0;
      let most = 0;
      for (const event of events) {
        running += event.kind === 'start' ? 1 : -1;
        most = Math.max(most, running);
      }
      return most;
    };
    expect(await concurrency(2)).toBe(2);
    expect(await concurrency(1)).toBe(1);
  }, 240_000);

  it('takes a PDF only as a plain scan when every page is one image filling it: a page with text, vector or a small image is left to OCRmyPDF', async () => {
    const scan = await renderScan(scanPostScript([SCAN_LINES.slice(0, 3)]), 'png');
    const mixed = await PDFDocument.create();
    const font = await mixed.embedFont(StandardFonts.Helvetica);
    mixed.addPage([595, 842]).drawText('Textseite', { x: 50, y: 780, size: 12, font });
    const small = await PDFDocument.create();
    const image = await small.embedPng(scan);
    small.addPage([595, 842]).drawImage(image, { x: 100, y: 100, width: 200, height: 283 });
    const options = { jobs: 1, timeoutMs: 60_000, maxPixels: 100_000_000, wantPdf: true };
    expect(await runTesseractScannedPdf({ input: Buffer.from(await mixed.save()), ...options })).toBeNull();
    expect(await runTesseractScannedPdf({ input: Buffer.from(await small.save()), ...options })).toBeNull();
    // The same image filling the page is a scan; above the pixel limit it is left to OCRmyPDF's refusal.
    const full = await PDFDocument.create();
    full.addPage([595, 842]).drawImage(await full.embedPng(scan), { x: 0, y: 0, width: 595, height: 842 });
    const fullBytes = Buffer.from(await full.save());
    expect(await runTesseractScannedPdf({ input: fullBytes, ...options, maxPixels: 1_000_000 })).toBeNull();
    const read = await runTesseractScannedPdf({ input: fullBytes, ...options });
    expect(read?.text).toContain('Lindenbühl');
    expect(pdfaProblems(read!.pdf!)).toEqual([]);
  }, 120_000);
});
