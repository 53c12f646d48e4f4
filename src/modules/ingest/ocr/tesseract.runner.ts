import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHocrPage } from './hocr.ts';
import { execTool, type OcrRun, OcrRunError, tooLong, toolEnv } from './ocr.exec.ts';
import { assemblePdfA, type PdfPagePart } from './ocr.pdfa.ts';

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
  const dir = await mkdtemp(path.join(tmpdir(), 'verbund-ocr-'));
  const started = Date.now();
  const left = () => Math.max(1_000, timeoutMs - (Date.now() - started));
  try {
    const env = toolEnv(path.join(dir, 'work'));
    await mkdir(env.TMPDIR, { recursive: true });
    const source = path.join(dir, 'in.img');
    await writeFile(source, input);
    const results: Array<Awaited<ReturnType<typeof recognisePage>>> = [];
    let next = 0;
    // A small pool: never more Tesseract processes than the slots granted.
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(jobs, pages.length)) }, async () => {
        while (next < pages.length) {
          const index = next++;
          results[index] = await recognisePage({
            source,
            page: multipage ? index : null,
            pixels: pages[index]!,
            out: path.join(dir, `p${index}`),
            env,
            timeoutMs: left(),
          });
        }
      }),
    );
    const words = results.reduce((sum, page) => sum + page.hocr.words, 0);
    const sum = results.reduce((total, page) => total + page.hocr.confidenceSum, 0);
    return {
      pdf: wantPdf
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
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function recognisePage({
  source,
  page,
  pixels,
  out,
  env,
  timeoutMs,
}: {
  source: string;
  page: number | null;
  pixels: { width: number; height: number };
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
    size: guessed
      ? { width: (pixels.width * 72) / ASSUMED_DPI, height: (pixels.height * 72) / ASSUMED_DPI }
      : null,
  };
  return { part, hocr, text: text?.toString('utf8') ?? '', producer: producerOf(pdf) };
}

/** Tesseract's own Producer entry (e.g. „Tesseract 5.3.0“), kept in the joined PDF's Info and XMP. */
function producerOf(pdf: Buffer) {
  const match = /\/Producer \(([^)]{1,80})\)/.exec(pdf.subarray(-4096).toString('latin1'));
  return `${match?.[1] ?? 'Tesseract'}; Verbund (pdf-lib)`;
}
