import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execTool as exec, type OcrRun, OcrRunError, tooLong, toolEnv } from './ocr.exec.ts';

export { type OcrRun, OcrRunError } from './ocr.exec.ts';

/** Mean of Tesseract's word confidences (`x_wconf`) in the hOCR files OCRmyPDF kept. */
async function confidenceOf(workDir: string) {
  let sum = 0;
  let words = 0;
  let pages = 0;
  const dirs = await readdir(workDir).catch(() => [] as string[]);
  for (const dir of dirs) {
    const files = await readdir(path.join(workDir, dir)).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.hocr'))) {
      pages++;
      const hocr = await readFile(path.join(workDir, dir, file), 'utf8');
      for (const match of hocr.matchAll(/x_wconf (\d{1,3})/g)) {
        sum += Number(match[1]);
        words++;
      }
    }
  }
  return { confidence: words ? Math.round((sum / words) * 10) / 10 : null, words, pages };
}

/**
 * OCR of one PDF with OCRmyPDF: Tesseract (German), rotation of pages from their orientation,
 * deskew, PDF/A-2b output; pages that already carry text are skipped (mixed PDFs OCR only their
 * image pages). `jobs` Tesseract processes at most, each single-threaded (OMP_THREAD_LIMIT=1).
 * Images are made PDFs first with img2pdf (lossless; every page of a multi-page TIFF).
 */
export async function runOcrmypdf({
  input,
  kind,
  jobs,
  maxPixels,
  timeoutMs,
  wantPdf,
}: {
  input: Buffer;
  kind: 'pdf' | 'image';
  jobs: number;
  maxPixels: number;
  timeoutMs: number;
  /** false: text only (a signed PDF is never rewritten; its rendition is not kept). */
  wantPdf: boolean;
}): Promise<OcrRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-'));
  const started = Date.now();
  const left = () => Math.max(1_000, timeoutMs - (Date.now() - started));
  try {
    const env = toolEnv(path.join(dir, 'work'));
    await mkdir(env.TMPDIR, { recursive: true });
    let source = path.join(dir, kind === 'pdf' ? 'in.pdf' : 'in.img');
    await writeFile(source, input);
    if (kind === 'image') {
      const converted = path.join(dir, 'in.pdf');
      const made = await exec('img2pdf', ['-o', converted, source], { env, timeoutMs: left() });
      if (made.timedOut) throw tooLong(timeoutMs);
      if (made.code !== 0)
        throw new OcrRunError(
          'ocr.image',
          'Das Bild kann nicht gelesen werden (beschädigt oder nicht unterstützt).',
        );
      source = converted;
    }
    const output = path.join(dir, 'out.pdf');
    const args = [
      '-l',
      'deu',
      '--rotate-pages',
      '--deskew',
      '--skip-text',
      '--output-type',
      wantPdf ? 'pdfa' : 'pdf',
      '--pdf-renderer',
      'hocr',
      '--jobs',
      String(Math.max(1, jobs)),
      '--optimize',
      '0',
      '--fast-web-view',
      '1000000',
      '--max-image-mpixels',
      String(Math.max(1, Math.ceil(maxPixels / 1_000_000))),
      '--tesseract-timeout',
      String(Math.ceil(timeoutMs / 1000)),
      '--keep-temporary-files',
      '--quiet',
      source,
      output,
    ];
    const result = await exec('ocrmypdf', args, { env, timeoutMs: left() });
    if (result.timedOut) throw tooLong(timeoutMs);
    // 0: done; 10: a valid PDF whose PDF/A conversion failed.
    if (result.code !== 0 && result.code !== 10) throw failure(result.code, result.stderr);
    const text = await exec('pdftotext', ['-enc', 'UTF-8', '-layout', output, '-'], {
      env,
      timeoutMs: left(),
    });
    const { confidence, words, pages } = await confidenceOf(env.TMPDIR);
    return {
      pdf: wantPdf ? await readFile(output) : null,
      pdfa: wantPdf && result.code === 0,
      text:
        text.code === 0
          ? text.stdout
              .replace(/\f/g, '\n\n')
              .replace(/[ \t]+/g, ' ')
              .trim()
          : '',
      confidence,
      words,
      pagesRecognised: pages,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function failure(code: number | null, stderr: string) {
  if (code === 8)
    return new OcrRunError(
      'ocr.encrypted',
      'Die PDF-Datei ist verschlüsselt (Kennwort); sie wird nicht erkannt.',
    );
  if (code === 2 && /DecompressionBomb|mpixels|Image size/i.test(stderr))
    return new OcrRunError(
      'ocr.too_many_pixels',
      'Ein Bild der Datei hat zu viele Bildpunkte für die Texterkennung.',
    );
  if (code === 2 || code === 4)
    return new OcrRunError(
      'ocr.input',
      'Die Datei ist beschädigt oder kein lesbares PDF; sie kann nicht erkannt werden.',
    );
  return new OcrRunError(
    'ocr.failed',
    `Die Texterkennung ist fehlgeschlagen (OCRmyPDF, Code ${code ?? 'Signal'}).`,
  );
}
