import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';

/** A run that did not give a result; `message` is German, shown at the document. */
export class OcrRunError extends Error {
  constructor(
    readonly reasonCode: string,
    message: string,
  ) {
    super(message);
  }
}

export type OcrRun = {
  /** The searchable PDF/A (null when only the text was wanted). */
  pdf: Buffer | null;
  /** Whether the rendition passed OCRmyPDF's PDF/A conversion (exit 10: a valid PDF, not PDF/A). */
  pdfa: boolean;
  text: string;
  /** Mean word confidence of Tesseract over all recognised words, 0–100; null without words. */
  confidence: number | null;
  words: number;
  /** Pages Tesseract read (pages with a text layer are skipped). */
  pagesRecognised: number;
};

const MAX_OUTPUT = 64 * 1024;

/** Runs a command in its own process group, niced, killed as a group on timeout; stderr kept (bounded). */
function exec(
  command: string,
  args: string[],
  { env, timeoutMs }: { env: NodeJS.ProcessEnv; timeoutMs: number },
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>(
    (resolve, reject) => {
      const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      if (child.pid) setPriority(child.pid, 10);
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < 8 * 1024 * 1024) stdout += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-MAX_OUTPUT);
      });
      const timer = setTimeout(() => {
        timedOut = true;
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, timedOut });
      });
    },
  );
}

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
    const env = { ...process.env, OMP_THREAD_LIMIT: '1', TMPDIR: path.join(dir, 'work') };
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

const tooLong = (timeoutMs: number) =>
  new OcrRunError(
    'ocr.timeout',
    `Die Texterkennung hat länger als ${Math.round(timeoutMs / 1000)} s gebraucht und wurde abgebrochen.`,
  );

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
