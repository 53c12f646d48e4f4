import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHocrPage } from './hocr.ts';
import { execTool, type OcrRun, OcrRunError, tooLong, toolEnv } from './ocr.exec.ts';
import type { PdfPagePart } from './ocr.pdfa.ts';
import { extractPageImages, scannedPdfPages } from './scanned-pdf.ts';

/** Resolution assumed for an image that states none (the usual scanner setting). */
const ASSUMED_DPI = 300;

/**
 * OCR of a scan given as an image (PNG, JPEG, TIFF, also multi-page) by calling Tesseract directly,
 * one process per page, at most `jobs` at once (each single-threaded). Per page one Tesseract run
 * in page segmentation mode 1 (orientation detection included) writes three renditions at once:
 * `pdf` (the image with an invisible text layer), `hocr` (word confidences, the page's orientation,
 * the skew of its lines) and `txt`. The pages are joined into a PDF/A-2b in this process
 * (`ocr.pdfa.ts`): no Python start, no rasterising, no Ghostscript (issue 14, measured in README).
 */
export async function runTesseractImage({
  input,
  pages,
  multipage,
  jobs,
  timeoutMs,
  wantPdf = true,
}: {
  input: Buffer;
  /** Pixel size of each page, from the header (image-header.ts). */
  pages: Array<{ width: number; height: number }>;
  /** TIFF: pages are chosen with `tessedit_page_number`; PNG/JPEG have one page. */
  multipage: boolean;
  jobs: number;
  timeoutMs: number;
  wantPdf?: boolean;
}): Promise<OcrRun> {
  return inWorkDir(async ({ dir, env, left }) => {
    const source = path.join(dir, 'in.img');
    await writeFile(source, input);
    const items = pages.map((pixels, index) => ({
      source,
      page: multipage ? index : null,
      pixels,
      size: null,
    }));
    return recognisePages({ items, dir, env, jobs, left, wantPdf });
  }, timeoutMs);
}

/**
 * A PDF that is a plain scan (every page one image covering it, no text; `scanned-pdf.ts`): its
 * images are taken out as they are (JPEG stays JPEG) and read like image scans; each page keeps
 * its size. Null when the PDF is not such a scan (then OCRmyPDF does it).
 */
export async function runTesseractScannedPdf({
  input,
  jobs,
  timeoutMs,
  maxPixels,
  wantPdf,
}: {
  input: Buffer;
  jobs: number;
  timeoutMs: number;
  maxPixels: number;
  wantPdf: boolean;
}): Promise<OcrRun | null> {
  return inWorkDir(async ({ dir, env, left }) => {
    const pdf = path.join(dir, 'in.pdf');
    await writeFile(pdf, input);
    const pages = await scannedPdfPages({ pdf, env, timeoutMs: left(), maxPixels });
    if (!pages) return null;
    await mkdir(path.join(dir, 'images'));
    const items = await extractPageImages({ pdf, pages, dir, env, timeoutMs: left() });
    if (!items) return null;
    return recognisePages({ items, dir, env, jobs, left, wantPdf });
  }, timeoutMs);
}

type WorkDir = { dir: string; env: ReturnType<typeof toolEnv>; left: () => number };

async function inWorkDir<T>(work: (wd: WorkDir) => Promise<T>, timeoutMs: number): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-'));
  const started = Date.now();
  try {
    const env = toolEnv(path.join(dir, 'work'));
    await mkdir(env.TMPDIR, { recursive: true });
    return await work({ dir, env, left: () => Math.max(1_000, timeoutMs - (Date.now() - started)) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type PageItem = {
  source: string;
  page: number | null;
  pixels: { width: number; height: number };
  /** Page size in points to keep (a scanned PDF's page); null: from the image's resolution. */
  size: { width: number; height: number } | null;
};

async function recognisePages({
  items,
  dir,
  env,
  jobs,
  left,
  wantPdf,
}: WorkDir & { items: PageItem[]; jobs: number; wantPdf: boolean }): Promise<OcrRun> {
  const results: Array<Awaited<ReturnType<typeof recognisePage>>> = [];
  let next = 0;
  // A small pool: never more Tesseract processes than the slots granted.
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await recognisePage({
          ...items[index]!,
          out: path.join(dir, `p${index}`),
          env,
          timeoutMs: left(),
        });
      }
    }),
  );
  const words = results.reduce((sum, page) => sum + page.hocr.words, 0);
  const sum = results.reduce((total, page) => total + page.hocr.confidenceSum, 0);
  // ocr.pdfa.ts (pdf-lib: a third of a second of CPU to import) is loaded only when a PDF is wanted.
  const { assemblePdfA } = wantPdf ? await import('./ocr.pdfa.ts') : { assemblePdfA: null };
  return {
    pdf: assemblePdfA
      ? await assemblePdfA({ pages: results.map((page) => page.part), producer: results[0]!.producer })
      : null,
    pdfa: wantPdf,
    text: results
      .map((page) => page.text.replace(/[ \t]+/g, ' ').trim())
      .join('\n\n')
      .trim(),
    confidence: words ? Math.round((sum / words) * 10) / 10 : null,
    words,
    pagesRecognised: results.length,
  };
}

async function recognisePage({
  source,
  page,
  pixels,
  size,
  out,
  env,
  timeoutMs,
}: PageItem & {
  out: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}) {
  const args = [source, out, '-l', 'deu', '--psm', '1'];
  if (page !== null) args.push('-c', `tessedit_page_number=${page}`);
  const result = await execTool('tesseract', [...args, 'pdf', 'hocr', 'txt'], { env, timeoutMs });
  if (result.timedOut) throw tooLong(timeoutMs);
  const [pdf, hocrText, text] = await Promise.all(
    ['pdf', 'hocr', 'txt'].map((ext) => readFile(`${out}.${ext}`).catch(() => null)),
  );
  if (result.code !== 0 || !pdf || !hocrText)
    throw new OcrRunError(
      'ocr.image',
      'Das Bild kann nicht gelesen werden (beschädigt oder nicht unterstützt).',
    );
  const hocr = parseHocrPage(hocrText.toString('utf8'));
  // Without a credible resolution Tesseract guesses one from the text size; the page then gets
  // the size of the assumed scanner resolution instead of a guessed (often poster-sized) one.
  const guessed = /Invalid resolution|Estimating resolution/.test(result.stderr);
  const part: PdfPagePart = {
    pdf,
    rotate: hocr.rotate,
    skewDegrees: hocr.skewDegrees,
    size:
      size ??
      (guessed
        ? { width: (pixels.width * 72) / ASSUMED_DPI, height: (pixels.height * 72) / ASSUMED_DPI }
        : null),
  };
  return { part, hocr, text: text?.toString('utf8') ?? '', producer: producerOf(pdf) };
}

/** Tesseract's own Producer entry (e.g. „Tesseract 5.3.0“), kept in the joined PDF's Info and XMP. */
function producerOf(pdf: Buffer) {
  const match = /\/Producer \(([^)]{1,80})\)/.exec(pdf.subarray(-4096).toString('latin1'));
  return `${match?.[1] ?? 'Tesseract'}; Verbund (pdf-lib)`;
}
