import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type OcrTools =
  | { available: true; tesseract: string; ocrmypdf: string }
  | { available: false; missing: string };

/**
 * Whether Tesseract with its German model and OCRmyPDF are installed. Checked at start and again
 * (at most once a minute) while they are missing, so that OCR begins by itself when they appear.
 */
export async function detectOcrTools(): Promise<OcrTools> {
  try {
    const langs = await run('tesseract', ['--list-langs'], { timeout: 10_000 });
    if (!/^deu$/m.test(`${langs.stdout}\n${langs.stderr}`))
      return { available: false, missing: 'das deutsche Sprachmodell von Tesseract (tesseract-ocr-deu)' };
    const version = await run('tesseract', ['--version'], { timeout: 10_000 });
    const ocrmypdf = await run('ocrmypdf', ['--version'], { timeout: 30_000 }).catch(() => null);
    if (!ocrmypdf) return { available: false, missing: 'OCRmyPDF (ocrmypdf)' };
    return {
      available: true,
      tesseract: `${version.stdout}${version.stderr}`.split('\n')[0]!.trim(),
      ocrmypdf: ocrmypdf.stdout.trim(),
    };
  } catch {
    return { available: false, missing: 'Tesseract (tesseract-ocr)' };
  }
}

/** detectOcrTools with a memory: a positive answer is kept, a negative one rechecked after `recheckMs`. */
export function createOcrToolProbe({
  detect = detectOcrTools,
  recheckMs = 60_000,
}: {
  detect?: () => Promise<OcrTools>;
  recheckMs?: number;
} = {}) {
  let last: { at: number; tools: OcrTools } | undefined;
  let pending: Promise<OcrTools> | undefined;
  return {
    async get(): Promise<OcrTools> {
      if (last && (last.tools.available || Date.now() - last.at < recheckMs)) return last.tools;
      pending ??= detect().then((tools) => {
        last = { at: Date.now(), tools };
        pending = undefined;
        return tools;
      });
      return pending;
    },
    /** Forget the last answer (tests, and `verbund ocr nachholen`). */
    reset() {
      last = undefined;
    },
  };
}

export type OcrToolProbe = ReturnType<typeof createOcrToolProbe>;
